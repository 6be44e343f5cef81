"""Domain errors: a kind (the class), a message code with its parameters, and field messages.

``raise Conflict("task_claimed", by=username)``; ``raise Invalid("invalid_data", fields={"channel":
[msg("officers_only")]})``. The words live in ``engine.messages`` and the Babel catalogs; the web
layer maps each kind to its HTTP status (``api.errors``) and says the message in the caller's
language; the CLI prints ``str(error)``, the English.
"""

from __future__ import annotations

from collections.abc import Mapping

from engine.messages import Message


class KawalError(Exception):
    """``code`` is the kind of refusal (stable, for clients); ``reason`` is the message's code."""

    code = "error"

    def __init__(self, message: str | Message, /, *, fields: Mapping[str, list] | None = None, **params):
        self.message = message if isinstance(message, Message) else Message(message, params)
        self.fields: dict[str, list[Message | str]] = dict(fields or {})
        super().__init__(str(self.message))

    @property
    def reason(self) -> str:
        return self.message.code


class NotFound(KawalError):
    """The object does not exist, or the caller may not know that it does."""

    code = "not_found"


class Forbidden(KawalError):
    """The caller may see the object but not do this to it."""

    code = "forbidden"


class Conflict(KawalError):
    """The object changed state in the meantime (task no longer open, claimed by someone else, stale case)."""

    code = "conflict"


class Gone(KawalError):
    """The object existed for the caller but is no longer available (a download link past its date)."""

    code = "expired"


class Invalid(KawalError):
    """The input breaks a rule; ``fields`` maps field paths to messages."""

    code = "invalid"


class Unauthorized(KawalError):
    """The caller has not said who they are, or said it wrongly."""

    code = "unauthorized"


class TooMany(KawalError):
    """Too many failed attempts: refused without looking at the input; ``retry_after`` is in seconds."""

    code = "too_many_requests"

    def __init__(self, message: str | Message, /, *, retry_after: int, **params):
        super().__init__(message, **params)
        self.retry_after = retry_after
