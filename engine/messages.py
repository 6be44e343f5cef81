"""What Kawal says to a person when it refuses something: one code per message, its words in English.

A refusal (``engine.errors``) and each of its field messages is a ``Message``: a code and its
parameters, no language. The edges put it into words: the JSON API in the caller's language, the
pages in the visitor's, the CLI and the logs in English (``str()``). The English templates below
are the Babel message ids; ``api/translations/id/LC_MESSAGES/errors.po`` translates them into
Bahasa Indonesia, and ``api.language.say`` renders a message in either language.

To add a message: a code and its English template here (``%(name)s`` for a parameter), its
translation in ``errors.po`` with the same parameters. ``tests/unit/test_messages.py`` fails while
a code has no translation, a translation drops a parameter, or a raise spells its words inline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


class Term(str):
    """A parameter the reader's catalog translates: English words that are a message id of the pages (a group's name
    as officers call it), not a value to print as it is (a ticket, a unit's own name)."""


# The groups (BPMN lanes) as the pages name them (api.web.display.GROUP_LABELS: the same message ids); a refusal
# names a group by these words, never by its code.
GROUP_TERMS = {
    "petugas_layanan": "Front-desk officers",
    "ppid": "PPID",
    "unit_pengolah": "Processing unit",
    "atasan_ppid": "PPID superior",
    "pimpinan": "Head of the public body",
    "tim_pengaduan": "Complaint team",
    "pengelola_wbs": "WBS managers",
    "auditor": "Auditors",
    "admin": "Administrators",
}


class Named(str):
    """A parameter with its own words in each language, not in a catalog (a holiday's name as the holiday data gives
    it, a weekday): the English words, which ``str()`` and the CLI show, with the Indonesian ones beside."""

    def __new__(cls, english: str, indonesian: str):
        named = super().__new__(cls, english)
        named.indonesian = indonesian
        return named

    def __getnewargs__(self):
        return str(self), self.indonesian


class Money(int):
    """A parameter that is an amount of whole rupiah: each edge writes it as the reader's language writes money, as
    the letters do (api.language: ``Rp26.000``, ``IDR 26,000``); ``str()``, for the CLI and the logs, in English."""

    def __str__(self) -> str:
        return f"IDR {int(self):,}"


def group_term(code: str) -> Term:
    """A group's name for a refusal: ``group_term("ppid")``; a code Kawal does not know, as it is."""
    return Term(GROUP_TERMS.get(code, code))


TEMPLATES: dict[str, str] = {
    # -- general --------------------------------------------------------------------------------
    "invalid_data": "invalid data",
    "invalid": "invalid",
    "required": "is required",
    "message_required": "write your message (at most %(max)d characters)",
    "message_too_long": "your message has %(length)d characters: shorten it to at most %(max)d",
    "unknown": "unknown",
    "one_of": "one of %(choices)s",
    "at_least_one_of": "at least one of %(choices)s",
    "min_length": "at least %(min)d characters",
    "max_length": "at most %(max)d characters",
    "length_range": "%(min)d to %(max)d characters",
    "true_or_false": "must be true or false",
    "data_not_object": "data must be an object",
    "json_object_expected": "a JSON object is expected",
    "object_expected": "object expected",
    "iso_instant": "ISO 8601 with a time zone",
    "past_iso_instant": "a past instant, ISO 8601 with a time zone",
    "date_required": "a date (YYYY-MM-DD) is required",
    "date_out_of_range": "date out of range",
    "id_range": "a whole number from 1 to %(max)d",
    "ticket_format": "a ticket like %(example)s: its register's letters (%(series)s), the year and its number",
    "case_taken_whole": "one case is exported and checked whole: leave the period and the process empty",
    "number_too_large": "number too large",
    "number_at_most": "number too large (at most %(max)d)",
    "not_a_json_number": "%(name)s is not a JSON number",
    "json_too_deep": "JSON nested too deeply (at most %(max)d levels)",
    "malformed_json": "malformed JSON",
    "nul_refused": "the NUL character is not accepted",
    "case_changed": "the case changed meanwhile; retry",
    # -- the HTTP layer's own refusals (marshmallow's and Werkzeug's words, said again: api.errors) ----
    "not_null": "may not be null",
    "a_string": "text (a JSON string)",
    "a_list": "a list (a JSON array)",
    "a_number": "a number",
    "iso_date_format": "a date as YYYY-MM-DD",
    "number_at_least": "at least %(min)d",
    "number_between": "a number from %(min)d to %(max)d",
    "items_range": "%(min)d to %(max)d items",
    "items_at_least": "at least %(min)d items",
    "no_such_address": "there is no such address in the API",
    "method_not_here": "this address does not accept %(method)s",
    "unreadable_request": "the request could not be read",
    "body_too_large": "the request is too large",
    "media_type_unsupported": "this content type is not accepted here",
    "database_busy": "the database is busy; retry",
    # -- form fields (jsonschema validators, engine.forms) ---------------------------------------
    "field_unknown": "unknown field",
    "wrong_type": "wrong type",
    "not_a_choice": "not one of the choices",
    "must_confirm": "must be confirmed",
    "wrong_format": "wrong format",
    "too_short": "too short",
    "too_long": "too long",
    "chars_at_least": "too short: at least %(num)d characters",
    "chars_at_most": "too long: at most %(num)d characters",
    "too_small": "too small",
    "choose_one": "choose at least one",
    "email_or_phone": "give an e-mail address or a phone number",
    # a field's own message (the form's ``x-error``), instead of "wrong format"
    "nik_format": "a national identity number (NIK) has 16 digits; for a legal entity, its decree number: 6 to 60 "
    "letters, digits, spaces, dots, slashes or dashes",
    "nik_person_format": "a national identity number (NIK) has 16 digits",
    "nik_or_passport_format": "a national identity number (NIK) has 16 digits; a foreign national gives a passport "
    "number: 6 to 12 letters or digits, at least one of them a digit",
    # a NIK that cannot exist (engine.nik): the part that is wrong, never the digits
    "nik_region": "this NIK cannot exist: its first 6 digits are the region (province, regency, district), and no "
    "region has that code; check the number on the ID card (KTP)",
    "nik_birth_date": "this NIK cannot exist: digits 7 to 12 are the birth date as DDMMYY (a woman's day plus 40), "
    "and there is no such date; check the number on the ID card (KTP)",
    "nik_serial": "this NIK cannot exist: its last 4 digits, the serial number, are never 0000; check the number on "
    "the ID card (KTP)",
    "phone_format": "a phone number: digits, spaces, ( ) or -, 6 to 20, optionally starting with +",
    "email_format": "an e-mail address such as name@example.go.id",  # errors.po gives its own: nama@contoh.go.id
    "nip_format": "a NIP or NRP: 8 to 30 digits, spaces or dots",
    "names_reported_person": "names a reported person on file: a unit and the reporter read of them by position "
    "only; their identity stays with the complaint team",
    "names_reporter": "names the reporter, whose identity is kept confidential: write it without their name",
    "names_witness": "names a witness on file: a unit and the reporter read of them by their role only; their "
    "identity stays with the complaint team",
    # a text that tells the reporter the outcome (engine.reported_party.addresses_someone)
    "names_someone_to_reporter": "names someone by a form of address and a name (such as Pak or Bu and a name): "
    "the notice to the reporter must not identify the reported person or witnesses; refer to them by their role "
    "(the officer concerned, a witness)",
    # the reported-persons page (engine.reported_party.record)
    "reported_none_with_persons": "a person is recorded above: remove the rows, or leave this choice as no",
    # what officers write on a complaint (engine.officer_text): the kind of data, never the value nor whose it is
    "holds_personal_data": "holds personal data (%(what)s), which a complaint's forms and notes never carry: the "
    "reporter's identity and contact are kept encrypted (\"The reporter's identity\" on the case page), the "
    'reported persons\' on their own page ("The reported persons"); refer to anyone else by their role',
    "not_a_nik": "a 16-digit number that is not a national identity number (NIK), e.g. an account, a billing or "
    "transaction code: say what it is "
    "just before the number",
    "personal_data_in": "personal data (%(what)s) in: %(where)s",
    # -- who may (engine.access, api.auth) -------------------------------------------------------
    "case_not_found": "case not found",
    "task_not_found": "task not found",
    "document_not_found": "document not found",
    "task_for_group": "this task belongs to the %(group)s group",
    "superiors_assign": "only a superior may assign",
    "superiors_only": "superiors only",
    "document_not_for_unit": "this document is not for your unit",
    "history_restricted": "a case's history: its team and auditors",
    "complaint_team_only": "the complaint team only",
    "wbs_managers_only": "WBS managers only",
    "auditors_only": "auditors only",
    "auditors_read_only": "auditors read a case's notes and history; they do not add to them",
    "admins_only": "administrators only",
    "ppid_and_auditors_only": "PPID officers and auditors only",
    "not_allowed": "not allowed",
    "officers_record_offline": "only officers record offline requests",
    "desk_corrects_requester": "only the PPID desk corrects a requester's data",
    "no_requester_data": "this case has no requester's data to correct",
    "no_requester": "this case names no requester",
    "desk_reads_requester": "only the PPID desk reads a requester's other filings",
    "desk_corrects_proxy": "only the PPID desk corrects a proxy's data",
    "no_proxy_data": "this case was not filed by a proxy",
    "no_proxy_for_case": "only a request or an objection is filed through a proxy",
    "proxy_in_office": "the case has a proxy in office: record the end of their power of attorney first",
    "proxy_already_revoked": "the proxy's power of attorney has already ended",
    "no_proxy_in_office": "no proxy acts for the requester now: record the proxy on the case page first",
    "receiver_is_the_proxy": "the requester's representative on record received it and the record names them: "
    "leave who received it for the legal entity empty",
    "proxy_case_closed": "the case is closed: no proxy is recorded on it any more",
    "proxy_case_withdrawn": "the request was withdrawn: no proxy is recorded on it any more",
    "proxy_dated_after_recording": "not after the day the proxy was recorded (%(day)s)",
    "no_reporter_contact": "an anonymous report has no contact to change",
    "no_gateway": "no SMS or WhatsApp gateway is configured",
    "gateway_signature": "the signature is not the gateway's",
    "gateway_stale": "the gateway's time is more than 5 minutes from ours",
    "correction_request_not_found": "no such request to correct the requester's data on this case",
    "correction_request_answered": "this request to correct the data has already been answered",
    "proxy_request_ended": "the power of attorney of the proxy who asked has ended: their request is closed",
    "officers_only": "officers only",
    "reporters_only": "reporters only",
    "token_expired": "invalid or expired token",
    "token_invalid": "invalid token",
    "bearer_expected": "use Authorization: Bearer <token>",
    "login_required": "authentication required",
    "wrong_login": "wrong username or password",
    "too_many_logins": "too many failed logins; try again in %(minutes)d minutes",
    "token_revoked": "the token has been revoked or has expired",
    "wrong": "wrong",
    "wrong_verification_code": "wrong verification code",
    "second_factor_code_required": "the code from your authenticator app is required",
    "second_factor_setup": "set up your second factor first by logging in at /masuk",
    "second_factor_for_reveal": "approving an identity reveal needs a login with the second factor "
    "(authenticator code)",
    # -- filing (engine.intake) ------------------------------------------------------------------
    "past_receipt": "must be a past instant, at most a year ago, with a time zone",
    "objection_needs_request": "an objection concerns an information request",
    "objection_open": "an objection on this ground is already being handled",
    "objection_open_on_ground": "objection %(ticket)s on ground %(grounds)s is being handled: follow it with your code",
    "not_a_request": "not an information request",
    "case_unknown": "unknown case",
    "objection_or_request_ticket": "an objection or request ticket",
    "wrong_ticket_or_code": "wrong ticket or access code",
    "too_many_codes": "too many wrong access codes; try again in %(minutes)d minutes",
    "form_being_sent": "this form is being sent",
    "access_code_hint": "use your request's access code to follow this objection",
    # -- the inbox and the case (engine.inbox, engine.casework, engine.sync) ---------------------
    "task_claimed": "already claimed by %(by)s",
    "claimed_by_other": "claimed by another officer",
    "task_not_open": "the task is no longer open",
    "follow_up_needs_claim": "take the task first: a follow-up is its holder's own",
    "follow_up_after_today": "a day after today",
    "follow_up_within_a_year": "within a year from today",
    "follow_up_working_day": "not a working day of the office: the next one is %(next)s",
    "user_unknown": "unknown user",
    "user_not_in_group": "user is not in the task's group",
    "not_in_group": "not in %(group)s",
    "user_not_in_unit": "user is in another unit than the task's",
    "not_in_unit": "not in unit %(unit)s: the task was referred to that unit",
    "deadline_passed": "the %(deadline)s deadline has passed",
    "due_before": "must be done by %(due)s",
    "case_not_waiting": "the case is not waiting for %(name)s",
    "message_not_in_process": "the case's process has no message %(name)s",
    "message_system_only": "only Kawal itself sends this message",
    "message_for_group": "the %(group)s group records this message",
    "case_closed": "the case is already closed",
    "objection_in_writing": (
        "an objection is filed in writing: on the form in person, by letter, by e-mail or on the portal, not by"
        " telephone or WhatsApp; help the requester write it"
    ),
    "not_awaiting_confirmation": "only a request recorded from WhatsApp or social media is confirmed by its requester",
    "already_confirmed": "the requester has already confirmed this request",
    "unit_unknown": "unknown unit",
    "workbook_too_many_events": (
        "%(events)s events are too many for a workbook (at most %(max)s): choose a shorter period or one process, or"
        " download CSV or JSON lines"
    ),
    "verify_too_many_events": (
        "%(events)s events are more than one answer checks (at most %(max)s): choose a shorter period or one"
        " process, or check the whole history in the auditor console or with kawal audit verify on the server"
    ),
    "unit_code_unknown": "unit %(code)s is unknown",
    "unit_unstaffed": "nobody in that unit can answer it",
    "unit_has_no_officer": (
        "%(unit)s has no active officer of the unit group to answer it: choose another unit, or ask the admin to add"
        " one"
    ),
    # -- complaints (engine.complaints, engine.files) --------------------------------------------
    "complaint_not_found": "complaint not found",
    "complaint_step_refused": "the case's record does not allow this step as it is",
    "reported_not_said": (
        'first say who the complaint reports, on the page "The reported persons": record them, or that no person is'
        " identified; the notice is then checked against their names"
    ),
    "unit_declined_referral": (
        "%(unit)s has just answered that the complaint is not its matter: choose another unit, or let the team assess"
        " the clarification"
    ),
    "kpk_reason_required": (
        "the examination report recorded a state loss of %(loss)s, at or above %(threshold)s, which is referred to"
        " the KPK: choose referral to the KPK, or say why the follow-up is another"
    ),
    "complaint_archived": "the complaint is archived",
    # -- a requester's messages to the desk (engine.requester_messages) ---------------------------------------------
    "requester_message_closed": (
        "this case is closed and your time to go further from it has ended: the office takes no more messages on it"
    ),
    "requester_message_not_here": "messages to the desk are written on the page of a request or an objection",
    "reply_holds_personal_data": (
        "holds personal data (%(what)s), which an answer to the requester never carries: the requester's own data is"
        " on file, and the answer is kept in the case's record; refer to anyone else by their role, and give only"
        " the office's own contact"
    ),
    "requester_reply_forbidden": (
        "only the PPID's staff who read the requester's identity answer the requester's messages"
    ),
    "anonymous_without_identity": "an anonymous complaint carries no identity",
    "anonymous_has_no_identity": "an anonymous complaint has no identity",
    "message_unknown": "unknown message",
    "attachment_not_found": "attachment not found",
    "attachment_refused": "attachment refused",
    "too_many_files": "at most %(max)d files",
    "empty_file": "empty file",
    "file_too_large": "larger than %(max)s",
    "file_type_refused": "only PDF, PNG or JPEG",
    "file_types_only": "only %(types)s",
    # -- files on officers' tasks and their delivery (engine.task_files, engine.delivery) --------
    "files_refused": "files refused",
    "send_as_files": "send as files (multipart)",
    "field_takes_no_files": "this field takes no files",
    "file_not_found": "file not found",
    "files_hold_personal_data": "the files hold personal data",
    "confirm_personal_data": "black out the personal data that is not the requester's and upload again, "
    "or confirm each finding here by its code, with the reason it may go out",
    "finding_unknown": "no finding of the files sent has this code",
    "finding_file_not_sent": "choose the file again: a confirmation goes with the file it was found in",
    "only_for_unreadable": "only for a file whose text could not be read",
    "found_nik": "identity no. (NIK) %(value)s (p. %(page)d; finding %(ref)s)",
    "found_kk": "family card no. %(value)s (p. %(page)d; finding %(ref)s)",
    "found_npwp": "tax no. (NPWP) %(value)s (p. %(page)d; finding %(ref)s)",
    "found_telepon": "mobile no. %(value)s (p. %(page)d; finding %(ref)s)",
    "found_email": "e-mail address %(value)s (p. %(page)d; finding %(ref)s)",
    "found_unreadable": "its text could not be read: check it by eye (finding %(ref)s)",
    "public_text_personal_data": "personal data in a public text: %(found)s; remove it, or confirm below that it may"
    " be published",
    # -- the redaction record and the handover (engine.redaction, engine.delivery) ---------------
    "redaction_record_refused": "the redaction record does not match the files",
    "no_file_at": "no file at position %(n)d",
    "file_has_other_original": "file %(n)d was already paired with original %(m)d",
    "original_used_twice": "this original is already the source of file %(n)d",
    "page_beyond_file": "the file has %(pages)d pages",
    "letter_not_determined": "Article 17 letter %(letter)s is not in exemption register entry %(entry)d "
    "(letters %(letters)s)",
    "original_without_redacted": "pair this original with its redacted version in the redaction record",
    "delivery_date_invalid": "invalid delivery date",
    "requester_has_no_email": "neither the requester nor their proxy gave an e-mail address",
    "no_email_on_file": "neither the requester nor their proxy gave an e-mail address: hand the information over "
    "another way",
    "email_goes_to_proxy": "the requester gave no e-mail address: the files go to their proxy's e-mail address, "
    "so the proxy receives them",
    "receipt_has_no_address": "no e-mail address to send the receipt to",
    "no_email_for_receipt": "neither the requester nor the objection's proxy gave an e-mail address: give the "
    "receipt another way",
    "no_email_for_request_receipt": "neither the requester nor their proxy gave an e-mail address: give the receipt "
    "another way",
    "delivery_needs_files": "the information handed over has no files",
    "email_delivery_needs_files": "a delivery by e-mail sends files: attach the files of the information handed "
    "over (PDF, PNG or JPEG), as the receipt will list them",
    "digital_copy_needs_files": "the written notice gives a digital copy: attach the files of the information "
    "handed over (those on the CD, DVD or flash drive, or sent), as the receipt will list them",
    "download_expired": "the download was available until %(date)s; ask the office to send it again",
    "only_whistleblower_sealed": "only a whistleblower's identity is sealed",
    "reason_required": "a reason is required",
    "reveal_request_not_found": "reveal request not found",
    "reveal_needs_other_manager": "another WBS manager must decide",
    "reveal_already_decided": "the request is already %(status)s",
    "decision_note_required": "a decision note is required: why the identity opens or stays sealed",
    "identity_sealed": "the identity is sealed: ask, with a reason, for another WBS manager's approval",
    "reveal_expired": "the approved reveal was open to you until %(until)s and the identity is sealed again: ask "
    "again, with a reason, for another WBS manager's approval",
    "decision_unknown": "unknown decision",
    # -- what the public may send (engine.quotas) ------------------------------------------------
    "too_many_filings": "too many filings from this address; try later",
    "too_many_code_requests": "too many requests for a new access code from this address; try later",
    "message_limit_reached": "the day's message limit is reached; try tomorrow",
    "attachment_limit_reached": "the day's attachment size limit is reached",
    "storage_full": "the server's storage is nearly full; attachments cannot be accepted now: send the message "
    "without them or try later",
    "pdf_unavailable": "PDF documents cannot be made on this server (a system library is missing); download "
    "another format, or tell the administrator",
    # -- the public information list (engine.dip, dip_io, dip_match, service_pages) --------------
    "dip_editors_only": "only the PPID or the unit holding it",
    "dip_kept_by_ppid": "the PPID keeps the public information list: it classifies and publishes the information",
    "ppid_officers_only": "PPID officers only",
    "periodic_only": "only for periodic information",
    "exempt_no_link": "exempt information has no link",
    "remove_file_first": "remove its file first",
    "dip_code_taken": "code %(code)s already used by item %(item)s",
    "dip_item_changed": "the item was changed meanwhile; reload",
    "dip_already_published": "the item is already published",
    "dip_not_published": "the item is not published",
    "exempt_no_file": "exempt information has no file",
    "exempt_classified_by_ppid": "only the PPID lists information as exempt, on the exemption register's determination",
    "exempt_needs_determination": "required for exempt information: the exemption register's entry (the determination "
    "after the consequence test); a note alone is not enough",
    "dip_published_by_ppid": "the PPID publishes and withdraws the list's items; save it, and the PPID publishes it",
    "dip_no_revision": "no revision of this item awaits publication",
    "dip_publish_needs_responsible": "required to publish: who answers for making or issuing the information (a post "
    "or unit), a column of the public information list",
    "dip_publish_needs_retention": "required to publish: how long the information is kept (its retention period), a "
    "column of the public information list",
    "decree_number_taken": "this decree number is already in the exemption register (entry %(entry)s)",
    "file_holds_personal_data": "the file holds personal data; nothing attached",
    "public_file_confirm": "the public reads this file: remove what was found, or confirm that it may be published",
    "exempt": "exempt",
    "dip_item_not_found": "DIP item not found",
    "dip_code_repeated": "code %(code)s also in row %(row)s",
    "dip_row_same_item": "row %(row)s already changes item %(item)s",
    "dip_title_ambiguous": "items %(items)s have this title and unit: write the item's number in the column ID Kawal",
    "no_item_rows": "no item rows",
    "bad_rows": "%(count)d bad rows; nothing imported",
    "not_xlsx": "the file is not an XLSX workbook",
    "columns_missing": "required columns missing",
    "column_missing": "column %(name)s missing",
    "too_many_rows": "more than %(max)d rows",
    "category_unknown": "category: berkala, serta-merta, setiap saat or dikecualikan",
    "date_format": "date: 2026-07-01 or 01-07-2026",
    "whole_number": "must be a whole number",
    "no_published_item": "no published DIP item has that number",
    "item_exempt": "that item is exempt, not public",
    "dip_reference_invalid": "invalid DIP reference",
    "page_not_found": "page not found",
    "item_without_file": "this item has no file",
    "file_required": "a file is required",
    "page_not_published": "page not published yet",
    # -- the calendar's overrides (engine.holidays) ----------------------------------------------
    "override_exists": "the override exists already",
    "override_exists_for_day": "override #%(id)s exists for %(day)s (%(calendars)s); remove it first",
    "override_not_found": "holiday override not found",
    "override_changes_nothing": "the override would change nothing",
    "override_day_off_already": (
        "%(day)s is a day off already on the chosen readings (%(why)s): an override would change nothing"
    ),
    "override_working_day_already": (
        "%(day)s is a working day already on the chosen readings: an override would change nothing"
    ),
    "override_kind_required": (
        "choose what the day is: a national holiday or an office closure (both readings), a collective leave day"
        " (cuti bersama: the latest reading only) or a working day"
    ),
    "override_kind_contradicts": (
        "the kind of day (%(kind)s) already says whether it is a working day: leave is_working out"
    ),
    "cuti_bersama_latest_reading_only": (
        "a collective leave day (cuti bersama) is a day off on the latest reading only: the earliest reading (the"
        " office's own deadlines) counts it as a working day; a national holiday or an office closure is another kind"
        " of day"
    ),
    # -- legal clocks: the year's days off, notices, windows (engine.holiday_years, lateness, ...) --
    "year_range": "a year from %(first)d to %(last)d",
    "year_out_of_range": "year out of range",
    "year_confirmed": "%(year)d is confirmed already",
    "year_days_missing": "the year's days off are not entered",
    "enter_year_days_first": "enter the holidays and collective leave days (cuti bersama) of the joint ministerial "
    "decree (SKB) for %(year)d in the override table first",
    "between_and_today": "between %(first)s and today",
    "report_whole_office": "the yearly report covers the whole office; a unit's cases are in the registers",
    "inspectorate_not_a_unit": "the Inspectorate General is not a unit of the office: the complaints referred to it "
    "are the row inspektorat_jenderal of the whole office's unit breakdown",
    "not_before_date": "not before %(day)s",
    "hearing_not_working_day": "the Information Commission holds no hearing on %(day)s, %(what)s (not a working day): "
    "check the date on the summons or the hearing's minutes",
    "dispatch_date_invalid": "invalid dispatch date",
    "receipt_date_invalid": "invalid date of receipt",
    "notice_not_sent": "no notice has been sent yet",
    "not_after_filing": "not after the filing",
    "made_not_in_future": "not after today: the day the information was made",
    "immediate_item_says_what": (
        "required to publish information published immediately: what the public must know (or a link or a file)"
    ),
    "exemption_letters_not_decided": "letter %(letters)s was not in the PPID's decision and consequence test "
    "(%(decided)s): decide and test it first",
    "exemption_returned_too_often": "the exemption of this information was returned to the PPID %(times)d times "
    "without being determined: decide without a new exemption, or cite an exemption in force in the register",
    "file_unreadable_for_scrub": "this file could not be read to remove its hidden data (author, camera, place); "
    "save it again (as PDF, PNG or JPEG) and send it again",
    "summons_recorded": "this summons is already recorded as dispute %(ticket)s",
    "dispute_open": "dispute %(ticket)s on this case is still open",
    "court_of_challenge_ptun": "a state public body challenges the Commission's decision at the administrative "
    "court (Law 14/2008 Article 47(1)): write the PTUN, e.g. PTUN Jakarta",
    "court_of_challenge_pn": "a public body that is not a state body challenges the Commission's decision at the "
    "district court (Law 14/2008 Article 47(2)): write the Pengadilan Negeri, e.g. PN Jakarta Pusat",
    "not_after_summons": "not after the summons was received",
    "not_before_commission_filing": "not before the filing at the Information Commission",
    "window_not_ended": "%(name)s has not ended yet: on the latest reading its last day is %(due)s; confirm it from "
    "%(first)s",
    "window_not_open": "%(name)s has not started: nothing can end it yet",
    "confirmed_within_window": "%(name)s runs until %(due)s on the latest reading: a confirmation that it ended is "
    "dated %(first)s or later",
    "calendars_unknown": "unknown: %(names)s; one of %(choices)s",
    # -- registers, reports, the dashboard and the survey (engine.access, reports, narrative, survey) --
    "register_not_for_group": "this register is not for your group",
    "reports_for_ppid_and_auditors": "the PPID's reports are for its officers and the auditors",
    "complaint_statistics_restricted": "complaint statistics are for the complaint team and the auditors",
    "narrative_writers_only": "the report's narrative is written by the PPID or the PPID's superior",
    "dashboard_restricted": "the dashboard is for the PPID, its superior, the complaint team and the auditors",
    "unknown_period": "unknown period",
    "period_format": "a year (2026) or a semester (2026-S1, 2026-S2)",
    "unknown_register": "unknown register",
    "survey_not_open": "the survey opens when the case is closed",
    "survey_answered": "this case's survey has been answered already",
    # -- accounts and incidents (engine.users, notifications.incidents; mostly the CLI) ----------
    "user_not_created": "cannot create user",
    "password_not_set": "cannot set password",
    "username_rule": "letters, digits, dots and underscores, at most 80",
    "password_common": "too easy to guess: among the most common passwords, or a repeated pattern",
    "password_has_username": "must not contain the username",
    "password_not_changed": "cannot change your password",
    "password_unchanged": "must differ from your current password",
    "password_repeat_differs": "not the same as the new password",
    "password_change_required": (
        "change the password an administrator gave you first: PUT /api/v1/me/password, or log in at /masuk"
    ),
    "email_invalid": "not an e-mail address",
    "username_taken": "already exists",
    "groups_unknown": "unknown group(s): %(names)s",
    "group_required": "at least one group",
    "nip_digits": "a NIP has %(length)d digits (spaces between them may group them)",
    "nip_birth_date": "digits 1 to 8 of a NIP are the officer's birth date (year, month, day): not a real date",
    "nip_appointment": "digits 9 to 14 of a NIP are the month of appointment (year, month): not a real month",
    "nip_sex": "digit 15 of a NIP is the officer's sex: 1 or 2",
    "user_not_changed": "cannot change the account",
    "last_admin": "the office must keep one active administrator",
    "own_admin_group": "another administrator may take away your administrator group; you may not",
    "own_account": "another administrator may deactivate your account; you may not",
    "account_inactive": "the account is deactivated already",
    "account_active": "the account is active already",
    "substitute_on_leave": (
        "stands in for the leave of %(names)s: cancel that leave, or record it with another substitute, first"
    ),
    "unit_not_created": "cannot create the unit",
    "unit_not_changed": "cannot change the unit",
    "unit_code_rule": (
        "letters, digits, dots, dashes and underscores, beginning with a letter or digit; at most %(max)d characters"
    ),
    "unit_code_taken": "already used by unit %(name)s",
    "unit_inactive": "unit %(name)s is deactivated",
    "unit_inactive_already": "the unit is deactivated already",
    "unit_active_already": "the unit is active already",
    "office_unit_stays": "the office's own unit cannot be deactivated",
    "unit_has_officers": "%(num)d active officer(s) still belong to the unit: move or deactivate them first",
    "unit_has_open_tasks": "the unit still has %(num)d open task(s): let them be done first",
    "incident_not_found": "incident %(id)s not found",
    "incident_resolved": "incident %(id)s is already resolved",
    "incident_not_retryable": "incident %(id)s (%(subject)s) cannot be retried automatically",
    "incident_closes_itself": "incident %(id)s closes when its year is confirmed on the working calendar",
    "incident_reason_personal": "holds personal data (%(what)s): say what was done without anyone's address, number "
    "or NIK (e.g. the requester was phoned and told the decision)",
    # a determination the PPID records in the exemption register (engine.exemptions.personal_data)
    "exemption_text_personal": "holds personal data (%(what)s): the register is read by the auditors and the "
    "Commission and an exempt item's public title is drafted from it; describe the information and refer to anyone "
    "by their role, without their name, number or address",
    # -- the officers' workbench (engine.inbox_list, engine.saved_filters, engine.notes, engine.absence) --
    "bulk_refused": "some tasks were refused; nothing was changed",
    "bulk_all_refused": "no task was changed; every one was refused",
    "saved_filters_full": "at most %(max)d saved views",
    "saved_filter_exists": "a view of this name exists already",
    "saved_filter_not_found": "saved view not found",
    "note_empty": "write the note",
    "mention_unknown": "@%(name)s is not an officer who may read this case",
    "absence_for_self_or_superior": "an officer marks their own leave, or their superior does",
    "absence_not_found": "leave not found",
    "absence_overlaps": "this officer already has leave in that period",
    "substitute_not_self": "choose a colleague, not the officer on leave",
    "substitute_same_unit": "the substitute must be of the same unit",
    "substitute_needs_groups": "the substitute must already work in %(groups)s; ask your superior to name another",
    "substitute_needs_grant": (
        "%(name)s does not work in %(groups)s: grant them these lanes for the leave (it is recorded in the access log),"
        " or choose a colleague who does"
    ),
    "substitute_no_work_lane": (
        "%(name)s works in no lane of their own and may not be granted %(groups)s: choose an officer who handles tasks"
    ),
    "grant_to_self": "you may not grant yourself %(groups)s: another superior of these lanes names you stand-in",
    "grant_not_superior": (
        "only their superior (%(superiors)s) grants %(groups)s to a stand-in: ask them to record this leave, or choose"
        " a colleague who already works there"
    ),
    "officer_on_leave_stand_in_cannot": (
        "%(name)s is on leave; their stand-in %(stand_in)s may not work this task: assign it to someone else"
    ),
    "officer_on_leave_stand_in_inactive": (
        "%(name)s is on leave and the account of their stand-in %(stand_in)s is deactivated: assign it to someone else"
    ),
    "substitute_away": "the substitute is on leave in that period too",
    "officer_stands_in": (
        "%(name)s stands in for %(absent)s in that period: the lanes they hold would be left with nobody; give that"
        " leave another stand-in first"
    ),
    "not_before_first_day": "not before the first day",
    "not_in_past": "not in the past",
    "at_most_days": "at most %(max)d days",
    # -- the agency's letters and the exemption register (engine.letters, engine.exemptions) ---------
    "letter_incomplete": "the letter is incomplete or contradictory",
    "notice_not_granted": "does not apply: the request is not granted",
    "notice_required_when_granted": "required when the request is granted (Article 22(7))",
    "notice_held_contradicts": "contradicts the decision: information given or refused as exempt is held",
    "notice_not_held_contradicts": "contradicts the decision: the information is not (yet) held",
    "notice_holder_only_when_not_held": "only when the information is not held (letter b)",
    "notice_redacted_is_partial": "contradicts the decision: a redacted grant is a partial grant",
    "notice_say_if_redacted": "required: say whether parts are redacted (letter e)",
    "notice_no_fee_when_nothing_given": "no fee when no information is given",
    "notice_printed_not_by_delivery": (
        "a printed copy cannot be sent %(delivery)s, the way the requester asked to receive the information; "
        "a digital copy is free"
    ),
    "notice_medium_not_by_delivery": (
        "a storage medium cannot be sent %(delivery)s, the way the requester asked to receive the information"
    ),
    "notice_postage_not_by_post": (
        "postage only when the information is sent by post or courier: the requester asked to receive it %(delivery)s"
    ),
    "notice_pages_only_printed": "printed pages only for a printed copy: the notice gives %(form)s (letter f)",
    "notice_medium_only_digital": "a storage medium only for a digital copy: the notice gives %(form)s (letter f)",
    "notice_delivery_before_notice": "not before the date of the notice",
    "email_for_delivery": "required when the information is sent by e-mail",
    "notice_delivery_after_clock": (
        "no later than %(last)s: without a fee the information is handed over within the notice's period"
    ),
    "date_after_decision": "between the date of the decision (%(first)s) and today",
    "date_after_determination": "between the date of the exemption decree it cites (%(first)s) and today",
    "letter_language_unknown": "unknown language",
    "letter_exists_in_language": "the letter exists in that language (%(code)s)",
    "correction_reason_required": "a reason is required",
    "correct_the_original": "correct the original, not its translation",
    "letter_already_corrected": "this letter has been corrected already",
    "letter_not_found": "letter not found",
    "letter_scan_exists": "this letter's scan was uploaded already",
    "sha256_invalid": "invalid sha256: 64 hexadecimal digits",
    "date_between_receipt_and_today": "between %(first)s and today",
    "exemption_period_after_today": "the exemption period must end after today (Article 20)",
    "determination_incomplete": "incomplete determination",
    "exemption_no_longer_holds": "this register entry no longer holds since %(since)s: the information is no longer "
    "exempt; classify the item again and open it (Government Regulation 61/2010 Article 14)",
    "exemption_not_in_register": "not in the exemption register",
    "exemption_expired": "expired on %(until)s: the test must be done again",
    "exemption_ended": "ended on %(on)s, when the refusal it rested on was overturned",
    "exemption_only_for_refusal": "only for a refusal or partial grant",
    "exemption_only_for_exempt_items": "only for exempt information",
    "letter_being_prepared": "the letter is being prepared",
    "letter_no_scan": "no scan uploaded",
    "exactly_one_file": "exactly one file",
    # -- fees (engine.fees) ---------------------------------------------------------------------
    "fee_amount_range": "whole rupiah from 0 to %(max)d",
    "fee_version_exists": "this item already has a version from that date",
    "fee_no_standard": (
        "the fee standard prices no such item on %(date)s: an administrator adds it on the Fee standard page"
    ),
    "fee_not_computable": "the fee cannot be computed from the fee standard",
    "fee_not_asked_for": "the fee charges for what the requester did not ask for",
    "fee_mismatch": "the fee differs from the fee standard",
    "fee_is_computed": "the fee is computed from the quantities and the fee standard: %(total)s",
    "fee_nothing_to_pay": "the written notice states no fee",
    "fee_payment_refused": "the payment does not match the written notice",
    "fee_must_equal_notice": "must equal the fee stated in the written notice: %(total)s",
    "date_between_notice_and_today": "between the notice date (%(first)s) and today",
    "fee_paid_is_recorded": "the payment recorded for this request is %(total)s",
    "objection_order_binds": "the decision is contrary to the order of a granted objection, which binds the PPID",
    "objection_order_full": (
        "objection %(objection)s was granted in full by the PPID superior, whose decision binds the PPID: the request"
        " can only be granted in full, or the information declared not held"
    ),
    "objection_order_grant": (
        "objection %(objection)s was granted by the PPID superior, or settled by agreement with the information handed"
        " over: the request can only be granted, in full or in part, or the information declared not held"
    ),
    "objection_order_period": (
        "give the period for handing the information over in its own field, not in the instruction: the response"
        " letter and the PPID's task then state one limit"
    ),
    "settlement_not_on_ground_a": (
        "not asked on this dispute: it rests on ground a alone (a refusal under the exemptions, Article 17), which is"
        " not mediated (Law 14/2008 Article 40); settling by agreement is for grounds b-g only (Article 35(2))"
    ),
}


@dataclass(frozen=True)
class Message:
    """A thing to say to a person: its code and parameters; ``str()`` is the English words.

    An unknown code or a missing parameter fails where the message is made, not where it is shown.
    """

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self):
        if self.code not in TEMPLATES:
            raise KeyError(f"no message {self.code!r} in engine.messages.TEMPLATES")
        object.__setattr__(self, "params", dict(self.params))
        TEMPLATES[self.code] % self.params  # noqa: B018 - a missing parameter raises KeyError here

    def render(self, translate: Callable[[str], str] | None = None, present: Callable | None = None) -> str:
        """The words, with ``translate`` (a catalog's ``gettext``) applied to the English template and
        ``present`` to each parameter (a date as the reader's language writes it)."""
        template = TEMPLATES[self.code]
        params = {k: present(v) for k, v in self.params.items()} if present else self.params
        return (translate(template) if translate else template) % params

    def __str__(self) -> str:
        return self.render()


def msg(code: str, /, **params) -> Message:
    """``msg("task_claimed", by="ani")``: a field message, or the message of an error."""
    return Message(code, params)
