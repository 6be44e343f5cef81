"""Public complaints over HTTP (legal-process.md §7): intake, the reporter's follow-up without an
account, attachments, who sees what, and the sealed identity's reveal flow.

On PostgreSQL too: a complaint filed (its ticket's counter), the team's LAPOR! referral with its receipt time read
back, the conversation with its files and the team's letter, the reporter's identity read from the vault, the reveal
flow (its request, the second factor, the decision) and the other managers' notices (their context, a JSON column).
The rest is decided in Python over rows either database returns alike (who sees what, the checks of a form or a file,
the files' hidden data and names, a reason's or a note's limit): their PostgreSQL twins ran the same Python again.
"""

import io
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine.models import CaseEvent, Notification
from tests.api.test_bad_input import assert_refused
from tests.conftest import REPORTER_NAME, REPORTER_NIK, complaint_payload, sqlite_only
from tests.helpers import SAMPLE_PDF, SAMPLE_PNG, second_factor_login

API = "/api/v1"
RECEIVED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
PDF = SAMPLE_PDF
PNG = SAMPLE_PNG
GROUPS = ("petugas", "ppid", "atasan", "unit", "unitmad", "auditor", "admin", "tim", "wbs")


@pytest.fixture
def settings_overrides():
    # A small limit keeps the over-limit upload in memory: the test client spools big bodies to files.
    return {"KAWAL_MAX_ATTACHMENT_BYTES": str(64 * 1024)}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def file_complaint(client, mode="rahasia", **overrides):
    r = client.post(f"{API}/complaints", json=complaint_payload(mode, **overrides))
    assert r.status_code == 201, r.json
    return r.json


def code(receipt):
    return {"X-Access-Code": receipt["access_code"]}


def events(app, ticket, type_):
    with app.app_context():
        from engine.models import Case

        case = db.session.scalar(select(Case).where(Case.ticket == ticket))
        return [
            e.data | {"actor": e.actor}
            for e in db.session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.type == type_).order_by(CaseEvent.seq)
            )
        ]


# --- intake --------------------------------------------------------------------------------------


# The ticket's counter and the filing, on PostgreSQL once: the three modes differ in Python (the identity's checks).
@pytest.mark.parametrize(
    ("db_url", "mode"),
    [
        *(("sqlite", mode) for mode in ["anonim", "rahasia", "whistleblower"]),
        pytest.param("postgres", "rahasia", marks=pytest.mark.postgres),
    ],
    indirect=["db_url"],
)
def test_a_reporter_files_in_any_mode_and_gets_a_ticket_and_a_code(client, mode):
    receipt = file_complaint(client, mode)
    assert receipt["ticket"].startswith("ADU-2026-")
    assert (receipt["mode"], receipt["status"]) == (mode, "pengaduan_baru")
    status = client.post(f"{API}/status", json={"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    assert status.status_code == 200
    assert status.json["kind"] == "pengaduan"


@sqlite_only
def test_an_anonymous_complaint_carries_no_identity_and_is_refused_with_one(client, unchanged):
    payload = complaint_payload("rahasia") | {"mode": "anonim"}  # a name under "anonymous": refused, not stored
    with unchanged():
        r = client.post(f"{API}/complaints", json=payload)
    assert_refused(r, 422, {"pelapor"})


@sqlite_only
@pytest.mark.parametrize("mode", ["rahasia", "whistleblower"])
def test_confidential_and_whistleblower_complaints_need_an_identity(client, unchanged, mode):
    payload = complaint_payload("anonim") | {"mode": mode}
    with unchanged():
        r = client.post(f"{API}/complaints", json=payload)
    assert_refused(r, 422, {"pelapor"})


@sqlite_only
@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"mode": "terbuka"}, {"mode"}),
        ({"uraian": "pendek"}, {"uraian"}),
        ({"channel": "lapor"}, {"channel"}),  # only the team records a LAPOR! referral
    ],
)
def test_invalid_complaint_is_422_and_changes_nothing(client, unchanged, change, fields):
    with unchanged():
        r = client.post(f"{API}/complaints", json=complaint_payload("anonim") | change)
    assert_refused(r, 422, fields)


