"""One message system: refusals carry a code; their words are English templates translated by the catalogs.

The source checks read the code with ``ast``: a refusal whose words are spelled inline, or an
"id / en" pair anywhere outside the data-like labels, fails here before a user sees it.
"""

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale

import engine
from api.errors import status_of
from api.language import TRANSLATIONS, catalog, say
from api.web.display import GROUP_LABELS
from engine.errors import Conflict, Forbidden, Invalid, KawalError, NotFound, TooMany, Unauthorized
from engine.login import EnrolmentRequired, SecondFactorRequired
from engine.messages import GROUP_TERMS, TEMPLATES, Message, group_term, msg
from engine.quotas import InsufficientStorage, QuotaExceeded

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("engine", "api", "notifications")
ERRORS_PO = TRANSLATIONS / "id" / "LC_MESSAGES" / "errors.po"
REFUSALS = {"KawalError", "NotFound", "Forbidden", "Conflict", "Invalid", "Unauthorized", "TooMany"}
MESSAGE_MAKERS = REFUSALS | {"Message", "msg"}
# Bilingual text that is data, not a message: status labels shown beside each other, the offline
# verification guide and document titles of the KI evidence bundle (both languages on paper), and the
# headings of the DIP workbook and its PDF (one not bilingual, only "a / b"). None means the whole file.
BILINGUAL_DATA = {
    "engine/status.py": None,
    "engine/bundle.py": None,
    "engine/dip_io.py": {"Kolom / Column", "Isi / What to write"},
    "engine/holiday_years.py": {"`. / The cuti bersama of "},  # an incident's stored text, for administrators
    "api/web/process_diagram.py": {"Ditolak / sebagian, uji baru"},  # a BPMN flow's own name, the key of its English
}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]")


def _sources():
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _name(call: ast.Call) -> str | None:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)


def _strings(node):
    """The string constants under ``node``, f-string pieces included."""
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _docstrings(tree) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            found.add(id(body[0].value))
    return found


def _codes(first: ast.expr) -> list:
    """The words a refusal's first argument spells: codes, or text (``"a" if x else "b"`` is two).

    A variable passed on (``Message(code, params)`` inside the plumbing) spells nothing itself.
    """
    if isinstance(first, ast.IfExp):
        return _codes(first.body) + _codes(first.orelse)
    if isinstance(first, ast.Constant):
        return [first.value]
    if isinstance(first, ast.JoinedStr | ast.BinOp):
        return [ast.unparse(first)]  # formatted text
    return []


def test_no_refusal_spells_its_words_inline():
    inline = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node) in MESSAGE_MAKERS and node.args:
                for code in _codes(node.args[0]):
                    if code not in TEMPLATES:
                        inline.append(f"{path}:{node.lineno} {_name(node)}({code!r})")
    assert inline == [], "a refusal names a code of engine/messages.py, its words live there and in errors.po"


def test_no_bahasa_indonesia_english_pair_is_written_in_the_code():
    pairs = []
    for path, tree in _sources():
        if path in BILINGUAL_DATA and BILINGUAL_DATA[path] is None:
            continue
        docstrings, data = _docstrings(tree), BILINGUAL_DATA.get(path) or set()
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) and id(node) not in docstrings else None
            if isinstance(text, str) and text not in data and re.search(r"(^|\S) / (\S|$)", text):
                pairs.append(f"{path}:{node.lineno} {text[:60]!r}")
    assert pairs == []


def test_every_message_code_is_said_somewhere():
    used = set()
    for path, tree in _sources():
        if path != "engine/messages.py":
            used |= set(_strings(tree)) & set(TEMPLATES)
    for form in (Path(__file__).resolve().parents[2] / "forms").glob("*.json"):  # a field's own "x-error"
        said = re.findall(r'"x-(?:not-asked-)?error":\s*"(\w+)"', form.read_text(encoding="utf-8"))  # or its refusal
        used |= set(said) & set(TEMPLATES)
    assert sorted(set(TEMPLATES) - used) == []


def test_each_message_code_is_written_once():
    """A dict literal keeps the last of two equal keys: a second template would silently replace the first."""
    tree = ast.parse((ROOT / "engine" / "messages.py").read_text(encoding="utf-8"))
    table = next(node.value for node in tree.body if isinstance(node, ast.AnnAssign) and node.target.id == "TEMPLATES")
    codes = [key.value for key in table.keys]
    assert sorted({code for code in codes if codes.count(code) > 1}) == []


