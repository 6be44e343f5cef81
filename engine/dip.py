"""The public information list (Daftar Informasi Publik, UU 14/2008 Pasal 9-11, Perki 1/2021): its verbs.

An item is created, changed, published, withdrawn or given a file by one function each (STYLE.md rule 2).
Each checks who may act (``engine.access``: the PPID keeps every item, a unit its own),
validates the data against ``forms/dip_item.json`` and the rules the schema cannot say, changes the row,
appends a ``DipItemVersion`` (the item as it now is, who, when, what was done) and plans the periodic
item's reminders (``engine.dip_due``), all in the caller's transaction. None commits.

Data speaks the form's words (``title``, ``category``, ``unit`` as a unit code, ``made_on`` as a date...);
``snapshot`` gives an item back in the same words, so a version, the API and the export agree.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine import access, clock, dip_due, dip_exempt, files, pii_scan, search, task_files
from engine.calendar import iso_day
from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.messages import Message, msg
from engine.models import DipItem, DipItemVersion, Exemption, Unit, User
from engine.runtime import Runtime

FORM = "dip_item.json"
CATEGORIES = ("berkala", "serta_merta", "setiap_saat", "dikecualikan")
STATUSES = ("draft", "published", "withdrawn")
# The item's fields as the form names them, in the order of the form, the export and a version's snapshot.
FIELDS = (
    "code",
    "title",
    "summary",
    "category",
    "unit",
    "made_on",
    "made_in",
    "responsible",
    "retention",
    "format",
    "legal_basis",
    "url",
    "rhythm_months",
    "exemption_id",
    "exemption_note",
)
TEXT_DEFAULTS = {"summary": "", "retention": "", "format": "", "legal_basis": ""}  # NOT NULL, empty when not given
NOTICE_DAYS = 30  # a serta-merta item stays on the portal's front page this long unless told otherwise
# The earliest day an item may say it was made: 0001-01-01 and 1800-01-01 were typos that the list showed as they came
# (the import reads a year alone from 1900 too).
EARLIEST_MADE_ON = date(1900, 1, 1)


def values(
    session: Session,
    rt: Runtime,
    data: dict,
    item: DipItem | None = None,
    units: dict | None = None,
    user: User | None = None,
) -> dict:
    """The form's data checked (schema, then the rules across fields and rows) as column values.

    Raises ``Invalid`` naming every bad field; nothing is changed. ``units`` caches the units found by
    name or code across the rows of an import. With ``user``, an exempt item is refused unless the officer
    classifies information (the DIP's keepers, ``access.is_dip_keeper``: the PPID's duty, PP 61/2010 Pasal 14).
    """
    rt.forms.validate(FORM, data)
    fields: dict[str, list[Message]] = {}
    units = {} if units is None else units
    if data["unit"] not in units:
        units[data["unit"]] = find_unit(session, data["unit"])
    unit = units[data["unit"]]
    if unit is None:
        fields["unit"] = [msg("unit_code_unknown", code=repr(data["unit"]))]
    elif not unit.active and (item is None or item.unit_id != unit.id):  # deactivated (engine.units): kept, not chosen
        fields["unit"] = [msg("unit_inactive", name=unit.name)]
    category = data["category"]
    if data.get("rhythm_months") is not None and category != "berkala":
        fields["rhythm_months"] = [msg("periodic_only")]
    if category == "dikecualikan":
        if user is not None and not access.is_dip_keeper(user):
            fields["category"] = [msg("exempt_classified_by_ppid")]
        # Exempt only on the determination in the register, after the consequence test (UU 14/2008 Pasal 19, Perki
        # 1/2021 Pasal 49): a note alone ("Rahasia, menurut kepala unit") told the public "exempt" on nobody's test.
        if not data.get("exemption_id"):
            fields["exemption_id"] = [msg("exempt_needs_determination")]
        if data.get("url"):
            fields["url"] = [msg("exempt_no_link")]
        if item is not None and item.file_storage_key:
            fields["category"] = [msg("remove_file_first")]
    if data.get("exemption_id") is not None:
        entry = session.get(Exemption, data["exemption_id"]) if 0 < data["exemption_id"] < 2**31 else None
        if category != "dikecualikan":
            fields["exemption_id"] = [msg("exemption_only_for_exempt_items")]
        elif entry is None:
            fields["exemption_id"] = [msg("exemption_not_in_register")]
        elif (since := dip_exempt.ended_on(entry, rt.today())) is not None:  # no longer exempt: to be opened
            fields["exemption_id"] = [msg("exemption_no_longer_holds", since=since.strftime("%d/%m/%Y"))]
    made_on = iso_day(data.get("made_on"))
    if made_on is not None and made_on > rt.today():  # a periodic item made "in 2027" showed its next edition in 2028
        fields["made_on"] = [msg("made_not_in_future")]
    elif made_on is not None and made_on < EARLIEST_MADE_ON:
        fields["made_on"] = [msg("not_before_date", day=EARLIEST_MADE_ON.strftime("%d/%m/%Y"))]
    code = (data.get("code") or "").strip() or None
    if code is not None:
        with session.no_autoflush:  # a read of committed facts: the change being built is not one of them
            other = session.scalar(select(DipItem.id).where(DipItem.code == code))
        if other is not None and (item is None or other != item.id):
            fields["code"] = [msg("dip_code_taken", code=code, item=other)]
    if not data.get("data_pribadi_diperiksa"):
        fields.update(personal_data(data))
    if fields:
        raise Invalid("invalid_data", fields=fields)
    out = {name: data.get(name) for name in FIELDS if name not in ("unit", "code", "made_on")}
    out.update({k: (out.get(k) or "").strip() or default for k, default in TEXT_DEFAULTS.items()})
    out["title"] = data["title"].strip()
    out["code"] = code
    out["unit_id"] = unit.id
    out["made_on"] = date.fromisoformat(data["made_on"]) if data.get("made_on") else None
    for name in ("url", "exemption_note", "responsible", "made_in"):
        out[name] = (out.get(name) or "").strip() or None
    return out


# The item's texts the public list shows: a NIK, a family card or tax number, a mobile number or a person's e-mail
# address in one is refused unless the officer confirms it may be published (the owner agreed, a rule requires it).
PUBLIC_TEXTS = ("title", "summary", "responsible", "made_in", "retention", "format", "legal_basis", "exemption_note")


def personal_data(data: dict) -> dict[str, list[Message]]:
    """The public texts in which ``engine.pii_scan`` finds personal data, each with what it found (masked)."""
    fields = {}
    for name in PUBLIC_TEXTS:
        found = pii_scan.scan_text([data[name]]) if isinstance(data.get(name), str) else []
        if found:
            fields[name] = [msg("public_text_personal_data", found=", ".join(f.masked for f in found))]
    return fields


def find_unit(session: Session, code_or_name: str) -> Unit | None:
    """A unit by its code or its name, either in any case (offices write both in their spreadsheets)."""
    wanted = (code_or_name or "").strip().lower()
    if not wanted:
        return None
    with session.no_autoflush:
        return session.scalar(
            select(Unit).where((func.lower(Unit.code) == wanted) | (func.lower(Unit.name) == wanted)).limit(1)
        )


def create_item(
    session: Session, rt: Runtime, user: User, data: dict, *, publish: bool = False, action: str = "created"
) -> DipItem:
    # Who keeps no item (the admin, an auditor) is refused before the data is read: a 403, not a form's 422.
    access.require_dip_editor(user, user.unit_id)
    return insert_item(
        session, rt, user, values(session, rt, data, user=user), publish, data.get("notice_days"), action
    )


def insert_item(
    session: Session, rt: Runtime, user: User, columns: dict, publish: bool, notice_days: int | None, action: str
) -> DipItem:
    """``create_item`` for columns already checked by ``values`` (an import checks every row first)."""
    access.require_dip_editor(user, columns["unit_id"])
    if publish:
        _require_publisher(user)
    now = clock.now()
    item = DipItem(**columns, status="draft", created_at=now, updated_at=now, updated_by=user.username)
    session.add(item)
    if publish:
        _publish(item, now, notice_days)
    _written(session, rt, item, user, action)
    return item


def update_item(
    session: Session,
    rt: Runtime,
    user: User,
    item_id: int,
    data: dict,
    *,
    expected_version: int | None = None,
    publish: bool = False,
    action: str = "updated",
) -> DipItem:
    """Change an item to ``data`` (every field: one left out is emptied); the old version stays in the history.

    ``expected_version`` (the version the officer edited) makes a change over someone else's a conflict. A unit's
    change to its published item does not go live: it is held as a revision the PPID publishes (``propose_revision``).
    """
    item = require_item(session, user, item_id)
    access.require_dip_editor(user, item.unit_id, item.category)
    if publish and item.status != "published":
        _require_publisher(user)
    if expected_version is not None and expected_version != item.version:
        raise Conflict("dip_item_changed")
    columns = values(session, rt, data, item, user=user)
    if item.status == "published" and not access.is_dip_keeper(user):
        return propose_revision(session, user, item, data, columns)
    return change_item(session, rt, user, item, columns, publish, data.get("notice_days"), action)


# The form's fields a revision holds: the item's, and the confirmation that personal data found may be published.
REVISION_FIELDS = (*FIELDS, "data_pribadi_diperiksa")
# The columns ``unpublishable`` reads, checked on a proposed revision as they would be published.
PROPOSED_CHECKED = ("category", "summary", "url", "file_storage_key", "exemption_id", "responsible", "retention")


def propose_revision(session: Session, user: User, item: DipItem, data: dict, columns: dict) -> DipItem:
    """A unit's change to its published item, checked (``values``) and held for the PPID (the PPID answers for the list:
    UU 14/2008 Pasal 13, PP 61/2010 Pasal 14; a unit's item went live changed with no one at the PPID knowing). The
    public keeps reading the published item; a newer proposal replaces an earlier one. The version says who proposed.
    """
    access.require_dip_editor(user, columns["unit_id"])  # a unit cannot hand its item to another unit
    if all(getattr(item, name) == value for name, value in columns.items()):  # saved as published: nothing to hold
        if item.pending_revision is not None:  # the unit took its proposal back
            item.pending_revision = None
            session.flush()
        return item
    # What the PPID would publish must be publishable as the PPID's own edit must (``change_item``): a unit cannot
    # propose emptying who answers for the item or how long it is kept.
    proposed = {name: columns.get(name, getattr(item, name)) for name in PROPOSED_CHECKED}
    fields = unpublishable(
        proposed["category"],
        proposed["summary"],
        proposed["url"],
        proposed["file_storage_key"],
        proposed["exemption_id"],
        responsible=proposed["responsible"],
        retention=proposed["retention"],
    )
    if fields:
        raise Invalid("invalid_data", fields=fields)
    held = {k: v for k, v in data.items() if k in REVISION_FIELDS and v not in (None, "")}
    item.pending_revision = {"data": held, "by": user.username, "at": clock.now().isoformat()}
    session.flush()
    session.add(
        DipItemVersion(
            item_id=item.id,
            version=item.version,
            action="revision_proposed",
            actor=user.username,
            at=clock.now(),
            data={**snapshot(item), "proposed": held},
        )
    )
    return item


def publish_revision(
    session: Session, rt: Runtime, user: User, item_id: int, expected_version: int | None = None
) -> DipItem:
    """The PPID publishes the revision a unit proposed: checked again as an edit is (the register may have changed
    since), then the item changes as the PPID's own edit would; its version names the unit's officer who proposed it
    (``proposed_by``). The unit's confirmation that personal data found may be published is not carried over: what is
    published now passes the scan as the PPID's own edit does, or is refused beside the field."""
    item = require_item(session, user, item_id)
    _require_publisher(user)
    if item.pending_revision is None:
        raise Conflict("dip_no_revision")
    if expected_version is not None and expected_version != item.version:
        raise Conflict("dip_item_changed")
    proposed = item.pending_revision
    data = {k: v for k, v in proposed["data"].items() if k != "data_pribadi_diperiksa"}
    columns = values(session, rt, data, item, user=user)
    item.pending_revision = None
    return change_item(
        session, rt, user, item, columns, False, None, "revision_published", {"proposed_by": proposed["by"]}
    )