def test_the_team_records_a_lapor_referral_with_its_real_receipt_time(client, login):
    r = client.post(
        f"{API}/complaints",
        json=complaint_payload("anonim", nomor_lapor="LAPOR-123456")
        | {"channel": "lapor", "received_at": "2026-12-01T14:00:00+07:00"},
        headers=login("tim"),
    )
    assert r.status_code == 201, r.json
    case = client.get(f"{API}/cases/{r.json['ticket']}", headers=login("tim")).json
    assert (case["channel"], case["received_at"]) == ("lapor", "2026-12-01T14:00:00+07:00")


INTAKE_BY_OFFICER = {"tim": 201, "wbs": 201, "petugas": 403, "ppid": 403, "unit": 403, "auditor": 403, "admin": 403}


@sqlite_only
@pytest.mark.parametrize(("group", "expected"), INTAKE_BY_OFFICER.items(), ids=list(INTAKE_BY_OFFICER))
def test_who_may_record_a_complaint_for_a_reporter(client, login, group, expected):
    r = client.post(f"{API}/complaints", json=complaint_payload("rahasia"), headers=login(group))
    assert r.status_code == expected, r.json


# --- the two-way follow-up -------------------------------------------------------------------------


def test_the_team_asks_and_the_reporter_reads_and_answers_with_attachments(app, client, login):
    receipt = file_complaint(client, "rahasia")  # its files lose their hidden data and names (engine.scrub)
    ticket = receipt["ticket"]
    asked = client.post(
        f"{API}/complaints/{ticket}/messages",
        json={"body": "Mohon kirim bukti kuitansi pungutan tersebut."},
        headers=login("tim"),
    )
    assert asked.status_code == 201, asked.json
    seen = client.get(f"{API}/complaints/{ticket}/messages", headers=code(receipt)).json
    (question,) = seen["items"]
    # a message the team writes outside a task (engine.complaints.MESSAGE); "question" is the evidence request's
    assert (question["direction"], question["kind"], question["author"]) == ("to_reporter", "message", "petugas")
    answered = client.post(
        f"{API}/complaints/{ticket}/messages",
        data={
            "body": "Kuitansi terlampir.",
            "reply_to": str(question["id"]),
            "attachments": [(io.BytesIO(PDF), "../../kuitansi.pdf"), (io.BytesIO(PNG), "foto.png")],
        },
        headers=code(receipt),
        content_type="multipart/form-data",
    )
    assert answered.status_code == 201, answered.json
    answer = answered.json["items"][-1]
    assert (answer["direction"], answer["author"], answer["reply_to"]) == ("from_reporter", "pelapor", question["id"])
    names = [a["file_name"] for a in answer["attachments"]]
    assert names == ["lampiran-1.pdf", "lampiran-2.png"]  # neither the path nor the device's name survives
    first = answer["attachments"][0]
    download = client.get(f"{API}/complaints/{ticket}/attachments/{first['id']}", headers=code(receipt))
    assert download.status_code == 200
    assert download.data.startswith(b"%PDF")  # written again without its hidden data (engine.scrub)
    assert len(download.data) == first["size"]
    assert download.headers["Content-Disposition"] == 'attachment; filename="lampiran-1.pdf"'
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    by_team = client.get(f"{API}/complaints/{ticket}/attachments/{first['id']}", headers=login("tim"))
    assert by_team.data == download.data
    assert {"what": f"attachment:{first['id']}", "actor": "tim"} in events(app, ticket, "case_read")
    with app.app_context():
        letters = db.session.scalars(select(Notification.event).where(Notification.to_requester.is_(True))).all()
    assert "complaint_question" in letters


@sqlite_only
def test_files_are_kept_encrypted_outside_the_database(app, client, settings):
    receipt = file_complaint(client, "anonim")
    r = client.post(
        f"{API}/complaints/{receipt['ticket']}/messages",
        data={"body": "Bukti", "attachments": [(io.BytesIO(PDF), "bukti.pdf")]},
        headers=code(receipt),
        content_type="multipart/form-data",
    )
    assert r.status_code == 201, r.json
    stored = [p for p in settings.files_dir.iterdir() if not p.name.startswith(".")]
    assert len(stored) == 1
    assert PDF not in stored[0].read_bytes()  # sealed with the vault key
    assert stored[0].name != "bukti.pdf"


