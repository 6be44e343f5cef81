"""Walk w3, finding 5: after a unit answered a referral, the PPID's next task ("Putuskan sekarang atau perpanjang")
showed the answer only at the bottom of the "Fakta kasus" beside the form, under "Dicatat pada langkah sebelumnya",
in plain labels (y 1930 of 2323 px at 1366 px; y 3540 at 360 px, after the form). The task that the answer comes
back to shows it first, as the case page does: which unit, who answered and when, what it said, its files."""

import re

from tests.api.test_access_matrix import bring_to
from tests.helpers import STEP
from tests.web.pages import text


def test_the_task_the_unit_s_answer_comes_back_to_shows_it_above_the_form(desk, login, browser):
    ticket, unit_task = bring_to(desk, login, "tanggapan_unit")
    answer = {**STEP["tanggapan_unit"], "tanggapan": "Daftar penerima beasiswa 2026 kami lampirkan, 42 nama"}
    desk.complete(ticket, "tanggapan_unit", answer, username="unit")
    next_task = desk.task(ticket, "tentukan_langkah")
    page = text(browser("ppid").get(f"/tugas/{next_task['id']}"))
    heading = re.search(r'<h2 id="unit-answer-1">Jawaban unit pengolah: ([^<]+)</h2>', page)
    assert heading, "the task page does not show the unit's answer under its own heading"
    assert heading[1] == "Kantor Wilayah"
    answered = page.index(heading[0])
    assert answered < page.index('class="task-form"'), "the answer comes after the task's form"
    assert answered < page.index('id="facts-title"'), "the answer comes after the case's facts"
    section = page[answered : page.index("</section>", answered)]
    assert "Dijawab oleh" in section  # who answered, and when
    assert "Daftar penerima beasiswa 2026 kami lampirkan, 42 nama" in section
    assert "Tersedia" in section  # whether the information is held, in words


def test_the_unit_s_own_task_shows_no_answer_yet_and_a_case_never_referred_none(desk, login, browser):
    ticket, unit_task = bring_to(desk, login, "tanggapan_unit")
    assert 'id="unit-answer-' not in text(browser("unit").get(f"/tugas/{unit_task['id']}"))
    fresh = desk.submit(name="Rudi Hartono", nik="3171234507890002")["ticket"]
    task = desk.task(fresh, "periksa_kelengkapan")
    assert 'id="unit-answer-' not in text(browser("petugas").get(f"/tugas/{task['id']}"))
