import csv
import io
import json

from flask import Response, stream_with_context
from flask_smorest import Blueprint

from api.auth import current_user, login_required
from api.extensions import db
from api.schemas import AuditQuery
from engine import access
from engine.audit import iter_export

blp = Blueprint("audit", __name__, description="Tamper-evident history exports for auditors")
COLUMNS = ("ticket", "seq", "at", "type", "actor", "data", "prev_hash", "hash")


@blp.get("/audit/export")
@login_required
@blp.arguments(AuditQuery, location="query")
@blp.response(200, content_type="application/x-ndjson")
def export(query):
    """Every event of every case touched in [from, to), streamed as JSON lines or CSV, with its hashes."""
    access.require_auditor(current_user())
    rows = iter_export(db.session, query.get("from_"), query.get("to"))
    if query["format"] == "csv":
        return Response(
            stream_with_context(_csv(rows)),
            mimetype="text/csv",
            headers={"Content-Disposition": "attachment; filename=kawal-audit.csv"},
        )
    lines = (json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)
    return Response(
        stream_with_context(lines),
        mimetype="application/x-ndjson",
        headers={"Content-Disposition": "attachment; filename=kawal-audit.jsonl"},
    )


def _csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [json.dumps(row["data"], ensure_ascii=False, sort_keys=True) if c == "data" else row[c] for c in COLUMNS]
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
