"""One JSON error shape for every failure: ``{"code", "message", "errors": {field path: [messages]}}``."""

from flask import jsonify
from flask_smorest import Api
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException

from engine.errors import KawalError

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
}


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


def error_response(status: int, message: str, errors: dict | None = None, code: str | None = None):
    body = {"code": code or _CODES.get(status, "error"), "message": message, "errors": errors or {}}
    response = jsonify(body)
    response.status_code = status
    return response


class ErrorBody(Schema):
    """What every error answers, as the OpenAPI document says (the default response of every operation)."""

    code = fields.String(
        required=True, metadata={"description": "stable machine-readable code, e.g. not_found, invalid"}
    )
    message = fields.String(required=True, metadata={"description": "what went wrong, in Bahasa Indonesia / English"})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={"description": "field path -> messages (empty when the error is not about a field)"},
    )


class KawalApi(Api):
    ERROR_SCHEMA = ErrorBody

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        messages = data.get("messages", {})
        # webargs nests field errors under the location ("json", "query"); the location is not a field.
        if isinstance(messages, dict) and len(messages) == 1 and next(iter(messages)) in ("json", "query", "form"):
            messages = next(iter(messages.values()))
        response = error_response(
            error.code or 500, error.description or error.name, _flatten(messages) if messages else {}
        )
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
        response = error_response(error.status, error.message, error.fields, error.code)
        if error.status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        retry_after(response, error)
        return response


def retry_after(response, error: KawalError):
    """RFC 9110 §10.2.3: a refusal that passes with time says when to come back (TooMany), in seconds."""
    seconds = getattr(error, "retry_after", None)
    if seconds is not None:
        response.headers["Retry-After"] = str(seconds)
    return response
