"""The disposition reaches the unit it is addressed to (legal-process.md §7.2 stage 4, §10b: the Lembar Disposisi goes
from the head to the unit): the unit reads, on its clarification task, the instructions the team ticked and the note
of the referral that sent the complaint to it, and it reads the disposition sheet addressed to it. Another unit never
does: neither the unit that answered the report is not its matter (the next unit's note and sheet) nor the next unit
(the first one's). The sheet prints no reporter (engine.letters), and the instructions and note are written without
names (engine.reported_party).

Who reads which sheet and note is decided in Python over rows either database returns alike: those tests run on SQLite
alone. The migration that addresses the sheets issued without a unit runs on PostgreSQL too, and with it the sheets'
units stored and read back."""

import re

from tests.browser.journeys import ComplaintDesk
from tests.conftest import REPORTER_NAME, sqlite_only
from tests.web.pages import text
from tests.workflows.test_pengaduan_paths import CATAT

API = "/api/v1"
SHEET = "lembar_disposisi"
TO_PENDMAD = {
    "kode_masalah": "02",
    "kategori": "beasiswa_bantuan",
    "berkadar_pengawasan": False,
    "unit_tujuan": "PENDMAD",
}
INSTRUCTIONS = {
    "instruksi_disposisi": ["klarifikasi", "laporkan_hasil"],
    "catatan_disposisi": "Mohon klarifikasi kepada kepala madrasah dan kirim dokumen pendaftaran.",
}
AGAIN = {
    "langkah_disposisi": "unit_lain",
    "unit_tujuan": "KANWIL",
    "catatan_disposisi": "Urusan kepegawaian kantor wilayah, mohon ditangani.",
}


def classified(client, login, referral=None) -> ComplaintDesk:
    complaint = ComplaintDesk(client, login)
    complaint.complete("catat_pengaduan", CATAT)
    complaint.complete("verifikasi", {"hasil": "layak"})
    complaint.complete("klasifikasi", referral or {**TO_PENDMAD, **INSTRUCTIONS})
    return complaint


def referred_on(client, login) -> tuple[ComplaintDesk, int, int]:
    """Referred to PENDMAD with instructions and a note; PENDMAD answers it is not its matter; the team refers it on
    to KANWIL with a note of its own. Returns the complaint and the two units' clarification tasks."""
    complaint = classified(client, login)
    first = complaint.task("klarifikasi_unit")["id"]
    complaint.complete("klarifikasi_unit", {"tanggapan": "Bukan urusan kami", "bukan_kewenangan": True}, "unitmad")
    complaint.complete("disposisi_ulang", AGAIN)
    return complaint, first, complaint.task("klarifikasi_unit")["id"]


def sheets(client, login, ticket, who) -> list[dict]:
    r = client.get(f"{API}/cases/{ticket}/letters", headers=login(who))
    assert r.status_code == 200, r.json
    return [x for x in r.json["items"] if x["kind"] == SHEET]


@sqlite_only
def test_the_unit_disposed_to_reads_the_instructions_and_the_note_on_its_task_page(client, login, browser):
    complaint = classified(client, login)
    task = complaint.task("klarifikasi_unit")
    page = re.sub(r"\s+", " ", text(browser("unitmad").get(f"/tugas/{task['id']}")))
    disposition = re.search(r'<section aria-labelledby="disposition-title">(.*?)</section>', page)
    assert disposition, "the unit's task shows no disposition"
    shown = disposition[1]
    assert "Mintakan klarifikasi kepada pihak terkait" in shown
    assert "Laporkan hasilnya kepada pimpinan" in shown
    assert "Untuk diketahui" not in shown  # only what the team ticked
    assert INSTRUCTIONS["catatan_disposisi"] in shown
    assert "Lembar Disposisi" in shown  # and the sheet addressed to it, linked
    # The team reads the same on the unit's task; the classification's codes stay the team's (field visibility).
    assert INSTRUCTIONS["catatan_disposisi"] in text(browser("tim").get(f"/tugas/{task['id']}"))
    assert "Beasiswa dan bantuan" not in re.sub(r'<section aria-labelledby="disposition-title">.*?</section>', "", page)


