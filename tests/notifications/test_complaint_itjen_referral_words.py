"""What the reporter is told when the classification sends a complaint to the Inspectorate General.

The mail goes at the classification (the stage ``diteruskan_itjen``), before the team has sent the Nota Dinas that
refers it (pengaduan.bpmn ``rujukan_itjen``, due KAWAL_ITJEN_REFERRAL_DAYS working days later). It said the complaint
"telah diteruskan" (had been referred), while a complaint forwarded to another agency is told only once its letter is
recorded. It now says the complaint will be referred, in both languages, and that the referral will not carry the
reporter's identity (legal-process.md §7.2 stage 4, §7.3 rule 3).
"""

import pytest
import time_machine

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the mail's words, no new data
from tests.notifications.staff import smtp_settings
from tests.notifications.test_complaint_mails import FILED, INDONESIAN, KE_ITJEN, _verified, filed
from tests.notifications.test_mail_words import send
from tests.workflows.conftest import Office


@pytest.fixture
def settings_overrides(mailbox):
    return smtp_settings(mailbox, sender="pengaduan@kanwil.example")


@pytest.fixture
def office(app, session_factory_):
    with time_machine.travel(FILED, tick=True):
        yield Office(session_factory_, app.extensions["kawal_runtime"])


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("locale", "subject", "says", "never"),
    [
        (
            "id",
            "Akan Diteruskan ke Inspektorat Jenderal",
            "akan diteruskan kepada Inspektorat Jenderal dengan Nota Dinas"
            " untuk ditangani. Identitas Anda tidak disertakan dalam penerusan tersebut.",
            "telah diteruskan",
        ),
        (
            "en",
            "To Be Referred to the Inspectorate General",
            "will be referred to the Inspectorate General (Inspektorat"
            " Jenderal) with an official memo (Nota Dinas) for handling. Your identity will not be included in the"
            " referral.",
            "has been referred",
        ),
    ],
    ids=["id", "en"],
)
def test_the_classification_tells_the_reporter_the_complaint_will_be_referred_not_that_it_was(
    app, settings, mailbox, office, locale, subject, says, never
):
    ticket = filed(office, locale)
    _verified(office, ticket)
    office.complete(ticket, "klasifikasi", KE_ITJEN)
    assert office.open_tasks(ticket) == ["rujukan_itjen"]  # the memo is not sent yet
    [mail] = send(app, settings, mailbox, "complaint_referred")
    assert subject in mail.subject
    text = _flat(mail.text)
    assert f"{ticket} {says}" in text
    assert never not in text
    if locale == "en":
        assert not INDONESIAN.search(mail.subject + mail.text), INDONESIAN.search(mail.text)
