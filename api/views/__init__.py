"""The /api/v1 blueprints. Each handler is load -> authorize -> act over an engine function.

The commit and the runtime they share with the pages live in ``api.boundary``.
"""

from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, send_from_directory


def register_blueprints(api, app) -> None:
    from api.views import (
        audit,
        auth,
        bundle,
        calendar,
        cases,
        chain,
        complaints,
        desk_messages,
        dip,
        documents,
        fees,
        gateway,
        health,
        incidents,
        letters,
        reports,
        requests,
        tasks,
        units,
        users,
        workbench,
    )

    modules = (
        auth,
        requests,
        complaints,
        tasks,
        cases,
        chain,
        bundle,
        documents,
        audit,
        calendar,
        incidents,
        dip,
        letters,
        desk_messages,
        fees,
        health,
        gateway,
        workbench,
        reports,
        users,
        units,
    )
    for module in modules:
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
