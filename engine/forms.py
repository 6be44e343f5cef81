"""Loads the JSON Schema forms in ``forms/`` and validates submitted data against them.

Errors come back as ``{field path: [messages]}`` (``engine.messages.Message``), the shape the API
returns with HTTP 422 in the caller's language.
"""

import json
from functools import lru_cache
from pathlib import Path

from email_validator import EmailNotValidError, validate_email
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from engine import nik
from engine.errors import Invalid
from engine.messages import Message, msg

# Each jsonschema validator's message code (engine.messages); any other validator says "invalid".
_MESSAGES = {
    "required": "required",
    "additionalProperties": "field_unknown",
    "type": "wrong_type",
    "enum": "not_a_choice",
    "const": "must_confirm",
    "format": "wrong_format",
    "pattern": "wrong_format",
    "minLength": "too_short",
    "maxLength": "too_long",
    "minimum": "too_small",
    "minItems": "choose_one",
    "anyOf": "email_or_phone",
}
# Length limits are said with their number (a filer knows how far to go), unless the field has its own words.
_LIMITS = {"minLength": "chars_at_least", "maxLength": "chars_at_most"}


FORMATS = FormatChecker()


@FORMATS.checks("email", raises=EmailNotValidError)
def _email(value: object) -> bool:
    """An address mail can be sent to (email-validator: syntax, no CR/LF or spaces, no reserved domain).

    jsonschema's own check only looks for an "@", so a value with a line break passed and broke
    the message built from it later. Deliverability (DNS) is not checked: intake must not wait on it.
    """
    if isinstance(value, str):
        validate_email(value, check_deliverability=False)
    return True


@FORMATS.checks("nik", raises=nik.NotANik)
def _nik(value: object) -> bool:
    """A NIK that can exist (engine.nik), the one rule of every form that asks for one; a value that is not 16 digits
    is another kind of identity number, left to the field's pattern."""
    if isinstance(value, str) and (problem := nik.problem(value)) is not None:
        raise nik.NotANik(problem)
    return True


NEEDS_STEP = "x-needs-step"  # a field that only a later version of its process reads: the step that reads it
# A field asked only on cases whose record holds one of some values: {"<Case.details key>": [values]}.
CASE_WHEN = "x-case-when"
NOT_ASKED = "x-not-asked"  # in a form trimmed by for_case: the fields its case does not ask
# On a field, ``"x-not-asked": true``: a field no case asks any more (a retired question), kept in the form so that a
# client still sending the old body is not refused (additionalProperties): for_case leaves it out of every task's form
# and its answer is dropped like that of any field the case does not ask.
# On a field marked x-case-when: the refusal code of an answer given where its case does not ask it (an answer that
# would say something the law rules out there, e.g. an authority to settle where nothing can be settled). Without it an
# answer given anyway is left out. In a form trimmed by for_case: {field: code} of the fields left out that carry one.
NOT_ASKED_ERROR = "x-not-asked-error"
NOT_ASKED_REFUSED = "x-not-asked-refused"


def for_steps(schema: dict, steps) -> dict:
    """``schema`` as a task of a case whose process version has the BPMN ``steps`` offers it: without the fields
    marked ``x-needs-step`` with a step that version lacks (a case started before the field's step existed keeps
    its own model, and nothing there would act on the answer). ``steps`` is called only when a field is marked."""
    marked = {name: node.get(NEEDS_STEP) for name, node in schema.get("properties", {}).items() if NEEDS_STEP in node}
    if not marked:
        return schema
    have = steps()
    return _without(schema, {name for name, step in marked.items() if step not in have})


def for_case(schema: dict, details) -> dict:
    """``schema`` as a task of a case whose record (``Case.details``, from ``details()``) asks it: without the fields
    marked ``x-case-when`` (``{"alasan": ["b", "c"]}``) whose key the record holds with none of the values. A dispute
    on ground a alone is not mediated (UU 14/2008 Pasal 40), so its power of attorney asks no authority to settle in
    mediation: the letter leaves the answer out. A key the record lacks or leaves empty keeps the field (nothing says
    it does not apply). ``details`` is called only when a field is marked. A field marked ``"x-not-asked": true`` is
    asked on no case (a retired question whose old answer a client may still send) and is always left out.

    The trimmed form names the fields left out (``x-not-asked``): an answer given to one anyway is left out of the
    task's data (``answered``), neither refused (the page never asks it) nor recorded (nothing acts on it); unless
    the field names its refusal (``x-not-asked-error``): an authority to settle on a dispute on ground a alone would
    tell the Commission the attorneys may settle what the law lets no one settle (UU 14/2008 Pasal 35(2), 40), so it
    is refused beside the field (422), and nothing is recorded."""
    properties = schema.get("properties", {})
    marked = {name: node[CASE_WHEN] for name, node in properties.items() if CASE_WHEN in node}
    dropped = {name for name, node in properties.items() if node.get(NOT_ASKED) is True}  # asked on no case
    if not marked and not dropped:
        return schema
    record = (details() or {}) if marked else {}
    for name, when in marked.items():
        for key, values in when.items():
            held = record.get(key)
            held = set(held) if isinstance(held, list | tuple) else {held} if held else set()
            if held and not held & set(values):
                dropped.add(name)
    trimmed = _without(schema, dropped)
    if trimmed is schema:
        return schema
    refused = {name: properties[name][NOT_ASKED_ERROR] for name in dropped if NOT_ASKED_ERROR in properties[name]}
    return {**trimmed, NOT_ASKED: sorted(dropped), **({NOT_ASKED_REFUSED: refused} if refused else {})}


