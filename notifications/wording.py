"""A message's facts in its reader's words (``notifications.rendering.render``).

An outbox row is written before anyone knows who will read it in which language (the language is read from the
vault or the officer's record when the message is sent), so the row keeps facts: a deadline's code, its legal basis
as Indonesian practice cites it, moments in ISO 8601, a status's code, which line tells the requester where to
follow the case. This module writes them out for one reader:

- the deadline's name (``engine.outbox.deadline_label``) and legal basis (``engine.citations.message_basis``; the
  number of days a basis names, "(30 hari)", "(10 hari kerja)", in English too);
- whose time the deadline is (``deadline_holder``): ``requester`` for a window that is the requester's or the
  reporter's own (``REQUESTER_WINDOWS``), which a staff mail tells as their time ending, never as the office late;
  ``commission`` for the Commission's own period in a dispute (``COMMISSION_CLOCKS``), which a staff mail tells as
  the Commission's, never as the PPID's obligation late; ``agency`` otherwise; ``internal_limit`` for an office's
  internal limit (``engine.lateness.COORDINATION``: a unit's answer, the referral to the Inspectorate General, a
  dispute's preparation), which a staff mail never tells as the case's lateness or a legal obligation missed; for a
  window an officer confirms ended
  (``engine.windows.WINDOW_WORDS``), ``confirm_from``: the first day the confirmation may be recorded and dated
  (``engine.windows.confirm_from``);
- for a period the law counts in days (``day_unit``: ``calendar_days``, engine.outbox.deadline_context), the days
  left to its due day as the message is sent (``days_left``: negative once it has passed), never working days;
- the dates and times, in one long form: ``21 Desember 2026 pukul 16.00 WIB`` / ``21 December 2026, 16:00 WIB``;
- a status or decision the row names by its code (``status_code``, ``outcome_code``: ``engine.status.label``);
- an amount of money (``fee_amount``, whole rupiah), as the reader's language writes it, as the letters do
  (``engine.letters.render.rupiah``): ``Rp26.000`` / ``IDR 26,000``;
- ``portal_hint``, the line on following the case, with the absolute link to the portal's status page
  (``KAWAL_PUBLIC_URL`` + ``/publik/status``, the ticket filled in). A link never carries the access code.

Rows written before these facts were kept as codes still render: a date in the old ``21-12-2026 16:00 WIB`` form or
an Indonesian long date is read back, and a hint whose text is not one of ``HINTS`` is chosen by the message's event
and the case's kind.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import quote

from engine import citations, clock, status, windows
from engine.catalogs import N_, catalog
from engine.lateness import COORDINATION
from engine.letters.render import MONTHS, rupiah
from engine.outbox import CALENDAR_DAYS, deadline_label

STATUS_PATH = "/publik/status"  # api.web.portal.following: opened with ?kasus=<ticket>, it asks for the code only
LOST_CODE_PATH = "/publik/kode-hilang"  # api.web.portal.lost_code
CASE_PATH = "/kasus/"  # api.web.case.case: the officers' page of a case (a staff mail's link; they log in first)
# The context keys that hold a date or a moment (engine.outbox.instant), written out for the reader: the staff's
# item messages' days too (a follow-up's day, an exemption's end, the yearly report's due day), which rows written
# before were kept in the short ``16/12/2026`` or ``16-12-2026`` form.
DATE_KEYS = (
    "received_at",
    "due_at",
    "new_due_at",
    "download_until",
    "withdrawn_at",
    "window_ends_on",
    "window_accepted_until",
    "follow_up_on",
    "since",
    "due_on",
    "letter_date",
    "revealed_on",
    "leave_last_day",
    "final_on",  # a dispute's decision final and binding, carried out, decided, agreed (engine.notices, case_facts)
    "carried_out_on",
    "decided_on",
    "agreed_on",
    "lodged_on",
)
ZONES = {"+07:00": "WIB", "+08:00": "WITA", "+09:00": "WIT"}  # as engine.explanation names the offices' zones
# The windows that are the requester's or the reporter's own, by their code (a row keeps the code alone): those the
# models mark clock "window" on the lenient calendar (a complaint's evidence window, BUKTI; a request's time to
# complete it, K_LENGKAP) and an applicant's windows in a dispute (engine.chain.APPLICANT_CLOCKS): engine.chain.holder
# gives them as "requester" (tests/notifications/test_requester_window_staff_mail.py reads the models).
REQUESTER_WINDOWS = frozenset({"BUKTI", "K_LENGKAP", "P14P", "K14P"})
# The Commission's own periods in a dispute (sengketa_informasi.bpmn's clock "info" that is not the applicant's:
# engine.chain.holder gives them as "commission"): the mediation's (M14, M21) and the settlement's (K100). A staff
# mail tells them as the Commission's period, never as the PPID's legal obligation late
# (tests/notifications/test_desk_words_in_staff_mail.py reads the model). The office's own last days to take a
# position, also clock "info" (engine.chain.OFFICE_LAST_DAYS), are not among them: they remind no one.
COMMISSION_CLOCKS = frozenset({"M14", "M21", "K100"})
# The staff mails the Whistleblowing System's managers read about a whistleblower's report (engine.complaints): their
# footer names the WBS; a complaint's other mails the complaint handling; every other case's the PPID.
WBS_EVENTS = frozenset({"whistleblower_report_received", "reveal_requested", "reveal_decided"})

# The line that tells a requester or reporter where to follow the case, by what the message is about. The stored
# ``portal_hint`` names one of these (engine.notices, engine.complaints, engine.lost_codes). English message ids the
# catalogs translate (engine.catalogs; portal.po).
HINTS = {
    "status": N_(
        "Follow your %(noun)s at %(link)s with number %(ticket)s and your access code. Lost the code? Ask for a new"
        " one at %(lost)s."
    ),
    "complaint": N_(
        "Read and answer the officers' messages at %(link)s with number %(ticket)s and your complaint's access code."
        " Lost the code? Ask for a new one at %(lost)s."
    ),
    "survey": N_(
        "Open %(link)s, enter number %(ticket)s and your access code, then choose \u201cAnswer the satisfaction"
        " survey\u201d."
    ),
    "code": N_("Open %(link)s and enter number %(ticket)s with the new access code above."),
}
_CODE_EVENTS = frozenset({"access_code_resent", "proxy_ended_new_code"})

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?")
_OLD_MOMENT = re.compile(r"(\d{2})[-/](\d{2})[-/](\d{4})(?: (\d{2}):(\d{2})(?: (\S+))?)?")
_LONG = re.compile(r"(\d{1,2}) (\w+) (\d{4})")
_MONTH_NUMBER = {name.lower(): i + 1 for names in MONTHS.values() for i, name in enumerate(names)}


def links(public_url: str, ticket: str) -> dict:
    """The portal's pages a message points to, absolute under ``public_url`` (the ticket is no secret: it is
    in the subject; the code never goes into a link), and the officers' page of the case (``case_link``)."""
    base = (public_url or "").rstrip("/")
    return {
        "status_link": f"{base}{STATUS_PATH}?kasus={quote(ticket, safe='')}" if ticket else f"{base}{STATUS_PATH}",
        "lost_code_link": f"{base}{LOST_CODE_PATH}",
        "case_link": f"{base}{CASE_PATH}{quote(ticket, safe='')}",
    }


