"""The audit export's body in each format (JSON lines, CSV, XLSX); the API and the auditor console send it.

JSON lines is the canonical history, for machines and the hash check. CSV and XLSX are for an auditor to
read: Bahasa Indonesia headers (English on request), each event in words beside its name (``uraian_peristiwa``, as
the case page names it, in the export's language), one column per field, instants in office time, the agency's name
in every row and, in the workbook, on its title and every printed page. The CSV opens with a byte order mark, as
every CSV download of Kawal (api.reports.files.BOM): without it a spreadsheet reads a name's "é" or an em dash in
the computer's own code page. The hashes are the history's own: the rows'
words are not hashed, and the JSON lines export is what a chain check reads. JSON lines and CSV
stream as the rows are read; XLSX, a zip, is written to a temporary file first and sent with its length.
"""

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import xlsxwriter
from flask import Response, request, stream_with_context
from werkzeug.wsgi import wrap_file

from api.language import catalog
from api.reports.files import BOM, safe_csv
from api.reports.history import COMPLAINT_FIRST, event_label
from engine.messages import Message, msg

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 64 * 1024
MIMETYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv"}
XLSX_MAX_EVENTS = 500_000
"""The most events a workbook export takes. A workbook is written whole before its first byte is sent (a zip),
at 13,000-20,000 rows a second here (bench/README.md): 500,000 events are about half a minute of silence,
where a proxy answers 70 s with a 504. CSV and JSON lines stream, whatever their size."""


def workbook_refusal(fmt: str, events: int, number=str) -> Message | None:
    """Why an export of ``events`` events may not be a workbook (``XLSX_MAX_EVENTS``), or None; ``number`` writes
    the counts (a page writes them in its language, the API plainly)."""
    if fmt != "xlsx" or events <= XLSX_MAX_EVENTS:
        return None
    return msg("workbook_too_many_events", events=number(events), max=number(XLSX_MAX_EVENTS))


# The readable exports' fixed columns, (English, Bahasa Indonesia); between seq..words and the hashes comes
# one column per field of the events' data (``isian.<field>`` / ``data.<field>``), never a JSON column. ``type`` is
# the event's name, for machines; ``words`` the event as the case page names it, in the export's language.
HEAD = (
    ("agency", "instansi"),
    ("ticket", "tiket"),
    ("seq", "urutan"),
    ("at", "waktu"),
    ("type", "peristiwa"),
    ("actor", "pelaku"),
    ("event_in_words", "uraian_peristiwa"),
)
TAIL = (("prev_hash", "hash_sebelumnya"), ("hash", "hash"))
FIELD_PREFIX = ("data.", "isian.")
YES_NO = (("yes", "no"), ("ya", "tidak"))
TITLE = ("%s: case histories (Kawal audit export)", "%s: riwayat kasus (ekspor audit Kawal)")
PAGE_FOOTER = ("&CPage &P of &N", "&CHalaman &P dari &N")


@dataclass(frozen=True)
class Readable:
    """How the CSV and XLSX speak: the language of their headers, the agency named, the office's zone."""

    language: str = "id"
    agency: str = ""
    zone: ZoneInfo = ZoneInfo("Asia/Jakarta")

    @property
    def i(self) -> int:
        return 0 if self.language == "en" else 1


def readable_for(settings, language: str) -> Readable:
    """The readable exports' words and zone from the app's settings (``KAWAL_AGENCY_NAME``, ``KAWAL_OFFICE_TZ``)."""
    return Readable("en" if language == "en" else "id", settings.agency_name, ZoneInfo(settings.office_timezone))


def export_response(rows, fmt: str, readable: Readable | None = None) -> Response:
    """The export in one format (jsonl, csv, xlsx) as a response body; the auditor console uses it too.

    ``rows`` is a function giving the rows afresh: JSON lines reads them once and streams the canonical
    events (what ``kawal audit verify`` and ``engine.audit.verify_rows`` check); CSV and XLSX read them
    twice, first to learn every field of the events' data (one column each), then to write them, with
    headers in Bahasa Indonesia (English on request), instants in the office's time and the agency named.
    """
    readable = readable or Readable()
    if fmt == "xlsx":
        return _xlsx_response(rows, readable)
    return Response(stream_with_context(export_text(rows, fmt, readable)), mimetype=MIMETYPES[fmt])


def export_text(rows, fmt: str, readable: Readable | None = None) -> Iterator[str]:
    """The JSON lines or CSV export as pieces of text, streamed as ``rows`` are read: the body the API sends, and
    what ``kawal audit export`` writes to its file (no request needed)."""
    readable = readable or Readable()
    if fmt == "csv":
        return _csv(rows, readable)
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # one encoder, not one per event
    return _chunks(encode(row) + "\n" for row in rows())


def _chunks(texts):
    """The texts joined into pieces of about ``CHUNK`` characters: one write to the client per piece, not per
    event (a million events were a million writes)."""
    piece, size = [], 0
    for text in texts:
        piece.append(text)
        size += len(text)
        if size >= CHUNK:
            yield "".join(piece)
            piece, size = [], 0
    if piece:
        yield "".join(piece)