def discard_revision(session: Session, rt: Runtime, user: User, item_id: int) -> DipItem:
    """The PPID declines a unit's proposed revision: the item stays as published; the version keeps what was
    proposed."""
    item = require_item(session, user, item_id)
    _require_publisher(user)
    if item.pending_revision is None:
        raise Conflict("dip_no_revision")
    _set_revision_aside(session, user, item, "revision_discarded")
    return item


def _set_revision_aside(session: Session, user: User, item: DipItem, action: str) -> None:
    """The unit's pending revision is no longer pending; the item's version history keeps what it proposed, and who."""
    proposed = item.pending_revision
    item.pending_revision = None
    session.flush()
    session.add(
        DipItemVersion(
            item_id=item.id,
            version=item.version,
            action=action,
            actor=user.username,
            at=clock.now(),
            data={**snapshot(item), "proposed": proposed["data"], "proposed_by": proposed["by"]},
        )
    )


def change_item(
    session: Session,
    rt: Runtime,
    user: User,
    item: DipItem,
    columns: dict,
    publish: bool,
    notice_days: int | None,
    action: str,
    noted: dict | None = None,
) -> DipItem:
    """``update_item`` for columns already checked by ``values`` (an import checks every row first); ``noted`` is
    added to the version's data.

    A revision a unit proposed is set aside by the edit (its version keeps what was proposed): published later, the
    unit's snapshot would have undone the PPID's edit made since."""
    access.require_dip_editor(user, columns["unit_id"])  # a unit cannot hand its item to another unit
    if publish and item.status != "published":
        _require_publisher(user)
    if item.pending_revision is not None:
        _set_revision_aside(session, user, item, "revision_set_aside")
    for name, value in columns.items():
        setattr(item, name, value)
    if publish and item.status != "published":
        _publish(item, clock.now(), notice_days)
    elif item.status == "published":  # a published item stays publishable: an edit cannot empty what publishing needs
        _require_publishable(item)
    _touch(item, user)
    _written(session, rt, item, user, action, noted)
    return item


