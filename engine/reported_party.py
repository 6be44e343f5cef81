"""The persons a complaint reports (terlapor), as the complaint team records them.

Recording a complaint (legal-process.md §7.2, stage 2, Permenpan PER/05/M.PAN/4/2009) takes down who is reported:
name, NIP/NRP, address, position, agency and the agency's category. The workflow and the forms a unit reads name
the reported only by unit and position (``forms/pengaduan_catat_pengaduan.json``); their identities are personal
data the team alone handles (KMA 765/2018: confidentiality of the reporter and of the reported, the presumption of
innocence), so they are sealed in the vault as a party of the case (``Case.details["terlapor_party_id"]``), never in
the workflow, its history or an export.

- The complaint team (``access.is_complaint_team``) records them on the case (``record``): the whole list again,
  checked by ``FORM``; an empty list removes them. The history records ``reported_recorded`` with how many persons
  are recorded and which fields of the form hold a value, never the values. Nothing that did not change is
  recorded.
- Or the team says that no person is identified (``NONE``: a choice of the same form, with no row): the case keeps
  only that it was said (``Case.details[NONE_KEY]``), the history ``reported_recorded`` with a count of 0 and
  ``none``. A row and the choice together are refused; recording persons later withdraws the choice.
- Before the outcome notice (``pemberitahuan_hasil``, stage 9) can be completed, the team has said who was reported
  (``said``: a person on file, or none identified; engine.complaint_rules), so that the check below has the names it
  refuses in the text the reporter receives.
- The team reads them on their own page (``read``; the case page counts them), every read an event whatever the
  reporter's mode; a unit the complaint is referred to, an auditor, the reporter and the public never do.
- Once they are on file, what the team writes for a unit or for the reporter (a form field marked visible to
  them, a message to the reporter) is refused when it names one of them, by full name or NIP/NRP
  (``unnamed``, which engine.officer_text runs on every completion of a complaint's task): the unit and the
  reporter read of the reported by position only. A field the team writes "tanpa nama orang" (``NO_NAMES``: the
  summary, the position, the disposition note a unit reads) is refused by any distinctive word of their name too (a
  first name alone; not a title, an initial or a common first element), and, on a complaint that keeps its reporter
  confidential, when it names the reporter the same way. A refusal never repeats the name. (Any 18-digit number,
  whoever's NIP it is, is refused in every free-text field of a complaint's tasks and in its notes by
  engine.officer_text, which looks at the text alone.)
- Witnesses (saksi) are protected as the reported are (legal-process.md §7.3: a witness's identity kept secret is
  among the rights of UU 31/2014 Pasal 5, Pasal 10 being immunity from prosecution; KMA 765/2018):
  the team records them on the same form and page (``WITNESSES``: name, NIP/NRP, position, agency, address), sealed
  in the vault as a party of their own (``Case.details[WITNESSES_KEY]``), read by the team alone with the reported
  persons (the same read event). The history records ``witnesses_recorded`` with how many and which fields (or
  ``witnesses_removed``), never who. A recording that leaves ``saksi`` out (an API client of before) keeps them
  as they are. Once on file, every check above that refuses a reported person's name refuses a witness's the same
  way (``names_witness``); they never decide whether the outcome may go (``said``), nor go into the
  Inspectorate's annex.
- No list can hold every name: a witness the team did not record is named in no list. So a field that tells
  the reporter the outcome (``NO_ONE``: the outcome notice, which is the mail's letter, the portal's message and the
  signed letter alike; the review's reason for closing or forwarding) is refused when it names anyone by a form of
  address and a capitalised name (``addresses_someone``: "Pak Joko", "Bu Ani", "Sdr. Rahmat", "Mrs Smith"), whoever
  it is: the outcome is told within the limits of confidentiality (legal-process.md §7.2 stage 9, §7.3), so the
  reported person and witnesses are named by their role ("petugas yang bersangkutan", "saksi"). A form of address
  before a role (``ROLE_WORDS``: "Bapak/Ibu Pelapor", "Ibu Kota") names no one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy.orm import Session

from engine import access, kinds
from engine.audit import EventLog
from engine.errors import Invalid, NotFound
from engine.forms import errors_in
from engine.messages import Message, msg
from engine.models import Case, Party, User
from engine.run import touch
from engine.runtime import Runtime

FORM = "pengaduan_terlapor.json"
PARTY_KEY = "terlapor_party_id"
EVENT = "reported_recorded"
REMOVED = "reported_removed"  # the history's event when the team empties the list
WITNESSES = "saksi"  # the form's list of witnesses, and their party's role in the vault
WITNESSES_KEY = "saksi_party_id"  # Case.details: the witnesses' party
WITNESSES_EVENT, WITNESSES_REMOVED = "witnesses_recorded", "witnesses_removed"  # the history's: how many, never who
NONE = "tidak_teridentifikasi"  # the form's choice: no person is identified as reported
NONE_KEY = "terlapor_tidak_teridentifikasi"  # Case.details: the team said so
VISIBLE_TO = "x-visible-to"
OUTSIDE = frozenset({"unit_pengolah", "pemohon"})  # the readers outside the team a form field may be marked for
# A field the complaint team writes without names ("tanpa nama orang"), for the papers a unit or the Inspectorate
# reads: checked against every distinctive word of a protected person's name, not only the whole name.
NO_NAMES = "x-no-names"
# Words of a recorded name that name nobody on their own: titles and forms of address, and the commonest first
# elements of Indonesian names, which stand in countless other names (and madrasahs' names). A word with a dot
# (Drs., H., S.Pd) and one of fewer than MIN_PART letters never counts either.
NOT_DISTINCTIVE = frozenset(
    {
        *("drs", "dra", "prof", "haji", "hajah", "hajjah", "kyai", "kiai", "ustadz", "ustaz", "ustadzah", "raden"),
        *("sdr", "sdri", "saudara", "saudari", "bapak", "ibu", "pak", "tuan", "nyonya", "nona", "mas", "mbak", "gus"),
        *("spd", "spdi", "mpd", "mpdi", "sag", "mag", "ssos", "msi", "ssi", "shi", "mhi", "sth", "skom", "amd", "phd"),
        *("muhammad", "muhamad", "mohammad", "mohamad", "mochammad", "mochamad", "mohammed", "moh", "muh", "mohd"),
        *("abdul", "abd", "siti", "nur", "bin", "binti"),
    }
)
# A field that tells the reporter the outcome: it names no one by a form of address and a name (``addresses_someone``).
NO_ONE = "x-names-no-one"
MIN_PART = 3
MIN_NIP = 8  # digits of a recorded NIP/NRP below which it is no number to look for (the form asks for 8 to 30)
CONFIDENTIAL_MODES = frozenset({"rahasia", "whistleblower"})  # engine.complaints.MODES that keep the reporter's name


@dataclass(frozen=True)
class Recorded:
    changed: bool  # the reported persons, or that none is identified
    persons: list[dict]
    none: bool = False  # no person is identified, as the team said
    witnesses: list[dict] = field(default_factory=list)
    witnesses_changed: bool = False


def require_team_complaint(user: User, case: Case) -> None:
    """A complaint (else NotFound), for its complaint team (else Forbidden)."""
    if case.kind != kinds.COMPLAINT:
        raise NotFound("complaint_not_found")
    access.require_complaint_team(user)


def can_record(user: User, case: Case) -> bool:
    return case.kind == kinds.COMPLAINT and access.is_complaint_team(user)


def read(session: Session, rt: Runtime, user: User, case: Case) -> list[dict] | None:
    """The reported persons for the complaint team (an empty list when none is recorded); None for anyone else."""
    return _persons(session, rt, case) if can_record(user, case) else None


def witnesses(session: Session, rt: Runtime, user: User, case: Case) -> list[dict] | None:
    """The witnesses for the complaint team (an empty list when none is recorded); None for anyone else."""
    return _witnesses(session, rt, case) if can_record(user, case) else None


def count(session: Session, rt: Runtime, user: User, case: Case) -> int | None:
    """How many persons are on file, for the complaint team (the case page); None for anyone else."""
    persons = read(session, rt, user, case)
    return None if persons is None else len(persons)


def said(case: Case) -> bool:
    """Whether the team has said who the complaint reports: a person on file, or that none is identified."""
    details = case.details or {}
    return bool(details.get(PARTY_KEY) or details.get(NONE_KEY))


# A read records the witnesses beside the reported persons (``WITH_WITNESSES``): one page and one API answer show
# both. A read recorded before witnesses were kept has ``what`` alone and still says "the reported persons".
WITH_WITNESSES = "saksi"


def note_read(session: Session, user: User, case: Case) -> None:
    """The team opened the reported persons and the witnesses: an event of the case whatever the reporter's mode."""
    EventLog(session).append(case, "case_read", user.username, {"what": "terlapor", WITH_WITNESSES: True})


