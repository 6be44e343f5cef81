"""A task's JSON Schema form as HTML fields, and the posted fields back as the data the schema wants.

The schema stays the single description of a form: the page is drawn from it here, and the posted
data is validated by the same code the API uses (``engine.forms`` via ``inbox.complete_task``),
so the browser and the API can never accept different data.

Widgets, from the schema:

- string: text input (with ``"x-suggest": kind``, a list of the values already recorded to pick from, filled by
  ``with_suggestions``: a kab/kota typed the same way each time); ``maxLength`` over 200 → textarea; ``format``
  date / date-time / email → the matching input type; ``enum`` → radio buttons (up to 5 choices) or a select;
  ``"x-references": "unit"`` (a code of one of the office's units) → a select of the units, filled by
  ``with_unit_choices``;
- boolean: yes / no radio buttons; ``const: true`` (a confirmation) → one checkbox;
- number / integer: number input;
- array of enum → checkboxes; array of strings → a textarea, one item per line;
- array of objects → numbered rows, each a fieldset of the item's fields (one more than are filled, at
  least ``ROWS``, never more than ``maxItems``); a row left empty is no item;
- object → a fieldset of its own fields.

A field an ``allOf`` rule requires (``if`` some answer, ``then`` required) is marked required once the answers shown
meet the rule (a rule the empty form meets, once a question it asks is answered: ``_met``), and until then says
when: the rule's ``x-when`` / ``x-when-en``, or the answer its ``if`` asks (``_conditions``); a field the case's
record requires (``form_fields``' ``required``) is marked required.

Labels are ``title`` (Bahasa Indonesia) or ``x-title-en``; choice labels ``x-enum-titles`` /
``x-enum-titles-en``, else the case-status vocabulary, else the code itself. A ``description`` /
``x-description-en`` becomes a hint. A field with ``x-kawal-file`` (engine.task_files) is a file
input (``multiple`` when it takes more than one, ``accept`` from its types); its files travel in the
multipart body, never in the parsed data, and the page's form is then sent as multipart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from jsonschema import Draft202012Validator
from werkzeug.datastructures import MultiDict

from api.web.blueprint import bp
from api.web.i18n import current_language, translated
from engine import status
from engine.files import Upload
from engine.messages import msg
from engine.task_files import FILE

LONG_TEXT = 200  # characters: above this a string gets a textarea
ROWS = 2  # rows an array of objects shows at least: the filled ones and one empty row more
MAX_RADIOS = 5  # choices: above this an enum gets a select
UNIT = "unit"  # the value of "x-references" that names one of the office's units by its code
SUGGEST, SUGGESTIONS = "x-suggest", "x-suggestions"  # what a text field suggests; the values, once filled
_TRUE, _FALSE = "true", "false"


@dataclass
class Field:
    name: str  # the dotted path of the value in the data, also the HTML name
    label: str
    widget: str
    required: bool = False
    hint: str | None = None
    options: list[tuple[str, str]] = field(default_factory=list)
    attrs: dict = field(default_factory=dict)
    value: object = ""  # what the input shows: a string, or a list of strings for checkboxes
    errors: list[str] = field(default_factory=list)
    children: list[Field] = field(default_factory=list)
    # A group's own error (one of e-mail or phone) concerns some of its fields: the error summary's link lands on
    # the first of them (a dotted name), not on the group's first field.
    lands_on: str | None = None
    suggestions: list[str] = field(default_factory=list)  # a text input's datalist (``x-suggest``)
    # Those of ``errors`` that are whole sentences naming the field ("Nama lengkap wajib diisi."): shown as they are,
    # under the field and in the error summary, never after the label.
    sentences: list[str] = field(default_factory=list)
    # Required only when another answer of the form says so (an ``allOf`` rule's ``if``, not met yet): the words of
    # the mark beside the label, "wajib bila ada bagian yang dihitamkan" (``_conditions``).
    required_when: str | None = None
    row: int | None = None  # in a repeated group: the number of the row the field is in, from 1

    @property
    def id(self) -> str:
        return "f-" + self.name.replace(".", "-")

    @property
    def described_by(self) -> str:
        ids = ([f"{self.id}-hint"] if self.hint else []) + ([f"{self.id}-error"] if self.errors else [])
        return " ".join(ids)

    @property
    def error_text(self) -> str:
        """The field's own errors as sentences, under it: "Format salah.", "Nama lengkap wajib diisi."."""
        return " ".join(m if m in self.sentences else as_sentence(m) for m in self.errors)

    @property
    def summary(self) -> str:
        """The field's line in the error summary: its sentences, then its other messages after its label and one
        colon, ending with a full stop ("NIK: NIK terdiri atas 16 angka."); after a question, a sentence of its own
        ("Permohonan lengkap? Jenis isian salah.")."""
        said = [m for m in self.errors if m in self.sentences]
        rest = [m for m in self.errors if m not in self.sentences]
        if rest and self.is_row:  # the row itself: its number is said below, not its label "2."
            said.append(as_sentence("; ".join(rest)))
        elif rest and self.row is not None and not said:  # "Baris 2, NIP: ...", not "Baris 2: NIP: ..."
            label = _("Row %(row)d, %(field)s", row=self.row, field=self.label)
            return f"{label}: {_full_stop('; '.join(rest))}"
        elif rest:
            if self.label.endswith("?") or (self.label.endswith(".") and not ABBREVIATED.search(self.label)):
                said.append(f"{self.label} {as_sentence('; '.join(rest))}")
            else:
                said.append(f"{self.label}: {_full_stop('; '.join(rest))}")
        line = " ".join(said)
        # A repeated group's fields share their labels ("Nama" in each row): the summary names the row.
        return _("Row %(row)d: %(errors)s", row=self.row, errors=line) if self.row is not None else line

    @property
    def is_row(self) -> bool:
        """A row of a repeated group (``terlapor.1``), whose own label is its number ("2.")."""
        return self.row is not None and self.name.rpartition(".")[2].isdigit()


