"""The satisfaction survey (PermenPANRB 14/2017): asked after closing, answered once, anonymous to officers,
and the index computed as the regulation computes it."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from flask_babel import force_locale
from sqlalchemy import inspect, select

from api.extensions import db
from api.reports.files import _ikm_sentence
from engine import survey
from engine.models import Notification, SurveyBallot, SurveyResponse
from tests.conftest import sqlite_only
from tests.helpers import decision
from tests.web.pages import Browser, csrf_token

API = "/api/v1"
RECEIVED = datetime(2027, 1, 11, 3, 0, tzinfo=UTC)
ALL_FOUR = dict.fromkeys(survey.ELEMENTS, 4)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(RECEIVED, tick=True):
        yield


def _closed_request(desk):
    receipt = desk.submit()
    ticket = receipt["ticket"]
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision("dikabulkan_seluruhnya"))
    desk.complete(ticket, "pemberitahuan_tertulis")
    desk.complete(ticket, "penyerahan_informasi")
    return receipt


def _answer(client, receipt, answers):
    body = {"ticket": receipt["ticket"], "access_code": receipt["access_code"], "answers": answers}
    return client.post(f"{API}/survey", json=body)


# When the survey is offered, and its invitation: Python's over the closed case (the outbox: test_outbox.py's).
@sqlite_only
def test_a_closed_case_s_requester_is_invited_on_the_status_page_and_by_message(app, client, desk):
    open_receipt = desk.submit()
    receipt = _closed_request(desk)
    with app.app_context():
        invited = db.session.scalars(
            select(Notification.idempotency_key).where(Notification.event == "survey_invitation")
        ).all()
    assert len(invited) == 1  # the closed case only, once
    portal = Browser(app.test_client())
    page = portal.get("/publik/status")
    shown = portal.post(
        "/publik/status",
        {
            "ticket": receipt["ticket"],
            "access_code": receipt["access_code"],
            "csrf_token": csrf_token(page.get_data(as_text=True)),
        },
    )
    assert "/publik/survei" in shown.get_data(as_text=True)
    other = Browser(app.test_client())
    page = other.get("/publik/status")
    still_open = other.post(
        "/publik/status",
        {
            "ticket": open_receipt["ticket"],
            "access_code": open_receipt["access_code"],
            "csrf_token": csrf_token(page.get_data(as_text=True)),
        },
    )
    assert "/publik/survei" not in still_open.get_data(as_text=True)
    assert _answer(client, open_receipt, ALL_FOUR).status_code == 409  # the survey opens when the case closes


# On PostgreSQL too: the answer stored without a link to the case (the tables' columns as migrated) and a second answer
# refused by the ballot's unique token, nothing changed.
def test_the_survey_is_answered_once_on_the_portal_and_keeps_no_link_to_the_case(app, desk):
    receipt = _closed_request(desk)
    portal = Browser(app.test_client())
    page = portal.get("/publik/status")
    portal.post(
        "/publik/status",
        {
            "ticket": receipt["ticket"],
            "access_code": receipt["access_code"],
            "csrf_token": csrf_token(page.get_data(as_text=True)),
        },
    )
    form = portal.get("/publik/survei")
    assert form.status_code == 200
    # Each question's own answers (PermenPANRB 14/2017): "how fast" was answered "Sesuai" / "Sangat sesuai".
    shown = form.get_data(as_text=True)
    speed = re.search(r'<fieldset[^>]*id="q-waktu".*?</fieldset>', shown, re.S)[0]
    assert [m for m in re.findall(r'<label for="q-waktu-\d">(.*?)</label>', speed)] == [
        "1 — Tidak cepat",
        "2 — Kurang cepat",
        "3 — Cepat",
        "4 — Sangat cepat",
    ]
    assert "4 — Gratis" in shown
    assert "4 — Dikelola dengan baik" in shown
    token = csrf_token(form.get_data(as_text=True))
    incomplete = portal.client.post("/publik/survei", data={"csrf_token": token, "persyaratan": "4"})
    assert incomplete.status_code == 422
    assert incomplete.get_data(as_text=True).count('class="field-error"') == 8
    # Each unanswered question's error is its fieldset's description, read out with it.
    assert incomplete.get_data(as_text=True).count('aria-describedby="q-') == 8
    assert 'id="q-waktu-error"' in incomplete.get_data(as_text=True)
    answers = {
        "csrf_token": token,
        **{e: str(n) for e, n in zip(survey.ELEMENTS, (4, 3, 4, 4, 3, 4, 4, 2, 3), strict=True)},
    }
    done = portal.client.post("/publik/survei", data=answers)
    assert done.status_code == 303
    again = portal.client.get("/publik/survei")
    assert again.status_code == 303  # answered: back to the status page
    with app.app_context():
        (response,) = db.session.scalars(select(SurveyResponse)).all()
        assert [response.u1, response.u8, response.u9] == [4, 2, 3]
        (ballot,) = db.session.scalars(select(SurveyBallot)).all()
        assert receipt["ticket"] not in ballot.token_hash
        columns = {c["name"] for c in inspect(db.engine).get_columns("survey_response")}
        assert columns == {"id", "month", "kind", "unit_code", *(f"u{i}" for i in range(1, 10))}  # no case, no time
        assert {c["name"] for c in inspect(db.engine).get_columns("survey_ballot")} == {"token_hash"}


def test_a_second_answer_or_an_answer_off_the_scale_is_refused_and_changes_nothing(client, desk, unchanged):
    receipt = _closed_request(desk)
    with unchanged():
        for bad in ({**ALL_FOUR, "waktu": 5}, {**ALL_FOUR, "biaya": 0}, {k: 4 for k in survey.ELEMENTS[:8]}):
            refused = _answer(client, receipt, bad)
            assert refused.status_code == 422, refused.json
        wrong_code = _answer(client, {**receipt, "access_code": "XXXX-XXXX-XXXX-XXXX"}, ALL_FOUR)
        assert wrong_code.status_code == 404
    assert _answer(client, receipt, ALL_FOUR).status_code == 201
    with unchanged():
        assert _answer(client, receipt, ALL_FOUR).status_code == 409


def test_the_index_is_the_mean_of_each_element_weighted_one_ninth_times_25():
    # Five answers; element means 3.4, 3.0, 2.8, 4.0, 3.2, 3.6, 3.8, 2.6, 3.0.
    answers = [
        (4, 3, 3, 4, 3, 4, 4, 3, 3),
        (3, 3, 2, 4, 3, 3, 4, 2, 3),
        (4, 3, 3, 4, 4, 4, 4, 3, 3),
        (3, 3, 3, 4, 3, 4, 3, 2, 3),
        (3, 3, 3, 4, 3, 3, 4, 3, 3),
    ]
    sums = {e: sum(a[i] for a in answers) for i, e in enumerate(survey.ELEMENTS)}
    index = survey.index_of(len(answers), sums)
    means = [3.4, 3.0, 2.8, 4.0, 3.2, 3.6, 3.8, 2.6, 3.0]
    assert [round(index.means[e], 6) for e in survey.ELEMENTS] == means
    assert index.value == pytest.approx(sum(m / 9 for m in means))
    assert index.converted == pytest.approx(sum(means) / 9 * 25)  # 81.666...
    assert (index.grade, index.performance) == ("B", "baik")


@pytest.mark.parametrize(
    ("converted", "grade"),
    [(100.0, "A"), (88.31, "A"), (88.30, "B"), (76.61, "B"), (76.60, "C"), (65.00, "C"), (64.99, "D"), (25.0, "D")],
)
def test_the_grade_follows_the_regulation_s_conversion_intervals(converted, grade):
    assert survey.grade(converted)[0] == grade


@sqlite_only
def test_the_index_is_written_with_the_page_s_decimal_comma_in_bahasa_indonesia(app):
    """The yearly report, the dashboard and the statistics wrote "indeks 3.25" in Bahasa Indonesia, where a decimal
    is written with a comma (3,25), as every other figure of theirs is."""
    index = survey.Index(responses=12, means={}, value=3.25, converted=81.25, grade="B", performance="baik")
    with app.test_request_context():
        with force_locale("id"):
            assert "indeks 3,25 dari 4, nilai konversi 81,25" in _ikm_sentence(index)
        with force_locale("en"):
            assert "index 3.25 of 4, converted 81.25" in _ikm_sentence(index)
