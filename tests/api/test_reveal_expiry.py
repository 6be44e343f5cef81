"""An approved reveal of a whistleblower's identity opens it to the officer who asked for a time, not for ever (walk
report: once approved, the asker could read the identity for good): ``KAWAL_REVEAL_DAYS`` calendar days from the
decision (7 by default). Then the identity is sealed again for them, and reading it takes a new request and a new
approval; the case page and the API say until when it is open, and that it has ended."""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.conftest import PASSWORD, REPORTER_NAME, complaint_payload, sqlite_only
from tests.helpers import second_factor_login
from tests.web.pages import text

API = "/api/v1"
DECIDED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wed 2 Dec 2026, 10:00 WIB
REASON = "Pelapor perlu dipanggil sebagai saksi dalam pemeriksaan"


def token(client, username) -> dict:
    """A fresh login's token: one from a week before has ended (KAWAL_TOKEN_TTL)."""
    r = client.post(f"{API}/auth/token", json={"username": username, "password": PASSWORD})
    assert r.status_code == 200, r.json
    return {"Authorization": f"Bearer {r.json['token']}"}


def approved(app, client, ticket) -> int:
    asked = client.post(
        f"{API}/complaints/{ticket}/reveal-requests", json={"reason": REASON}, headers=token(client, "tim")
    )
    assert asked.status_code == 201, asked.json
    r = client.post(
        f"{API}/complaints/{ticket}/reveal-requests/{asked.json['id']}/approve",
        json={"note": "Surat LPSK meminta pelapor dilindungi sebagai saksi"},
        headers=second_factor_login(app, client, "wbs2"),
    )
    assert r.status_code == 200, r.json
    return asked.json["id"]


def listed(client, ticket) -> dict:
    r = client.get(f"{API}/complaints/{ticket}/reveal-requests", headers=token(client, "tim"))
    return {item["id"]: item for item in r.json["items"]}


def reveals(browser) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.search(r'<ul class="reveals">.*?</ul>', browser, re.S)[0]))


def test_an_approved_reveal_opens_the_identity_for_seven_days_then_a_new_request_is_needed(app, client, browser):
    with time_machine.travel(DECIDED, tick=False):
        ticket = client.post(f"{API}/complaints", json=complaint_payload("whistleblower")).json["ticket"]
        first = approved(app, client, ticket)
        assert client.get(f"{API}/complaints/{ticket}/reporter", headers=token(client, "tim")).status_code == 200
        item = listed(client, ticket)[first]
        assert item["open_until"] == "2026-12-09T10:00:00+07:00"  # seven days after the decision, office time
        assert item["expired"] is False
        page = reveals(text(browser("tim").get(f"/kasus/{ticket}")))
        assert "terbuka bagi petugas yang meminta sampai 9 Des 2026" in page

    with time_machine.travel(DECIDED + timedelta(days=7, seconds=-1), tick=False):
        assert client.get(f"{API}/complaints/{ticket}/reporter", headers=token(client, "tim")).status_code == 200

    with time_machine.travel(DECIDED + timedelta(days=7), tick=False):
        sealed = client.get(f"{API}/complaints/{ticket}/reporter", headers=token(client, "tim"))
        assert sealed.status_code == 403
        assert sealed.json["reason"] == "reveal_expired"
        assert "9 Des 2026" in sealed.json["message"]  # until when it was open, and to ask again
        assert REPORTER_NAME not in sealed.get_data(as_text=True)
        assert listed(client, ticket)[first]["expired"] is True
        team = browser("tim")
        page = text(team.get(f"/kasus/{ticket}"))
        assert "berakhir 9 Des 2026" in reveals(page)
        assert f'action="/kasus/{ticket}/identitas"' not in page  # no button to read it any more
        refused = team.post(f"/kasus/{ticket}/identitas")
        assert REPORTER_NAME not in text(refused) + text(team.get(f"/kasus/{ticket}"))
        second = approved(app, client, ticket)  # a new request, a new approval: open again, for seven more days
        opened = client.get(f"{API}/complaints/{ticket}/reporter", headers=token(client, "tim"))
        assert opened.json["reporter"]["name"] == REPORTER_NAME
        assert listed(client, ticket)[second]["open_until"] == "2026-12-16T10:00:00+07:00"


