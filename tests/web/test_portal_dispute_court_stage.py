"""The requester's page along a dispute's court stage (legal-process.md §5.2 rows 9-10, §5.4), as a walk at 360 px
read it: the Commission's decision, the office's challenge at the PTUN, the court's judgment, the applicant's
cassation, the Supreme Court's decision.

Finding 10: after the Commission's decision the page told the requester of their own 14 working days alone and that
the decision "otherwise becomes final and binding"; the office has its own 14 working days from its own receipt, and
the decision is final only when neither party challenged it in time (the same for cassation after the court's
judgment). The office's window (P14, K14) is its internal deadline, on its strict reading: the page gives no date of
it. Finding 9: the court's result read "Court Decision — Dismissed", the form's operative part, which records the
judgment's effect on the information request: after the office's challenge it read as the office's challenge
dismissed, when the court had granted it and refused the request. The page now says what the court decided on whose
challenge, then what it means for the request."""

import pytest
import time_machine

from engine import milestone_words
from tests.web.test_portal_dispute_history import _history
from tests.web.test_portal_dispute_status import ACCEPTED, SUMMONED, _adjudicated, _page
from tests.workflows.conftest import Office
from tests.workflows.test_sengketa_paths import wib

OFFICE_CHALLENGE = {
    "sikap": "mengajukan_keberatan",
    "alasan_sikap": "Informasi dikecualikan",
    "pengadilan": "PTUN Jakarta",
    "tanggal_pengajuan_keberatan": "2027-03-15",
}
JUDGMENT = {
    "tanggal": "2027-05-03",
    "pengadilan": "PTUN Jakarta",
    "nomor_perkara": "12/G/KI/2027/PTUN.JKT",
    "tanggal_diterima": "2027-05-04",
    "tanggal_diterima_pemohon": "2027-05-05",
}
APPLICANT_S_CASSATION = {"tanggal": "2027-05-12", "pihak": "pemohon", "nomor_perkara": "101 K/TUN/KI/2027"}


@pytest.fixture
def office(app, session_factory_):
    return Office(session_factory_, app.extensions["kawal_runtime"])


def _next_step(page: str) -> str:
    """The section "What you can do next", up to the requester's own window."""
    start = "Yang dapat Anda lakukan selanjutnya" if "Yang dapat" in page else "What you can do next"
    return page.split(start, 1)[1].split(" Waktu untuk")[0].split(" Time to")[0]


def _challenged_by_the_office(office, clock) -> tuple[str, str]:
    """The Commission grants the request in full (read Fri 26 Feb 2027, received by the office Mon 1 Mar); the office
    challenges it at the PTUN on Mon 15 Mar."""
    dispute, code = _adjudicated(office, clock)
    clock.move_to(wib("2027-03-15"))
    office.complete(dispute, "sikap_atas_putusan", OFFICE_CHALLENGE)
    return dispute, code


def test_after_the_commission_s_decision_the_page_names_both_parties_windows_to_go_to_court(browser, office):
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _adjudicated(office, clock)
        page, english_page = _page(browser, dispute, code), _page(browser, dispute, code, "en")
        p14 = office.deadline(dispute, "P14")
    step, english = _next_step(page), _next_step(english_page)
    assert "Anda dapat mengajukan keberatan ke pengadilan dalam 14 hari kerja sejak salinan putusan Anda terima" in step
    assert (
        "Kantor juga dapat mengajukan keberatan, dalam 14 hari kerja sejak kantor menerima salinannya sendiri" in step
    )
    assert "Putusan baru berkekuatan hukum tetap bila tidak ada pihak yang mengajukan keberatan tepat waktu" in step
    assert "bila tidak, putusan menjadi berkekuatan hukum tetap" not in step
    assert "The office may also challenge it, within 14 working days of receiving its own copy" in english
    assert "final and binding only if neither party challenges it in time" in english
    assert "otherwise it becomes final and binding" not in english
    # The office's own window is its internal deadline (strict reading, from its receipt on 1 Mar): no date of it.
    assert p14.due_at.date().isoformat() == "2027-03-24"
    assert "24 Mar 2027" not in page
    assert "24 Mar 2027" not in english_page


