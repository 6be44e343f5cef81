"""The intake bodies' OpenAPI schemas carry the limits of the forms that check them (forms/*.json).

The marshmallow schemas of /api/v1 check shape and types; the engine checks each form's rules against
its JSON Schema. So that the document tells a client what the engine will accept, each field of an
intake body gets, as documentation, the constraints of the same field in its form: lengths, patterns,
choices, formats, item counts. Nothing here validates: the engine stays the one place that does.
"""

from __future__ import annotations

import json

from marshmallow import Schema, fields

from engine.config import FORMS_DIR

DOCUMENTED = ("minLength", "maxLength", "pattern", "enum", "format", "minimum", "maximum", "minItems", "maxItems")


def form(name: str) -> dict:
    return json.loads((FORMS_DIR / name).read_text(encoding="utf-8"))


def with_limits(schema: type[Schema], node: dict) -> type[Schema]:
    """Copy ``node``'s (a form's JSON Schema) field constraints onto ``schema``'s declared fields, recursively."""
    properties = node.get("properties", {})
    for name, field in schema._declared_fields.items():
        if (name := field.data_key or name) in properties:
            _document(field, properties[name])
    return schema


def _document(field: fields.Field, node: dict) -> None:
    if isinstance(field, fields.Nested) and isinstance(field.nested, type):
        with_limits(field.nested, node)
        return
    if isinstance(field, fields.List):
        _copy(field, node)
        if isinstance(node.get("items"), dict):
            _copy(field.inner, node["items"])
        return
    _copy(field, node)


def _copy(field: fields.Field, node: dict) -> None:
    for key in DOCUMENTED:
        if key in node:
            field.metadata.setdefault(key, node[key])
    if "const" in node:
        field.metadata.setdefault("enum", [node["const"]])
