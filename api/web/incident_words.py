"""An incident's last error in the visitor's words: engine.incident_words, which the JSON API shares."""

from __future__ import annotations

from flask import has_request_context

from api.web.i18n import current_language
from engine.incident_words import ERRORS, JOB, QUOTAS, UNKNOWN, explain

__all__ = ["ERRORS", "JOB", "QUOTAS", "UNKNOWN", "error_words", "explain"]


def error_words(message: str | None, job: bool = False) -> str:
    """The error ``message`` in the visitor's language (engine.incident_words.explain); outside a request (``kawal
    incidents list`` on the server) in English, the message ids, as before."""
    return explain(message, job, current_language() if has_request_context() else "en")[1]
