"""The evidence bundle a case's chain takes to the Komisi Informasi (legal-process.md §5.3)."""

from flask import Response
from flask_smorest import Blueprint

from api.auth import current_user, login_required
from api.boundary import runtime
from api.extensions import db
from engine import access
from engine.bundle import export_bundle

blp = Blueprint("bundle", __name__, description="Evidence bundles for the Komisi Informasi")


@blp.get("/cases/<string:ticket>/bundle")
@login_required
@blp.response(200, content_type="application/zip")
def get_bundle(ticket):
    """A zip for the case's whole chain: chronology, notices and decisions, consequence test, hashed histories.

    It holds the history up to this export, which is then recorded on the case as ``bundle_exported``
    with the zip's sha256. No identity of the requester or a proxy is in it.
    """
    user = current_user()
    access.require_bundle_reader(user)
    case = access.require_staff_case(db.session, user, ticket)
    bundle = export_bundle(db.session, runtime(), case, user.username)
    db.session.commit()  # only an event: no timer or message to schedule
    return Response(
        bundle.data,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{bundle.file_name}"'},
    )
