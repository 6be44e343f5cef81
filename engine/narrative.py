"""The narrative of the Laporan Layanan Informasi Publik (legal-process.md §9.2 (a), (d), (e)), kept per period.

The PPID (or its superior) writes it in Kawal: the general policy, facilities, staff and budget, the
internal and external obstacles, the recommendations and follow-up plan. The figures are counted
(engine.reports); these words are the office's own.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, clock
from engine.errors import Invalid
from engine.messages import msg
from engine.models import ReportNarrative, User

# The sections, in the report's order.
SECTIONS = (
    "policy",
    "facilities",
    "staff",
    "budget",
    "obstacles_internal",
    "obstacles_external",
    "recommendations",
)
MAX_CHARS = 20000


def of(session: Session, period: str) -> dict[str, str]:
    """Every section of the narrative of ``period`` (``2026``, ``2026-S1``; "" for a section not written)."""
    rows = session.scalars(select(ReportNarrative).where(ReportNarrative.period == period))
    found = {row.section: row.body for row in rows}
    return {section: found.get(section, "") for section in SECTIONS}


def save(session: Session, user: User, period: str, sections: dict[str, str]) -> dict[str, str]:
    """The PPID writes (or rewrites) sections of a period's narrative; empty text removes a section."""
    access.require_narrative_writer(user)
    unknown = sorted(set(sections) - set(SECTIONS))
    too_long = sorted(k for k, v in sections.items() if len(v or "") > MAX_CHARS)
    if unknown or too_long:
        fields = {k: [msg("unknown")] for k in unknown}
        fields.update({k: [msg("max_length", max=MAX_CHARS)] for k in too_long})
        raise Invalid("invalid_data", fields=fields)
    now = clock.now()
    existing = {
        row.section: row for row in session.scalars(select(ReportNarrative).where(ReportNarrative.period == period))
    }
    for section, body in sections.items():
        text = (body or "").strip()
        row = existing.get(section)
        if not text:
            if row is not None:
                session.delete(row)
            continue
        if row is None:
            session.add(
                ReportNarrative(period=period, section=section, body=text, updated_at=now, updated_by=user.username)
            )
        elif row.body != text:
            row.body, row.updated_at, row.updated_by = text, now, user.username
    session.flush()
    return of(session, period)
