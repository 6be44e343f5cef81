"""The Babel catalogs Kawal's words are translated with, readable without Flask.

Message ids are English; ``api/translations/id`` translates them to Bahasa Indonesia and ``api/translations/en`` is
an (empty) English catalog. The ``.po`` files are the only source: they are compiled in memory the first time a
language is used, so a fresh checkout, an installed wheel and a read-only container all speak both languages without
a build step, and a stale ``.mo`` can never disagree with its ``.po``. ``pybabel compile`` still works for anyone who
wants files.

The pages and the JSON API reach them through ``api.language`` (and Flask-Babel's ``gettext``); engine code that words
something for a reader outside a page (the status a requester reads, by the API, the portal and by text message) takes
``catalog(locale).gettext`` here, its messages marked ``N_`` where they are defined (babel.cfg extracts engine/).
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from engine import languages

TRANSLATIONS = Path(__file__).resolve().parent.parent / "api" / "translations"
DOMAIN = "messages"


def N_(message: str) -> str:  # noqa: N802 - Babel's keyword for a message id translated later
    return message


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 - pgettext's, marked: translated later
    """A message id whose English means something else elsewhere (``Withdrawn``: a stage, "Dicabut"; an item of the
    public information list, "Ditarik"), with the context (msgctxt) that parts the two; ``translated`` reads it."""
    return context, message


def translated(message: str | tuple[str, str], locale: str) -> str:
    """An ``N_`` message id, or an ``NP_`` (context, id), in ``locale``."""
    if isinstance(message, tuple):
        return catalog(locale).pgettext(*message)
    return catalog(locale).gettext(message)


@lru_cache(maxsize=len(languages.LOCALES))
def catalog(locale: str) -> Translations:
    """The compiled catalog of one language, built once per process from its .po files.

    ``messages.po`` holds the frame and the officer pages; each other area (the portal, the case page,
    the auditor console, the engine's messages in ``errors.po``) keeps its own ``<area>.po`` beside it,
    merged in here. A msgid already in an earlier file keeps that file's translation (a msgid with a msgctxt is
    another message than the same msgid without).
    """
    folder = TRANSLATIONS / locale / "LC_MESSAGES"
    paths = sorted(folder.glob("*.po"), key=lambda p: (p.stem != DOMAIN, p.name))
    if not paths:
        return Translations()
    messages = None
    for path in paths:
        with path.open("rb") as po:
            part = read_po(po, locale=locale, domain=DOMAIN)
        if messages is None:
            messages = part
            continue
        for message in part:
            if message.id and messages.get(message.id, message.context) is None:
                messages[message.id] = message
    mo = BytesIO()
    write_mo(mo, messages)  # fuzzy entries stay untranslated, as pybabel compile would leave them
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)
