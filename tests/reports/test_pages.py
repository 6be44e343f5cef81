"""Every register, report, statistic, chart and announcement renders, with the demo data and a year told;
the dashboard counts what the registers list; the PPID keeps the report's narrative per period.

On PostgreSQL too: the narrative kept per period, and the dashboard's counts (open cases by stage and by lateness,
computed in SQL against the clock). The tests over the year and the demo (``demo_app``) run on SQLite alone: they
check what Python makes of the figures (pages, files, wording, layout), and telling the year and loading the demo on
PostgreSQL took ~40 s of a worker's time; tests/reports/test_year_figures.py proves the same figures, the annex's
tickets and the registers over the same year on PostgreSQL."""

import io
import re
from datetime import UTC, datetime

import pytest
import time_machine
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from api.extensions import db
from engine import access, dashboard, kinds, registers
from engine.demo import load_demo
from engine.models import User
from tests.conftest import sqlite_only
from tests.reports.conftest import YEAR
from tests.web.pages import Browser, csrf_token

PERIOD_ARGS = f"from={YEAR}-01-01&to={YEAR}-12-31"
NOW = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)  # the pages are read in January after the year told


@pytest.fixture
def db_template(request):
    """The demo loads its own officers: its tests start from an empty database, the others from the office."""
    return "empty" if "demo_app" in request.fixturenames else "office"


@pytest.fixture
def demo_app(year, settings, kept_database):
    """The year told (tests.reports.conftest) and, beside it, the demo's officers (password kawal-demo) and cases
    (loaded once per worker and backend, then copied as the year is)."""
    from api import create_app

    def build():
        app = create_app(settings)
        with time_machine.travel(NOW, tick=True), app.app_context():
            load_demo(db.session, app.extensions["kawal_runtime"])
            db.session.commit()
            db.session.remove()
            db.engine.dispose()

    kept_database("year-and-demo", build)
    app = create_app(settings)
    app.config["TESTING"] = True
    app.year = year
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def browse(app, username):
    browser = Browser(app.test_client())
    assert browser.login(username, "kawal-demo").status_code == 302
    return browser


PAGES = {
    "ppid": [
        "/laporan",
        "/laporan/register/permohonan",
        f"/laporan/register/permohonan?{PERIOD_ARGS}&state=closed",
        "/laporan/register/keberatan",
        "/laporan/register/sengketa",
        f"/laporan/tahunan?periode={YEAR}",
        f"/laporan/tahunan?periode={YEAR}-S1",
        f"/dasbor?{PERIOD_ARGS}",
        "/dasbor",
        f"/publik/pengumuman?tahun={YEAR}",
    ],
    "pengaduan": [
        "/laporan",
        "/laporan/register/pengaduan",
        f"/laporan/pengaduan?periode={YEAR}",
        f"/laporan/pengaduan?periode={YEAR}-S2&unit=PENDMAD",
        f"/dasbor?{PERIOD_ARGS}",
    ],
    "auditor": ["/laporan/register/pengaduan", f"/laporan/tahunan?periode={YEAR}", "/dasbor"],
}
DOWNLOADS = {
    f"/laporan/register/permohonan?{PERIOD_ARGS}&format=csv": "text/csv",
    f"/laporan/register/keberatan?{PERIOD_ARGS}&format=xlsx": "xlsx",
    f"/laporan/tahunan?periode={YEAR}&format=xlsx": "xlsx",
    f"/laporan/tahunan?periode={YEAR}&format=docx": "docx",
    f"/laporan/tahunan?periode={YEAR}&format=pdf": "pdf",
    f"/publik/pengumuman?tahun={YEAR}&format=pdf": "pdf",
    f"/publik/pengumuman?tahun={YEAR}&format=csv": "text/csv",
}


