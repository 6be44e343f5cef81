"""A portal form sent twice files one case: the second sending gets the first one's receipt again.

On a phone with a weak connection a requester taps twice, or presses back and sends the form again,
and used to get a second case. Each rendering of the request, objection and complaint forms carries a
random submission key (``SUBMISSION_FIELD``). A successful filing is remembered in the session for
``REPEAT_WINDOW`` seconds; a later POST of the same form kind is a repeat, which files nothing and
shows the earlier receipt again (access code included: it is the same browser, and the code may never
have reached it), when

- its key is the key of that filing (the same rendering sent again), or
- its fields are exactly those of that filing. Needed because every page is ``no-store``: going back
  re-renders the form with a new key, while the browser restores what was typed.

A POST that failed validation records nothing, so the corrected form files normally. A POST without a
key (a page rendered before this existed) is neither checked nor recorded.

Where the record is kept, and its limits:
- The session is the signed (not encrypted) Flask cookie, like the receipt waiting to be shown. The
  key and the fields are kept only as HMACs under the app's secret (the fields hold an identity and,
  on an objection, the request's access code); the receipt is kept as shown, with the new access
  code, because showing it again is the point. At most ``REPEATS_KEPT`` filings, each dropped after
  ``REPEAT_WINDOW`` seconds (the cookie is pruned whenever a portal form is opened or sent, or a
  receipt shown) or when the visitor closes their case on this device.
- A cookie only remembers what reached the browser. When the answer to the first POST is lost, or a
  second tap leaves before the first answer arrives, the second POST carries the old cookie and files
  a second case. Catching that needs the record on the server, in the transaction that files the case
  (a table with a unique key digest); see tests/web/test_portal_resubmit.py.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from flask import current_app, session

SUBMISSION_FIELD = "submission_key"  # the hidden field of the three filing forms
FILINGS_KEY = "portal_filings"  # the session's recent filings: digests, receipt, until when
REPEAT_WINDOW = 30 * 60  # seconds a filing's receipt (with its access code) can be shown again
REPEATS_KEPT = 3  # filings remembered at once: keeps the cookie small
MAX_KEY_LENGTH = 64  # a longer posted key is not one this portal rendered
NOT_CONTENT = frozenset({"csrf_token", SUBMISSION_FIELD})  # fields that change between renderings


def new_key() -> str:
    return secrets.token_urlsafe(16)


def posted_key(form) -> str | None:
    key = (form.get(SUBMISSION_FIELD) or "").strip()
    return key if 0 < len(key) <= MAX_KEY_LENGTH else None


def key_for(form) -> str:
    """The key a (re-)rendered form carries: the one it was sent with, so that a corrected form and
    its own repeats share it, or a new one."""
    return (posted_key(form) if form is not None else None) or new_key()


def earlier_receipt(kind: str, form) -> dict | None:
    """The receipt of the filing this POST of the ``kind`` form repeats, or None."""
    key = posted_key(form)
    if key is None:
        return None
    key_digest, fields_digest = _digest(kind, "key", key), _fields_digest(kind, form)
    for filing in _recent():
        if hmac.compare_digest(filing["key"], key_digest) or hmac.compare_digest(filing["fields"], fields_digest):
            return dict(filing["receipt"])
    return None


def remember(kind: str, form, receipt: dict) -> None:
    """Record a successful filing of the ``kind`` form (after its commit)."""
    key = posted_key(form)
    if key is None:
        return
    filing = {
        "key": _digest(kind, "key", key),
        "fields": _fields_digest(kind, form),
        "until": time.time() + REPEAT_WINDOW,
        "receipt": receipt,
    }
    session[FILINGS_KEY] = [filing, *_recent()][:REPEATS_KEPT]


def prune() -> None:
    """Drop the filings past their window, and with them their access codes, from the cookie."""
    kept = _recent()
    if kept:
        session[FILINGS_KEY] = kept
    else:
        session.pop(FILINGS_KEY, None)


def forget() -> None:
    session.pop(FILINGS_KEY, None)


def _recent() -> list[dict]:
    now = time.time()
    return [f for f in session.get(FILINGS_KEY, []) if f.get("until", 0) >= now]


def _fields_digest(kind: str, form) -> str:
    fields = sorted((name, [value.strip() for value in form.getlist(name)]) for name in form if name not in NOT_CONTENT)
    return _digest(kind, "fields", repr(fields))


def _digest(kind: str, what: str, value: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    message = f"portal-repeat\0{kind}\0{what}\0{value}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]