def test_every_message_has_its_bahasa_indonesia_translation_with_the_same_parameters():
    with ERRORS_PO.open("rb") as po:
        translations = {m.id: m for m in read_po(po, locale="id") if m.id}
    merged = catalog("id")
    problems = []
    for code, template in TEMPLATES.items():
        entry = translations.get(template)
        if entry is None or not entry.string or entry.fuzzy:
            problems.append(f"{code}: no translation of {template!r} in errors.po")
        elif set(PLACEHOLDER.findall(entry.string)) != set(PLACEHOLDER.findall(template)):
            problems.append(f"{code}: {entry.string!r} does not use the parameters of {template!r}")
        elif merged.gettext(template) != entry.string:  # another area's .po translates the same msgid
            problems.append(f"{code}: the catalog says {merged.gettext(template)!r}, errors.po {entry.string!r}")
    assert problems == []


def test_a_message_is_english_in_logs_and_in_the_callers_language_at_the_edges():
    claimed = msg("task_claimed", by="ani")
    assert str(claimed) == "already claimed by ani"
    assert say(claimed, "en") == "already claimed by ani"
    assert say(claimed, "id") == "sudah diambil oleh ani"
    assert say("a library's own text", "id") == "a library's own text"
    error = Conflict("task_claimed", by="ani")
    assert (error.code, error.reason, error.message, str(error)) == (
        "conflict",
        "task_claimed",
        claimed,
        "already claimed by ani",
    )


def test_an_unknown_code_or_a_missing_parameter_fails_where_the_message_is_made():
    with pytest.raises(KeyError):
        Message("no_such_message")
    with pytest.raises(KeyError):
        NotFound("task_claimed")  # without "by"
    assert str(msg("unit_code_unknown", code="'X'")) == "unit 'X' is unknown"  # a parameter may be called code


def _kinds(cls=KawalError):
    for sub in cls.__subclasses__():
        yield sub
        yield from _kinds(sub)


def test_the_engine_knows_no_http_status_and_the_api_maps_each_kind():
    for module in pkgutil.walk_packages(engine.__path__, "engine."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)
    source = (ROOT / "engine" / "errors.py").read_text(encoding="utf-8")
    assert not re.search(r"\b[1-5]\d\d\b", source)
    assert [cls.__qualname__ for cls in _kinds() if "status" in vars(cls)] == []
    expected = {
        Unauthorized: 401,
        Forbidden: 403,
        NotFound: 404,
        Conflict: 409,
        Invalid: 422,
        TooMany: 429,
        InsufficientStorage: 507,
        QuotaExceeded: 429,
        SecondFactorRequired: 401,
        EnrolmentRequired: 403,
    }
    made = {
        cls: cls("not_allowed", retry_after=1) if issubclass(cls, TooMany) else cls("not_allowed") for cls in expected
    }
    assert {cls: status_of(error) for cls, error in made.items()} == expected
    assert status_of(KawalError("not_allowed")) == 400


def test_a_date_in_a_refusal_is_written_as_the_reader_s_language_writes_dates():
    """ "antara 2026-12-05 dan hari ini" on a page that writes "5 Des 2026" everywhere else."""
    from datetime import date

    from api.language import say

    refusal = msg("between_and_today", first=date(2026, 12, 5))
    assert say(refusal, "id") == "antara 5 Des 2026 dan hari ini"
    assert say(refusal, "en") == "between 5 Dec 2026 and today"
    assert str(refusal) == "between 2026-12-05 and today"  # the engine's own words (logs, the command line)


def test_an_instant_in_a_refusal_is_written_as_the_pages_write_it_in_the_zone_it_carries():
    """ "harus sebelum 2026-12-21T16:00:00+07:00" on a page that writes "21 Des 2026, 16:00 WIB" everywhere else."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from api.language import say

    refusal = msg("due_before", due=datetime(2026, 12, 21, 16, 0, tzinfo=ZoneInfo("Asia/Jakarta")))
    assert say(refusal, "id") == "harus dilakukan paling lambat 21 Des 2026, 16:00 WIB"
    assert say(refusal, "en") == "must be done by 21 Dec 2026, 16:00 WIB"
    late = msg("download_expired", date=datetime(2027, 1, 6, 9, 30, tzinfo=ZoneInfo("Asia/Makassar")))
    assert say(late, "id").startswith("unduhan tersedia sampai 6 Jan 2027, 09:30 WITA")


def test_a_refusal_names_a_group_as_the_pages_do_never_by_its_code(app):
    """The groups' words in a refusal (engine.messages.GROUP_TERMS) are the pages' own (GROUP_LABELS), in either
    language: "tugas ini untuk kelompok Atasan PPID", not "atasan_ppid"."""
    with app.test_request_context():
        for code, label in GROUP_LABELS.items():
            with force_locale("en"):
                assert GROUP_TERMS[code] == str(label)
            with force_locale("id"):
                assert say(msg("task_for_group", group=group_term(code)), "id") == f"tugas ini untuk kelompok {label}"
    assert set(GROUP_TERMS) == set(GROUP_LABELS)
