"""legal-process.md §9.2: the year's Laporan Layanan Informasi Publik reaches the PPID's superior (a copy to the
Information Commission) by 31 March; the PPID records when it went, is reminded 30 and 7 days before, and is told
with the superior once the date has passed (engine.report_due, swept by reconcile)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import select

from engine.models import Notification, ReportSubmission, User
from notifications.reconcile import reconcile
from notifications.rendering import render
from tests.conftest import sqlite_only
from tests.dip.test_periodic import svc  # noqa: F401 - the reconcile's services, as the DIP's reminders use them
from tests.web.pages import Browser, csrf_token

WIB = ZoneInfo("Asia/Jakarta")


def wib(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00+07:00")


def _told(session_factory_, event) -> list[str]:
    with session_factory_() as s:
        rows = s.execute(
            select(User.username)
            .join(Notification, Notification.recipient_user_id == User.id)
            .where(Notification.event == event, Notification.case_id.is_(None))
            .order_by(User.username)
        )
        return [name for (name,) in rows]


def _ppid(app, page: str) -> tuple[Browser, str]:
    ppid = Browser(app.test_client())
    assert ppid.login("ppid").status_code == 302
    return ppid, ppid.get(page).get_data(as_text=True)


def test_the_ppid_records_when_the_years_report_went_to_the_superior(app, session_factory_):
    with time_machine.travel(wib("2027-03-10"), tick=True):
        ppid, page = _ppid(app, "/laporan/tahunan?periode=2026")
        assert "Laporan tahun 2026 wajib disampaikan paling lambat 31 Mar 2027: 21 hari lagi." in page
        form = {"csrf_token": csrf_token(page), "periode": "2026", "to_superior_on": "2027-03-11"}  # tomorrow
        refused = ppid.post("/laporan/tahunan/penyampaian", form)
        assert refused.status_code == 422
        assert 'id="f-to_superior_on-error"' in refused.get_data(as_text=True)
        with session_factory_() as s:
            assert s.get(ReportSubmission, 2026) is None  # nothing recorded
        form.update(to_superior_on="2027-03-09", reference="B-12/PPID/HM.00/03/2027")
        assert ppid.post("/laporan/tahunan/penyampaian", form).status_code == 303
        page = ppid.get("/laporan/tahunan?periode=2026").get_data(as_text=True)
        assert "Laporan tahun 2026 telah disampaikan kepada Atasan PPID pada 9 Mar 2027." in page
        assert "Tembusan kepada Komisi Informasi belum dicatat." in page
        assert "Surat pengantar: B-12/PPID/HM.00/03/2027." in page
        desk = Browser(app.test_client())
        assert desk.login("petugas").status_code == 302
        shown = desk.get("/laporan/tahunan?periode=2026").get_data(as_text=True)
        assert "9 Mar 2027" in shown
        assert "/laporan/tahunan/penyampaian" not in shown
        assert desk.post("/laporan/tahunan/penyampaian", {**form, "csrf_token": csrf_token(shown)}).status_code == 403
    with time_machine.travel(wib("2027-04-02"), tick=True):
        _, page = _ppid(app, "/laporan/tahunan?periode=2027")  # the next year's: not due yet
        assert "Laporan tahun 2027 wajib disampaikan paling lambat 31 Mar 2028" in page


# The page's words: the due date counted in Python.
@sqlite_only
def test_a_report_not_recorded_by_its_due_date_is_shown_late(app):
    with time_machine.travel(wib("2027-04-01"), tick=True):
        _, page = _ppid(app, "/laporan/tahunan?periode=2026")
    assert (
        "Laporan tahun 2026 seharusnya disampaikan paling lambat 31 Mar 2027 dan belum tercatat disampaikan kepada"
        " Atasan PPID." in page
    )
    assert 'class="notice notice-late"' in page


def test_the_ppid_is_reminded_30_and_7_days_before_and_told_with_the_superior_after(desk, svc, session_factory_):  # noqa: F811
    with time_machine.travel(wib("2026-12-02"), tick=True):
        desk.submit()  # a case of 2026: Kawal keeps that year's register
    with time_machine.travel(wib("2027-02-28"), tick=False):
        reconcile(svc)
        assert _told(session_factory_, "annual_report_due") == []
    with time_machine.travel(wib("2027-03-01", 8), tick=False):  # 30 days before 31 March
        reconcile(svc)
        reconcile(svc)  # a second sweep tells nobody twice
        assert _told(session_factory_, "annual_report_due") == ["ppid"]
    with time_machine.travel(wib("2027-03-24", 8), tick=False):  # 7 days before
        reconcile(svc)
        assert _told(session_factory_, "annual_report_due") == ["ppid", "ppid"]
        assert _told(session_factory_, "annual_report_overdue") == []
    with time_machine.travel(wib("2027-04-01", 8), tick=False):
        reconcile(svc)
        reconcile(svc)
        assert _told(session_factory_, "annual_report_overdue") == ["atasan", "ppid"]
        with session_factory_() as s:
            sent = s.scalar(select(Notification).where(Notification.event == "annual_report_overdue").limit(1))
            assert sent.context == {"report_year": 2026, "due_on": "2027-03-31", "days_left": -1}
            assert sent.status == "sent"  # delivered to the log channel by the same sweep
            assert s.get(ReportSubmission, 2026).reminded == "T+1"


# The same sweep's query again (kept above on PostgreSQL), over a year handed over or without cases.
@sqlite_only
def test_a_year_recorded_as_handed_over_or_without_cases_in_kawal_is_not_reminded(desk, svc, session_factory_):  # noqa: F811
    with time_machine.travel(wib("2027-03-01", 8), tick=False):
        reconcile(svc)  # Kawal received nothing in 2026: that year's register was kept elsewhere
        assert _told(session_factory_, "annual_report_due") == []
        with session_factory_() as s:
            assert s.get(ReportSubmission, 2026).reminded == "T-30"  # looked at once, not every minute
    with time_machine.travel(wib("2027-06-01"), tick=True):
        desk.submit()
    with time_machine.travel(wib("2028-02-01"), tick=True):
        ppid = Browser(desk.client)
        assert ppid.login("ppid").status_code == 302
        page = ppid.get("/laporan/tahunan?periode=2027").get_data(as_text=True)
        form = {"csrf_token": csrf_token(page), "periode": "2027", "to_superior_on": "2028-01-31"}
        assert ppid.post("/laporan/tahunan/penyampaian", form).status_code == 303
    with time_machine.travel(wib("2028-03-01", 8), tick=False):
        reconcile(svc)
    with time_machine.travel(wib("2028-04-01", 8), tick=False):
        reconcile(svc)
    assert _told(session_factory_, "annual_report_due") == []
    assert _told(session_factory_, "annual_report_overdue") == []


@pytest.mark.parametrize("locale", ["id", "en"])
def test_the_reminders_read_in_both_languages(locale):
    subject, body = render("annual_report_due", locale, {"report_year": 2026, "due_on": "2027-03-31", "days_left": 7})
    assert "2026" in subject
    assert ("31 March 2027" if locale == "en" else "31 Maret 2027") in body  # the long date every mail uses
    subject, body = render(
        "annual_report_overdue",
        locale,
        {"report_year": 2026, "due_on": "31-03-2027", "days_left": -3},  # an older row
    )
    assert ("31 March 2027" if locale == "en" else "31 Maret 2027") in body
    assert "2026" in subject
    assert "Terlambat    : 3 hari" in body or "Overdue by   : 3 days" in body


# The submission over the API: the same row as the page's (its dates' round trip kept on PostgreSQL by the first test);
# who may record it and the dates' checks are Python's.
@sqlite_only
def test_the_submission_over_the_api(client, login):
    with time_machine.travel(wib("2027-04-05"), tick=True):
        url = "/api/v1/reports/annual/2026/submission"
        shown = client.get(url, headers=login("auditor"))
        assert shown.status_code == 200
        assert shown.json == {
            "year": 2026,
            "due_on": "2027-03-31",
            "to_superior_on": None,
            "to_commission_on": None,
            "reference": None,
            "late": True,
            "days_left": -5,
        }
        body = {"to_superior_on": "2027-04-03", "to_commission_on": "2027-04-04", "reference": "B-7/PPID/2027"}
        assert client.put(url, json=body, headers=login("auditor")).status_code == 403
        refused = client.put(url, json={**body, "to_superior_on": "2026-12-31"}, headers=login("ppid"))
        assert refused.status_code == 422
        assert list(refused.json["errors"]) == ["to_superior_on"]
        recorded = client.put(url, json=body, headers=login("ppid"))
        assert recorded.status_code == 200
        assert (recorded.json["to_superior_on"], recorded.json["late"]) == ("2027-04-03", True)  # after 31 March


@sqlite_only
def test_the_copy_to_the_commission_is_not_dated_before_the_report_went_to_the_superior(client, login):
    """§9.2: the report goes to the superior with a copy (tembusan) to the Commission: with it or after it."""
    url = "/api/v1/reports/annual/2026/submission"
    with time_machine.travel(wib("2027-03-20"), tick=True):
        body = {"to_superior_on": "2027-03-10", "to_commission_on": "2027-03-09"}
        refused = client.put(url, json=body, headers={**login("ppid"), "Accept-Language": "en"})
        assert refused.status_code == 422
        assert refused.json["errors"] == {"to_commission_on": ["not before 10 Mar 2027"]}
        assert client.get(url, headers=login("ppid")).json["to_superior_on"] is None  # nothing recorded
        same_day = client.put(url, json={**body, "to_commission_on": "2027-03-10"}, headers=login("ppid"))
        assert same_day.status_code == 200
        assert same_day.json["to_commission_on"] == "2027-03-10"


@sqlite_only
def test_a_year_the_reports_do_not_know_is_refused(client, login):
    for year in (1999, 203693190):
        refused = client.get(f"/api/v1/reports/annual/{year}/submission", headers=login("ppid"))
        assert refused.status_code == 422
        assert list(refused.json["errors"]) == ["year"]
        body = {"to_superior_on": "2027-01-05"}
        assert (
            client.put(f"/api/v1/reports/annual/{year}/submission", json=body, headers=login("ppid")).status_code == 422
        )
