"""An entry of the exemption register ends when the refusal it rests on is overturned (UU 14/2008 Pasal 17, 20, 35,
36, 47-50; legal-process.md §3.6, §4, §5): the PPID's superior grants in full an objection on ground a, or on ground
d or e against a request refused as exempt, or a Commission decision or court judgment doing so becomes final. The
end is an event in the request's history naming the deciding case, and the register shows the day and why; an
objection granted in part, on grounds that do not contest the exemption (b, c, f, g alone; d or e against a partial
grant), an agreement, or a decision not yet final leaves the entry in force. Only the request's own entries end: an
entry the refusal cited (determined on another request) binds later requesters and stays; the refusal itself is
recorded overturned on the request.

On PostgreSQL too (the others, marked ``sqlite_only``, are the law's rules in Python over rows either database returns
alike): a Commission's decision ending the entry (the end's round trip: its day, reason and event), the /dip box of
refusals (its search and the decisions' JSON query), ``kawal db upgrade`` ending entries, and ``exemptions.cited_by``
(the last decision's JSON query).
"""

import dataclasses
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from engine import exemptions
from engine.models import Case, CaseEvent, Exemption
from engine.runtime import Runtime
from tests.conftest import sqlite_only
from tests.helpers import decision
from tests.workflows.conftest import Office
from tests.workflows.test_sengketa_paths import BERKAS, BUKTI, KESIMPULAN, _carried_out, power_for, wib

FIXTURES = Path(__file__).parent / "fixtures"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
REASONS = "Sebagian informasi tetap dikecualikan berdasarkan Pasal 17 huruf h."


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


def _refused(office, outcome="ditolak_dikecualikan", **decided):
    """A request refused (or granted in part) on an exemption the superior determined (or one it cites)."""
    ticket = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        office.complete(ticket, step)
    office.complete(ticket, "putuskan", decision(outcome, **decided))
    if not decided.get("pengecualian_terdaftar"):
        office.complete(ticket, "uji_konsekuensi")
        office.complete(ticket, "tetapkan_pengecualian")
    office.complete(ticket, "pemberitahuan_tertulis")
    if outcome == "dikabulkan_sebagian":
        office.complete(ticket, "penyerahan_informasi")
    return ticket


def _objection_decided(office, request, grounds, keputusan):
    objection = office.objection(request, list(grounds))
    registration = {"cara_kirim_tanda_terima": "email"}
    office.complete(objection, "registrasi_keberatan", registration)
    if set(grounds) - {"a"}:  # grounds b-g are offered an amicable settlement first (Pasal 35(2))
        office.complete(objection, "tawarkan_musyawarah", {"hasil": "tidak_sepakat"})
    office.complete(objection, "susun_kronologi", {"kronologi": "Permohonan ditolak", "pertimbangan_ppid": "Sesuai"})
    today = _today(office).isoformat()
    data = {"keputusan": keputusan, "tanggal_keputusan": today}
    if keputusan != "keberatan_ditolak":
        data["perintah_kepada_ppid"] = "Serahkan informasi yang diminta"
    if keputusan != "keberatan_dikabulkan_seluruhnya":
        data["alasan_tertulis"] = REASONS
    office.complete(objection, "putuskan_keberatan", data)
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": today, "dikirim_melalui": "email"})
    return objection


def _today(office) -> date:
    from engine import clock as office_clock

    return office_clock.now().astimezone(office.rt.calendars["strict"].tz).date()


def _entries(office) -> list[Exemption]:
    with office.sessions() as s:
        return s.scalars(select(Exemption).order_by(Exemption.id)).all()


def _ended_events(office, ticket, kind="exemption_ended") -> list[dict]:
    with office.sessions() as s:
        return s.scalars(
            select(CaseEvent.data)
            .join(Case, CaseEvent.case_id == Case.id)
            .where(Case.ticket == ticket, CaseEvent.type == kind)
            .order_by(CaseEvent.seq)
        ).all()


