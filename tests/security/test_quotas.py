"""Finding 3: nobody can fill the disk: quotas per address and per case, and a free-space guard (engine.quotas).

Before, anonymous filing had no limit and one access code allowed unlimited messages of 5 x 10 MiB
(200 MiB in 3.6 s). Now public filings per address per hour, a reporter's messages and attachment bytes
per case and per address per day are counted in the database; the upload that would leave the files'
disk with less than ``KAWAL_MIN_FREE_BYTES`` free is refused with a clear 507; a quota refused again
and again opens an incident for the administrators.
"""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from api.extensions import db
from engine.models import Attachment, Incident
from tests.conftest import complaint_payload, request_payload
from tests.helpers import SAMPLE_PDF
from tests.web.pages import Browser

API = "/api/v1"
START = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
PDF = SAMPLE_PDF.ljust(2009, b"\n")  # a real PDF of 2009 bytes (a reporter's files are read: engine.scrub)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def at(address):
    return {"environ_base": {"REMOTE_ADDR": address}}


def file_complaint(client, address="192.0.2.10"):
    return client.post(f"{API}/complaints", json=complaint_payload("anonim"), **at(address))


def incidents_open(client, login) -> list[dict]:
    """The open incidents but a calendar's: a case filed in December also opens one for next year's cuti bersama
    while the installed holidays package does not list them (engine.holiday_years), which is not these tests'."""
    items = client.get(f"{API}/incidents", headers=login("admin")).json["items"]
    return [i for i in items if not i["subject"].startswith("calendar:")]


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_QUOTA_FILINGS_PER_HOUR": "3"}])
def test_public_filings_from_one_address_are_limited_per_hour(client, login, clock, settings_overrides):
    """The fourth filing within the hour is 429 quota_exceeded with Retry-After, whatever kind it is; other
    addresses and officers are not limited; an hour later the address may file again."""
    assert file_complaint(client).status_code == 201
    assert client.post(f"{API}/requests", json=request_payload(), **at("192.0.2.10")).status_code == 201
    assert file_complaint(client).status_code == 201
    refused = file_complaint(client)
    assert refused.status_code == 429
    assert refused.json["code"] == "quota_exceeded"
    assert 0 < int(refused.headers["Retry-After"]) <= 3600
    assert file_complaint(client, "192.0.2.11").status_code == 201
    officer = client.post(
        f"{API}/complaints", json=complaint_payload("anonim"), headers=login("tim"), **at("192.0.2.10")
    )
    assert officer.status_code == 201
    clock.shift(timedelta(hours=1, seconds=1))
    assert file_complaint(client).status_code == 201


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_QUOTA_FILINGS_PER_HOUR": "2"}])
def test_the_filings_of_one_ipv6_network_share_one_hourly_quota(client, settings_overrides):
    """An IPv6 client holds a whole /64 (RFC 6177): counted address by address, one client filed without limit by
    changing the last bits; it is counted as its network, as the wrong access codes are (engine.quotas)."""
    assert file_complaint(client, "2001:db8:5:6::1").status_code == 201
    assert file_complaint(client, "2001:db8:5:6::2").status_code == 201
    refused = file_complaint(client, "2001:db8:5:6:abcd::3")
    assert refused.status_code == 429
    assert refused.json["code"] == "quota_exceeded"
    assert file_complaint(client, "2001:db8:5:7::1").status_code == 201  # another network is another client


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_QUOTA_FILINGS_PER_HOUR": "1"}])
def test_a_refused_filing_files_nothing(client, unchanged, settings_overrides):
    assert file_complaint(client).status_code == 201
    with unchanged():
        assert file_complaint(client).status_code == 429


def send(client, ticket, code, files=0, address="192.0.2.20"):
    data = {"body": "Bukti terlampir"}
    if files:
        data["attachments"] = [(io.BytesIO(PDF), f"bukti{n}.pdf") for n in range(files)]
    return client.post(
        f"{API}/complaints/{ticket}/messages",
        data=data,
        headers={"X-Access-Code": code},
        content_type="multipart/form-data",
        **at(address),
    )