def publish_item(session: Session, rt: Runtime, user: User, item_id: int, notice_days: int | None = None) -> DipItem:
    """Put the item in the public catalogue; a serta-merta item also goes on the portal's front page."""
    item = require_item(session, user, item_id)
    access.require_dip_editor(user, item.unit_id)
    _require_publisher(user)
    if item.status == "published":
        raise Conflict("dip_already_published")
    _publish(item, clock.now(), notice_days)
    _touch(item, user)
    _written(session, rt, item, user, "published")
    return item


def withdraw_item(session: Session, rt: Runtime, user: User, item_id: int) -> DipItem:
    """Take the item out of the public catalogue (it stays in the history, and can be published again)."""
    item = require_item(session, user, item_id)
    access.require_dip_editor(user, item.unit_id)
    _require_publisher(user)
    if item.status != "published":
        raise Conflict("dip_not_published")
    item.status, item.notice_until = "withdrawn", None
    _touch(item, user)
    _written(session, rt, item, user, "withdrawn")
    return item


def attach_file(
    session: Session, rt: Runtime, user: User, item_id: int, upload: files.Upload, confirmed: str | None = None
) -> DipItem:
    """Give the item its document (PDF, PNG or JPEG, checked by content), replacing any earlier one.

    The file goes to anyone, so it is scanned for personal data as a file to a requester is (engine.pii_scan,
    engine.task_files): while anything is found (or its text cannot be read), it is refused on the field ``file``,
    unless ``confirmed`` is this very file's ``file_ref`` (the officer confirmed that what was found may be
    published: the owner agreed, or a law requires it), so a confirmation never carries over to another file. A
    published item's file is the PPID's to give (it is public at once), as a change to the item is.
    """
    item = require_item(session, user, item_id)
    access.require_dip_editor(user, item.unit_id, item.category)
    if item.status == "published":  # the file goes to the public at once: a unit's replacement waited for no one
        _require_publisher(user)
    if item.category == "dikecualikan":
        raise Invalid("exempt_no_file", fields={"file": [msg("exempt")]})
    try:
        (checked,) = files.check([upload], rt.settings.max_attachment_bytes)
    except Invalid as error:
        raise Invalid(error.message, fields={"file": [m for ms in error.fields.values() for m in ms]}) from None
    ref = file_ref(checked.data)
    found = pii_scan.scan_file(checked.media_type, checked.data)
    if found and confirmed != ref:
        raise Invalid("file_holds_personal_data", ref=ref, fields={"file": file_findings(found, ref)})
    store = files.FileStore.of(rt.settings, rt.vault)
    key, kid = store.put(checked.data, session)
    item.file_name, item.file_media_type, item.file_size = checked.file_name, checked.media_type, checked.size
    item.file_sha256, item.file_storage_key, item.file_key_id = checked.sha256, key, kid
    _touch(item, user)
    _written(session, rt, item, user, "file_added")
    return item


