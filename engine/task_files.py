"""File fields on task forms: ``x-kawal-file`` in a form's JSON Schema (issue 15, point 1).

A form field that takes files is declared in the schema as an array of attachment ids::

    "berkas_informasi": {
      "type": "array", "items": {"type": "integer"}, "title": "...",
      "x-kawal-file": {"types": ["application/pdf"], "maxFiles": 5, "maxBytes": 10485760}
    }

Officers send the files themselves (the API's multipart parts, the task page's file input, named by
the field); what the field holds in the workflow data is the list of ``attachment`` row ids, never a
name or a byte of content. The limits are the reporter's (engine.files): type by content, size and
count, sha256, sealed at rest outside the database under a random name. ``maxBytes`` defaults to
``KAWAL_MAX_ATTACHMENT_BYTES``, ``maxFiles`` to ``engine.files.MAX_FILES``; a form may only lower them.

Checking happens before anything is written (``Incoming.check``), storing inside the run that
completes the task (``Incoming.store``), so a refusal or a rollback leaves no row and no file.

A field whose files go out to the requester says ``"scan": {"confirm": "<field>"}``: its files are scanned
for personal data that is not the requester's own (engine.pii_scan) and, while anything is found, the
task is refused with each finding beside its file, under its code (``ref``: the file's sha256 prefix and
the finding's number, so a confirmation never carries over to another file), until the files are
redacted or the officer confirms each finding in the named field (a list of ``{"temuan": ref, "alasan":
why}``): the requester's own data, written consent or a public office (UU 14/2008 Pasal 18(2)), a false
finding, or an unreadable file checked by eye. What was found and why it went out anyway is recorded on
the files' rows and in the history as counts by kind and by reason, never the values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import access, clock, files, pii_scan, quotas, visibility
from engine.errors import Invalid, NotFound
from engine.ids import in_range
from engine.messages import Message, msg
from engine.models import Attachment, Case, HumanTask, Party, User

FILE = "x-kawal-file"


def file_store(rt) -> files.FileStore:
    """The store every officer's file goes to (the reporter's files use the same folder and vault)."""
    return files.FileStore.of(rt.settings, rt.vault)


def rules(schema: dict, max_bytes: int) -> dict[str, files.Rule]:
    """The form's file fields (top level) and what each accepts."""
    out = {}
    for name, node in schema.get("properties", {}).items():
        spec = node.get(FILE) if isinstance(node, dict) else None
        if spec is None:
            continue
        out[name] = files.Rule(
            field=name,
            types=tuple(spec.get("types") or files.Rule().types),
            max_files=min(int(spec.get("maxFiles", files.MAX_FILES)), files.MAX_FILES),
            max_bytes=min(int(spec.get("maxBytes", max_bytes)), max_bytes),
        )
    return out


