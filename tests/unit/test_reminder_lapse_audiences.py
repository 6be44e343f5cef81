"""A catch-up reminder gives way to its deadline's lapse only for those the lapse tells (engine.reminders)."""

from datetime import UTC, datetime, timedelta

from engine.models import Deadline, Reminder
from engine.reminders import lapse_audiences

DUE = datetime(2027, 1, 19, 9, 0, tzinfo=UTC)  # Tue 19 Jan 2027, 16:00 WIB
NOW = DUE + timedelta(hours=18)  # the sweep catches up the next morning, the lapse's timer not fired yet


def _deadline(kind: str, policy: dict[str, tuple[int, str]]) -> tuple[Deadline, dict[str, Reminder]]:
    deadline = Deadline(name="X", kind=kind, status="pending", due_at=DUE)
    points = {
        name: Reminder(id=i, kind=name, audience=audience, status="pending", fire_at=DUE + timedelta(days=days))
        for i, (name, (days, audience)) in enumerate(policy.items(), start=1)
    }
    deadline.reminders = list(points.values())
    return deadline, points


def test_an_agency_deadline_s_lapse_covers_the_group_and_whom_its_plus_one_names():
    _, points = _deadline("agency", {"T-1": (-1, "group"), "T0": (0, "group,superior"), "T+1": (1, "superior")})
    assert lapse_audiences(points["T0"], NOW) == {"group", "assignee", "superior"}


def test_a_superior_no_plus_one_names_is_still_told_when_the_lapse_tells_only_the_group():
    """PERSIAPAN: "-2:group; -1:assignee,group; 0:assignee,group,superior", no "+1", no escalation task."""
    _, points = _deadline(
        "agency", {"T-2": (-2, "group"), "T-1": (-1, "assignee,group"), "T0": (0, "assignee,group,superior")}
    )
    assert "superior" not in lapse_audiences(points["T0"], NOW)


def test_a_requester_s_window_lapses_silently_so_its_reminder_is_not_superseded():
    _, points = _deadline("window", {"T-2": (-2, "requester"), "T+1": (1, "group")})
    assert lapse_audiences(points["T-2"], NOW) == {"group"}
    assert "requester" not in lapse_audiences(points["T-2"], NOW)


def test_before_the_due_instant_nothing_gives_way_to_a_lapse():
    _, points = _deadline("agency", {"T-1": (-1, "group"), "T+1": (1, "superior")})
    assert lapse_audiences(points["T-1"], DUE - timedelta(minutes=1)) == set()
