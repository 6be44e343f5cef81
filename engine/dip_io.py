"""The list in and out: importing the spreadsheet an office already keeps, and the DIP downloads (XLSX, PDF).

The spreadsheet (``.xlsx``, first sheet, one header row, one item per row) has these columns; headers
are matched without regard to case or spacing, in any order, and other columns (a "No" column, notes)
are ignored:

============================  ==============  ==========================================================
header                        field           value
============================  ==============  ==========================================================
Kode                          code            the office's number for the item (optional); an import
                                              whose code matches an item changes that item
Judul *                       title           3 to 300 characters
Ringkasan Isi Informasi       summary
Kategori *                    category        berkala, serta-merta, setiap saat or dikecualikan
Unit Penguasa Informasi *     unit            the code or the name of a unit known to Kawal
Waktu Pembuatan               made_on         a date cell, 2026-07-01, 01-07-2026 / 01/07/2026, or a year
Tempat Pembuatan              made_in         where it was made, e.g. "Kantor Wilayah, Jakarta"
Penanggung Jawab              responsible     who answers for making or issuing it (a post or unit)
Jangka Waktu Penyimpanan      retention       e.g. "10 tahun"
Bentuk Informasi              format          e.g. "PDF", "hardcopy dan softcopy"
Dasar Hukum                   legal_basis
Tautan                        url             http:// or https://
Ritme (bulan)                 rhythm_months   berkala only, required there: a number of months, or
                                              bulanan, triwulanan, semesteran, tahunan
Dasar Pengecualian            exemption_note  dikecualikan only: the Pasal 17 ground, as a note
Nomor Register Pengecualian   exemption_id    dikecualikan, required there: the exemption register's entry
ID Kawal                      id              the item's number in Kawal (the export writes it): the row
                                              changes that item
============================  ==============  ==========================================================

A row changes the item its ``ID Kawal`` names, else the item of its code, else the item with its title and unit
(in any case and spacing); otherwise it creates one. So the downloaded list imported again changes its items (a row
that says what its item says leaves it ``unchanged``) and adds none twice; two rows for one item are refused.

(* required.) Every row is checked as the item form checks one item (``engine.dip.values``); one bad
row refuses the whole file with every row's errors (``Invalid``, fields ``baris N.<field>``), and a good
file is written in the caller's one transaction: nothing is ever half-imported. Imported items are
published at once (the office's list is already public; only the PPID imports) and each created or changed one gets
its version ``imported``.

The downloads hold the published items (exempt ones with their exemption, never a file or a link),
read when asked, so they are always current, and name the public body whose list it is (the letterhead's
``agency_name`` and ``office_name``: the PDF's heading and every page's foot, the workbook's properties and
printed pages). The XLSX has the import's columns, so an export can be edited and imported again: a unit is
written by its name, as the public knows it (the import reads a name as well as a code), and by its code only
when its name would not name it alone (another unit has the same name, or a code spelled as it). Asked in English
(the portal's English side), the downloads write their fixed words (headers, categories, headings: message ids the
catalogs translate) in English and say that the entries are the office's, in Indonesian; the import reads those
headers and categories too.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import xlsxwriter
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, clock, dip, languages
from engine.catalogs import N_, NP_, translated
from engine.errors import Invalid
from engine.letters.render import long_date
from engine.messages import Message, msg
from engine.models import DipItem, Unit, User
from engine.runtime import Runtime

# The downloads' fixed words (headers, categories, headings) are English message ids, said in the reader's language by
# the catalogs (dip.po): in Bahasa Indonesia, the list's own, or in English for the portal's English side. The office's
# own texts (titles, summaries, units, legal bases) stay as written, in Indonesian, and the English files say so. The
# spreadsheet's headers are the import's format: their Indonesian (msgctxt "public information list file", a literal
# for Babel to extract) is what an office's list is read by, and the import reads their English as well, so an English
# download can be imported again too.


@dataclass(frozen=True)
class Column:
    words: str | tuple[str, str]  # the header, a message id (``NP_``)
    field: str
    required: bool = False

    @property
    def header(self) -> str:
        """The header as the import's format writes it: in Bahasa Indonesia."""
        return translated(self.words, "id")