def record(session: Session, rt: Runtime, user: User, case: Case, payload: dict) -> Recorded:
    """Replace the reported persons with ``payload``'s (``{"terlapor": [...]}``), and the witnesses with its
    ``saksi`` when it has them; see the module's docstring. One transaction (the caller's)."""
    require_team_complaint(user, case)
    errors = errors_in(rt.forms.schema(FORM), payload)
    if errors:
        raise Invalid("invalid_data", fields=errors)
    persons = _distinct(payload.get("terlapor") or [])
    none = payload.get(NONE) is True
    if none and persons:
        raise Invalid("invalid_data", fields={NONE: [msg("reported_none_with_persons")]})
    seen = _record_witnesses(session, rt, user, case, payload)
    party = _party(session, case)
    before = _persons(session, rt, case, party)
    was_none = bool((case.details or {}).get(NONE_KEY))
    if persons == before and none == was_none:
        return Recorded(False, before, none, seen.witnesses, seen.changed)
    case.details = {**{k: v for k, v in case.details.items() if k != NONE_KEY}, **({NONE_KEY: True} if none else {})}
    if not persons:  # none reported after all (a misreading), or none identified: nothing of them is kept
        if party is not None:
            case.details = {**case.details, PARTY_KEY: None}
            session.delete(party)
    elif party is None:
        party = rt.vault.store(session, "terlapor", {"terlapor": persons})
        case.details = {**case.details, PARTY_KEY: party.id}
    else:  # sealed again, with the vault's current key
        party.key_id, party.ciphertext = rt.vault.seal({"terlapor": persons})
    touch(case)
    fields = [name for name in _fields(rt) if any(person.get(name) for person in persons)]
    if persons:
        EventLog(session).append(case, EVENT, user.username, {"count": len(persons), "fields": fields})
    elif none:
        EventLog(session).append(case, EVENT, user.username, {"count": 0, "fields": [], "none": True})
    else:
        EventLog(session).append(case, REMOVED, user.username, {"count": len(before)})
    session.flush()
    return Recorded(True, persons, none, seen.witnesses, seen.changed)