# A label ending in an abbreviation ("National ID no.", "Payment receipt no.") is a name, not a sentence: its errors
# follow a colon as every other label's do.
ABBREVIATED = re.compile(r"(?:^|[\s/(])(?:no|nr|nos|dll|dsb|dst|tgl|kep)\.$", re.IGNORECASE)


def _full_stop(text: str) -> str:
    text = str(text).strip()
    return text if not text or text.endswith((".", "?", "!", "…")) else f"{text}."


@bp.app_template_filter()
def as_sentence(text) -> str:
    """An engine's field message ("wajib diisi", "too short") as a sentence of its own: a capital, a full stop."""
    text = _full_stop(text)
    return text[:1].upper() + text[1:] if text[:1].islower() else text


REQUIRED = "required"  # engine.messages' code of a field left empty: "is required", said beside the field's name


@bp.app_template_global()
def error_line(label: str, messages, under: bool = False, widget: str = "text") -> str:
    """A field's errors where they come as words (``field_errors``), not on a ``Field``: its summary line, or
    (``under``) its words under it, as ``Field.summary`` and ``Field.error_text`` say them (the calendar's form)."""
    f = Field(name="", label=str(label), widget=widget)
    required = translated(msg(REQUIRED))
    for message in messages or ():
        said = missing(f) if message == required else message
        f.errors.append(said)
        if said is not message:
            f.sentences.append(said)
    return f.error_text if under else f.summary


def missing(f: Field) -> str:
    """A field left empty, in a sentence that names it: a page shows the engine's "is required" without the name
    an API client reads beside it. A confirmation is ticked, a question answered, a choice chosen."""
    if f.widget == "confirm":
        return _("Tick “%(field)s”.", field=f.label)
    if f.label.endswith("?"):
        return _("Answer “%(field)s”.", field=f.label)
    if f.widget in ("radios", "select", "yes_no", "checkboxes"):
        return _("%(field)s must be chosen.", field=f.label)
    return _("%(field)s is required.", field=f.label)


def _text(node: dict, key: str, locale: str) -> str | None:
    return (node.get(f"x-{key}-en") if locale == "en" else None) or node.get(key)


def _choice_label(node: dict, value: str, locale: str) -> str:
    titles = node.get("x-enum-titles-en" if locale == "en" else "x-enum-titles") or node.get("x-enum-titles") or {}
    if value in titles:
        return titles[value]
    if value in status.STATUSES:
        return status.label(value, locale)
    return value.replace("_", " ").capitalize() if len(value) > 1 else value


