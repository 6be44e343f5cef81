"""The letters and notices a case sent to its requester or reporter, as the portal's status page
shows them: a request's or objection's letters from the tasks that wrote them (engine.bundle names
them), a complaint's documents addressed to the reporter (engine.documents).

Only the fields the letter's form marks visible to the requester (``"x-visible-to": ["pemohon"]``,
engine.visibility) are shown, and never what ``bundle.redact`` removes.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from api.extensions import db
from api.web import schema_form
from engine import access, bundle, dip_match, documents, kinds, visibility
from engine.models import Case, CaseEvent

READER = frozenset({access.REQUESTER})


@dataclass(frozen=True)
class Letter:
    task: str  # the task whose completion writes it (engine.bundle.DOCUMENTS names it)
    form: str
    shown_after: str | None = None  # the task that sends it, when that is a later one


LETTERS = {
    letter.task: letter
    for letter in (
        Letter("tentukan_langkah", "tentukan_langkah.json"),
        Letter("putuskan", "putuskan.json", shown_after="pemberitahuan_tertulis"),
        Letter("pemberitahuan_tertulis", "pemberitahuan_tertulis.json"),
        Letter("pemberitahuan_tidak_lengkap", "pemberitahuan_tidak_lengkap.json"),
        Letter("penyerahan_informasi", "penyerahan_informasi.json"),
        Letter("penyerahan_lanjutan", "penyerahan_informasi.json"),
        Letter("registrasi_keberatan", "keberatan_registrasi.json"),
        Letter("tawarkan_musyawarah", "keberatan_musyawarah.json"),
        Letter("putuskan_keberatan", "keberatan_putusan.json", shown_after="kirim_tanggapan"),
    )
}


def _addressed(task: str, data: dict) -> bool:
    if task == "tentukan_langkah":
        return data.get("langkah") == "perpanjang"  # only an extension writes to the requester
    if task == "putuskan":
        return str(data.get("keputusan", "")).startswith("ditolak")  # the rejection decision letter
    return True


def letters(rt, case: Case, locale: str) -> list[dict]:
    """The letters and notices the case sent to its requester or reporter, newest last."""
    if case.kind == kinds.COMPLAINT:
        out = []
        for doc in documents.issued(db.session, case):
            if doc.audience == "reporter":
                _doc, text = documents.render(db.session, rt.forms, case, doc.name, locale, READER)
                out.append({"title": doc.title_en if locale == "en" else doc.title_id, "text": text})
        return out
    events = db.session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
        .order_by(CaseEvent.seq)
    ).all()
    done = {e.data.get("task") for e in events}
    i = 1 if locale == "en" else 0
    cited = dip_match.cited_by_case(db.session, case) if "pemberitahuan_tertulis" in done else None
    out = []
    for event in events:
        task, data = event.data.get("task"), bundle.redact(event.data.get("data", {}))
        letter = LETTERS.get(task)
        if letter is None or not _addressed(task, data) or (letter.shown_after and letter.shown_after not in done):
            continue
        title = bundle.document_title(task, data, i)
        facts = _labelled(rt.forms.schema(letter.form), visibility.shown(rt.forms, letter.form, data, READER), locale)
        shown = {"title": title, "at": event.at, "facts": facts}
        if task == "pemberitahuan_tertulis" and cited is not None:  # "already public": the notice links the item
            shown["dip"] = {"title": cited.title, "url": dip_match.public_path(cited)}
        out.append(shown)
    return out


def _labelled(schema: dict, data: dict, locale: str) -> list[tuple[str, str]]:
    fields = schema_form.build_fields(schema, locale)
    return [
        (f.label, _value_text(data[f.name], dict(f.options)))
        for f in fields
        if f.name in data and data[f.name] not in (None, "", [], {})
    ]


def _value_text(value, choices: dict) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(_value_text(v, choices) for v in value)
    return choices.get(value, str(value))
