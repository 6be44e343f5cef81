"""Why an exemption register entry ended is Kawal's own words, read in the reader's language (engine.exemption_words).

An entry ended by an objection granted in full, or by a Commission's or court's decision become final, was stored
with an Indonesian sentence, so the English page and files of the register showed Indonesian. Kawal now stores a
code and its parameters (the deciding case's ticket, who gave the final word and its name as typed) and words them
when read: Bahasa Indonesia as before, English in English; the request's history keeps the same code and
parameters beside the Indonesian words. An entry stored with the old sentence reads in either language too.

On SQLite alone: the words are Python's (engine.exemption_words) over the stored code, which either database returns as
written; an entry's end stored and read back (its day, reason and event) is proved on PostgreSQL by
tests/workflows/test_exemption_overturned.py.
"""

from datetime import date

from engine import exemption_words, exemptions
from engine.models import Exemption
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.workflows.test_exemption_overturned import (
    _dispute_decided,
    _ended_events,
    _entries,
    _objection_decided,
    _refused,
    _today,
    clock,  # noqa: F401 - the fixture the helpers' cases run under
)
from tests.workflows.test_sengketa_paths import wib


def _reason(row: list) -> str:
    return row[[key for key, *_ in exemptions.COLUMNS].index("ended_reason")]


def test_an_objection_that_ends_an_entry_is_stored_as_a_code_and_read_in_each_language(office, clock):  # noqa: F811
    request = _refused(office)
    objection = _objection_decided(office, request, ("a",), "keberatan_dikabulkan_seluruhnya")
    (entry,) = _entries(office)
    assert exemption_words.parsed(entry.ended_reason) == (exemption_words.OBJECTION, {"objection": objection})
    indonesian = f"Keberatan {objection} dikabulkan seluruhnya oleh Atasan PPID"  # the words of before, unchanged
    english = f"Objection {objection} granted in full by the PPID's superior"
    with office.sessions() as s:
        rows = exemptions.register(s, _today(office))
        assert rows[0]["ended_reason"] == indonesian  # the API's view: the language of record
        assert rows[0]["note"] == indonesian
        assert _reason(exemptions.table(rows, "id")[1]) == indonesian
        assert _reason(exemptions.table(rows, "en")[1]) == english  # the same rows, in the table's language
        assert english in exemptions.export_csv(rows, "en").decode("utf-8-sig")
        assert indonesian in exemptions.export_csv(rows, "id").decode("utf-8-sig")
        assert exemptions.register(s, _today(office), locale="en")[0]["ended_reason"] == english
    (event,) = _ended_events(office, request)
    assert (event["code"], event["params"], event["reason"]) == (
        exemption_words.OBJECTION,
        {"objection": objection},
        indonesian,
    )
    (overturned,) = _ended_events(office, request, "refusal_overturned")
    assert (overturned["code"], overturned["params"]) == (exemption_words.OBJECTION, {"objection": objection})
    office.verify()


def test_a_final_court_judgment_that_ends_an_entry_names_the_court_as_typed_in_either_language(office, clock):  # noqa: F811
    request, ticket = _dispute_decided(office, clock, "dikabulkan_seluruhnya")
    clock.move_to(wib("2027-03-15"))
    challenge = {
        "sikap": "mengajukan_keberatan",
        "alasan_sikap": "Informasi dikecualikan",
        "pengadilan": "PTUN Jakarta",
        "tanggal_pengajuan_keberatan": "2027-03-15",
    }
    office.complete(ticket, "sikap_atas_putusan", challenge)
    clock.move_to(wib("2027-05-03"))
    judgment = {"tanggal": "2027-05-03", "pengadilan": "PTUN Jakarta", "nomor_perkara": "12/G/KI/2027/PTUN.JKT"}
    office.message(ticket, "putusan_pengadilan", {**judgment, "amar": "dikabulkan_seluruhnya"})
    office.complete(ticket, "sikap_kasasi", {"sikap": "menerima", "alasan_sikap": "Putusan diterima"})
    clock.move_to(wib("2027-05-24"))
    office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": "2027-05-24"})
    (entry,) = _entries(office)
    assert entry.ended_on == date(2027, 5, 24)
    params = {"dispute": ticket, "body": exemption_words.COURT, "name": "PTUN Jakarta"}
    assert exemption_words.parsed(entry.ended_reason) == (exemption_words.DISPUTE, params)
    assert exemption_words.read(entry.ended_reason, "id") == (
        f"Putusan PTUN Jakarta atas sengketa {ticket} mengabulkan permohonan seluruhnya, berkekuatan hukum tetap"
    )
    assert exemption_words.read(entry.ended_reason, "en") == (
        f"The decision of PTUN Jakarta on dispute {ticket} granted the request in full and became final"
    )
    (event,) = _ended_events(office, request)
    assert (event["code"], event["params"]) == (exemption_words.DISPUTE, params)
    office.verify()


def test_who_gave_the_final_word_is_worded_in_the_reader_s_language_when_no_name_was_typed():
    for body, indonesian, english in (
        (exemption_words.SUPREME_COURT, "Mahkamah Agung (kasasi)", "the Supreme Court (cassation)"),
        (exemption_words.COURT, "pengadilan", "the court"),
        (exemption_words.COMMISSION, "Komisi Informasi", "the Information Commission"),
    ):
        stored = exemption_words.stored(exemption_words.DISPUTE, dispute="SIP-2027-000001", body=body, name=None)
        assert exemption_words.read(stored, "id").startswith(f"Putusan {indonesian} atas sengketa SIP-2027-000001 ")
        assert exemption_words.read(stored, "en").startswith(f"The decision of {english} on dispute SIP-2027-000001 ")


def test_an_entry_stored_with_the_old_indonesian_sentence_reads_in_english_and_is_left_as_stored(office, clock):  # noqa: F811
    """Entries ended before the codes keep their sentence in the database; it is read as its code: the same
    Indonesian, and English for an English reader. A text Kawal never wrote is read as it is."""
    old = {
        "Keberatan KEB-2025-000025 dikabulkan seluruhnya oleh Atasan PPID": (
            "Objection KEB-2025-000025 granted in full by the PPID's superior"
        ),
        "Putusan Komisi Informasi Pusat atas sengketa SIP-2025-000004 mengabulkan permohonan seluruhnya, berkekuatan"
        " hukum tetap": "The decision of Komisi Informasi Pusat on dispute SIP-2025-000004 granted the request in full"
        " and became final",
        "Putusan Mahkamah Agung (kasasi) atas sengketa SIP-2025-000009 mengabulkan permohonan seluruhnya, berkekuatan"
        " hukum tetap": "The decision of the Supreme Court (cassation) on dispute SIP-2025-000009 granted the request"
        " in full and became final",
        "Dibatalkan oleh putusan Komisi Informasi": "Dibatalkan oleh putusan Komisi Informasi",
    }
    for sentence, english in old.items():
        assert exemption_words.read(sentence, "id") == sentence
        assert exemption_words.read(sentence, "en") == english
    _refused(office)
    (entry,) = _entries(office)
    sentence = next(iter(old))
    with office.sessions() as s:
        stored = s.get(Exemption, entry.id)
        stored.ended_on, stored.ended_reason = _today(office), sentence
        s.commit()
    with office.sessions() as s:
        rows = exemptions.register(s, _today(office))
        assert _reason(exemptions.table(rows, "en")[1]) == old[sentence]
        assert s.get(Exemption, entry.id).ended_reason == sentence  # not rewritten