def _widget(node: dict) -> str:
    if FILE in node:
        return "file"
    kind = node.get("type")
    if kind == "object":
        return "fieldset"
    if kind == "array":
        items = node.get("items", {})
        return "checkboxes" if "enum" in items else "rows" if items.get("type") == "object" else "lines"
    if kind == "boolean":
        return "confirm" if node.get("const") is True else "yes_no"
    if kind in ("number", "integer"):
        return "number"
    if node.get("x-references") == UNIT:  # the list grows with the office, and may be left unchosen
        return "select"
    if "enum" in node:
        return "radios" if len(node["enum"]) <= MAX_RADIOS else "select"
    fmt = node.get("format")
    if fmt in ("date", "email"):
        return fmt
    if node.get(AUTOCOMPLETE) == "tel":
        return "tel"
    if fmt == "date-time":
        return "datetime"
    return "textarea" if node.get("maxLength", 0) > LONG_TEXT else "text"


# A field holding the visitor's own details names its purpose (WCAG 1.3.5), as HTML's autocomplete tokens do:
# "name", "street-address", "email", "tel", "organization-title"; a browser then offers to fill it in.
AUTOCOMPLETE = "x-autocomplete"


def _attrs(node: dict, widget: str) -> dict:
    attrs = {"autocomplete": node[AUTOCOMPLETE]} if node.get(AUTOCOMPLETE) else {}
    if widget == "file":
        spec = node[FILE]
        attrs["accept"] = ",".join(spec.get("types") or ("application/pdf", "image/png", "image/jpeg"))
        if spec.get("maxFiles", 2) > 1:
            attrs["multiple"] = "multiple"
    if widget in ("text", "textarea", "email", "tel") and "maxLength" in node:
        attrs["maxlength"] = node["maxLength"]
    if widget == "text" and node.get(SUGGESTIONS):
        attrs["autocomplete"] = "off"  # the browser's own memory would cover the office's list
    if widget == "number":
        attrs["step"] = "1" if node.get("type") == "integer" else "any"
        attrs["inputmode"] = "numeric" if node.get("type") == "integer" else "decimal"
        for key in ("minimum", "maximum"):
            if key in node:
                attrs[key[:3]] = node[key]
    return attrs


def _hint(node: dict, widget: str, locale: str) -> str | None:
    hint = _text(node, "description", locale)
    if widget == "lines":
        hint = " ".join(filter(None, [hint, _("One item per line.")]))
    return hint


def unit_choices(node: dict, units) -> None:
    """Make ``node`` choose among ``units`` (rows with ``code`` and ``name``), each shown as "name (code)", or
    as its code alone when it has no name of its own (a unit made by ``kawal users create --unit``)."""
    node["enum"] = [u.code for u in units]
    node["x-enum-titles"] = node["x-enum-titles-en"] = {u.code: unit_label(u) for u in units}


def unit_label(unit) -> str:
    """A unit as an officer knows it: "name (code)", or its code alone when it has no name of its own; a unit
    deactivated since (engine.units), as a filter still lists it, says so."""
    label = unit.code if unit.name in (None, "", unit.code) else f"{unit.name} ({unit.code})"
    return label if getattr(unit, "active", True) else _("%(unit)s, deactivated", unit=label)


def unit_options(units, chosen: str | None) -> list[tuple[str, str]]:
    """``(code, label)`` of each unit, for a filter's select of units; a chosen code the office does not hold
    (a link kept from before) stays listed as itself, so the page still says what it was filtered by."""
    options = [(u.code, unit_label(u)) for u in units]
    if chosen and chosen not in {code for code, _ in options}:
        options.append((chosen, chosen))
    return options


def with_unit_choices(schema: dict, load_units: Callable[[], list]) -> dict:
    """The schema with each top-level field marked ``"x-references": "unit"`` choosing among the units
    ``load_units()`` reads (only when there is such a field); the schema is shared, so a copy is changed."""
    names = [key for key, node in schema.get("properties", {}).items() if node.get("x-references") == UNIT]
    if not names:
        return schema
    units = load_units()
    schema = {**schema, "properties": {**schema["properties"]}}
    for name in names:
        schema["properties"][name] = node = dict(schema["properties"][name])
        unit_choices(node, units)
    return schema