@sqlite_only
@pytest.mark.parametrize(
    ("outcome", "grounds"),
    [
        ("ditolak_dikecualikan", ("e", "f")),
        ("ditolak_dikecualikan", ("d",)),
        ("dikabulkan_sebagian", ("a", "e")),
        ("ditolak_dikecualikan", ("a",)),
    ],
    ids=["refused_not_fulfilled_and_fees", "refused_not_as_asked", "partial_a", "refused_a"],
)
def test_an_objection_granted_in_full_that_overturns_the_exemption_ends_the_entry(office, clock, outcome, grounds):
    """KEB-2025-000028 (grounds e and f against a refusal as exempt) was granted in full and the information handed
    over, and the entry it had overturned stayed "Berlaku" to 2030: only ground a ended an entry. Ground a always
    contests the exemption; d or e granted in full against a request refused whole as exempt opens it."""
    request = _refused(office, outcome)
    objection = _objection_decided(office, request, grounds, "keberatan_dikabulkan_seluruhnya")
    (entry,) = _entries(office)
    today = _today(office)
    assert entry.ended_on == today
    assert objection in entry.ended_reason
    row = exemptions.view(entry, today)
    assert (row["in_force"], row["ended_on"]) == (False, today)
    assert objection in row["ended_reason"]
    (event,) = _ended_events(office, request)
    assert (event["exemption"], event["by"], event["on"]) == (entry.id, objection, today.isoformat())
    assert objection in event["reason"]
    (overturned,) = _ended_events(office, request, "refusal_overturned")
    assert (overturned["by"], overturned["on"]) == (objection, today.isoformat())
    office.verify()


@sqlite_only
@pytest.mark.parametrize(
    ("outcome", "grounds", "keputusan"),
    [
        ("ditolak_dikecualikan", ("f",), "keberatan_dikabulkan_seluruhnya"),  # the fee: the exemption stays
        ("ditolak_dikecualikan", ("c", "g"), "keberatan_dikabulkan_seluruhnya"),  # answering does not open it
        ("ditolak_dikecualikan", ("a",), "keberatan_dikabulkan_sebagian"),  # part of the refusal upheld, with reasons
        ("ditolak_dikecualikan", ("a",), "keberatan_ditolak"),
        # Against a partial grant, d and e contest the part the exemption left open (handed over blacked out, or
        # not at all): granting them orders that part given, and the exempt part stays exempt (Pasal 35(1)).
        ("dikabulkan_sebagian", ("e", "f"), "keberatan_dikabulkan_seluruhnya"),
        ("dikabulkan_sebagian", ("d",), "keberatan_dikabulkan_seluruhnya"),
    ],
    ids=["fees", "no_answer_late", "granted_in_part", "upheld", "partial_not_fulfilled", "partial_not_as_asked"],
)
def test_an_objection_that_does_not_overturn_the_exemption_leaves_the_entry_in_force(
    office, clock, outcome, grounds, keputusan
):
    request = _refused(office, outcome)
    _objection_decided(office, request, grounds, keputusan)
    (entry,) = _entries(office)
    assert entry.ended_on is None
    assert exemptions.in_force(entry, _today(office))
    assert _ended_events(office, request) == []
    assert _ended_events(office, request, "refusal_overturned") == []


@sqlite_only
def test_an_objection_granted_in_full_leaves_the_entry_the_refusal_only_cited(office, clock):
    """An entry determined on another request is a decree that binds every later requester (Pasal 17-20): one
    requester's objection overturns the refusal of that request, recorded on it, and neither voids the entry for
    everyone nor writes into the other request's history."""
    first = _refused(office)
    (entry,) = _entries(office)
    second = _refused(office, pengecualian_terdaftar=entry.id)
    objection = _objection_decided(office, second, ("a",), "keberatan_dikabulkan_seluruhnya")
    (entry,) = _entries(office)
    assert entry.ended_on is None
    assert exemptions.in_force(entry, _today(office))
    assert _ended_events(office, second) == []
    assert _ended_events(office, first) == []
    assert _ended_events(office, first, "refusal_overturned") == []
    (overturned,) = _ended_events(office, second, "refusal_overturned")
    assert (overturned["by"], overturned["on"], overturned["cited"]) == (
        objection,
        _today(office).isoformat(),
        entry.id,
    )
    office.verify()


# -- the Commission and the courts ------------------------------------------------------------------------------


def _dispute_decided(office, clock, amar, grounds=("a",)):
    """A refusal, an objection on ``grounds`` upheld, and the Commission's adjudication read on 26 Feb 2027."""
    request = _refused(office)
    objection = _objection_decided(office, request, grounds, "keberatan_ditolak")
    clock.move_to(wib("2027-01-13"))
    ticket = office.dispute(objection)
    office.complete(ticket, "surat_kuasa", power_for(grounds))
    office.complete(ticket, "siapkan_berkas", BERKAS)
    clock.move_to(wib("2027-01-20"))
    office.message(ticket, "pemeriksaan_awal", {"tanggal": "2027-01-20", "hasil": "dilanjutkan", "mediasi": False})
    clock.move_to(wib("2027-02-17"))
    office.complete(ticket, "bukti_ajudikasi", BUKTI)
    office.complete(ticket, "kesimpulan", KESIMPULAN)
    clock.move_to(wib("2027-03-01"))
    decided = {"tanggal_dibacakan": "2027-02-26", "tanggal_diterima": "2027-03-01", "amar": amar}
    office.message(ticket, "putusan_ajudikasi", {**decided, "tanggal_diterima_pemohon": "2027-03-01"})
    return request, ticket


