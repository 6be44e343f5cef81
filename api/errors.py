"""One JSON error shape for every failure: ``{"code", "message", "errors": {field path: [messages]}}``.

``code`` is the kind of refusal (``not_found``, ``invalid``, ``conflict``, ...), stable for clients;
a refusal by Kawal itself adds ``reason``, the code of its message (``task_claimed``,
``wrong_ticket_or_code``: see ``engine.messages``). ``message`` and the field messages are in the
caller's language (``Accept-Language``; Bahasa Indonesia unless English is preferred). The HTTP
status of each domain error lives here, not in the engine.
"""

from flask import jsonify
from flask_smorest import Api
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException

from api.language import requested, say, say_fields
from engine.errors import Conflict, Forbidden, Gone, Invalid, KawalError, NotFound, TooMany, Unauthorized
from engine.messages import Message
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
            "description": "code of Kawal's message when Kawal itself refused (task_claimed, wrong_ticket_or_code, "
            "...); absent for a refusal of the HTTP layer"
        }
    )
    message = fields.String(required=True, metadata={"description": "what went wrong, in the Accept-Language"})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={"description": "field path -> messages in the Accept-Language (empty when not about a field)"},
    )


def _flatten(messages, prefix: str = "") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            out.update(_flatten(value, path))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        out[prefix or "_schema"] = messages
    elif isinstance(messages, list):
        for i, value in enumerate(messages):
            out.update(_flatten(value, f"{prefix}.{i}" if prefix else str(i)))
    else:
        out[prefix or "_schema"] = [str(messages)]
    return out


def field_messages(messages) -> dict[str, list[str]]:
    """Marshmallow's nested messages as the API's ``{field path: [messages]}``."""
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
        # A refusal of our own at the HTTP layer (api.limits.Refused) carries a Message to translate.
        message = getattr(error, "message", None) or error.description or error.name
        response = error_response(error.code or 500, message, _flatten(messages) if messages else {})
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
