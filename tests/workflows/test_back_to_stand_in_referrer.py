"""The unit's answer comes back to the stand-in who referred the case while the lane's only officer is away.

The PPID (the lane's only officer) is on leave; his superior granted a front-desk officer (``petugas2``) the PPID's
lane for it. She referred a request to the unit. The task after the unit's answer goes back to whoever referred the
case while they may still work the lane (engine.stand_ins.route_back): it looked for her membership of the lane,
which a leave does not give, and left the task to the lane: it reached her only as the new task of a lane whose every
officer is away (no assignment in the history; when the leave ended it went to the lane's queue, not to the PPID),
and not at all with a second PPID at work. Now she holds it under the leave, as one routed back to the PPID himself
would be held by his stand-in: the history names the leave and whose work it is, she is told so, and the leave's end
gives it to him. With a second PPID officer at work, it is still hers, the referrer's, not the queue's. A referrer
whose leave-held lane is gone (the leave cancelled) leaves it to the queue.

On PostgreSQL too: the first test (the leave's read in route_back, the assignment recorded, the return). The others
are Python's choices over the same rows (SQLite alone).
"""

from datetime import timedelta

from sqlalchemy import select

from engine import absence
from engine.models import Case, CaseEvent
from tests.conftest import sqlite_only
from tests.helpers import STEP
from tests.workflows.test_back_to_referrer import (
    MONDAY,
    _assignments,
    _complete_as,
    _holder,
    _monday,  # noqa: F401 - the module's pinned clock (autouse)
    _second_ppid,
    _told,
)

DECIDE = "Putuskan sekarang atau perpanjang"  # tentukan_langkah's title


def _stand_in_refers(office) -> tuple[str, int]:
    """The PPID on leave (granted to ``petugas2`` by the Atasan PPID), and a request she referred to the unit."""
    today = MONDAY.astimezone(office.rt.calendars["strict"].tz).date()
    with office.sessions.begin() as s:
        leave, _handed = absence.mark_absence(
            s, office.rt, office.user(s, "atasan"), "ppid", "petugas2", today, today + timedelta(days=2), True
        )
        leave_id = leave.id
    ticket = office.submit()
    office.complete(ticket, "periksa_kelengkapan")
    office.complete(ticket, "registrasi")
    _complete_as(office, ticket, "proses_permohonan", "petugas2", STEP["proses_permohonan_unit"])
    return ticket, leave_id


def test_the_units_answer_goes_to_the_stand_in_who_referred_it_and_to_the_ppid_after_the_leave(office):
    ticket, leave_id = _stand_in_refers(office)
    office.complete(ticket, "tanggapan_unit")
    assert _holder(office, ticket, "tentukan_langkah") == "petugas2"
    [(actor, data)] = _assignments(office, ticket)
    assert (actor, data["assignee"], data["for"], data["absence_id"]) == ("system", "petugas2", "ppid", leave_id)
    assert data["after"] == "tanggapan_unit"
    assert _told(office, ticket, DECIDE) == {("task_handed_over", "petugas2")}  # whose work it is, until when
    with office.sessions.begin() as s:
        _leave, returned = absence.cancel_absence(s, office.rt, office.user(s, "atasan"), leave_id)
    assert [t.bpmn_id for t in returned] == ["tentukan_langkah"]
    assert _holder(office, ticket, "tentukan_langkah") == "ppid"
    with office.sessions() as s:
        back = s.scalar(
            select(CaseEvent.data).join(Case).where(Case.ticket == ticket, CaseEvent.type == "task_returned")
        )
    assert (back["from"], back["assignee"]) == ("petugas2", "ppid")


@sqlite_only
def test_with_another_ppid_at_work_the_answer_still_goes_to_the_stand_in_who_referred_it(office):
    _second_ppid(office)
    ticket, leave_id = _stand_in_refers(office)
    office.complete(ticket, "tanggapan_unit")
    assert _holder(office, ticket, "tentukan_langkah") == "petugas2"  # not the queue's, which ppid2 reads
    [(_actor, data)] = _assignments(office, ticket)
    assert (data["for"], data["absence_id"]) == ("ppid", leave_id)


@sqlite_only
def test_a_stand_in_whose_leave_was_cancelled_before_the_answer_leaves_it_to_the_lanes_queue(office):
    _second_ppid(office)
    ticket, leave_id = _stand_in_refers(office)
    with office.sessions.begin() as s:
        absence.cancel_absence(s, office.rt, office.user(s, "atasan"), leave_id)
    office.complete(ticket, "tanggapan_unit")
    assert _holder(office, ticket, "tentukan_langkah") is None
    assert _assignments(office, ticket) == []