@sqlite_only
@pytest.mark.parametrize(
    ("files", "field"),
    [
        ([(b"just text, not a document", "catatan.pdf")], "attachments.0"),  # the content decides, not the name
        ([(b"", "kosong.pdf")], "attachments.0"),
        ([(PDF, f"b{i}.pdf") for i in range(6)], "attachments"),
        ([(PDF, "ok.pdf"), (b"MZ\x90\x00", "virus.exe")], "attachments.1"),
    ],
)
def test_refused_attachments_are_422_and_nothing_is_stored(client, unchanged, settings, files, field):
    receipt = file_complaint(client, "anonim")
    with unchanged():
        r = client.post(
            f"{API}/complaints/{receipt['ticket']}/messages",
            data={"body": "Bukti", "attachments": [(io.BytesIO(data), name) for data, name in files]},
            headers=code(receipt),
            content_type="multipart/form-data",
        )
    assert_refused(r, 422)
    assert field in r.json["errors"]
    assert not settings.files_dir.exists() or not any(settings.files_dir.iterdir())


@sqlite_only
def test_an_attachment_over_the_size_limit_is_refused(client, settings):
    receipt = file_complaint(client, "anonim")
    big = PDF + b"0" * settings.max_attachment_bytes
    r = client.post(
        f"{API}/complaints/{receipt['ticket']}/messages",
        data={"body": "Bukti", "attachments": [(io.BytesIO(big), "besar.pdf")]},
        headers=code(receipt),
        content_type="multipart/form-data",
    )
    assert_refused(r, 422, {"attachments.0"})


@sqlite_only
def test_messages_need_the_right_code(client, unchanged):
    receipt = file_complaint(client, "anonim")
    with unchanged():
        assert_refused(client.get(f"{API}/complaints/{receipt['ticket']}/messages"), 404)
        assert_refused(
            client.get(f"{API}/complaints/{receipt['ticket']}/messages", headers={"X-Access-Code": "SALAH"}), 404
        )
        assert_refused(
            client.post(f"{API}/complaints/{receipt['ticket']}/messages", json={"body": "x"}, headers={}), 404
        )


@sqlite_only
def test_a_request_ticket_is_not_a_complaint(client, desk):
    receipt = desk.submit()
    r = client.get(f"{API}/complaints/{receipt['ticket']}/messages", headers=code(receipt))
    assert_refused(r, 404)


# --- who sees what -------------------------------------------------------------------------------

# A new complaint: the complaint team and the auditors see it; the PPID desk, the admin and every
# unit (nothing was referred to them) do not know it exists.
READ_CASE = {
    "tim": 200,
    "wbs": 200,
    "auditor": 200,
    "petugas": 404,
    "ppid": 404,
    "atasan": 404,
    "admin": 404,
    "unit": 404,
    "unitmad": 404,
}
MESSAGES = {"tim": 200, "wbs": 200, "auditor": 403, "petugas": 404, "ppid": 404, "admin": 404, "unit": 404}
EVENTS = {"tim": 200, "wbs": 200, "auditor": 200, "petugas": 404, "ppid": 404, "admin": 404, "unit": 404}


@sqlite_only
@pytest.mark.parametrize(("group", "expected"), READ_CASE.items(), ids=list(READ_CASE))
def test_who_sees_a_complaint(client, login, group, expected):
    receipt = file_complaint(client, "rahasia")
    r = client.get(f"{API}/cases/{receipt['ticket']}", headers=login(group))
    assert r.status_code == expected, r.json
    if expected == 200:
        assert r.json["requester"] is None  # never with the case, whoever reads it
        assert REPORTER_NAME not in r.get_data(as_text=True)


@sqlite_only
@pytest.mark.parametrize(("group", "expected"), MESSAGES.items(), ids=list(MESSAGES))
def test_who_reads_the_conversation(client, login, group, expected):
    receipt = file_complaint(client, "rahasia")
    assert client.get(f"{API}/complaints/{receipt['ticket']}/messages", headers=login(group)).status_code == expected


@sqlite_only
@pytest.mark.parametrize(("group", "expected"), EVENTS.items(), ids=list(EVENTS))
def test_who_reads_the_history(client, login, group, expected):
    receipt = file_complaint(client, "rahasia")
    assert client.get(f"{API}/cases/{receipt['ticket']}/events", headers=login(group)).status_code == expected