def with_suggestions(schema: dict, load: Callable[[str], list[str]]) -> dict:
    """The schema with each top-level field marked ``"x-suggest": kind`` given the values ``load(kind)`` reads (only
    when there is such a field); the schema is shared, so a copy is changed."""
    names = [key for key, node in schema.get("properties", {}).items() if node.get(SUGGEST)]
    if not names:
        return schema
    schema = {**schema, "properties": {**schema["properties"]}}
    for name in names:
        node = schema["properties"][name] = dict(schema["properties"][name])
        node[SUGGESTIONS] = load(node[SUGGEST])
    return schema


def build_fields(schema: dict, locale: str, values: MultiDict | None = None, errors: dict | None = None) -> list[Field]:
    """The form's fields with the values to show and the error messages that belong beside each."""
    fields = _fields(schema, "", locale, values or MultiDict())
    if errors:
        attach_errors(fields, errors)
    return fields


def _fields(schema: dict, prefix: str, locale: str, values: MultiDict, may_be_empty: bool = False) -> list[Field]:
    # A row, or a group the form never requires (a proxy), may stay empty: none of its fields is marked required.
    # A group required in some cases (a confidential reporter's identity) keeps its fields' marks.
    required = set(schema.get("required", [])) if not may_be_empty else set()
    sometimes = {n for rule in schema.get("allOf", []) for n in rule.get("then", {}).get("required", [])}
    conditions = _conditions(schema, prefix, locale, values) if not may_be_empty else {}
    out = []
    for key, node in schema.get("properties", {}).items():
        name = f"{prefix}{key}"
        widget = _widget(node)
        item = Field(
            name=name,
            label=_text(node, "title", locale) or key,
            widget="fieldset" if widget == "rows" else widget,
            required=key in required or conditions.get(key) is True,
            hint=_hint(node, widget, locale),
            attrs=_attrs(node, widget),
        )
        if not item.required and key in conditions:
            item.required_when = conditions[key]
        if widget == "rows":
            item.children = [
                Field(
                    name=f"{name}.{i}",
                    label=f"{i + 1}.",
                    widget="fieldset",
                    children=_fields(node["items"], f"{name}.{i}.", locale, values, may_be_empty=True),
                )
                for i in range(_row_count(node, name, values))
            ]
            for number, row in enumerate(item.children, start=1):
                for f in _walk([row]):
                    f.row = f.row or number  # a row within a row keeps its own number
        elif widget == "fieldset":
            optional = may_be_empty or not (item.required or key in sometimes)
            item.children = _fields(node, f"{name}.", locale, values, may_be_empty=optional)
            either = [n for rule in node.get("anyOf", []) for n in rule.get("required", [])]
            item.lands_on = f"{name}.{either[0]}" if either else None
        elif widget == "checkboxes":
            choices = node["items"]
            item.options = [(v, _choice_label(choices, v, locale)) for v in choices["enum"]]
            item.value = values.getlist(name)
        elif widget in ("radios", "select"):
            item.options = [(v, _choice_label(node, v, locale)) for v in node.get("enum", ())]  # units: filled or none
            item.value = values.get(name, "")
        else:
            item.value = values.get(name, "")
            if widget == "text" and node.get(SUGGESTIONS):
                item.suggestions = list(node[SUGGESTIONS])
                item.attrs["list"] = f"{item.id}-suggestions"
        out.append(item)
    return out


# A rule of a form's ``allOf`` requires its ``then`` fields when the form's answers meet its ``if``. Beside such a field
# the page says when: the rule's own words (``x-when`` / ``x-when-en``: "ada bagian yang dihitamkan"), else the answer
# its ``if`` asks of one field ("“Keputusan”: Keberatan ditolak").
WHEN = "x-when"


def _conditions(schema: dict, prefix: str, locale: str, values: MultiDict) -> dict[str, bool | str]:
    """Each field an ``allOf`` rule of ``schema`` requires: True when the answers shown (``values``) meet the rule,
    else the words of when it is required, the rules' joined by "or" (a rule without words is left unsaid)."""
    rules = [r for r in schema.get("allOf", []) if "if" in r and r.get("then", {}).get("required")]
    if not rules:
        return {}
    shown = _parse_object(schema, prefix, values, UTC)
    met: set[str] = set()
    said: dict[str, dict[str, list[str]]] = {}  # field -> the condition's field (or "" for a rule's own words) -> words
    for rule in rules:
        if _met(rule["if"], shown):
            met.update(rule["then"]["required"])
            continue
        when = _when(rule, schema, locale)
        for name in rule["then"]["required"] if when else ():
            words = said.setdefault(name, {}).setdefault(when[0], [])
            words.extend(w for w in when[1] if w not in words)
    out: dict[str, bool | str] = dict.fromkeys(met, True)
    for name, conditions in said.items():
        if name not in met:
            parts = [
                _("“%(field)s”: %(answer)s", field=field, answer=_(" or ").join(words)) if field else words[0]
                for field, words in conditions.items()
            ]
            out[name] = _("required if %(condition)s", condition=_(" or ").join(parts))
    return out


