"""Kawal's own words to a complaint's reporter, as stored (legal-process.md §7.2 stage 4, §7.5): a code and its
parameters, the body the words of record in Bahasa Indonesia; the history records what it recorded before, no more;
an anonymous reporter's language is kept with the complaint. What the pages show of them:
tests/web/test_complaint_messages_language.py. On both databases: what is stored and read back.
"""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from engine import complaints, languages
from engine.models import Case, CaseEvent, CaseMessage
from tests.conftest import complaint_payload
from tests.workflows.conftest import Office
from tests.workflows.test_pengaduan_paths import CATAT

FILED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # Mon 11 Jan 2027, 10:00 WIB
REASON = "Sengketa tanah antarwarga menjadi kewenangan Kantor Pertanahan (100% di luar {kami}): <b>bukan</b> kami."
FORWARDED = {
    "hasil": "diteruskan_instansi_lain",
    "alasan": "Sengketa tanah antarwarga",
    "alasan_untuk_pelapor": REASON,
    "instansi_tujuan": "Kantor Pertanahan",
}
LETTER = {
    "nomor_surat": "B-31/Kw.13/HM.01/01/2027",
    "tanggal": "2027-01-11",
    "instansi_tujuan": "Kantor Pertanahan Kota Contoh",
}
CLOSED = {
    "hasil": "tidak_dapat_ditindaklanjuti",
    "jenis_alasan": "pihak_tidak_jelas",
    "alasan": "Terlapor tidak jelas dan tidak dapat dikonfirmasi",
    "alasan_untuk_pelapor": "Pihak yang dilaporkan tidak dapat kami kenali dari laporan ini.",
}
FORWARDED_ID = (
    "Pengaduan Anda di luar kewenangan kantor ini dan telah kami teruskan kepada Kantor Pertanahan Kota Contoh dengan"
    f" surat Nomor B-31/Kw.13/HM.01/01/2027 tanggal 11 Januari 2027, tanpa identitas Anda. Alasannya: {REASON}"
)
FORWARDED_EN = (
    "Your complaint is outside this office's authority and we have forwarded it to Kantor Pertanahan Kota Contoh"
    f" with letter number B-31/Kw.13/HM.01/01/2027 of 11 January 2027, without your identity. The reason: {REASON}"
)
NEXT_STEPS_ID = (
    "Bila Anda tidak puas, Anda dapat menyampaikan pengaduan kepada Ombudsman Republik Indonesia (UU 25/2009"
    " Pasal 46; ombudsman.go.id) atau melalui SP4N-LAPOR! (lapor.go.id)."
)
NEXT_STEPS_EN = (
    "If you are not satisfied, you may complain to the Ombudsman of the Republic of Indonesia (Law 25/2009"
    " Article 46; ombudsman.go.id) or through SP4N-LAPOR! (lapor.go.id)."
)
CLOSED_ID = f"Pengaduan Anda tidak dapat kami tindak lanjuti. Alasannya: {CLOSED['alasan_untuk_pelapor']}"
CLOSED_EN = f"We cannot follow up your complaint. The reason: {CLOSED['alasan_untuk_pelapor']}"
# What an English reader of Kawal's words must never meet (the reason is the officer's, in their words).
INDONESIAN = re.compile(r"Pengaduan Anda|Alasannya|Pasal|tanggal|Januari|Bila Anda")


@pytest.fixture
def office(app, session_factory_):
    with time_machine.travel(FILED, tick=True):
        yield Office(session_factory_, app.extensions["kawal_runtime"])


def _filed(office, locale, mode="rahasia") -> tuple[str, str]:
    """A complaint filed online in ``locale``: (ticket, access code)."""
    with office.sessions.begin() as s:
        sub = complaints.submit_complaint(s, office.rt, complaint_payload(mode), locale=locale)
        return sub.case.ticket, sub.access_code


def _forwarded(office, locale, mode="rahasia") -> tuple[str, str]:
    ticket, code = _filed(office, locale, mode)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", FORWARDED)
    office.complete(ticket, "surat_penerusan", LETTER)
    return ticket, code


def _closed(office, locale, mode="rahasia") -> tuple[str, str]:
    ticket, code = _filed(office, locale, mode)
    office.complete(ticket, "catat_pengaduan", CATAT)
    office.complete(ticket, "verifikasi", CLOSED)
    return ticket, code


def test_the_message_stores_a_code_and_its_parameters_and_its_body_the_words_of_record(office):
    """Stored as a code and parameters (the date as a date, the reason as typed); the body keeps the Indonesian words
    as written then (the language of record), which the page words the same today."""
    ticket, _code = _forwarded(office, "en")
    with office.sessions() as s:
        [row] = s.scalars(select(CaseMessage).join(Case).where(Case.ticket == ticket)).all()
        assert row.code == "complaint_forwarded"
        assert row.params == {
            "agency": "Kantor Pertanahan Kota Contoh",
            "number": "B-31/Kw.13/HM.01/01/2027",
            "day": "2027-01-11",
            "reason": REASON,
        }
        assert row.body == f"{FORWARDED_ID}\n\n{NEXT_STEPS_ID}"
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        [shown] = complaints.messages_view(case, s, for_reporter=True, locale="id")
        assert shown["body"] == row.body


def _history(office, ticket) -> list[tuple[str, dict]]:
    with office.sessions() as s:
        rows = s.scalars(select(CaseEvent).join(Case).where(Case.ticket == ticket).order_by(CaseEvent.seq))
        return [(e.type, e.data) for e in rows]


@pytest.mark.parametrize("told", [_forwarded, _closed])
def test_the_history_records_the_outcome_as_before_its_id_and_length_never_its_words(office, told):
    """The hash-chained history keeps its shape: ``reporter_outcome_sent`` holds the message's id and the length of
    its words of record, never the words, the agency or the reason; the chain verifies."""
    ticket, _code = told(office, "en")
    with office.sessions() as s:
        body = s.scalar(select(CaseMessage.body).join(Case).where(Case.ticket == ticket))
    [sent] = [data for kind, data in _history(office, ticket) if kind == "reporter_outcome_sent"]
    assert set(sent) == {"message_id", "chars"}
    assert sent["chars"] == len(body)
    office.verify()


@pytest.mark.parametrize(("locale", "kept"), [("en", "en"), ("id", None)])
def test_an_anonymous_reporters_language_is_the_one_of_the_page_they_filed_on(office, locale, kept):
    """An anonymous reporter has no identity in the vault to keep their language with: the complaint keeps it (as an
    objection filed in another language does, engine.languages), Bahasa Indonesia being the default. The history's
    record of the filing is what it was: the complaint's own details, no language."""
    ticket, _code = _filed(office, locale, "anonim")
    case = office.case(ticket)
    assert ((case.details or {}).get("locale"), languages.written_in(case, None)) == (kept, locale)
    [(kind, data)] = [(k, d) for k, d in _history(office, ticket) if k == "complaint_submitted"]
    assert "locale" not in data