@dataclass
class Incoming:
    """The files sent with one form, checked and not yet stored."""

    rules: dict[str, files.Rule]
    checked: dict[str, list[files.Checked]] = field(default_factory=dict)
    scanned: dict[str, str] = field(default_factory=dict)  # field -> the field that confirms its findings
    findings: dict[tuple[str, int], list[pii_scan.Finding]] = field(default_factory=dict)
    confirmed: dict[tuple[str, int], dict[str, int]] = field(default_factory=dict)  # file -> {reason: count}
    stored: list[tuple[Attachment, files.Checked]] = field(default_factory=list)  # after ``store``

    @classmethod
    def check(cls, schema: dict, data: dict, uploads: dict[str, list[files.Upload]], max_bytes: int) -> Incoming:
        """Every file of every field within its limits, or one Invalid naming each problem.

        A file field's value comes only as files: ids in the data would let a form point at another
        case's files, so they are refused; so are files for a field that takes none.
        """
        found = rules(schema, max_bytes)
        fields: dict[str, list[str]] = {}
        for name in found:
            if name in data:
                fields[name] = [msg("send_as_files")]
        for name in uploads:
            if name not in found and uploads[name]:
                fields[name] = [msg("field_takes_no_files")]
        for name, rule in found.items():
            fields.update(files.problems(uploads.get(name, []), rule))
        if fields:
            raise Invalid("files_refused", fields=fields)
        scanned = {
            name: schema["properties"][name][FILE]["scan"].get("confirm", "")
            for name in found
            if isinstance(schema["properties"][name][FILE].get("scan"), dict)
        }
        return cls(found, {n: [files.checked(u) for u in uploads.get(n, [])] for n in found}, scanned)

    def holds_scanned_files(self) -> bool:
        """Whether a field that asks for the scan carries any file in this request."""
        return any(self.checked.get(name) for name in self.scanned)

    def scan(self, own: dict | None) -> dict[tuple[str, int], list[pii_scan.Finding]]:
        """Scan the files of the fields that ask for it; {(field, n): findings} for the files with any."""
        self.findings = {}
        for name in self.scanned:
            for n, item in enumerate(self.checked.get(name, [])):
                found = pii_scan.scan_file(item.media_type, item.data, own)
                if found:
                    self.findings[(name, n)] = found
        return self.findings

    def require_confirmed(self, data: dict) -> None:
        """Refuse while a finding in a scanned file is not confirmed, one by one, in its field's confirmations.

        A confirmation that names no finding of the files sent is refused too: what an officer confirmed
        must be what the scan found in these very files.
        """
        fields: dict[str, list[Message]] = {}
        refs: dict[str, tuple[str, int, pii_scan.Finding]] = {}
        for (name, n), found in self.findings.items():
            for k, finding in enumerate(found, start=1):
                refs[finding_ref(self.checked[name][n], k)] = (name, n, finding)
        given: dict[str, dict[str, str]] = {}
        for confirm in set(self.scanned.values()):
            # The form sent back after a refusal keeps its confirmations but no file (a browser keeps none): said so,
            # rather than "no finding of the files sent has this code".
            sent = any(self.checked.get(name) for name, c in self.scanned.items() if c == confirm)
            for i, entry in enumerate(data.get(confirm) or []):
                target = refs.get(entry["temuan"])
                if target is None:
                    fields[f"{confirm}.{i}.temuan"] = [msg("finding_unknown" if sent else "finding_file_not_sent")]
                elif entry["alasan"] == UNREADABLE_CHECKED and target[2].kind != "unreadable":
                    fields[f"{confirm}.{i}.alasan"] = [msg("only_for_unreadable")]
                else:
                    given.setdefault(confirm, {})[entry["temuan"]] = entry["alasan"]
        self.confirmed = {}
        for ref, (name, n, finding) in refs.items():
            reason = given.get(self.scanned[name], {}).get(ref)
            if reason is None:
                fields.setdefault(f"{name}.{n}", []).append(finding_message(finding, ref))
                fields.setdefault(self.scanned[name], [msg("confirm_personal_data")])
            else:
                reasons = self.confirmed.setdefault((name, n), {})
                reasons[reason] = reasons.get(reason, 0) + 1
        if fields:
            raise Invalid("files_hold_personal_data", fields=fields)

    @property
    def size(self) -> int:
        return sum(item.size for items in self.checked.values() for item in items)

    def placeholders(self) -> dict:
        """What the schema sees while nothing is stored yet: one stand-in id per file sent."""
        return {name: list(range(1, len(items) + 1)) for name, items in self.checked.items() if items}

    def _scan_record(self, name: str, n: int) -> dict | None:
        """What the file's row keeps of its scan: counts by kind, and whether an officer confirmed them."""
        if name not in self.scanned:
            return None
        found = self.findings.get((name, n), [])
        return {"found": pii_scan.counts(found), "confirmed": bool(found), "reasons": self.confirmed.get((name, n), {})}

    def store(
        self, session: Session, rt, case: Case, task: HumanTask | None, actor: str
    ) -> tuple[dict, list[Attachment]]:
        """Seal and write every file, one ``attachment`` row each; returns {field: [ids]} and the rows.

        The files belong to the session's transaction: a rollback removes them (engine.files). Like a
        reporter's, they are refused (507) when they would leave the files' disk nearly full.
        """
        if self.size:
            quotas.require_space(session, rt.settings, self.size)
        store = file_store(rt)
        now = clock.now()
        ids: dict[str, list[int]] = {}
        rows: list[Attachment] = []
        for name, items in self.checked.items():
            for n, item in enumerate(items):
                row = files.keep(
                    session,
                    store,
                    case.id,
                    item,
                    now,
                    task_id=task.id if task is not None else None,
                    field=name,
                    uploaded_by=actor,
                    scan=self._scan_record(name, n),
                )
                rows.append(row)
                self.stored.append((row, item))
        session.flush()
        for row in rows:
            ids.setdefault(row.field, []).append(row.id)
        return ids, rows