def _met(test: dict, shown: dict) -> bool:
    """Whether the answers shown meet a rule's ``if``. A rule the empty form meets reads a question left unanswered
    as one answer (a determination, for an API client of before that sends no choice: forms/tetapkan_pengecualian.json);
    the page asks that question, so the rule is met there only once one of the questions it asks is answered."""
    check = Draft202012Validator(test)
    if not check.is_valid(shown):
        return False
    return not check.is_valid({}) or any(shown.get(name) not in (None, "", []) for name in _asked(test))


def _asked(test) -> set[str]:
    """The top-level answers a rule's ``if`` asks of: its ``properties`` and ``required``, also within ``not``..."""
    if not isinstance(test, dict):
        return set()
    names = set(test.get("properties", {})) | set(test.get("required", ()))
    for key in ("not", "if", "then", "else"):
        names |= _asked(test.get(key))
    for key in ("allOf", "anyOf", "oneOf"):
        for part in test.get(key, ()):
            names |= _asked(part)
    return names


def _when(rule: dict, schema: dict, locale: str) -> tuple[str, list[str]] | None:
    """A rule's condition: ("", [its own words]), or (a field's label, [the answers its ``if`` asks of that field]);
    None when it asks of more than one field and has no words of its own."""
    own = (rule.get(f"{WHEN}-en") if locale == "en" else None) or rule.get(WHEN)
    if own:
        return "", [own]
    test = rule["if"]
    asked = test.get("properties", {})
    if set(test) - {"properties", "required"} or len(asked) != 1:
        return None
    name, wanted = next(iter(asked.items()))
    node = choices = schema.get("properties", {}).get(name, {})
    if "contains" in wanted:  # one of the choices ticked
        wanted, choices = wanted["contains"], node.get("items", {})
    answers = [wanted["const"]] if "const" in wanted else wanted.get("enum")
    if not answers:
        return None
    return _text(node, "title", locale) or name, [_answer(choices, a, locale) for a in answers]


def _answer(node: dict, value, locale: str) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return _choice_label(node, value, locale)


def _row_count(node: dict, name: str, values: MultiDict) -> int:
    """Rows to show: up to the last filled one and one more, at least ``ROWS``, within ``maxItems``."""
    filled = {
        int(key.split(".")[-2])
        for key, value in values.items()
        if key.startswith(f"{name}.") and key.split(".")[-2].isdigit() and str(value).strip()
    }
    return min(max(max(filled, default=-1) + 2, ROWS), node.get("maxItems", ROWS))


# A page's date-time field gives the office's local time and ``parse`` adds the office's zone (``_instant``), so the
# engine's words for an instant, which ask an API client for a zone, would ask the officer for what the field cannot
# take: a page says what they can act on instead (engine.messages codes -> the page's words).
ON_A_PAGE = {
    "iso_instant": _l("Enter a date and a time."),
    "past_iso_instant": _l("a time already past"),
    "past_receipt": _l("a time already past, at most a year ago"),
}


def form_fields(schema: dict, values, errors: dict | None, extra=(), required=()) -> tuple[list[Field], list[str]]:
    """A page's fields in the reader's language, with the engine's refusal (``Invalid.fields``: Messages by path)
    put beside them; returns the fields and the errors no field takes. ``extra`` fields come first; ``required``: the
    names of fields the case's record requires though the form alone does not (a granted request's notice)."""
    fields = [*extra, *build_fields(schema, current_language(), values)]
    for f in _walk(fields):
        if f.name in required:
            f.required, f.required_when = True, None
    if not errors:
        return fields, []
    by_name = {f.name: f for f in _walk(fields)}
    general = []
    for path, messages in as_on_a_page(errors).items():
        target = _target(by_name, path)
        for message in messages:
            if target is None:
                general.append(translated(message))
            elif getattr(message, "code", None) == REQUIRED:
                said = missing(target)
                target.errors.append(said)
                target.sentences.append(said)
            else:
                target.errors.append(translated(message))
    return fields, general


