"""Every event renders in both locales, names what the law asks for and leaks nothing internal."""

import jinja2
import jinja2.meta
import pytest

from engine.citations import legal_basis
from engine.outbox import deadline_label
from notifications import rendering
from notifications.rendering import EVENTS, LOCALES, message_id, render

TICKET = "PPID/2026/000123"
INTERNAL = "CATATAN-INTERNAL-XYZ"
OVERDUE_EVENTS = {"overdue_apology", "deadline_overdue", "escalation"}


def full_context(event: str, **overrides) -> dict:
    context = {
        "ticket": TICKET,
        "deadline": "T10",
        "deadline_label": "Pemberitahuan tertulis (10 hari kerja)",
        "legal_basis": "UU 14/2008 Pasal 22(7)",
        "due_at": "2026-12-16T16:00+07:00",
        "working_days_left": -2 if event in OVERDUE_EVENTS else 3,
        "task_title": "Periksa kelengkapan permohonan",
        "status_label": "Diproses",
        "reason": "Informasi yang diminta masih dikumpulkan dari unit pengolah.",
        "new_due_at": "2026-12-28T16:00+07:00",
        "outcome_label": "Dikabulkan Sebagian",
        "outcome_code": "dikabulkan_sebagian",
        "status_code": "diproses",
        "withdrawn_at": "2026-12-03T10:15+07:00",
        "portal_hint": "Pantau permohonan di https://ppid.example.go.id/status dengan nomor dan kode akses Anda.",
        "access_code": "ABCD-EFGH-JKLM-NPQR",
        "author": "ppid",
        "attached": True,
        "file_count": 2,
        "download_until": "2 Januari 2027",
        "missing": "Salinan KTP pemohon",
        "fields": ["address", "email"],
        "follow_up_on": "09/12/2026",
        "mode": "whistleblower",
        "received_at": "2026-12-02T10:00+07:00",
        "revealed_on": "2026-12-03",
        "absent_name": "Budi Santoso",
        "leave_last_day": "2026-12-11",
        "to_queue": False,
        "leave_cancelled": False,
        "final_on": "2027-04-02",
        "decision_code": "dikabulkan_seluruhnya",
        "carried_out_on": "2027-04-07",
        "court": "PTUN Jakarta",
        "lodged_on": "2027-03-23",
    }
    context.update(overrides)
    return context


def days_phrase(locale: str, days: int) -> str:
    if locale == "id":
        return f"{abs(days)} hari kerja"
    return f"{abs(days)} working day" + ("" if abs(days) == 1 else "s")


ALL = [(event, locale) for event in EVENTS for locale in LOCALES]


def test_events_and_audiences():
    assert set(EVENTS) == {
        "receipt",
        "request_registered",
        "extension_notice",
        "completion_request",
        "decision_notice",
        "objection_receipt",
        "objection_response",
        "complaint_receipt",
        "complaint_recorded",
        "complaint_referred",
        "complaint_question",
        "complaint_outcome",
        "complaint_deemed_withdrawn",
        "complaint_reopened",
        "identity_revealed",
        "reporter_reminder",
        "reporter_message",
        "requester_message",
        "overdue_apology",
        "survey_invitation",
        "access_code_resent",
        "proxy_ended_new_code",
        "requester_data_corrected",
        "proxy_data_corrected",
        "requester_correction_refused",
        "reporter_contact_changed",
        "information_sent",
        "request_withdrawn",
        "desk_reply",
        "dispute_final",
        "dispute_carried_out",
        "dispute_challenged",
        "task_new_group",
        "task_assigned",
        "task_handed_over",
        "task_returned",
        "deadline_reminder",
        "deadline_overdue",
        "escalation",
        "note_mention",
        "reveal_requested",
        "reveal_decided",
        "whistleblower_report_received",
        "requester_correction_asked",
        "requester_correction_overdue",
        "requester_correction_reminder",
        "task_follow_up",
    }
    assert {e for e, a in EVENTS.items() if a == "requester"} == {
        "receipt",
        "request_registered",
        "extension_notice",
        "completion_request",
        "decision_notice",
        "objection_receipt",
        "objection_response",
        "complaint_receipt",
        "complaint_recorded",
        "complaint_referred",
        "access_code_resent",
        "proxy_ended_new_code",
        "requester_data_corrected",
        "proxy_data_corrected",
        "requester_correction_refused",
        "reporter_contact_changed",
        "desk_reply",
        "complaint_question",
        "complaint_outcome",
        "complaint_deemed_withdrawn",
        "complaint_reopened",
        "identity_revealed",
        "reporter_reminder",
        "overdue_apology",
        "survey_invitation",
        "information_sent",
        "request_withdrawn",
        "dispute_final",
        "dispute_carried_out",
        "dispute_challenged",
    }
    assert set(EVENTS.values()) == {"requester", "staff"}