@sqlite_only
def test_the_unit_disposed_to_reads_its_disposition_sheet_and_no_other_unit_does(client, login, browser):
    complaint, _first, _second = referred_on(client, login)
    ticket = complaint.ticket
    first, second = sheets(client, login, ticket, "tim")
    assert [x["id"] for x in sheets(client, login, ticket, "unitmad")] == [first["id"]]
    assert [x["id"] for x in sheets(client, login, ticket, "unit")] == [second["id"]]
    for who, own, other in (("unitmad", first, second), ("unit", second, first)):
        printed = client.get(f"{API}/cases/{ticket}/letters/{own['id']}/print", headers=login(who))
        assert printed.status_code == 200, who
        assert REPORTER_NAME not in printed.get_data(as_text=True)  # the sheet never names the reporter
        assert client.get(f"{API}/cases/{ticket}/letters/{other['id']}/print", headers=login(who)).status_code == 404
        page = browser(who)
        assert page.get(f"/kasus/{ticket}/surat/{own['id']}/cetak").status_code == 200, who
        assert page.get(f"/kasus/{ticket}/surat/{other['id']}/cetak").status_code == 404, who
    # The team's own sheet of an oversight-relevant complaint goes to the Inspectorate General: no unit reads it.
    itjen = classified(client, login, {"kode_masalah": "03", "kategori": "pungli", "berkadar_pengawasan": True})
    assert sheets(client, login, itjen.ticket, "tim")
    assert client.get(f"{API}/cases/{itjen.ticket}/letters", headers=login("unitmad")).status_code == 404


@sqlite_only
def test_after_a_re_referral_each_unit_reads_only_the_note_addressed_to_it(client, login, browser):
    complaint, first, second = referred_on(client, login)
    declined = re.sub(r"\s+", " ", text(browser("unitmad").get(f"/tugas/{first}")))
    assert INSTRUCTIONS["catatan_disposisi"] in declined  # its own referral's note
    assert AGAIN["catatan_disposisi"] not in declined
    assert AGAIN["catatan_disposisi"] not in text(browser("unitmad").get(f"/tugas/{second}"))  # the next unit's task
    now = re.sub(r"\s+", " ", text(browser("unit").get(f"/tugas/{second}")))
    assert AGAIN["catatan_disposisi"] in now
    assert "Mintakan klarifikasi kepada pihak terkait" in now  # the classification's instructions still stand
    assert INSTRUCTIONS["catatan_disposisi"] not in now  # the note written for the first unit is not its


def test_the_upgrade_addresses_each_disposition_sheet_issued_without_a_unit_to_the_unit_it_disposed_to(
    app, client, login, db_url
):
    """Sheets issued before they recorded their unit (``Letter.unit_id`` null) could be opened by no unit, the one
    they dispose to included. Migration 0049 finds the unit as a sheet is addressed now (engine.referral.referred_to
    on the data of the task that issued it, as of that issue; a copy, its original's); a sheet to the Inspectorate
    General keeps none. Run again, it changes nothing."""
    from alembic import command
    from sqlalchemy import text as sql

    from api.extensions import db
    from engine.db import alembic_config

    complaint, _first, _second = referred_on(client, login)
    ticket = complaint.ticket
    first, second = sheets(client, login, ticket, "tim")
    english = client.post(
        f"{API}/cases/{ticket}/letters/{first['id']}/translation", json={"locale": "en"}, headers=login("tim")
    )
    assert english.status_code == 201, english.json
    itjen = classified(client, login, {"kode_masalah": "03", "kategori": "pungli", "berkadar_pengawasan": True})
    units = "SELECT l.id, u.code FROM letter l LEFT JOIN unit u ON u.id = l.unit_id WHERE l.kind = 'lembar_disposisi'"
    with app.app_context():
        addressed = dict(db.session.execute(sql(units)).all())
        assert addressed[first["id"]] == "PENDMAD"
        assert addressed[second["id"]] == "KANWIL"
        assert addressed[english.json["id"]] == "PENDMAD"
        assert list(addressed.values()).count(None) == 1  # the Inspectorate General's
        db.session.execute(sql("UPDATE letter SET unit_id = NULL WHERE kind = 'lembar_disposisi'"))
        db.session.commit()
    assert sheets(client, login, ticket, "unitmad") == []  # before the upgrade: not even its own
    for _run in range(2):
        command.downgrade(alembic_config(db_url), "0048")
        command.upgrade(alembic_config(db_url), "head")
        with app.app_context():
            assert dict(db.session.execute(sql(units)).all()) == addressed
    assert [x["id"] for x in sheets(client, login, ticket, "unitmad")] == [first["id"], english.json["id"]]
    assert [x["id"] for x in sheets(client, login, ticket, "unit")] == [second["id"]]
    assert client.get(f"{API}/cases/{itjen.ticket}/letters", headers=login("unitmad")).status_code == 404
