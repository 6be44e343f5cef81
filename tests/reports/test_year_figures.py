"""The statutory figures count what happened: a year told through the engine, counted again by the test.

``engine.demo_year`` plans each case (its path, its working days, its letters) and then works it through
the real engine with the clock moved. The test counts the plan with plain Python, and the raw case rows
(received and closed instants, the overdue flag) with the calendar, and compares with what the report,
the announcement, the complaint statistics and the registers count in SQL over ``CaseFacts``.
"""

from collections import Counter

import pytest
from sqlalchemy import select

from engine import complaint_stats, facts, kinds, registers, reports
from engine.models import Case, CaseFacts, Deadline, User
from tests.reports.conftest import YEAR

PERIOD = reports.Period(YEAR)
# Telling a year on PostgreSQL takes a while: these checks run on SQLite, the others on both.
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _rows(year):
    with year.sessions() as s:
        return {c.ticket: c for c in s.scalars(select(Case))}


def _report(year):
    with year.sessions() as s:
        report = reports.annual_report(s, year.rt, PERIOD)
        annex = dict(reports.annex(s, year.rt, PERIOD))
    return report, annex


def expected_request_figures(year) -> Counter:
    """The request figures of §9.2, counted from the plan of every request story."""
    want = Counter()
    for story in year.told(kinds.REQUEST):
        plan = story.plan
        want["requests.received"] += 1
        want[f"requests.channel_{story.channel}"] += 1
        want[f"requests.requester_{plan['requester_type']}"] += 1
        result = plan["result"]
        key = {
            "dikabulkan_seluruhnya": "granted_full",
            "dikabulkan_sebagian": "granted_part",
            "ditolak_dikecualikan": "refused",
            "tidak_dikuasai": "not_held",
            "belum_dikuasai_didokumentasikan": "not_documented",
            "dicabut": "withdrawn",
            "ditutup_tidak_lengkap": "closed_incomplete",
        }[result]
        want[f"outcomes.{key}"] += 1
        if result in ("dicabut", "ditutup_tidak_lengkap"):
            continue
        want["outcomes.decided"] += 1
        days = plan["days"]
        band = "0_5" if days <= 5 else "6_10" if days <= 10 else "11_17" if days <= 17 else "over_17"
        want[f"time.band_{band}"] += 1
        want["time.within_10"] += days <= 10
        want["time.within_17"] += days <= 17
        if plan["extended"]:
            want["time.extended"] += 1
            want[f"time.extension_{plan['extension_reason']}"] += 1
        want["time.overdue"] += plan["overdue"]
        section = {"ditolak_dikecualikan": "refusals", "dikabulkan_sebagian": "redactions"}.get(result)
        for letter in plan["exemptions"] if section else ():
            want[f"{section}.{letter}"] += 1
        want["fees.charged"] += plan["fee"] > 0
        want["fees.paid"] += plan["fee"] > 0
    return want


def expected_objection_and_dispute_figures(year) -> Counter:
    want = Counter()
    for story in year.told(kinds.OBJECTION):
        want["objections.received"] += 1
        for ground in story.plan["grounds"]:
            want[f"objections.ground_{ground}"] += 1
        key = {
            "keberatan_dikabulkan_seluruhnya": "granted_full",
            "keberatan_dikabulkan_sebagian": "granted_part",
            "keberatan_ditolak": "upheld",
            "diselesaikan_musyawarah": "settled",
        }[story.plan["result"]]
        want[f"objections.{key}"] += 1
        want["objections.answered_within_30"] += story.plan["days"] <= 30
        # A settlement carried out is not a grant carried out (walk report, session 41): a figure of its own.
        done = "settled_carried_out" if key == "settled" else "carried_out"
        want[f"objections.{done}"] += bool(story.plan.get("carried_out"))
    for story in year.told(kinds.DISPUTE):
        plan = story.plan
        want["disputes.received"] += 1
        for ground in plan["grounds"]:
            want[f"disputes.ground_{ground}"] += 1
        if plan.get("mediation"):
            want["disputes.mediation"] += 1
            want["disputes.mediation_agreed" if plan["mediation"] == "berhasil" else "disputes.mediation_failed"] += 1
        if plan.get("adjudication"):
            want["disputes.adjudication"] += 1
            want[f"disputes.adjudication_{plan['adjudication']}"] += 1
        want["disputes.interlocutory"] += plan["path"] == "interlocutory"
        want["disputes.withdrawn"] += plan["path"] == "withdrawn"
        want["disputes.carried_out"] += bool(plan.get("carried_out"))
        if plan.get("court"):
            want["court.cases"] += 1
            want["court.by_office"] += plan["court"] == "termohon"
            want[f"court.result_{plan['court_result']}"] += 1
            want["court.carried_out"] += bool(plan.get("carried_out"))
    return want


