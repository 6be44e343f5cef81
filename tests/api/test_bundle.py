"""The evidence bundle for the Komisi Informasi (legal-process.md §5.3 "Prepare file", §10b).

A request rejected after a consequence test, an objection upheld by the superior with written
reasons, then the KI's summons: the bundle of that chain is checked file by file.
"""

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from engine import bundle
from engine.audit import GENESIS, EventLog, event_hash, verify_all, verify_rows
from engine.models import Case, CaseEvent
from engine.runtime import Runtime
from tests.conftest import request_payload, sqlite_only
from tests.helpers import decision
from tests.workflows.conftest import Office

# Wed 2 Dec 2026, 10:00 WIB, as in the objection scenarios.
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
REASONS = "Informasi tersebut dikecualikan berdasarkan Pasal 17 huruf h; uji konsekuensi terlampir."
PROXY = {
    "name": "Rahmat Hidayat",
    "address": "Jl. Diponegoro 7, Bandung",
    "phone": "+62 811 2222 3333",
    "nomor_surat_kuasa": "SK-07/XII/2026",
    "tanggal_surat_kuasa": "2026-11-30",
    "bermeterai": True,
}
REQUESTER = request_payload()["requester"]
IDENTITY = [REQUESTER[k] for k in ("name", "nik", "address", "email", "phone")] + [
    PROXY[k] for k in ("name", "address", "phone")
]


