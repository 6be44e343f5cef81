"""The register of exempt information (informasi yang dikecualikan, UU 14/2008 Pasal 17-20; Perki 1/2021 Pasal 49).

A refusal on Pasal 17 grounds, or a partial grant, is preceded by the PPID's consequence test and then
determined by the head of the agency (or the Atasan PPID, ``KAWAL_EXEMPTION_LANE``) in the task
``tetapkan_pengecualian``: the head names the Pasal 17 letters and the period the exemption lasts
(Pasal 20: never permanent), and Kawal issues the decree (its letter ``penetapan_pengecualian``, whose
number is the entry's decree number). The entry keeps the test as the PPID wrote it. A later request for
the same information cites the entry (the decision's ``pengecualian_terdaftar``) instead of repeating the
test, while it is in force; refusal letters quote it; the DIP lists it (``DipItem.exemption_id``); the
Commission gets the register as CSV or XLSX. An entry ends before its period when the refusal it rests on is
overturned (engine.exemption_ends).
"""

from __future__ import annotations

import csv
import io
from datetime import date

import xlsxwriter
from babel import dates as babel_dates
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from engine import access, access_log, clock, exemption_words, personal_kinds, pii_scan
from engine.audit import EventLog
from engine.calendar import iso_day
from engine.catalogs import N_, catalog, translated
from engine.errors import Invalid
from engine.forms import errors_in
from engine.letters import signers
from engine.messages import Named, msg
from engine.models import Case, CaseEvent, Exemption, Letter, User
from engine.runtime import Runtime

DECISION_TASK = "putuskan"  # the request's decision (forms/putuskan.json)
REFERENCE = "exemption"  # the value of "x-references" that names an entry (the decision's pengecualian_terdaftar)
CITE_FIELD = "pengecualian_terdaftar"

# The register's columns, as the export gives them: (key, Indonesian header, English header). ``no`` numbers the rows
# listed 1..n, oldest first; ``id`` is the entry's own number, the one a decision cites (``pengecualian_terdaftar``),
# which keeps its gaps (an entry of another period, or of another filter). ``request_ticket`` is the request the
# determination was made on (none for one the PPID recorded directly); the official who made it is named with their
# position: a public register, where an official's name and position are public (a directly recorded decree's signer
# is not asked by its form, so only the position is known).
COLUMNS = (
    ("no", "No.", "No."),
    ("id", "No. Register", "Register no."),
    ("request_ticket", "Nomor Permohonan", "Request no."),
    ("information", "Informasi yang Dikecualikan", "Exempt information"),
    ("exempted_parts", "Bagian yang Dikecualikan", "Exempted parts"),
    ("letters", "Pasal 17 UU 14/2008 (huruf)", "Article 17 (letters)"),
    ("legal_basis", "Dasar Hukum", "Legal basis"),
    ("harm_test", "Uji Konsekuensi", "Harm test"),
    ("public_interest_test", "Uji Kepentingan Publik", "Public-interest test"),
    ("valid_until", "Berlaku Sampai", "In force until"),
    ("decree_number", "Nomor Penetapan", "Decree number"),
    ("decree_date", "Tanggal Penetapan", "Decree date"),
    ("decided_by_name", "Nama Pejabat yang Menetapkan", "Name of the determining official"),
    ("decided_as", "Ditetapkan oleh (jabatan)", "Determined by (position)"),
    ("status", "Status", "Status"),
    ("ended_on", "Tanggal Berakhir", "Ended on"),
    ("ended_reason", "Alasan Berakhir", "Why it ended"),
)
DECIDED_AS = {
    "atasan_ppid": ("Atasan PPID", "PPID Superior"),  # as the letters and the objection register name it
    "pimpinan": ("Pimpinan Badan Publik", "Head of agency"),
    "ppid": ("PPID", "PPID"),  # a determination the PPID recorded directly (record_direct)
}
STATUS = {True: ("Berlaku", "In force"), False: ("Berakhir", "Ended")}
# Why an entry no longer in force ended when nothing overturned it (translated in the register's language).
PERIOD_OVER = N_("Its period is over (Law 14/2008 Article 20)")
STATES = ("in_force", "ended")  # the register's filter: the entries in force on the day, or those that ended


def in_force(entry: Exemption, on: date) -> bool:
    """Within its period (Pasal 20) and not ended by the refusal it rests on being overturned."""
    return entry.valid_until >= on and (entry.ended_on is None or entry.ended_on > on)