def test_every_figure_of_the_report_equals_the_count_of_the_cases_told(year):
    report, annex = _report(year)
    counted = {f"{s.key}.{f.key}": f.value for s in report.sections for f in s.figures}
    want = expected_request_figures(year) + expected_objection_and_dispute_figures(year)
    assert want["requests.received"] >= 25
    assert want["objections.received"] >= 1
    differences = {key: (counted[key], want[key]) for key in counted if counted[key] != want[key]}
    assert differences == {}, "figure: (report, told)"
    # Every figure lists exactly as many tickets as it counts, each ticket once.
    for key, value in counted.items():
        assert len(annex[key]) == len(set(annex[key])) == value, key


@SQLITE_ONLY
def test_median_and_90th_percentile_are_the_nearest_ranks_of_the_working_days_told(year):
    report, _annex = _report(year)
    days = sorted(s.plan["days"] for s in year.told(kinds.REQUEST) if s.plan.get("days") is not None)
    nearest = lambda p: days[max(1, -(-p * len(days) // 100)) - 1]  # noqa: E731 - ceil(p/100 n)-th value
    ttf = report.time_to_fulfil
    assert (ttf.decided, ttf.median, ttf.p90) == (len(days), nearest(50), nearest(90))
    assert ttf.histogram == dict(sorted(Counter(days).items()))


@SQLITE_ONLY
def test_the_refusals_annex_names_the_refused_requests_by_their_letters(year):
    _report_, annex = _report(year)
    for letter in "abcdefghij":
        refused = sorted(
            s.ticket
            for s in year.told(kinds.REQUEST)
            if s.plan["result"] == "ditolak_dikecualikan" and letter in s.plan["exemptions"]
        )
        assert annex[f"refusals.{letter}"] == refused


@SQLITE_ONLY
def test_the_announcement_shows_the_report_s_figures_without_any_ticket_or_name(year):
    report, _annex = _report(year)
    with year.sessions() as s:
        shown = reports.announcement(s, year.rt, YEAR)
    assert shown["figures"] == {key: report.value(key) for key in reports.ANNOUNCED}
    # Every request received is accounted for: decided, withdrawn, closed as incomplete, or still in process.
    ends = ("outcomes.decided", "outcomes.withdrawn", "outcomes.closed_incomplete", "outcomes.in_process")
    assert sum(shown["figures"][key] for key in ends) == shown["figures"]["requests.received"]
    assert shown["median_days"] == report.time_to_fulfil.median
    text = repr(shown)
    assert "PPID-" not in text
    assert "Pemohon Tahunan" not in text


def test_complaint_statistics_count_the_complaints_told(year):
    rows = _rows(year)
    cal = year.rt.calendars["strict"]
    told = year.told(kinds.COMPLAINT)
    start, end = PERIOD.bounds(year.rt.settings.office_timezone)
    with year.sessions() as s:
        stats = complaint_stats.complaint_stats(s, start, end)
    raw = {dim: {value: c.raw for value, c in cells.items()} for dim, cells in stats.breakdowns.items()}
    assert stats.total == len(told)
    assert {k: v for k, v in raw["mode"].items() if v} == dict(Counter(s.plan["mode"] for s in told))
    assert {k: v for k, v in raw["channel"].items() if v} == dict(Counter(s.channel for s in told))
    assert {k: v for k, v in raw["category"].items() if v} == dict(Counter(s.plan["category"] for s in told))
    classified = [s for s in told if s.plan["path"] not in ("tidak_dapat_ditindaklanjuti", "diteruskan_instansi_lain")]
    codes = Counter(s.plan["code"] for s in classified)
    codes.update({"-": len(told) - len(classified)})
    assert {k: v for k, v in raw["problem_code"].items() if v} == dict(codes)
    reasons = Counter(
        {
            "tidak_dapat_ditindaklanjuti": "verifikasi",
            "diteruskan_instansi_lain": "instansi_lain",
            "tidak_cukup_bukti": "tidak_cukup_bukti",
            "dianggap_dicabut": "dianggap_dicabut",
        }.get(s.plan["path"])
        # an anonymous complaint whose evidence never came is not actionable, not deemed withdrawn (§7.3 rule 4)
        if (s.plan["path"], s.plan["mode"]) != ("dianggap_dicabut", "anonim")
        else "tanpa_bukti_anonim"
        for s in told
    )
    reasons.pop(None, None)
    assert {k: v for k, v in raw["not_actionable"].items() if v} == dict(reasons)
    assert stats.not_actionable == sum(reasons.values())
    # Time to close, from the raw case rows and the calendar.
    closed_days = []
    for story in told:
        case = rows[story.ticket]
        if case.closed_at is not None:
            start_day = cal.day_zero(case.received_at)[0]
            closed_days.append(cal.working_days_between(start_day, case.closed_at.astimezone(cal.tz).date()))
    assert stats.closed == len(closed_days)
    for tier in complaint_stats.TIERS:
        assert stats.tiers[f"within_{tier}"] == sum(d <= tier for d in closed_days), tier
    # The statutory 60 days: each complaint's own S60 clocks, read from the deadline rows.
    with year.sessions() as s:
        s60 = {}
        clocks = select(Case.ticket, Deadline.status).join(Deadline, Deadline.case_id == Case.id)
        for ticket, state in s.execute(clocks.where(Deadline.name == "S60")):
            s60.setdefault(ticket, set()).add(state)
    mine = [s60.get(story.ticket, set()) for story in told]
    missed = sum("missed" in states for states in mine)
    assert stats.tiers["statutory_missed"] == missed
    assert stats.tiers["within_statutory"] == sum("met" in states and "missed" not in states for states in mine)
    assert stats.tiers["within_statutory"] >= 5  # the year's complaints ran their S60 clocks
    # A complaint deemed withdrawn was settled by nobody: asking for evidence ended its S60 unmet (cancelled).
    withdrawn = [s60.get(story.ticket, set()) for story in told if story.plan["path"] == "dianggap_dicabut"]
    assert withdrawn
    assert not any("met" in states for states in withdrawn)
    # A count from 1 to 4 is withheld, and with a lone one the smallest other count (no subtraction gives it away);
    # a zero is shown.
    for cells in stats.breakdowns.values():
        for c in cells.values():
            assert c.suppressed >= (1 <= c.raw <= 4)
            assert c.value == (None if c.suppressed else c.raw)
            assert not (c.suppressed and c.raw == 0)
        hidden = [c for c in cells.values() if c.suppressed]
        assert len(hidden) != 1 or not [c for c in cells.values() if not c.suppressed and c.raw], cells


def test_the_register_lists_the_cases_the_report_counts(year):
    report, _annex = _report(year)
    start, end = PERIOD.bounds(year.rt.settings.office_timezone)
    with year.sessions() as s:
        ppid = s.scalar(select(User).where(User.username == "tahun_ppid"))
        for kind, key in ((kinds.REQUEST, "requests.received"), (kinds.OBJECTION, "objections.received")):
            where = registers.Filter(kind, start, end)
            listed = list(registers.rows(s, year.rt, ppid, where))
            assert len(listed) == registers.count(s, where, ppid) == report.value(key)
        refused = [
            r
            for r in registers.rows(s, year.rt, ppid, registers.Filter(kinds.REQUEST, start, end))
            if r["result"] == "ditolak_dikecualikan"
        ]
    assert len(refused) == report.value("outcomes.refused")
    assert all(r["exemptions"] and r["reason"] and r["requester_name"] for r in refused)


def test_facts_kept_by_every_run_equal_facts_derived_again_from_the_history(year):
    columns = [c.key for c in CaseFacts.__table__.columns if c.key != "refreshed_at"]
    with year.sessions() as s:
        running = {row.case_id: tuple(getattr(row, c) for c in columns) for row in s.scalars(select(CaseFacts))}
        facts.rebuild(s, year.rt)
        s.flush()
        rebuilt = {row.case_id: tuple(getattr(row, c) for c in columns) for row in s.scalars(select(CaseFacts))}
        s.rollback()
    assert running == rebuilt
    assert len(running) == len(year.told())