@sqlite_only
def test_every_read_of_a_confidential_complaint_is_logged_but_not_of_an_anonymous_one(app, client, login):
    secret = file_complaint(client, "rahasia")
    anonymous = file_complaint(client, "anonim")
    for receipt in (secret, anonymous):
        client.get(f"{API}/cases/{receipt['ticket']}", headers=login("tim"))
        client.get(f"{API}/cases/{receipt['ticket']}/events", headers=login("auditor"))
    assert [(e["what"], e["actor"]) for e in events(app, secret["ticket"], "case_read")] == [
        ("case", "tim"),
        ("events", "auditor"),
    ]
    assert events(app, anonymous["ticket"], "case_read") == []


# --- the identity ----------------------------------------------------------------------------------


def test_the_team_reads_a_confidential_reporter_and_the_read_is_an_event(app, client, login):
    receipt = file_complaint(client, "rahasia")
    r = client.get(f"{API}/complaints/{receipt['ticket']}/reporter", headers=login("tim"))
    assert r.status_code == 200
    assert (r.json["reporter"]["name"], r.json["reporter"]["nik"]) == (REPORTER_NAME, REPORTER_NIK)
    assert r.headers["Cache-Control"] == "no-store"
    assert [e["actor"] for e in events(app, receipt["ticket"], "identity_read")] == ["tim"]


IDENTITY_BY_GROUP = {"petugas": 404, "ppid": 404, "atasan": 404, "admin": 404, "unit": 404, "auditor": 403}


@sqlite_only
@pytest.mark.parametrize(("group", "expected"), IDENTITY_BY_GROUP.items(), ids=list(IDENTITY_BY_GROUP))
def test_nobody_outside_the_complaint_team_reads_a_reporter(client, login, group, expected):
    receipt = file_complaint(client, "rahasia")
    assert client.get(f"{API}/complaints/{receipt['ticket']}/reporter", headers=login(group)).status_code == expected


@sqlite_only
def test_an_anonymous_complaint_has_no_identity_to_read_or_reveal(client, login):
    receipt = file_complaint(client, "anonim")
    assert_refused(client.get(f"{API}/complaints/{receipt['ticket']}/reporter", headers=login("tim")), 409)
    r = client.post(
        f"{API}/complaints/{receipt['ticket']}/reveal-requests",
        json={"reason": "Perlu konfirmasi langsung kepada pelapor atas bukti"},
        headers=login("tim"),
    )
    assert_refused(r, 409)


def test_a_sealed_identity_opens_only_after_another_wbs_manager_approves_a_reasoned_request(app, client, login):
    receipt = file_complaint(client, "whistleblower")
    ticket = receipt["ticket"]
    sealed = client.get(f"{API}/complaints/{ticket}/reporter", headers=login("tim"))
    assert_refused(sealed, 403)
    assert_refused(
        client.post(f"{API}/complaints/{ticket}/reveal-requests", json={"reason": "perlu"}, headers=login("tim")),
        422,
        {"reason"},
    )
    asked = client.post(
        f"{API}/complaints/{ticket}/reveal-requests",
        json={"reason": "LPSK meminta identitas pelapor untuk perlindungan saksi (surat 12/LPSK/2026)"},
        headers=login("tim"),
    )
    assert asked.status_code == 201, asked.json
    request_id = asked.json["id"]
    assert_refused(client.get(f"{API}/complaints/{ticket}/reporter", headers=login("tim")), 403)  # not yet
    assert_refused(
        client.post(f"{API}/complaints/{ticket}/reveal-requests/{request_id}/approve", json={}, headers=login("tim")),
        403,
    )  # a handler is no WBS manager
    assert_refused(
        client.post(f"{API}/complaints/{ticket}/reveal-requests/{request_id}/approve", json={}, headers=login("wbs")),
        403,
    )  # a WBS manager's password alone never opens a sealed identity (issue 12, item 10)
    approved = client.post(
        f"{API}/complaints/{ticket}/reveal-requests/{request_id}/approve",
        json={"note": "Disetujui untuk LPSK"},
        headers=second_factor_login(app, client, "wbs"),
    )
    assert approved.status_code == 200, approved.json
    assert (approved.json["status"], approved.json["decided_by"]) == ("approved", "wbs")
    opened = client.get(f"{API}/complaints/{ticket}/reporter", headers=login("tim"))
    assert opened.json["reporter"]["name"] == REPORTER_NAME
    assert_refused(client.get(f"{API}/complaints/{ticket}/reporter", headers=login("tim2")), 403)  # not theirs
    assert_refused(
        client.post(f"{API}/complaints/{ticket}/reveal-requests/{request_id}/refuse", json={}, headers=login("wbs2")),
        409,
    )  # decided already
    history = [e["actor"] for e in events(app, ticket, "reveal_requested")]
    history += [e["actor"] for e in events(app, ticket, "reveal_approved")]
    history += [e["actor"] for e in events(app, ticket, "identity_read")]
    assert history == ["tim", "wbs", "tim"]