@pytest.fixture
def complaint(client):
    r = file_complaint(client)
    return r.json["ticket"], r.json["access_code"]


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_QUOTA_MESSAGES_PER_DAY": "3"}])
def test_a_reporters_messages_per_case_are_limited_per_day(client, complaint, clock, settings_overrides):
    """From any address: the case's count is what matters; the next day it starts again."""
    ticket, code = complaint
    for n in range(3):
        assert send(client, ticket, code, address=f"192.0.2.{30 + n}").status_code == 201
    refused = send(client, ticket, code, address="192.0.2.40")
    assert refused.status_code == 429
    assert refused.json["code"] == "quota_exceeded"
    clock.shift(timedelta(days=1, seconds=1))
    assert send(client, ticket, code).status_code == 201


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_QUOTA_BYTES_PER_DAY": "5000"}])
def test_attachment_bytes_per_case_are_limited_per_day_and_nothing_is_written(app, client, complaint, settings):
    ticket, code = complaint
    assert send(client, ticket, code, files=2).status_code == 201  # 2 x 2009 bytes
    refused = send(client, ticket, code, files=1)
    assert refused.status_code == 429
    with app.app_context():
        assert len(db.session.scalars(select(Attachment)).all()) == 2
    assert len(list(settings.files_dir.iterdir())) == 2
    assert send(client, ticket, code).status_code == 201  # a message without files still goes


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_MIN_FREE_BYTES": str(10**18)}])
def test_an_upload_that_would_fill_the_disk_is_refused_with_507_and_an_incident(
    app, client, login, complaint, settings, settings_overrides
):
    """The guard looks at the real free space of KAWAL_FILES_DIR's disk; text-only messages still pass."""
    ticket, code = complaint
    for _ in range(2):
        refused = send(client, ticket, code, files=1)
        assert refused.status_code == 507
        assert refused.json["code"] == "insufficient_storage"
        assert refused.json["reason"] == "storage_full"
        assert refused.json["message"].startswith("penyimpanan server hampir penuh")
    assert not settings.files_dir.exists() or list(settings.files_dir.iterdir()) == []
    assert send(client, ticket, code).status_code == 201
    assert [i["subject"] for i in incidents_open(client, login)] == ["storage:files"]  # once, not once per refusal


@pytest.mark.parametrize(
    "settings_overrides", [{"KAWAL_QUOTA_FILINGS_PER_HOUR": "1", "KAWAL_QUOTA_INCIDENT_AFTER": "3"}]
)
def test_a_quota_refused_again_and_again_opens_one_incident(app, client, login, settings_overrides):
    assert file_complaint(client).status_code == 201
    for _ in range(2):
        assert file_complaint(client).status_code == 429
    assert incidents_open(client, login) == []
    for _ in range(3):
        assert file_complaint(client).status_code == 429
    items = incidents_open(client, login)
    assert len(items) == 1
    assert items[0]["subject"].startswith("quota:filing:addr:")
    assert "192.0.2.10" not in items[0]["subject"]  # the address is kept only as a keyed hash
    with app.app_context():
        assert db.session.scalar(select(Incident.message)).startswith("filing quota refused")
    acknowledged = client.post(f"{API}/incidents/{items[0]['id']}/retry", headers=login("admin"))
    assert acknowledged.status_code == 200  # nothing to run again: the admin acknowledges it
    assert incidents_open(client, login) == []


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_QUOTA_FILINGS_PER_HOUR": "2"}])
def test_the_count_is_shared_by_every_process(another_app, settings_overrides):
    first, second = another_app().test_client(), another_app().test_client()
    assert file_complaint(first).status_code == 201
    assert file_complaint(second).status_code == 201
    assert file_complaint(first).status_code == 429


@pytest.mark.parametrize("settings_overrides", [{"KAWAL_QUOTA_FILINGS_PER_HOUR": "1"}])
def test_the_portal_says_plainly_why_a_filing_is_refused(app, settings_overrides):
    from tests.web.test_portal import complaint_form

    b = Browser(app.test_client())
    b.get("/publik/pengaduan")
    assert b.post("/publik/pengaduan", complaint_form("anonim")).status_code == 303
    b = Browser(app.test_client())
    b.get("/publik/pengaduan")
    r = b.post("/publik/pengaduan", complaint_form("anonim"))
    assert r.status_code == 429
    assert "terlalu banyak formulir dari sambungan ini" in r.get_data(as_text=True)  # tests/web/test_portal_quota_page
