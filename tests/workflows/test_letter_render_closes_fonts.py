"""A letter that fails to render leaves no font file open (engine.letters.render.pdf).

The render worker runs for months: fpdf2 closes a layout's font files only when it writes the PDF, and only when that
succeeds. A letter whose PDF cannot be written (fpdf2 refuses a layout, a RenderError), or whose second layout (the
signature kept with its last lines) fails while it is drawn, must close the files of every layout it opened, as a
letter that renders does. Run under ``-W error::ResourceWarning`` too: an unclosed file then fails the test.
"""

from __future__ import annotations

import gc
import os
import warnings
from contextlib import contextmanager

import pytest
from fpdf import FPDF

from engine.letters import render
from engine.letters.issue import unseal
from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: a letter's layout
from tests.workflows.test_letters import at_receipt, by_kind, letters, render_pending, walk  # noqa: F401


class Broken(Exception):
    """What fpdf2 raised, here."""


def _open_fonts() -> list[str]:
    """The font files this process holds open."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.lower().endswith((".ttf", ".otf")):
            found.append(target)
    return found


@contextmanager
def _no_font_left_open():
    """Nothing the block opened is still open at its end, nor closed only by the garbage collector (the
    ResourceWarning an unclosed file gives)."""
    before = _open_fonts()

    def none_open():  # while the error (and the layouts its frames hold) is still alive
        assert _open_fonts() == before

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always", ResourceWarning)
        yield none_open
        none_open()
        gc.collect()
    assert [str(w.message) for w in seen if issubclass(w.category, ResourceWarning)] == []


@pytest.fixture
def refused(office, at_receipt):  # noqa: F811
    """The refused written notice (its table's last row goes over with the signature when it does not fit)."""
    ticket = walk(office, "ditolak_dikecualikan")
    render_pending(office)
    return unseal(office.rt, by_kind(letters(office, ticket))["pemberitahuan_tertulis"])


def _laid_out_twice(office, content: dict, monkeypatch) -> dict:
    """The notice with the information asked for grown until its last row and its signature would be parted: the
    letter is then laid out a second time."""
    calls = []
    real = render._laid_out

    def counted(*args, **kwargs):
        calls.append(kwargs.get("break_before", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "_laid_out", counted)
    asked = content["case"]["details"]["information"]
    for lines in range(0, 70, 2):
        content["case"]["details"]["information"] = " ".join([asked] * (1 + lines * 2))
        calls.clear()
        render.pdf(office.rt.settings, content)
        if True in calls:
            monkeypatch.setattr(render, "_laid_out", real)
            return content
    raise AssertionError("the notice never needed its second layout")


def test_a_letter_that_renders_closes_its_fonts(office, refused, monkeypatch):
    content = _laid_out_twice(office, refused, monkeypatch)
    with _no_font_left_open():
        assert render.pdf(office.rt.settings, content).startswith(b"%PDF")


def test_a_letter_fpdf2_cannot_write_is_a_render_error_and_leaves_no_font_open(office, refused, monkeypatch):
    def refuses(self, *args, **kwargs):
        raise Broken("the layout cannot be written")

    monkeypatch.setattr(FPDF, "output", refuses)
    with _no_font_left_open() as none_open:
        with pytest.raises(render.RenderError, match="the layout cannot be written") as raised:
            render.pdf(office.rt.settings, refused)
        none_open()
        del raised


def test_a_letter_laid_out_twice_that_fails_to_write_leaves_neither_layout_open(office, refused, monkeypatch):
    content = _laid_out_twice(office, refused, monkeypatch)

    def refuses(self, *args, **kwargs):
        raise Broken("the layout cannot be written")

    monkeypatch.setattr(FPDF, "output", refuses)
    with _no_font_left_open() as none_open:
        with pytest.raises(render.RenderError) as raised:
            render.pdf(office.rt.settings, content)
        none_open()
        del raised


def test_a_second_layout_that_fails_while_drawn_leaves_neither_layout_open(office, refused, monkeypatch):
    content = _laid_out_twice(office, refused, monkeypatch)
    real_layout, real_write = render._laid_out, FPDF.write_html
    second = []

    def layout(*args, **kwargs):
        second.append(kwargs.get("break_before", False))
        return real_layout(*args, **kwargs)

    def write_html(self, *args, **kwargs):
        if second[-1]:
            raise Broken("the second layout cannot be drawn")
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(render, "_laid_out", layout)
    monkeypatch.setattr(FPDF, "write_html", write_html)
    with _no_font_left_open() as none_open:
        with pytest.raises(Broken) as raised:
            render.pdf(office.rt.settings, content)
        none_open()
        del raised
    assert second == [False, True]


def test_a_first_layout_that_fails_while_drawn_leaves_its_fonts_closed(office, refused, monkeypatch):
    def write_html(self, *args, **kwargs):
        raise Broken("the letter cannot be drawn")

    monkeypatch.setattr(FPDF, "write_html", write_html)
    with _no_font_left_open() as none_open:
        with pytest.raises(Broken) as raised:
            render.pdf(office.rt.settings, refused)
        none_open()
        del raised
