"""The app factory: settings, database, runtime, the REST API (/api/v1), the pages and their guards.

Kept out of the package's ``__init__`` so that importing ``api.server`` (gunicorn's master reads its worker class
and hooks from there) loads none of this: a reload's new workers then import the new code."""

import sys
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.middleware.proxy_fix import ProxyFix

from api import errors, limits
from api.boundary import retry_on_conflict
from api.extensions import api, db
from engine.config import Settings, load_settings
from engine.db import MIGRATIONS, _sqlite_pragmas
from engine.files import MAX_FILES
from engine.messages import msg
from engine.runtime import Runtime

HSTS_SECONDS = 365 * 24 * 3600  # browsers remember for a year to come back over HTTPS only


def _flask_command() -> bool:
    """Whether this process is Flask's own command line (`flask ...` or `python -m flask ...`)."""
    return Path(sys.argv[0]).name == "flask" or Path(sys.argv[0]).parts[-2:] == ("flask", "__main__.py")


def _bind_flask_migrate(app: Flask, settings: Settings) -> None:
    """Flask-Migrate's `flask --app api db ...` commands, for writing a migration (`db revision --autogenerate`).
    Bound only under Flask's command line: it imports Alembic, Mako and Pygments (~0.13 s), which no web worker,
    RQ worker or `kawal` command needs (`kawal db upgrade` calls Alembic itself: engine.db.upgrade)."""
    from flask_migrate import Migrate

    migrate = Migrate(app, db, directory=str(MIGRATIONS))

    @migrate.configure
    def _url(config):
        config.set_main_option("sqlalchemy.url", settings.database_url.replace("%", "%%"))
        return config


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or load_settings()
    app = Flask("api")  # the package: its templates, static files and logger, as before the factory moved here
    app.config.update(
        SECRET_KEY=settings.secret_key,
        KAWAL=settings,
        SQLALCHEMY_DATABASE_URI=settings.database_url,
        # A statement's error never quotes its parameters (personal data) into a log or an incident (engine.db).
        SQLALCHEMY_ENGINE_OPTIONS={"pool_recycle": 1800, "hide_parameters": True}
        if not settings.database_url.startswith("sqlite")
        else {"connect_args": {"timeout": 30}, "hide_parameters": True},
        API_TITLE="Kawal",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        OPENAPI_SWAGGER_UI_URL="/api/v1/static/swagger-ui/",
        JSON_SORT_KEYS=False,
        # A complaint message carries at most MAX_FILES attachments of the configured size, plus its text.
        MAX_CONTENT_LENGTH=MAX_FILES * settings.max_attachment_bytes + 1024 * 1024,
    )
    db.init_app(app)
    if _flask_command():
        _bind_flask_migrate(app, settings)

    with app.app_context():
        if settings.database_url.startswith("sqlite"):
            event.listen(db.engine, "connect", _sqlite_pragmas)
    app.extensions["kawal_runtime"] = Runtime(settings)
    if settings.redis_url:
        from notifications.scheduling import Scheduler

        app.extensions["kawal_scheduler"] = Scheduler(settings.redis_url)
    elif settings.clock_socket:  # the embedded mode's clock runs in its own process (`kawal clock`)
        from notifications.clock import ClockSocket

        app.extensions["kawal_clock"] = ClockSocket(settings.clock_socket)
    api.init_app(app)
    limits.init_app(app, api)  # the id converter before any route uses it; the body check before any view
    from api.views import register_blueprints

    register_blueprints(api, app)
    errors.register(app)

    @app.errorhandler(StaleDataError)
    def _stale(_error):
        db.session.rollback()
        return errors.error_response(409, msg("case_changed"))

    @app.errorhandler(OperationalError)
    def _busy(error):
        db.session.rollback()
        if "database is locked" in str(error.orig):  # SQLite: another writer holds the file
            return errors.error_response(409, msg("database_busy"))
        raise error

    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if response.mimetype == "application/json":
            response.headers.setdefault("Cache-Control", "no-store")
        if settings.production:  # production is served over HTTPS only (README "Security")
            response.headers.setdefault("Strict-Transport-Security", f"max-age={HSTS_SECONDS}; includeSubDomains")
        return response

    from api import web

    web.init_app(app)  # the web pages; after the JSON error handlers above, which it keeps for /api/ paths
    retry_on_conflict(app)  # every view, API and page: a background job's change of the case runs it again
    if settings.trusted_proxies:
        # Behind nginx the peer is the proxy: believe its X-Forwarded-* headers, and only the last
        # ``trusted_proxies`` hops of them, so the throttles and quotas count the real client's address.
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)
    return app