@dataclass(frozen=True)
class _Seen:
    changed: bool
    witnesses: list[dict]


def _record_witnesses(session: Session, rt: Runtime, user: User, case: Case, payload: dict) -> _Seen:
    """Replace the witnesses with ``payload``'s ``saksi`` (sealed in their own party; an empty list removes them),
    the history counting them; a payload without ``saksi`` leaves them as they are."""
    party = _party(session, case, WITNESSES_KEY)
    before = _witnesses(session, rt, case, party)
    if WITNESSES not in payload:
        return _Seen(False, before)
    witnesses = _distinct(payload.get(WITNESSES) or [])
    if witnesses == before:
        return _Seen(False, before)
    if not witnesses:
        case.details = {**case.details, WITNESSES_KEY: None}
        session.delete(party)
        EventLog(session).append(case, WITNESSES_REMOVED, user.username, {"count": len(before)})
    else:
        if party is None:
            party = rt.vault.store(session, WITNESSES, {WITNESSES: witnesses})
            case.details = {**case.details, WITNESSES_KEY: party.id}
        else:  # sealed again, with the vault's current key
            party.key_id, party.ciphertext = rt.vault.seal({WITNESSES: witnesses})
        fields = [name for name in _fields(rt, WITNESSES) if any(w.get(name) for w in witnesses)]
        EventLog(session).append(case, WITNESSES_EVENT, user.username, {"count": len(witnesses), "fields": fields})
    touch(case)
    session.flush()
    return _Seen(True, witnesses)


