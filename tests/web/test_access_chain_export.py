"""The access changes' and the exemption register's chains leave Kawal with their hashes: the auditor downloads every
record (the console's "Access changes" page, GET /api/v1/audit/access/export), and scripts/verify_audit_export.py
checks them outside Kawal, against an anchor's ``access`` lines too. The exemption register's records are listed on
/audit/akses and in its CSV. The export holds what the records hold: never an entry's text (a digest of it)."""

import json
import re

from sqlalchemy import create_engine
from sqlalchemy import text as sql

from tests.test_verify_audit_export_script import outside
from tests.web.pages import text
from tests.web.test_dip_determination_revision_pages import determination_form

DOCUMENT = "Berkas pemeriksaan disiplin pegawai"


def office_with_an_entry(browser, client, login) -> None:
    assert client.put("/api/v1/units/PENDMAD", json={"name": "Bidang Satu"}, headers=login("admin")).status_code == 200
    ppid = browser("ppid")
    ppid.get("/dip/pengecualian/baru")
    assert ppid.post("/dip/pengecualian/baru", determination_form()).status_code == 302


def download(auditor, path: str) -> bytes:
    r = auditor.get(path)
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_data()
    r.close()
    return body


def test_the_auditor_downloads_the_chains_and_checks_them_outside_kawal(browser, client, login, desk, tmp_path, db_url):
    office_with_an_entry(browser, client, login)
    desk.submit()  # the anchor holds a case too: the chains' export holds no case, so none of them is missing from it
    auditor = browser("auditor")
    page = text(auditor.get("/audit/akses"))
    assert 'href="/audit/akses/rantai"' in page
    body = download(auditor, "/audit/akses/rantai")
    records = [json.loads(line) for line in body.splitlines()]
    assert [(r["chain"], r["type"]) for r in records] == [("unit", "unit_renamed"), ("exemption", "exemption_recorded")]
    assert records[1]["data"]["decree_number"] == "KW.09/PPID/12/2019"
    assert DOCUMENT not in body.decode()  # the entry's text stays in the register: a digest of it
    (tmp_path / "rantai.jsonl").write_bytes(body)
    (tmp_path / "jangkar.jsonl").write_bytes(download(auditor, "/audit/jangkar"))
    ok = outside("rantai.jsonl", "--anchor", "jangkar.jsonl", "--made-after-anchor", cwd=tmp_path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "OK: 2 record(s) of 2 chain(s)" in ok.stdout
    assert "every anchored record in place" in ok.stdout
    # The API gives the same file.
    api = client.get("/api/v1/audit/access/export", headers=login("auditor"))
    assert api.get_data() == body
    assert client.get("/api/v1/audit/access/export", headers=login("admin")).status_code == 403
    # Changed in the file: the script says which record.
    forged = body.replace(b"KW.09/PPID/12/2019", b"KW.09/PPID/12/2099")
    (tmp_path / "palsu.jsonl").write_bytes(forged)
    broken = outside("palsu.jsonl", "--anchor", "jangkar.jsonl", cwd=tmp_path)
    assert broken.returncode == 1
    assert "BROKEN chain exemption, record" in broken.stdout
    # The register's newest record cut off in the database: the next export ends before the anchor's record.
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sql("DELETE FROM exemption_event"))
    engine.dispose()
    (tmp_path / "dipotong.jsonl").write_bytes(download(auditor, "/audit/akses/rantai"))
    cut = outside("dipotong.jsonl", "--anchor", "jangkar.jsonl", "--made-after-anchor", cwd=tmp_path)
    assert cut.returncode == 1
    assert "chain exemption: cut" in cut.stdout


def test_the_access_page_and_its_csv_list_the_exemption_register_s_records(browser, client, login):
    office_with_an_entry(browser, client, login)
    auditor = browser("auditor")
    page = text(auditor.get("/audit/akses"))
    assert "2 perubahan" in page
    rows = re.findall(r"<tr><td>[^<]+</td><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td></tr>", page)
    assert rows[0][1].startswith("Penetapan pengecualian dicatat PPID tanpa permohonan: keputusan KW.09/PPID/12/2019")
    assert rows[0][2] == "register pengecualian, nomor 1"
    csv = auditor.get("/audit/akses", query_string={"format": "csv"}).get_data().decode("utf-8-sig")
    assert "register pengecualian, nomor 1" in csv
    assert DOCUMENT not in csv
    console = text(auditor.get("/audit"))
    assert "serta catatan register pengecualian</a>" in console
    listed = client.get("/api/v1/audit/access", headers=login("auditor")).json
    assert [(c["type"], c["subject_kind"], c["subject"]) for c in listed][0] == ("exemption_recorded", "exemption", "1")
