"""The register of exempt information (informasi yang dikecualikan, UU 14/2008 Pasal 17-20; Perki 1/2021 Pasal 49).

A refusal on Pasal 17 grounds, or a partial grant, is preceded by the PPID's consequence test and then
determined by the head of the agency (or the Atasan PPID, ``KAWAL_EXEMPTION_LANE``) in the task
``tetapkan_pengecualian``: the head names the Pasal 17 letters and the period the exemption lasts
(Pasal 20: never permanent), and Kawal issues the decree (its letter ``penetapan_pengecualian``, whose
number is the entry's decree number). The entry keeps the test as the PPID wrote it. A later request for
the same information cites the entry (the decision's ``pengecualian_terdaftar``) instead of repeating the
test, while it is in force; refusal letters quote it; the DIP lists it (``DipItem.exemption_id``); the
Commission gets the register as CSV or XLSX.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import xlsxwriter
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock
from engine.audit import EventLog
from engine.calendar import iso_day
from engine.errors import Invalid
from engine.messages import msg
from engine.models import Case, CaseEvent, Exemption, Letter
from engine.runtime import Runtime

REFERENCE = "exemption"  # the value of "x-references" that names an entry (the decision's pengecualian_terdaftar)
CITE_FIELD = "pengecualian_terdaftar"

# The register's columns, as the export gives them: (key, Indonesian header, English header).
COLUMNS = (
    ("id", "No. Register", "Register no."),
    ("information", "Informasi yang Dikecualikan", "Exempt information"),
    ("exempted_parts", "Bagian yang Dikecualikan", "Exempted parts"),
    ("letters", "Pasal 17 UU 14/2008 (huruf)", "Article 17 (letters)"),
    ("legal_basis", "Dasar Hukum", "Legal basis"),
    ("harm_test", "Uji Konsekuensi", "Harm test"),
    ("public_interest_test", "Uji Kepentingan Publik", "Public-interest test"),
    ("valid_until", "Berlaku Sampai", "In force until"),
    ("decree_number", "Nomor Penetapan", "Decree number"),
    ("decree_date", "Tanggal Penetapan", "Decree date"),
    ("decided_as", "Ditetapkan oleh", "Decided by"),
    ("status", "Status", "Status"),
)
DECIDED_AS = {"atasan_ppid": ("Atasan PPID", "PPID superior"), "pimpinan": ("Pimpinan Badan Publik", "Head of agency")}
STATUS = {True: ("Berlaku", "In force"), False: ("Berakhir", "Expired")}


def in_force(entry: Exemption, on: date) -> bool:
    """Within its period (Pasal 20) and not ended by a granted objection."""
    return entry.valid_until >= on and (entry.ended_on is None or entry.ended_on > on)


def end_for_objection(session: Session, request: Case, objection: Case, actor: str, on: date) -> list[Exemption]:
    """The PPID's superior granted an objection on ground a (the exemption) in full: the refusal the request's
    entries rest on is overturned, so from ``on`` they no longer hold and may not be cited (each an event)."""
    if objection.outcome != "keberatan_dikabulkan_seluruhnya" or "a" not in (objection.details.get("alasan") or ()):
        return []
    ended = []
    standing = select(Exemption).where(Exemption.case_id == request.id, Exemption.ended_on.is_(None))
    for entry in session.scalars(standing):
        entry.ended_on = on
        entry.ended_reason = f"Keberatan {objection.ticket} dikabulkan seluruhnya oleh Atasan PPID"
        event = {"exemption": entry.id, "objection": objection.ticket, "on": on.isoformat()}
        EventLog(session).append(request, "exemption_ended", actor, event)
        ended.append(entry)
    return ended


def end_overturned(session: Session, rt: Runtime) -> int:
    """End the entries still standing whose refusal an objection granted in full on ground a overturned: those
    recorded before the register ended them (migration 0023) or an objection granted while the upgrade ran. Each
    ends on the day the request learned of the grant (its ``linked_case_outcome`` event), with its event, as
    ``end_for_objection`` ends them now. Idempotent: an entry ended already is left as it is."""
    tz = rt.calendars["strict"].tz
    standing = select(Exemption.case_id).where(Exemption.ended_on.is_(None)).distinct()
    granted = (
        select(CaseEvent)
        .where(CaseEvent.case_id.in_(standing), CaseEvent.type == "linked_case_outcome")
        .order_by(CaseEvent.case_id, CaseEvent.seq)
    )
    ended = 0
    for event in session.scalars(granted).all():
        if event.data.get("message") != "keberatan_dikabulkan":
            continue
        objection = session.scalar(select(Case).where(Case.ticket == event.data.get("ticket")))
        if objection is None:
            continue
        request = session.get(Case, event.case_id)
        on = event.at.astimezone(tz).date()
        ended += len(end_for_objection(session, request, objection, "system", on))
    return ended


def record_determination(
    session: Session, case: Case, lane: str, actor: str, data: dict, recorded: dict, decree: Letter
) -> Exemption:
    """The head's determination as a register entry: the PPID's test, the head's letters and period, the decree."""
    test = recorded
    entry = Exemption(
        information=test.get("dokumen", ""),
        exempted_parts=test.get("bagian_dikecualikan", ""),
        letters=sorted(set(data["pasal_pengecualian"])),
        legal_basis=test.get("dasar_hukum", ""),
        harm_test=test.get("konsekuensi", ""),
        public_interest_test=test.get("kepentingan_publik", ""),
        valid_until=date.fromisoformat(data["berlaku_sampai"]),
        decree_number=decree.number,
        decree_date=decree.letter_date,
        decided_by=actor,
        decided_as=lane,
        decided_at=clock.now(),
        note=data.get("catatan") or None,
        case_id=case.id,
        letter_id=decree.id,
    )
    session.add(entry)
    session.flush()
    EventLog(session).append(
        case,
        "exemption_determined",
        actor,
        {"exemption": entry.id, "decree_number": entry.decree_number, "valid_until": data["berlaku_sampai"]},
    )
    return entry


