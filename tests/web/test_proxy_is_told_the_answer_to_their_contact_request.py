"""The proxy whose request to correct their contacts the desk applies, or finds already as on file, is told so at
their e-mail, as the requester is told the answer to their own request (engine.requester_data.correct,
engine.correction_requests.answer) and as the proxy is told a refusal: through the outbox, addressed to the proxy in
office, naming the fields that changed and never their values (UU 27/2022: personal data only to its owner; the
requester is told which of their proxy's fields changed, as before). The walk found the proxy told nothing.

SQLite alone: which rows the outbox writes and their words are Python's (the rows are the refusal's kind,
tests/web/test_proxy_corrects_own_contacts.py)."""

from sqlalchemy import select

from api.extensions import db
from engine import proxy_data
from engine.models import Case, Notification
from notifications.rendering import render
from tests.api.test_request_proxy import PROXY
from tests.conftest import request_payload
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: see the module's docstring
from tests.web.pages import text
from tests.web.test_proxy_corrects_own_contacts import _answer_page, _ask, _clock  # noqa: F401 - the fixture

NEW_EMAIL = "rahmat@baru.example"


def _no_requester_data(context: dict) -> None:
    """The proxy's mail, in either language, and what the outbox stored for it hold none of the requester's data:
    their name, NIK, e-mail and phone, nor the information they asked for (UU 27/2022: personal data only to its
    owner; the proxy is told of their own contacts)."""
    requester = request_payload()
    held = [requester["requester"][k] for k in ("name", "nik", "email", "phone", "address")]
    held += [requester["information"], requester["purpose"]]
    for locale in ("id", "en"):
        subject, body = render(proxy_data.EVENT, locale, context)
        for value in held:
            assert value not in subject + body, (locale, value)
    stored = repr(context)
    for value in held:
        assert value not in stored, value


def _rows(app, ticket):
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        rows = db.session.scalars(
            select(Notification).where(Notification.case_id == case.id, Notification.event == proxy_data.EVENT)
        ).all()
        return [(row.context.get("proxy_party_id"), dict(row.context)) for row in rows], case.details["kuasa_party_id"]


def _apply(browser, receipt, request_id, officer, **changed):
    form = {f"kuasa.{k}": v for k, v in PROXY.items()}
    form.update({"kuasa.email": "rahmat@kantorhukum.example", "reason": "permintaan_kuasa", "permintaan": request_id})
    form.update({f"kuasa.{k}": v for k, v in changed.items()})
    response = officer.post(f"/kasus/{receipt['ticket']}/data-kuasa", form)
    assert response.status_code == 303, text(response)
    return response


def test_an_applied_request_is_told_to_the_proxy_naming_the_fields_not_their_values(browser, desk, app):
    receipt = desk.submit(kuasa={**PROXY, "email": "rahmat@kantorhukum.example"})
    _ask(browser, receipt, {"kuasa.email": NEW_EMAIL})
    officer, _page, request_id = _answer_page(browser, receipt)
    _apply(browser, receipt, request_id, officer, email=NEW_EMAIL)
    rows, proxy = _rows(app, receipt["ticket"])
    to_proxy = [context for party, context in rows if party == proxy and context.get("to_proxy")]
    assert len(to_proxy) == 1  # one message to the proxy in office, at their e-mail as now on file
    assert [context for party, context in rows if party is None and not context.get("former")]  # the requester's
    context = to_proxy[0]
    assert context["fields"] == ["email"]
    subject, body = render(proxy_data.EVENT, "id", context)
    assert subject == f"Data kontak Anda sebagai kuasa pada permohonan {receipt['ticket']} telah diperbaiki"
    assert "Yth. Kuasa Pemohon," in body
    assert "Petugas PPID telah memperbaiki data Anda sebagai kuasa pemohon" in body
    assert "- alamat e-mail kuasa" in body
    assert "dikirim ke alamat e-mail ini" in body
    # The ticket and access code are the requester's and the proxy's alike: never said to be the proxy's own asking.
    assert "Bila Anda atau pemohon tidak meminta perbaikan ini, segera hubungi PPID." in body
    for value in (NEW_EMAIL, "rahmat@kantorhukum.example", PROXY["name"], PROXY["phone"]):
        assert value not in subject + body  # names of fields, never values
    subject, body = render(proxy_data.EVENT, "en", context)
    assert subject == f"Your contact data as the proxy on request {receipt['ticket']} has been corrected"
    assert "Dear Requester's Proxy," in body
    assert "- proxy's e-mail address" in body
    assert "If neither you nor the requester asked for this correction, contact the PPID at once." in body
    _no_requester_data(context)


def test_a_request_for_what_is_on_file_is_answered_to_the_proxy_and_no_one_else(browser, desk, app):
    receipt = desk.submit(kuasa={**PROXY, "email": "rahmat@kantorhukum.example"})
    _ask(browser, receipt, {"kuasa.phone": PROXY["phone"]})  # the phone on file already
    officer, _page, request_id = _answer_page(browser, receipt)
    response = _apply(browser, receipt, request_id, officer)
    case_page = text(officer.get(response.location))
    assert "Tidak ada yang diubah: data yang tercatat sudah sesuai dengan yang diminta." in case_page
    rows, proxy = _rows(app, receipt["ticket"])
    assert [party for party, _context in rows] == [proxy]  # the proxy alone: the requester's data did not change
    context = rows[0][1]
    assert context["fields"] == []
    assert context.get("to_proxy")
    subject, body = render(proxy_data.EVENT, "id", context)
    assert subject == f"Permintaan perbaikan data kontak kuasa pada permohonan {receipt['ticket']} telah diperiksa"
    assert "Permintaan perbaikan data kontak Anda" not in subject + body
    assert "Yth. Kuasa Pemohon," in body
    assert "sudah sama dengan yang diminta, sehingga tidak ada yang diubah" in body
    assert "segera hubungi PPID" not in body  # nothing changed: nothing to warn of
    subject, body = render(proxy_data.EVENT, "en", context)
    assert subject == f"The request to correct the proxy's contact data on request {receipt['ticket']} has been checked"
    assert "nothing was changed" in body
    assert "Your request" not in subject + body
    _no_requester_data(context)


def test_the_requester_s_own_message_about_their_proxy_reads_as_before(app):
    context = {"ticket": "PPID-2026-000001", "fields": ["email"], "portal_hint": "", "deadline": None}
    with app.app_context():
        subject, body = render(proxy_data.EVENT, "id", context)
    assert subject == "Data kuasa pada permohonan PPID-2026-000001 telah diperbaiki"
    assert "Yth. Pemohon," in body
    assert "Bila Anda atau kuasa Anda tidak meminta perbaikan ini, segera hubungi PPID." in body
