"""From a letter's frozen content to HTML (the print view) and to PDF (the letter of record).

Templates are Jinja2 HTML files, ``<type>.<locale>.html`` extending ``_base.html``, with the stylesheet
``letter.css``; an agency overrides any of them by putting a file of the same name in
``KAWAL_LETTER_TEMPLATES_DIR``, which is searched first (a ``ChoiceLoader``). The same template makes
both: the print view is the whole page; the PDF (fpdf2, already Kawal's PDF library for the DIP) takes
the body the template renders with ``pdf`` set, through fpdf2's HTML subset (paragraphs, bold, italic,
lists, tables with widths), and draws the letterhead (kop surat) on the first page and the verification
footer (QR code, short address, code, number, page) on every page itself.

The PDF uses the core Times font: text outside Latin-1 is folded (dashes and quotes made plain,
anything else as "?"), as the DIP's PDF does. Rendering reads nothing but the letter's content and the
settings, and never the network.
"""

from __future__ import annotations

import base64
import io
import mimetypes
import re
from datetime import UTC, date, datetime, time
from functools import lru_cache
from pathlib import Path

import segno
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from engine.config import Settings
from engine.letters import signing

TEMPLATES = Path(__file__).parent / "templates"
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


def rupiah(value) -> str:
    """``250000`` -> ``Rp250.000`` (Indonesian grouping)."""
    amount = int(round(float(value or 0)))
    return "Rp" + f"{amount:,}".replace(",", ".")


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
    env.filters["rupiah"] = rupiah
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
        qr=Markup(qr_data_uri(content["letter"]["verify_url"])),  # noqa: S704 - segno's own data URI
        logo=_logo(str(settings.office_logo) if settings.office_logo else None),
        stylesheet=stylesheet_href,
        print_view=print_view,
        pdf=pdf,
    )


class _LetterPDF:
    """An fpdf2 document with the letterhead on page one and the verification footer on every page."""

    def __new__(cls, settings: Settings, content: dict):
        from fpdf import FPDF

        class LetterPDF(FPDF):
            def header(self):
                if self.page_no() == 1:
                    _letterhead(self, settings, content)

            def footer(self):
                _verification_footer(self, content)

        return LetterPDF(format="A4", unit="mm")


def _letterhead(pdf, settings: Settings, content: dict) -> None:
    office = content["office"]
    top = pdf.get_y()
    if settings.office_logo is not None and Path(settings.office_logo).is_file():
        pdf.image(str(settings.office_logo), x=pdf.l_margin, y=top, h=22)
    pdf.set_font("Times", "B", 13)
    pdf.cell(0, 6, _latin1(office["agency_name"].upper()), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Times", "B", 12)
    pdf.cell(0, 6, _latin1(office["office_name"].upper()), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Times", "", 9)
    for line in (office.get("address"), office.get("contact")):
        if line:
            pdf.cell(0, 4.5, _latin1(line), align="C", new_x="LMARGIN", new_y="NEXT")
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
    pdf.set_font("Times", "", 8)
    pdf.cell(0, 4, _latin1(words[0]), new_x="LEFT", new_y="NEXT")
    pdf.set_font("Times", "B", 9)
    pdf.cell(0, 4.5, _latin1(letter["verify_url"]), new_x="LEFT", new_y="NEXT")
    pdf.set_font("Times", "", 8)
    pdf.cell(0, 4, _latin1(f"{words[1]}: {letter['code']} - {words[2]}: {letter['number']}"), new_x="LEFT")
    pdf.set_xy(pdf.l_margin, top + 14)
    pdf.cell(0, 4, f"{words[3]} {pdf.page_no()}/{{nb}}", align="R")


def _qr_png(url: str):
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=4, border=0)
    buffer.seek(0)
    return buffer


def pdf(settings: Settings, content: dict) -> bytes:
    """The letter as an A4 PDF (fpdf2), signed when a key is configured."""
    document = _LetterPDF(settings, content)
    document.set_compression(True)
    document.set_title(_latin1(f"{content['type']['title']} {content['letter']['number']}"))
    document.set_subject(_latin1(content["type"]["legal_basis"]))
    document.set_creator("Kawal")
    document.set_lang("en" if content["letter"]["locale"] == "en" else "id")
    document.set_creation_date(_issued_at(content))
    document.set_margins(25, 20, 20)
    document.set_auto_page_break(auto=True, margin=30)
    document.add_page()
    document.set_font("Times", "", 11.5)
    body = html(settings, content, stylesheet_href="", pdf=True)
    document.write_html(_latin1(_flat_cells(_body_of(body))), tag_styles=_tag_styles(), table_line_separators=True)
    try:
        data = bytes(document.output())
    except Exception as exc:  # fpdf2 raises its own errors on layout it cannot do
        raise RenderError(f"{type(exc).__name__}: {exc}") from exc
    if settings.signing_key is not None:
        data = signing.sign(settings, data, content)
    return data


def _tag_styles() -> dict:
    """fpdf2's headings are large and coloured; a letter's title is 12 pt black bold, its terms bold."""
    from fpdf.fonts import TextStyle

    return {
        "h1": TextStyle(font_family="Times", font_style="B", font_size_pt=12, color="#000000", t_margin=2, b_margin=1),
        "dt": TextStyle(font_family="Times", font_style="B", font_size_pt=11.5, color="#000000", t_margin=1),
        "a": TextStyle(font_family="Times", font_size_pt=11.5, color="#000000"),
    }


def _issued_at(content: dict) -> datetime:
    """The PDF's creation date: the letter's own date (the PDF's bytes do not depend on when the job ran)."""
    return datetime.combine(date.fromisoformat(content["letter"]["date"]), time(12), tzinfo=UTC)


_CELL = re.compile(r"(<t[dh][^>]*>)(.*?)(</t[dh]>)", re.S)
_BREAK = re.compile(r"<br[^>]*>|</p>|</li>", re.I)
_INLINE = re.compile(r"</?(?:strong|b|em|i|u|p|span|div|ol|ul|li)(?:\s[^>]*)?>", re.I)


def _flat_cells(page: str) -> str:
    """fpdf2 draws a table cell's text, not markup inside it: breaks become new lines, inline tags go."""

    def flat(match: re.Match) -> str:
        inner = _INLINE.sub("", _BREAK.sub("\n", match.group(2)))
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


def _latin1(text: str | None) -> str:
    """Text the core fonts can draw: dashes and quotes made plain, accents kept, anything else as '?'."""
    return (text or "").translate(_TYPOGRAPHY).encode("latin-1", "replace").decode("latin-1")
