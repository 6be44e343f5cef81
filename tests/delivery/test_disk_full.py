"""Officers' files obey the disk guard of the reporter's attachments (engine.quotas)."""

from __future__ import annotations

import pytest

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone (see tests/conftest.py)
from tests.delivery.conftest import handover, multipart, pdf, walk_to_delivery


@pytest.fixture
def settings_overrides():
    return {"KAWAL_MIN_FREE_BYTES": str(10**18)}  # more than any disk has


def test_files_are_refused_when_they_would_leave_the_disk_nearly_full(client, login, desk, at_delivery, settings):
    ticket = at_delivery()["ticket"]
    task = desk.task(ticket, "penyerahan_informasi")
    r = client.post(
        f"/api/v1/tasks/{task['id']}/complete-with-files",
        data=multipart(handover(desk, ticket), berkas_informasi=[("a.pdf", pdf("Daftar"))]),
        content_type="multipart/form-data",
        headers=login("petugas"),
    )
    assert r.status_code == 507
    assert "penyerahan_informasi" in desk.open_tasks(ticket)
    assert not settings.files_dir.exists() or not any(settings.files_dir.iterdir())


def test_a_request_without_files_is_not_held_by_the_disk_guard(client, login, desk):
    # a printed copy handed over in person: no file (a digital copy has its files, engine.delivery.require_files)
    ticket = walk_to_delivery(desk, obtain_method="salinan_hardcopy", delivery_method="langsung")["ticket"]
    desk.complete(ticket, "penyerahan_informasi", handover(desk, ticket, cara_penyerahan="langsung"))
    assert desk.open_tasks(ticket) == {}
