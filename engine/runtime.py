"""SpiffWorkflow behind Kawal: deploy BPMN files, build, run, save and sync case instances.

Every run is ``refresh_timers()`` then ``do_engine_steps()`` (a due timer needs both, in that order:
spiffworkflow-notes §0.3); engine.run strings a run together (load, step, sync, save) and engine.sync
turns the instance into queryable rows. Instances are stored without their spec, in SpiffWorkflow's own
format built by engine.serialization; the spec is parsed once per file content and cached per process version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine import clock, lanes
from engine.calendar import CALENDARS, LENIENT, HolidayOverride, WorkingCalendar, parse_office_schedule
from engine.config import Settings
from engine.errors import Conflict
from engine.forms import FormRegistry, for_case, for_steps
from engine.instances import InstanceCache
from engine.models import Case, HolidayOverrideRow, ProcessVersion, WorkflowState
from engine.serialization import fast_serializer
from engine.transaction_info import per_transaction
from engine.vault import Vault
from engine.windows import confirm_from, office_zone

SERIALIZER_VERSION = "kawal-1"
# A case should stay far below these (spiffworkflow-notes §9.4); beyond them something loops.
MAX_TASKS = 5000
MAX_DEPTH = 500


# Asked by every request (api.boundary.runtime), so built once.
# What changes whenever an override is added or removed: a removal lowers the count or the sum of ids, an
# addition raises the highest id, or, where SQLite gave the new row the id of the highest one just removed
# (same count, same ids), the newest ``created_at``.
_SIGNATURE_OF = (
    func.count(HolidayOverrideRow.id),
    func.max(HolidayOverrideRow.id),
    func.sum(HolidayOverrideRow.id),
    func.max(HolidayOverrideRow.created_at),
)
_OVERRIDES_SIGNATURE = select(*_SIGNATURE_OF)
# The same values as columns of another query: an API request reads them with its token's session
# (engine.sessions.find_with_user) and hands them over with ``note_override_signature``, one statement fewer.
OVERRIDES_SIGNATURE_COLUMNS = tuple(select(f).scalar_subquery() for f in _SIGNATURE_OF)
_SIGNATURE_READ = per_transaction("kawal_override_signature")  # session.info: the signature this transaction read


def note_override_signature(session: Session, values) -> None:
    """The override table's signature, read in this transaction by another query: the next ``refresh_overrides``
    of the transaction compares with it instead of asking again."""
    session.info[_SIGNATURE_READ] = tuple(values)


@dataclass(frozen=True)
class LoadedSpec:
    version_id: int
    process_id: str
    spec: object
    subprocess_specs: dict


def ids_in_state(wf: BpmnWorkflow, state: TaskState) -> set[UUID]:
    """The ids of the instance's tasks (its subprocesses' included) in ``state``.

    The same set as ``wf.get_tasks(state=state)`` gives, read off the task dictionaries rather than by
    walking the tree: a tenth of the time, and a run asks it before and after every step (engine.run).
    """
    found = {task_id for task_id, task in wf.tasks.items() if task.state == state}
    for subprocess in wf.subprocesses.values():
        found.update(task_id for task_id, task in subprocess.tasks.items() if task.state == state)
    return found


_RESTORED: dict[bytes, tuple[object, dict]] = {}  # sha-256 of a version's stored specs -> them restored (Runtime.spec)


class Runtime:
    """One per process: holds parsed specs, calendars, the script engine and the serializer."""

    def __init__(self, settings: Settings, overrides: tuple[HolidayOverride, ...] = ()):
        self.settings = settings
        self.forms = FormRegistry(settings.forms_dir)
        self.vault = Vault(settings.vault_keys)
        self.serializer = fast_serializer(SERIALIZER_VERSION)  # SpiffWorkflow's format, built faster
        self.instances = InstanceCache(settings.workflow_cache)
        self._specs: dict[int, LoadedSpec] = {}
        self._latest: dict[str, int] = {}
        self._steps: dict[int, frozenset[str]] = {}
        self.set_overrides(overrides)
        self.script_engine = PythonScriptEngine(
            environment=TaskDataEnvironment(
                {
                    "working_days_after": self.working_days_after,
                    "calendar_days_after": self.calendar_days_after,
                    "working_days_until": self.working_days_until,
                    "working_day_before": self.working_day_before,
                    "receipt_at": self.receipt_at,
                    "now_iso": self.now_iso,
                    "office_today": self.office_today,
                    "final_from": self.final_from,
                }
            )
        )

    # -- calendars -------------------------------------------------------------------------------
    def set_overrides(self, overrides) -> None:
        # Materialized once: a generator handed to the first calendar would leave the others without
        # overrides, and every window counted on the lenient calendar would ignore the admin's table.
        overrides = tuple(overrides)
        schedule = parse_office_schedule(self.settings.office_hours)
        self.calendars = {
            name: WorkingCalendar(name, timezone=self.settings.office_timezone, schedule=schedule, overrides=overrides)
            for name in CALENDARS
        }

    def load_overrides(self, session: Session) -> None:
        rows = session.scalars(select(HolidayOverrideRow).order_by(HolidayOverrideRow.id)).all()
        self.set_overrides(HolidayOverride(r.day, r.is_working, r.reason, tuple(r.calendars.split(","))) for r in rows)
        self._override_signature = self._signature(session)

    def refresh_overrides(self, session: Session) -> None:
        """Reload the override table when another process changed it (one small aggregate query, or none when
        the transaction already read the signature: ``note_override_signature``)."""
        signature = session.info.pop(_SIGNATURE_READ, None)  # used once: a change made since is read afresh
        if signature is None:
            signature = self._signature(session)
        if getattr(self, "_override_signature", None) != signature:
            self.load_overrides(session)

    @staticmethod
    def _signature(session: Session) -> tuple:
        return tuple(session.execute(_OVERRIDES_SIGNATURE).one())

    def working_days_after(self, start: str, days: int, calendar: str = "strict") -> str:
        """The due instant of a legal clock, for BPMN ``timeDate`` expressions (an offset-aware ISO string)."""
        return self.calendars[calendar].add_working_days(self.instant(start), int(days)).due_at.isoformat()

    def calendar_days_after(self, start: str, days: int, calendar: str = "strict") -> str:
        """The due instant of a period the law counts in days (e.g. kasasi), for BPMN ``timeDate``."""
        return self.calendars[calendar].add_calendar_days(self.instant(start), int(days)).due_at.isoformat()

    def working_days_until(self, start: str, end: str) -> int:
        """Working days (strict) from ``start``'s date to ``end``'s date: the most a count from ``start`` may
        take without passing ``end`` (an internal tier never exceeds a statutory limit); 0 when passed."""
        cal = self.calendars["strict"]
        first, last = (self.instant(v).astimezone(cal.tz).date() for v in (start, end))
        return max(0, cal.working_days_between(first, last))

    def working_day_before(self, value: str) -> str:
        """The last day before ``value``'s date that is a working day on both calendars (ISO date): an office's
        own limit set before a fixed event (a hearing) ends on the earliest reading (legal-process.md §2.2), and
        counted back from the event that is the one where cuti bersama are not working days."""
        tz = self.calendars["strict"].tz
        day = self.instant(value).astimezone(tz).date() - timedelta(days=1)
        while not all(cal.is_working_day(day) for cal in self.calendars.values()):
            day -= timedelta(days=1)
        return day.isoformat()

    def instant(self, value: str) -> datetime:
        """An ISO datetime, or an ISO date meaning that office day (a date on a letter or a KI decision)."""
        if len(value) == 10:
            return self.calendars["strict"].opening(date.fromisoformat(value))
        return datetime.fromisoformat(value)

    def received(self, value: str) -> datetime:
        """When a requester (an applicant) received something that starts a window of theirs: an ISO datetime as
        recorded, or an ISO date, a receipt whose hour nobody recorded, on the reading that ends latest
        (legal-process.md §2.2): at the close of that day's office hours, so that the lenient calendar counts it from
        the next working day (the strict one from that date, whatever the hour). The one rule for every such
        receipt: a notice, the superior's response, the information handed over (engine.chain), the Commission's
        decision and the court's judgment (sengketa_informasi.bpmn, through ``receipt_at``)."""
        if len(value) == 10:
            return self.calendars[LENIENT].closing(date.fromisoformat(value))
        return datetime.fromisoformat(value)

    def receipt_at(self, value: str) -> str:
        """``received`` for BPMN scripts: the instant as an offset-aware ISO string, which a timer's ``timeDate``
        (``working_days_after``) and its deadline row (``start``) then both read as it is."""
        return self.received(value).isoformat()

    @staticmethod
    def now_iso() -> str:
        return clock.now().isoformat()

    def today(self) -> date:
        """The office's date now, in its time zone (a fee's standard, a letter's date, a follow-up's first day)."""
        return clock.now().astimezone(self.calendars["strict"].tz).date()

    def office_today(self) -> str:
        """The office's date now (YYYY-MM-DD), for scripts that compare it with a due date's day."""
        return self.today().isoformat()

    def final_from(self, *ends: str) -> str:
        """The day (YYYY-MM-DD) a decision nobody challenged became final: the day after the last of the windows to
        challenge it (``ends``: their ends as ISO instants, each on its latest reading) in the office's zone, the
        first day no party may still act (sengketa_informasi.bpmn; engine.windows.confirm_from)."""
        last = max(datetime.fromisoformat(end) for end in ends)
        return confirm_from(last, office_zone(self)).isoformat()

    # -- deployment ------------------------------------------------------------------------------
    def deploy(self, session: Session) -> dict[str, ProcessVersion]:
        """Store every BPMN file whose content is new; returns the current version of each process."""
        current = {}
        for path in sorted(Path(self.settings.workflows_dir).glob("*.bpmn")):
            content = path.read_bytes()
            digest = hashlib.sha256(content).hexdigest()
            version = session.scalar(select(ProcessVersion).where(ProcessVersion.sha256 == digest))
            if version is None:
                version = self._store_version(session, path, content, digest)
            current[version.process_id] = version
            self._latest[version.process_id] = version.id
        return current

    def _store_version(self, session: Session, path: Path, content: bytes, digest: str) -> ProcessVersion:
        parser = lanes.parser()  # a step in the lane its own subprocess draws it in
        parser.add_bpmn_str(content, filename=path.name)
        process_id = path.stem  # convention: the file's main process has the file's name
        spec = parser.get_spec(process_id)
        subprocess_specs = parser.get_subprocess_specs(process_id)
        registry = self.serializer.registry
        spec_json = json.dumps(
            {
                "spec": registry.convert(spec),
                "subprocess_specs": {k: registry.convert(v) for k, v in subprocess_specs.items()},
            }
        )
        version = ProcessVersion(
            process_id=process_id, file_name=path.name, sha256=digest, spec_json=spec_json, deployed_at=clock.now()
        )
        try:
            with session.begin_nested():
                session.add(version)
        except IntegrityError:  # deployed by another process meanwhile
            version = session.scalar(select(ProcessVersion).where(ProcessVersion.sha256 == digest))
        return version

    def latest_version_id(self, session: Session, process_id: str) -> int:
        if process_id not in self._latest:
            self.deploy(session)
        return self._latest[process_id]

    def spec(self, session: Session, version_id: int) -> LoadedSpec:
        loaded = self._specs.get(version_id)
        if loaded is None:
            version = session.get(ProcessVersion, version_id)
            spec, subprocess_specs = self._restored(version.spec_json)
            loaded = LoadedSpec(version_id, version.process_id, spec, subprocess_specs)
            self._specs[version_id] = loaded
        return loaded

    def steps(self, session: Session, version_id: int) -> frozenset[str]:
        """The BPMN ids of every step of a process version, its subprocesses' included."""
        if version_id not in self._steps:
            loaded = self.spec(session, version_id)
            specs = [loaded.spec, *loaded.subprocess_specs.values()]
            self._steps[version_id] = frozenset(name for spec in specs for name in spec.task_specs)
        return self._steps[version_id]

    def task_form(self, session: Session, task) -> dict:
        """The form of a task as its case's process version offers it (``engine.forms.for_steps``) and its case's
        record asks it (``engine.forms.for_case``: e.g. no authority to settle in mediation on a dispute on ground a
        alone); {} for none. The page shows it and the completion checks against it: one schema for both."""
        if not task.form:
            return {}
        schema = for_steps(self.forms.schema(task.form), lambda: self.steps(session, task.case.process_version_id))
        return for_case(schema, lambda: task.case.details)

    def _restored(self, spec_json: str) -> tuple[object, dict]:
        """The stored specs as objects, restored once per process for the same text whichever runtime asks (the
        specs are never changed once restored: every instance of a version shares them)."""
        key = hashlib.sha256(spec_json.encode()).digest()
        if key not in _RESTORED:
            stored = json.loads(spec_json)
            registry = self.serializer.registry
            _RESTORED[key] = (
                registry.restore(stored["spec"]),
                {k: registry.restore(v) for k, v in stored["subprocess_specs"].items()},
            )
        return _RESTORED[key]

    # -- instances -------------------------------------------------------------------------------
    def new_workflow(self, session: Session, version_id: int, data: dict) -> BpmnWorkflow:
        loaded = self.spec(session, version_id)
        wf = BpmnWorkflow(loaded.spec, loaded.subprocess_specs, script_engine=self.script_engine)
        wf.get_next_task(state=TaskState.READY).set_data(**data)
        return wf

    def load(self, session: Session, case: Case) -> BpmnWorkflow:
        """The case's instance restored from its stored state, to read (a run takes it with ``take``)."""
        state = self._state(case)
        return self.loads(session, case.process_version_id, state.state)

    def take(self, session: Session, case: Case) -> BpmnWorkflow:
        """The case's instance for a run that may change it: the object this process kept after its last
        committed save of the case when the stored state is still exactly that save (engine.instances), else
        restored from the stored state. Either way the caller owns it."""
        state = self._state(case)
        wf = self.instances.take(case.id, case.process_version_id, state.state)
        return wf if wf is not None else self.loads(session, case.process_version_id, state.state)

    @staticmethod
    def _state(case: Case) -> WorkflowState:
        state = case.workflow_state  # held by the case, so save() finds it without a second read
        if state.serializer_version != SERIALIZER_VERSION:
            raise RuntimeError(f"case {case.ticket}: serializer {state.serializer_version} is not supported")
        return state

    def loads(self, session: Session, version_id: int, text: str) -> BpmnWorkflow:
        loaded = self.spec(session, version_id)
        wf = self.serializer.from_dict(json.loads(text), spec=loaded.spec, subprocess_specs=loaded.subprocess_specs)
        wf.script_engine = self.script_engine  # the script engine is not serialized
        return wf

    def dumps(self, wf: BpmnWorkflow) -> str:
        return json.dumps(self.serializer.to_dict(wf), separators=(",", ":"))

    def save(self, session: Session, case: Case, wf: BpmnWorkflow) -> None:
        if len(wf.tasks) > MAX_TASKS:
            raise RuntimeError(f"case {case.ticket} has {len(wf.tasks)} tasks; a model loops")
        state = case.workflow_state
        text = self.dumps(wf)
        if state is None:
            case.workflow_state = WorkflowState(
                case_id=case.id, serializer_version=SERIALIZER_VERSION, state=text, updated_at=clock.now()
            )
        else:
            state.state = text
            state.serializer_version = SERIALIZER_VERSION
            state.updated_at = clock.now()
        self.instances.saved(session, case, case.process_version_id, text, wf)  # kept if the transaction commits

    @staticmethod
    def completed_ids(wf: BpmnWorkflow) -> set[UUID]:
        return ids_in_state(wf, TaskState.COMPLETED)

    @staticmethod
    def step(wf: BpmnWorkflow) -> None:
        wf.refresh_timers()
        wf.do_engine_steps()

    @staticmethod
    def waiting_for(wf: BpmnWorkflow, name: str):
        """The waiting catch event (intermediate or boundary) of message ``name``, or None. Read from the instance's
        own list of its catch events (SpiffWorkflow's event manager, which delivers messages from it; filled on load
        by engine.serialization), not by a walk of the whole task tree."""
        for task in list(wf.event_manager.tasks.values()):
            if task.state != TaskState.WAITING:
                continue
            definition = getattr(task.task_spec, "event_definition", None)
            if isinstance(definition, MessageEventDefinition) and definition.name == name:
                return task
        return None

    @staticmethod
    def defines_message(wf: BpmnWorkflow, name: str) -> bool:
        """Whether any catch event of the case's process (or its subprocesses) waits for message ``name``."""
        specs = [wf.spec, *wf.subprocess_specs.values()]
        return any(
            isinstance(definition, MessageEventDefinition) and definition.name == name
            for spec in specs
            for task_spec in spec.task_specs.values()
            if (definition := getattr(task_spec, "event_definition", None)) is not None
        )

    @classmethod
    def send_message(cls, wf: BpmnWorkflow, name: str, payload: dict | None = None) -> None:
        if cls.waiting_for(wf, name) is None:
            raise Conflict("case_not_waiting", name=name)
        wf.send_event(BpmnEvent(MessageEventDefinition(name), payload=payload or {}))
