"""The narrative of a period written in full (legal-process.md §9.2 (a), (d), (e)): a report without it is a draft,
unsigned (api.reports.files.draft_note), so a test that reads the signature writes it first."""

from sqlalchemy import select

from api.extensions import db
from engine import narrative
from engine.models import User


def write_narrative(app, username: str, period: str) -> None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        narrative.save(db.session, user, period, {key: "Ditulis oleh PPID." for key in narrative.SECTIONS})
        db.session.commit()