def in_force_sql(on: date) -> ColumnElement[bool]:
    """``in_force`` as a query's condition on ``Exemption``'s columns (its negation: the entries no longer in force)."""
    return and_(Exemption.valid_until >= on, or_(Exemption.ended_on.is_(None), Exemption.ended_on > on))


def decisions(session: Session, case_ids: list[int]) -> dict[int, dict]:
    """Of the requests ``case_ids``, each one's decision: request id -> the data its last completion of the decision
    task (``putuskan``) recorded (``keputusan``; ``pengecualian_terdaftar`` when it cites an entry)."""
    out: dict[int, dict] = {}
    for start in range(0, len(case_ids), 500):  # a bound list of ids per query, however many
        chunk = case_ids[start : start + 500]
        last = (
            select(CaseEvent.case_id, func.max(CaseEvent.seq).label("seq"))
            .where(
                CaseEvent.case_id.in_(chunk),
                CaseEvent.type == "task_completed",
                CaseEvent.data["task"].as_string() == DECISION_TASK,
            )
            .group_by(CaseEvent.case_id)
            .subquery()
        )
        rows = session.execute(
            select(CaseEvent.case_id, CaseEvent.data).join(
                last, and_(CaseEvent.case_id == last.c.case_id, CaseEvent.seq == last.c.seq)
            )
        )
        out.update((case_id, data.get("data") or {}) for case_id, data in rows)
    return out


def cited_by(session: Session, case_ids: list[int]) -> dict[int, int]:
    """Of the requests ``case_ids``, those whose decision (the last one) cites an entry: request id -> the entry."""
    cited = ((case_id, data.get(CITE_FIELD)) for case_id, data in decisions(session, case_ids).items())
    return {case_id: entry for case_id, entry in cited if isinstance(entry, int)}


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
    # The register's own chain too (engine.access_log EXEMPTION), which every entry's row is checked against.
    chained = access_log.exemption_record(entry, case.ticket)
    access_log.record(session, access_log.EXEMPTION, entry.id, actor, "exemption_determined", chained, entry.decided_at)
    return entry


def record_return(session: Session, case: Case, lane: str, actor: str) -> None:
    """The head did not determine the exemption the PPID tested and returned it to the PPID (``returned``): in the
    case's history, beside the answer itself (its reasons are in the task's data). No decree, no register entry."""
    EventLog(session).append(case, "exemption_returned", actor, {"lane": lane})


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


def view(entry: Exemption, on: date, locale: str = "id") -> dict:
    """An entry as the register, the letters and the API show it (no personal data is in one); why it ended in
    ``locale`` (engine.exemption_words; ``ended_record`` keeps it as stored, for a table in another language)."""
    reason = exemption_words.read(entry.ended_reason, locale)
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
        "ended_reason": reason,
        "ended_record": entry.ended_reason,
        "note": "; ".join(filter(None, (entry.note, reason))) or None,
    }


def register(
    session: Session,
    on: date,
    first: date | None = None,
    last: date | None = None,
    state: str | None = None,
    locale: str = "id",
    rt: Runtime | None = None,
) -> list[dict]:
    """The register as of ``on``, oldest first; with ``first``/``last`` the entries decreed in those days (both
    included), with ``state`` those in force on ``on`` or those that ended; each entry's words in ``locale``. Each row
    also has its number in the list (``no``: 1..n), the request it was determined on and the determining official's
    name (``COLUMNS``: the decree's signer, read from the decree as issued with ``rt``'s vault; ``official``)."""
    query = (
        select(Exemption, Case.ticket, User.display_name, Letter)
        .outerjoin(Case, Case.id == Exemption.case_id)
        .outerjoin(User, User.username == Exemption.decided_by)
        .outerjoin(Letter, Letter.id == Exemption.letter_id)
    )
    if first is not None:
        query = query.where(Exemption.decree_date >= first)
    if last is not None:
        query = query.where(Exemption.decree_date <= last)
    rows = []
    for entry, ticket, name, decree in session.execute(query.order_by(Exemption.id)):
        row = view(entry, on, locale)
        row["request_ticket"] = ticket
        row["decided_by_name"] = official(entry, name, _signed_by(rt, decree))
        rows.append(row)
    if state in STATES:
        rows = [row for row in rows if row["in_force"] == (state == "in_force")]
    for number, row in enumerate(rows, start=1):
        row["no"] = number
    return rows