def as_on_a_page(errors: dict) -> dict:
    """A refusal's field messages with those said otherwise on a page (``ON_A_PAGE``) replaced."""
    return {path: [ON_A_PAGE.get(getattr(m, "code", None), m) for m in messages] for path, messages in errors.items()}


def attach_errors(fields: list[Field], errors: dict[str, list[str]]) -> list[str]:
    """Put each error beside the deepest field its path falls under; returns the ones no field takes.

    Paths are the engine's (``kuasa.name``, ``daftar_bukti.0``, ``_schema``).
    """
    by_name = {f.name: f for f in _walk(fields)}
    left = []
    for path, messages in errors.items():
        target = _target(by_name, path)
        if target is None:
            left.extend(messages)
        else:
            target.errors.extend(messages)
    return left


def _target(by_name: dict[str, Field], path: str) -> Field | None:
    """The deepest field an error's path falls under, if any."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        target = by_name.get(".".join(parts[:end]))
        if target is not None:
            return target
    return None


def _walk(fields: list[Field]):
    for item in fields:
        yield item
        yield from _walk(item.children)


def parse(schema: dict, form: MultiDict, tz: ZoneInfo) -> dict:
    """Posted fields -> data of the schema's types. An empty field is left out, so "required" speaks.

    A value that does not convert is passed on as typed, and the schema's validation names the
    field and the problem; nothing is silently dropped or guessed.
    """
    return _parse_object(schema, "", form, tz)


def _parse_object(schema: dict, prefix: str, form: MultiDict, tz: ZoneInfo) -> dict:
    data = {}
    required = set(schema.get("required", []))
    for key, node in schema.get("properties", {}).items():
        name = f"{prefix}{key}"
        value = _parse_value(node, name, form, tz)
        if value is not None:
            data[key] = value
        elif key in required and _widget(node) == "fieldset":
            data[key] = {}  # a required group left empty: each of its own required fields says so, beside it
    return data


def _parse_value(node: dict, name: str, form: MultiDict, tz: ZoneInfo):
    widget = _widget(node)
    if widget == "file":
        return None  # files come in the multipart body (``uploads``), never as a form value
    if widget == "fieldset":
        return _parse_object(node, f"{name}.", form, tz) or None
    if widget == "rows":  # the rows filled, in order; an empty row is no item
        rows = (_parse_object(node["items"], f"{name}.{i}.", form, tz) for i in range(node.get("maxItems", ROWS)))
        return [row for row in rows if row] or None
    if widget == "checkboxes":
        return form.getlist(name) or None
    raw = (form.get(name) or "").strip()
    if widget == "lines":
        return [line.strip() for line in raw.splitlines() if line.strip()] or None
    if not raw:
        return None
    if widget in ("yes_no", "confirm"):
        return {_TRUE: True, _FALSE: False}.get(raw, raw)
    if widget == "number":
        return _number(raw, node.get("type") == "integer")
    if widget == "datetime":
        return _instant(raw, tz)
    return raw


def has_files(fields: list[Field]) -> bool:
    return any(f.widget == "file" or has_files(f.children) for f in fields)


def uploads(schema: dict, files: MultiDict) -> dict:
    """The files posted for each file field; an empty file input (no name, no bytes) is no file."""
    out = {}
    for name, node in schema.get("properties", {}).items():
        if FILE in node:
            sent = [Upload.from_storage(f) for f in files.getlist(name)]
            out[name] = [u for u in sent if u.name or u.data]
    return out


def _number(raw: str, integer: bool):
    text = raw.replace(" ", "")
    try:
        return int(text)
    except ValueError:
        pass
    if integer:
        return raw
    try:
        return float(text.replace(",", "."))  # 2,5 as written in Indonesia
    except ValueError:
        return raw


def _instant(raw: str, tz: ZoneInfo) -> str:
    """``<input type=datetime-local>`` gives office-local time without a zone; the schema wants one."""
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return raw
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.isoformat()
