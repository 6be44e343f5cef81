"""Which unit a complaint's task disposes it to (pengaduan.bpmn, legal-process.md §7.2 stage 4).

The classification disposes a complaint that is not oversight-relevant to the unit it names (``unit_tujuan``); an
oversight-relevant one goes to the Inspectorate General, whatever unit the form still holds. A re-referral, after a
unit answered that the report is not its matter, disposes it to the unit it names when it sends it to another unit
(``langkah_disposisi`` ``unit_lain``). The case's facts (its unit in registers and figures), the disposition a unit
reads and the unit a disposition sheet is addressed to all ask this one rule.
"""

from __future__ import annotations

# The tasks that dispose a complaint to a unit.
DISPOSING = ("klasifikasi", "disposisi_ulang")


def referred_to(task: str | None, data: dict) -> str | None:
    """The code of the unit ``task`` (completed with ``data``) disposes the complaint to; None when it disposes it to
    no unit (to the Inspectorate General, the team's own assessment) or is no disposing task."""
    if task == "klasifikasi":
        return data.get("unit_tujuan") if data.get("berkadar_pengawasan") is False else None
    if task == "disposisi_ulang" and data.get("langkah_disposisi") == "unit_lain":
        return data.get("unit_tujuan")
    return None
