"""A case's status by SMS or WhatsApp: the requester texts ``STATUS <ticket> <access code>`` to the office's
number, the gateway passes it on, and Kawal answers with the stage, the date the office's or the requester's
deadline falls and what happens next (peers.md §5.7: no peer does it; Kominfo runs its PPID desk on WhatsApp).

What a text carries is what the status page shows a stranger holding the code, less: the stage, the deadline's
day, the next step and where to read more. Never a name, an address, an officer, the officer's words to the
requester (the items missing, which they read on the page) or the code. The reply goes back through the
gateway that sent the text, to the number it came from; Kawal keeps neither the number nor the text.

- The ticket and code are checked as everywhere (engine.codes): wrong codes are counted per ticket and per
  sender (the sender's number as the "address", keyed-hashed like an IP address), and too many are answered
  with how long to wait, not with the status.
- A whistleblower's report is never told by text (a phone is read by others; GlobaLeaks refuses notifications
  for the same reason): its reporter is pointed to the web page.
- A case is answered in the language its requester or reporter chose for their messages (an anonymous reporter's:
  Bahasa Indonesia); only its language is read of their identity, for them, and no officer sees it. A text that is
  not a status question, a wrong code and a whistleblower's report are answered in both languages (whom Kawal
  answers is not known).
- A reply fits two SMS parts (``TEXT_LIMIT``): the page's next step is given whole when it fits, else its first
  sentence, else not at all; the link to the page, which gives it whole, is always there. After the Commission's
  decision the next step names both parties' windows to go to court: whole, the English reply ran to ~390
  characters, three parts billed to the office and read in pieces on a phone.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from engine import codes, kinds, queries
from engine.catalogs import N_, catalog
from engine.errors import NotFound, TooMany
from engine.explanation import day_in_words
from engine.letters.context import requester_locale
from engine.models import Case
from engine.runtime import Runtime

KEYWORDS = ("STATUS", "CEK")
TICKET = re.compile(r"[A-Z]{2,8}-\d{4}-\d{1,9}")
MAX_TEXT = 500  # a status question is three words; longer texts are not read
# Two parts of a long SMS: a phone splits a text over 160 GSM-7 characters into parts of 153 each.
TEXT_LIMIT = 2 * 153
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")

HELP = (
    "Kawal: untuk mengetahui status, kirim STATUS <nomor tiket> <kode akses>, "
    "contoh: STATUS PPID-2026-000123 ABCD-EFGH-JKMN. "
    "To check a case, send STATUS <ticket> <access code>."
)
# Before the case is opened Kawal does not know whom it answers: these are in both languages.
NOT_FOUND = (
    "Kawal: nomor tiket atau kode akses tidak cocok; periksa tanda terima Anda. "
    "The ticket or the access code does not match; check your receipt."
)
TOO_MANY = (
    "Kawal: terlalu banyak kode yang salah; coba lagi dalam {minutes} menit. "
    "Too many wrong codes; try again in {minutes} minutes."
)
ON_THE_WEB = (
    "Kawal: status laporan ini hanya dapat dibaca di {url} dengan nomor tiket dan kode akses Anda. "
    "This report's status is read only at {url} with your ticket and access code."
)
# Once the case is opened, in its requester's language (the catalogs, portal.po).
DUE = N_("Deadline: %(day)s.")
YOURS = N_("Your deadline: %(day)s.")
MORE = N_("Details: %(url)s")


def parse(text: str) -> tuple[str, str] | None:
    """The ticket and the code of ``STATUS <ticket> <code>`` (``CEK`` too; any case, the code's dashes and
    spaces as typed), or None for any other text."""
    words = (text or "")[:MAX_TEXT].upper().split()
    if len(words) < 3 or words[0] not in KEYWORDS or not TICKET.fullmatch(words[1]):
        return None
    return words[1], "".join(words[2:])


def reply(session: Session, rt: Runtime, sender: str, text: str) -> str:
    """The text to send back to ``sender`` (the number, never stored) for ``text``. Counts a wrong code."""
    asked = parse(text)
    if asked is None:
        return HELP
    ticket, code = asked
    try:
        case = codes.open_case(session, rt.settings, ticket, code, "text:" + (sender or "").strip())
    except TooMany as refused:
        return TOO_MANY.format(minutes=max(1, -(-refused.retry_after // 60)))
    except NotFound:
        return NOT_FOUND
    url = f"{rt.settings.public_url}/publik/status"
    if case.kind == kinds.COMPLAINT and case.reporter_mode == "whistleblower":
        return ON_THE_WEB.format(url=url)
    return status_text(session, rt, case, url)


def status_text(session: Session, rt: Runtime, case: Case, url: str) -> str:
    """``PPID-2026-000123: Diproses. Batas waktu: 16 Des 2026. <next step> Rincian: <url>``."""
    locale = requester_locale(rt, session, case)  # their messages' language; an anonymous reporter's: Indonesian
    gettext = catalog(locale).gettext
    shown = queries.public_status(session, case, locale, rt)
    parts = [f"Kawal {case.ticket}: {shown['status_label']}."]
    if shown["due_at"] is not None:
        day = day_in_words(shown["due_at"].astimezone(rt.calendars["strict"].tz).date().isoformat(), locale)
        whose = YOURS if shown["due_owner"] == "citizen" else DUE
        parts.append(gettext(whose) % {"day": day})
    more = gettext(MORE) % {"url": url}
    step = shown["next_step"]
    for said in (step, SENTENCE_END.split(step, maxsplit=1)[0]) if step else ():
        if len(" ".join([*parts, said, more])) <= TEXT_LIMIT:
            parts.append(said)
            break
    parts.append(more)
    return " ".join(parts)