@sqlite_only
def test_a_wbs_manager_cannot_approve_their_own_reveal_request(client, login):
    receipt = file_complaint(client, "whistleblower")
    ticket = receipt["ticket"]
    asked = client.post(
        f"{API}/complaints/{ticket}/reveal-requests",
        json={"reason": "Pemeriksaan memerlukan keterangan langsung dari pelapor"},
        headers=login("wbs"),
    )
    request_id = asked.json["id"]
    own = client.post(f"{API}/complaints/{ticket}/reveal-requests/{request_id}/approve", json={}, headers=login("wbs"))
    assert_refused(own, 403)
    assert_refused(client.get(f"{API}/complaints/{ticket}/reporter", headers=login("wbs")), 403)
    refused = client.post(
        f"{API}/complaints/{ticket}/reveal-requests/{request_id}/refuse",
        json={"note": "Belum perlu"},
        headers=login("wbs2"),
    )
    assert refused.json["status"] == "refused"
    assert_refused(client.get(f"{API}/complaints/{ticket}/reporter", headers=login("wbs")), 403)


@sqlite_only
def test_a_reveal_reason_over_the_limit_is_refused_not_cut(app, client, login, unchanged):
    """A 100,000-character reason got 201 and was stored cut to 4,000: the WBS managers decided on part of it."""
    receipt = file_complaint(client, "whistleblower")
    reason = "Pemeriksaan memerlukan keterangan langsung dari pelapor. " * 1800
    headers = login("wbs")
    with unchanged():
        r = client.post(
            f"{API}/complaints/{receipt['ticket']}/reveal-requests", json={"reason": reason}, headers=headers
        )
    assert_refused(r, 422, {"reason"})
    assert r.json["errors"]["reason"] == ["paling banyak 4000 karakter"]
    assert events(app, receipt["ticket"], "reveal_requested") == []


@sqlite_only
def test_a_reveal_is_decided_only_with_a_note_which_the_team_then_reads(app, client, login, unchanged):
    """A note was optional, stored and shown nowhere: the reason behind opening (or keeping sealed) a whistleblower's
    identity was lost. Approving and refusing both need a note (refused, never cut, over 4,000 characters), and the
    team's list of reveal requests gives it beside the reason."""
    receipt = file_complaint(client, "whistleblower")
    ticket = receipt["ticket"]
    asked = client.post(
        f"{API}/complaints/{ticket}/reveal-requests",
        json={"reason": "Pemeriksaan memerlukan keterangan langsung dari pelapor"},
        headers=login("wbs"),
    )
    url = f"{API}/complaints/{ticket}/reveal-requests/{asked.json['id']}"
    approver = second_factor_login(app, client, "wbs2")
    with unchanged():
        for decision, body, headers in [
            ("refuse", {}, login("wbs2")),
            ("refuse", {"note": "   "}, login("wbs2")),
            ("approve", {}, approver),
            ("approve", {"note": "Disetujui. " * 400}, approver),
        ]:
            assert_refused(client.post(f"{url}/{decision}", json=body, headers=headers), 422, {"note"})
    assert (
        client.get(f"{API}/complaints/{ticket}/reveal-requests", headers=login("tim")).json["items"][0]["status"]
        == "pending"
    )
    note = "Belum perlu: keterangan tertulis pelapor cukup"
    decided = client.post(f"{url}/refuse", json={"note": f"  {note}  "}, headers=login("wbs2"))
    assert decided.status_code == 200, decided.json
    (item,) = client.get(f"{API}/complaints/{ticket}/reveal-requests", headers=login("tim")).json["items"]
    assert (item["status"], item["decided_by"], item["decision_note"]) == ("refused", "wbs2", note)
    assert [e["note"] for e in events(app, ticket, "reveal_refused")] == [note]


def _answer(client, receipt, files):
    return client.post(
        f"{API}/complaints/{receipt['ticket']}/messages",
        data={"body": "Bukti terlampir.", "attachments": [(io.BytesIO(data), name) for data, name in files]},
        headers=code(receipt),
        content_type="multipart/form-data",
    )


