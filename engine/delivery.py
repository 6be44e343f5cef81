"""What was handed over to the requester, and the requester's downloads (issue 15, point 2).

A task form whose file field says ``"delivery": true`` in its ``x-kawal-file`` (the delivery task's
``berkas_informasi``) hands its files to the requester. Completing it records ``information_delivered``:
how (``cara_penyerahan``) and when (``tanggal_penyerahan``) the information went, and every file by
id, sha256, size, type and page count, never by name (the history feeds the bundle and the audit
export: hashes only). A delivery on paper, in person or by post has no files and is recorded the same
way with its date.

The requester downloads the delivered files with the ticket and access code for
``KAWAL_DOWNLOAD_DAYS`` calendar days after the delivery; after that a download is refused (410) and
nothing is written. Each download is an event of the case (``information_downloaded``).
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock, task_files
from engine.audit import EventLog
from engine.errors import Gone, NotFound
from engine.ids import in_range
from engine.models import Attachment, Case, HumanTask

REQUESTER = "pemohon"


def delivery_fields(schema: dict) -> list[str]:
    """The file fields of a form whose files go to the requester."""
    specs = {name: node.get(task_files.FILE) for name, node in schema.get("properties", {}).items()}
    return [name for name, spec in specs.items() if isinstance(spec, dict) and spec.get("delivery")]


def pages(media_type: str, data: bytes) -> int | None:
    """A PDF's page count (None when it cannot be read), 1 for a picture."""
    if media_type != "application/pdf":
        return 1
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError, TypeError):
        return None


def record(log: EventLog, case: Case, task: HumanTask, schema: dict, data: dict, stored, actor: str) -> None:
    """Append ``information_delivered`` for a completed task whose form delivers files (see the module).

    ``stored``: the task's files as (row, checked upload) pairs (``task_files.Incoming.stored``).
    """
    fields = delivery_fields(schema)
    if not fields:
        return
    files = [
        {**task_files.described([row])[0], "pages": pages(row.media_type, item.data)}
        for row, item in stored
        if row.field in fields
    ]
    log.append(
        case,
        "information_delivered",
        actor,
        {
            "task_id": task.id,
            "method": data.get("cara_penyerahan"),
            "delivered_on": data.get("tanggal_penyerahan"),
            "files": files,
        },
    )


def available_until(row: Attachment, days: int) -> datetime:
    return row.created_at + timedelta(days=days)


def delivered_files(session: Session, forms, case: Case) -> list[Attachment]:
    """The files the case's completed tasks handed to the requester, oldest first."""
    rows = session.scalars(
        select(Attachment)
        .join(HumanTask, HumanTask.id == Attachment.task_id)
        .where(Attachment.case_id == case.id, HumanTask.state == "completed")
        .order_by(Attachment.id)
    ).all()
    out = []
    for row in rows:
        task = session.get(HumanTask, row.task_id)
        if task.form and row.field in delivery_fields(forms.schema(task.form)):
            out.append(row)
    return out


def public_files(session: Session, rt, case: Case) -> list[dict]:
    """The delivered files as the requester's status shows them: name, facts, until when they download."""
    now = clock.now()
    out = []
    for row in delivered_files(session, rt.forms, case):
        until = available_until(row, rt.settings.download_days)
        out.append(
            {
                "id": row.id,
                "file_name": row.file_name,
                "media_type": row.media_type,
                "size": row.size,
                "sha256": row.sha256,
                "available_until": until,
                "expired": now >= until,
            }
        )
    return out


def download(session: Session, rt, case: Case, attachment_id: int) -> tuple[Attachment, bytes]:
    """The requester downloads a delivered file: refused after its date (nothing written), else an event."""
    row = session.get(Attachment, attachment_id) if in_range(attachment_id) else None
    if row is None or row.case_id != case.id or row not in delivered_files(session, rt.forms, case):
        raise NotFound("file_not_found")
    until = available_until(row, rt.settings.download_days)
    if clock.now() >= until:
        raise Gone("download_expired", date=f"{until:%Y-%m-%d}")
    data = task_files.read(rt, row)
    EventLog(session).append(case, "information_downloaded", REQUESTER, {"file_id": row.id, "sha256": row.sha256})
    return row, data
