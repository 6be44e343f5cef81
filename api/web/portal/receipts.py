"""The portal's receipts: a filing's receipt, kept on the server until the receipt page shows it once.

A filing form's POST ends here (POST -> redirect -> GET): :func:`filed` records the filing on the
server in the case's transaction, commits, and keeps the receipt; :func:`sent_again` answers a POST
that repeats an earlier filing (``repeats``) with that filing's receipt, filing nothing. The receipt
waits sealed in a row of its own (engine.portal_receipts); the session cookie, which anyone holding the
device can read, carries only the row's random id, and the receipt page deletes the row as it shows it.
"""

from __future__ import annotations

from datetime import datetime

from flask import Response, redirect, request, session, url_for

from api.boundary import commit, runtime
from api.extensions import db
from api.web import display
from api.web.i18n import current_language
from api.web.portal import repeats
from engine import casework, complaints, intake, kinds, portal_receipts, proxy_party
from engine.errors import Conflict
from engine.models import Case

RECEIPT_KEY = repeats.WAITING_KEY  # the id of the receipt waiting to be shown once


def filed(kind: str, receipt_of, case: Case, code: str | None, *others: Case) -> Response:
    """Record the filing on the server in its own transaction, commit, and show its receipt once."""
    if not repeats.record(kind, request.form, case):
        db.session.rollback()  # the same form, sent twice at once, filed its case first: this is a repeat
        again = sent_again(kind, receipt_of)
        if again is None:
            raise Conflict("form_being_sent")
        return again
    commit(case, *others)
    receipt = receipt_of(case, code)
    repeats.remember(kind, request.form, receipt)
    return keep(**receipt)


def sent_again(kind: str, receipt_of) -> Response | None:
    """The answer to a POST of the ``kind`` form that repeats an earlier filing, or None to file it.

    The session knows the filings whose answer reached this browser, and shows their receipt as it was.
    When it does not know the key, the server's record may: the case was filed and its answer lost.
    Only a hash of the access code is kept, so a case with a code of its own gets a new one, and the
    code that may have been shown stops working. An objection opens with its request's code, which the
    visitor typed: it just gets its receipt again.
    """
    if earlier := repeats.earlier_receipt(kind, request.form):
        return keep(**earlier, repeated=True)
    case = repeats.filed_case(kind, request.form)
    if case is None:
        return None
    code = None
    if case.kind != kinds.OBJECTION or case.parent_id is None:  # an objection with no request has its own code
        code = casework.reissue_access_code(db.session, case, _filer(case), repeats.REISSUE_REASON)
        db.session.commit()
    receipt = receipt_of(case, code)
    repeats.remember(kind, request.form, receipt)  # from here on the session repeats it as is
    return keep(**receipt, repeated=True, reissued=code is not None)


def _filer(case: Case) -> str:
    """Who filed the case from the portal, as its history names them (never by name)."""
    return complaints.REPORTER if case.kind == kinds.COMPLAINT else intake.actor_name(None)


def keep(**receipt) -> Response:
    """Keep the receipt on the server until the receipt page shows it, commit, and go there."""
    vault = runtime().vault
    portal_receipts.drop(db.session, [session.get(RECEIPT_KEY)])  # one not shown yet is replaced
    session[RECEIPT_KEY] = portal_receipts.keep(db.session, vault, receipt, repeats.REPEAT_WINDOW)
    db.session.commit()
    return redirect(url_for("web.portal_receipt"), 303)


def take() -> dict | None:
    """The receipt waiting to be shown, deleted as it is read (a reload, or a copy of the cookie, finds nothing)."""
    receipt = portal_receipts.take(db.session, runtime().vault, session.pop(RECEIPT_KEY, None))
    db.session.commit()
    if receipt and receipt.get("received_at"):  # an objection's: when it was received, as the page writes instants
        receipt["received_at"] = datetime.fromisoformat(receipt["received_at"])
    return receipt


def request_receipt(case: Case, code: str | None) -> dict:
    """``proxy``: filed by a proxy, whom the receipt tells to bring or send the power of attorney. An objection with no
    request to name (ground b, engine.unregistered) is received on this one, with what its form said."""
    proxy = proxy_party.party_id(case) is not None
    receipt = dict(kind=case.kind, ticket=case.ticket, code=code, due_at=_iso(case.due_at), proxy=proxy)
    if case.kind == kinds.OBJECTION:
        receipt |= _filed(case)
    return receipt


def objection_receipt(objection: Case, _code: None = None) -> dict:
    """An objection has no code of its own: it is followed with its request's code, which is never shown."""
    timeliness = objection.details["ketepatan_waktu"]["verdict"]
    request_case = db.session.get(Case, objection.parent_id) if timeliness == "prematur" else None
    return dict(
        kind=objection.kind,
        ticket=objection.ticket,
        request=objection.details["permohonan"],
        due_at=_iso(objection.due_at),
        timeliness=timeliness,
        # Filed before there was a ground (no notice, no lapse yet): until when the office may still answer in time.
        request_due_at=_iso(request_case.due_at)
        if request_case is not None and request_case.closed_at is None
        else None,
        proxy=proxy_party.party_id(objection) is not None,  # filed by a proxy: the power of attorney, with meterai
        **_filed(objection),
    )


OBJECTION_FORM = "keberatan.json"  # the grounds' words (UU 14/2008 Pasal 35(1) a-g), as the objection form gives them
NO_REQUEST_FORM = "keberatan_tanpa_permohonan.json"
# The fields of the form the receipt copies, in the form's order, each under the form's own label.
RECEIPT_LAW = "Perki 1/2021 Pasal 41 ayat (3)-(4)"  # the requester gets a copy of the registered form as receipt
FILED_FIELDS = ("informasi_yang_diminta", "kasus_posisi", "tujuan_penggunaan", "tanggal_alasan_ditemukan")


def _filed(objection: Case) -> dict:
    """What the objection's form said, as its receipt copies it (Perki 1/2021 Pasal 41(3)-(4): the receipt is a copy
    of the form): when it was received, the grounds in words and what the requester typed, each under the form's own
    label, in the language they filed in. To the filer alone: the receipt is sealed on the server and shown once."""
    forms, locale, details = runtime().forms, current_language(), objection.details
    own = forms.schema(NO_REQUEST_FORM if details.get("permohonan") is None else OBJECTION_FORM)["properties"]
    grounds = forms.schema(OBJECTION_FORM)["properties"]["alasan"]
    titles = grounds["items"].get("x-enum-titles-en" if locale == "en" else "x-enum-titles", {})
    rows = []
    for name in FILED_FIELDS:
        if name in own and details.get(name):
            value = details[name]
            rows.append((_label(own[name], locale), display.iso_date(value) if name.startswith("tanggal") else value))
    return dict(
        law=RECEIPT_LAW,  # a variable, not a constant: Jinja would fold the first reader's language into the page
        received_at=_iso(objection.received_at),
        grounds_label=_label(own.get("alasan", grounds), locale),
        grounds=[f"{code}. {titles.get(code, code)}" for code in details.get("alasan", [])],
        filed=rows,
    )


def _label(node: dict, locale: str) -> str:
    return (node.get("x-title-en") if locale == "en" else None) or node.get("title", "")


def complaint_receipt(case: Case, code: str | None) -> dict:
    return dict(kind=case.kind, ticket=case.ticket, code=code, mode=case.reporter_mode)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
