"""A task refused in a bulk change says why in one sentence: the colleague it was not given to is named only before
a message about them ("Ppid bukan anggota Petugas layanan."); the verb's general reason is said alone. Review: without
a precise message the page said "Ppid is user is not in the task's group." / "Ppid pengguna bukan anggota kelompok
tugas.". The reason follows the tasks' tickets and a colon, in lower case as the other reasons there are
("ADU-2026-000002 (Catat pengaduan): sudah diambil oleh Rina.")."""

import pytest

from api.web.i18n import COOKIE
from api.web.inbox import _task_refusal
from engine.messages import group_term, msg


@pytest.mark.parametrize(
    ("language", "alone", "named"),
    [
        ("id", "pengguna bukan anggota kelompok tugas.", "Ppid bukan anggota Petugas layanan."),
        ("en", "user is not in the task's group.", "Ppid is not in Front-desk officers."),
    ],
)
def test_the_colleague_is_named_only_before_a_message_about_them(app, language, alone, named):
    with app.test_request_context(headers={"Cookie": f"{COOKIE}={language}"}):
        assert _task_refusal([msg("user_not_in_group")], "ppid") == alone
        precise = msg("not_in_group", group=group_term("petugas_layanan"))
        assert _task_refusal([msg("user_not_in_group"), precise], "ppid") == named
        on_leave = msg("officer_on_leave_stand_in_cannot", name="Ppid", stand_in="Unit")
        said = _task_refusal([msg("user_not_in_group"), on_leave], "ppid")
        assert said.count("Ppid") == 1  # the message names them already