@pytest.fixture
def clock():
    with time_machine.travel(RECEIVED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def office(clock, app, settings, session_factory_):
    return Office(session_factory_, Runtime(settings))  # the officers come from the app fixture


@pytest.fixture
def chain(office):
    """Extension, rejection with a consequence test, objection through a proxy, upheld; then the KI's summons."""
    request = office.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan"):
        office.complete(request, step)
    office.complete(request, "tentukan_langkah", step="tentukan_langkah_perpanjang")
    office.complete(request, "putuskan", decision("ditolak_dikecualikan"))
    office.complete(request, "uji_konsekuensi")
    office.complete(request, "tetapkan_pengecualian")
    office.complete(request, "pemberitahuan_tertulis")
    objection = office.objection(request, ["a"], kuasa=PROXY)
    office.complete(objection, "registrasi_keberatan", {"cara_kirim_tanda_terima": "email"})
    office.complete(
        objection,
        "susun_kronologi",
        {"kronologi": "Permohonan ditolak 2 Des 2026", "pertimbangan_ppid": "Dikecualikan"},
    )
    office.complete(
        objection,
        "putuskan_keberatan",
        {"keputusan": "keberatan_ditolak", "tanggal_keputusan": "2026-12-02", "alasan_tertulis": REASONS},
    )
    office.complete(objection, "kirim_tanggapan", {"tanggal_dikirim": "2026-12-02", "dikirim_melalui": "email"})
    dispute = office.dispute(objection, diajukan_ke_ki="2026-12-02", sidang_pertama="2026-12-21T09:00:00+07:00")
    office.complete(
        dispute,
        "surat_kuasa",
        {
            "nomor_surat": "B-101/Kw/HM.00/12/2026",
            "tanggal": "2026-12-02",
            "penerima_kuasa": ["Kepala Subbagian Hukum dan KUB"],
            "wewenang_berdamai": False,
        },
    )
    office.complete(
        dispute,
        "siapkan_berkas",
        {
            "kronologi_diperiksa": True,
            "daftar_bukti": ["Pemberitahuan tertulis", "Lembar uji konsekuensi", "Tanggapan Atasan PPID"],
            "argumen": "Informasi dikecualikan; uji konsekuensi telah dilakukan (UU 14/2008 Pasal 45).",
            "uji_konsekuensi_dilampirkan": True,
        },
    )
    return {"request": request, "objection": objection, "dispute": dispute}


def _export(client, login, ticket, username="ppid"):
    r = client.get(f"/api/v1/cases/{ticket}/bundle", headers=login(username))
    assert r.status_code == 200, r.json
    return r


def _files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _histories(files) -> dict[str, list[dict]]:
    return {
        path.removeprefix("riwayat/").removesuffix(".jsonl"): [json.loads(line) for line in content.splitlines()]
        for path, content in files.items()
        if path.startswith("riwayat/")
    }


# On PostgreSQL too (each builds the chain again, the cost of a twin): the chronology, the stages' timestamps read
# back in office time, and every history re-verified from the bundle (the hashes over what the database returns, the
# chain's three cases, the export's own event appended and read back). The others are @sqlite_only: the bundle's
# files, titles, manifest, redaction, who may export it: Python over the same rows.


@sqlite_only
def test_the_bundle_of_an_objection_holds_its_whole_chain(client, login, chain):
    r = _export(client, login, chain["objection"])
    assert r.mimetype == "application/zip"
    assert r.headers["Content-Disposition"] == f'attachment; filename="berkas-{chain["objection"]}.zip"'
    files = _files(r.data)
    members = [t for t in (chain["request"], chain["objection"], chain["dispute"]) if t]
    expected = {"kronologi.json", "kronologi.txt", "ringkasan.json", "verifikasi.txt", "MANIFEST.sha256"}
    assert expected | {f"riwayat/{t}.jsonl" for t in members} <= set(files)
    assert [case["ticket"] for case in json.loads(files["ringkasan.json"])] == members
    assert list(files) == sorted(files)  # a fixed order


def test_the_chronology_dates_every_stage_in_office_time(client, login, chain):
    files = _files(_export(client, login, chain["request"]).data)
    rows = json.loads(files["kronologi.json"])
    lines = files["kronologi.txt"].decode().splitlines()
    assert len(lines) == len(rows)
    assert lines[0] == f"2026-12-02 10:00 WIB  {chain['request']}  Permohonan informasi diterima"
    assert rows[0]["at"].startswith("2026-12-02T10:00")
    assert rows[0]["at"].endswith("+07:00")
    assert any(r["ticket"] == chain["objection"] and r["event"] == "objection_filed" for r in rows)


@sqlite_only
def test_the_notices_decisions_and_consequence_test_are_in_the_bundle(client, login, chain):
    files = _files(_export(client, login, chain["request"]).data)
    request, objection = chain["request"], chain["objection"]
    assert sorted(p for p in files if p.startswith(f"dokumen/{request}/")) == [
        f"dokumen/{request}/01-tentukan_langkah.json",
        f"dokumen/{request}/02-putuskan.json",
        f"dokumen/{request}/03-pemberitahuan_tertulis.json",
    ]
    extension = json.loads(files[f"dokumen/{request}/01-tentukan_langkah.json"])
    assert extension["title"] == "Surat Pemberitahuan Perpanjangan Jangka Waktu"
    rejection = json.loads(files[f"dokumen/{request}/02-putuskan.json"])
    assert rejection["title"] == "Surat Keputusan PPID tentang Penolakan Permohonan Informasi"
    assert (rejection["completed_by"], rejection["data"]["keputusan"]) == ("ppid", "ditolak_dikecualikan")
    test = json.loads(files[f"uji_konsekuensi/{request}.json"])
    assert test["data"]["konsekuensi"] == "Membuka rahasia pribadi"
    assert test["data"]["dasar_hukum"] == "UU 14/2008 Pasal 17 huruf h"
    superior = [json.loads(files[p]) for p in files if p.startswith(f"dokumen/{objection}/")]
    assert [d["task"] for d in superior] == ["registrasi_keberatan", "putuskan_keberatan", "kirim_tanggapan"]
    decision_ = superior[1]
    assert decision_["title"] == "Tanggapan/Keputusan Atasan PPID"
    assert decision_["completed_by"] == "atasan"
    assert decision_["data"]["keputusan"] == "keberatan_ditolak"
    assert decision_["data"]["alasan_tertulis"] == REASONS
    assert set(decision_) == {"ticket", "task", "title", "completed_at", "completed_by", "data"}
    assert not any("susun_kronologi" in p or "periksa_kelengkapan" in p for p in files)  # working steps stay home


@sqlite_only
def test_the_dispute_file_holds_the_power_of_attorney_and_the_respondents_file(client, login, chain):
    files = _files(_export(client, login, chain["dispute"]).data)
    dispute = chain["dispute"]
    assert f"dokumen/{dispute}/01-surat_kuasa.json" in files
    berkas = json.loads(files[f"dokumen/{dispute}/02-siapkan_berkas.json"])
    assert berkas["title"] == "Berkas Bukti dan Kronologi Termohon"
    assert berkas["data"]["uji_konsekuensi_dilampirkan"] is True
    summary = {case["ticket"]: case for case in json.loads(files["ringkasan.json"])}
    assert summary[dispute]["parent"] == chain["objection"]
    assert summary[dispute]["current"] is True


@sqlite_only
def test_the_manifest_lists_every_other_file_with_its_sha256(client, login, chain):
    files = _files(_export(client, login, chain["objection"]).data)
    manifest = files.pop("MANIFEST.sha256").decode().splitlines()
    assert manifest == [f"{hashlib.sha256(content).hexdigest()}  {path}" for path, content in sorted(files.items())]


def test_every_history_re_verifies_without_the_database(client, login, chain, session_factory_):
    r = _export(client, login, chain["objection"])
    histories = _histories(_files(r.data))
    assert set(histories) == {t for t in chain.values() if t}
    for ticket, rows in histories.items():
        assert list(verify_rows(rows)) == []
        prev = GENESIS
        for seq, row in enumerate(rows, 1):
            assert (row["ticket"], row["seq"], row["prev_hash"]) == (ticket, seq, prev)
            at = datetime.fromisoformat(row["at"])
            assert event_hash(prev, ticket, seq, at, row["type"], row["actor"], row["data"]) == row["hash"]
            prev = row["hash"]
    # The bundle holds the history up to its export, which is the next event of the exported case.
    with session_factory_() as s:
        case = s.scalar(select(Case).where(Case.ticket == chain["objection"]))
        exported = s.scalar(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.seq == case.event_seq))
    assert exported.type == "bundle_exported"
    assert exported.prev_hash == histories[chain["objection"]][-1]["hash"]


