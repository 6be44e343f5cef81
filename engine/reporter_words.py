"""Kawal's own words to a complaint's reporter, read in the reader's language (legal-process.md §7.2 stage 4, §7.5).

What the team types to a reporter (a question, an outcome in a form's field) is their words, stored as typed. What
Kawal words itself (the complaint closed by its review, engine.complaints; forwarded to another agency,
engine.forwarding; and where else the reporter may go) is stored as a code and its parameters (``CaseMessage.code``,
``CaseMessage.params``: the agency, the letter's number and date, the officer's reason as typed) and worded when it is
read: the portal's page in the language the visitor chose, the JSON API in the caller's. Its ``body`` keeps the words
in Bahasa Indonesia as they were written (the language of record: what a reader that words no codes shows, and
whose length the history records). A message written before the codes has its body only, read as it is.

The English words below are the Babel message ids (``N_``, engine.catalogs); portal.po translates them.
"""

from __future__ import annotations

from engine.catalogs import N_, catalog
from engine.letters.render import long_date

FORWARDED = "complaint_forwarded"
NOT_FOLLOWED_UP = "complaint_not_followed_up"

# Where a reporter may go next when this office will not handle the complaint (UU 25/2009 Pasal 40, 46: the
# Ombudsman oversees public services; Perpres 76/2013: SP4N-LAPOR!, the national complaint system); its law cited
# by its English name, as engine.citations does.
NEXT_STEPS = N_(
    "If you are not satisfied, you may complain to the Ombudsman of the Republic of Indonesia (Law 25/2009"
    " Article 46; ombudsman.go.id) or through SP4N-LAPOR! (lapor.go.id)."
)
# Each code's paragraphs.
WORDS = {
    FORWARDED: (
        N_(
            "Your complaint is outside this office's authority and we have forwarded it to %(agency)s with letter"
            " number %(number)s of %(day)s, without your identity. The reason: %(reason)s"
        ),
        NEXT_STEPS,
    ),
    NOT_FOLLOWED_UP: (N_("We cannot follow up your complaint. The reason: %(reason)s"), NEXT_STEPS),
}
DATES = frozenset({"day"})  # parameters kept as ISO dates, written as the reader's language writes a date


def worded(code: str, params: dict, locale: str) -> str:
    """The message ``code`` says with ``params``, in ``locale``; a parameter is put in as it is (a "%" in the
    officer's reason stays)."""
    gettext = catalog(locale).gettext
    values = {key: long_date(value, locale) if key in DATES else value for key, value in params.items()}
    return "\n\n".join(gettext(paragraph) % values for paragraph in WORDS[code])


def read(code: str | None, params: dict | None, body: str, locale: str | None) -> str:
    """What a reader in ``locale`` reads of a message: Kawal's own words in it; the body when the message has no code
    Kawal knows (the team's or the reporter's words, a message written before the codes) or the reader no language
    (the words of record)."""
    if locale is None or code not in WORDS:
        return body
    try:
        return worded(code, params or {}, locale)
    except (KeyError, ValueError):  # words changed since (a parameter they name was not kept): as it was written
        return body