def _distinct(rows: list[dict]) -> list[dict]:
    """The rows as recorded, their texts trimmed: the same person typed twice is recorded once."""
    out = []
    for row in rows:
        kept = {k: v.strip() if isinstance(v, str) else v for k, v in row.items()}
        if kept not in out:
            out.append(kept)
    return out


def mentions(persons: list[dict], text: str, parts: bool = False) -> bool:
    """Whether ``text`` names one of ``persons``: their full name (any case, any spacing) or their NIP/NRP (its
    digits, however they are grouped); with ``parts``, any distinctive word of the name as a word of its own
    (``distinctive``)."""
    folded = " ".join(text.casefold().split())
    return numbered(persons, re.sub(r"\D", "", text)) or any(
        names(str(person.get("nama", "")), folded, parts) for person in persons
    )


def numbered(persons: list[dict], digits: str) -> bool:
    """Whether ``digits`` (a text's digits, all together) hold the NIP/NRP of one of ``persons``, however the text
    grouped it."""
    for person in persons:
        number = re.sub(r"\D", "", str(person.get("nip_nrp", "")))
        if len(number) >= MIN_NIP and number in digits:
            return True
    return False


def names(name: str, folded: str, parts: bool) -> bool:
    """Whether ``folded`` (casefolded, its spaces single) holds ``name`` whole, as it was recorded or without its
    titles, or (``parts``) one of its distinctive words, each as a word of its own, or any word of it after a form
    of address (``addressed``: "Ibu Siti" names a Siti, however common the word)."""
    whole = " ".join(name.casefold().split())
    bare = " ".join(distinctive(name, keep_all=True))
    for wanted in {whole, bare} | (set(distinctive(name)) if parts else set()):
        if len(wanted) >= MIN_PART and re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", folded):
            return True
    return parts and addressed(name, folded)


# The forms of address a person's name follows ("Ibu Siti", "Sdri. Rahmawati", "Pak Abdul"): after one, a common
# first element of a name (NOT_DISTINCTIVE) names someone as surely as a distinctive one.
ADDRESS = (
    *("ibu", "bu", "bapak", "pak", "sdr", "sdri", "saudara", "saudari", "tuan", "nyonya", "nona", "mas", "mbak"),
    *("kak", "dik", "adik", "mr", "mrs", "ms", "miss", "dear", "yth"),
)


def addressed(name: str, folded: str) -> bool:
    """Whether ``folded`` holds a form of address (``ADDRESS``, its dot optional) followed by a word of ``name`` of
    ``MIN_PART`` letters or more (its titles aside)."""
    words = [w for w in distinctive(name, keep_all=True) if len(w) >= MIN_PART and w not in ADDRESS]
    if not words:
        return False
    forms = "|".join(ADDRESS)
    said = "|".join(re.escape(w) for w in words)
    return re.search(rf"(?<!\w)(?:{forms})\.? ?(?:{said})(?!\w)", folded) is not None