@sqlite_only
def test_the_verification_steps_in_the_bundle_work_as_written(client, login, chain, tmp_path):
    files = _files(_export(client, login, chain["request"]).data)
    assert bundle.VERIFY_SCRIPT.splitlines()[0] in files["verifikasi.txt"].decode()
    for path, content in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content)
    # A plain interpreter in the unpacked folder, as the Komisi would run it: no Kawal on the path.
    run = subprocess.run(
        [sys.executable, "-I", "-c", bundle.VERIFY_SCRIPT], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    verdicts = run.stdout.splitlines()
    assert len(verdicts) == sum(len(rows) for rows in _histories(files).values())
    assert all(line.endswith(" OK") for line in verdicts), verdicts


@sqlite_only
def test_no_identity_of_the_requester_or_the_proxy_is_anywhere_in_the_bundle(client, login, chain, app, monkeypatch):
    def no_vault(*args, **kwargs):
        raise AssertionError("the bundle read the vault")

    monkeypatch.setattr(app.extensions["kawal_runtime"].vault, "read", no_vault)
    for ticket in filter(None, chain.values()):
        data = _export(client, login, ticket).data
        files = _files(data)
        for secret in IDENTITY:
            assert secret.encode() not in data
            for path, content in files.items():
                assert secret not in path
                assert secret.encode() not in content, f"{secret!r} found in {path}"


def test_documents_are_redacted_by_key_at_any_depth():
    data = {
        "keputusan": "ditolak",
        "requester": {"name": "Ani Wijaya"},
        "lampiran": [{"NIK": "3171234507890001", "email": "ani@example.org", "judul": "Salinan"}],
        "pihak": {"kuasa": {"name": "Rahmat"}, "phone": "+62 811", "address": "Jl. Merdeka 1"},
    }
    assert bundle.redact(data) == {
        "keputusan": "ditolak",
        "requester": "[dirahasiakan]",
        "lampiran": [{"NIK": "[dirahasiakan]", "email": "[dirahasiakan]", "judul": "Salinan"}],
        "pihak": {"kuasa": "[dirahasiakan]", "phone": "[dirahasiakan]", "address": "[dirahasiakan]"},
    }


@sqlite_only
def test_an_identity_written_into_a_task_is_redacted_in_its_document(office, session_factory_):
    ticket = office.submit()
    with session_factory_.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        planted = {"keputusan": "dikabulkan_seluruhnya", "catatan": {"nik": REQUESTER["nik"]}}
        EventLog(s).append(case, "task_completed", "ppid", {"task": "putuskan", "data": planted})
    with session_factory_() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        files = _files(bundle.build_bundle(s, office.rt, case)[1])
    document = json.loads(files[f"dokumen/{ticket}/01-putuskan.json"])
    assert document["data"] == {"keputusan": "dikabulkan_seluruhnya", "catatan": {"nik": "[dirahasiakan]"}}
    assert document["title"] == "Keputusan PPID atas Permohonan Informasi"


# The export's record read back: proven on PostgreSQL above and by tests/test_cli_bundle.py.
@sqlite_only
def test_each_export_is_recorded_on_the_case_with_the_zip_sha256(client, login, chain, session_factory_):
    r = _export(client, login, chain["objection"], "auditor")
    with session_factory_() as s:
        case = s.scalar(select(Case).where(Case.ticket == chain["objection"]))
        events = s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == "bundle_exported")
        ).all()
        assert [(e.actor, e.data) for e in events] == [("auditor", {"sha256": hashlib.sha256(r.data).hexdigest()})]
        assert verify_all(s) == []


@sqlite_only
def test_the_same_history_gives_the_same_bytes(chain, office, session_factory_):
    with session_factory_() as s:
        case = s.scalar(select(Case).where(Case.ticket == chain["objection"]))
        first = bundle.build_bundle(s, office.rt, case)
        second = bundle.build_bundle(s, office.rt, case)
    assert first == second
    assert first[0] == f"berkas-{chain['objection']}.zip"


@sqlite_only
@pytest.mark.parametrize(
    ("username", "expected"),
    [("petugas", 200), ("ppid", 200), ("atasan", 200), ("auditor", 200), ("unit", 403), ("admin", 403)],
)
def test_request_staff_and_auditors_export_the_bundle_units_and_admins_may_not(client, login, desk, username, expected):
    ticket = desk.submit()["ticket"]
    r = client.get(f"/api/v1/cases/{ticket}/bundle", headers=login(username))
    assert r.status_code == expected


@sqlite_only
def test_the_bundle_needs_a_login_and_a_known_ticket(client, login, desk):
    ticket = desk.submit()["ticket"]
    assert client.get(f"/api/v1/cases/{ticket}/bundle").status_code == 401
    assert client.get("/api/v1/cases/PPID-2026-999999/bundle", headers=login("ppid")).status_code == 404
