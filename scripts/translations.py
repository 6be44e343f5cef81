#!/usr/bin/env python3
"""Keep Kawal's translation catalogs in step with the code, without blanking one catalog with another.

    .venv/bin/python scripts/translations.py update [--into CATALOG]
    .venv/bin/python scripts/translations.py check

A language's words are split into catalogs by area (api/translations/<locale>/LC_MESSAGES/<catalog>.po: messages.po
for the frame and the officer pages, portal.po, case.po, errors.po, ...), merged in memory where the first file to
hold a message id wins, messages.po first (engine.catalogs). ``pybabel update`` knows one catalog per domain: it
wrote every message id of the code into messages.po, and each empty entry it added there hid the translation another
catalog held for that id. Do not run it; run ``update`` here instead:

- it extracts api/translations/messages.pot from the code as babel.cfg maps it (what ``pybabel extract -F babel.cfg
  -k _l -k NP_:1c,2 --no-location --sort-output`` finds: the pages, the reports, the engine's ``N_``/``NP_``
  messages, notifications);
- for each language that translates (not English, whose message ids are the English), it adds every message id of
  the template that none of the language's catalogs holds yet, untranslated, at the end of messages.po (``--into
  CATALOG``: of that area's file). An id some catalog already holds is never added again, and nothing already written
  changes. Translate the new entries (or move them into their area's file) and run ``check``.

``check`` (run by tests/unit/test_translation_catalogs.py, so by ``make test``) fails, exit status 1, when
messages.pot is not what the code extracts to now, or when a catalog holds an empty (or fuzzy) entry for a message id
that another catalog of the same language translates: the merge would take the empty one first, or keeps a stale
duplicate. errors.po is hand-kept (engine/messages.py's codes: tests/unit/test_messages.py), as it always was.
"""

from __future__ import annotations

import argparse
import io
import sys
import tomllib
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "api" / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
MAIN = "messages"  # the catalog merged first (engine.catalogs.DOMAIN)
SOURCE_LOCALE = "en"  # the message ids are English: its catalogs translate nothing
# babel.cfg's extraction: Babel's own keywords (``_``, ``gettext``, ``ngettext``, ``N_``, ...) and the project's:
# Flask-Babel's ``lazy_gettext``, imported as ``_l``, and engine.catalogs' ``NP_`` (context, message).
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "NP_": ((1, "c"), 2)}

HEADER = """\
# Translations template for Kawal.
# Copyright (C) YEAR Kawal
# This file is distributed under the same license as the Kawal project.
# The Kawal authors, YEAR.
#"""
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
Key = tuple[str, str | None]  # (message id, or a plural's singular; context)


def _key(message: Message) -> Key:
    return (message.id[0] if isinstance(message.id, tuple) else message.id, message.context)


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(strings) and all(strings) and not message.fuzzy


def extract() -> Catalog:
    """The message ids of the code, as babel.cfg maps its files."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    template = Catalog(
        header_comment=HEADER,
        project="Kawal",
        version=VERSION,
        copyright_holder="Kawal",
        last_translator="Kawal",
    )
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True)
    for _path, _line, message, comments, context in found:
        template.add(message, None, auto_comments=comments, context=context)
    return template


def _written(catalog: Catalog, **options) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=76, no_location=True, sort_output=True, **options)
    return out.getvalue()


def _messages_only(catalog: Catalog) -> bytes:
    return _written(catalog, omit_header=True)


def catalogs(locale: str) -> dict[str, Catalog]:
    """The language's catalogs by name, messages.po first, as engine.catalogs merges them."""
    folder = TRANSLATIONS / locale / "LC_MESSAGES"
    paths = sorted(folder.glob("*.po"), key=lambda p: (p.stem != MAIN, p.name))
    found = {}
    for path in paths:
        with path.open("rb") as po:
            found[path.stem] = read_po(po, locale=locale)
    return found


def locales() -> list[str]:
    return sorted(p.name for p in TRANSLATIONS.iterdir() if (p / "LC_MESSAGES").is_dir())


def stale_template(fresh: Catalog | None = None) -> bool:
    """True when messages.pot is not what the code extracts to now."""
    if not TEMPLATE.exists():
        return True
    with TEMPLATE.open("rb") as pot:
        kept = read_po(pot)
    return _messages_only(kept) != _messages_only(fresh or extract())


def blanked(locale: str) -> list[str]:
    """Each entry of a catalog that is empty (or fuzzy) where another catalog of the language translates its id."""
    found = catalogs(locale)
    translated_in: dict[Key, list[str]] = {}
    for name, catalog in found.items():
        for message in catalog:
            if message.id and _translated(message):
                translated_in.setdefault(_key(message), []).append(name)
    problems = []
    for name, catalog in found.items():
        for message in catalog:
            if message.id and not _translated(message) and _key(message) in translated_in:
                msgid, context = _key(message)
                where = ", ".join(f"{other}.po" for other in translated_in[_key(message)])
                label = f"{msgid!r}" + (f" (msgctxt {context!r})" if context else "")
                problems.append(f"{locale}/{name}.po: {label} is empty here, translated in {where}")
    return problems


def update(into: str = MAIN) -> dict[str, int]:
    """Write messages.pot afresh and add its new message ids, untranslated, to each translating language's ``into``
    catalog; nothing already in a catalog changes. Returns how many were added per language."""
    template = extract()
    if stale_template(template):  # else it stays as it is, its date too
        TEMPLATE.write_bytes(_written(template))
    added = {}
    for locale in locales():
        if locale == SOURCE_LOCALE:
            continue
        held = {_key(m) for catalog in catalogs(locale).values() for m in catalog if m.id}
        new = Catalog(locale=locale)
        for message in template:
            if message.id and _key(message) not in held:
                new.add(
                    message.id, "", flags=message.flags, auto_comments=message.auto_comments, context=message.context
                )
        added[locale] = sum(1 for m in new if m.id)
        if not added[locale]:
            continue
        target = TRANSLATIONS / locale / "LC_MESSAGES" / f"{into}.po"
        text = target.read_bytes() if target.exists() else _written(Catalog(locale=locale, project="Kawal"))
        target.write_bytes(text.rstrip(b"\n") + b"\n\n" + _messages_only(new))
    return added


def check() -> list[str]:
    """Every problem found (empty: the catalogs and the template are in order)."""
    problems = [f"{locale}: {p}" for locale in locales() for p in blanked(locale)]
    if stale_template():
        problems.append(
            f"{TEMPLATE.relative_to(ROOT)} is stale: run `.venv/bin/python scripts/translations.py update` (babel.cfg)"
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    adding = commands.add_parser("update", help="extract messages.pot and add its new ids, untranslated")
    adding.add_argument("--into", default=MAIN, help="the catalog (area) the new ids go to: messages, portal, ...")
    commands.add_parser("check", help="fail on a catalog blanking another's translation, or a stale messages.pot")
    args = parser.parse_args(argv)
    if args.command == "update":
        for locale, count in update(args.into).items():
            sys.stdout.write(f"{locale}: {count} new message id(s) in {args.into}.po, to translate\n")
        return 0
    problems = check()
    for problem in problems:
        sys.stderr.write(problem + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