def file_ref(data: bytes) -> str:
    """What confirms a file's findings: its sha256's first 12 hex digits (as ``task_files.finding_ref`` does)."""
    return hashlib.sha256(data).hexdigest()[:12]


def file_findings(found: list[pii_scan.Finding], ref: str) -> list[Message]:
    """The scan's findings as the officer reads them beside the file field, as beside a file to a requester
    (``task_files.finding_message``: what, masked, on which page), then what to do."""
    return [
        *(task_files.finding_message(f, f"{ref}-{k}") for k, f in enumerate(found, start=1)),
        msg("public_file_confirm"),
    ]


def read_file(rt: Runtime, item: DipItem) -> bytes:
    return files.FileStore.of(rt.settings, rt.vault).get(item.file_storage_key, item.file_key_id)


def unpublishable(
    category: str,
    summary: str | None,
    url: str | None,
    file_key: str | None = None,
    exemption_id: int | None = None,
    *,
    responsible: str | None,
    retention: str | None,
) -> dict:
    """Field messages when an item may not be published as it is: information published immediately (a warning
    about the public's safety, on the portal's front page) says what the public must know, or links or attaches it;
    one that said only "ask for it by request" stood there. An exempt item saved on a note alone before the rule
    (``lacking_determination``) is not published again until it cites the determination. Every published item names
    who answers for making or issuing it and how long it is kept (``PUBLISHED_NEEDS``): the public list showed "-"
    in both columns of items the PPID had published (the list's columns, Perki 1/2021's DIP standard)."""
    fields: dict[str, list[Message]] = {}
    if category == "serta_merta" and not (summary or url or file_key):
        fields["summary"] = [msg("immediate_item_says_what")]
    if category == "dikecualikan" and not exemption_id:
        fields["exemption_id"] = [msg("exempt_needs_determination")]
    given = {"responsible": responsible, "retention": retention}
    for name, code in PUBLISHED_NEEDS.items():
        if not (given[name] or "").strip():
            fields[name] = [msg(code)]
    return fields