def test_after_the_court_s_judgment_either_party_may_appeal_in_cassation(browser, office):
    """The applicant's own challenge after the office accepted the Commission's decision; the judgment received by the
    office on Tue 4 May 2027, by the applicant on Wed 5 May."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _adjudicated(office, clock)
        office.complete(dispute, "sikap_atas_putusan", ACCEPTED)
        clock.move_to(wib("2027-03-08"))
        filed = {"tanggal": "2027-03-08", "pengadilan": "PTUN Jakarta", "nomor_perkara": "12/G/KI/2027/PTUN.JKT"}
        office.message(dispute, "gugatan_pemohon", filed)
        clock.move_to(wib("2027-05-06"))
        office.message(dispute, "putusan_pengadilan", {**JUDGMENT, "amar": "dikabulkan_seluruhnya"})
        page, english_page = _page(browser, dispute, code), _page(browser, dispute, code, "en")
        k14 = office.deadline(dispute, "K14")
    step, english = _next_step(page), _next_step(english_page)
    assert "Anda dapat mengajukan kasasi ke Mahkamah Agung dalam 14 hari sejak putusan Anda terima" in step
    assert "Kantor juga dapat mengajukan kasasi, dalam 14 hari sejak kantor sendiri menerima putusan" in step
    assert "Putusan baru berkekuatan hukum tetap bila tidak ada pihak yang mengajukan kasasi tepat waktu" in step
    assert "The office may also appeal in cassation, within 14 days of receiving the judgment itself" in english
    assert "final and binding only if neither party appeals in time" in english
    assert "otherwise it becomes final and binding" not in english
    # The office's own window (K14, 14 days from its receipt on 4 May) is not given.
    assert k14.due_at.date().isoformat() == "2027-05-18"
    assert "18 Mei 2027" not in page
    assert "18 May 2027" not in english_page


def test_the_court_s_result_is_its_decision_on_the_challenge_and_its_effect_on_the_request_is_said_apart(
    browser, office
):
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _challenged_by_the_office(office, clock)
        clock.move_to(wib("2027-05-06"))
        office.message(dispute, "putusan_pengadilan", {**JUDGMENT, "amar": "ditolak"})
        said = dict((what, day) for day, what in _history(_page(browser, dispute, code, "en")))
        shown = dict((what, day) for day, what in _history(_page(browser, dispute, code)))
    assert (
        said[
            "Court Decision — The court granted the challenge filed by the office, the respondent, and overturned the "
            "Commission's decision. With this decision, your information request is refused."
        ]
        == "3 May 2027"
    )
    assert (
        shown[
            "Putusan Pengadilan — Pengadilan mengabulkan keberatan yang diajukan kantor ini sebagai Termohon, dan "
            "membatalkan putusan Komisi Informasi. Dengan putusan ini, permohonan informasi Anda ditolak."
        ]
        == "3 Mei 2027"
    )
    assert "Court Decision — Dismissed" not in said  # the old words: the office's challenge read as dismissed


def test_the_supreme_court_s_result_says_whose_cassation_it_decided_and_then_its_effect_on_the_request(browser, office):
    """The applicant files for cassation against the court's refusal; the Supreme Court grants it in part. While it
    decides, the requester is not sent to hearings: the Supreme Court examines a cassation on the papers."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _challenged_by_the_office(office, clock)
        clock.move_to(wib("2027-05-06"))
        office.message(dispute, "putusan_pengadilan", {**JUDGMENT, "amar": "ditolak"})
        clock.move_to(wib("2027-05-12"))
        office.message(dispute, "kasasi_diajukan", APPLICANT_S_CASSATION)
        waiting = _next_step(_page(browser, dispute, code, "en"))
        clock.move_to(wib("2027-08-02"))
        decided = {"tanggal": "2027-07-30", "nomor_perkara": "101 K/TUN/KI/2027", "amar": "dikabulkan_sebagian"}
        office.message(dispute, "putusan_kasasi", decided)
        said = dict((what, day) for day, what in _history(_page(browser, dispute, code, "en")))
        shown = dict((what, day) for day, what in _history(_page(browser, dispute, code)))
    assert "The Supreme Court examines the cassation, case number 101 K/TUN/KI/2027, on the case's papers" in waiting
    assert "Follow the court's hearings" not in waiting
    assert said["Cassation — filed by you, the applicant, at the Supreme Court, case number 101 K/TUN/KI/2027"] == (
        "12 May 2027"
    )
    assert (
        said[
            "Final and Binding — The Supreme Court partly granted the cassation filed by you, the applicant, and "
            "changed the court's judgment in part. With this decision, your information request is granted in part."
        ]
        == "30 Jul 2027"
    )
    assert (
        shown[
            "Berkekuatan Hukum Tetap — Mahkamah Agung mengabulkan sebagian permohonan kasasi yang Anda ajukan sebagai"
            " Pemohon, dan mengubah sebagian putusan pengadilan. Dengan putusan ini, permohonan informasi Anda"
            " dikabulkan sebagian."
        ]
        == "30 Jul 2027"
    )