@pytest.mark.parametrize(("event", "locale"), ALL)
def test_renders_with_ticket_deadline_basis_and_days(event, locale):
    context = full_context(event)
    subject, body = render(event, locale, context)
    assert subject
    assert "\n" not in subject
    assert not subject.startswith("Subject:")
    assert TICKET in subject
    assert TICKET in body
    assert legal_basis(context["legal_basis"], locale) in body  # in the reader's language
    assert deadline_label(context["deadline"], locale) in body
    assert days_phrase(locale, context["working_days_left"]) in body
    if locale == "en":  # nothing of the row's Indonesian facts leaks into an English message
        assert context["deadline_label"] not in body
        assert "Pasal" not in body
        assert "Desember" not in body
        due = "28 December 2026" if event == "extension_notice" else "16 December 2026"  # there: the new due date
        assert f"{due}, 16:00 WIB" in body
    assert "{{" not in body
    assert "{%" not in body
    assert body.endswith("\n")
    assert not body.endswith("\n\n")
    assert "\n\n\n" not in body


@pytest.mark.parametrize(("event", "locale"), ALL)
@pytest.mark.parametrize("days", [5, 1, 0, -1, -4])
def test_working_days_left_in_every_sign(event, locale, days):
    _, body = render(event, locale, full_context(event, working_days_left=days))
    assert days_phrase(locale, days) in body
    assert f"-{abs(days)}" not in body  # "terlambat 4 hari kerja", never "-4"


@pytest.mark.parametrize(("event", "locale"), ALL)
def test_without_a_deadline_the_deadline_keys_are_not_needed(event, locale):
    context = {
        key: value
        for key, value in full_context(event, deadline=None).items()
        if key not in {"legal_basis", "due_at", "working_days_left"}
    }
    subject, body = render(event, locale, context)
    assert TICKET in subject
    assert TICKET in body
    assert "22(7)" not in body


@pytest.mark.parametrize("event", list(EVENTS))
def test_english_and_indonesian_differ(event):
    context = full_context(event)
    id_subject, id_body = render(event, "id", context)
    en_subject, en_body = render(event, "en", context)
    assert id_subject != en_subject
    assert id_body != en_body


def test_indonesian_is_the_default_and_the_fallback():
    context = full_context("receipt")
    indonesian = render("receipt", "id", context)
    assert "Yth. Pemohon Informasi Publik" in indonesian[1]
    assert "Hormat kami" in indonesian[1]
    assert render("receipt", "fr", context) == indonesian
    assert render("receipt", "", context) == indonesian
    assert render("receipt", "en-US", context) == render("receipt", "en", context)
    assert render("receipt", "EN_gb", context) == render("receipt", "en", context)


def test_unknown_event_raises_key_error():
    with pytest.raises(KeyError):
        render("no_such_event", "id", full_context("receipt"))
    with pytest.raises(KeyError):
        render("../channels", "id", full_context("receipt"))


@pytest.mark.parametrize(("event", "locale"), ALL)
def test_a_missing_key_raises(event, locale):
    context = full_context(event)
    del context["ticket"]
    with pytest.raises(jinja2.UndefinedError):
        render(event, locale, context)


