"""Languages of the web pages: Bahasa Indonesia by default, English by choice.

Message ids in templates and code are English; ``api/translations/id`` translates them to Bahasa
Indonesia and ``api/translations/en`` is an (empty) English catalog. The ``.po`` files are the only
source: they are compiled in memory the first time a language is used, so a fresh checkout, an
installed wheel and a read-only container all speak both languages without a build step, and a
stale ``.mo`` can never disagree with its ``.po``. ``pybabel compile`` still works for anyone who
wants files.

The visitor's choice lives in a cookie set by ``GET /bahasa/<code>`` (a plain link: it works without
JavaScript and on the CSRF error page, and changing a display preference needs no CSRF token).
Without the cookie an officer's stored ``User.locale`` decides, then Bahasa Indonesia.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from flask import current_app, redirect, request, url_for
from flask_babel import Babel, Domain, get_locale
from flask_login import current_user

from api.extensions import db
from api.web.blueprint import bp
from api.web.urls import safe_next

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT = "id"
COOKIE = "kawal_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600  # a year: a preference, not a secret
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"


@lru_cache(maxsize=len(LANGUAGES))
def catalog(locale: str) -> Translations:
    """The compiled catalog of one language, built once per process from its .po files.

    ``messages.po`` holds the frame and the officer pages; each other area of the site (the portal,
    the case page, the auditor console) keeps its own ``<area>.po`` beside it, merged in here.
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
            if message.id and message.id not in messages:
                messages[message.id] = message
    mo = BytesIO()
    write_mo(mo, messages)  # fuzzy entries stay untranslated, as pybabel compile would leave them
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


class _PoDomain(Domain):
    """Flask-Babel's message domain, reading our in-memory catalogs instead of .mo files."""

    def get_translations(self):
        return catalog(str(get_locale() or DEFAULT))


class _Babel(Babel):
    @cached_property
    def domain_instance(self):
        return _PoDomain(domain=DOMAIN)


def select_locale() -> str:
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    return DEFAULT


def select_timezone() -> str:
    """Dates are shown in the office's zone (WIB, WITA or WIT), whatever the visitor's machine says."""
    return current_app.config["KAWAL"].office_timezone


def current_language() -> str:
    return str(get_locale() or DEFAULT)


def localized(message: str) -> str:
    """The visitor's half of an engine message written ``"Bahasa Indonesia / English"``.

    Engine errors carry both languages in one string (engine.errors); a message without exactly
    one " / " separator is shown whole.
    """
    parts = message.split(" / ")
    if len(parts) != 2:
        return message
    return parts[1] if current_language() == "en" else parts[0]


@bp.get("/bahasa/<code>")
def switch_language(code: str):
    """Remember the chosen language and go back to the page the visitor came from.

    An officer's choice is also stored on their account, so their e-mails follow it.
    """
    response = redirect(safe_next(request.args.get("next")) or url_for("web.home"))
    if code in LANGUAGES:
        settings = current_app.config["KAWAL"]
        response.set_cookie(
            COOKIE, code, max_age=COOKIE_MAX_AGE, httponly=True, samesite="Lax", secure=settings.production
        )
        if current_user.is_authenticated and current_user.user.locale != code:
            current_user.user.locale = code
            db.session.commit()
    return response


def init_app(app) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    _Babel(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, current_language=current_language, localized=localized)
