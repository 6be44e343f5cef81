"""``kawal audit export --chains`` writes on the server the chains' export the auditor downloads (the access changes'
and the exemption register's chains, each whole, as JSON lines: /audit/akses/rantai, GET /api/v1/audit/access/export),
byte for byte, from the same writer (engine.access_log.export_lines); ``kawal audit verify FILE`` checks such a file
as scripts/verify_audit_export.py does outside Kawal: a record changed in it is named by its chain, record and line,
and against an anchor a chain cut off is told. On SQLite and PostgreSQL."""

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine
from sqlalchemy import text as sql

from api.cli import main
from tests.web.test_access_chain_export import download, office_with_an_entry


@pytest.fixture
def kawal(db_url, monkeypatch):
    monkeypatch.setenv("KAWAL_DATABASE_URL", db_url)
    monkeypatch.setenv("KAWAL_ENV", "test")

    def run(*args: str):
        return CliRunner().invoke(main, list(args))

    return run


def test_the_cli_writes_the_chains_export_the_console_and_the_api_give(browser, client, login, tmp_path, kawal):
    office_with_an_entry(browser, client, login)
    target = tmp_path / "rantai.jsonl"
    done = kawal("audit", "export", "--chains", "--output", str(target))
    assert done.exit_code == 0, done.output
    assert f"2 record(s) of the access changes' and the exemption register's chains written to {target}" in done.output
    assert target.read_bytes() == download(browser("auditor"), "/audit/akses/rantai")
    assert target.read_bytes() == client.get("/api/v1/audit/access/export", headers=login("auditor")).get_data()
    assert not (tmp_path / "rantai.jsonl.part").exists()
    # Recorded as a read of the history, as the console's download is.
    listed = browser("auditor").get("/audit").get_data(as_text=True)
    assert "kawal audit export" in listed


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--case", "PPID-2026-000001"], "--case"),
        (["--from", "2026-01-01"], "--from"),
        (["--process", "permohonan_informasi"], "--process"),
        (["--format", "csv"], "--format csv"),
    ],
)
def test_the_chains_export_is_whole_and_json_lines_only(tmp_path, kawal, extra, named):
    refused = kawal("audit", "export", "--chains", *extra, "--output", str(tmp_path / "x.jsonl"))
    assert refused.exit_code == 1
    assert (
        f"--chains writes every chain whole, as JSON lines (each record hashes the one before): not with {named}"
        in refused.output
    )
    assert not (tmp_path / "x.jsonl").exists()


def test_verify_checks_a_chains_export_and_names_a_record_changed_in_it(browser, client, login, tmp_path, kawal):
    office_with_an_entry(browser, client, login)
    target = tmp_path / "rantai.jsonl"
    assert kawal("audit", "export", "--chains", "--output", str(target)).exit_code == 0
    ok = kawal("audit", "verify", str(target))
    assert ok.exit_code == 0, ok.output
    assert f"every chain in {target} is intact" in ok.output
    forged = tmp_path / "palsu.jsonl"
    forged.write_bytes(target.read_bytes().replace(b"KW.09/PPID/12/2019", b"KW.09/PPID/12/2099"))
    broken = kawal("audit", "verify", str(forged))
    assert broken.exit_code == 1
    assert "1 break(s) found:" in broken.output
    assert "exemption register's chain, record" in broken.output
    assert "(line 2): content does not match its hash" in broken.output


def test_verify_checks_a_chains_export_against_an_anchor(browser, client, login, desk, tmp_path, kawal, db_url):
    office_with_an_entry(browser, client, login)
    desk.submit()  # the anchor holds a case: a chains' export holds none, and misses none
    anchor = tmp_path / "jangkar.jsonl"
    assert kawal("audit", "anchor", str(anchor)).exit_code == 0
    whole = tmp_path / "rantai.jsonl"
    assert kawal("audit", "export", "--chains", "--output", str(whole)).exit_code == 0
    ok = kawal("audit", "verify", str(whole), "--anchor", str(anchor), "--made-after-anchor")
    assert ok.exit_code == 0, ok.output
    assert "is in place" in ok.output
    # The register's records removed in the database: the next export ends before the anchor's record.
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sql("DELETE FROM exemption_event"))
    engine.dispose()
    cut = tmp_path / "dipotong.jsonl"
    assert kawal("audit", "export", "--chains", "--output", str(cut)).exit_code == 0
    told = kawal("audit", "verify", str(cut), "--anchor", str(anchor), "--made-after-anchor")
    assert told.exit_code == 1
    assert "exemption register's chain, record" in told.output
    assert "the access changes were cut: the anchor of" in told.output