def official(entry: Exemption, display_name: str | None, signed: str | None = None) -> str | None:
    """The name of who determined ``entry``: the name the decree as issued is signed with (``signed``: the office's
    configured signatory, KAWAL_SIGNATORY_<LANE>, or the officer engine.letters.signers picked), else the account
    that completed the determination in Kawal, as a signature block names it (without its role note). None for an
    entry the PPID recorded directly (``record_direct``): the account is the PPID's who typed it in, not the
    decree's signer's, whom that form does not ask."""
    if entry.letter_id is None:
        return None
    if signed:
        return signed
    signer = signers.as_signer(display_name)
    return signer["name"] if signer else None


def _signed_by(rt: Runtime | None, decree: Letter | None) -> str | None:
    """The name on ``decree``'s signature block as it was issued (its sealed context, opened as
    engine.letters.issue.unseal opens it); None without the letter or the vault, or for a blank line."""
    if rt is None or decree is None:
        return None
    content = rt.vault.open(decree.context_key_id, decree.context, associated=b"letter:" + decree.code.encode())
    return ((content.get("signatory") or {}).get("name") or "").strip() or None


def table(rows: list[dict], locale: str = "id") -> list[list]:
    """The register as a table: its headers in ``locale`` (Indonesian unless "en"), then a row of cells per entry."""
    i = 1 if locale == "en" else 0
    return [[c[1 + i] for c in COLUMNS], *(_cells(row, i) for row in rows)]


def _cells(row: dict, i: int) -> list:
    """An entry's cells; one that ends says when and why whenever it is known, even on a day it still held (a
    register as of an earlier day): the refusal overturned (the day, and its reason in the table's language); one no
    longer in force by its period says so (the last day it held)."""
    locale = "en" if i else "id"
    out = []
    for key, *_ in COLUMNS:
        if key in ("no", "request_ticket", "decided_by_name"):  # a row of ``register``'s; a bare ``view`` has none
            out.append(row.get(key) or "")
        elif key == "ended_on" and (row["ended_on"] or not row["in_force"]):
            out.append((row["ended_on"] or row["valid_until"]).isoformat())
        elif key == "ended_reason" and (row["ended_on"] or not row["in_force"]):
            reason = exemption_words.read(row.get("ended_record", row["ended_reason"]), locale)
            out.append(reason or translated(PERIOD_OVER, locale))
        elif key in ("ended_on", "ended_reason"):
            out.append("")
        elif key == "letters":
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


# The register's days: a workbook writes them as dates (the same in every language), the page as ``9 Jul 2030``.
DAYS = ("valid_until", "decree_date", "ended_on")
DAY_FORMAT = "yyyy-mm-dd"
DAY_TEXT = "d MMM y"  # as api.reports.labels writes a register's day
# A workbook's narrow columns; the others hold sentences.
NARROW = ("no", "id", "request_ticket", "letters", "status", "ended_on")
SHEET = N_("Exempt information")


def export_csv(rows: list[dict], locale: str = "id") -> bytes:
    """The register as CSV: the table of ``locale``, UTF-8 opened by its mark, no cell a spreadsheet would run; its
    days written as the other registers' CSV write them (``12 Feb 2025``, ``12 Agu 2025``: api.reports.labels)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    keys = [column[0] for column in COLUMNS]
    headers, *lines = table(rows, locale)
    writer.writerow(headers)
    for cells in lines:
        written = (
            _day_text(cell, locale) if key in DAYS and cell else cell for key, cell in zip(keys, cells, strict=True)
        )
        writer.writerow([_safe(cell) for cell in written])
    return buffer.getvalue().encode("utf-8-sig")  # a spreadsheet opens UTF-8 only with its mark


def _day_text(iso: str, locale: str) -> str:
    """A day of the table (ISO) as a register's page and CSV write it in ``locale``: ``9 Jul 2030``."""
    return babel_dates.format_date(date.fromisoformat(iso), DAY_TEXT, locale=locale)