COLUMNS = (
    Column(NP_("public information list file", "Code"), "code"),
    Column(NP_("public information list file", "Title"), "title", True),
    Column(NP_("public information list file", "Summary"), "summary"),
    Column(NP_("public information list file", "Category"), "category", True),
    Column(NP_("public information list file", "Unit holding the information"), "unit", True),
    Column(NP_("public information list file", "Made on"), "made_on"),
    Column(NP_("public information list file", "Made in"), "made_in"),
    Column(NP_("public information list file", "Responsible"), "responsible"),
    Column(NP_("public information list file", "Retention period"), "retention"),
    Column(NP_("public information list file", "Form"), "format"),
    Column(NP_("public information list file", "Legal basis"), "legal_basis"),
    Column(NP_("public information list file", "Link"), "url"),
    Column(NP_("public information list file", "Rhythm (months)"), "rhythm_months"),
    Column(NP_("public information list file", "Ground for exemption"), "exemption_note"),
    Column(NP_("public information list file", "Exemption register number"), "exemption_id"),
)
# The item's number in Kawal: the export writes it and the import matches a row on it first (then on the code, then on
# the title and unit), so the downloaded list imported again changes its items instead of adding them twice.
ID_COLUMN = Column(NP_("public information list file", "Kawal ID"), "id")
# The export's last columns: the file's name, the last change (office date), the item's number in Kawal.
EXPORT_EXTRA = (
    Column(NP_("public information list file", "File"), "file_name"),
    Column(NP_("public information list file", "Updated"), "updated"),
    ID_COLUMN,
)
CATEGORY_WORDS = {  # what an office may type besides the labels (``CATEGORY_LABELS``, in either language)
    "berkala": "berkala",
    "periodic": "berkala",
    "serta_merta": "serta_merta",
    "sertamerta": "serta_merta",
    "immediate": "serta_merta",
    "setiap_saat": "setiap_saat",
    "tersedia_setiap_saat": "setiap_saat",
    "any_time": "setiap_saat",
    "dikecualikan": "dikecualikan",
    "exempt": "dikecualikan",
}
CATEGORY_LABELS = {  # the portal's names (api.web.portal.catalogue); the files' Indonesian says "Setiap saat"
    "berkala": N_("Published periodically"),
    "serta_merta": N_("Published immediately"),
    "setiap_saat": NP_("public information list file", "Available at any time"),
    "dikecualikan": N_("Exempt"),
}
LIST_TITLE = N_("Public Information List")
AS_OF = N_("As of")  # the moment the list stands at
REGISTER_ENTRY = N_("exemption register no.")  # an exempt item's entry in the exemption register (the PDF)
BASIS = N_("Law 14/2008 Articles 9-11; Perki 1/2021")
LANGUAGE_NOTE = N_("The office writes the entries of this list in Indonesian only.")  # said in English files only


def _say(words: str | tuple[str, str], locale: str) -> str:
    """A fixed word of the downloads (a message id) in the reader's language."""
    return translated(words, locale)


def category_label(category: str, locale: str) -> str:
    """The downloads' word for ``category`` in ``locale``."""
    return translated(CATEGORY_LABELS[category], locale)


def _word(text: str) -> str:
    """A category as typed, folded: no case or spacing ("Serta-merta" is ``serta_merta``)."""
    return re.sub(r"[\s-]+", "_", unicodedata.normalize("NFKD", text).lower())


@lru_cache(maxsize=1)
def _category_words() -> dict[str, str]:
    """Each category by what it may be typed as: ``CATEGORY_WORDS`` and its label in each language."""
    labels = {_word(category_label(c, locale)): c for locale in languages.LOCALES for c in CATEGORY_LABELS}
    return labels | CATEGORY_WORDS


