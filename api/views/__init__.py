"""The /api/v1 blueprints. Each handler is load -> authorize -> act over an engine function."""

from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, current_app, send_from_directory

from api.extensions import db
from engine.runtime import Runtime


def runtime() -> Runtime:
    rt: Runtime = current_app.extensions["kawal_runtime"]
    rt.refresh_overrides(db.session)  # another process (CLI, another web worker) may have changed holidays
    return rt


def commit(*cases) -> None:
    """Commit the request's work, then put the cases' new timers and messages on their way."""
    db.session.commit()
    scheduler = current_app.extensions.get("kawal_scheduler")
    if scheduler is not None:
        for case in cases:
            scheduler.schedule_case(db.session, case.id)
    clock = current_app.extensions.get("kawal_clock")
    if clock is not None:
        clock.wake()


def noted(user, case, what: str) -> None:
    """A read of a confidential or sealed complaint is an event of the case: recorded and committed."""
    from engine.complaints import note_read

    note_read(db.session, user, case, what)
    db.session.commit()


def register_blueprints(api, app) -> None:
    from api.views import (
        audit,
        auth,
        bundle,
        calendar,
        cases,
        chain,
        complaints,
        documents,
        incidents,
        requests,
        tasks,
    )

    for module in (auth, requests, complaints, tasks, cases, chain, bundle, documents, audit, calendar, incidents):
        api.register_blueprint(module.blp, url_prefix="/api/v1")

    assets = Blueprint("swagger_assets", __name__)

    @assets.get("/api/v1/static/swagger-ui/<path:filename>")
    def swagger_asset(filename):
        return send_from_directory(Path(swagger_ui_bundle.swagger_ui_path), filename)

    @assets.get("/api/v1/static/kawal/<path:filename>")
    def kawal_asset(filename):
        """Kawal's own file for the docs page (its start script: no inline script under the CSP)."""
        return send_from_directory(Path(__file__).parent.parent / "static", filename)

    app.register_blueprint(assets)
