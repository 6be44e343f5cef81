"""The events of a case's history in words: what the case page's timeline and the auditor's readable exports (CSV,
XLSX: api.exports) call each event, so a page and a file name an event alike.

The words are message ids marked with ``N_`` (Babel's default keyword: ``pybabel extract`` finds them) and translated
where they are shown: the page in the visitor's language (``gettext``), an export in the language it is asked in
(``api.language.catalog``), with no request needed (``kawal audit export``).
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - Babel's keyword for a message id translated later
    """A message id, left as it is: marked for the catalogs, translated where it is shown."""
    return message


EVENT_LABELS = {
    "request_submitted": N_("Request received"),
    "complaint_submitted": N_("Complaint received"),
    "objection_filed": N_("Objection filed"),
    "objection_filed_late": N_("Objection filed late"),
    "dispute_recorded": N_("Dispute recorded"),
    "status_changed": N_("Stage reached"),
    "task_created": N_("Task opened"),
    "task_claimed": N_("Task claimed"),
    "task_unclaimed": N_("Task released"),
    "follow_up_set": N_("Follow-up day set by the task's holder"),
    "follow_up_cleared": N_("Follow-up removed by the task's holder"),
    "task_assigned": N_("Task assigned"),
    "task_completed": N_("Task completed"),
    "files_attached": N_("Files attached"),
    "personal_data_confirmed": N_("Personal data in the files confirmed by the officer"),
    "information_delivered": N_("Information handed over"),
    "fee_notified": N_("Fee stated in the written notice"),
    "fee_paid": N_("Fee paid"),
    "information_downloaded": N_("Information downloaded by the requester"),
    "task_cancelled": N_("Task cancelled"),
    "deadline_started": N_("Deadline started"),
    "deadline_recomputed": N_("Deadline recomputed"),
    "deadline_met": N_("Deadline met"),
    "deadline_missed": N_("Deadline missed"),
    "deadline_lapsed": N_("Deadline lapsed"),
    "deadline_superseded": N_("Deadline superseded"),
    "deadline_cancelled": N_("Deadline cancelled"),
    "case_overdue": N_("Case overdue"),
    "case_closed": N_("Case closed"),
    "case_reopened": N_("Case reopened"),
    "message_received": N_("Message from the Commission or a court"),
    "mediation_not_applicable": N_(
        "Mediation ordered, but the dispute rests on ground a alone, which mediation cannot settle (Law 14/2008"
        " Article 40): adjudication follows"
    ),
    "linked_case_outcome": N_("Outcome of a linked case"),
    "request_withdrawn": N_("Request withdrawn"),
    "request_confirmed": N_("Request confirmed by the requester"),
    "access_code_reissued": N_("Access code reissued"),
    "requester_data_corrected": N_("Requester's data corrected"),
    "proxy_data_corrected": N_("Proxy's data corrected"),
    "reporter_contact_changed": N_("The reporter changed their contact"),
    "proxy_revoked": N_("Power of attorney ended"),
    "proxy_appointed": N_("Proxy appointed"),
    "reported_recorded": N_("Reported persons recorded"),
    "reported_removed": N_("Reported persons removed"),
    "witnesses_recorded": N_("Witnesses recorded"),  # engine.reported_party: how many, never who
    "witnesses_removed": N_("Witnesses removed"),
    "requester_correction_asked": N_("The requester asked to correct their data"),
    "requester_correction_refused": N_("The requester's request to correct their data refused"),
    "requester_correction_overdue": N_("The requester's request to correct their data not answered in time"),
    "requester_correction_unchanged": N_(
        "The requester's request to correct their data answered: the data on file already matched it"
    ),
    "requester_data_copied": N_("A copy of the requester's personal data made"),
    # Asked on the portal with the case's ticket and access code, which the requester and the proxy share: never
    # said to be the proxy's own asking.
    "proxy_correction_asked": N_("A request to correct the proxy's contact data came through the portal"),
    "proxy_correction_refused": N_("The request to correct the proxy's contact data refused"),
    "proxy_correction_ended": N_(
        "The request to correct the proxy's contact data closed: the proxy's power of attorney ended"
    ),
    "proxy_correction_unchanged": N_(
        "The request to correct the proxy's contact data answered: the data on file already matched it"
    ),
    "bundle_exported": N_("Evidence bundle exported"),
    "letter_issued": N_("Letter issued"),
    "letter_rendered": N_("Letter's PDF made"),
    "letter_scan_recorded": N_("Signed scan of a letter recorded"),
    "case_read": N_("Complaint read"),  # by the reporter's mode where it is known: READ_LABELS
    "identity_read": N_("Reporter's identity read"),
    "reveal_requested": N_("Identity reveal requested"),
    "reveal_approved": N_("Identity reveal approved"),
    "reveal_refused": N_("Identity reveal refused"),
    "reporter_question_sent": N_("Question sent to the reporter"),
    "reporter_outcome_sent": N_("Outcome sent to the reporter"),
    "reporter_message_sent": N_("Message sent to the reporter"),
    "reporter_message_received": N_("Message from the reporter"),
    "requester_message_received": N_("Message from the requester to the desk"),
    "requester_message_answered": N_("The desk's answer to the requester"),
    "note_added": N_("Internal note"),
    "task_handed_over": N_("Task handed to a stand-in"),
    "task_returned": N_("Task given back at the end of a leave"),
    "notice_dispatched": N_("Letter to the requester sent"),
    "notice_delivered": N_("Letter received by the requester"),
    "notice_mailed": N_("Letter e-mailed to the requester by Kawal"),
    "deadline_met_by_dispatch": N_("Deadline met by the letter's date"),
    "case_overdue_cleared": N_("No longer late: answered in time by the letter's date"),
    # engine.repair (kawal repair): a one-off repair run by an administrator on the server.
    "case_repaired": N_("Repaired by an administrator: the case's process had stopped at the end of a stage"),
    "deadline_in_time_on_lenient_reading": N_(
        "Filed after the deadline's earliest reading, in time on its latest, where collective leave days (cuti"
        " bersama) are not working days:"
        " for the court to judge"
    ),
    "exemption_determined": N_("Exemption determined"),
    "exemption_returned": N_("Exemption not determined: returned to the PPID to decide again"),
    "exemption_ended": N_("Exemption ended: the refusal it rested on was overturned"),
    "refusal_overturned": N_("Refusal as exempt overturned"),
    "calendar_year_unconfirmed": N_(
        "A deadline runs into a year whose collective leave days (cuti bersama) are not confirmed"
    ),
    "calendar_year_confirmed": N_("The year's collective leave days (cuti bersama) confirmed"),
}
# A read of a complaint, by the reporter's mode: what was read is an anonymous, a confidential or a whistleblower's
# complaint (engine.complaints.note_read, engine.letters.records.note_read), never all of them "confidential".
READ = "case_read"
READ_LABELS = {
    "anonim": N_("Anonymous complaint read"),
    "rahasia": N_("Confidential complaint read"),
    "whistleblower": N_("Whistleblower's complaint read"),
}
# The first event of a complaint (engine.complaints.submit), whose data keeps the reporter's mode.
COMPLAINT_FIRST = "complaint_submitted"


def event_label(kind: str, what: object = None, *, complaint: bool = False, mode: str | None = None) -> str:
    """An event's name (a message id to translate): ``what`` is a read's key (``case_read``), ``complaint`` whether
    the case is a complaint and ``mode`` its reporter's mode (``anonim``, ``rahasia``, ``whistleblower``).

    On a complaint, a message recorded is the team's (the reporter sent no evidence), not the Commission's or a
    court's; a read of the reported persons is named so whatever the reporter's mode, any other read by the mode.
    """
    if kind == "message_received" and complaint:
        return N_("Event recorded by the team")
    if kind == READ and what == "terlapor":  # read whatever the reporter's mode: the reported persons are confidential
        return N_("Reported persons read")
    if kind == READ and mode in READ_LABELS:
        return READ_LABELS[mode]
    return EVENT_LABELS.get(kind) or kind.replace("_", " ").capitalize()
