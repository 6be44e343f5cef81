"""Documents a complaint has produced (legal-process.md §10b), as plain text in Bahasa Indonesia or English."""

from flask import Response, request
from flask_smorest import Blueprint

from api.auth import current_user, login_required
from api.boundary import noted, runtime
from api.extensions import db
from api.language import requested
from api.schemas import DocumentList
from engine import access, complaints, documents

blp = Blueprint("documents", __name__, description="Documents issued on a complaint")


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
        if access.can_read_case_document(db.session, user, case, d.name)
    ]
    noted(user, case, "documents")
    return {"ticket": case.ticket, "items": items}


@blp.get("/cases/<string:ticket>/documents/<string:name>")
@login_required
@blp.response(200, content_type="text/plain")
def get_document(ticket, name):
    user = current_user()
    case = _case(user, ticket)
    access.require_read_document(db.session, user, case, name)
    locale = request.args.get("lang") or requested()
    readers = access.field_readers(user, case)
    rt = runtime()
    doc, text = documents.render(db.session, rt.forms, case, name, locale, readers, rt)
    noted(user, case, f"document:{name}")
    return Response(
        text,
        mimetype="text/plain",
        headers={"Content-Disposition": f'inline; filename="{case.ticket}-{doc.name}.txt"'},
    )