def _decision(stage, amar, form, cassation=False) -> dict:
    return {"name": stage, "detail": {"decision": amar, "form": form, "cassation": cassation}}


def _filing(stage, party) -> dict:
    return {"name": stage, "detail": {"filed_by": party} if party else None}


@pytest.mark.parametrize(
    ("commission", "challenger", "court", "words"),
    [
        (
            "ditolak",
            "pemohon",
            "ditolak",
            "The court rejected the challenge filed by you, the applicant, and upheld the Commission's decision. "
            "With this decision, your information request is refused.",
        ),
        (
            "dikabulkan_seluruhnya",
            "termohon",
            "dikabulkan_sebagian",
            "The court partly granted the challenge filed by the office, the respondent, and changed the "
            "Commission's decision in part. With this decision, your information request is granted in part.",
        ),
        (
            "ditolak",
            "pemohon",
            "dikabulkan_seluruhnya",
            "The court granted the challenge filed by you, the applicant, and overturned the Commission's decision. "
            "With this decision, your information request is granted in full.",
        ),
        # The court moved against the challenger's own aim (the applicant sought the request granted in full): the
        # Commission's decision changed, not "overturned" nor "granted" on their challenge.
        (
            "dikabulkan_sebagian",
            "pemohon",
            "ditolak",
            "The court changed the Commission's decision. With this decision, your information request is refused.",
        ),
        # Both grant in part, not necessarily the same part: neither "rejected" nor "upheld" is known.
        (
            "dikabulkan_sebagian",
            "termohon",
            "dikabulkan_sebagian",
            "The court's decision grants the request in part, as the Commission's did. With this decision, your "
            "information request is granted in part.",
        ),
        # Who went to court not known (the stage moved without a filing saying so): what became of the decision.
        (
            "dikabulkan_sebagian",
            None,
            "ditolak",
            "The court changed the Commission's decision. With this decision, your information request is refused.",
        ),
        # The Commission's decision recorded without its operative part: the effect alone.
        (None, "termohon", "ditolak", "With this decision, your information request is refused."),
    ],
    ids=[
        "upheld",
        "granted_in_part",
        "overturned",
        "against_the_challenger",
        "in_part_both",
        "challenger_unknown",
        "decision_unknown",
    ],
)
def test_a_court_s_judgment_is_read_against_the_decision_challenged_and_by_whom(
    app, commission, challenger, court, words
):
    rt = app.extensions["kawal_runtime"]
    adjudication = _decision("putusan_ajudikasi", commission, "putusan_ajudikasi") if commission else None
    milestones = [
        *([adjudication] if adjudication else []),
        _filing("keberatan_pengadilan", challenger),
        _decision("putusan_pengadilan", court, "putusan_pengadilan"),
    ]
    worded = milestone_words.worded(rt, {"milestones": milestones}, "en")["milestones"]
    assert worded[-1]["detail"] == words


def test_the_office_s_cassation_rejected_upholds_the_court_s_judgment(app):
    rt = app.extensions["kawal_runtime"]
    milestones = [
        _decision("putusan_pengadilan", "dikabulkan_seluruhnya", "putusan_pengadilan"),
        _filing("kasasi", "termohon"),
        _decision("berkekuatan_hukum_tetap", "dikabulkan_seluruhnya", "putusan_kasasi", cassation=True),
    ]
    [*_before, final] = milestone_words.worded(rt, {"milestones": milestones}, "id")["milestones"]
    assert final["detail"] == (
        "Mahkamah Agung menolak permohonan kasasi yang diajukan kantor ini sebagai Termohon, dan menguatkan putusan"
        " pengadilan. Dengan putusan ini, permohonan informasi Anda dikabulkan seluruhnya."
    )