RHYTHM_WORDS = {"bulanan": 1, "triwulanan": 3, "triwulan": 3, "semesteran": 6, "semester": 6, "tahunan": 12}
MAX_ROWS = 20_000  # a bigger file is not a DIP: refuse it before reading it whole
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _key(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


@dataclass(frozen=True)
class Imported:
    """What the import did with one row: the item it ``created``, ``updated`` or left ``unchanged``."""

    row: int
    item: DipItem
    outcome: str


def import_xlsx(session: Session, rt: Runtime, user: User, content: bytes) -> list[Imported]:
    """Create or change one item per row; all rows or none. Returns what was done with each row.

    A row names its item by ``ID Kawal`` (the export writes it), else by its code, else by its title and unit (in
    any case and spacing): the downloaded list imported again changes its items instead of adding them twice, and a
    row that says what its item already says leaves it as it is. Two rows for one item are refused.
    """
    access.require_dip_keeper(user)
    rows = read_rows(content)
    errors: dict[str, list[Message | str]] = {}
    checked: list[tuple[int, dict, DipItem | None]] = []
    seen_codes: dict[str, int] = {}
    seen_items: dict[int, int] = {}  # item id -> the row that changes it
    seen_new: dict[tuple[str, int], int] = {}  # (title, unit) -> the row that creates it
    units: dict = {}
    items = session.scalars(select(DipItem)).all()
    by_id = {item.id: item for item in items}
    by_code = {item.code: item for item in items if item.code}
    by_title: dict[tuple[str, int], list[DipItem]] = {}
    for item in items:
        by_title.setdefault((_key(item.title), item.unit_id), []).append(item)
    for number, data, problems in rows:
        for name, message in problems:
            errors.setdefault(f"baris {number}.{name}", []).append(message)
        item_id, code = data.pop("id", None), data.get("code")
        if code and code in seen_codes:
            errors.setdefault(f"baris {number}.code", []).append(
                msg("dip_code_repeated", code=code, row=seen_codes[code])
            )
        elif code:
            seen_codes[code] = number
        item, named_by = None, "id"
        if item_id is not None:
            item = by_id.get(item_id)
            if item is None:
                errors.setdefault(f"baris {number}.id", []).append(msg("dip_item_not_found"))
        elif code:
            item, named_by = by_code.get(code), "code"
        try:
            columns = dip.values(session, rt, data, item, units)
            if item is None and item_id is None and not code:  # the same title and unit: that item, not a second
                same = by_title.get((_key(columns["title"]), columns["unit_id"]), [])
                if len(same) > 1:
                    ids = ", ".join(str(i.id) for i in same)
                    raise Invalid("invalid_data", fields={"title": [msg("dip_title_ambiguous", items=ids)]})
                item, named_by = (same[0], "title") if same else (None, "title")
                if item is not None:
                    columns["code"] = item.code  # a row without a code keeps the item's
            if item is not None:
                if item.id in seen_items:
                    fields = {named_by: [msg("dip_row_same_item", row=seen_items[item.id], item=item.id)]}
                    raise Invalid("invalid_data", fields=fields)
                seen_items[item.id] = number
            elif not code:
                key = (_key(columns["title"]), columns["unit_id"])
                if key in seen_new:
                    fields = {"title": [msg("dip_row_same_item", row=seen_new[key], item=columns["title"])]}
                    raise Invalid("invalid_data", fields=fields)
                seen_new[key] = number
            file_key = item.file_storage_key if item is not None else None
            problems = dip.unpublishable(
                columns["category"],
                columns["summary"],
                columns["url"],
                file_key,
                columns["exemption_id"],
                responsible=columns["responsible"],
                retention=columns["retention"],
            )
            if problems:  # every imported row is published
                raise Invalid("invalid_data", fields=problems)
            checked.append((number, columns, item))
        except Invalid as error:
            for name, messages in error.fields.items():
                errors.setdefault(f"baris {number}.{name}", []).extend(messages)
    if not rows:
        errors["file"] = [msg("no_item_rows")]
    if errors:
        bad_rows = len({path.split(".")[0] for path in errors})
        raise Invalid("bad_rows", count=bad_rows, fields=errors)
    done = []
    for number, columns, item in checked:
        if item is None:
            done.append(
                Imported(number, dip.insert_item(session, rt, user, columns, True, None, "imported"), "created")
            )
        elif item.status == "published" and all(getattr(item, k) == v for k, v in columns.items()):
            done.append(Imported(number, item, "unchanged"))
        else:
            item = dip.change_item(session, rt, user, item, columns, True, None, "imported")
            done.append(Imported(number, item, "updated"))
    return done


def read_rows(content: bytes) -> list[tuple[int, dict, list[tuple[str, Message]]]]:
    """The first sheet's rows as (row number, form data, problems found while reading the cells)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise Invalid("not_xlsx", fields={"file": [msg("not_xlsx")]}) from None
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None) or ()
        known = (*COLUMNS, ID_COLUMN)
        by_header = {c.field: c for c in known}
        for locale in languages.LOCALES:  # the Indonesian headers, and an English download imported again
            by_header |= {_key(translated(c.words, locale)): c for c in known}
        positions = {i: by_header[_key(h)] for i, h in enumerate(header) if _key(h) in by_header}
        missing = [c.header for c in COLUMNS if c.required and c not in positions.values()]
        if missing:
            raise Invalid("columns_missing", fields={"baris 1": [msg("column_missing", name=h) for h in missing]})
        rows = []
        for number, values in enumerate(lines, start=2):
            if number > MAX_ROWS + 1:
                raise Invalid("too_many_rows", max=MAX_ROWS, fields={"file": [msg("too_many_rows", max=MAX_ROWS)]})
            if all(v in (None, "") for v in values):
                continue  # blank lines between groups of items
            data, problems = {}, []
            for i, column in positions.items():
                value = values[i] if i < len(values) else None
                converted, problem = _cell(column.field, value)
                if problem:
                    problems.append((column.field, problem))
                elif converted not in (None, ""):
                    data[column.field] = converted
            rows.append((number, data, problems))
        return rows
    finally:
        workbook.close()


def _cell(field: str, value) -> tuple[object, Message | None]:
    """A cell as the form's value, or a problem (a message, engine.messages)."""
    if value is None:
        return None, None
    if field == "made_on":
        return _date(value)
    if field in ("rhythm_months", "exemption_id", "id"):
        return _whole(field, value)
    text = str(value).strip()
    if field == "category":
        word = _category_words().get(_word(text))
        if word is None:
            return None, msg("category_unknown")
        return word, None
    if field == "code" and isinstance(value, float) and value.is_integer():
        return str(int(value)), None  # a number typed into the code column
    return text, None


def _date(value) -> tuple[date | None, Message | None]:
    if isinstance(value, datetime):
        return value.date().isoformat(), None
    if isinstance(value, date):
        return value.isoformat(), None
    text = str(value).strip()
    if isinstance(value, int | float) or re.fullmatch(r"\d{4}", text):
        year = int(float(text))
        if 1900 <= year <= 2200:
            return date(year, 1, 1).isoformat(), None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat(), None
        except ValueError:
            continue
    return None, msg("date_format")


def _whole(field: str, value) -> tuple[int | None, Message | None]:
    text = str(value).strip().lower()
    if field == "rhythm_months":
        text = re.sub(r"\s*bulan$", "", text)
        if text in RHYTHM_WORDS:
            return RHYTHM_WORDS[text], None
    try:
        number = float(text)
    except ValueError:
        return None, msg("whole_number")
    if not number.is_integer():
        return None, msg("whole_number")
    return int(number), None


# -- out --------------------------------------------------------------------------------------------------


def published(session: Session) -> list[DipItem]:
    """The public list: every published item, by category (the law's order) and title."""
    order = {c: n for n, c in enumerate(dip.CATEGORIES)}
    items = session.scalars(select(DipItem).where(DipItem.status == "published")).all()
    return sorted(items, key=lambda i: (order[i.category], i.title.lower(), i.id))


def unit_names(session: Session) -> dict[int, str]:
    """Each unit as the export writes it: its name, or its code when the name would not find it alone on import
    (``dip.find_unit`` matches a code or a name, in any case): no name of its own, or another unit's name or code
    spelled the same."""
    units = session.scalars(select(Unit)).all()
    spelled: dict[str, int] = {}
    for unit in units:
        for word in {_key(unit.code), _key(unit.name)} - {""}:
            spelled[word] = spelled.get(word, 0) + 1
    return {u.id: u.name if _key(u.name) and spelled[_key(u.name)] == 1 else u.code for u in units}


def export_row(item: DipItem, tz, units: dict[int, str] | None = None, locale: str = "id") -> list:
    """One item as the export's cells (None: empty): the import's columns, the file's name, the last change's date.
    ``units`` (``unit_names``) writes the unit by its name; without it, by its code. ``locale`` "en": the category
    in English."""
    data = dip.snapshot(item)
    cells = []
    for column in COLUMNS:
        value = data.get(column.field)
        if column.field == "category":
            value = category_label(value, locale)
        elif column.field == "unit" and units is not None:
            value = units.get(item.unit_id, value)
        cells.append(value)
    return [*cells, item.file_name, item.updated_at.astimezone(tz).date().isoformat(), item.id]


def publisher(rt: Runtime) -> str:
    """The public body whose list it is, as the letterhead names it: the agency, then the office."""
    return " - ".join(filter(None, (rt.settings.agency_name, rt.settings.office_name)))


def export_xlsx(session: Session, rt: Runtime, locale: str = "id") -> bytes:
    """The published list as a workbook; every text written as text, never a formula, and the days as date cells.
    The public body is named in the file's properties, at the top of every printed page and, with the moment the
    list stands at ("Keadaan per"), on a second sheet; the first sheet itself stays the import's (one header row),
    so the file can be imported again. ``locale`` "en": its fixed words in English, the office's entries as written,
    which the second sheet says."""
    tz = rt.calendars["strict"].tz
    title = _say(LIST_TITLE, locale)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    body = publisher(rt)
    workbook.set_properties({"title": f"{title} - {body}", "company": body, "author": body})
    sheet = workbook.add_worksheet("DIP")
    sheet.set_header("&C" + f"{title} - {body}".replace("&", "&&"))
    sheet.set_landscape()
    bold = workbook.add_format({"bold": True, "text_wrap": True})
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    columns = [*COLUMNS, *EXPORT_EXTRA]
    dated = {n for n, c in enumerate(columns) if c.field in ("made_on", "updated")}
    for col, column in enumerate(columns):
        sheet.write_string(0, col, _say(column.words, locale), bold)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, len(COLUMNS) + 1, 22)
    sheet.set_column(1, 2, 45)
    units = unit_names(session)
    for r, item in enumerate(published(session), start=1):
        for col, value in enumerate(export_row(item, tz, units, locale)):
            if value in (None, ""):
                continue  # an empty cell, as the office left it
            if isinstance(value, int):
                sheet.write_number(r, col, value)
            elif col in dated:
                sheet.write_datetime(r, col, datetime.combine(date.fromisoformat(value), datetime.min.time()), day)
            else:
                sheet.write_string(r, col, str(value))
    about = workbook.add_worksheet(_say(NP_("public information list file", "About"), locale))
    about.set_column(0, 0, 24)
    about.set_column(1, 1, 80)
    now = clock.now().astimezone(tz)
    for row, (label, text) in enumerate(
        (
            (LIST_TITLE, body),
            (AS_OF, f"{long_date(now.date(), locale)}, {now.strftime('%H:%M %Z')}"),
            (N_("Basis"), _say(BASIS, locale)),
            *(((N_("Language"), _say(LANGUAGE_NOTE, locale)),) if locale == "en" else ()),
        )
    ):
        about.write_string(row, 0, _say(label, locale), bold)
        about.write_string(row, 1, text)
    workbook.close()
    return buffer.getvalue()