# The forms of address before a name that a notice to the reporter may not use for anyone (``NO_ONE``), in both
# languages, any case, the dot optional; and the words after one that are a role, not a name ("Bapak/Ibu Pelapor",
# "Ibu Kota": the capital city).
HONORIFICS = ("bapak", "bpk", "pak", "ibu", "bu", "saudara", "saudari", "sdr", "sdri", "mr", "mrs", "ms")
ROLE_WORDS = frozenset(
    {
        *("pelapor", "pengadu", "terlapor", "teradu", "saksi", "petugas", "pejabat", "pegawai", "tim", "anda"),
        *("kepala", "ketua", "pimpinan", "direktur", "rektor", "kakanwil", "kakankemenag", "menteri", "presiden"),
        *("gubernur", "bupati", "walikota", "wali", "camat", "lurah", "kota", "guru", "dosen"),
        *("reporter", "complainant", "officer", "witness", "head", "director", "minister", "president"),
    }
)
# The abbreviated forms, the only ones a dot may follow: after a full word ("laporan Saudara. Hasil ...", "Terima
# kasih, Bu. Kami ...") the dot ends a sentence and the next word is no name.
ABBREVIATED = ("bpk", "sdr", "sdri", "mr", "mrs", "ms")
# Capitalised words that follow a form of address in a formal or title-case sentence and are no name ("Pengaduan
# Saudara Telah Kami Terima", "Thank You, Sir"): Indonesian and English function words and a letter's usual words.
NOT_A_NAME = frozenset(
    {
        *("telah", "sudah", "belum", "akan", "sedang", "yang", "dan", "atau", "serta", "kami", "kita", "saya", "ini"),
        *("itu", "tersebut", "untuk", "atas", "dengan", "dari", "di", "ke", "pada", "dalam", "oleh", "kepada", "agar"),
        *("bahwa", "sebagai", "juga", "tidak", "dapat", "mohon", "terima", "kasih", "sebagaimana", "selaku"),
        *("laporan", "pengaduan", "hasil", "perihal", "yth", "the", "and", "or", "we", "our", "your", "you", "has"),
        *("have", "had", "is", "are", "was", "were", "will", "of", "for", "to", "in", "on", "at", "with", "by"),
        *("thank", "thanks", "regarding", "as"),
    }
)
_ADDRESSED = re.compile(
    rf"(?<!\w)(?:(?:{'|'.join(ABBREVIATED)})\.\s*|(?:{'|'.join(HONORIFICS)})\s+)([^\W\d_][\w'-]*)", re.IGNORECASE
)


def addresses_someone(text: str) -> bool:
    """Whether ``text`` names anyone by a form of address (``HONORIFICS``) and a capitalised word that is not a role
    (``ROLE_WORDS``), another form of address nor a common word (``NOT_A_NAME``), a dot only after an abbreviation
    (``ABBREVIATED``): "Pak Joko", "Bu Ani", "Sdr. Rahmat", "Mrs Smith"; not "Bapak/Ibu Pelapor", "bapak dan ibu",
    "laporan Saudara. Hasil ...", "Pengaduan Saudara Telah Kami Terima"."""
    for match in _ADDRESSED.finditer(text):
        word = match.group(1)
        if word[0].isupper() and word.casefold() not in ROLE_WORDS.union(HONORIFICS, NOT_A_NAME):
            return True
    return False


def distinctive(name: str, keep_all: bool = False) -> list[str]:
    """The words of a person's name that name them, casefolded: before the degrees that follow a comma, without the
    words with a dot (Drs., H., S.Pd), the short ones and the ``NOT_DISTINCTIVE`` ones (``keep_all``: with the short
    and the common ones, for the name without its titles)."""
    words = []
    for word in name.split(",")[0].split():
        if "." in word:
            continue
        word = word.strip("()[]'\"").casefold()
        common = len(word) < MIN_PART or word in NOT_DISTINCTIVE
        if word and (keep_all or not common):
            words.append(word)
    return words


