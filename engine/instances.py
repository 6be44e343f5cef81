"""Loaded case instances kept in memory between runs, per process (``InstanceCache``).

Deserializing a case's SpiffWorkflow instance is about a tenth of a task completion. So when a
transaction that saved an instance commits, the instance object stays here, under its case, with the
exact text that was saved. The next run of that case in this process takes it out, but only when the
state its own transaction reads is still that text (and the process version the same); anything else
(another process or session saved the case meanwhile, an older entry) is deserialized as before.

The stored text is the key, rather than a counter every writer must remember to bump: whatever writes
the state, the object is used only for the state it was saved as, and an object equals its own saved
state restored (tests/workflows/test_instance_cache.py walks whole cases both ways).

- A run owns its object: ``take`` removes it (gunicorn's threads never share one; the engine is not
  thread-safe, spiffworkflow-notes).
- Only a commit keeps anything: the objects a transaction saved wait in its session's ``info`` and are
  dropped on any rollback (a savepoint's too) or when the transaction ends without committing. A run
  that fails, is refused after its step, or loses the optimistic lock leaves nothing here.
- The last save of a case in a transaction wins; a run that saved nothing (a timer run with nothing
  due) drops the object it took.
- Bounded: least recently kept first out (``KAWAL_WORKFLOW_CACHE`` entries, 0 = off).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from engine.transaction_info import per_transaction

# session.info: {id(case): (cache, case, version_id, text, wf)}, saved by this transaction, kept at its commit
_SAVED = per_transaction("kawal_saved_instances", rollback=True)


class InstanceCache:
    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[int, tuple[int, str, object]] = OrderedDict()  # case id -> (version, text, wf)
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def take(self, case_id: int, version_id: int, text: str):
        """The kept instance of the case when it was saved as exactly ``text``, removed from the cache; or None."""
        if not self.size:
            return None
        with self._lock:
            entry = self._entries.get(case_id)
            if entry is not None and entry[0] == version_id and entry[1] == text:
                del self._entries[case_id]
                self.hits += 1
                return entry[2]
            # Left in place: the entry may be newer than what this transaction read (a run that will lose the
            # optimistic lock); an older one is replaced by the next save or falls out of the bound.
            self.misses += 1
            return None

    def saved(self, session: Session, case, version_id: int, text: str, wf) -> None:
        """Note that this transaction saved ``wf`` as ``text``: kept when the transaction commits."""
        if self.size:
            session.info.setdefault(_SAVED, {})[id(case)] = (self, case, version_id, text, wf)

    def put(self, case_id: int, version_id: int, text: str, wf) -> None:
        with self._lock:
            self._entries[case_id] = (version_id, text, wf)
            self._entries.move_to_end(case_id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


@event.listens_for(Session, "after_commit")
def _keep_committed(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint released: the transaction may still roll back
        return
    for cache, case, version_id, text, wf in session.info.pop(_SAVED, {}).values():
        identity = inspect(case).identity  # no SQL: the case's primary key as flushed
        if identity is not None:
            cache.put(identity[0], version_id, text, wf)
