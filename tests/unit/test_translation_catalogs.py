"""A language's catalogs never blank each other, and api/translations/messages.pot is what the code extracts to.

The words are split into catalogs by area, merged first file first, messages.po first (engine.catalogs). The
documented ``pybabel update`` wrote every message id of the code into messages.po, each untranslated one empty, and
those empty entries hid the areas' translations (the page showed the English); messages.pot, which it read, had gone
stale at 110 of some 2,100 ids. scripts/translations.py replaces it (babel.cfg): ``update`` adds to one catalog only
the ids no catalog of the language holds, and ``check``, run here, fails on an empty entry over another catalog's
translation and on a stale template.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from engine.config import ROOT

_spec = importlib.util.spec_from_file_location("kawal_translations", ROOT / "scripts" / "translations.py")
translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(translations)


def test_no_catalog_blanks_another_s_translation_and_the_template_is_the_code_s():
    assert translations.check() == []


@pytest.fixture
def copy(tmp_path, monkeypatch) -> Path:
    """The catalogs copied aside: what the script writes there, the project's own never see."""
    folder = tmp_path / "translations"
    shutil.copytree(translations.TRANSLATIONS, folder)
    monkeypatch.setattr(translations, "TRANSLATIONS", folder)
    monkeypatch.setattr(translations, "TEMPLATE", folder / "messages.pot")
    return folder


def _po(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=path.parent.parent.name)


def test_an_empty_entry_over_another_catalog_s_translation_is_found(copy):
    """What ``pybabel update`` did: "An individual" (portal.po: "Perorangan") empty in messages.po, read first."""
    messages = copy / "id" / "LC_MESSAGES" / "messages.po"
    messages.write_bytes(messages.read_bytes() + b'\nmsgid "An individual"\nmsgstr ""\n')
    assert translations.blanked("id") == ["id/messages.po: 'An individual' is empty here, translated in portal.po"]
    assert translations.blanked("en") == []  # English translates nothing: nothing to blank


def test_update_adds_only_the_ids_no_catalog_holds_and_changes_nothing_written(copy, monkeypatch):
    code = Catalog()
    code.add("Inbox")  # messages.po translates it
    code.add("An individual")  # portal.po translates it
    code.add("A word new to the pages")
    code.add(("%(num)d new item", "%(num)d new items"), flags=["python-format"])
    monkeypatch.setattr(translations, "extract", lambda: code)
    before = {path: path.read_bytes() for path in copy.rglob("*.po")}

    assert translations.update() == {"id": 2}

    messages = copy / "id" / "LC_MESSAGES" / "messages.po"
    assert messages.read_bytes().startswith(before[messages].rstrip(b"\n"))
    new = {m.id if isinstance(m.id, str) else m.id[0]: m for m in _po(messages) if m.id}
    assert new["A word new to the pages"].string == ""
    assert new["%(num)d new item"].string == ("",)
    assert "python-format" in new["%(num)d new item"].flags
    assert "An individual" not in new
    assert translations.blanked("id") == []
    changed = [path.relative_to(copy) for path in before if path.read_bytes() != before[path]]
    assert changed == [Path("id/LC_MESSAGES/messages.po")]  # English's catalogs and the other areas untouched
    assert translations.update() == {"id": 0}  # run again: nothing more


def test_update_can_put_the_new_ids_into_an_area_s_catalog(copy, monkeypatch):
    code = Catalog()
    code.add("A word new to the portal")
    monkeypatch.setattr(translations, "extract", lambda: code)
    assert translations.update(into="portal") == {"id": 1}
    assert "A word new to the portal" in {m.id for m in _po(copy / "id" / "LC_MESSAGES" / "portal.po")}