@sqlite_only
@pytest.mark.parametrize("mode", ["whistleblower", "anonim", "rahasia"])
def test_a_protected_reporter_s_files_reach_the_team_without_their_hidden_data(client, login, mode):
    """A PDF's author and a photo's EXIF named the whistleblower to the team that must not know them; a
    confidential reporter's to whoever the file reaches without reading their sealed identity (a logged read)."""
    from tests.unit.test_scrub import NAME, _jpeg_with_exif, _pdf_with_author

    receipt = file_complaint(client, mode)
    files = [(_pdf_with_author(), "Zaenal_Rahasiawan_kuitansi.pdf"), (_jpeg_with_exif(), "foto_zaenal.jpg")]
    r = _answer(client, receipt, files)
    assert r.status_code == 201, r.json
    attachments = r.json["items"][-1]["attachments"]
    assert [a["file_name"] for a in attachments] == ["lampiran-1.pdf", "lampiran-2.jpg"]  # not the device's names
    for item in attachments:
        got = client.get(f"{API}/complaints/{receipt['ticket']}/attachments/{item['id']}", headers=login("tim"))
        assert got.status_code == 200
        assert NAME.encode() not in got.data
        assert item["size"] == len(got.data)


@sqlite_only
def test_a_confidential_reporter_s_file_is_stored_under_a_neutral_name(app, client):
    """The name on the reporter's device named them, and the database row kept it in plain text: a copy of the
    database (or a backup of it) read it without the vault key."""
    from engine.models import Attachment

    receipt = file_complaint(client, "rahasia")
    r = _answer(client, receipt, [(PDF, "Laporan_SitiWulandari_NIK3578014506900007.pdf")])
    assert r.status_code == 201, r.json
    with app.app_context():
        (stored,) = db.session.scalars(select(Attachment.file_name)).all()
    assert stored == "lampiran-1.pdf"
    assert not {"Laporan", "SitiWulandari", "NIK3578014506900007"} & set(stored.replace(".", "_").split("_"))


@sqlite_only
def test_a_protected_reporter_s_file_that_cannot_be_read_is_refused_and_nothing_is_stored(client, unchanged, settings):
    receipt = file_complaint(client, "whistleblower")
    broken = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    with unchanged():
        r = _answer(client, receipt, [(PDF, "ok.pdf"), (broken, "rusak.pdf")])
    assert_refused(r, 422, {"attachments.1"})
    assert r.json["errors"]["attachments.1"][0].startswith("berkas ini tidak dapat dibaca untuk menghapus data")
    assert not settings.files_dir.exists() or not any(settings.files_dir.iterdir())


def test_the_other_wbs_managers_are_told_a_reveal_request_waits_never_its_reason(app, client, login):
    """A request to open a whistleblower's identity sat unseen until a second manager happened to open the case."""
    from engine.models import User
    from notifications.rendering import render

    receipt = file_complaint(client, "whistleblower")
    reason = "Pemeriksaan memerlukan keterangan langsung dari pelapor"
    asked = client.post(
        f"{API}/complaints/{receipt['ticket']}/reveal-requests", json={"reason": reason}, headers=login("wbs")
    )
    assert asked.status_code == 201
    with app.app_context():
        rows = db.session.execute(
            select(User.username, Notification.context)
            .join(User, User.id == Notification.recipient_user_id)
            .where(Notification.event == "reveal_requested")
        ).all()
    assert sorted({name for name, _context in rows}) == ["wbs2"]  # not the one who asked, not the team
    context = rows[0][1]
    assert reason not in str(context)
    subject, body = render("reveal_requested", "id", context)
    assert receipt["ticket"] in subject
    assert "Wbs" in body  # who asked, by name
    assert reason not in body
    # The second manager refuses: the one who asked is told, not the note.
    note = "Belum perlu membuka identitas pada tahap ini"
    refused = client.post(
        f"{API}/complaints/{receipt['ticket']}/reveal-requests/{asked.json['id']}/refuse",
        json={"note": note},
        headers=login("wbs2"),
    )
    assert refused.status_code == 200
    with app.app_context():
        told = db.session.execute(
            select(User.username, Notification.context)
            .join(User, User.id == Notification.recipient_user_id)
            .where(Notification.event == "reveal_decided")
        ).all()
    assert [name for name, _context in told] == ["wbs"]
    subject, body = render("reveal_decided", "id", told[0][1])
    assert "ditolak" in subject
    assert note not in body