def _safe(cell):
    """A CSV cell a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@`` first) gets an apostrophe."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(("=", "+", "-", "@", "\t", "\r")) else cell


def export_xlsx(rows: list[dict], locale: str = "id", title: str | None = None) -> bytes:
    """The register as a workbook: the table of ``locale`` on one sheet, its header frozen, the number a number and
    the days dates; with ``title`` (the register, whose, the period) a first row that says what the file is, and
    the same words on every printed page. Every other cell is text, never a formula, whatever it starts with."""
    keys = [column[0] for column in COLUMNS]
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = workbook.add_worksheet(catalog(locale).gettext(SHEET)[:31])
    bold = workbook.add_format({"bold": True, "text_wrap": True})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    day = workbook.add_format({"num_format": DAY_FORMAT, "valign": "top"})
    top = 0
    if title:
        sheet.write_string(0, 0, title, workbook.add_format({"bold": True}))
        sheet.set_header("&C" + title.replace("&", "&&"))
        top = 1
    headers, *lines = table(rows, locale)
    for col, key in enumerate(keys):
        sheet.write_string(top, col, headers[col], bold)
        sheet.set_column(col, col, 12 if key in NARROW else 28)
    sheet.freeze_panes(top + 1, 0)
    for r, cells in enumerate(lines, start=top + 1):
        for col, (key, value) in enumerate(zip(keys, cells, strict=True)):
            if isinstance(value, int):
                sheet.write_number(r, col, value)
            elif key in DAYS and value:
                sheet.write_datetime(r, col, date.fromisoformat(value), day)
            else:
                sheet.write_string(r, col, str(value or ""), wrap)
    workbook.close()
    return buffer.getvalue()


# -- a determination the PPID records without a request ------------------------------------------------------------
# The PPID classifies information (PP 61/2010 Pasal 14) before listing it, not only when a request is refused, and an
# office that imports its list brings decrees made before Kawal: an exempt DIP item cites an entry (engine.dip), so the
# PPID records one directly, with the fields of the refusal path's two forms (the consequence test, then the decree)
# and the same checks (``check_determination``).
TEST_FORM, DECREE_FORM = "uji_konsekuensi.json", "tetapkan_pengecualian.json"
# The earliest day a determination can bear: UU 14/2008 was enacted on 30 April 2008.
EARLIEST_DECREE = date(2008, 4, 30)
DIRECT_LANES = ("pimpinan", "atasan_ppid", "ppid")  # who signed the decree
# The head's answer that does not confirm the PPID's test (the request goes back to the PPID's decision, no decree):
# "penetapan" is then RETURNED, with the reasons in "alasan_dikembalikan" (forms/tetapkan_pengecualian.json).
RETURN_FIELDS = ("penetapan", "alasan_dikembalikan")
RETURNED = "dikembalikan"


def returned(data: dict) -> bool:
    """Whether the head's answer to ``tetapkan_pengecualian`` returns the test to the PPID instead of determining."""
    return data.get("penetapan") == RETURNED


def direct_schema(forms) -> dict:
    """The form of a determination recorded directly: the consequence test's fields and the decree's, as the refusal
    path's forms state them, with the decree's number and who signed it (Kawal numbers none: the decree exists)."""
    test, decree = forms.schema(TEST_FORM), forms.schema(DECREE_FORM)
    properties = {k: v for k, v in test["properties"].items() if k != "jangka_waktu_pengecualian"}
    # Not the head's answer on a request (uji_diperiksa, and whether the head confirms the PPID's test at all).
    properties.update({k: v for k, v in decree["properties"].items() if k not in ("uji_diperiksa", *RETURN_FIELDS)})
    properties["nomor_penetapan"] = {
        "type": "string",
        "minLength": 1,
        "maxLength": 120,
        "title": "Nomor keputusan (SK) penetapan",
        "x-title-en": "Number of the decree",
    }
    properties["ditetapkan_oleh"] = {
        "type": "string",
        "enum": list(DIRECT_LANES),
        "title": "Ditetapkan oleh",
        "x-title-en": "Determined by",
        "x-enum-titles": {lane: DECIDED_AS[lane][0] for lane in DIRECT_LANES},
        "x-enum-titles-en": {lane: DECIDED_AS[lane][1] for lane in DIRECT_LANES},
    }
    order = ("dokumen", "bagian_dikecualikan", "pasal_pengecualian", "dasar_hukum", "konsekuensi", "kepentingan_publik")
    order += ("nomor_penetapan", "tanggal_penetapan", "ditetapkan_oleh", "berlaku_sampai", "catatan")
    # The decree's fields are required of a determination (the decree form's rules: all but a return to the PPID).
    determined = [name for rule in decree.get("allOf", ()) for name in rule.get("then", {}).get("required", ())]
    required = list(dict.fromkeys(k for k in (*test["required"], *decree["required"], *determined) if k in properties))
    return {
        "$schema": decree["$schema"],
        "title": "Penetapan informasi yang dikecualikan oleh PPID",
        "x-title-en": "Exempt information determined by the PPID",
        "type": "object",
        "additionalProperties": False,
        "properties": {k: properties[k] for k in order},
        "required": [*required, "nomor_penetapan", "ditetapkan_oleh"],
    }


