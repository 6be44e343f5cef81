"""Message texts: one Jinja2 template per event and locale, rendered to (subject, body).

Templates live in ``notifications/templates/<event>.<locale>.txt``. The first line is
``Subject: ...``, then one blank line, then the plain-text body. Locales are ``id`` (Bahasa
Indonesia, the default) and ``en``; any other locale falls back to ``id``.

The context comes from an outbox row (``engine.models.Notification.context``) and holds facts
about the case, never personal data: no names, addresses, phone numbers or access codes. A
template may use only these keys (``CONTEXT_KEYS``):

``ticket``
    The registration number, e.g. ``"PPID/2026/000123"``. Every template names it.
``deadline``
    The deadline's code, e.g. ``"T10"``, or ``None`` when the message is not about a deadline.
    Templates show the deadline block (label, legal basis, due time, working days left) only
    when it is set, so ``legal_basis``, ``due_at`` and ``working_days_left`` are needed only then. The key
    itself must always be present (``None`` is fine).
``deadline_label``
    The deadline's human name in the reader's language, e.g. ``"Pemberitahuan tertulis (10 hari kerja)"``: derived
    by ``render`` from the code (``engine.outbox.deadline_label``); the Indonesian name a row keeps is not read.
``legal_basis``
    E.g. ``"UU 14/2008 Pasal 22(7)"``; an English reader reads it in English (``engine.citations``).
``due_at``
    The due time as ``engine.outbox.instant`` keeps it, e.g. ``"2026-12-16T16:00+07:00"``; ``render`` writes it
    out in the reader's long form, ``"16 Desember 2026 pukul 16.00 WIB"`` / ``"16 December 2026, 16:00 WIB"``, as
    every date key (``notifications.wording.DATE_KEYS``; rows in the older ``16-12-2026 16:00 WIB`` form too).
``working_days_left``
    An int: positive before the due date, ``0`` on it, negative when overdue (by that many
    working days).
``day_unit``
    ``calendar_days`` for a period the law counts in days, not working days (S60, a complaint's evidence window
    outside SP4N-LAPOR!: engine.outbox.deadline_context); absent otherwise. ``render`` then adds ``days_left``, the
    days to the due day as the message is sent (its sign as ``working_days_left``'s), which the template shows
    instead of the working days.
``task_title``
    The staff task's title. Staff templates only: requester templates never use it, since a
    task title may carry internal wording. The row keeps the BPMN's name; an officer who reads English is sent the
    task's English name, as the pages name it, read when the message is sent (``notifications.case_facts``).
``status_label``, ``status_code``
    The case's public status in the requester's words, e.g. ``"Diproses"``, and its code (``engine.status``), from
    which ``render`` words it in the reader's language.
``reason``
    The requester-safe reason for an extension; may be empty (the line is then left out). In
    ``requester_correction_refused``, why the desk refused the requester's request to correct their data.
``new_due_at``
    The extended due time, as ``due_at``.
``outcome_label``, ``outcome_code``
    The decision, e.g. ``"Dikabulkan Sebagian"``, and its status code, from which ``render`` words it for the reader.
    ``decision_notice`` and ``objection_response`` speak of obtaining the information only when the code grants it
    (rows written before the code was kept say nothing of it).
``portal_hint``
    Which line tells the requester where to follow the case (``notifications.wording.HINTS``: ``status``,
    ``complaint``, ``survey``, ``code``); ``render`` words it in the reader's language with the absolute link to
    the portal's status page. It never contains the code itself, and a link never carries it.
``access_code``
    Only in ``access_code_resent`` (a requester who lost the code, engine.lost_codes) and ``proxy_ended_new_code``
    (the power of attorney of the proxy who knew the code ended, engine.proxy_data): never stored
    readable; the row holds it sealed by the vault, delivery opens it for this one rendering and then
    erases it. Never in a link.
``author``
    The username of the officer who wrote an internal note (``note_mention``); staff only.
``absent_name``, ``leave_last_day``
    ``task_handed_over`` and ``task_returned`` (engine.leave_returns), to a stand-in: the name of the colleague on
    leave whose task it is (staff only) and the last day of the leave (as ``due_at``'s day).
``to_queue``, ``leave_cancelled``
    ``task_returned``: whether the task went back to the lane's queue rather than to the colleague, and whether
    the leave was cancelled rather than ended.
``attached``, ``file_count``, ``download_until``
    ``information_sent`` (engine.delivery): whether the delivered files travel as attachments (else the
    mail tells the requester to download them), how many there are, and the last day (formatted) they
    download with the ticket and access code. The row also holds ``file_ids``, the attachment rows'
    ids, which the sender reads from storage (never a byte of a file in the row or a job's arguments).
``fields``
    ``requester_data_corrected`` (engine.requester_data): the names of the requester's fields an officer
    corrected (``name``, ``email``, ``requester_type``...), never their values; the template words them.
    ``reporter_contact_changed`` (engine.reporter_contact): the names of the contact fields a reporter changed.
    ``proxy_data_corrected`` (engine.proxy_data): the names of the proxy's fields the desk corrected (``name``,
    ``email``, ``nomor_surat_kuasa``...), never their values.
``letters``, ``letters_attached``
    Added when the message is sent (``notifications.case_facts``), never stored: the letters a notice goes with
    and whether their PDFs are attached; else the template links the status page to download them. Each letter is
    ``{"title", "number", "translated", "original_file", "translation_file"}``: its title in the reader's language,
    whether it comes with the translation made for the reader (an English reader is sent the Indonesian original,
    the letter of record, and its English translation), and the names of the attached files ("" when not attached).
``fee_amount``, ``fee_method``
    Added when ``decision_notice`` is sent (``notifications.case_facts``), never stored: the fee the written notice
    of a granted request states (whole rupiah; ``render`` writes it as the reader writes money) and how to pay it, as
    the letter says it; absent when no fee is due, and the mail then says nothing of a fee.
``window_ends_on``, ``window_accepted_until``, ``window_from_dispatch``
    Added when sent (``notifications.case_facts``): the day to file by in the window ``decision_notice`` (objection),
    ``objection_response`` and an objection's ``overdue_apology`` (dispute) open, as the status page shows it (the
    earliest reading's end); the later day a filing is still in time until when the latest reading ends later
    (absent otherwise); and whether it counts from the dispatch because the requester's receipt is not recorded yet.
``commission``, ``commission_address``, ``commission_website``
    Added when ``objection_response`` or an objection's ``overdue_apology`` (A30 lapsed) is sent
    (``notifications.case_facts``): the Komisi Informasi the requester may
    bring the dispute to, as the status page names it (the one the superior's response recorded, else the office's
    KAWAL_COMMISSION_NAME), and its address and website when it is the office's own and they are set; a row sent
    without them says "the Information Commission".
``akibat_tanpa_bukti``
    Added when sent (``notifications.case_facts``): what a complaint's evidence lapse leads to,
    ``withdrawn`` (deemed withdrawn) or ``not_actionable`` (an anonymous complaint on a process version that closes it
    as not actionable, kept as information: engine.evidence_lapse), in ``complaint_question``, ``reporter_reminder``,
    ``complaint_deemed_withdrawn``, ``complaint_reopened`` and the team's ``deadline_reminder`` and
    ``deadline_overdue`` of the reporter's window (BUKTI). Absent (a row read without it): deemed withdrawn.
``filed_by_proxy``
    ``receipt`` (engine.notices): true when a proxy filed the request; the receipt then says that the special power
    of attorney must reach the PPID, and how (legal-process.md §3.2). Absent otherwise.
``registered``
    ``objection_receipt`` (engine.notices): true on the mail of the objection's registration, the Objection Receipt
    given by e-mail (its letter attached); absent on the first mail, which says the objection came in.
``withdrawn_at``
    ``request_withdrawn``: when the request was withdrawn (as ``due_at``).
``received_at``
    ``complaint_receipt`` (engine.notices): when the complaint was received (as ``due_at``); rows written before it
    was kept leave the line out. ``whistleblower_report_received`` too.
``agency``, ``letter_number``, ``letter_date``
    ``complaint_referred`` of a complaint forwarded to another agency (``status_code`` ``diteruskan_instansi_lain``,
    engine.notices): the agency it went to and the forwarding letter's number and date (as ``due_at``'s day), which
    the forwarding task recorded; the number Kawal gave the letter is added when the mail is sent
    (``notifications.case_facts``). Each line is left out when its key is absent (rows written before).
``mode``
    ``whistleblower_report_received``: the complaint's reporting mode (``whistleblower``), which the template words.
``revealed_on``
    ``identity_revealed`` (engine.reveal_notice): the day a whistleblower's identity was made known to an officer.
``former``
    In ``requester_data_corrected`` and ``reporter_contact_changed``, when the message goes to the contact that was
    replaced (engine.former_contacts: the row holds that address sealed until it is sent): the text says so. In
    ``proxy_data_corrected``, the proxy's e-mail address that was replaced: the message is addressed to the proxy.
    ``proxy_data_corrected`` sent to the proxy in office (``to_proxy``, engine.outbox.Outbox.to_proxy) answers the
    request to correct their contacts: what changed, or, without ``fields``, that nothing needed to.

A requester's message about a letter (``engine.outbox.PROXY_COPIES``) is copied to the proxy acting for them: that
row's context names the proxy's party (``proxy_party_id``), and ``render`` marks its subject as a copy ("Tembusan: ")
and opens its body with a line saying whose message it is (``PROXY_NOTE``).

``render`` adds keys of its own (``DERIVED_KEYS``): from the ticket's prefix ``kind`` (``permohonan``,
``keberatan``, ``sengketa`` or ``pengaduan``) and ``noun``, the kind in the message's locale ("request",
"complaint"...), so one template speaks of the right case; from ``KAWAL_PUBLIC_URL`` the absolute ``status_link``
(the portal's status page, the ticket filled in), ``lost_code_link`` and ``case_link`` (the officers' page of the
case: staff mails only); from ``KAWAL_OFFICE_CONTACT``
``office_contact`` (may be empty); ``desk``, the desk a staff mail's footer speaks for (``ppid``, ``pengaduan`` or
``wbs``: ``notifications.wording.desk``).

Keys each event needs besides ``ticket`` and ``deadline`` (and the deadline block when
``deadline`` is set), also as ``REQUIRED_KEYS``; keys in brackets are optional and their line is left out when absent or
empty. Other keys in the context are ignored::

    receipt            portal_hint, [filed_by_proxy]
    request_registered portal_hint (the registered receipt, Tanda Bukti Penerimaan, given by e-mail: ``letters``,
                       ``letters_attached``)
    extension_notice   reason (may be ""), new_due_at, portal_hint
    completion_request missing (what the check found missing, the officer's words), portal_hint
    decision_notice    outcome_label, portal_hint
    objection_receipt  portal_hint, [registered] (true: the mail of its registration, the receipt given by e-mail)
    objection_response outcome_label, portal_hint
    complaint_receipt  portal_hint, [received_at]
    complaint_recorded portal_hint (the Tanda Terima Pengaduan: ``letters``, ``letters_attached``)
    complaint_referred status_code (diteruskan_itjen, didisposisikan_unit, diteruskan_instansi_lain), portal_hint,
                       [agency], [letter_number], [letter_date]
    identity_revealed  revealed_on, portal_hint (a whistleblower: their identity was made known; never by whom)
    access_code_resent access_code, portal_hint
    proxy_ended_new_code access_code, portal_hint
    requester_data_corrected fields (the names of the corrected fields), portal_hint, [former]
    proxy_data_corrected fields (the names of the proxy's corrected fields), portal_hint, [former]
    requester_correction_refused reason (the desk's words), portal_hint
    reporter_contact_changed fields (the names of the changed contact fields), portal_hint, [former]
    information_sent   attached, file_count, download_until, portal_hint
    request_withdrawn  withdrawn_at, portal_hint
    dispute_final      final_on, decision_code (amar_final), portal_hint, [instance], [court], [case_number],
                       [decided_on], [commission] (a dispute's decision final and binding: the office's compliance
                       clock as its deadline, none when the request was refused)
    dispute_challenged court, lodged_on, portal_hint, [record_number] (the office's challenge of the Commission's
                       decision in court: its statement of non-acceptance, ``letters``, ``letters_attached``; or the
                       office's own number)
    dispute_carried_out carried_out_on, portal_hint, [mediation], [record_number], [instance], [court],
                       [case_number], [decided_on], [agreed_on], [commission] (its Berita Acara Pelaksanaan Putusan:
                       ``letters``, ``letters_attached``; the office's own: ``record_number``)
    desk_reply         portal_hint (the desk answered the requester's message to it, engine.requester_messages; never
                       what it says; the office's legal deadline the requester waits on, if one runs)
    complaint_question portal_hint, [asks_evidence] (true: the evidence request; false: a message from the team)
    complaint_outcome  portal_hint
    complaint_deemed_withdrawn portal_hint (the deadline: the reporter's evidence window, BUKTI, that ended)
    complaint_reopened portal_hint (the deadline: the one the status page shows, counted from the reopening)
    reporter_reminder  portal_hint
    reporter_message   (the complaint's most pressing clock of the team's own, or none)
    requester_message  (a request's or an objection's most pressing clock of the office's own, or none: the requester
                       wrote to the desk on the portal, engine.requester_messages; never what they wrote)
    overdue_apology    portal_hint, [status_label], [not_completed] (a request whose requester's window to complete
                       it lapsed: the late notice is the one closing it)
    survey_invitation  portal_hint
    task_new_group     task_title
    task_assigned      task_title
    task_handed_over   task_title, absent_name, leave_last_day (a stand-in: whose work it is, until when)
    task_returned      task_title, absent_name, leave_last_day, to_queue, leave_cancelled (to the stand-in: the
                       leave is over)
    deadline_reminder  [task_title]
    deadline_overdue   [task_title]
    escalation         task_title
    note_mention       task_title (the case's open task, or "-"), author
    reveal_requested   task_title, author (who asked to open a whistleblower's identity; never the reason)
    task_follow_up     task_title, follow_up_on (the day its holder chose to come back to it; never their note)
    reveal_decided     task_title, author (the manager who decided), outcome_label (disetujui | ditolak)
    whistleblower_report_received mode, received_at (to the WBS managers: never who reported, nor what)
    requester_correction_asked task_title (what to answer and by when)
    requester_correction_overdue task_title (what was not answered, and its limit)
    requester_correction_reminder task_title (what to answer, and by when: its last day)

decision_notice may also carry ``dip_title`` and ``dip_link`` (both or neither): the item of the public
information list (DIP) the decision cites, and where the portal shows it; the notice then says so. The notices
(request_registered, extension_notice, decision_notice, objection_receipt, objection_response) and the reporter's
letters' messages (complaint_recorded: the Tanda Terima Pengaduan; complaint_outcome: the Surat Pemberitahuan Hasil;
complaint_question: the evidence request's Surat Permintaan Kelengkapan Data/Bukti) may carry
``letters`` and ``letters_attached``, decision_notice and objection_response ``window_ends_on``,
``window_from_dispatch`` and ``outcome_code``, an objection's overdue_apology ``window_ends_on``, decision_notice
``fee_amount`` and ``fee_method``, objection_response and an objection's overdue_apology ``commission``,
``commission_address`` and ``commission_website``.

Messages about no case (``ITEM_EVENTS``) have their own keys (``ITEM_KEYS``), no ticket and no
deadline block: a periodic DIP item falling due (``dip_due_reminder``, to its unit) or overdue
(``dip_overdue``, to the PPID), from ``engine.dip_due.context``; an exempt item whose exemption ended
(``dip_exemption_ended``, to the PPID and the unit: ``dip_item``, ``dip_title``, ``dip_unit``, ``since``), from
``engine.dip_exempt.sweep``; the year's Laporan Layanan Informasi Publik
falling due (``annual_report_due``, to the PPID) or overdue (``annual_report_overdue``, to the PPID and its
superior), from ``engine.report_due``.

In extension_notice the deadline block describes the extended deadline and shows ``new_due_at``
as its due time; ``due_at`` is not used there.

The Environment uses ``StrictUndefined``: a key the template needs but the context lacks raises
``jinja2.UndefinedError`` instead of printing an empty string into a letter. That is a bug in
the code that wrote the outbox row, not a delivery failure: retrying will not fix it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from engine import kinds
from engine.languages import DEFAULT, LOCALES
from engine.outbox import PROXY_COPY, PROXY_OWN
from notifications import wording

TEMPLATES_DIR = Path(__file__).parent / "templates"

EVENTS: dict[str, str] = {
    # to the requester
    "receipt": "requester",
    "request_registered": "requester",
    "extension_notice": "requester",
    "completion_request": "requester",
    "decision_notice": "requester",
    "objection_receipt": "requester",
    "objection_response": "requester",
    "complaint_receipt": "requester",
    "complaint_recorded": "requester",
    "complaint_referred": "requester",
    "complaint_question": "requester",
    "complaint_outcome": "requester",
    "complaint_deemed_withdrawn": "requester",
    "complaint_reopened": "requester",
    "identity_revealed": "requester",
    "reporter_reminder": "requester",
    "overdue_apology": "requester",
    "survey_invitation": "requester",
    "access_code_resent": "requester",
    "proxy_ended_new_code": "requester",
    "requester_data_corrected": "requester",
    "proxy_data_corrected": "requester",
    "requester_correction_refused": "requester",
    "reporter_contact_changed": "requester",
    "information_sent": "requester",
    "request_withdrawn": "requester",
    "desk_reply": "requester",
    "dispute_final": "requester",
    "dispute_carried_out": "requester",
    "dispute_challenged": "requester",
    # to staff
    "task_new_group": "staff",
    "task_assigned": "staff",
    "task_handed_over": "staff",
    "task_returned": "staff",
    "deadline_reminder": "staff",
    "deadline_overdue": "staff",
    "escalation": "staff",
    "reporter_message": "staff",
    "requester_message": "staff",
    "note_mention": "staff",
    "reveal_requested": "staff",
    "reveal_decided": "staff",
    "whistleblower_report_received": "staff",
    "requester_correction_asked": "staff",
    "requester_correction_overdue": "staff",
    "requester_correction_reminder": "staff",
    "task_follow_up": "staff",
}

CONTEXT_KEYS = frozenset(
    {
        "akibat_tanpa_bukti",
        "asks_evidence",
        "dip_title",
        "dip_link",
        "ticket",
        "deadline",
        "deadline_label",
        "legal_basis",
        "due_at",
        "working_days_left",
        "task_title",
        "status_label",
        "reason",
        "new_due_at",
        "missing",
        "outcome_label",
        "portal_hint",
        "access_code",
        "author",
        "attached",
        "file_count",
        "download_until",
        "fields",
        "former",
        "follow_up_on",
        "status_code",
        "outcome_code",
        "letters",
        "letters_attached",
        "window_ends_on",
        "window_accepted_until",
        "window_from_dispatch",
        "commission",
        "commission_address",
        "commission_website",
        "fee_amount",
        "fee_method",
        "withdrawn_at",
        "received_at",
        "day_unit",
        "filed_by_proxy",
        "not_completed",
        "registered",
        "agency",
        "letter_number",
        "letter_date",
        "mode",
        "revealed_on",
        "absent_name",
        "leave_last_day",
        "to_queue",
        "leave_cancelled",
        # a dispute's decision final and carried out (engine.notices; the decision named: notifications.case_facts)
        *("final_on", "decision_code", "carried_out_on", "record_number", "mediation"),
        *("instance", "court", "case_number", "decided_on", "agreed_on", "lodged_on"),
        PROXY_COPY,
        PROXY_OWN,
    }
)
# Messages about a public information list item, not a case: no ticket, their own keys, all required.
ITEM_EVENTS: dict[str, str] = {
    "dip_due_reminder": "staff",
    "dip_overdue": "staff",
    "dip_exemption_ended": "staff",
    "annual_report_due": "staff",
    "annual_report_overdue": "staff",
}
_DIP_KEYS = frozenset({"dip_item", "dip_title", "dip_unit", "rhythm_months", "due_at", "working_days_left"})
_REPORT_KEYS = frozenset({"report_year", "due_on", "days_left"})  # engine.report_due
ITEM_KEYS = {
    "dip_due_reminder": _DIP_KEYS,
    "dip_overdue": _DIP_KEYS,
    "dip_exemption_ended": frozenset({"dip_item", "dip_title", "dip_unit", "since"}),  # engine.dip_exempt
    "annual_report_due": _REPORT_KEYS,
    "annual_report_overdue": _REPORT_KEYS,
}
# Added by ``render`` from the ticket, never stored: the case's kind and its noun in the locale.
# ``deadline_label`` too, once ``deadline`` is set: named from the code in the reader's language.
DERIVED_KEYS = frozenset(
    {
        *("kind", "noun", "status_link", "lost_code_link", "case_link", "office_contact", "deadline_label"),
        *("days_left", "deadline_holder"),  # whose time the deadline is (notifications.wording.REQUESTER_WINDOWS)
        "internal_limit",  # an office's internal limit (engine.lateness.COORDINATION): never the case's lateness
        "confirm_from",  # the first day an officer may confirm a window ended (engine.windows.confirm_from)
        "desk",  # the desk a staff mail speaks for, in its footer (notifications.wording.desk)
    }
)
STAFF_ONLY_KEYS = frozenset({"task_title", "author", "absent_name"})
DEADLINE_KEYS = frozenset({"legal_basis", "due_at", "working_days_left"})
# What each event needs besides ticket, deadline and (when deadline is set) DEADLINE_KEYS; the docstring's table.
REQUIRED_KEYS: dict[str, frozenset[str]] = {
    "receipt": frozenset({"portal_hint"}),
    "request_registered": frozenset({"portal_hint"}),
    "extension_notice": frozenset({"reason", "new_due_at", "portal_hint"}),
    "completion_request": frozenset({"missing", "portal_hint"}),
    "decision_notice": frozenset({"outcome_label", "portal_hint"}),
    "objection_receipt": frozenset({"portal_hint"}),
    "objection_response": frozenset({"outcome_label", "portal_hint"}),
    "complaint_receipt": frozenset({"portal_hint"}),
    "complaint_recorded": frozenset({"portal_hint"}),
    "complaint_referred": frozenset({"status_code", "portal_hint"}),
    "complaint_question": frozenset({"portal_hint"}),
    "complaint_outcome": frozenset({"portal_hint"}),
    "complaint_deemed_withdrawn": frozenset({"portal_hint"}),
    "complaint_reopened": frozenset({"portal_hint"}),
    "identity_revealed": frozenset({"revealed_on", "portal_hint"}),
    "reporter_reminder": frozenset({"portal_hint"}),
    "reporter_message": frozenset(),
    "requester_message": frozenset(),
    "overdue_apology": frozenset({"portal_hint"}),
    "survey_invitation": frozenset({"portal_hint"}),
    "access_code_resent": frozenset({"access_code", "portal_hint"}),
    "proxy_ended_new_code": frozenset({"access_code", "portal_hint"}),
    "requester_data_corrected": frozenset({"fields", "portal_hint"}),
    "proxy_data_corrected": frozenset({"fields", "portal_hint"}),
    "requester_correction_refused": frozenset({"reason", "portal_hint"}),
    "reporter_contact_changed": frozenset({"fields", "portal_hint"}),
    "information_sent": frozenset({"attached", "file_count", "download_until", "portal_hint"}),
    "request_withdrawn": frozenset({"withdrawn_at", "portal_hint"}),
    "desk_reply": frozenset({"portal_hint"}),
    "dispute_final": frozenset({"final_on", "decision_code", "portal_hint"}),
    "dispute_carried_out": frozenset({"carried_out_on", "portal_hint"}),
    "dispute_challenged": frozenset({"court", "lodged_on", "portal_hint"}),
    "task_new_group": frozenset({"task_title"}),
    "task_assigned": frozenset({"task_title"}),
    "task_handed_over": frozenset({"task_title", "absent_name", "leave_last_day"}),
    "task_returned": frozenset({"task_title", "absent_name", "leave_last_day", "to_queue", "leave_cancelled"}),
    "deadline_reminder": frozenset(),
    "deadline_overdue": frozenset(),
    "escalation": frozenset({"task_title"}),
    "note_mention": frozenset({"task_title", "author"}),
    "reveal_requested": frozenset({"task_title", "author"}),
    "reveal_decided": frozenset({"task_title", "author", "outcome_label"}),
    "whistleblower_report_received": frozenset({"mode", "received_at"}),
    "requester_correction_asked": frozenset({"task_title"}),
    "requester_correction_overdue": frozenset({"task_title"}),
    "requester_correction_reminder": frozenset({"task_title"}),
    "task_follow_up": frozenset({"task_title", "follow_up_on"}),
}
_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")

_env = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    undefined=StrictUndefined,
    autoescape=False,  # noqa: S701 - plain-text mail and SMS, never HTML
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


def normalize_locale(locale: str | None) -> str:
    """``"en-US"``, ``"en_GB"``, ``"EN"`` -> ``"en"``; anything unknown -> ``"id"``."""
    primary = (locale or "").replace("_", "-").split("-")[0].strip().lower()
    return primary if primary in LOCALES else DEFAULT


def template_name(event: str, locale: str) -> str:
    if event not in EVENTS and event not in ITEM_EVENTS:
        raise KeyError(f"unknown notification event {event!r}")
    return f"{event}.{normalize_locale(locale)}.txt"


# The word for each kind of case (engine.kinds), read from its ticket's series; the staff notices name it
# ("pengaduan ADU-...").
KIND_WORDS = {
    kinds.REQUEST: "permohonan",
    kinds.OBJECTION: "keberatan",
    kinds.DISPUTE: "sengketa",
    kinds.COMPLAINT: "pengaduan",
}
NOUNS = {
    "id": {"permohonan": "permohonan", "keberatan": "keberatan", "sengketa": "sengketa", "pengaduan": "pengaduan"},
    "en": {"permohonan": "request", "keberatan": "objection", "sengketa": "dispute", "pengaduan": "complaint"},
}


def case_kind(ticket: str) -> str:
    return KIND_WORDS[kinds.of_ticket(ticket)]


def render(event: str, locale: str, context: dict, public_url: str = "", office_contact: str = "") -> tuple[str, str]:
    """Render ``event`` in ``locale`` (falling back to ``id``) and return ``(subject, body)``.

    The case's kind (``kind``) and its noun in the locale (``noun``) come from the ticket; the links to the portal
    (``status_link``, ``lost_code_link``) from ``public_url`` (``KAWAL_PUBLIC_URL``), the office's contact line from
    ``office_contact`` (``KAWAL_OFFICE_CONTACT``). The row's facts are written in the reader's words
    (``notifications.wording``). Raises ``KeyError`` for an unknown event and ``jinja2.UndefinedError`` when the
    context lacks a key the template uses.
    """
    locale = normalize_locale(locale)
    if event in ITEM_EVENTS:
        derived = {}
    else:
        kind = case_kind(context.get("ticket", ""))
        derived = {"kind": kind, "noun": NOUNS[locale][kind], "office_contact": (office_contact or "").strip()}
        derived["desk"] = wording.desk(event, kind)
        derived |= wording.links(public_url, context.get("ticket", ""))
    words = wording.localized(event, locale, context, {**derived, "ticket": context.get("ticket", "")})
    subject, body = _subject_and_body(template_name(event, locale), {**derived, **context, **words})
    if context.get(PROXY_COPY) is None:
        return subject, body
    own = PROXY_OWN_NOTES.get(event, PROXY_OWN_NOTE)
    prefix, note = own[locale] if context.get(PROXY_OWN) else PROXY_NOTE[locale]
    return prefix + subject, note.format(noun=derived["noun"], ticket=context["ticket"]) + "\n\n" + body


# A message sent to the proxy as their own (engine.outbox.Outbox.to_proxy: a new access code): no copy's mark, a
# line saying why it reached them.
PROXY_OWN_NOTE = {
    "id": ("", "Anda menerima kode akses baru ini sebagai kuasa pemohon dalam {noun} {ticket}."),
    "en": ("", "You receive this new access code as the requester's proxy in {noun} {ticket}."),
}
# ... by event, when not a new access code: the information handed over by e-mail to the proxy of a requester who
# gave no e-mail address (engine.delivery).
PROXY_OWN_NOTES = {
    # the desk refused the proxy's own request to correct their contacts (engine.correction_requests)
    "requester_correction_refused": {
        "id": ("", "Anda menerima pesan ini sebagai kuasa pemohon dalam {noun} {ticket}."),
        "en": ("", "You receive this message as the requester's proxy in {noun} {ticket}."),
    },
    # ... applied it, or found the data on file already as asked (engine.proxy_data.correct)
    "proxy_data_corrected": {
        "id": ("", "Anda menerima pesan ini sebagai kuasa pemohon dalam {noun} {ticket}."),
        "en": ("", "You receive this message as the requester's proxy in {noun} {ticket}."),
    },
    "information_sent": {
        "id": (
            "",
            "Anda menerima informasi ini sebagai kuasa pemohon dalam {noun} {ticket}, karena pemohon tidak"
            " mencantumkan alamat e-mail. Pesan di bawah ini ditujukan kepada pemohon.",
        ),
        "en": (
            "",
            "You receive this information as the requester's proxy in {noun} {ticket}, as the requester gave no"
            " e-mail address. The message below is addressed to the requester.",
        ),
    },
}
# The proxy's copy of a requester's message (engine.outbox.PROXY_COPIES): the subject marked, a line saying why.
PROXY_NOTE = {
    "id": (
        "Tembusan: ",
        "Anda menerima tembusan pesan ini sebagai kuasa pemohon dalam {noun} {ticket}, sebagaimana tercantum dalam"
        " tembusan suratnya. Pesan di bawah ini ditujukan kepada pemohon.",
    ),
    "en": (
        "Copy: ",
        "You receive this copy as the requester's proxy in {noun} {ticket}, as the letter's copy line says. The message"
        " below is addressed to the requester.",
    ),
}


def render_anchor_digest(locale: str, context: dict) -> tuple[str, str]:
    """The digest of an audit anchor for someone outside the office (``kawal audit anchor --mail-digest-to``):
    sent at once by the command, not an outbox event. Context: agency, made_at, cases, file, size, digest."""
    return _subject_and_body(f"audit_anchor.{normalize_locale(locale)}.txt", context)


def render_mail_test(locale: str, context: dict) -> tuple[str, str]:
    """The message of ``kawal mail test``, sent at once through the configured SMTP server. Context: agency,
    public_url, sent_at."""
    return _subject_and_body(f"mail_test.{normalize_locale(locale)}.txt", context)


def _subject_and_body(name: str, context: dict) -> tuple[str, str]:
    text = _env.get_template(name).render(context)
    first, sep, rest = text.partition("\n")
    if not first.startswith("Subject: ") or not sep or not rest.startswith("\n"):
        raise ValueError(f"template {name}: first line must be 'Subject: ...' followed by a blank line")
    subject = first.removeprefix("Subject: ").strip()
    # Optional lines that were left out must not leave a gap: at most one blank line in a row.
    body = _BLANK_RUNS.sub("\n\n", rest[1:]).strip("\n").rstrip() + "\n"
    return subject, body


def message_id(idempotency_key: str, domain: str = "kawal.local") -> str:
    """A stable RFC 5322 Message-ID for an outbox row: a resend carries the same id, so MTAs and
    recipients can drop the duplicate (the at-least-once window after an SMTP accept)."""
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:32]
    return f"<{digest}@{domain}>"