def check_determination(data: dict, first: date, on: date) -> None:
    """The head's form: the decree dated between the request's receipt and today, the period after it."""
    fields: dict[str, list[str]] = {}
    decided = iso_day(data.get("tanggal_penetapan"))
    if decided is None or not first <= decided <= on:
        fields["tanggal_penetapan"] = [msg("date_between_receipt_and_today", first=first)]
    until = iso_day(data.get("berlaku_sampai"))
    if until is None or until <= max(on, decided or on):
        fields["berlaku_sampai"] = [msg("exemption_period_after_today")]
    if fields:
        raise Invalid("determination_incomplete", fields=fields)


def check_citation(session: Session, data: dict, on: date) -> Exemption | None:
    """A decision citing an entry: it exists and is in force (else 422 on the field)."""
    entry_id = data.get(CITE_FIELD)
    if entry_id is None:
        return None
    entry = session.get(Exemption, entry_id) if isinstance(entry_id, int) and 0 < entry_id < 2**31 else None
    if entry is None:
        raise Invalid("invalid_data", fields={CITE_FIELD: [msg("exemption_not_in_register")]})
    if entry.ended_on is not None and entry.ended_on <= on:
        raise Invalid("invalid_data", fields={CITE_FIELD: [msg("exemption_ended", on=entry.ended_on)]})
    if not in_force(entry, on):
        raise Invalid("invalid_data", fields={CITE_FIELD: [msg("exemption_expired", until=entry.valid_until)]})
    if data.get("keputusan") not in ("ditolak_dikecualikan", "dikabulkan_sebagian"):
        raise Invalid("invalid_data", fields={CITE_FIELD: [msg("exemption_only_for_refusal")]})
    return entry


def for_case(session: Session, case: Case, recorded: dict) -> Exemption | None:
    """The entry a request's refusal rests on: the one its decision cites, or the one determined on it."""
    if recorded.get(CITE_FIELD):
        return session.get(Exemption, recorded[CITE_FIELD])
    return session.scalar(select(Exemption).where(Exemption.case_id == case.id).order_by(Exemption.id.desc()).limit(1))


def view(entry: Exemption, on: date) -> dict:
    """An entry as the register, the letters and the API show it (no personal data is in one)."""
    return {
        "id": entry.id,
        "information": entry.information,
        "exempted_parts": entry.exempted_parts,
        "letters": list(entry.letters),
        "legal_basis": entry.legal_basis,
        "harm_test": entry.harm_test,
        "public_interest_test": entry.public_interest_test,
        "valid_until": entry.valid_until,
        "decree_number": entry.decree_number,
        "decree_date": entry.decree_date,
        "decided_as": entry.decided_as,
        "decided_at": entry.decided_at,
        "in_force": in_force(entry, on),
        "ended_on": entry.ended_on,
        "note": "; ".join(filter(None, (entry.note, entry.ended_reason))) or None,
    }


def register(session: Session, on: date) -> list[dict]:
    return [view(e, on) for e in session.scalars(select(Exemption).order_by(Exemption.id))]


def _cells(row: dict, i: int) -> list:
    out = []
    for key, *_ in COLUMNS:
        if key == "letters":
            out.append(", ".join(row["letters"]))
        elif key == "decided_as":
            out.append(DECIDED_AS.get(row["decided_as"], (row["decided_as"],) * 2)[i])
        elif key == "status":
            out.append(STATUS[row["in_force"]][i])
        elif isinstance(row[key], date):
            out.append(row[key].isoformat())
        else:
            out.append(row[key])
    return out


def export_csv(rows: list[dict], locale: str = "id") -> bytes:
    i = 1 if locale == "en" else 0
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c[1 + i] for c in COLUMNS])
    for row in rows:
        writer.writerow(_cells(row, i))
    return buffer.getvalue().encode("utf-8-sig")  # a spreadsheet opens UTF-8 only with its mark


def export_xlsx(rows: list[dict], locale: str = "id") -> bytes:
    i = 1 if locale == "en" else 0
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Register DIK" if i == 0 else "Exempt information")
    bold = workbook.add_format({"bold": True, "text_wrap": True})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    for col, column in enumerate(COLUMNS):
        sheet.write_string(0, col, column[1 + i], bold)
        sheet.set_column(col, col, 12 if column[0] in ("id", "letters", "status") else 28)
    sheet.freeze_panes(1, 0)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(_cells(row, i)):
            if isinstance(value, int):
                sheet.write_number(r, col, value)
            else:
                sheet.write_string(r, col, str(value or ""), wrap)  # never a formula, whatever it starts with
    workbook.close()
    return buffer.getvalue()
