"""One JSON error shape for every failure: ``{"code", "message", "errors": {field path: [messages]}}``.

``code`` is the kind of refusal (``not_found``, ``invalid``, ``conflict``, ...), stable for clients;
``reason`` is the code of Kawal's message (``task_claimed``, ``wrong_ticket_or_code``: see
``engine.messages``). ``message`` and the field messages are in the caller's language
(``Accept-Language``; Bahasa Indonesia unless English is preferred); the words of the schema layer
(marshmallow, webargs) and of Werkzeug's refusals are said again as Kawal's messages. The HTTP
status of each domain error lives here, not in the engine.
"""

import re

from flask import jsonify, request
from flask_smorest import Api
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException

from api.language import requested, say, say_fields
from engine.errors import Conflict, Forbidden, Gone, Invalid, KawalError, NotFound, TooMany, Unauthorized
from engine.messages import Message, msg
from engine.pdf import PdfUnavailable
from engine.quotas import InsufficientStorage

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "expired",
    412: "precondition_failed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
}

STATUS: dict[type[KawalError], int] = {
    Unauthorized: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    Gone: 410,
    Invalid: 422,
    TooMany: 429,
    InsufficientStorage: 507,  # RFC 4918 §11.5: the upload cannot be stored now
    PdfUnavailable: 503,  # the server cannot make PDFs (Pango missing): its set-up, not the request
}


def status_of(error: KawalError) -> int:
    """The HTTP status of a domain error: its class's, or its nearest ancestor's; 400 for any other."""
    return next((STATUS[cls] for cls in type(error).__mro__ if cls in STATUS), 400)


class ErrorBody(Schema):
    """What every error answers, as the OpenAPI document says (the default response of every operation)."""

    code = fields.String(
        required=True, metadata={"description": "stable kind of refusal: not_found, forbidden, conflict, invalid, ..."}
    )
    reason = fields.String(
        metadata={
            "description": "code of Kawal's message (task_claimed, wrong_ticket_or_code, invalid_data, "
            "no_such_address, ...); absent only for a refusal Kawal has no words of its own for"
        }
    )
    message = fields.String(required=True, metadata={"description": "what went wrong, in the Accept-Language"})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={"description": "field path -> messages in the Accept-Language (empty when not about a field)"},
    )


# marshmallow's and webargs' words for a field (English, fixed by the library) and the message Kawal says
# instead, in the caller's language. A text not listed here passes as it is.
LIBRARY_WORDS: dict[str, Message] = {
    "Missing data for required field.": msg("required"),
    "Field may not be null.": msg("not_null"),
    "Unknown field.": msg("field_unknown"),
    "Invalid input type.": msg("object_expected"),
    "Invalid type.": msg("object_expected"),
    "Not a valid mapping type.": msg("object_expected"),
    "Not a valid string.": msg("a_string"),
    "Not a valid utf-8 string.": msg("a_string"),
    "Not a valid list.": msg("a_list"),
    "Not a valid integer.": msg("whole_number"),
    "Not a valid number.": msg("a_number"),
    "Number too large.": msg("number_too_large"),
    "Not a valid boolean.": msg("true_or_false"),
    "Not a valid date.": msg("iso_date_format"),
    "Not a valid datetime.": msg("iso_instant"),
    "Not a valid aware datetime.": msg("iso_instant"),
    "Not a valid email address.": msg("email_format"),
    "String does not match expected pattern.": msg("wrong_format"),
    "Invalid value.": msg("invalid"),
}
LIBRARY_PATTERNS: list[tuple[re.Pattern, str, type]] = [
    (re.compile(r"Must be one of: (?P<choices>.*)\.$"), "one_of", str),
    (re.compile(r"Shorter than minimum length (?P<num>\d+)\.$"), "chars_at_least", int),
    (re.compile(r"Longer than maximum length (?P<num>\d+)\.$"), "chars_at_most", int),
    (re.compile(r"Length must be between (?P<min>\d+) and (?P<max>\d+)\.$"), "length_range", int),
    (re.compile(r"Between (?P<min>\d+) and (?P<max>\d+) items\.$"), "items_range", int),
    (re.compile(r"At least (?P<min>\d+) items\.$"), "items_at_least", int),
    (
        re.compile(r"Must be greater than or equal to (?P<min>-?\d+) and less than or equal to (?P<max>-?\d+)\.$"),
        "number_between",
        int,
    ),
    (re.compile(r"Must be greater than or equal to (?P<min>-?\d+)\.$"), "number_at_least", int),
    (re.compile(r"Must be less than or equal to (?P<max>-?\d+)\.$"), "number_at_most", int),
]
# A list's length is checked with these words, so that its message counts items, not characters.
ITEMS_BETWEEN = "Between {min} and {max} items."
ITEMS_AT_LEAST = "At least {min} items."