# What a published item must say beyond its title, category and unit, and the refusal that says why.
PUBLISHED_NEEDS = {"responsible": "dip_publish_needs_responsible", "retention": "dip_publish_needs_retention"}


def _require_publishable(item: DipItem) -> None:
    fields = unpublishable(
        item.category,
        item.summary,
        item.url,
        item.file_storage_key,
        item.exemption_id,
        responsible=item.responsible,
        retention=item.retention,
    )
    if fields:
        raise Invalid("invalid_data", fields=fields)


def _publish(item: DipItem, now, notice_days: int | None) -> None:
    _require_publishable(item)
    item.status, item.published_at = "published", now
    if item.category == "serta_merta":
        item.notice_until = now + timedelta(days=notice_days or NOTICE_DAYS)


def _require_publisher(user: User) -> None:
    """Putting an item before the public, or taking it off: the PPID's (the DIP's keepers). A unit proposes its item
    as a draft (``awaiting_publication``); a unit's item went public with no one at the PPID knowing."""
    if not access.is_dip_keeper(user):
        raise Forbidden("dip_published_by_ppid")


def _touch(item: DipItem, user: User) -> None:
    item.updated_at, item.updated_by = clock.now(), user.username


def _written(session: Session, rt: Runtime, item: DipItem, user: User, action: str, noted: dict | None = None) -> None:
    """After every change: the search text and the next due date, one flush, the reminders, the version (its data
    the item's snapshot, with ``noted``).

    One flush per change: the version column moves once, so versions count changes.
    """
    cal = rt.calendars["strict"]
    with session.no_autoflush:
        item.unit = session.get(Unit, item.unit_id)
    item.search_text = search.document(
        item.title, item.summary, item.code, item.format, item.legal_basis, item.unit.name, item.unit.code
    )
    item.next_due_at = dip_due.next_due(cal, item)
    session.flush()
    dip_due.plan(session, cal, item)
    session.add(
        DipItemVersion(
            item_id=item.id,
            version=item.version,
            action=action,
            actor=user.username,
            at=clock.now(),
            data={**snapshot(item), **(noted or {})},
        )
    )


