"""The audit export's body in each format (JSON lines, CSV, XLSX); the API and the auditor console send it.

JSON lines and CSV stream as the rows are read; XLSX, a zip, is written to a temporary file first and
sent in chunks with its length.
"""

import csv
import io
import json
import tempfile

import xlsxwriter
from flask import Response, request, stream_with_context
from werkzeug.wsgi import wrap_file

COLUMNS = ("ticket", "seq", "at", "type", "actor", "data", "prev_hash", "hash")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 64 * 1024
MIMETYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv"}


def export_response(rows, fmt: str) -> Response:
    """The export's rows in one format (jsonl, csv, xlsx) as a response body; the auditor console uses it too.

    JSON lines and CSV stream as they are read; XLSX is written to a temporary file first.
    """
    if fmt == "xlsx":
        return _xlsx_response(rows)
    if fmt == "csv":
        return Response(stream_with_context(_csv(rows)), mimetype=MIMETYPES["csv"])
    lines = (json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)
    return Response(stream_with_context(lines), mimetype=MIMETYPES["jsonl"])


def _cells(row: dict) -> list:
    """One export row as the CSV and XLSX columns: ``data`` as canonical JSON text."""
    return [json.dumps(row["data"], ensure_ascii=False, sort_keys=True) if c == "data" else row[c] for c in COLUMNS]


def _csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(_cells(row))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _xlsx_response(rows) -> Response:
    """Send the workbook from an anonymous temporary file, which the OS deletes when it is closed.

    Closing the response (sent, or the client gone) closes the file; the known length lets a browser
    show the download's progress.
    """
    file = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 -- closed by the response, after sending
    try:
        _write_xlsx(file, rows)
        size = file.seek(0, io.SEEK_END)
        file.seek(0)
    except BaseException:
        file.close()
        raise
    return Response(
        wrap_file(request.environ, file, buffer_size=CHUNK),
        mimetype=XLSX_MIMETYPE,
        direct_passthrough=True,
        headers={"Content-Disposition": "attachment; filename=kawal-audit.xlsx", "Content-Length": str(size)},
    )


def _write_xlsx(file, rows) -> None:
    """One sheet, the CSV's columns, a frozen header row; rows are flushed to disk as they are written.

    Every value is written as what it is (text or number), never parsed: a ``data`` text starting
    with ``=`` must not become a formula. A cell holds at most 32,767 characters (Excel's limit);
    JSON lines is the export to use for events larger than that.
    """
    workbook = xlsxwriter.Workbook(file, {"constant_memory": True, "in_memory": False})
    sheet = workbook.add_worksheet("audit")
    bold = workbook.add_format({"bold": True})
    for col, name in enumerate(COLUMNS):
        sheet.write_string(0, col, name, bold)
    sheet.freeze_panes(1, 0)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(_cells(row)):
            if isinstance(value, int):
                sheet.write_number(r, col, value)
            else:
                sheet.write_string(r, col, value)
    workbook.close()