@sqlite_only
def test_every_register_report_and_chart_renders_with_the_demo_and_a_year(demo_app):
    app = demo_app
    with time_machine.travel(NOW, tick=True):
        for username, paths in PAGES.items():
            browser = browse(app, username)
            for path in paths:
                response = browser.client.get(path)
                assert response.status_code == 200, (username, path)
                page = response.get_data(as_text=True)
                if path.startswith(("/laporan/tahunan", "/publik/pengumuman")):  # this server makes PDFs: offered
                    assert 'value="pdf"' in page or "format=pdf" in page, path
                if path.startswith("/dasbor"):  # lateness, on time, twelve months; by stage when cases are open
                    charts = page.count('<svg class="chart"')
                    assert 3 <= charts <= 4
                    assert charts <= page.count('<table class="figures"')
        ppid = browse(app, "ppid")
        for path, kind in DOWNLOADS.items():
            response = ppid.client.get(path)
            assert response.status_code == 200, path
            data = response.get_data()
            if kind == "pdf":
                assert data.startswith(b"%PDF-"), path
            elif kind == "xlsx":
                assert load_workbook(io.BytesIO(data)).sheetnames, path
            elif kind == "docx":
                assert Document(io.BytesIO(data)).paragraphs, path
            else:
                assert response.mimetype == kind
        stats = browse(app, "pengaduan").client.get(f"/laporan/pengaduan?periode={YEAR}&format=xlsx")
        assert load_workbook(io.BytesIO(stats.get_data())).sheetnames


@sqlite_only
def test_the_annual_report_s_xlsx_annex_lists_the_tickets_of_each_figure(demo_app):
    with time_machine.travel(NOW, tick=True):
        data = browse(demo_app, "ppid").client.get(f"/laporan/tahunan?periode={YEAR}&format=xlsx").get_data()
    book = load_workbook(io.BytesIO(data))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[2] == "Kunci")  # under the title, body, period and reading
    figures = {row[2]: row[3] for row in rows[header + 1 :]}
    annex = {}
    for ticket, keys in book.worksheets[-1].iter_rows(min_row=2, values_only=True):
        for key in (keys or "").split("; "):
            annex.setdefault(key, []).append(ticket)
    annex.pop("", None)
    assert figures["requests.received"] == len(demo_app.year.told(kinds.REQUEST))
    assert {key: len(tickets) for key, tickets in annex.items()} == {k: v for k, v in figures.items() if v}


def test_the_ppid_writes_the_narrative_of_a_period_and_it_goes_into_the_documents(app):
    ppid = Browser(app.test_client())
    assert ppid.login("ppid").status_code == 302
    page = ppid.get("/laporan/tahunan?periode=2026-S1")
    heading = re.search(r"<h1>(.*?)</h1>", page.get_data(as_text=True), re.S)[1]
    assert heading == "Laporan Layanan Informasi Publik Semester I (Januari–Juni) 2026"  # in words, not "2026-S1"
    text = "Dua petugas layanan informasi bersertifikat; meja layanan dengan akses kursi roda."
    saved = ppid.post(
        "/laporan/tahunan/narasi",
        {"csrf_token": csrf_token(page.get_data(as_text=True)), "periode": "2026-S1", "staff": text},
    )
    assert saved.status_code == 303
    assert text in ppid.get("/laporan/tahunan?periode=2026-S1").get_data(as_text=True)
    assert text not in ppid.get("/laporan/tahunan?periode=2026").get_data(as_text=True)  # kept per period
    docx = Document(io.BytesIO(ppid.client.get("/laporan/tahunan?periode=2026-S1&format=docx").get_data()))
    assert text in [p.text for p in docx.paragraphs]
    desk = Browser(app.test_client())
    assert desk.login("petugas").status_code == 302
    page = desk.get("/laporan/tahunan?periode=2026-S1")
    assert "narrative-staff" not in page.get_data(as_text=True)  # read, not written, by the front desk
    refused = desk.post("/laporan/tahunan/narasi", {"periode": "2026-S1", "staff": "Bukan urusan saya"})
    assert refused.status_code == 403


def test_the_dashboard_counts_exactly_the_open_cases_the_registers_list(app, office_cases):
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        for username in ("ppid", "tim", "auditor"):
            user = db.session.scalar(select(User).where(User.username == username))
            shown = dashboard.View(
                access.dashboard_kinds(user), datetime(2027, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC)
            )
            board = dashboard.dashboard(db.session, rt, user, shown)
            for kind in shown.kinds:
                where = registers.Filter(kind, shown.start, shown.end, "open")
                listed = list(registers.rows(db.session, rt, user, where))
                assert board.open_total(kind) == len(listed) == registers.count(db.session, where, user), (
                    username,
                    kind,
                )
                assert sum(board.lateness[kind].values()) == len(listed)
            assert any(board.open_total(k) for k in shown.kinds), username