def snapshot(item: DipItem) -> dict:
    """The item in the form's words, plus its state: what a version keeps and what the API returns."""
    return {
        "id": item.id,
        **{name: getattr(item, name) for name in FIELDS if name not in ("unit", "made_on")},
        "unit": item.unit.code,
        "unit_name": item.unit.name,
        "made_on": item.made_on.isoformat() if item.made_on else None,
        "status": item.status,
        "published_at": item.published_at.isoformat() if item.published_at else None,
        "notice_until": item.notice_until.isoformat() if item.notice_until else None,
        "next_due_at": item.next_due_at.isoformat() if item.next_due_at else None,
        "file": {
            "name": item.file_name,
            "media_type": item.file_media_type,
            "size": item.file_size,
            "sha256": item.file_sha256,
        }
        if item.file_storage_key
        else None,
        "version": item.version,
    }


def form_data(item: DipItem) -> dict:
    """The item as the form's data (what an edit starts from): the snapshot without its state."""
    data = snapshot(item)
    return {name: data[name] for name in FIELDS if data.get(name) not in (None, "")}


def require_item(session: Session, user: User, item_id: int) -> DipItem:
    """An item as staff read it (drafts too): 403 for someone who is not staff, 404 for no such item."""
    access.require_dip_reader(user)
    item = session.get(DipItem, item_id) if 0 < item_id < 2**31 else None
    if item is None:
        raise NotFound("dip_item_not_found")
    return item


def public_item(session: Session, item_id: int) -> DipItem:
    """An item as anyone reads it: published only, or 404."""
    item = session.get(DipItem, item_id) if 0 < item_id < 2**31 else None
    if item is None or item.status != "published":
        raise NotFound("dip_item_not_found")
    return item


def versions(session: Session, item: DipItem) -> list[DipItemVersion]:
    """The item's history, newest first."""
    return list(
        session.scalars(
            select(DipItemVersion).where(DipItemVersion.item_id == item.id).order_by(DipItemVersion.version.desc())
        )
    )


def lacking_determination(session: Session, limit: int = 200) -> list[DipItem]:
    """Exempt items that cite no exemption determination (saved on a note alone before an exempt item had to cite
    the register), not withdrawn, by title: kept, not deleted, and named on the PPID's page to classify again (cite
    the determination after the consequence test, or list the information as public)."""
    return list(
        session.scalars(
            select(DipItem)
            .where(DipItem.category == "dikecualikan", DipItem.exemption_id.is_(None), DipItem.status != "withdrawn")
            .order_by(DipItem.title, DipItem.id)
            .limit(limit)
        )
    )


def awaiting_publication(session: Session, limit: int = 100) -> list[DipItem]:
    """Drafts and published items with a revision proposed, newest change first: what the units propose and the PPID
    has not published yet (the PPID publishes the list: UU 14/2008 Pasal 13, Perki 1/2021 Pasal 23)."""
    return list(
        session.scalars(
            select(DipItem)
            .where((DipItem.status == "draft") | DipItem.pending_revision.is_not(None))
            .order_by(DipItem.updated_at.desc())
            .limit(limit)
        )
    )


def front_page_notices(session: Session, limit: int = 5) -> list[DipItem]:
    """Serta-merta items still on the portal's front page, newest first."""
    return list(
        session.scalars(
            select(DipItem)
            .where(DipItem.status == "published", DipItem.notice_until > clock.now())
            .order_by(DipItem.published_at.desc())
            .limit(limit)
        )
    )
