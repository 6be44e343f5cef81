"""HTML to PDF, for every document Kawal prints (reports now; letters and the DIP may share it).

One function, ``render_pdf``, over WeasyPrint, which needs Pango from the system (Debian:
``libpango-1.0-0 libpangoft2-1.0-0``; ``make run`` and ``make test`` install them when missing).
WeasyPrint is imported when a PDF is first asked for, or a page asks ``available()`` whether to offer one,
so nothing else depends on those libraries; the outcome is kept for the process's life (installing Pango
takes a restart, as any library does).
The HTML is rendered by the caller; it may not fetch anything: every resource must be inline
(``url_fetcher`` refuses all URLs), so a document never reaches out of the server.
Every PDF is tagged: its headings, paragraphs, lists and tables are in the PDF's structure tree, with the
HTML's ``lang`` and ``<title>``, so a screen reader reads the published report as it reads the page (the
tags cost about nothing: a 500-paragraph document rendered in the same time, its file 2.6 times as large,
26 KB).
"""

from __future__ import annotations

import functools
import logging

from engine.errors import KawalError

log = logging.getLogger("kawal.pdf")
PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"


class PdfUnavailable(KawalError):
    """WeasyPrint or the system libraries it needs are missing: a fault of the server's set-up, not of the
    request, answered 503 (api.errors) and logged with its cause and the packages that cure it."""

    code = "unavailable"


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"documents are self-contained: refusing to fetch {url}")


@functools.cache
def _weasyprint() -> tuple[type | None, Exception | None]:
    """WeasyPrint's ``HTML`` class, or why it cannot be loaded: tried once per process, logged once."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the Pango libraries are not installed
        log.error("PDF output needs WeasyPrint and Pango (Debian: apt-get install %s): %s", PANGO_PACKAGES, exc)
        return None, exc
    return HTML, None


def available() -> bool:
    """Whether this server can make PDFs: pages offer a PDF download only then."""
    return _weasyprint()[0] is not None


def render_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML document (styles inline, no external resources)."""
    html_class, missing = _weasyprint()
    if html_class is None:
        raise PdfUnavailable("pdf_unavailable") from missing
    return html_class(string=html, url_fetcher=_no_fetch).write_pdf(pdf_tags=True)