def answered(schema: dict, data: dict) -> dict:
    """``data`` without the answers to the fields ``schema``'s case does not ask (``for_case``); an answer to one
    that names its refusal (``x-not-asked-error``) is refused beside it, every such field at once, unless it says
    no (``false``, ``null``): no authority to settle is what the case holds anyway."""
    skipped = schema.get(NOT_ASKED)
    if not skipped:
        return data
    given = {k for k, v in data.items() if v is not None and v is not False}
    refused = {k: [msg(code)] for k, code in schema.get(NOT_ASKED_REFUSED, {}).items() if k in given}
    if refused:
        raise Invalid("invalid_data", fields=refused)
    return {k: v for k, v in data.items() if k not in skipped}


def _without(schema: dict, dropped: set[str]) -> dict:
    """``schema`` without the top-level fields ``dropped``, neither offered nor required (``schema`` if none): nor
    by an ``allOf`` rule (``if`` some answer, ``then`` required), which keeps what else it requires."""
    if not dropped:
        return schema
    trimmed = dict(schema)
    trimmed["properties"] = {k: v for k, v in schema["properties"].items() if k not in dropped}
    if "required" in schema:
        trimmed["required"] = [k for k in schema["required"] if k not in dropped]
    if "allOf" in schema:
        trimmed["allOf"] = [rule for rule in (_rule_without(r, dropped) for r in schema["allOf"]) if rule is not None]
    return trimmed


def _rule_without(rule: dict, dropped: set[str]) -> dict | None:
    """An ``allOf`` rule without the requirement of the fields ``dropped``; None when it required nothing else."""
    then = rule.get("then")
    if "if" not in rule or not isinstance(then, dict) or not set(then.get("required", ())) & dropped:
        return rule
    left = [k for k in then["required"] if k not in dropped]
    if not left and set(then) == {"required"}:
        return None
    return {**rule, "then": {**then, "required": left}}


class FormRegistry:
    def __init__(self, directory: Path):
        self.directory = directory

    def schema(self, name: str) -> dict:
        return _schema(self.directory, name)

    def errors(self, name: str, data: object) -> dict[str, list[Message]]:
        return _errors(_validator(self.directory, name), data)

    def validate(self, name: str, data: object, schema: dict | None = None) -> dict:
        """``data`` checked against the form ``name``, or against ``schema``, the form as a task of its case offers it
        (``Runtime.task_form``: fields left out by ``for_steps``/``for_case`` neither required nor accepted)."""
        trimmed = schema is not None and schema is not self.schema(name)
        fields = errors_in(schema, data) if trimmed else self.errors(name, data)
        if fields:
            raise Invalid("invalid_data", fields=fields)
        return data  # type: ignore[return-value]


# Read and checked once per process and folder, whichever registry asks: the forms are files shipped with the code,
# and checking a schema costs more than the validation it serves (a runtime built per test paid it each time).
@lru_cache(maxsize=128)
def _schema(directory: Path, name: str) -> dict:
    path = (directory / name).resolve()
    if path.parent != directory.resolve() or not path.is_file():
        raise LookupError(f"form {name!r} not found in {directory}")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=128)
def _validator(directory: Path, name: str) -> Draft202012Validator:
    schema = _schema(directory, name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FORMATS)


def errors_in(schema: dict, data: object) -> dict[str, list[Message]]:
    """``data`` checked against a schema built from the forms' parts (not cached: for a rare operation)."""
    return _errors(Draft202012Validator(schema, format_checker=FORMATS), data)


def _errors(validator: Draft202012Validator, data: object) -> dict[str, list[Message]]:
    fields: dict[str, list[Message]] = {}
    for error in _most_specific(validator.iter_errors(data)):
        for path, message in _describe(error):
            fields.setdefault(path, []).append(message)
    return fields


def _most_specific(errors):
    """One pattern error a field: a conditional rule's (an individual's NIK is 16 digits) over the field's own
    looser one (a NIK or a legal entity's decree number), which would say the same thing less exactly."""
    kept: dict[tuple, ValidationError] = {}
    for error in errors:
        if error.validator != "pattern":
            yield error
            continue
        key = tuple(error.absolute_path)
        if key not in kept or len(error.schema_path) > len(kept[key].schema_path):
            kept[key] = error
    yield from kept.values()


def _describe(error: ValidationError):
    path = ".".join(str(p) for p in error.absolute_path)
    own = error.schema.get("x-error") if isinstance(error.schema, dict) else None  # the field's own words
    specific = own if own and error.validator in ("pattern", "format", "minLength", "maxLength") else None
    if isinstance(error.cause, nik.NotANik):  # which part of the NIK cannot exist, over the field's format words
        message = error.cause.message
    elif specific is None and error.validator in _LIMITS:  # the limit said, so the filer knows how far to go
        message = Message(_LIMITS[error.validator], {"num": error.validator_value})
    else:
        message = Message(specific or _MESSAGES.get(error.validator, "invalid"))
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        path = f"{path}.{missing}" if path else missing
    elif error.validator == "additionalProperties":
        for extra in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
            yield (f"{path}.{extra}" if path else extra), message
        return
    yield (path or "_schema"), message
