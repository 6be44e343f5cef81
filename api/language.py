"""The two languages Kawal speaks, their catalogs, and the engine's messages put into words.

Message ids are English; ``api/translations/id`` translates them to Bahasa Indonesia and
``api/translations/en`` is an (empty) English catalog, compiled in memory at first use
(``engine.catalogs.catalog``, which engine code that words something for a reader uses too).

The pages choose the language from the visitor (``api.web.i18n``); the JSON API from the caller's
``Accept-Language`` (``requested``), Bahasa Indonesia unless English is preferred.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime
from flask import request

from engine.catalogs import DOMAIN, TRANSLATIONS, catalog
from engine.languages import DEFAULT
from engine.letters.render import rupiah
from engine.messages import Message, Money, Named, Term

__all__ = ["DEFAULT", "DOMAIN", "LANGUAGES", "TRANSLATIONS", "catalog", "requested", "say", "say_fields"]

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}  # engine.languages.LOCALES, each by its own name


def requested() -> str:
    """The API caller's language: Bahasa Indonesia unless their ``Accept-Language`` prefers English."""
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT)


def say(message: Message | object, language: str) -> str:
    """A message in ``language``; anything that is not a ``Message`` (a library's text) as it is."""
    if isinstance(message, Message):
        return message.render(catalog(language).gettext, lambda value: _written(value, language))
    return str(message)


def _written(value, language: str):
    """A date parameter as the page writes dates (``2 Des 2026``), an instant with its zone as the pages write it in
    the zone it carries (``2 Des 2026, 16:00 WIB``, api.web.display.office_datetime); a ``Term`` (a group's name)
    translated; a ``Named`` (a holiday's name) in its words of ``language``; ``Money`` as the letters of ``language``
    write it (``Rp26.000``, ``IDR 26,000``); any other as it is."""
    if isinstance(value, Money):  # a plain space in English, as a message writes it (notifications.wording)
        return rupiah(value, language, space=" ")
    if isinstance(value, Term):
        return catalog(language).gettext(value)
    if isinstance(value, Named):
        return value.indonesian if language == "id" else str(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        zone = format_datetime(value, "zzz", tzinfo=value.tzinfo, locale="id")  # WIB, WITA, WIT in either language
        return f"{format_datetime(value, 'd MMM y, HH:mm', tzinfo=value.tzinfo, locale=language)} {zone}"
    if isinstance(value, date) and not isinstance(value, datetime):
        return format_date(value, "d MMM y", locale=language)
    return value


def say_fields(fields: dict, language: str) -> dict[str, list[str]]:
    """Field messages (``{path: [messages]}``) in ``language``."""
    return {path: [say(m, language) for m in messages] for path, messages in fields.items()}
