"""A whistleblower is told once per approved reveal that their identity was made known (engine.reveal_notice), however
often the officer reads it under that approval: the outbox's unique key decides, on each database (legal-process.md
§7.3)."""

from sqlalchemy import func, select

from engine import complaints
from engine.models import Case, Notification
from tests.workflows.conftest import Office


def test_reading_a_revealed_identity_again_under_the_same_approval_tells_the_reporter_once(app, session_factory_):
    office = Office(session_factory_, app.extensions["kawal_runtime"])
    ticket, _code = office.complaint("whistleblower")
    with office.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ticket == ticket))
        reason = "Pemeriksaan memerlukan keterangan langsung dari pelapor"
        request = complaints.request_reveal(s, office.rt, office.user(s, "tim"), case, reason)
        complaints.decide_reveal(s, office.rt, office.user(s, "wbs"), case, request.id, True, "Ya", second_factor=True)
    for _ in range(3):  # each read in its own transaction, as each page load is
        with office.sessions.begin() as s:
            case = s.scalar(select(Case).where(Case.ticket == ticket))
            complaints.read_reporter(s, office.rt, office.user(s, "tim"), case)
    with office.sessions() as s:
        told = s.scalar(select(func.count()).where(Notification.event == "identity_revealed"))
        channels = office.rt.settings.notify_channels
    assert told == len([c for c in channels if c in ("log", "smtp")]) == 1  # the test settings: the log channel