# Who may see what: Python's decision; test_the_dashboard_counts_exactly... keeps the dashboard's SQL on PostgreSQL.
@sqlite_only
def test_the_head_of_the_agency_reads_the_ppid_dashboard_and_the_complaints_in_figures_only(app, office_cases):
    """The head answers for the PPID and sees its cases (not the requesters): the dashboard is in their menu and
    shows the PPID's processes in figures; the complaints in counts only, each complaint staying with the complaint
    team (tests/reports/test_head_complaint_figures.py)."""
    head = Browser(app.test_client())
    assert head.login("kepala").status_code == 302
    home = head.client.get("/kotak-masuk").get_data(as_text=True)
    assert 'href="/dasbor"' in home
    response = head.client.get("/dasbor?from=2027-01-01&to=2027-12-31")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Permohonan Informasi Publik" in page
    assert '<svg class="chart"' in page
    assert 'value="pengaduan"' in page
    assert "/laporan/register/" not in page  # figures, not links to registers the head may not open
    for case_link in re.findall(r'href="(/kasus/[^"]+)"', page):  # no complaint among the cases listed
        assert head.client.get(case_link).status_code == 200
    assert head.client.get("/dasbor?process=pengaduan").status_code == 200
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "kepala"))
        assert kinds.COMPLAINT in access.dashboard_kinds(user)


@pytest.fixture
def office_cases(desk, client):
    """Requests at several stages and two complaints, received in January 2027."""
    from tests.conftest import complaint_payload

    with time_machine.travel(NOW, tick=True):
        for _n in range(3):
            desk.submit()
        ticket = desk.submit()["ticket"]
        desk.complete(ticket, "periksa_kelengkapan")
        desk.complete(ticket, "registrasi")
        for mode in ("rahasia", "anonim"):
            assert client.post("/api/v1/complaints", json=complaint_payload(mode)).status_code == 201


@sqlite_only
def test_the_year_s_report_says_it_is_due_three_months_after_the_year_ends(app):
    """legal-process.md §9.2: the Laporan Layanan Informasi Publik is due by 31 March of the next year."""
    ppid = Browser(app.test_client())
    assert ppid.login("ppid").status_code == 302
    assert "wajib disampaikan paling lambat 31 Mar 2027" in ppid.get("/laporan/tahunan?periode=2026").get_data(
        as_text=True
    )
    assert "wajib disampaikan" not in ppid.get("/laporan/tahunan?periode=2026-S1").get_data(as_text=True)


@sqlite_only
def test_the_periods_offered_are_named_as_people_say_them(app):
    """The list offered "2026-S1"; it says "2026, semester I (Januari-Juni)" and keeps the code as its value."""
    ppid = Browser(app.test_client())
    assert ppid.login("ppid").status_code == 302
    page = ppid.get("/laporan/tahunan?periode=2026-S1").get_data(as_text=True)
    assert '<option value="2026-S1" selected>2026, semester I (Januari-Juni)</option>' in page
    assert '<option value="2026-S2">2026, semester II (Juli-Desember)</option>' in page


@sqlite_only
def test_the_request_register_gives_the_written_notice_s_date_and_form(demo_app):
    """legal-process.md §3.3: the register holds "the date and form of the written notice"; its dates read as the
    page's other dates do ("5 Des 2026", not 2026-12-05)."""
    with time_machine.travel(NOW, tick=True):
        page = browse(demo_app, "ppid").client.get("/laporan/register/permohonan").get_data(as_text=True)
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', page)
    assert {"Tanggal surat dikirim", "Surat dikirim melalui"} <= set(headers)
    column = headers.index("Tanggal surat dikirim")
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S)
    rows = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S) for row in rows]
    sent = [cells[column] for cells in rows[1:] if len(cells) == len(headers)]
    assert any(re.fullmatch(r"\d{1,2} \w{3} \d{4}", s.strip()) for s in sent), sent
    assert not any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.strip()) for s in sent), sent


