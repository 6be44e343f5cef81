"""The register of exempt information has its page under /laporan (UU 14/2008 Pasal 17-20): it was only
``GET /api/v1/exemptions[/export]``, so the PPID and its superior could not open or download it. The page lists the
entries decreed in a period, in force or ended (since when, and why), and downloads them as CSV and XLSX, for the
officers the API serves, in the page's language."""

import io
from datetime import date

from babel.dates import format_date
from openpyxl import load_workbook
from sqlalchemy import select

from api.extensions import db
from engine.models import Case, Exemption
from tests.helpers import decision

URL = "/laporan/register/dikecualikan"
OVERTURNED = "Keberatan KEB-2026-000001 dikabulkan seluruhnya oleh Atasan PPID"


def refuse_as_exempt(desk) -> str:
    ticket = desk.submit()["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("ditolak_dikecualikan"))
    for step in ("uji_konsekuensi", "tetapkan_pengecualian", "pemberitahuan_tertulis"):
        desk.complete(ticket, step)
    return ticket


def tickets(app) -> list[str]:
    """The requests the entries were determined on, in the register's order."""
    with app.app_context():
        query = select(Case.ticket).join(Exemption, Exemption.case_id == Case.id).order_by(Exemption.id)
        return list(db.session.scalars(query))


def two_entries(app, desk) -> tuple[Exemption, Exemption]:
    """Two entries decreed today: the first still in force, the second overturned by an objection."""
    refuse_as_exempt(desk)
    refuse_as_exempt(desk)
    with app.app_context():
        holding, ended = db.session.scalars(select(Exemption).order_by(Exemption.id)).all()
        ended.ended_on, ended.ended_reason = ended.decree_date, OVERTURNED
        db.session.commit()
        db.session.expunge_all()
        return holding, ended


def test_the_reports_page_lists_the_exemption_register_for_the_ppid_and_its_superior(app, browser):
    for username in ("ppid", "atasan"):
        page = browser(username).get("/laporan").get_data(as_text=True)
        assert f'<a href="{URL}">Register Informasi yang Dikecualikan</a>' in page
    assert browser().get(URL).status_code == 302  # to the login page


def test_the_register_shows_each_entry_in_force_or_ended_since_when_and_why(app, browser, desk, client, login):
    holding, ended = two_entries(app, desk)
    items = client.get("/api/v1/exemptions", headers=login("atasan")).json["items"]
    assert [(i["in_force"], i["ended_reason"]) for i in items] == [(True, None), (False, OVERTURNED)]  # the API too
    response = browser("atasan").get(URL)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Register Informasi yang Dikecualikan</h1>" in page
    assert "2 entri dalam register." in page
    for header in ("Informasi yang Dikecualikan", "Status", "Tanggal Berakhir", "Alasan Berakhir", "Berlaku Sampai"):
        assert f'<th scope="col">{header}</th>' in page
    assert holding.decree_number in page
    ended_on = format_date(ended.decree_date, "d MMM y", locale="id")  # "7 Des 2026", as the pages write days
    # Rows numbered 1..n, then the entry's own number (what a decision cites) and the request it was made on.
    first, second = tickets(app)
    assert f'<th scope="row">2</th><td>{ended.id}</td><td>{second}</td><td>Berakhir</td>' in page
    assert f"<td>{ended_on}</td><td>{OVERTURNED}</td>" in page
    assert f'<th scope="row">1</th><td>{holding.id}</td><td>{first}</td><td>Berlaku</td>' in page
    assert "Uji Konsekuensi" not in page  # the long texts are the downloads'
    only_ended = browser("atasan").get(f"{URL}?state=ended").get_data(as_text=True)
    assert "1 entri dalam register." in only_ended
    assert OVERTURNED in only_ended
    assert holding.decree_number not in only_ended
    in_force = browser("atasan").get(f"{URL}?state=in_force").get_data(as_text=True)
    assert OVERTURNED not in in_force
    assert holding.decree_number in in_force


def test_the_period_filter_reads_the_decree_date_and_refuses_a_wrong_day(app, browser, desk):
    holding, _ended = two_entries(app, desk)
    day = holding.decree_date
    kept = browser("ppid").get(f"{URL}?from={day.isoformat()}&to={day.isoformat()}").get_data(as_text=True)
    assert "2 entri dalam register." in kept
    later = date(day.year + 1, 1, 1).isoformat()
    empty = browser("ppid").get(f"{URL}?from={later}").get_data(as_text=True)
    assert "Tidak ada entri yang sesuai dengan saringan ini." in empty
    wrong = browser("ppid").get(f"{URL}?from=31-12-2026&state=semua")
    assert wrong.status_code == 422
    page = wrong.get_data(as_text=True)
    assert 'aria-invalid="true"' in page
    assert "Pilih entri yang berlaku, yang berakhir, atau semua." in page


def test_the_register_downloads_as_csv_and_xlsx_in_the_page_s_language(app, browser, desk):
    holding, ended = two_entries(app, desk)
    ppid = browser("ppid").client  # a file is no page: read as it comes
    csv_file = ppid.get(f"{URL}?format=csv")
    assert csv_file.status_code == 200
    assert csv_file.mimetype == "text/csv"
    assert "attachment" in csv_file.headers["Content-Disposition"]
    lines = csv_file.get_data(as_text=True).splitlines()
    assert lines[0].startswith("\ufeffNo.,No. Register,Nomor Permohonan,Informasi yang Dikecualikan,")  # UTF-8 mark
    assert len(lines) == 3
    assert OVERTURNED in lines[2]
    xlsx = ppid.get(f"{URL}?format=xlsx&state=ended")
    assert xlsx.status_code == 200
    rows = list(load_workbook(io.BytesIO(xlsx.get_data())).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("Register Informasi yang Dikecualikan · ")
    settings = app.extensions["kawal_runtime"].settings  # whose register: the office under its agency
    assert f" · {settings.agency_name}, {settings.office_name} · " in rows[0][0]
    assert rows[1][-3:] == ("Status", "Tanggal Berakhir", "Alasan Berakhir")
    assert "Uji Konsekuensi" in rows[1]  # every column
    assert rows[2][:2] == (1, ended.id)  # numbered in the list downloaded (the ended entries), then its own number
    assert (rows[2][-3], rows[2][-2].date()) == ("Berakhir", ended.decree_date)  # a date, not text
    assert rows[2][-1] == OVERTURNED
    ppid.get("/bahasa/en")
    english = ppid.get(f"{URL}?format=csv").get_data(as_text=True).splitlines()
    assert english[0].startswith("\ufeffNo.,Register no.,Request no.,Exempt information,")
    assert ",In force," in english[1]
    assert ppid.get(f"{URL}?format=pdf").status_code == 422


def test_the_register_as_of_an_earlier_day_shows_the_day_an_entry_ends_and_why(app, desk):
    """A register read as of a day before an entry ended (a backdated view) shows it in force then, and the day it
    ends and why, known already; an entry whose period is over says so, in the register's language."""
    from datetime import timedelta

    from engine import exemptions

    holding, ended = two_entries(app, desk)
    before = ended.ended_on - timedelta(days=1)
    with app.app_context():
        row = exemptions.table(exemptions.register(db.session, before))[2]
        assert row[-3:] == ["Berlaku", ended.ended_on.isoformat(), OVERTURNED]
        after = holding.valid_until + timedelta(days=1)
        for locale, status, reason in (
            ("id", "Berakhir", "Jangka waktu pengecualian habis (UU 14/2008 Pasal 20)"),
            ("en", "Ended", "Its period is over (Law 14/2008 Article 20)"),
        ):
            row = exemptions.table(exemptions.register(db.session, after), locale)[1]
            assert row[-3:] == [status, holding.valid_until.isoformat(), reason]
