"""What a request may carry, checked once before any view runs (issue 12, finding 6).

- JSON bodies: at most ``MAX_DEPTH`` levels of nesting (Python's parser would recurse until it
  overflows the stack), integers within 64 bits (a 5,000-digit literal makes ``int()`` raise), no
  ``NaN``/``Infinity``, no NUL character in any string.
- Paths, query strings and form fields: no NUL character (PostgreSQL's text types cannot hold one,
  and the driver raises instead of the query answering "not found").
- Row ids in paths use the ``id`` converter: a whole number 1..``engine.ids.MAX_ID``; anything else
  does not match the route (404). Ids in bodies go through ``engine.ids.parse_id``.

Each refusal is a 400 with a message saying what was wrong, as JSON under /api/ and a page elsewhere.
"""

from __future__ import annotations

import json
import math

from flask import current_app, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

from engine.ids import MAX_ID
from engine.messages import Message

MAX_DEPTH = 32
"""Nesting of a JSON body; Kawal's deepest body (a task's form data) has four levels."""
INT_BOUND = 2**63
NUL = "\x00"


class IdConverter(IntegerConverter):
    """``<id:name>``: a row id, 1..MAX_ID; any other number is no route at all (404)."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=MAX_ID)


def id_parameter_schema(_converter) -> dict:
    return {"type": "integer", "minimum": 1, "maximum": MAX_ID}


class Refused(BadRequest):
    """A body outside the parser's limits: 400 with a message (``engine.messages``) in the reader's language."""

    def __init__(self, code: str, **params):
        self.message = Message(code, params)
        super().__init__(str(self.message))


def _int(text: str) -> int:
    if len(text.lstrip("-")) > 19:
        raise Refused("number_at_most", max=INT_BOUND - 1)
    number = int(text)
    if not -INT_BOUND <= number < INT_BOUND:
        raise Refused("number_at_most", max=INT_BOUND - 1)
    return number


def _float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise Refused("number_too_large")
    return number


def _constant(name: str):
    raise Refused("not_a_json_number", name=name)


def parse_json(raw: bytes):
    """Parse a JSON body within the limits above, or raise a 400 that says which one it broke."""
    try:
        value = json.loads(raw, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except RecursionError:
        raise Refused("json_too_deep", max=MAX_DEPTH) from None
    except (ValueError, UnicodeDecodeError) as exc:
        if isinstance(exc, Refused):
            raise
        raise Refused("malformed_json") from None
    _walk(value, 0)
    return value


def _walk(value, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise Refused("json_too_deep", max=MAX_DEPTH)
    if isinstance(value, str):
        _no_nul(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key)
            _walk(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _walk(item, depth + 1)


def _no_nul(text: str) -> None:
    if NUL in text:
        raise Refused("nul_refused")


def body_limit(limit: int):
    """A view whose body may be larger than the app's ``MAX_CONTENT_LENGTH`` (set for five attachments: an
    auditor's anchor file) or must be smaller (a gateway's text). ``check_request`` sets the view's limit before
    anything reads the body; a longer one is answered 413."""

    def mark(view):
        view.max_upload = limit
        return view

    return mark


def check_request() -> None:
    """Refuse, before any view, a request that would break a parser or a database driver."""
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    if getattr(view, "max_upload", None):
        request.max_content_length = view.max_upload
    _no_nul(request.path)
    for values in (request.args, request.form if request.mimetype in _FORMS else MultiDict()):
        for key, value in values.items(multi=True):
            _no_nul(key)
            _no_nul(value)
    if request.is_json and request.content_length != 0:
        data = request.get_data(cache=True)
        if data:
            parse_json(data)


_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def init_app(app, api) -> None:
    """Register the ``id`` converter (with its OpenAPI schema) and the request check; before the blueprints."""
    app.url_map.converters["id"] = IdConverter
    api.register_converter(IdConverter, id_parameter_schema)
    app.before_request(check_request)
