"""HTML error pages in the visitor's language for every path outside /api/.

create_app registers JSON handlers (api.errors, flask-smorest, the stale-case and busy-database
handlers) for the whole app. Each handler here takes over its exception class and hands /api/ paths
back to the handler that was registered before it, so API responses stay byte for byte what they
were; every other path gets a page.
"""

from __future__ import annotations

import logging

from flask import has_request_context, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from api.errors import keep_headers, retry_after, status_of
from api.extensions import db
from api.web.i18n import translated
from api.web.security import is_api_request
from api.web.urls import safe_next
from engine.errors import KawalError

log = logging.getLogger(__name__)

TITLES = {
    400: _l("The request could not be understood"),
    401: _l("Please log in"),
    403: _l("You are not allowed to do this"),
    404: _l("Page not found"),
    405: _l("This action is not available here"),
    409: _l("Someone changed this case in the meantime"),
    413: _l("The upload is too large"),
    422: _l("The data is not valid"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong on our side"),
    503: _l("This is not available on this server now"),
}
EXPLANATIONS = {
    400: _l("Go back, reload the page and try again."),
    403: _l("Your groups do not allow this. Ask your superior if you think you should have access."),
    404: _l("There is no such page, or it is not visible to you. Check the address or go back to your inbox."),
    405: _l(
        "This address is opened by a button on a page, not by typing it or following a link. Go back to the page "
        "and use its button."
    ),
    409: _l("Go back, reload the page and try again."),
    413: _l("What was sent is larger than this server accepts. Go back and send smaller files, or fewer at a time."),
    429: _l("Wait a few minutes and try again."),
    500: _l("The error has been recorded. Try again in a moment; if it happens again, tell the administrator."),
}
# The public portal's readers have no inbox and no groups: what an officer reads there ("go back to your inbox") says
# nothing to them. A case's pages close 15 minutes after the last visit (api.web.portal.access.VERIFIED_FOR).
PORTAL = "/publik"
PUBLIC_EXPLANATIONS = {
    403: _l(
        "This page is not open to you. If you are following your case, open it again with its ticket and access code."
    ),
    404: _l(
        "There is no such page, or it is no longer open to you: a case's pages close 15 minutes after your last "
        "visit. Check the address, or open your case again with its ticket and access code."
    ),
}


def error_page(status: int, message: str | None = None, *, title=None, explanation=None, back: str | None = None):
    """Render the error page; never touches the database (it may be what just failed)."""
    public = has_request_context() and (request.path == PORTAL or request.path.startswith(f"{PORTAL}/"))
    explained = (public and PUBLIC_EXPLANATIONS.get(status)) or EXPLANATIONS.get(status)
    return (
        render_template(
            "error.html",
            status=status,
            title=title or TITLES.get(status, TITLES[400]),
            message=message,
            explanation=explanation or explained,
            back=back,
            public=public,
            error_page=True,
        ),
        status,
    )


def _http_error(error: HTTPException):
    status = error.code or 500
    if status >= 500:
        db.session.rollback()  # Flask has logged the cause; the page says only that it happened
    # Werkzeug's descriptions are English whatever the reader's language ("The method is not allowed for the requested
    # URL."): the title and explanation of the status say it. Only a refusal of Kawal's own carries words to show
    # (api.limits.Refused: a Message, said in the reader's language).
    own = getattr(error, "message", None)
    message = translated(own) if own is not None and status < 500 else None
    body, status = error_page(status, message)
    return keep_headers(make_response(body, status), error)


def _csrf_error(_error: CSRFError):
    """The form's security token is missing or stale: say so plainly and offer the way back."""
    return error_page(
        400,
        title=_l("This form has expired"),
        explanation=_l(
            "For your security every form carries a token that expires with your session. "
            "Go back, reload the page and submit the form again; what you typed may need to be entered again."
        ),
        back=_referrer_path(),
    )


def _domain_error(error: KawalError):
    db.session.rollback()  # nothing half-done survives a refused operation
    body, status = error_page(status_of(error), translated(error.message))
    response = make_response(body, status)
    return retry_after(response, error)


def _stale(_error):
    db.session.rollback()
    return error_page(409)


def _busy(error: OperationalError):
    db.session.rollback()
    if "database is locked" in str(error.orig):
        return error_page(409, explanation=_l("The database is busy. Go back and try again in a moment."))
    log.exception("database error on %s", request.path)
    return error_page(500)


def _referrer_path() -> str | None:
    referrer = request.referrer or ""
    host = request.host_url.rstrip("/")
    return safe_next(referrer[len(host) :]) if referrer.startswith(host + "/") else None


def _for_pages(app, exc_class, page_handler) -> None:
    """Serve ``exc_class`` with ``page_handler`` outside /api/ and with the earlier handler inside it."""
    api_handler = app.error_handler_spec[None][None].get(exc_class)

    def handler(error):
        if is_api_request():
            if api_handler is not None:
                return api_handler(error)
            if isinstance(error, HTTPException):
                return error
            raise error
        return page_handler(error)

    app.register_error_handler(exc_class, handler)


def init_app(app) -> None:
    _for_pages(app, HTTPException, _http_error)
    _for_pages(app, CSRFError, _csrf_error)
    _for_pages(app, KawalError, _domain_error)
    _for_pages(app, StaleDataError, _stale)
    _for_pages(app, OperationalError, _busy)