def template_xlsx() -> bytes:
    """An empty list to fill in: the header row, and a sheet that explains each column."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("DIP")
    bold = workbook.add_format({"bold": True})
    for col, column in enumerate(COLUMNS):
        sheet.write_string(0, col, column.header, bold)
        sheet.set_column(col, col, 24)
    sheet.freeze_panes(1, 0)
    notes = workbook.add_worksheet("Petunjuk")
    notes.set_column(0, 0, 30)
    notes.set_column(1, 1, 90)
    for row, (header, note) in enumerate(TEMPLATE_NOTES):
        notes.write_string(row, 0, header, bold if row == 0 else None)
        notes.write_string(row, 1, note, bold if row == 0 else None)
    workbook.close()
    return buffer.getvalue()


TEMPLATE_NOTES = (
    ("Kolom / Column", "Isi / What to write"),
    ("Kode", "Nomor item di DIP kantor (boleh kosong). Impor ulang dengan kode yang sama mengubah item itu."),
    ("Judul (wajib)", "Judul informasi, 3-300 karakter."),
    ("Ringkasan Isi Informasi", "Ringkasan isi informasi."),
    ("Kategori (wajib)", "berkala, serta-merta, setiap saat, atau dikecualikan."),
    (
        "Unit Penguasa Informasi (wajib)",
        "Kode atau nama unit yang menguasai informasi, sebagaimana terdaftar di Kawal.",
    ),
    ("Waktu Pembuatan", "Tanggal (2026-07-01 atau 01-07-2026) atau tahun. Untuk informasi berkala: edisi terakhir."),
    ("Tempat Pembuatan", "Tempat informasi dibuat, misalnya: Kantor Wilayah, Jakarta."),
    ("Penanggung Jawab", "Penanggung jawab pembuatan/penerbitan informasi: jabatan atau unit."),
    ("Jangka Waktu Penyimpanan", "Misalnya: 10 tahun."),
    ("Bentuk Informasi", "Misalnya: PDF, hardcopy dan softcopy."),
    ("Dasar Hukum", "Misalnya: UU 14/2008 Pasal 9 ayat (2)."),
    ("Tautan", "Alamat http:// atau https:// tempat informasi dapat diperoleh."),
    ("Ritme (bulan)", "Wajib untuk informasi berkala: jumlah bulan, atau bulanan, triwulanan, semesteran, tahunan."),
    ("Dasar Pengecualian", "Untuk informasi yang dikecualikan: catatan huruf Pasal 17 (boleh kosong)."),
    (
        "Nomor Register Pengecualian",
        "Wajib untuk informasi yang dikecualikan: nomor penetapan pada register pengecualian "
        "(sesudah uji konsekuensi).",
    ),
)


PDF_COLUMNS = (  # (header, a message id; share of the page's width)
    (NP_("public information list file", "No"), 4),
    (N_("Code"), 6),
    (N_("Title and summary"), 24),
    (N_("Category"), 8),
    (N_("Unit"), 10),
    (N_("Responsible"), 10),
    (N_("Made on and in"), 10),
    (N_("Form"), 8),
    (N_("Retention"), 8),
    (N_("Legal basis and exemption"), 12),
)
NOT_STATED = "-"  # the PDF's cell for what an item listed before the column existed does not state


def export_pdf(
    session: Session, rt: Runtime, title: str | None = None, compress: bool = True, locale: str = "id"
) -> bytes:
    """The published list as a landscape A4 table (the core Helvetica font: text outside Latin-1 is folded), headed
    by the public body whose list it is, as its letters are (the agency, then the office), which every page's foot
    names again with the page's number. ``locale`` "en": its fixed words in English, the office's entries as
    written, which the heading says."""
    from fpdf import FPDF

    title = title or _say(LIST_TITLE, locale)
    page_word = _say(N_("Page"), locale)
    tz = rt.calendars["strict"].tz
    agency, office = rt.settings.agency_name, rt.settings.office_name
    foot = _latin1(f"{title} - {publisher(rt)}")

    class ListPdf(FPDF):
        def footer(self):
            self.set_y(-10)
            self.set_font("Helvetica", "", 7)
            self.cell(0, 5, foot, new_x="RIGHT", new_y="TOP")
            self.set_x(self.l_margin)
            self.cell(0, 5, f"{page_word} {self.page_no()}/{{nb}}", align="R")

    pdf = ListPdf(orientation="L", format="A4")
    pdf.set_compression(compress)
    pdf.set_title(f"{title} - {publisher(rt)}")
    pdf.set_author(_latin1(publisher(rt)))
    pdf.set_creator("Kawal")
    pdf.set_auto_page_break(auto=True, margin=14)
    pdf.add_page()
    for name, size in ((agency, 11), (office, 12)):
        if name:
            pdf.set_font("Helvetica", "B", size)
            pdf.cell(0, 6, _latin1(name.upper()), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    now = clock.now().astimezone(tz)  # its days as the letters write them: "7 Desember 2026", never "07-12-2026"
    stamp = f"{long_date(now.date(), locale)}, {now.strftime('%H:%M %Z')}"
    basis = _say(BASIS, locale)
    note = f" {_say(LANGUAGE_NOTE, locale)}" if locale == "en" else ""
    line = f"{_say(AS_OF, locale)} {stamp}. {basis}.{note}"
    pdf.cell(0, 6, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 8)
    with pdf.table(col_widths=[w for _h, w in PDF_COLUMNS], text_align="LEFT", line_height=4) as table:
        head = table.row()
        for header, _w in PDF_COLUMNS:
            head.cell(_say(header, locale))
        for number, item in enumerate(published(session), start=1):
            row = table.row()
            basis = item.legal_basis
            if item.category == "dikecualikan":
                entry = f"{_say(REGISTER_ENTRY, locale)} {item.exemption_id}" if item.exemption_id else None
                basis = " ".join(filter(None, [basis, item.exemption_note, entry]))
            summary = f"{item.title}\n{item.summary}".strip() if item.summary else item.title
            for text in (
                str(number),
                item.code,
                summary,
                category_label(item.category, locale),
                item.unit.name,
                item.responsible or NOT_STATED,
                "\n".join(filter(None, [long_date(item.made_on, locale), item.made_in])) or NOT_STATED,
                item.format,
                item.retention,
                basis,
            ):
                row.cell(_latin1(text))
    return bytes(pdf.output())


_TYPOGRAPHY = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u00a0": " ",
    }
)


def _latin1(text: str | None) -> str:
    """Text the core fonts can draw: dashes and quotes made plain, accents kept, anything else as '?'."""
    return (text or "").translate(_TYPOGRAPHY).encode("latin-1", "replace").decode("latin-1")