def _final(office, clock, ticket, certified="2027-04-02"):
    """The agency accepts; after the applicant's window the Commission certifies the decision final, and the
    certificate reaches the office days later (recorded on 5 April 2027)."""
    office.complete(ticket, "sikap_atas_putusan", {"sikap": "menerima", "alasan_sikap": "Putusan sesuai telaah"})
    clock.move_to(office.deadline(ticket, "P14P").due_at + timedelta(days=4))
    assert _today(office) == date(2027, 4, 5)
    office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": certified})


def test_a_commission_decision_granting_the_request_in_full_ends_the_entry_when_it_becomes_final(office, clock):
    """Disputes SIP-2025-000002, -000004 and -000008: the Commission granted the requests in full, the decisions
    were carried out, and their entries stayed in force to 2030. The decision binds once final (§5.2 row 10): the
    entry ends on the day it became final (the certificate's date, §5.2), not when the office recorded the
    certificate, nor when (or whether) it complied; the compliance clock runs from the same day."""
    request, ticket = _dispute_decided(office, clock, "dikabulkan_seluruhnya")
    (entry,) = _entries(office)
    assert entry.ended_on is None  # read, but not final: the office may still go to court
    _final(office, clock, ticket, certified="2027-04-02")  # recorded on 5 April
    assert office.case(ticket).status == "pelaksanaan_putusan"
    (entry,) = _entries(office)
    assert entry.ended_on == date(2027, 4, 2)
    assert ticket in entry.ended_reason
    assert "Komisi Informasi" in entry.ended_reason
    assert not exemptions.in_force(entry, _today(office))
    (event,) = _ended_events(office, request)
    assert (event["by"], event["on"]) == (ticket, "2027-04-02")
    laksana = office.deadline(ticket, "LAKSANA")
    assert laksana.start_at.astimezone(office.rt.calendars["strict"].tz).date() == date(2027, 4, 2)
    office.complete(ticket, "pelaksanaan_putusan", _carried_out())  # complying changes nothing more
    assert len(_ended_events(office, request)) == 1
    office.verify()


@sqlite_only
@pytest.mark.parametrize(
    ("amar", "grounds"),
    [("dikabulkan_sebagian", ("a",)), ("ditolak", ("a",)), ("dikabulkan_seluruhnya", ("f",))],
    ids=["granted_in_part", "dismissed", "fees_only"],
)
def test_a_final_decision_that_does_not_order_the_withheld_information_leaves_the_entry(office, clock, amar, grounds):
    request, ticket = _dispute_decided(office, clock, amar, grounds)
    _final(office, clock, ticket)
    (entry,) = _entries(office)
    assert entry.ended_on is None
    assert _ended_events(office, request) == []


@sqlite_only
def test_a_court_judgment_granting_the_request_in_full_ends_the_entry_when_final(office, clock):
    """The office challenged the Commission's decision at the PTUN and lost; the judgment became final on the
    court's certificate."""
    request, ticket = _dispute_decided(office, clock, "dikabulkan_seluruhnya")
    clock.move_to(wib("2027-03-15"))
    challenge = {
        "sikap": "mengajukan_keberatan",
        "alasan_sikap": "Informasi dikecualikan",
        "pengadilan": "PTUN Jakarta",
        "tanggal_pengajuan_keberatan": "2027-03-15",
    }
    office.complete(ticket, "sikap_atas_putusan", challenge)
    assert _entries(office)[0].ended_on is None  # challenged: not final
    clock.move_to(wib("2027-05-03"))
    judgment = {"tanggal": "2027-05-03", "pengadilan": "PTUN Jakarta", "nomor_perkara": "12/G/KI/2027/PTUN.JKT"}
    office.message(ticket, "putusan_pengadilan", {**judgment, "amar": "dikabulkan_seluruhnya"})
    assert _entries(office)[0].ended_on is None
    office.complete(ticket, "sikap_kasasi", {"sikap": "menerima", "alasan_sikap": "Putusan diterima"})
    clock.move_to(wib("2027-05-24"))
    office.message(ticket, "berkekuatan_hukum_tetap", {"tanggal": "2027-05-24"})  # the court's certificate
    (entry,) = _entries(office)
    assert entry.ended_on == date(2027, 5, 24)
    assert "PTUN Jakarta" in entry.ended_reason
    assert ticket in entry.ended_reason
    assert [e["by"] for e in _ended_events(office, request)] == [ticket]
    office.verify()