def hint(event: str, kind: str, stored, locale: str, words: dict) -> str:
    """The line on following the case in ``locale``: the stored hint's, else the one the event and kind call for."""
    if stored not in HINTS:
        if event == "survey_invitation":
            stored = "survey"
        elif event in _CODE_EVENTS:
            stored = "code"
        else:
            stored = "complaint" if kind == "pengaduan" else "status"
    return catalog(locale).gettext(HINTS[stored]) % {
        "noun": words["noun"],
        "link": words["status_link"],
        "lost": words["lost_code_link"],
        "ticket": words["ticket"],
    }


def when(value, locale: str) -> str:
    """A date or a moment in the reader's long form; a value that is neither is left as it is."""
    if isinstance(value, datetime):
        return _moment(value.date(), value.strftime("%H:%M"), _zone(value), locale)
    if isinstance(value, date):
        return _day(value, locale)
    if not isinstance(value, str) or not value:
        return value
    text = value.strip()
    if _ISO.fullmatch(text):
        at = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if len(text) == 10:
            return _day(at.date(), locale)
        return _moment(at.date(), at.strftime("%H:%M"), _zone(at), locale)
    old = _OLD_MOMENT.fullmatch(text)
    if old:
        day, month, year, hour, minute, zone = old.groups()
        on = date(int(year), int(month), int(day))
        return _moment(on, f"{hour}:{minute}", zone or "", locale) if hour else _day(on, locale)
    long = _LONG.fullmatch(text)
    if long and long.group(2).lower() in _MONTH_NUMBER:
        return _day(date(int(long.group(3)), _MONTH_NUMBER[long.group(2).lower()], int(long.group(1))), locale)
    return value