def flatten(data, prefix: str = "") -> dict:
    """An event's data as ``{field: value}``, a nested object's fields as ``outer.inner``."""
    out = {}
    for key, value in (data or {}).items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.update(flatten(value, name + "."))
        else:
            out[name] = value
    return out


def _fields(rows) -> list[str]:
    names: set[str] = set()
    for row in rows():
        names.update(flatten(row["data"]))
    return sorted(names)


def headers(fields: list[str], readable: Readable) -> list[str]:
    i = readable.i
    return [h[i] for h in HEAD] + [FIELD_PREFIX[i] + f for f in fields] + [h[i] for h in TAIL]


def _value(value, readable: Readable):
    """A cell: a number stays a number; true/false in words; an instant in the office's time; a list joined."""
    if isinstance(value, bool):
        return YES_NO[readable.i][0 if value else 1]
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        return _office_time(value, readable)
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return "; ".join(str(_value(v, readable)) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _office_time(text: str, readable: Readable) -> str:
    """An ISO instant with its zone, in the office's zone (``...T10:15:00+07:00``); any other text as it is."""
    if len(text) < 20 or text[4:5] != "-" or "T" not in text:
        return text
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        return text
    return instant.astimezone(readable.zone).isoformat() if instant.tzinfo else text


class EventWords:
    """Each exported event in words (api.reports.history), in the export's language, with no request needed.

    A complaint's read is named by the reporter's mode, which its first event keeps: the rows come case by case from
    each case's first event (engine.audit.iter_export), so the words remember only the case being read."""

    def __init__(self, language: str):
        self.gettext = catalog(language).gettext
        self.ticket: str | None = None
        self.mode: str | None = None
        self.complaint = False

    def __call__(self, row: dict) -> str:
        data = row["data"] if isinstance(row["data"], dict) else {}
        if row["ticket"] != self.ticket:
            self.ticket, self.complaint = row["ticket"], row["type"] == COMPLAINT_FIRST
            self.mode = data.get("mode") if self.complaint else None
        return self.gettext(event_label(row["type"], data.get("what"), complaint=self.complaint, mode=self.mode))


def _cells(row: dict, fields: list[str], readable: Readable, words: EventWords) -> list:
    data = flatten(row["data"])
    at = _office_time(row["at"], readable)
    head = [readable.agency, row["ticket"], row["seq"], at, row["type"], row["actor"], words(row)]
    return head + [_value(data.get(f), readable) for f in fields] + [row["prev_hash"], row["hash"]]


def _csv(rows, readable: Readable):
    fields = _fields(rows)
    words = EventWords(readable.language)
    buffer = io.StringIO()
    buffer.write(BOM)  # opened by the byte order mark, as every CSV download (api.reports.files.csv_stream)
    writer = csv.writer(buffer)
    writer.writerow(headers(fields, readable))
    for row in rows():
        # A requester's or reporter's own words are in the events: a cell they begin with "=" is text, not a formula.
        cells = _cells(row, fields, readable, words)
        writer.writerow([safe_csv(cell) if isinstance(cell, str) else cell for cell in cells])
        if buffer.tell() >= CHUNK:  # one write to the client per piece of about CHUNK characters
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _xlsx_response(rows, readable: Readable) -> Response:
    """Send the workbook from an anonymous temporary file, which the OS deletes when it is closed.

    Closing the response (sent, or the client gone) closes the file; the known length lets a browser
    show the download's progress.
    """
    file = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 -- closed by the response, after sending
    try:
        _write_xlsx(file, rows, readable)
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


SHEET_ROWS = 1_048_576
"""Rows a sheet holds (Excel's limit). xlsxwriter ignores a cell past it without a word: a province's history
of more events goes on in sheets ``audit 2``, ``audit 3``, .., each with the title and the header."""


def _write_xlsx(file, rows, readable: Readable) -> None:
    """A sheet: the agency's title, then the CSV's header (frozen) and rows; the agency on every printed page.

    Every value is written as what it is (text or number), never parsed: a text starting with ``=`` must
    not become a formula. A cell holds at most 32,767 characters (Excel's limit); JSON lines is the export
    to use for events larger than that.
    """
    fields = _fields(rows)
    names = headers(fields, readable)
    words = EventWords(readable.language)
    workbook = xlsxwriter.Workbook(file, {"constant_memory": True, "in_memory": False})
    bold = workbook.add_format({"bold": True})

    def sheet_number(number: int):
        sheet = workbook.add_worksheet("audit" if number == 1 else f"audit {number}")
        sheet.set_header("&C" + readable.agency.replace("&", "&&"))
        sheet.set_footer(PAGE_FOOTER[readable.i])
        sheet.write_string(0, 0, TITLE[readable.i] % readable.agency, bold)
        for col, name in enumerate(names):
            sheet.write_string(1, col, name, bold)
        sheet.freeze_panes(2, 0)
        return sheet

    number, r = 1, 2
    sheet = sheet_number(number)
    for row in rows():
        if r == SHEET_ROWS:
            number, r = number + 1, 2
            sheet = sheet_number(number)
        for col, value in enumerate(_cells(row, fields, readable, words)):
            if isinstance(value, int | float):
                sheet.write_number(r, col, value)
            else:
                sheet.write_string(r, col, value)
        r += 1
    workbook.close()