# On PostgreSQL too: the first test (a reveal's decision stored and read back, open until its instant, then sealed). The
# others are @sqlite_only: the setting, and which approval opens it (engine.complaints.open_grant), are Python's over
# the same rows.
@sqlite_only
def test_how_long_an_approved_reveal_stays_open_is_the_office_s_setting(app, client, monkeypatch):
    from dataclasses import replace

    from engine.config import ConfigError, load_settings

    assert load_settings({}).reveal_days == 7
    assert load_settings({"KAWAL_REVEAL_DAYS": "1"}).reveal_days == 1
    for wrong in ("0", "seminggu"):
        with pytest.raises(ConfigError, match="KAWAL_REVEAL_DAYS"):
            load_settings({"KAWAL_REVEAL_DAYS": wrong})
    rt = app.extensions["kawal_runtime"]
    monkeypatch.setattr(rt, "settings", replace(rt.settings, reveal_days=1))
    with time_machine.travel(DECIDED, tick=False):
        ticket = client.post(f"{API}/complaints", json=complaint_payload("whistleblower")).json["ticket"]
        request_id = approved(app, client, ticket)
        assert listed(client, ticket)[request_id]["open_until"] == "2026-12-03T10:00:00+07:00"
    with time_machine.travel(DECIDED + timedelta(days=1), tick=False):
        assert client.get(f"{API}/complaints/{ticket}/reporter", headers=token(client, "tim")).status_code == 403


@sqlite_only
def test_the_page_offers_the_identity_exactly_when_the_api_opens_it_whatever_came_after_the_approval(
    app, client, browser
):
    """One rule (engine.complaints.open_grant) for reading the sealed identity and for offering to read it: the
    officer's latest approved reveal while it is open. A newer request refused, or one still waiting, neither
    closes an approval still open nor opens one that has ended."""
    with time_machine.travel(DECIDED, tick=False):
        ticket = client.post(f"{API}/complaints", json=complaint_payload("whistleblower")).json["ticket"]
        first = approved(app, client, ticket)
    with time_machine.travel(DECIDED + timedelta(days=1), tick=False):
        newer = client.post(
            f"{API}/complaints/{ticket}/reveal-requests", json={"reason": REASON}, headers=token(client, "tim")
        ).json["id"]
        r = client.post(
            f"{API}/complaints/{ticket}/reveal-requests/{newer}/refuse",
            json={"note": "Belum ada keperluan baru sejak persetujuan sebelumnya"},
            headers=token(client, "wbs2"),
        )
        assert r.status_code == 200, r.json
        page = text(browser("tim").get(f"/kasus/{ticket}"))
        assert f'action="/kasus/{ticket}/identitas"' in page  # the older approval is still open
        opened = client.get(f"{API}/complaints/{ticket}/reporter", headers=token(client, "tim"))
        assert opened.json["reporter"]["name"] == REPORTER_NAME
        assert listed(client, ticket)[first]["expired"] is False
    with time_machine.travel(DECIDED + timedelta(days=7), tick=False):
        client.post(f"{API}/complaints/{ticket}/reveal-requests", json={"reason": REASON}, headers=token(client, "tim"))
        page = text(browser("tim").get(f"/kasus/{ticket}"))
        assert f'action="/kasus/{ticket}/identitas"' not in page  # ended, and the new request still waits
        sealed = client.get(f"{API}/complaints/{ticket}/reporter", headers=token(client, "tim"))
        assert sealed.json["reason"] == "reveal_expired"