class OnFile:
    """A complaint's protected persons as the vault holds them, each party opened at most once and only when asked
    for: the reported persons on file and the reporter's own identity (read only for a confidential reporter's name,
    to check what the team writes without names; no one reads it: not an identity read). Nothing for a case of
    another kind."""

    def __init__(self, session: Session, rt: Runtime, case: Case):
        self.session, self.rt, self.case = session, rt, case

    @cached_property
    def persons(self) -> list[dict]:
        return _persons(self.session, self.rt, self.case)

    @cached_property
    def witnesses(self) -> list[dict]:
        return _witnesses(self.session, self.rt, self.case)

    @cached_property
    def reporter(self) -> dict:
        """The reporter's identity as given (name, NIK, phone, e-mail...); empty for an anonymous complaint."""
        party_id = self.case.requester_party_id if self.case.kind == kinds.COMPLAINT else None
        party = self.session.get(Party, party_id) if party_id is not None else None
        return self.rt.vault.read(party) if party is not None else {}

    @property
    def confidential_name(self) -> str:
        """The reporter's name when the complaint keeps it confidential (``CONFIDENTIAL_MODES``), else empty."""
        if self.case.reporter_mode not in CONFIDENTIAL_MODES:
            return ""
        return str(self.reporter.get("name") or "")


def unnamed(people: OnFile, node: dict, texts: list[str]) -> Message | None:
    """What is said beside a task's field (its schema ``node``, its non-empty ``texts``) that names a protected
    person, if it does: a field a unit or the reporter reads (``x-visible-to``) a reported person or a witness on
    file by full name or NIP (``mentions``); a field the team writes without names (``NO_NAMES``) any distinctive
    part of their name too, or the reporter's name when the complaint keeps it confidential; a field that tells the
    reporter the outcome (``NO_ONE``) anyone by a form of address and a name (``addresses_someone``). None for any
    other field.
    The words say whose name it is, never the name."""
    no_names = node.get(NO_NAMES) is True
    if not (no_names or OUTSIDE & set(node.get(VISIBLE_TO, ()))):
        return None
    if people.persons and any(mentions(people.persons, text, parts=no_names) for text in texts):
        return msg("names_reported_person")
    if people.witnesses and any(mentions(people.witnesses, text, parts=no_names) for text in texts):
        return msg("names_witness")
    reporter = people.confidential_name if no_names else ""
    if reporter and any(names(reporter, " ".join(text.casefold().split()), True) for text in texts):
        return msg("names_reporter")
    if node.get(NO_ONE) is True and any(addresses_someone(text) for text in texts):
        return msg("names_someone_to_reporter")
    return None


def on_file(session: Session, rt: Runtime, case: Case) -> list[dict]:
    """The persons on file, for what the team issues with them (the Inspectorate's annex, engine.letters); the
    caller has checked who reads it."""
    return _persons(session, rt, case)


def _persons(session: Session, rt: Runtime, case: Case, party: Party | None = None) -> list[dict]:
    """The persons on file (none for a case without any), from ``party`` when the caller holds it already."""
    party = party if party is not None else _party(session, case)
    return list(rt.vault.read(party).get("terlapor", [])) if party is not None else []


def texts(value) -> list[str]:
    """The strings in a form field's value (a list's, an object's, at any depth)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for item in value for t in texts(item)]
    if isinstance(value, dict):
        return [t for item in value.values() for t in texts(item)]
    return []


def _witnesses(session: Session, rt: Runtime, case: Case, party: Party | None = None) -> list[dict]:
    """The witnesses on file (none for a case without any), from ``party`` when the caller holds it already."""
    party = party if party is not None else _party(session, case, WITNESSES_KEY)
    return list(rt.vault.read(party).get(WITNESSES, [])) if party is not None else []


def _fields(rt: Runtime, name: str = "terlapor") -> tuple[str, ...]:
    return tuple(rt.forms.schema(FORM)["properties"][name]["items"]["properties"])


def _party(session: Session, case: Case, key: str = PARTY_KEY) -> Party | None:
    party_id = (case.details or {}).get(key) if case.kind == kinds.COMPLAINT else None
    return session.get(Party, party_id) if party_id else None