@sqlite_only
def test_shares_are_written_with_the_reader_s_decimal_mark(demo_app):
    """Bahasa Indonesia writes "80,0%" (the report wrote "80.0%")."""
    with time_machine.travel(NOW, tick=True):
        ppid = browse(demo_app, "ppid")
        indonesian = ppid.client.get(f"/laporan/tahunan?periode={YEAR}").get_data(as_text=True)
        ppid.client.get("/bahasa/en")
        english = ppid.client.get(f"/laporan/tahunan?periode={YEAR}").get_data(as_text=True)
    assert re.search(r'<td class="num">\d+,\d%</td>', indonesian)
    assert not re.search(r'<td class="num">\d+\.\d%</td>', indonesian)
    assert re.search(r'<td class="num">\d+\.\d%</td>', english)


@sqlite_only
def test_a_register_workbook_names_the_register_the_agency_and_the_period_above_its_header(demo_app):
    """The register's XLSX started with the column headers: the agency and the period were in its file name only.
    The office is named under its agency, as the letterhead names it: the agency alone named the ministry."""
    with time_machine.travel(NOW, tick=True):
        body = browse(demo_app, "ppid").client.get(f"/laporan/register/permohonan?{PERIOD_ARGS}&format=xlsx").data
    rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
    title = rows[0][0]
    agency, office = demo_app.config["KAWAL"].agency_name, demo_app.config["KAWAL"].office_name
    assert title.startswith(f"Register Permohonan Informasi Publik · {agency}, {office} · ")
    assert title.endswith(f"1 Jan {YEAR} – 31 Des {YEAR}")
    assert rows[1][0] == "Nomor register"  # the header, frozen under the title
    assert rows[2][0].startswith("PPID-")


def test_a_new_complaint_is_due_on_the_dashboard_by_its_review_not_counted_without_a_deadline(app, office_cases):
    """A complaint received on Monday has its review (V3, 3 working days from receipt) due on Thursday: the
    dashboard counts it as due this week and lists it with that date, as its case page's top does."""
    with app.app_context(), time_machine.travel(NOW, tick=True):
        rt = app.extensions["kawal_runtime"]
        user = db.session.scalar(select(User).where(User.username == "tim"))
        shown = dashboard.View(("pengaduan",), datetime(2027, 1, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))
        board = dashboard.dashboard(db.session, rt, user, shown)
        assert board.lateness["pengaduan"] == {"overdue": 0, "due_this_week": 2, "on_track": 0, "no_deadline": 0}
        listed = [row for row in board.due_this_week if row["kind"] == "pengaduan"]
        assert len(listed) == 2
        tz = rt.calendars["strict"].tz
        assert {row["due_at"].astimezone(tz).date().isoformat() for row in listed} == {"2027-01-14"}
        assert {row["working_days_left"] for row in listed} == {3}


def _structure(node, found: set[str]) -> set[str]:
    """The structure types (``/H1``, ``/Table``, ``/P`` ...) under a node of a PDF's structure tree."""
    node = node.get_object()
    if isinstance(node, list):
        for kid in node:
            _structure(kid, found)
        return found
    if hasattr(node, "get"):
        if "/S" in node:
            found.add(str(node["/S"]))
        if "/K" in node:
            _structure(node["/K"], found)
    return found


@sqlite_only
def test_the_published_pdfs_are_tagged_so_a_screen_reader_reads_headings_and_tables(app, browser):
    """The yearly report and the public announcement are read by the public, some with a screen reader: their PDFs
    carry a structure tree (headings, tables), say they are tagged, and give their language and title."""
    from pypdf import PdfReader

    with time_machine.travel(NOW, tick=True):
        documents = {
            "report": browser("ppid").client.get(f"/laporan/tahunan?periode={YEAR}&format=pdf"),
            "announcement": browser().client.get(f"/publik/pengumuman?tahun={YEAR}&format=pdf"),
        }
    for name, response in documents.items():
        assert response.status_code == 200, name
        catalog = PdfReader(io.BytesIO(response.get_data())).trailer["/Root"]
        assert bool(catalog["/MarkInfo"]["/Marked"]), name
        assert catalog["/Lang"] == "id", name
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"]), name
        kinds_found = _structure(catalog["/StructTreeRoot"], set())
        assert {"/H1", "/Table", "/TH", "/TD"} <= kinds_found, (name, kinds_found)