# What each kind of finding is called beside its file (engine.messages).
FINDING_CODES = {
    "nik": "found_nik",
    "kk": "found_kk",
    "npwp": "found_npwp",
    "telepon": "found_telepon",
    "email": "found_email",
    "unreadable": "found_unreadable",
}


UNREADABLE_CHECKED = "diperiksa_manual"  # the one reason that fits only a file whose text cannot be read


def finding_ref(item: files.Checked, k: int) -> str:
    """The code a finding is confirmed by: its file's sha256 prefix and its number in that file (from 1)."""
    return f"{item.sha256[:12]}-{k}"


def finding_message(finding: pii_scan.Finding, ref: str) -> Message:
    """A finding as the officer reads it beside its file: what, masked, on which page, and its code."""
    if finding.kind == "unreadable":
        return msg(FINDING_CODES["unreadable"], ref=ref)
    return msg(FINDING_CODES[finding.kind], value=finding.masked, page=finding.page, ref=ref)


def requester_identity(session: Session, rt, case: Case) -> dict:
    """The requester's own NIK, phone and e-mail (from the vault): not findings in their own files."""
    party = session.get(Party, case.requester_party_id) if case.requester_party_id else None
    if party is None:
        return {}
    # Held for the session's life: the session's identity map holds objects weakly, and the letter the same completion
    # issues finds the party there instead of reading it again (engine.letters.context.Context.identity).
    session.info.setdefault("kawal_parties_read", {})[party.id] = party
    identity = rt.vault.read(party)
    return {key: identity.get(key) for key in ("nik", "phone", "email")}


def described(rows: list[Attachment]) -> list[dict]:
    """The files as the case history (and so the bundle and the audit export) records them: hashes and
    facts only; no content, no storage key, and no file name, which may itself name a person."""
    return [
        {"id": r.id, "field": r.field, "sha256": r.sha256, "size": r.size, "media_type": r.media_type} for r in rows
    ]


def readable(session: Session, forms, user: User, case: Case, row: Attachment) -> bool:
    """An officer's file of ``case`` that ``user`` may read: the case's team reads every one, anyone
    else only those of fields their forms mark visible to them (engine.visibility)."""
    if row.case_id != case.id or row.field is None:
        return False
    readers = access.field_readers(user, case)
    if readers is None:
        return True
    task = session.get(HumanTask, row.task_id) if row.task_id is not None else None
    schema = forms.schema(task.form) if task is not None and task.form else {}
    return row.field in visibility.visible_names(schema, readers)


def file_for(session: Session, forms, user: User, case: Case, attachment_id: int) -> Attachment:
    """The file ``attachment_id`` of ``case`` if ``user`` may read it; 404 otherwise."""
    row = session.get(Attachment, attachment_id) if in_range(attachment_id) else None
    if row is None or not readable(session, forms, user, case, row):
        raise NotFound("file_not_found")
    return row


def files_of(session: Session, forms, user: User, case: Case) -> list[Attachment]:
    """The officers' files of ``case`` that ``user`` may read, oldest first."""
    rows = session.scalars(
        select(Attachment).where(Attachment.case_id == case.id, Attachment.field.is_not(None)).order_by(Attachment.id)
    ).all()
    return [row for row in rows if readable(session, forms, user, case, row)]


def read(rt, row: Attachment) -> bytes:
    """A stored file's content, checked against the sha256 recorded when it came in."""
    data = file_store(rt).get(row.storage_key, row.key_id)
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise RuntimeError(f"attachment {row.id} does not match its record")
    return data


def scan_task_files(session: Session, rt, user: User, task_id: int, uploads: dict[str, list[files.Upload]]) -> list:
    """What the scan finds in files meant for a task, before they are sent with it: nothing is stored.

    Returns one entry per file of a scanned field: ``(field, n, file name, [(ref, finding)])``.
    """
    task = access.require_task(session, user, task_id)
    access.require_work(user, task)
    schema = rt.forms.schema(task.form) if task.form else {}
    incoming = Incoming.check(schema, {}, uploads, rt.settings.max_attachment_bytes)
    incoming.scan(requester_identity(session, rt, task.case))
    return [
        (
            name,
            n,
            item.file_name,
            [(finding_ref(item, k), f) for k, f in enumerate(incoming.findings.get((name, n), []), start=1)],
        )
        for name in incoming.scanned
        for n, item in enumerate(incoming.checked.get(name, []))
    ]
