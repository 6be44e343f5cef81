"""A portal form sent twice files one case: the second sending gets the first one's receipt again.

On a phone with a weak connection a requester taps twice, or presses back and sends the form again,
and used to get a second case. Each rendering of the request, objection and complaint forms carries a
random 128-bit submission key (``SUBMISSION_FIELD``). Two records catch a repeat, the session first:

1. The session (same browser, the answer arrived). A successful filing is remembered in the session
   for ``REPEAT_WINDOW`` seconds; a later POST of the same form kind is a repeat, which files nothing
   and shows the earlier receipt again (access code included: it is the same browser, and the code
   may never have reached it), when
   - its key is the key of that filing (the same rendering sent again), or
   - its fields are exactly those of that filing. Needed because every page is ``no-store``: going
     back re-renders the form with a new key, while the browser restores what was typed.
2. The server (the answer was lost). A cookie only remembers what reached the browser: when the answer
   to the first POST is lost, the browser re-sends the same body, key included, with the old cookie.
   So every filing also writes a ``Submission`` row (engine.submissions), in the transaction that files
   the case: the key's HMAC and the case, for a day. A POST whose key the session does not know but the
   table does files nothing. The access code is kept only as a hash and cannot be shown again, so the
   case gets a new one (``casework.reissue_access_code``, recorded in its history as
   ``access_code_reissued``) and the receipt says that a code shown before no longer works. An objection
   has no code of its own (it opens with the request's code, which the visitor typed): its receipt is
   shown again. Two sendings of one key at the same moment both start filing; the key's row is unique,
   so the second to write it rolls its filing back and answers as a repeat. The same fields under a new
   key are caught by the session only.

Holding the key is the proof that earns a new code: it is random, was only ever in that visitor's form
page, is kept on the server only as an HMAC under the app's secret, and works for a day, for a case filed
through the portal. The REST API takes no submission key (its schemas refuse unknown fields), writes no
row, and no key reaches a case filed there. Keys are bound to their form kind: a request form's key
finds nothing on the complaint form.

A POST that failed validation records nothing, so the corrected form files normally. A POST without a
key (a page rendered before this existed) is neither checked nor recorded.

The session is the signed (not encrypted) Flask cookie: anyone holding the device can read it. It keeps the
key and the fields only as HMACs under the app's secret (the fields hold an identity and, on an objection, the
request's access code), and each filing's receipt only as the random id of a row on the server
(engine.portal_receipts), where the receipt is sealed by the vault: it names the case, its access code and a
reporter's mode, and once sat in the cookie itself, readable for 30 minutes on a shared or seized device. Showing
it again is the point: it is kept, with the code, for ``REPEAT_WINDOW`` seconds. At most ``REPEATS_KEPT`` filings;
each is dropped, its row with it, after ``REPEAT_WINDOW`` seconds (the cookie is pruned whenever a portal form is
opened or sent, or a receipt shown; rows past their time are deleted whenever one is written) or when the visitor
closes their case on this device. Closing also drops the server's record of the filings the cookie still holds,
so a form sent again from a shared computer files anew instead of taking the case's code; a filing the cookie has
already dropped keeps its record for the rest of its day. See tests/web/test_portal_resubmit.py and
tests/security/test_receipt_cookie.py. The front desk's request form (api.web.desk) uses the server's record
alone: the officer gets a new code for the case the first sending recorded.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from flask import current_app, session

from api.boundary import runtime
from api.extensions import db
from engine import portal_receipts, submissions
from engine.models import Case

SUBMISSION_FIELD = "submission_key"  # the hidden field of the three filing forms
FILINGS_KEY = "portal_filings"  # the session's recent filings: digests, their receipt's id, until when
WAITING_KEY = "portal_receipt"  # the id of the receipt waiting to be shown once (api.web.portal.receipts)
REPEAT_WINDOW = 30 * 60  # seconds a filing's receipt (with its access code) can be shown again
REPEATS_KEPT = 3  # filings remembered at once: keeps the cookie small
MAX_KEY_LENGTH = 64  # a longer posted key is not one this portal rendered
NOT_CONTENT = frozenset({"csrf_token", SUBMISSION_FIELD})  # fields that change between renderings
REISSUE_REASON = "form_sent_again"  # the reason in the case event of a code reissued for a lost answer


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
            return portal_receipts.read(db.session, runtime().vault, filing["receipt"])
    return None


def remember(kind: str, form, receipt: dict) -> None:
    """Record a successful filing of the ``kind`` form (after its commit); its receipt is kept on the server.
    The caller commits."""
    key = posted_key(form)
    if key is None:
        return
    filing = {
        "key": _digest(kind, "key", key),
        "fields": _fields_digest(kind, form),
        "until": time.time() + REPEAT_WINDOW,
        "receipt": portal_receipts.keep(db.session, runtime().vault, receipt, REPEAT_WINDOW),
    }
    filings = [filing, *_recent()]
    portal_receipts.drop(db.session, [f["receipt"] for f in filings[REPEATS_KEPT:]])
    session[FILINGS_KEY] = filings[:REPEATS_KEPT]


def filed_case(kind: str, form) -> Case | None:
    """The case this POST's key filed from the ``kind`` form within a day, by the server's record."""
    key = posted_key(form)
    return submissions.filed_case(db.session, _key_hash(kind, key)) if key is not None else None


def record(kind: str, form, case: Case) -> bool:
    """Keep the filing on the server, in the transaction that files ``case`` (before its commit).

    False when the same key filed a case at the same moment: the caller rolls back and repeats.
    """
    key = posted_key(form)
    return submissions.record(db.session, _key_hash(kind, key), case) if key is not None else True


def prune() -> None:
    """Drop the filings past their window from the cookie, and their receipts (with their codes) from the server."""
    filings = session.get(FILINGS_KEY)
    if not filings:
        return
    kept = _recent()
    if len(kept) == len(filings):
        return
    portal_receipts.drop(db.session, [f.get("receipt") for f in filings if f not in kept])
    db.session.commit()
    if kept:
        session[FILINGS_KEY] = kept
    else:
        session.pop(FILINGS_KEY, None)


def forget() -> None:
    """Forget the filings sent from this browser, on the server too: on a shared computer, the next person
    sending one of those forms again must not get its case a new code, nor see its receipt. The caller commits."""
    vault, recent = runtime().vault, _recent()
    receipts = [portal_receipts.read(db.session, vault, f["receipt"]) for f in recent]
    submissions.forget(db.session, [r["ticket"] for r in receipts if r])
    portal_receipts.drop(db.session, [f["receipt"] for f in recent] + [session.pop(WAITING_KEY, None)])
    session.pop(FILINGS_KEY, None)


def _recent() -> list[dict]:
    """The filings still in their window, as this version keeps them (a cookie from before held the receipt)."""
    now = time.time()
    filings = session.get(FILINGS_KEY, [])
    return [f for f in filings if f.get("until", 0) >= now and isinstance(f.get("receipt"), str)]


def _fields_digest(kind: str, form) -> str:
    fields = sorted((name, [value.strip() for value in form.getlist(name)]) for name in form if name not in NOT_CONTENT)
    return _digest(kind, "fields", repr(fields))


def _key_hash(kind: str, key: str) -> str:
    """The key as the server keeps it: the full HMAC-SHA256, apart from the cookie's digests."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"portal-submission\0{kind}\0{key}".encode(), hashlib.sha256).hexdigest()


def _digest(kind: str, what: str, value: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    message = f"portal-repeat\0{kind}\0{what}\0{value}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]