def test_a_cassation_decided_in_part_like_the_judgment_it_challenged_says_so_without_a_winner(app):
    """The office's cassation of a judgment that granted the request in part, decided in part again: the Supreme Court
    may have granted it on one part and refused it on another, so the page says neither."""
    rt = app.extensions["kawal_runtime"]
    milestones = [
        _decision("putusan_pengadilan", "dikabulkan_sebagian", "putusan_pengadilan"),
        _filing("kasasi", "termohon"),
        _decision("berkekuatan_hukum_tetap", "dikabulkan_sebagian", "putusan_kasasi", cassation=True),
    ]
    final = milestone_words.worded(rt, {"milestones": milestones}, "id")["milestones"][-1]["detail"]
    english = milestone_words.worded(rt, {"milestones": milestones}, "en")["milestones"][-1]["detail"]
    assert final == (
        "Putusan Mahkamah Agung mengabulkan sebagian permohonan informasi, sebagaimana putusan pengadilan. Dengan"
        " putusan ini, permohonan informasi Anda dikabulkan sebagian."
    )
    assert english.startswith("The Supreme Court's decision grants the request in part, as the court's judgment did.")
    for claimed in ("menolak", "menguatkan", "mengabulkan sebagian permohonan kasasi"):
        assert claimed not in final


# -- the court's ruling as the officer recorded it ------------------------------------------------------------------
# The operative part records the judgment's effect on the request alone: a challenge declared inadmissible leaves the
# Commission's decision as it was, and reads from it like one rejected on its merits. The officer records the ruling
# itself (putusan_atas_keberatan, putusan_atas_kasasi), and the page words that.


