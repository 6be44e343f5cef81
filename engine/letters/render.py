"""From a letter's frozen content to HTML (the print view) and to PDF (the letter of record).

Templates are Jinja2 HTML files, ``<type>.<locale>.html`` extending ``_base.html``, with the stylesheet
``letter.css``; an agency overrides any of them by putting a file of the same name in
``KAWAL_LETTER_TEMPLATES_DIR``, which is searched first (a ``ChoiceLoader``). The same template makes
both: the print view is the whole page; the PDF (fpdf2, already Kawal's PDF library for the DIP) takes
the body the template renders with ``pdf`` set, through fpdf2's HTML subset (paragraphs, bold, italic,
lists, tables with widths), and draws the letterhead (kop surat) on the first page and the verification
footer (QR code, short address, code, number, page) on every page itself.

The PDF is set in Liberation Serif (Debian ``fonts-liberation``: metric-compatible with Times, so the
layout is the one the core font gave), embedded as a subset, so a name with "Ā", a dash or "“quotes”"
prints as written; DejaVu Serif (``fonts-dejavu-core``) draws the glyphs Liberation lacks (Vietnamese
tones, ...) and stands in when Liberation is absent. Without
either, the core Times font is used and text outside Latin-1 is folded (dashes and quotes made plain,
anything else as "?") with a warning in the log: ``make run`` and ``make test`` install the fonts.
Rendering reads nothing but the letter's content and the settings, and never the network.

Every letter follows one page rule (``pdf``): the signature block (place and date, position, name, NIP) is one table
row, never split, and never stands alone on a page: when it would, the last lines it signs start that page with it.
"""

from __future__ import annotations

import base64
import io
import logging
import mimetypes
import re
from datetime import UTC, date, datetime, time
from functools import lru_cache
from pathlib import Path

import segno
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup

from engine import citations
from engine.config import Settings
from engine.fees import UNITS_EN_PLURAL
from engine.letters import signing

TEMPLATES = Path(__file__).parent / "templates"
log = logging.getLogger(__name__)
# Unicode serif families, first found wins: (directory, file per fpdf2 style). Liberation Serif keeps
# Times' metrics; DejaVu Serif covers more scripts but sets wider.
SERIF_FONTS = (
    (
        Path("/usr/share/fonts/truetype/liberation"),
        {
            "": "LiberationSerif-Regular.ttf",
            "B": "LiberationSerif-Bold.ttf",
            "I": "LiberationSerif-Italic.ttf",
            "BI": "LiberationSerif-BoldItalic.ttf",
        },
    ),
    (
        Path("/usr/share/fonts/truetype/dejavu"),
        {
            "": "DejaVuSerif.ttf",
            "B": "DejaVuSerif-Bold.ttf",
            "I": "DejaVuSerif-Italic.ttf",
            "BI": "DejaVuSerif-BoldItalic.ttf",
        },
    ),
)
SERIF = "kawalserif"  # the family's name inside the PDF document
SERIF_FALLBACK = "kawalserif2"  # the second family, for the glyphs the first lacks
CORE = "Times"  # the fallback: fpdf2's core font, Latin-1 only
STYLESHEET = "letter.css"
MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


class RenderError(RuntimeError):
    """The letter could not be made into a PDF."""


def long_date(value: str | date | None, locale: str = "id") -> str:
    """``2026-12-03`` -> ``3 Desember 2026`` (or ``3 December 2026``)."""
    if not value:
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {MONTHS['en' if locale == 'en' else 'id'][day.month - 1]} {day.year}"


def number(value, locale: str = "id") -> str:
    """A whole number grouped as the letter's language groups digits: ``12000`` -> ``12.000`` (or ``12,000``)."""
    grouped = f"{int(round(float(value or 0))):,}"
    return grouped if locale == "en" else grouped.replace(",", ".")


def rupiah(value, locale: str = "id", space: str = "\u00a0") -> str:
    """An amount of money as the reader's language writes it: ``250000`` -> ``Rp250.000``, in English
    ``IDR 250,000``: the one writer of the letters, the pages (api.web.case.money) and the messages. ``space`` parts the
    currency from the amount in English: a no-break space keeps a letter's or a page's on one line; a message
    (notifications.wording, a refusal's ``Money``) writes a plain one."""
    return f"IDR{space}{number(value, 'en')}" if locale == "en" else f"Rp{number(value)}"


_ID_UNITS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas")
_EN_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = ((10**12, "triliun", "trillion"), (10**9, "miliar", "billion"), (10**6, "juta", "million"))


