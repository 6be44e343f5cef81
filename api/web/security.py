"""CSRF protection for every web form, and the security headers of HTML pages.

Every state-changing request outside /api/ must carry the session's CSRF token (Flask-WTF); the
REST API is exempt as a whole because it authenticates by bearer token only, which a browser never
sends by itself. Exempting by path rather than by blueprint means an API blueprint added later is
exempt too, and a web blueprint added later is protected too, without anyone remembering to.
"""

from flask import request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

API_PREFIX = "/api/"
# Pages load only Kawal's own files (no CDN, no inline script); nobody may frame them.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def _protect_forms() -> None:
    from flask import current_app

    if current_app.config["WTF_CSRF_ENABLED"] and not is_api_request():
        csrf.protect()


def _page_headers(response):
    """Headers for HTML pages, the API's Swagger UI page included; JSON responses keep theirs (create_app)."""
    if response.mimetype != "text/html":
        return response
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Frame-Options", "DENY")
    # Same-origin, not no-referrer: Flask-WTF checks the Referer of a form posted over HTTPS.
    response.headers.setdefault("Referrer-Policy", "same-origin")
    # Pages show case data and the session's CSRF token: never kept by a shared cache or the back button.
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app) -> None:
    app.config.setdefault("WTF_CSRF_ENABLED", True)
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked by _protect_forms, which knows the API's path
    app.config["WTF_CSRF_TIME_LIMIT"] = None  # a token lives as long as its session (a working day)
    csrf.init_app(app)
    app.before_request(_protect_forms)
    app.after_request(_page_headers)