def test_the_page_words_a_challenge_the_court_declared_inadmissible_as_such(browser, office):
    """The office's challenge of the Commission's grant in full, declared inadmissible: the Commission's decision
    stands, and the page says neither that the court rejected the challenge nor that it upheld the decision."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _challenged_by_the_office(office, clock)
        clock.move_to(wib("2027-05-06"))
        judgment = {**JUDGMENT, "amar": "dikabulkan_seluruhnya", "putusan_atas_keberatan": "tidak_dapat_diterima"}
        office.message(dispute, "putusan_pengadilan", judgment)
        said = dict((what, day) for day, what in _history(_page(browser, dispute, code, "en")))
        shown = dict((what, day) for day, what in _history(_page(browser, dispute, code)))
    assert (
        said[
            "Court Decision — The court declared the challenge filed by the office, the respondent, inadmissible; the "
            "Commission's decision stands. With this decision, your information request is granted in full."
        ]
        == "3 May 2027"
    )
    assert (
        shown[
            "Putusan Pengadilan — Pengadilan menyatakan keberatan yang diajukan kantor ini sebagai Termohon tidak dapat"
            " diterima; putusan Komisi Informasi tetap berlaku. Dengan putusan ini, permohonan informasi Anda"
            " dikabulkan seluruhnya."
        ]
        == "3 Mei 2027"
    )
    for inferred in ("rejected the challenge", "upheld the Commission's decision"):
        assert not any(inferred in line for line in said)


@pytest.mark.parametrize(
    ("challenger", "ruling", "words"),
    [
        # Read from the operative parts (both grant in part), the page could name no winner.
        (
            "termohon",
            "ditolak",
            "The court rejected the challenge filed by the office, the respondent, and upheld the Commission's "
            "decision. With this decision, your information request is granted in part.",
        ),
        (
            "pemohon",
            "dikabulkan_sebagian",
            "The court partly granted the challenge filed by you, the applicant, and changed the Commission's decision"
            " in part. With this decision, your information request is granted in part.",
        ),
        # Who went to court not known: the ruling all the same, without the challenger.
        (
            None,
            "tidak_dapat_diterima",
            "The court declared the challenge inadmissible; the Commission's decision stands. With this decision, "
            "your information request is granted in part.",
        ),
    ],
    ids=["rejected", "granted_in_part", "inadmissible_challenger_unknown"],
)
def test_a_recorded_ruling_wins_over_the_reading_of_the_two_operative_parts(app, challenger, ruling, words):
    rt = app.extensions["kawal_runtime"]
    judgment = _decision("putusan_pengadilan", "dikabulkan_sebagian", "putusan_pengadilan")
    milestones = [
        _decision("putusan_ajudikasi", "dikabulkan_sebagian", "putusan_ajudikasi"),
        _filing("keberatan_pengadilan", challenger),
        {**judgment, "detail": {**judgment["detail"], "ruling": ruling}},
    ]
    inferred = milestone_words.worded(rt, {"milestones": [*milestones[:2], judgment]}, "en")["milestones"][-1]
    assert inferred["detail"].startswith("The court's decision grants the request in part, as the Commission's did.")
    assert milestone_words.worded(rt, {"milestones": milestones}, "en")["milestones"][-1]["detail"] == words


def test_a_cassation_the_supreme_court_declared_inadmissible_leaves_the_court_s_judgment_standing(app):
    rt = app.extensions["kawal_runtime"]
    final = _decision("berkekuatan_hukum_tetap", "ditolak", "putusan_kasasi", cassation=True)
    milestones = [
        _decision("putusan_pengadilan", "ditolak", "putusan_pengadilan"),
        _filing("kasasi", "pemohon"),
        {**final, "detail": {**final["detail"], "ruling": "tidak_dapat_diterima"}},
    ]
    english = milestone_words.worded(rt, {"milestones": milestones}, "en")["milestones"][-1]["detail"]
    indonesian = milestone_words.worded(rt, {"milestones": milestones}, "id")["milestones"][-1]["detail"]
    assert english == (
        "The Supreme Court declared the cassation filed by you, the applicant, inadmissible; the court's judgment"
        " stands. With this decision, your information request is refused."
    )
    assert indonesian == (
        "Mahkamah Agung menyatakan permohonan kasasi yang Anda ajukan sebagai Pemohon tidak dapat diterima; putusan"
        " pengadilan tetap berlaku. Dengan putusan ini, permohonan informasi Anda ditolak."
    )


# -- after the windows: whose may still go on, and why the decision became final (walk of 6 Apr 2027) ----------------
# The page said on 6 Apr 2027 that both parties could still go to court, when the applicant's window had ended on
# 31 Mar and the office's position task on 1 Apr. Each party's window is now read from the case: the applicant's
# lenient last day passed (and its deadline row, once armed, lapsed), the office's last day lapsed or its position
# recorded.

ENDED = (
    "Tidak ada pihak yang mengajukan keberatan ke pengadilan dalam jangka waktunya; kantor sedang memastikan putusan"
    " berkekuatan hukum tetap."
)


def _after_the_windows(office, clock, browser, dispute: str, code: str, day: str, hour: int = 18) -> tuple[str, str]:
    """The next step in both languages at ``day``, once the timer job has run."""
    clock.move_to(wib(day, hour))
    office.run(dispute)
    return _next_step(_page(browser, dispute, code)), _next_step(_page(browser, dispute, code, "en"))


def test_once_both_windows_to_go_to_court_have_ended_the_page_says_in_the_past_tense_that_no_party_went(
    browser, office
):
    """The applicant's receipt not recorded: their window counts from the reading on Fri 26 Feb and ends Wed 31 Mar;
    the office's (received Mon 1 Mar, no position taken) ends with P14_AKHIR at the close of Thu 1 Apr."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _adjudicated(office, clock)
        last_day = _after_the_windows(office, clock, browser, dispute, code, "2027-03-31")
        office_s_alone = _after_the_windows(office, clock, browser, dispute, code, "2027-04-01", 10)
        ended = _after_the_windows(office, clock, browser, dispute, code, "2027-04-06")
        rows = office.deadlines(dispute)
    assert "Anda dapat mengajukan keberatan ke pengadilan" in last_day[0]  # their last day, evening included
    assert "Kantor juga dapat mengajukan keberatan" in last_day[0]
    # 1 Apr: the applicant's window is over, the office's not yet.
    assert office_s_alone[1].strip().startswith("The office may still challenge the decision in court, within 14")
    assert "you may challenge it in court" not in office_s_alone[1]
    assert "Kantor masih dapat mengajukan keberatan ke pengadilan" in office_s_alone[0]
    assert "Anda dapat mengajukan keberatan" not in office_s_alone[0]
    assert (rows["P14P"], rows["P14_AKHIR"]) == ("lapsed", "lapsed")
    assert ended[0].strip().startswith(ENDED)
    english = (
        "Neither party challenged the decision in court within its time; the office is confirming that the decision"
        " is final and binding."
    )
    assert ended[1].strip().startswith(english)
    for said in ("Anda dapat mengajukan keberatan", "Kantor juga dapat", "Kantor masih dapat"):
        assert said not in ended[0]


def test_once_the_office_accepted_the_decision_the_page_names_the_applicant_s_window_alone(browser, office):
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _adjudicated(office, clock)
        clock.move_to(wib("2027-03-05"))
        office.complete(dispute, "sikap_atas_putusan", ACCEPTED)
        yours = _after_the_windows(office, clock, browser, dispute, code, "2027-03-08")
        ended = _after_the_windows(office, clock, browser, dispute, code, "2027-04-01")
    alone = (
        "Bila tidak menerima putusan, Anda dapat mengajukan keberatan ke pengadilan dalam 14 hari kerja sejak"
        " salinan putusan Anda terima (UU 14/2008 Pasal 47-48). Putusan berkekuatan hukum tetap bila Anda tidak"
        " mengajukan keberatan tepat waktu"
    )
    assert yours[0].strip().startswith(alone)
    assert "Kantor" not in yours[0].split("Waktu untuk")[0]
    assert "The office may" not in yours[1]
    assert ended[0].strip().startswith(ENDED)


