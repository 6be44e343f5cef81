"""Cases at the stages the journey tests open, built through the HTTP API as the officers and the public would."""

from __future__ import annotations

from dataclasses import dataclass

from tests.api.test_complaint_documents import CLARIFIED, TO_PENDMAD
from tests.conftest import complaint_payload
from tests.helpers import WHO, decision
from tests.reported import OUTCOME, say_who_was_reported
from tests.workflows.test_pengaduan_paths import CATAT, QUESTION

DECIDED_STEPS = ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah")


@dataclass
class Filed:
    ticket: str
    code: str


def partly_granted_request(desk) -> Filed:
    """A request granted in part (Pasal 17 huruf h), its written notice sent."""
    receipt = desk.submit()
    for step in DECIDED_STEPS:
        desk.complete(receipt["ticket"], step)
    desk.complete(receipt["ticket"], "putuskan", decision("dikabulkan_sebagian"))
    if "uji_konsekuensi" in desk.open_tasks(receipt["ticket"]):
        desk.complete(receipt["ticket"], "uji_konsekuensi")
    if "tetapkan_pengecualian" in desk.open_tasks(receipt["ticket"]):
        desk.complete(receipt["ticket"], "tetapkan_pengecualian")
    desk.complete(receipt["ticket"], "pemberitahuan_tertulis")
    return Filed(receipt["ticket"], receipt["access_code"])


class ComplaintDesk:
    """A complaint filed at the API and moved by the complaint team's officers."""

    def __init__(self, client, login, mode="rahasia"):
        self.client, self.login = client, login
        r = client.post("/api/v1/complaints", json=complaint_payload(mode))
        assert r.status_code == 201, r.json
        self.ticket, self.code = r.json["ticket"], r.json["access_code"]

    def task(self, name) -> dict:
        case = self.client.get(f"/api/v1/cases/{self.ticket}", headers=self.login("tim")).json
        (task,) = [t for t in case["open_tasks"] if t["name"] == name]
        return task

    def complete(self, name, data, username=None):
        if name == OUTCOME:
            say_who_was_reported(self.client, self.login, self.ticket)
        task = self.task(name)
        r = self.client.post(
            f"/api/v1/tasks/{task['id']}/complete",
            json={"data": data},
            headers=self.login(username or WHO[task["lane"]]),
        )
        assert r.status_code == 200, r.json

    def waiting_for_evidence(self) -> ComplaintDesk:
        """Verified, referred to a unit, clarified, and the reporter asked for evidence (their own window)."""
        self.complete("catat_pengaduan", CATAT)
        self.complete("verifikasi", {"hasil": "layak"})
        self.complete("klasifikasi", TO_PENDMAD)
        self.complete("klarifikasi_unit", {"tanggapan": "Sudah ditegur", "tindakan_yang_diambil": "Teguran"}, "unitmad")
        self.complete("klarifikasi", CLARIFIED)
        self.complete("minta_bukti", {"pertanyaan": QUESTION})
        return self

    def reporter_writes(self, body: str, files: dict | None = None):
        data = {"body": body}
        if files:
            data["attachments"] = [(f, name) for name, f in files.items()]
        r = self.client.post(
            f"/api/v1/complaints/{self.ticket}/messages",
            data=data,
            headers={"X-Access-Code": self.code},
            content_type="multipart/form-data",
        )
        assert r.status_code == 201, r.json
        return r.json