# The determination's free texts: the register shows them to the auditors and the Commission and the chain keeps their
# digest for good, and an exempt item's public title is drafted from ``dokumen``. Refused when one holds anyone's NIK,
# family card or employee number, phone number or e-mail address, as an incident's close reason is
# (notifications.incidents.close: engine.pii_scan's rules; with the 18-digit NIP of engine.personal_kinds): a person is
# named by their role; the decree's own number is a reference, not scanned.
DIRECT_TEXTS = ("dokumen", "bagian_dikecualikan", "dasar_hukum", "konsekuensi", "kepentingan_publik", "catatan")
PERSONAL = ("nik", "kk", "nip", "telepon", "email")


def personal_data(data: dict) -> dict[str, list]:
    """The determination's free texts holding personal data, each with the kinds found (never the value)."""
    fields = {}
    for name in DIRECT_TEXTS:
        text = data.get(name)
        if not isinstance(text, str) or not text.strip():
            continue
        found = {finding.kind for finding in pii_scan.scan_text([text])}
        if personal_kinds.EIGHTEEN.search(text):
            found.add("nip")
        named = [personal_kinds.WHAT[kind] for kind in PERSONAL if kind in found]
        if named:
            what = Named(", ".join(str(n) for n in named), ", ".join(n.indonesian for n in named))
            fields[name] = [msg("exemption_text_personal", what=what)]
    return fields


def record_direct(session: Session, forms, on: date, actor: User, data: dict) -> Exemption:
    """A determination the PPID records as a register entry, without a request: refused (``Invalid``, every bad field,
    nothing saved) unless the form is complete, its texts hold no one's personal data (``personal_data``), and
    ``check_determination`` holds (the decree dated from UU 14/2008 to
    today, its period ending after today and after the decree), and its number is not an entry's already. Only the
    DIP's keepers (the PPID) record one; the record is hash-chained (engine.access_log EXEMPTION: verified and
    anchored with the access changes, the entry compared with it), as a request's determination is too."""
    access.require_dip_keeper(actor)
    fields: dict[str, list] = dict(errors_in(direct_schema(forms), data))
    for name, messages in personal_data(data).items():
        fields.setdefault(name, []).extend(messages)
    try:
        check_determination(data, EARLIEST_DECREE, on)
    except Invalid as error:
        for name, messages in error.fields.items():
            fields.setdefault(name, []).extend(messages)
    number = (data.get("nomor_penetapan") or "").strip() if isinstance(data.get("nomor_penetapan"), str) else ""
    if not number and "nomor_penetapan" not in fields:  # spaces alone: no number, and a second one was a 500
        fields["nomor_penetapan"] = [msg("required")]
    if number:
        with session.no_autoflush:
            taken = session.scalar(select(Exemption.id).where(Exemption.decree_number == number))
        if taken is not None:
            fields.setdefault("nomor_penetapan", []).append(msg("decree_number_taken", entry=taken))
    if fields:
        raise Invalid("determination_incomplete", fields=fields)
    entry = Exemption(
        information=data["dokumen"].strip(),
        exempted_parts=data["bagian_dikecualikan"].strip(),
        letters=sorted(set(data["pasal_pengecualian"])),
        legal_basis=data["dasar_hukum"].strip(),
        harm_test=data["konsekuensi"].strip(),
        public_interest_test=data["kepentingan_publik"].strip(),
        valid_until=date.fromisoformat(data["berlaku_sampai"]),
        decree_number=number,
        decree_date=date.fromisoformat(data["tanggal_penetapan"]),
        decided_by=actor.username,
        decided_as=data["ditetapkan_oleh"],
        decided_at=clock.now(),
        note=(data.get("catatan") or "").strip() or None,
    )
    session.add(entry)
    session.flush()
    recorded = access_log.exemption_record(entry)
    access_log.record(
        session, access_log.EXEMPTION, entry.id, actor.username, "exemption_recorded", recorded, entry.decided_at
    )
    return entry
