"""Languages of the web pages: Bahasa Indonesia by default, English by choice.

The catalogs are ``api.language``'s (English message ids, ``api/translations/id`` for Bahasa Indonesia),
shared with the JSON API, which chooses its language from ``Accept-Language`` instead.

The visitor's choice lives in a cookie set by ``GET /bahasa/<code>`` (a plain link: it works without
JavaScript and on the CSRF error page, and changing a display preference needs no CSRF token).
Without the cookie an officer's stored ``User.locale`` decides; on a case's own pages at the portal, the language
the case was filed in (``default_to``: the person who filed in English and comes back with the ticket and code on
another device reads their case in English); then Bahasa Indonesia. A file the API
writes (a register's CSV, the yearly report) speaks the API's language: the caller's ``Accept-Language``,
whatever cookie the same browser holds.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from flask import current_app, g, redirect, request, url_for
from flask_babel import Babel, Domain, get_locale, refresh
from flask_login import current_user

from api.extensions import db
from api.language import DEFAULT, DOMAIN, LANGUAGES, catalog, requested, say
from api.web.blueprint import bp
from api.web.security import is_api_request
from api.web.urls import safe_next

COOKIE = "kawal_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600  # a year: a preference, not a secret


class _PoDomain(Domain):
    """Flask-Babel's message domain, reading our in-memory catalogs instead of .mo files."""

    def get_translations(self):
        return catalog(str(get_locale() or DEFAULT))


class _Babel(Babel):
    @cached_property
    def domain_instance(self):
        return _PoDomain(domain=DOMAIN)


def select_locale() -> str:
    if is_api_request():
        return requested()
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    page_default = g.get(PAGE_DEFAULT)
    if page_default is not None and (spoken := page_default()) in LANGUAGES:
        return spoken
    return DEFAULT


PAGE_DEFAULT = "kawal_page_language"


def default_to(language_of: Callable[[], str]) -> None:
    """This page speaks ``language_of()`` unless the visitor chose a language (the switch's cookie): a case's own
    page at the portal, in the language the case was filed in. ``language_of`` is called only when needed (it reads
    the identity vault), once a request; anything already worded before keeps its language."""
    setattr(g, PAGE_DEFAULT, language_of)
    refresh()


def select_timezone() -> str:
    """Dates are shown in the office's zone (WIB, WITA or WIT), whatever the visitor's machine says."""
    return current_app.config["KAWAL"].office_timezone


def current_language() -> str:
    return str(get_locale() or DEFAULT)


def translated(message) -> str:
    """An engine message (``engine.messages.Message``) in the visitor's language; other text as it is."""
    return say(message, current_language())


def field_errors(fields) -> dict[str, list[str]]:
    """A refusal's messages by field (``Invalid.fields``), in the visitor's language: what a form shows beside each
    field and in its error summary."""
    return {name: [translated(m) for m in messages] for name, messages in (fields or {}).items()}


def refusal_details(error) -> list[str]:
    """Every field message of a refusal, in the visitor's language, in order: one line of a flashed message."""
    return [translated(m) for messages in getattr(error, "fields", {}).values() for m in messages]


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
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, current_language=current_language, translated=translated)