def _id_words(n: int) -> str:
    """A whole number in Indonesian words, as a receipt's "terbilang" writes it: 1500 -> ``seribu lima ratus``."""
    if n < 12:
        return _ID_UNITS[n]
    if n < 20:
        return f"{_ID_UNITS[n - 10]} belas"
    if n < 100:
        return f"{_ID_UNITS[n // 10]} puluh {_id_words(n % 10)}".strip()
    if n < 200:
        return f"seratus {_id_words(n - 100)}".strip()
    if n < 1000:
        return f"{_ID_UNITS[n // 100]} ratus {_id_words(n % 100)}".strip()
    if n < 2000:
        return f"seribu {_id_words(n - 1000)}".strip()
    if n < 10**6:
        return f"{_id_words(n // 1000)} ribu {_id_words(n % 1000)}".strip()
    scale, word, _ = next(s for s in _SCALES if n >= s[0])
    return f"{_id_words(n // scale)} {word} {_id_words(n % scale)}".strip()


def _en_words(n: int) -> str:
    """A whole number in English words: 1500 -> ``one thousand five hundred``."""
    if n < 20:
        return _EN_UNITS[n]
    if n < 100:
        return _EN_TENS[n // 10] + (f"-{_EN_UNITS[n % 10]}" if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return f"{_EN_UNITS[n // 100]} hundred" + (f" and {_en_words(rest)}" if rest else "")
    scale, _, word = next((s for s in _SCALES if n >= s[0]), (1000, "", "thousand"))
    rest = n % scale
    tail = "" if not rest else f" and {_en_words(rest)}" if rest < 100 else f" {_en_words(rest)}"
    return f"{_en_words(n // scale)} {word}{tail}"


def amount_in_words(value, locale: str = "id") -> str:
    """An amount of rupiah in words, as a receipt states it beside the figure ("terbilang"): ``1500`` -> ``seribu
    lima ratus rupiah``, in English ``one thousand five hundred rupiah``."""
    n = int(round(float(value or 0)))
    if locale == "en":
        return f"{_en_words(n)} rupiah"
    return f"{_id_words(n) or 'nol'} rupiah"


def fee_unit(item: dict, locale: str = "id") -> str:
    """What an item of a notice's fee is priced per, in the letter's language: ``12 printed pages``, ``1 CD``."""
    if locale != "en":
        return item.get("unit", "")
    if item.get("quantity") != 1 and item.get("code") in UNITS_EN_PLURAL:
        return UNITS_EN_PLURAL[item["code"]]
    return item.get("unit_en", "")


# Where a sentence of officer- or requester-typed text may already end: the template's own mark is then not added.
_CLOSED = (".", "!", "?", "\u2026")
_TRAILING = re.compile(r"(?<!\.)\.$|[,;:]+$")


def punct(value, mark: str = ".") -> str:
    """Typed text followed by the template's punctuation ``mark``, never doubled: ``East Java.`` then ``.`` stays
    ``East Java.``; ``all units.`` then ``,`` becomes ``all units,`` (a period before the template's comma,
    semicolon or colon is dropped; an ellipsis is kept). ``punct("")``: the text without its closing period, for a
    template that goes on after it with words of its own or with a comma it adds either way."""
    text = str(value if value is not None else "").rstrip()
    if mark == "." and text.endswith(_CLOSED):
        out = text
    elif text.endswith("...") or text.endswith("\u2026"):
        out = text + mark
    else:
        out = _TRAILING.sub("", text) + mark
    return Markup(out) if isinstance(value, Markup) else out  # noqa: S704 - markup in, its own escaping kept


def _in_letter_locale(function):
    """A filter that writes as the letter's language writes (the template's ``locale``) unless told otherwise."""

    @pass_context
    def worded(context, value, locale: str | None = None):
        return function(value, locale or context.get("locale") or "id")

    return worded


@lru_cache(maxsize=8)
def environment(agency_dir: str | None) -> Environment:
    loaders = [FileSystemLoader(agency_dir)] if agency_dir else []
    env = Environment(
        loader=ChoiceLoader([*loaders, FileSystemLoader(TEMPLATES)]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    env.filters["rupiah"] = _in_letter_locale(rupiah)
    env.filters["number"] = _in_letter_locale(number)
    env.filters["fee_unit"] = _in_letter_locale(fee_unit)
    env.filters["in_words"] = _in_letter_locale(amount_in_words)
    env.filters["punct"] = punct
    return env


def stylesheet_path(settings: Settings) -> Path:
    """The agency's ``letter.css`` when it has one, else Kawal's."""
    if settings.letter_templates_dir is not None and (settings.letter_templates_dir / STYLESHEET).is_file():
        return settings.letter_templates_dir / STYLESHEET
    return TEMPLATES / STYLESHEET


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=3, border=0, dark="#000")


@lru_cache(maxsize=4)
def _logo(path: str | None) -> str | None:
    if not path or not Path(path).is_file():
        return None
    media_type = mimetypes.guess_type(path)[0] or "image/png"
    return f"data:{media_type};base64,{base64.b64encode(Path(path).read_bytes()).decode()}"


def html(
    settings: Settings, content: dict, *, stylesheet_href: str, print_view: bool = False, pdf: bool = False
) -> str:
    """The letter as an HTML page: ``stylesheet_href`` is where the page finds ``letter.css``."""
    locale = content["letter"]["locale"]
    env = environment(str(settings.letter_templates_dir) if settings.letter_templates_dir else None)
    template = env.get_template(f"{content['type']['code']}.{locale}.html")
    return template.render(
        **content,
        locale=locale,
        # The PDF draws its own QR code in the footer (_verification_footer); only the page shows this one.
        qr=Markup("" if pdf else qr_data_uri(content["letter"]["verify_url"])),  # noqa: S704 - segno's own data URI
        logo=_logo(str(settings.office_logo) if settings.office_logo else None),
        stylesheet=stylesheet_href,
        print_view=print_view,
        pdf=pdf,
    )


class _LetterPDF:
    """An fpdf2 document with the letterhead on page one and the verification footer on every page.

    ``face`` is the font family it sets text in, ``fold`` what text becomes before it is drawn (unchanged
    with a Unicode font, folded to Latin-1 with the core one). A style of the Unicode family is read from
    its file when first used (each costs ~20 ms), and the second family stands in for glyphs the first
    lacks only when the letter has such characters.
    """

    def __new__(cls, settings: Settings, content: dict):
        from fpdf import FPDF
        from fpdf.enums import TextEmphasis

        families = serif_families()

        class LetterPDF(FPDF):
            def header(self):
                if self.page_no() == 1:
                    _letterhead(self, settings, content)

            def footer(self):
                _verification_footer(self, content)

            def set_font(self, family=None, style="", size=0):
                if families and (family or self.font_family or "").lower() == SERIF:
                    emphasis = style.style if isinstance(style, TextEmphasis) else style
                    key = "".join(c for c in "BI" if c in emphasis.upper())
                    if SERIF + key not in self.fonts:
                        self.add_font(SERIF, key, str(families[0][key]))
                return super().set_font(family, style, size)

        LetterPDF.HTML2FPDF_CLASS = _letter_html()
        document = LetterPDF(format="A4", unit="mm")
        if not families:
            document.face, document.fold = CORE, _latin1
            return document
        document.face, document.fold = SERIF, _unicode
        if len(families) > 1 and not _characters(content) <= _covered(families[0][""]):
            for style in ("", "B"):
                document.add_font(SERIF_FALLBACK, style, str(families[1][style]))
            document.set_fallback_fonts([SERIF_FALLBACK], exact_match=False)
        return document


# The space a table keeps above it, in mm (the signature block further down, as letter.css sets it further); none
# below it: the next paragraph's own top margin is the space, as between two paragraphs.
TABLE_SPACE = 2.5
SIGNATURE_SPACE = 5.0


@lru_cache(maxsize=1)
def _letter_html():
    """fpdf2's HTML reader as a letter needs it.

    A table's text is set in the body's regular face, bold only in a header cell (``<th>``): fpdf2 takes a table's
    face from the document's current one, which a bold title or heading before it had left bold (the complaint's
    receipt and the disposition sheet printed whole tables and the signature in bold). And a table keeps its own
    space: fpdf2 queued the empty line it puts before a table into the next paragraph, after the table, so a table
    had no space above it and three empty lines below (the written notice's gap after the requester's rows)."""
    from fpdf.enums import VAlign
    from fpdf.html import HTML2FPDF

    class LetterHTML(HTML2FPDF):
        _table_space: float | None = None  # while fpdf2 opens or closes a table: the space it keeps there
        _signature = False  # the signature block's table is open

        def handle_starttag(self, tag, attrs):
            signature = False
            if tag == "table":
                self.pdf.set_font(self.font_family, "", self.font_size_pt)
                signature = bool(set((dict(attrs).get("class") or "").split()) & SIGNATURE_TABLES)
                space = 0.0 if CONTINUED in dict(attrs) else TABLE_SPACE
                self._table_space = SIGNATURE_SPACE if signature else space
            try:
                super().handle_starttag(tag, attrs)
            finally:
                self._table_space = None
            if tag == "table" and self.table is not None:  # its cells' text from the top, as letter.css sets it
                self.table._v_align = VAlign.T  # noqa: SLF001 - fpdf2's HTML reader makes the table, middle-aligned
            self._signature = self._signature or signature

        def handle_endtag(self, tag):
            if tag == "table":
                self._table_space = 0.0
            try:
                super().handle_endtag(tag)
            finally:
                self._table_space = None
            if tag == "table" and self._signature:  # the signature block drawn: the page it is on
                self._signature = False
                self.pdf.signature_page = self.pdf.page

        def _ln(self, h=None):
            if self._table_space is None:
                return super()._ln(h)
            self.pdf.set_y(self.pdf.get_y() + self._table_space)  # drawn now, where the table is

    return LetterHTML


@lru_cache(maxsize=1)
def serif_families() -> tuple[dict[str, Path], ...]:
    """The TTF file of each style of every Unicode serif family installed, best first; () when none is
    (then the core Times font, with a warning)."""
    found = []
    for folder, names in SERIF_FONTS:
        files = {style: folder / name for style, name in names.items()}
        if all(path.is_file() for path in files.values()):
            found.append(files)
    if not found:
        log.warning(
            "no Unicode serif font (apt-get install fonts-liberation): letters fall back to Times, "
            "and text outside Latin-1 prints as '?'"
        )
    return tuple(found)


@lru_cache(maxsize=4)
def _covered(path: Path) -> frozenset[str]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return frozenset(map(chr, font.getBestCmap()))


def _characters(value) -> set[str]:
    """Every character of the strings in a letter's content."""
    if isinstance(value, str):
        return set(value)
    if isinstance(value, dict):
        return set().union(*map(_characters, value.values())) if value else set()
    if isinstance(value, list | tuple):
        return set().union(*map(_characters, value)) if value else set()
    return set()


def _letterhead(pdf, settings: Settings, content: dict) -> None:
    office = content["office"]
    top = pdf.get_y()
    if settings.office_logo is not None and Path(settings.office_logo).is_file():
        pdf.image(str(settings.office_logo), x=pdf.l_margin, y=top, h=22)
    pdf.set_font(pdf.face, "B", 13)
    pdf.cell(0, 6, pdf.fold(office["agency_name"].upper()), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.face, "B", 12)
    pdf.cell(0, 6, pdf.fold(office["office_name"].upper()), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.face, "", 9)
    for line in (office.get("address"), office.get("contact")):
        if line:
            pdf.cell(0, 4.5, pdf.fold(line), align="C", new_x="LMARGIN", new_y="NEXT")
    y = max(pdf.get_y(), top + 22) + 2
    pdf.set_line_width(0.9)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_line_width(0.25)
    pdf.line(pdf.l_margin, y + 1.2, pdf.w - pdf.r_margin, y + 1.2)
    pdf.set_y(y + 5)


_FOOTER = {
    "id": ("Periksa keaslian surat ini di", "kode verifikasi", "Nomor", "Halaman"),
    "en": ("Check that this letter is genuine at", "verification code", "Number", "Page"),
}


def _verification_footer(pdf, content: dict) -> None:
    letter = content["letter"]
    words = _FOOTER["en" if letter["locale"] == "en" else "id"]
    top = pdf.h - 26
    pdf.set_draw_color(0)
    pdf.image(_qr_png(letter["verify_url"]), x=pdf.l_margin, y=top, w=18, h=18)
    x = pdf.l_margin + 21
    pdf.set_xy(x, top + 1)
    pdf.set_font(pdf.face, "", 8)
    pdf.cell(0, 4, pdf.fold(words[0]), new_x="LEFT", new_y="NEXT")
    pdf.set_font(pdf.face, "B", 9)
    pdf.cell(0, 4.5, pdf.fold(letter["verify_url"]), new_x="LEFT", new_y="NEXT")
    pdf.set_font(pdf.face, "", 8)
    pdf.cell(0, 4, pdf.fold(f"{words[1]}: {letter['code']} - {words[2]}: {letter['number']}"), new_x="LEFT")
    pdf.set_xy(pdf.l_margin, top + 14)
    pdf.cell(0, 4, f"{words[3]} {pdf.page_no()}/{{nb}}", align="R")


def _qr_png(url: str):
    return io.BytesIO(_qr_png_bytes(url))


@lru_cache(maxsize=32)
def _qr_png_bytes(url: str) -> bytes:
    """The footer's QR code, drawn on every page (and in both languages) of a letter: made once."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=4, border=0)
    return buffer.getvalue()


def pdf(settings: Settings, content: dict) -> bytes:
    """The letter as an A4 PDF (fpdf2), signed when a key is configured.

    The signature block never stands alone on a page: when the last lines it signs (``_carried``) and the block do
    not end on the page those lines start on, the letter is laid out again with those lines starting a new page,
    unless they and the block are longer than a page.

    Whatever fails on the way, no layout's font files stay open (a worker renders letters for months)."""
    body = _flat_cells(_MAIN.sub("", _body_of(html(settings, content, stylesheet_href="", pdf=True))))
    parts = _carried(body)
    document = _laid_out(settings, content, parts)
    try:
        if len(parts) > 1 and document.kept_pages[0] != document.kept_pages[1]:
            again = _laid_out(settings, content, parts, break_before=True)
            if again.kept_pages[0] == again.kept_pages[1]:
                document, again = again, document
            _discard(again)
        try:
            data = bytes(document.output())
        except Exception as exc:  # fpdf2 raises its own errors on layout it cannot do
            raise RenderError(f"{type(exc).__name__}: {exc}") from exc
    except BaseException:
        _discard(document)
        raise
    if settings.signing_key is not None:
        data = signing.sign(settings, data, content)
    return data


def _discard(document) -> None:
    """A layout not kept, or not written: the font files it opened closed (fpdf2 closes them only when it writes the
    PDF, and only when that succeeds). Closing one twice does no harm."""
    for font in document.fonts.values():
        if hasattr(font, "close"):
            font.close()


def _laid_out(settings: Settings, content: dict, parts: tuple[str, ...], break_before: bool = False):
    """The letter drawn from its body's ``parts`` (``_carried``): the second on a new page when ``break_before``.
    ``kept_pages``: the pages the second part starts on and the signature block ends on (``_letter_html``)."""
    document = _LetterPDF(settings, content)
    try:
        return _draw(document, settings, content, parts, break_before)
    except BaseException:
        _discard(document)
        raise


def _draw(document, settings: Settings, content: dict, parts: tuple[str, ...], break_before: bool):
    document.set_compression(True)
    document.set_title(document.fold(f"{content['type']['title']} {content['letter']['number']}"))
    # The Subject in the letter's language: an English copy's read "UU 14/2008 Pasal 22 ayat (8)".
    document.set_subject(
        document.fold(citations.legal_basis(content["type"]["legal_basis"], content["letter"]["locale"]))
    )
    document.set_creator("Kawal")
    document.set_lang("en" if content["letter"]["locale"] == "en" else "id")
    document.set_creation_date(_issued_at(content))
    document.set_margins(25, 20, 20)
    document.set_auto_page_break(auto=True, margin=30)
    document.add_page()
    document.set_font(document.face, "", 11.5)
    document.signature_page = 0
    kept_from = document.page
    for index, part in enumerate(parts):
        if index == 1:
            if break_before:
                document.add_page()
            kept_from = document.page
        if part.strip():
            document.write_html(
                document.fold(part),
                font_family=document.face,
                tag_styles=_tag_styles(document.face),
                table_line_separators=True,
            )
    document.kept_pages = (kept_from, document.signature_page or kept_from)
    return document


# The signature block (_base.html ``signature``: one table row, which fpdf2 never splits; or a record's two
# signatures).
SIGNATURE_TABLES = frozenset({"signature-frame", "signatures"})
_SIGNATURE = re.compile(r'<table\b[^>]*\bclass="(?:signature-frame|signatures)"', re.I)
_MAIN = re.compile(r"</?main\b[^>]*>", re.I)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = frozenset({"br", "img", "hr", "input", "col", "wbr", "meta", "link"})
_ROW = re.compile(r"<tr\b.*?</tr\s*>", re.I | re.S)
_CELL_OPEN = re.compile(r"<t[dh]\b[^>]*>", re.I)
_WIDTH = re.compile(r'\swidth="[^"]*"', re.I)
_TERM = re.compile(r"<dt\b", re.I)
CONTINUED = "data-continued"  # a table's last row, carried: drawn right under the rows before it


def _carried(body: str) -> tuple[str, ...]:
    """The body in two: what comes first, and from the last lines the signature block signs to the end, which go to
    the next page with the block when it does not fit: the last paragraph (or list) before it; of a table, its last
    row (a table of its own that continues it, with the first row's widths); of a decree's decisions (``<dl>``), the
    last. The body whole when it has no signature block or nothing before it."""
    signature = _SIGNATURE.search(body)
    if signature is None:
        return (body,)
    depth, start = 0, None
    for tag in _TAG.finditer(body, 0, signature.start()):
        name = tag.group(2).lower()
        if name in _VOID or tag.group(3):
            continue
        if tag.group(1):
            depth = max(depth - 1, 0)
        else:
            if depth == 0:
                start, kind, opening = tag.start(), name, tag.group(0)
            depth += 1
    if start is None:
        return (body,)
    block = body[start : signature.start()]
    if kind == "table":
        rows = list(_ROW.finditer(block))
        if len(rows) > 1:
            last = rows[-1]
            widths = [_WIDTH.search(cell) for cell in _CELL_OPEN.findall(rows[0].group(0))]
            cells = iter(widths if len(widths) == len(_CELL_OPEN.findall(last.group(0))) else [])

            def widened(cell: re.Match) -> str:
                width = next(cells, None)
                if width is None or _WIDTH.search(cell.group(0)):
                    return cell.group(0)
                return cell.group(0)[:-1] + width.group(0) + ">"

            row = _CELL_OPEN.sub(widened, last.group(0))
            continued = opening[:-1] + f" {CONTINUED}>"
            return body[: start + last.start()] + "</table>", continued + row + body[start + last.end() :]
    if kind == "dl":
        terms = [term.start() for term in _TERM.finditer(block)]
        if len(terms) > 1:
            return body[: start + terms[-1]] + "</dl>", opening + body[start + terms[-1] :]
    return body[:start], body[start:]


def _tag_styles(family: str) -> dict:
    """fpdf2's headings are large and coloured; a letter's title is 12 pt black bold, its terms bold."""
    from fpdf.fonts import TextStyle

    return {
        "h1": TextStyle(font_family=family, font_style="B", font_size_pt=12, color="#000000", t_margin=2, b_margin=1),
        "dt": TextStyle(font_family=family, font_style="B", font_size_pt=11.5, color="#000000", t_margin=1),
        "a": TextStyle(font_family=family, font_size_pt=11.5, color="#000000"),
    }


def _issued_at(content: dict) -> datetime:
    """The PDF's creation date: the letter's own date (the PDF's bytes do not depend on when the job ran)."""
    return datetime.combine(date.fromisoformat(content["letter"]["date"]), time(12), tzinfo=UTC)


_CELL = re.compile(r"(<t[dh][^>]*>)(.*?)(</t[dh]>)", re.S)
_BREAK = re.compile(r"<br[^>]*>|</p>|</li>", re.I)
_INLINE = re.compile(r"</?(?:strong|b|em|i|u|p|span|div|ol|ul|li)(?:\s[^>]*)?>", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\v]+")  # not a no-break space: "IDR\u00a0250,000" stays on one line


def _flat_cells(page: str) -> str:
    """fpdf2 draws a table cell's text, not markup inside it: breaks become new lines, inline tags go, and the
    template's own line ends are spaces, as a browser reads them (the signature's space is its three ``<br>``, not
    more)."""

    def flat(match: re.Match) -> str:
        inner = _INLINE.sub("", _BREAK.sub("\n", _SPACE.sub(" ", match.group(2))))
        opening = match.group(1) if "align=" in match.group(1) else match.group(1)[:-1] + ' align="left">'
        return opening + "\n".join(line.strip() for line in inner.strip().splitlines()) + match.group(3)

    return _CELL.sub(flat, page)


def _body_of(page: str) -> str:
    start, end = page.find("<body"), page.rfind("</body>")
    inner = page[page.index(">", start) + 1 : end] if start >= 0 and end > start else page
    return inner


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
        "\u00b7": "-",
    }
)


def _unicode(text: str | None) -> str:
    """Text an embedded Unicode font draws as written."""
    return text or ""


def _latin1(text: str | None) -> str:
    """Text the core fonts can draw: dashes and quotes made plain, accents kept, anything else as '?'."""
    return (text or "").translate(_TYPOGRAPHY).encode("latin-1", "replace").decode("latin-1")