def test_missing_deadline_key_raises_even_when_unused():
    context = full_context("receipt")
    del context["deadline"]
    with pytest.raises(jinja2.UndefinedError):
        render("receipt", "id", context)


@pytest.mark.parametrize(("event", "locale"), ALL)
def test_requester_templates_never_show_the_task_title(event, locale):
    _, body = render(event, locale, full_context(event, task_title=INTERNAL))
    subject, _ = render(event, locale, full_context(event, task_title=INTERNAL))
    if EVENTS[event] == "requester":
        assert INTERNAL not in body
        assert INTERNAL not in subject
    elif event not in ABOUT_NO_TASK:
        assert INTERNAL in body  # staff see the task they are told about


# Staff messages about no task: a reporter's message reaches the team whatever its task (it named one in Indonesian,
# "Pesan dari pelapor", in the English mail too), a requester's the desk (engine.requester_messages).
# A whistleblower's report announced to the WBS managers is news of its arrival, not of a task.
ABOUT_NO_TASK = {"reporter_message", "requester_message", "whistleblower_report_received"}


@pytest.mark.parametrize(("event", "locale"), ALL)
def test_templates_use_only_documented_keys(event, locale):
    env = rendering._env
    source = env.loader.get_source(env, f"{event}.{locale}.txt")[0]
    used = jinja2.meta.find_undeclared_variables(env.parse(source)) - rendering.DERIVED_KEYS
    assert used <= rendering.CONTEXT_KEYS
    deadline_keys = rendering.DEADLINE_KEYS - ({"due_at"} if event == "extension_notice" else set())
    assert used == {"ticket", "deadline"} | deadline_keys | rendering.REQUIRED_KEYS[event] | optional(event)
    if EVENTS[event] == "requester":
        assert not used & rendering.STAFF_ONLY_KEYS
        assert "portal_hint" in used
    elif event not in ABOUT_NO_TASK:
        assert "task_title" in used


LETTER_KEYS = {"letters", "letters_attached"}  # notifications.case_facts, added when the message is sent
WINDOW_KEYS = {"window_ends_on", "window_accepted_until", "window_from_dispatch"}  # the latter two when they apply
FEE_KEYS = {"fee_amount", "fee_method"}  # notifications.case_facts: the written notice's fee, when one is due
COMMISSION_KEYS = {"commission", "commission_address", "commission_website"}  # the Komisi Informasi (case_facts)
LAPSE_KEYS = {"akibat_tanpa_bukti"}  # notifications.case_facts: what a complaint's evidence lapse leads to
DECISION_KEYS = {"instance", "court", "case_number", "decided_on", "commission"}  # a dispute's decision (case_facts)


