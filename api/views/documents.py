"""Documents a complaint has produced (legal-process.md §10b), as plain text in Bahasa Indonesia or English."""

from flask import Response, request
from flask_smorest import Blueprint

from api.auth import current_user, login_required
from api.extensions import db
from api.schemas import DocumentList
from api.views import noted
from engine import access, complaints, documents
from engine.errors import Forbidden

blp = Blueprint("documents", __name__, description="Documents issued on a complaint")

# A unit sees what was referred to it: the clarification request, never the team's internal papers.
UNIT_DOCUMENTS = frozenset({"surat_permintaan_klarifikasi"})


def _readable(user, name: str) -> bool:
    if access.is_complaint_team(user) or "auditor" in user.group_codes:
        return True
    return name in UNIT_DOCUMENTS


def _case(user, ticket):
    case = access.require_staff_case(db.session, user, ticket)
    complaints.require_complaint(case)
    return case


@blp.get("/cases/<string:ticket>/documents")
@login_required
@blp.response(200, DocumentList)
def list_documents(ticket):
    user = current_user()
    case = _case(user, ticket)
    items = [
        {"name": d.name, "title": d.title_id, "title_en": d.title_en, "audience": d.audience}
        for d in documents.issued(db.session, case)
        if _readable(user, d.name)
    ]
    noted(user, case, "documents")
    return {"ticket": case.ticket, "items": items}


@blp.get("/cases/<string:ticket>/documents/<string:name>")
@login_required
@blp.response(200, content_type="text/plain")
def get_document(ticket, name):
    user = current_user()
    case = _case(user, ticket)
    if not _readable(user, name):
        raise Forbidden("dokumen ini bukan untuk unit Anda / this document is not for your unit")
    locale = request.args.get("lang") or request.accept_languages.best_match(["id", "en"], default="id")
    doc, text = documents.render(db.session, case, name, locale)
    noted(user, case, f"document:{name}")
    return Response(
        text,
        mimetype="text/plain",
        headers={"Content-Disposition": f'inline; filename="{case.ticket}-{doc.name}.txt"'},
    )
