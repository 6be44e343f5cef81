"""Two officers completing the same task at the same time: exactly one wins (ASVS 2.3.4).

Officer B has read the task and the case's instance before officer A commits; B's completion must
then be refused (the case's version column no longer matches), leaving exactly one transition and
one completion event. On SQLite the file lock refuses B's stale write instead.
"""

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from engine import inbox
from engine.errors import Conflict
from engine.models import Case, CaseEvent, HumanTask
from tests.helpers import STEP


@pytest.mark.parametrize("b_has_read_the_instance", [True, False])
def test_two_completions_of_one_task_commit_exactly_once(office, db_url, b_has_read_the_instance):
    ticket = office.submit()
    with office.sessions() as s:
        task_id = s.scalar(select(HumanTask.id).join(Case).where(Case.ticket == ticket, HumanTask.state == "open"))

    b = office.sessions()
    b_user = office.user(b, "petugas2")
    b_task = b.get(HumanTask, task_id)
    if b_has_read_the_instance:
        assert b_task.case.workflow_state is not None  # B now holds the instance as it was

    with office.sessions.begin() as a:
        inbox.complete_task(a, office.rt, office.user(a, "petugas"), task_id, STEP["periksa_kelengkapan"])

    refused = (Conflict, StaleDataError) + ((OperationalError,) if db_url.startswith("sqlite") else ())

    def b_completes():
        inbox.complete_task(b, office.rt, b_user, task_id, STEP["periksa_kelengkapan"])
        b.commit()

    with pytest.raises(refused):
        b_completes()
    b.rollback()
    b.close()

    with office.sessions() as s:
        completions = s.scalar(
            select(func.count())
            .select_from(CaseEvent)
            .join(Case)
            .where(Case.ticket == ticket, CaseEvent.type == "task_completed")
        )
    assert completions == 1
    assert office.open_tasks(ticket) == ["registrasi"]
    office.verify()