def _zone(at: datetime) -> str:
    offset = at.strftime("%z")
    if not offset:
        return ""
    return ZONES.get(f"{offset[:3]}:{offset[3:]}", at.tzname() or "")


def _day(on: date, locale: str) -> str:
    return f"{on.day} {MONTHS['en' if locale == 'en' else 'id'][on.month - 1]} {on.year}"


def _moment(on: date, hhmm: str, zone: str, locale: str) -> str:
    zone = f" {zone}" if zone else ""
    if locale == "en":
        return f"{_day(on, locale)}, {hhmm}{zone}"
    return f"{_day(on, locale)} pukul {hhmm.replace(':', '.')}{zone}"


def days_left(due_at) -> int | None:
    """The days from today to the due day of ``due_at`` as a row keeps it (ISO with its offset, or the older
    ``16-12-2026 16:00 WIB``), both days in the due time's own zone; None when it cannot be read."""
    due = _due_moment(due_at)
    if due is None:
        return None
    return (due.date() - clock.now().astimezone(due.tzinfo).date()).days


def _due_moment(due_at) -> datetime | None:
    """``due_at`` as a row keeps it, read back with its zone; None when it cannot be read."""
    text = due_at.strip() if isinstance(due_at, str) else ""
    if _ISO.fullmatch(text) and len(text) > 10:
        due = datetime.fromisoformat(text.replace("Z", "+00:00"))
    elif (old := _OLD_MOMENT.fullmatch(text)) and old.group(4):
        offset = next((o for o, name in ZONES.items() if name == old.group(6)), "+07:00")
        day, month, year, hour, minute = old.group(1, 2, 3, 4, 5)
        due = datetime.fromisoformat(f"{year}-{month}-{day}T{hour}:{minute}{offset}")
    else:
        return None
    return due if due.tzinfo is not None else None


def desk(event: str, kind: str) -> str:
    """The desk a staff mail speaks for: ``wbs`` (the WBS managers' news of a whistleblower's report), ``pengaduan``
    (a complaint: the complaint team's, never the PPID's, engine.kinds), else ``ppid``."""
    if event in WBS_EVENTS:
        return "wbs"
    return "pengaduan" if kind == "pengaduan" else "ppid"


def localized(event: str, locale: str, context: dict, words: dict) -> dict:
    """The keys of ``context`` that read differently in ``locale``, written out; ``words`` holds the derived keys
    (``noun``, ``kind``, the links, the ticket)."""
    out: dict = {}
    name = context.get("deadline")
    if name:
        out["deadline_label"] = deadline_label(name, locale)
        out["deadline_holder"] = (
            "requester" if name in REQUESTER_WINDOWS else "commission" if name in COMMISSION_CLOCKS else "agency"
        )
        out["internal_limit"] = name in COORDINATION  # an office's internal limit: never the case's lateness
        due = _due_moment(context.get("due_at")) if name in windows.WINDOW_WORDS else None
        if due is not None:  # a window an officer confirms ended: from the day after its last day (the row's zone)
            out["confirm_from"] = _day(windows.confirm_from(due, due.tzinfo), locale)
        if "legal_basis" in context:
            out["legal_basis"] = citations.message_basis(context["legal_basis"], locale)
        if context.get("day_unit") == CALENDAR_DAYS:
            left = days_left(context.get("due_at"))
            if left is not None:  # else the working days the row counted, as before
                out["days_left"] = left
    for key in DATE_KEYS:
        if key in context:
            out[key] = when(context[key], locale)
    for code_key, label_key in (("status_code", "status_label"), ("outcome_code", "outcome_label")):
        if context.get(code_key):
            out[label_key] = status.label(context[code_key], locale)
    if context.get("fee_amount"):
        out["fee_amount"] = rupiah(context["fee_amount"], locale, space=" ")
    if "portal_hint" in context:
        out["portal_hint"] = hint(event, words.get("kind", ""), context["portal_hint"], locale, words)
    return out
