"""Domain errors. The web layer maps each to its HTTP status; the CLI prints the message."""


class KawalError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: str, *, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class NotFound(KawalError):
    """The object does not exist, or the caller may not know that it does."""

    code = "not_found"
    status = 404


class Forbidden(KawalError):
    """The caller may see the object but not do this to it."""

    code = "forbidden"
    status = 403


class Conflict(KawalError):
    """The object changed state in the meantime (task no longer open, claimed by someone else, stale case)."""

    code = "conflict"
    status = 409


class Gone(KawalError):
    """The object existed for the caller but is no longer available (a download link past its date)."""

    code = "expired"
    status = 410


class Invalid(KawalError):
    """The input breaks a rule; ``fields`` maps field paths to messages."""

    code = "invalid"
    status = 422


class Unauthorized(KawalError):
    code = "unauthorized"
    status = 401


class TooMany(KawalError):
    """Too many failed attempts: refused without looking at the input; ``retry_after`` is in seconds."""

    code = "too_many_requests"
    status = 429

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after