def optional(event: str) -> set[str]:
    return {
        # an objection's, when A30 lapsed; a request's whose requester did not complete it (engine.lateness)
        "overdue_apology": {"status_label", "window_ends_on", "window_accepted_until", "not_completed"}
        | COMMISSION_KEYS,
        "decision_notice": {"dip_title", "dip_link", "outcome_code"} | LETTER_KEYS | WINDOW_KEYS | FEE_KEYS,
        "objection_response": {"outcome_code"} | LETTER_KEYS | WINDOW_KEYS | COMMISSION_KEYS,
        "objection_receipt": LETTER_KEYS | {"registered"},  # mailed at its registration too (engine.notices)
        "extension_notice": LETTER_KEYS,
        "deadline_reminder": {"task_title"} | LAPSE_KEYS,
        "deadline_overdue": {"task_title"} | LAPSE_KEYS,
        "requester_data_corrected": {"former"},
        "proxy_data_corrected": {"former", "to_proxy"},  # to_proxy: the answer to the proxy's own request
        "requester_correction_refused": {"to_proxy"},  # the proxy's own request refused (engine.correction_requests)
        "receipt": {"filed_by_proxy"},
        "request_registered": LETTER_KEYS,  # the registered receipt, given by e-mail (notifications.case_facts)
        "complaint_receipt": {"received_at"},
        "complaint_recorded": LETTER_KEYS,
        "complaint_outcome": LETTER_KEYS,
        # the evidence request's letter (notifications.case_facts); whether it is that request or a team's message
        "complaint_question": LETTER_KEYS | {"asks_evidence"} | LAPSE_KEYS,
        # what a complaint's evidence lapse leads to (notifications.case_facts, engine.evidence_lapse)
        "complaint_deemed_withdrawn": LAPSE_KEYS,
        "complaint_reopened": LAPSE_KEYS,
        "reporter_reminder": LAPSE_KEYS,
        "complaint_referred": {"agency", "letter_number", "letter_date"},  # forwarded to another agency
        "reporter_contact_changed": {"former"},
        # the decision as the office recorded it (notifications.case_facts)
        "dispute_final": DECISION_KEYS,
        # the compliance record: Kawal's letter, or the office's own number; a mediation agreement's
        "dispute_carried_out": DECISION_KEYS | LETTER_KEYS | {"agreed_on", "mediation", "record_number"},
        # the office's statement of non-acceptance: Kawal's letter, or the office's own number
        "dispute_challenged": LETTER_KEYS | {"record_number"},
    }.get(event, set())


def test_event_specific_facts():
    context = full_context("extension_notice")
    for locale in LOCALES:
        _, body = render("extension_notice", locale, context)
        assert context["reason"] in body
        assert ("28 December 2026, 16:00 WIB" if locale == "en" else "28 Desember 2026 pukul 16.00 WIB") in body
        _, body = render("decision_notice", locale, context)
        assert ("Granted in Part" if locale == "en" else context["outcome_label"]) in body
        assert "35" in body  # the right to object (UU 14/2008 Pasal 35-36)
        _, body = render("overdue_apology", locale, context)
        assert ("In Process" if locale == "en" else context["status_label"]) in body


@pytest.mark.parametrize(
    ("locale", "says"),
    [
        ("id", "Tanda Terima Pengaduan resmi (PDF bernomor"),
        ("en", "The official Complaint Receipt (a numbered PDF"),
    ],
)
def test_the_complaint_mail_points_to_the_numbered_receipt_on_the_status_page(locale, says):
    _, body = render("complaint_receipt", locale, full_context("complaint_receipt"))
    assert says in body
    assert ("halaman status pengaduan" if locale == "id" else "the complaint's status page") in body


def test_rendering_never_escapes_html():
    _, body = render("extension_notice", "id", full_context("extension_notice", reason="A & B <C>"))
    assert "A & B <C>" in body


def test_message_id_is_stable_and_per_key():
    first = message_id("case:1:receipt")
    assert first == message_id("case:1:receipt")
    assert first != message_id("case:2:receipt")
    assert first.startswith("<")
    assert first.endswith("@kawal.local>")
    local = first[1:-1].split("@")[0]
    assert len(local) == 32
    int(local, 16)
    assert message_id("case:1:receipt", domain="ppid.example.go.id") == first.replace(
        "kawal.local", "ppid.example.go.id"
    )


def minimal_context(event: str, with_deadline: bool) -> dict:
    """Exactly what the docstring's table (REQUIRED_KEYS) promises is enough."""
    full = full_context(event)
    keys = {"ticket", "deadline"} | rendering.REQUIRED_KEYS[event]
    if with_deadline:
        keys |= rendering.DEADLINE_KEYS
    else:
        full["deadline"] = None
    return {key: full[key] for key in keys}


@pytest.mark.parametrize(("event", "locale"), ALL)
@pytest.mark.parametrize("with_deadline", [True, False])
def test_required_keys_are_enough_and_each_is_needed(event, locale, with_deadline):
    context = minimal_context(event, with_deadline)
    subject, body = render(event, locale, context)
    assert TICKET in subject
    assert TICKET in body
    assert "\n\n\n" not in body
    for key in context:
        if key == "due_at" and event == "extension_notice":
            continue  # there the extended deadline shows new_due_at
        smaller = {k: v for k, v in context.items() if k != key}
        with pytest.raises(jinja2.UndefinedError):
            render(event, locale, smaller)


