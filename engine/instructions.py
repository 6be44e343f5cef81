"""A task's instructions with its case's facts filled in (the BPMN's ``{{ ticket }}`` placeholders).

The BPMN's ``instructionsForEndUser`` (Bahasa Indonesia) and a form's ``x-instructions-en`` are
Jinja2 templates over the process data, as in spiff-arena: ``{{ ticket }}``,
``{{ batas_kelengkapan_hari }}``, ``{{ permohonan }}``. They are filled from the data of the
task's own workflow task, so the words name exactly what the process holds (and the process
data holds no personal data: only ids, tickets and what officers recorded).

This is the one read that opens a case's workflow instance, for one task at a time (the task's
page and ``GET /api/v1/tasks/{id}``); lists never do.

A value the process holds as an ISO 8601 date or instant (``sidang_pertama``, a form's date field) is
filled in as a person reads it, in the reader's language and, for an instant, the office's time zone
(``26 Des 2026, 00:13 WIB``), as every other date on the pages is.

The templates are rendered in Jinja2's sandbox, without autoescaping (the text is plain; pages
escape it when they show it). A placeholder whose value the process does not hold is left as it is
written, so nothing is invented, and a template that does not parse or that the sandbox refuses is
shown as written: instructions never stop a task from being shown.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import datetime, tzinfo
from uuid import UUID

from jinja2 import ChainableUndefined, TemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from SpiffWorkflow.exceptions import TaskNotFoundException
from sqlalchemy.orm import Session

from engine import chain, evidence_lapse, queries
from engine.explanation import ISO_DATE_OR_INSTANT, day_in_words, instant_in_words
from engine.kinds import COMPLAINT
from engine.letters.render import number
from engine.models import HumanTask
from engine.runtime import Runtime


class _KeptPlaceholder(ChainableUndefined):
    """A value the process does not hold reads as the placeholder it came from (``{{ keberatan.alasan }}``)."""

    __slots__ = ()

    def __getattr__(self, name: str) -> _KeptPlaceholder:
        if name[:2] == "__":
            raise AttributeError(name)
        return _KeptPlaceholder(name=f"{self._undefined_name}.{name}")

    def __getitem__(self, key) -> _KeptPlaceholder:
        return _KeptPlaceholder(name=f"{self._undefined_name}[{key!r}]")

    def __str__(self) -> str:
        if issubclass(self._undefined_exception, SecurityError):  # an attribute the sandbox refused
            self._fail_with_undefined_error()
        return "{{ %s }}" % self._undefined_name  # noqa: UP031 - the braces are the text itself


_env = SandboxedEnvironment(undefined=_KeptPlaceholder, autoescape=False)  # noqa: S701 - plain text, see above


def render(text: str | None, facts: dict) -> str | None:
    """``text`` with its ``{{ name }}`` placeholders filled from ``facts``."""
    if not text or "{" not in text:
        return text
    try:
        filled = _env.from_string(text).render(facts)
    except TemplateError:  # a syntax error, or the sandbox refusing an attribute
        return text
    # A value that ends its own sentence ("... yang dimaksud.") before the template's full stop: one stop.
    return _DOUBLE_STOP.sub(r"\1", filled)


_DOUBLE_STOP = re.compile(r"(?<!\.)([.!?])\.(?=\s|$)")


def task_facts(session: Session, rt: Runtime, task: HumanTask) -> dict:
    """The process data the task sees (its workflow task's data), or just the ticket when it is gone."""
    facts: dict = {}
    if task.case.workflow_state is not None:
        with suppress(TaskNotFoundException):
            facts = dict(rt.load(session, task.case).get_task_from_id(UUID(task.task_guid)).data)
    facts.setdefault("ticket", task.case.ticket)
    return facts


# Facts that are amounts of rupiah (the written notice's fee): the instructions write the currency themselves
# ("Rp{{ biaya }}", "IDR {{ biaya }}"), the amount is grouped as the letters group it (engine.letters.render.rupiah:
# ``Rp20.000``, ``IDR 20,000``).
MONEY = frozenset({"biaya"})


def readable(facts: dict, language: str, zone: tzinfo) -> dict:
    """``facts`` with each ISO 8601 date or instant written in words: a date as ``5 Des 2026``, an instant in
    ``zone`` as ``26 Des 2026, 00:13 WIB``; an amount of money (``MONEY``) grouped as the letters write it; every
    other value as it is."""
    out = {}
    for key, value in facts.items():
        if key in MONEY and isinstance(value, int | float) and not isinstance(value, bool):
            value = number(value, language)
        elif isinstance(value, str) and ISO_DATE_OR_INSTANT.fullmatch(value):
            with suppress(ValueError):  # a string shaped like a date that is none (2026-13-45) stays as written
                when = datetime.fromisoformat(value)
                if len(value) == 10:
                    value = day_in_words(value, language)
                elif when.tzinfo is not None:
                    value = instant_in_words(when.astimezone(zone).isoformat(timespec="seconds"), language)
                else:  # an instant without a zone is the office's own time
                    value = instant_in_words(when.isoformat(timespec="minutes"), language)
        out[key] = value
    return out


def _told_again(details: dict, language: str) -> dict:
    """What the process keeps as codes or as Indonesian sentences with ISO dates (written when the case was
    filed: an objection's timeliness, a dispute's admissibility), told again from the case's details in the
    reader's language, with dates in words."""
    told = {}
    if isinstance(details.get("ketepatan_waktu"), dict):
        told["ketepatan_waktu"] = chain.timeliness_text(details["ketepatan_waktu"].get("verdict", ""), language)
    if details.get("keterterimaan"):
        told["keterterimaan_ringkas"] = chain.admissibility_text(details["keterterimaan"], language, words=True)
    return told


def for_task(session: Session, rt: Runtime, task: HumanTask) -> dict[str, str | None]:
    """The task's instructions in both languages, filled: ``{"id": ..., "en": ...}``."""
    facts = task_facts(session, rt, task)
    zone = rt.calendars["strict"].tz
    details = task.case.details or {}
    # A complaint's task says what the reporter's silence leads to by the case's process version
    # (``akibat_tanpa_bukti``: withdrawn or not_actionable, engine.evidence_lapse), as its pages, letters and mails do.
    case = task.case
    lapse = {evidence_lapse.KEY: evidence_lapse.consequence(session, case, rt)} if case.kind == COMPLAINT else {}
    return {
        locale: render(
            queries.task_instructions(rt, task, locale),
            {**readable(facts, locale, zone), **_told_again(details, locale), **lapse},
        )
        for locale in ("id", "en")
    }
