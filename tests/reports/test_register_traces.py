"""A register row reads as what happened, and each entry is traced (legal-process.md §3.3, §9.2 (c); walk report 41).

* The request register gives the final result after an objection or a dispute: a "not held" row, or a refusal,
  with a delivery date read as a contradiction while the objection granted or the settlement that led to the delivery
  was in another register.
* The exemption register numbers its rows 1..n (its "No." was the database id: the year's list began at 2), names
  the request each determination was made on and the official who made it (a public register: an official's name
  and position are public), and its CSV writes days as every other register's does (``12 Feb 2025``).
"""

import re
from datetime import date

import pytest
from sqlalchemy import select

from engine import exemptions, kinds, registers, reports
from engine.letters.signers import as_signer
from engine.models import Case, CaseFacts, Exemption, User
from tests.reports.conftest import YEAR

PERIOD = reports.Period(YEAR)
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@SQLITE_ONLY
def test_a_request_s_register_row_names_each_objection_and_dispute_that_followed_with_what_became_of_it(year):
    start, end = PERIOD.bounds(year.rt.settings.office_timezone)
    with year.sessions() as s:
        ppid = s.scalar(select(User).where(User.username == "tahun_ppid"))
        rows = {r["ticket"]: r for r in registers.rows(s, year.rt, ppid, registers.Filter(kinds.REQUEST, start, end))}
        later = s.execute(
            select(Case.id, Case.parent_id, Case.ticket, Case.kind, CaseFacts.result, CaseFacts.adjudication)
            .join(CaseFacts, CaseFacts.case_id == Case.id)
            .where(Case.kind.in_((kinds.OBJECTION, kinds.DISPUTE)))
            .order_by(Case.received_at, Case.id)
        ).all()
        tickets = dict(s.execute(select(Case.id, Case.ticket)).all())
    objections = [c for c in later if c.kind == kinds.OBJECTION and tickets[c.parent_id] in rows]
    assert objections, "the year brings objections"
    expected: dict[str, list[tuple]] = {}
    for objection in objections:
        chain = expected.setdefault(tickets[objection.parent_id], [])
        chain.append((objection.ticket, objection.result, None))
        chain += [(d.ticket, d.result, d.adjudication) for d in later if d.parent_id == objection.id]
    for ticket, row in rows.items():
        found = [(i["ticket"], i["result"], i.get("adjudication")) for i in row["final_result"] or []]
        assert found == expected.get(ticket, []), ticket


def test_a_final_result_reads_as_each_ticket_and_its_outcome(app):
    from api.reports import labels

    rt = app.extensions["kawal_runtime"]
    value = [
        {"ticket": "KEB-2025-000006", "kind": kinds.OBJECTION, "result": "keberatan_ditolak", "status": "selesai"},
        {
            "ticket": "SIP-2025-000002",
            "kind": kinds.DISPUTE,
            "result": "putusan_ajudikasi",
            "status": "selesai",
            "adjudication": "dikabulkan_seluruhnya",
            "court_result": None,
        },
    ]
    with app.test_request_context(headers={"Accept-Language": "id"}):
        text = labels.value_text(rt, "final_result", value)
        assert str(labels.COLUMNS["final_result"]) == "Hasil akhir (keberatan, sengketa)"
    objection = "KEB-2025-000006: Keberatan Ditolak (Menguatkan PPID)"
    assert text == f"{objection}; SIP-2025-000002: Putusan Ajudikasi, Dikabulkan seluruhnya"


@SQLITE_ONLY
def test_the_exemption_register_numbers_its_rows_and_names_the_request_and_the_official_who_determined(year):
    first, last = date(YEAR, 1, 1), date(YEAR, 12, 31)
    with year.sessions() as s:
        today = year.rt.today()
        listed = exemptions.register(s, today, first, last)
        second_half = exemptions.register(s, today, date(YEAR, 7, 1), last)
        made_on = {e.id: (e.case_id, e.decided_by) for e in s.scalars(select(Exemption))}
        tickets = dict(s.execute(select(Case.id, Case.ticket)).all())
        names = dict(s.execute(select(User.username, User.display_name)).all())
    assert len(listed) > len(second_half) > 1
    assert [row["no"] for row in listed] == list(range(1, len(listed) + 1))  # 1..n in the register's order
    assert [row["no"] for row in second_half] == list(range(1, len(second_half) + 1))  # of the rows listed
    assert second_half[0]["id"] > 1  # while the entry keeps its own number, which a decision cites
    for row in listed:
        case_id, decided_by = made_on[row["id"]]
        assert row["request_ticket"] == tickets[case_id]
        assert row["request_ticket"].startswith(f"PPID-{YEAR}-")
        assert row["decided_by_name"] == as_signer(names[decided_by])["name"]
    headers, *cells = exemptions.table(listed)
    assert headers[:3] == ["No.", "No. Register", "Nomor Permohonan"]
    assert "Nama Pejabat yang Menetapkan" in headers
    csv_text = exemptions.export_csv(listed).decode("utf-8-sig")
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", csv_text)  # no ISO day
    day = listed[0]["decree_date"]
    assert f"{day.day} " in csv_text.splitlines()[1]
    assert csv_text.splitlines()[1].startswith(f"1,{listed[0]['id']},{listed[0]['request_ticket']},")