def test_the_dip_box_of_refusals_no_longer_lists_a_refusal_overturned_whose_entry_it_cited(office, clock):
    """/dip's "Ditolak karena dikecualikan" box lists the requests refused as exempt whose refusal stands. The second
    refusal cited the first one's entry; an objection on ground e against it, granted in full, overturned that
    refusal, not the first one nor the entry it made."""
    from engine import dip_match

    first = _refused(office)
    (entry,) = _entries(office)
    second = _refused(office, pengecualian_terdaftar=entry.id)

    def refused():
        with office.sessions() as s:
            groups = dip_match.repeated_requests(s, _today(office), include_refused=True)
            return sorted(t for g in groups for t in g.refused_exempt)

    assert refused() == sorted([first, second])
    _objection_decided(office, second, ("e",), "keberatan_dikabulkan_seluruhnya")
    assert refused() == [first]


def test_an_upgrade_ends_the_entries_a_final_decision_overturned_before_kawal_ended_them(
    office, clock, settings, monkeypatch
):
    """An office whose Kawal did not yet end entries on a dispute's decision: `kawal db upgrade` ends them as the
    decision would have, on the day it became final (its certificate's date), with its event, once."""
    from click.testing import CliRunner

    from api.cli import main
    from engine import run

    request, ticket = _dispute_decided(office, clock, "dikabulkan_seluruhnya")
    monkeypatch.setattr(run.exemption_ends, "end_for_dispute", lambda *a, **k: [])  # the Kawal before
    _final(office, clock, ticket, certified="2027-04-02")
    monkeypatch.undo()
    assert _entries(office)[0].ended_on is None
    monkeypatch.setenv("KAWAL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KAWAL_ENV", "test")
    first = CliRunner().invoke(main, ["db", "upgrade"], catch_exceptions=False)
    assert "1 exemption entries ended" in first.output
    (entry,) = _entries(office)
    assert entry.ended_on == date(2027, 4, 2)
    assert ticket in entry.ended_reason
    assert [e["by"] for e in _ended_events(office, request)] == [ticket]
    again = CliRunner().invoke(main, ["db", "upgrade"], catch_exceptions=False)
    assert "exemption" not in again.output
    office.verify()


# A case kept on its process version: tests/workflows/test_sengketa_preparation.py walks it on PostgreSQL.
@sqlite_only
def test_a_dispute_started_on_the_previous_version_keeps_the_day_it_was_recorded(
    settings, session_factory_, office, clock, tmp_path
):
    """A case keeps the process version it started on (tests/workflows/fixtures/sengketa_informasi.v2.bpmn, the
    version that took the day Kawal recorded the certificate): a dispute started on it runs on as it did, final (its
    compliance clock started, its entry ended) on that day; one started after takes the certificate's date."""
    workflows = tmp_path / "workflows"
    shutil.copytree(settings.workflows_dir, workflows, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(FIXTURES / "sengketa_informasi.v2.bpmn", workflows / "sengketa_informasi.bpmn")
    before = Office(session_factory_, Runtime(dataclasses.replace(settings, workflows_dir=workflows)))
    tz = office.rt.calendars["strict"].tz
    tickets = []
    for deployed, final_on in ((before, "2027-04-05"), (office, "2027-04-02")):
        clock.move_to(RECEIVED)
        request, ticket = _dispute_decided(deployed, clock, "dikabulkan_seluruhnya")
        _final(office, clock, ticket, certified="2027-04-02")  # recorded on 5 April
        assert office.deadline(ticket, "LAKSANA").start_at.astimezone(tz).date().isoformat() == final_on
        assert [e["on"] for e in _ended_events(office, request)] == [final_on]
        tickets.append(ticket)
    with office.sessions() as s:
        old, new = (s.scalar(select(Case.process_version_id).where(Case.ticket == t)) for t in tickets)
    assert old != new
    office.verify()


def test_a_refusal_rests_on_the_entry_its_last_decision_cites_only(office, clock):
    """``exemptions.cited_by`` reads the decision task's last completion: a decision made again citing no entry (or
    another task's data naming one) leaves no stale citation behind."""
    from engine.audit import EventLog

    _refused(office)
    (entry,) = _entries(office)
    second = _refused(office, pengecualian_terdaftar=entry.id)
    with office.sessions() as s:
        case = s.scalar(select(Case).where(Case.ticket == second))
        assert exemptions.cited_by(s, [case.id]) == {case.id: entry.id}
        log = EventLog(s)
        log.append(case, "task_completed", "ppid", {"task": "putuskan", "data": decision("ditolak_dikecualikan")})
        log.append(case, "task_completed", "ppid", {"task": "catatan", "data": {"pengecualian_terdaftar": entry.id}})
        s.commit()
        assert exemptions.cited_by(s, [case.id]) == {}
        assert exemptions.decisions(s, [case.id])[case.id]["keputusan"] == "ditolak_dikecualikan"
    office.verify()