@pytest.mark.parametrize("locale", LOCALES)
def test_optional_lines_leave_no_gap(locale):
    context = minimal_context("extension_notice", with_deadline=False) | {"reason": ""}
    _, body = render("extension_notice", locale, context)
    assert "\n\n\n" not in body
    assert "lasan" not in body  # no empty "Alasan perpanjangan:" heading
    assert "Reason" not in body
    _, body = render("overdue_apology", locale, minimal_context("overdue_apology", with_deadline=False))
    assert "Status" not in body
    assert "\n\n\n" not in body
    _, body = render("deadline_overdue", locale, minimal_context("deadline_overdue", with_deadline=True))
    assert "Tugas" not in body
    assert "Task " not in body


@pytest.mark.parametrize(
    ("ticket", "locale", "subject", "addressee"),
    [
        ("PPID-2026-000001", "id", "Eskalasi kepada Atasan PPID", "Yth. Atasan PPID,"),
        ("ADU-2026-000001", "id", "Eskalasi kepada Pengelola WBS", "Yth. Pengelola WBS,"),
        ("ADU-2026-000001", "en", "Escalation to the WBS managers", "Dear WBS manager,"),
    ],
)
def test_an_escalation_is_addressed_to_the_superior_of_the_case_kind(ticket, locale, subject, addressee):
    context = {"ticket": ticket, "deadline": None, "task_title": "Eskalasi"}
    got_subject, body = rendering.render("escalation", locale, context)
    assert got_subject.startswith(subject)
    assert body.startswith(addressee)


@pytest.mark.parametrize(
    ("ticket", "says", "never"),
    [
        ("PPID-2026-000001", "pemberitahuan tertulis atas permohonan", "Pengelola WBS"),
        ("KEB-2026-000001", "tanggapan Atasan PPID atas keberatan", "Pasal 35 ayat (1)"),
        ("ADU-2026-000001", "pengaduan Anda dengan nomor", "keberatan"),
    ],
)
def test_the_apology_for_a_delay_speaks_of_the_case_the_reader_filed(ticket, says, never):
    context = {"ticket": ticket, "deadline": None, "portal_hint": "Lihat portal."}
    _, body = rendering.render("overdue_apology", "id", context)
    assert says in body
    assert never not in body


@pytest.mark.parametrize(
    ("locale", "corrected", "checked"),
    [
        ("id", "telah diperbaiki", "Data yang tercatat sudah sama dengan yang Anda minta"),
        ("en", "has been corrected", "The data on file already matches what you asked for"),
    ],
)
def test_a_correction_request_that_changed_nothing_is_answered_as_checked_not_as_corrected(locale, corrected, checked):
    """UU 27/2022: the requester who asked is answered even when the data on file already said what they asked."""
    context = full_context("requester_data_corrected", fields=[])
    subject, body = render("requester_data_corrected", locale, context)
    assert corrected not in subject
    assert checked in body
    assert "- " not in body  # no empty list of fields
    changed_subject, changed_body = render("requester_data_corrected", locale, {**context, "fields": ["email"]})
    assert corrected in changed_subject
    assert checked not in changed_body


@pytest.mark.parametrize(
    ("locale", "due", "until", "hint"),
    [
        ("id", "21 Desember 2026 pukul 16.00 WIB", "6 Januari 2027", "Ikuti perkembangan permohonan Anda di "),
        ("en", "21 December 2026, 16:00 WIB", "6 January 2027", "Follow your request at "),
    ],
)
def test_a_row_written_before_the_facts_were_kept_as_codes_still_reads_in_the_reader_s_words(locale, due, until, hint):
    """A message queued by the release before: its due time as "21-12-2026 16:00 WIB", a day as an Indonesian long
    date, the hint as Indonesian text. It reaches its reader in one long form of dates, in their language."""
    old = full_context(
        "information_sent",
        due_at="21-12-2026 16:00 WIB",
        download_until="6 Januari 2027",
        portal_hint="Ikuti perkembangan permohonan Anda di portal layanan ini, halaman Ikuti kasus saya.",
    )
    _, body = render("information_sent", locale, old, "https://ppid.example.go.id")
    assert due in body
    assert until in body
    assert hint + f"https://ppid.example.go.id/publik/status?kasus={TICKET.replace('/', '%2F')}" in body
    assert "portal layanan ini" not in body
    assert "21-12-2026" not in body


