"""GET /api/v1/incidents gives each incident's last error as a stable code and words in the caller's language, never
the raw error text (the walk found the API returning it while the page already spoke words).

A job's raw error is an exception's text, which may quote anything: a database error the values it was writing (a
requester's name, e-mail address or NIK), a render error the message's facts. The administrator who reads the API
acts on what failed and what to check, as on the page (/insiden); the server's log keeps the text.
"""

import pytest

from engine import clock
from engine.models import Incident
from tests.conftest import db_url  # noqa: F401 - both databases again (tests/web/conftest.py)

LEAKY = (
    "IntegrityError: (psycopg.errors.UniqueViolation) ... "
    "[parameters: ('Ani Wijaya', 'ani@example.org', '3171234507890001')]"
)
REFUSED = "smtp mail.kanwil.example:25: recipient refused (550)"


@pytest.fixture
def incidents(app):
    from api.extensions import db

    with app.app_context():
        job = Incident(subject="case:999999", message=LEAKY, attempts=4, created_at=clock.now())
        mail = Incident(subject="notification:999999", message=REFUSED, attempts=5, created_at=clock.now())
        db.session.add_all([job, mail])
        db.session.commit()
        ids = {"job": job.id, "mail": mail.id}
        db.session.remove()
    return ids


def _listed(client, headers) -> dict[int, dict]:
    r = client.get("/api/v1/incidents", headers=headers)
    assert r.status_code == 200, r.json
    return {item["id"]: item for item in r.json["items"]}


def test_the_api_says_a_known_error_in_words_with_its_code_in_indonesian_by_default(client, login, incidents):
    item = _listed(client, login("admin"))[incidents["mail"]]
    assert item["code"] == "smtp_recipient_refused"
    assert item["message"].startswith("Server surat mail.kanwil.example:25 menolak alamat penerima")
    english = _listed(client, login("admin") | {"Accept-Language": "en"})[incidents["mail"]]
    assert english["code"] == "smtp_recipient_refused"
    assert english["message"].startswith("The mail server mail.kanwil.example:25 refused the recipient's address")


def test_the_api_never_returns_a_jobs_raw_error_text(client, login, incidents):
    admin = login("admin")
    item = _listed(client, admin)[incidents["job"]]
    assert item["code"] == "job_failed"
    assert "IntegrityError" in item["message"]  # its type, to look up in the workers' log
    for leaked in ("Ani Wijaya", "ani@example.org", "3171234507890001", "parameters"):
        assert leaked not in str(item)
    closed = client.post(f"/api/v1/incidents/{incidents['job']}/close", json={"reason": "Dicek di log"}, headers=admin)
    assert closed.status_code == 200, closed.json
    assert closed.json["code"] == "job_failed"
    assert "Ani Wijaya" not in str(closed.json)
    listed = client.get("/api/v1/incidents", query_string={"status": "closed"}, headers=admin).json["items"]
    assert "ani@example.org" not in str(listed)