def library_message(text):
    """A field message of marshmallow or webargs as Kawal's own ``Message``; any other text as it is."""
    if not isinstance(text, str):
        return text
    if text in LIBRARY_WORDS:
        return LIBRARY_WORDS[text]
    for pattern, code, kind in LIBRARY_PATTERNS:
        if found := pattern.match(text):
            return msg(code, **{key: kind(value) for key, value in found.groupdict().items()})
    return text


# Werkzeug's refusals of the HTTP layer, said by Kawal in the caller's language.
HTTP_WORDS = {
    400: "unreadable_request",
    404: "no_such_address",
    413: "body_too_large",
    415: "media_type_unsupported",
    422: "invalid_data",
}


def _http_message(error: HTTPException):
    own = getattr(error, "message", None)  # a refusal of our own (api.limits.Refused) carries a Message
    if own is not None:
        return own
    if error.code == 405:
        return msg("method_not_here", method=request.method)
    code = HTTP_WORDS.get(error.code)
    return msg(code) if code else error.description or error.name


def _flatten(messages, prefix: str = "") -> dict[str, list[Message | str]]:
    out: dict[str, list[Message | str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            out.update(_flatten(value, path))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        out[prefix or "_schema"] = [library_message(m) for m in messages]
    elif isinstance(messages, list):
        for i, value in enumerate(messages):
            out.update(_flatten(value, f"{prefix}.{i}" if prefix else str(i)))
    else:
        out[prefix or "_schema"] = [library_message(str(messages))]
    return out


def field_messages(messages) -> dict[str, list[Message | str]]:
    """Marshmallow's nested messages as the API's ``{field path: [messages]}``, its words as Kawal's messages."""
    return _flatten(messages)


def error_response(status: int, message: str | Message, errors: dict | None = None, code: str | None = None):
    """The JSON error body; a ``Message`` (and any in ``errors``) is said in the caller's language."""
    language = requested()
    body = {"code": code or _CODES.get(status, "error")}
    if isinstance(message, Message):
        body["reason"] = message.code
    body.update(message=say(message, language), errors=say_fields(errors or {}, language))
    response = jsonify(body)
    response.status_code = status
    return response


class KawalApi(Api):
    ERROR_SCHEMA = ErrorBody

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        messages = data.get("messages", {})
        # webargs nests field errors under the location ("json", "query"); the location is not a field.
        if isinstance(messages, dict) and len(messages) == 1 and next(iter(messages)) in ("json", "query", "form"):
            messages = next(iter(messages.values()))
        response = error_response(error.code or 500, _http_message(error), _flatten(messages) if messages else {})
        keep_headers(response, error)
        if error.code == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response


def keep_headers(response, error: HTTPException):
    """The exception's own headers on the response made for it: ``Allow`` on a 405 (RFC 9110 §15.5.6)."""
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def register(app) -> None:
    @app.errorhandler(KawalError)
    def _domain_error(error: KawalError):
        from api.extensions import db

        db.session.rollback()  # nothing half-done survives a refused operation
        status = status_of(error)
        response = error_response(status, error.message, error.fields, error.code)
        if status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        retry_after(response, error)
        return response


def retry_after(response, error: KawalError):
    """RFC 9110 §10.2.3: a refusal that passes with time says when to come back (TooMany), in seconds."""
    seconds = getattr(error, "retry_after", None)
    if seconds is not None:
        response.headers["Retry-After"] = str(seconds)
    return response