NOTICES = ("extension_notice", "decision_notice", "objection_receipt", "objection_response")


def _letter(translated: bool, attached: bool) -> dict:
    name = "B-1-PPID-PT-XII-2026"
    return {
        "title": "Written Notice",
        "number": "B-1/PPID/PT/XII/2026",
        "translated": translated,
        "original_file": f"{name}.id.pdf" if attached else "",
        "translation_file": f"{name}.en.pdf" if attached and translated else "",
    }


@pytest.mark.parametrize("event", NOTICES)
@pytest.mark.parametrize("attached", [True, False])
def test_every_notice_tells_an_english_reader_which_letter_is_the_original_of_record_and_which_the_translation(
    event, attached
):
    context = full_context(event, letters=[_letter(True, attached)], letters_attached=attached)
    _, body = render(event, "en", context)
    if attached:
        assert (
            "  - Written Notice, number B-1/PPID/PT/XII/2026\n"
            "      Indonesian original, the letter of record: B-1-PPID-PT-XII-2026.id.pdf\n"
            "      English translation: B-1-PPID-PT-XII-2026.en.pdf\n"
        ) in body
    else:
        assert (
            "  - Written Notice, number B-1/PPID/PT/XII/2026 (the Indonesian original, which is the letter of record,"
            " and its English translation)\n"
        ) in body
    _, alone = render(event, "en", full_context(event, letters=[_letter(False, attached)], letters_attached=attached))
    assert "  - Written Notice, number B-1/PPID/PT/XII/2026\n\n" in alone  # no translation: nothing said of one
    assert "translation" not in alone


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("event", ["decision_notice", "objection_response"])
def test_a_row_written_before_the_outcome_code_was_kept_says_nothing_of_obtaining_the_information(event, locale):
    context = {k: v for k, v in full_context(event).items() if k != "outcome_code"}
    _, body = render(event, locale, context)
    for never in ("obtain", "delivered", "memperoleh", "diserahkan", "Fee", "Biaya "):
        assert never not in body


@pytest.mark.parametrize(
    ("locale", "granted", "refused"),
    [
        ("id", "Informasi akan diserahkan sesuai tanggapan tersebut.", "Jika keberatan Anda dikabulkan"),
        ("en", "The information will be delivered as the response says.", "If your objection was granted"),
    ],
)
def test_the_superior_s_response_speaks_of_delivery_only_for_a_granted_objection(locale, granted, refused):
    for outcome, delivered in (
        ("keberatan_dikabulkan_seluruhnya", True),
        ("keberatan_dikabulkan_sebagian", True),
        ("keberatan_ditolak", False),
    ):
        _, body = render("objection_response", locale, full_context("objection_response", outcome_code=outcome))
        assert (granted in body) is delivered
        assert refused not in body


@pytest.mark.parametrize(("locale", "written"), [("id", "Rp1.250.000"), ("en", "IDR 1,250,000")])
def test_a_fee_is_written_as_the_reader_s_language_writes_money(locale, written):
    context = full_context("decision_notice", outcome_code="dikabulkan_seluruhnya", fee_amount=1_250_000)
    _, body = render("decision_notice", locale, context | {"fee_method": "Tunai di loket PPID"})
    assert written in body
    assert "Tunai di loket PPID" in body
    _, free = render("decision_notice", locale, context | {"fee_amount": None})  # no fee: no block
    assert written not in free