def test_a_decision_final_without_a_challenge_says_no_party_challenged_it_in_time(browser, office):
    """Confirmed on Tue 6 Apr that no party went to court: the stage "Final and Binding" stood bare."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _adjudicated(office, clock)
        _after_the_windows(office, clock, browser, dispute, code, "2027-04-06")
        office.message(dispute, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-04-06"})
        shown = [what for _day, what in _history(_page(browser, dispute, code))]
        said = [what for _day, what in _history(_page(browser, dispute, code, "en"))]
    assert (
        "Berkekuatan Hukum Tetap — Tidak ada pihak yang mengajukan keberatan tepat waktu; putusan Komisi Informasi"
        " mengikat kantor."
    ) in shown
    assert (
        "Final and Binding — Neither party challenged the decision in court in time; the Information Commission's"
        " decision binds the office."
    ) in said


def test_before_the_court_the_page_names_the_court_the_challenge_is_before(browser, office):
    """The office's challenge names the PTUN; its case number is not known yet."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _challenged_by_the_office(office, clock)
        page, english = _page(browser, dispute, code), _page(browser, dispute, code, "en")
    assert (
        "Ikuti persidangan di PTUN Jakarta; halaman ini menampilkan putusan pengadilan setelah dicatat oleh kantor."
        in _next_step(page)
    )
    assert "Follow the court's hearings at PTUN Jakarta; this page shows" in _next_step(english)
    assert "15 Mar 2027: Keberatan ke Pengadilan — diajukan oleh kantor ini, Termohon, di PTUN Jakarta" in page
    assert "Court Challenge — filed by the office, the respondent, at PTUN Jakarta" in english


def test_a_judgment_refusing_the_request_leaves_out_the_office_s_cassation_and_ends_in_no_party_appealing(
    browser, office
):
    """The court granted the office's challenge and refused the request (received by the office Tue 4 May, by the
    applicant Wed 5 May): the office has nothing to appeal against; the applicant may still want more. Nobody
    appealed: the applicant's 14 days end Fri 21 May on the lenient reading, and the judgment, confirmed final on
    Wed 26 May, binds the office."""
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _challenged_by_the_office(office, clock)
        clock.move_to(wib("2027-05-06"))
        office.message(dispute, "putusan_pengadilan", {**JUDGMENT, "amar": "ditolak"})
        yours = _after_the_windows(office, clock, browser, dispute, code, "2027-05-06")
        ended = _after_the_windows(office, clock, browser, dispute, code, "2027-05-26")
        office.message(dispute, "tidak_ada_upaya_hukum", {"tanggal_pemeriksaan": "2027-05-26"})
        said = [what for _day, what in _history(_page(browser, dispute, code, "en"))]
    assert "Anda dapat mengajukan kasasi ke Mahkamah Agung dalam 14 hari sejak putusan Anda terima" in yours[0]
    assert "Putusan berkekuatan hukum tetap bila Anda tidak mengajukan kasasi tepat waktu" in yours[0]
    for office_s in ("Kantor juga dapat mengajukan kasasi", "Kantor masih dapat"):
        assert office_s not in yours[0]
    assert "The office may" not in yours[1]
    assert (
        ended[0]
        .strip()
        .startswith(
            "Tidak ada pihak yang mengajukan kasasi dalam jangka waktunya; kantor sedang memastikan putusan berkekuatan"
            " hukum tetap."
        )
    )
    assert ended[1].strip().startswith("Neither party appealed the judgment in cassation within its time")
    assert (
        "Final and Binding — Neither party appealed the judgment in cassation in time; the court's judgment binds the"
        " office."
    ) in said


def test_a_judgment_granting_the_request_still_names_the_office_s_cassation(browser, office):
    with time_machine.travel(SUMMONED, tick=True) as clock:
        dispute, code = _challenged_by_the_office(office, clock)
        clock.move_to(wib("2027-05-06"))
        office.message(dispute, "putusan_pengadilan", {**JUDGMENT, "amar": "dikabulkan_sebagian"})
        step = _next_step(_page(browser, dispute, code))
    assert "Kantor juga dapat mengajukan kasasi, dalam 14 hari sejak kantor sendiri menerima putusan" in step
