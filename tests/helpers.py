"""A front desk driven through the HTTP API, for tests that walk a case step by step."""

from datetime import UTC, datetime

from sqlalchemy import select

from api.extensions import db
from engine.models import User
from tests.conftest import PASSWORD, request_payload
from tests.workflows.drawn_lanes import human_task_lanes

# When the saved instances of tests/workflows/fixtures (and the instances the serializer tests build like them)
# were received: 2026-12-02 10:00 WIB. Their timers are absolute dates from it, so they are run on that day;
# run weeks later, T10 fires, the walk escalates, and a test would pass or fail by the calendar.
SAVED_RECEIPT = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)

# Valid form data for each user task of permohonan_informasi.bpmn.
STEP = {
    "periksa_kelengkapan": {"lengkap": True},
    "periksa_kelengkapan_kurang": {"lengkap": False, "kekurangan": "Salinan KTP belum dilampirkan"},
    "terima_kelengkapan": {"dilengkapi_pada": "2026-11-27", "keterangan_kelengkapan": "KTP diterima"},
    "pemberitahuan_tidak_lengkap": {
        "kekurangan": "Salinan KTP belum dilampirkan",
        "tanggal_pemberitahuan": "2026-12-02",
        "dikirim_melalui": "email",
    },
    "registrasi": {"cara_kirim_tanda_bukti": "email"},
    "proses_permohonan": {"minta_unit": False},
    "proses_permohonan_unit": {
        "minta_unit": True,
        "unit_tujuan": "KANWIL",  # the code of the unit asked (the "unit" login's)
        "permintaan_ke_unit": "Mohon daftar penerima beasiswa 2026",
    },
    "tanggapan_unit": {"ketersediaan": "tersedia", "tanggapan": "Data diserahkan tercetak", "penyampaian": "tercetak"},
    "tentukan_langkah": {"langkah": "putuskan"},
    "tentukan_langkah_perpanjang": {
        "langkah": "perpanjang",
        "alasan_perpanjangan": "belum_dikuasai",
        "rincian_alasan_perpanjangan": "Data masih dihimpun unit pengolah",
        "tanggal_pemberitahuan_perpanjangan": "2026-11-30",
    },
    "uji_konsekuensi": {
        "dokumen": "Daftar penerima",
        "bagian_dikecualikan": "NIK dan alamat penerima",
        "dasar_hukum": "UU 14/2008 Pasal 17 huruf h",
        "konsekuensi": "Membuka rahasia pribadi",
        "kepentingan_publik": "Nama dan sekolah tetap dibuka",
    },
    "tetapkan_pengecualian": {
        "uji_diperiksa": True,
        "pasal_pengecualian": ["h"],
        "berlaku_sampai": "2036-12-31",
        "tanggal_penetapan": "2026-11-30",
    },
    "pemberitahuan_tertulis": {
        "informasi_dikuasai": True,
        "materi_diberikan": "Daftar penerima",
        "biaya": 0,
        "media_format": "PDF",
        "jadwal_penyerahan": "2026-11-30",
        "tanggal_pemberitahuan": "2026-11-30",
        "dikirim_melalui": "email",
    },
    "penyerahan_informasi": {"biaya_dibayar": 0, "tanggal_penyerahan": "2026-12-01", "cara_penyerahan": "email"},
    "eskalasi": {"tindakan": "PPID diminta segera mengirim pemberitahuan tertulis"},
}
# The written notice for each decision, complete by UU 14/2008 Pasal 22(7) and consistent with it
# (engine.letters.completeness): what ``Desk`` and ``Office`` send after the decision they recorded.
_NOT_GIVEN = {"biaya": 0, "tanggal_pemberitahuan": "2026-11-30", "dikirim_melalui": "email"}
NOTICE = {
    "dikabulkan_seluruhnya": STEP["pemberitahuan_tertulis"],
    "dikabulkan_sebagian": {
        **STEP["pemberitahuan_tertulis"],
        "penghitaman": True,
        "alasan_penghitaman": "NIK dan alamat penerima dihitamkan (Pasal 17 huruf h)",
    },
    "ditolak_dikecualikan": {"informasi_dikuasai": True, **_NOT_GIVEN},
    "tidak_dikuasai": {
        "informasi_dikuasai": False,
        "badan_publik_penguasa": "Kementerian Pendidikan Dasar dan Menengah",
        **_NOT_GIVEN,
    },
    "belum_dikuasai_didokumentasikan": {"informasi_dikuasai": False, **_NOT_GIVEN},
}
# The dates of notices and decisions; the engine bounds them (not before the receipt, not in the future:
# engine.lateness, engine.exemptions), so the default form data takes the case's own day of receipt (``dated``).
DISPATCH_DATES = frozenset(
    {
        "tanggal_pemberitahuan",
        "tanggal_pemberitahuan_perpanjangan",
        "tanggal_dikirim",
        "tanggal_penetapan",
        "jadwal_penyerahan",
        "tanggal_penyerahan",
        "tanggal_keputusan",
        "tanggal",
        "dilengkapi_pada",
    }
)


def dated(data: dict, received_on: str) -> dict:
    """Form data with its dispatch dates on ``received_on`` (YYYY-MM-DD, the office's day of receipt)."""
    return {k: (received_on if k in DISPATCH_DATES else v) for k, v in data.items()}


WHO = {
    "petugas_layanan": "petugas",
    "ppid": "ppid",
    "unit_pengolah": "unit",
    "atasan_ppid": "atasan",
    "pimpinan": "kepala",
    "tim_pengaduan": "tim",
    "pengelola_wbs": "wbs",
}


def decision(keputusan, **extra):
    data = {"keputusan": keputusan, "alasan_keputusan": "Sesuai UU 14/2008"}
    if keputusan in ("ditolak_dikecualikan", "dikabulkan_sebagian"):
        data["pasal_pengecualian"] = ["h"]
    data.update(extra)
    return data


# The information request's grant path: its seven user tasks in order, and the form data that walks it
# (the walks, the topology and the benches take both from here).
GRANT_PATH = (
    "periksa_kelengkapan",
    "registrasi",
    "proses_permohonan",
    "tentukan_langkah",
    "putuskan",
    "pemberitahuan_tertulis",
    "penyerahan_informasi",
)
# A delivery by e-mail or of a digital copy is refused without its files (engine.delivery.require_files). The default
# request asks for a digital copy by e-mail: the desks' and offices' default walks attach ``DELIVERED`` to it. The
# JSON-only walkers of the grant path (tests/deploy/topology.py, bench/) file ``GRANT_REQUEST`` instead: a printed
# copy handed over in person, which has no file.
DELIVERY_TASKS = ("penyerahan_informasi", "penyerahan_lanjutan")
GRANT_REQUEST = {"obtain_method": "salinan_hardcopy", "delivery_method": "langsung"}
GRANT_DATA = {name: STEP[name] for name in GRANT_PATH if name in STEP} | {
    "putuskan": decision("dikabulkan_seluruhnya"),
    "penyerahan_informasi": {**STEP["penyerahan_informasi"], "cara_penyerahan": "langsung"},
}


def default_data(name: str, decisions: dict, ticket: str) -> dict:
    """A task's default form data: the written notice that fits the case's recorded decision."""
    if name == "pemberitahuan_tertulis":
        return NOTICE[decisions.get(ticket, "dikabulkan_seluruhnya")]
    return STEP[name]


class Desk:
    def __init__(self, client, login):
        self.client, self.login = client, login
        self.decisions: dict[str, str] = {}  # ticket -> the decision recorded through this desk
        # Requests whose requester and proxy gave no e-mail address: their receipt is not given by e-mail (refused,
        # engine.delivery.check_receipt), so the default registration hands it over in person.
        self.no_email: set[str] = set()

    def submit(self, headers=None, **payload_overrides):
        payload = request_payload(**payload_overrides)
        r = self.client.post("/api/v1/requests", json=payload, headers=headers or {})
        assert r.status_code == 201, r.json
        if not payload["requester"].get("email") and not (payload.get("kuasa") or {}).get("email"):
            self.no_email.add(r.json["ticket"])
        return r.json

    def open_tasks(self, ticket, username="atasan"):
        r = self.client.get(f"/api/v1/cases/{ticket}", headers=self.login(username))
        assert r.status_code == 200, r.json
        return {t["name"]: t for t in r.json["open_tasks"]}

    def task(self, ticket, name):
        tasks = self.open_tasks(ticket)
        assert name in tasks, f"{name} is not open on {ticket}; open: {sorted(tasks)}"
        return tasks[name]

    def complete(self, ticket, name, data=None, username=None, expect=200, files=None):
        """Complete the open task ``name``; ``files``: {field: [(name, bytes)]} sent with it (a default delivery
        sends ``DELIVERED``)."""
        task = self.task(ticket, name)
        lane = self._drawn_lane(task)
        username = username or WHO[lane]
        if 200 <= expect < 300:
            assert lane in self._groups(username), f"{username} is no officer of {name}'s lane {lane!r}"
        if data is None:
            data = dated(default_data(name, self.decisions, ticket), self.case(ticket)["received_at"][:10])
            if name == "registrasi" and ticket in self.no_email:
                data = {**data, "cara_kirim_tanda_bukti": "langsung"}
            if name in DELIVERY_TASKS and files is None:
                files = {"berkas_informasi": [("informasi.pdf", DELIVERED)]}
        if files:
            import io
            import json

            body = {"data": json.dumps(data)}
            body |= {field: [(io.BytesIO(content), n) for n, content in items] for field, items in files.items()}
            r = self.client.post(
                f"/api/v1/tasks/{task['id']}/complete-with-files",
                data=body,
                content_type="multipart/form-data",
                headers=self.login(username),
            )
        else:
            r = self.client.post(
                f"/api/v1/tasks/{task['id']}/complete", json={"data": data}, headers=self.login(username)
            )
        assert r.status_code == expect, r.json
        if name == "putuskan" and r.status_code == 200:
            self.decisions[ticket] = data["keputusan"]
        return r.json

    def _drawn_lane(self, task: dict) -> str:
        """The lane the diagram draws the task in, which the task must have (as tests/workflows' ``Office`` checks):
        its officer completes it, as an officer of that group would in the inbox. A task no longer in the file (a
        case on an earlier version) is completed by its own lane's officer."""
        workflows = self.client.application.extensions["kawal_runtime"].settings.workflows_dir
        drawn = human_task_lanes(workflows / f"{task['process']}.bpmn")
        if task["name"] not in drawn:
            return task["lane"]
        assert task["lane"] == drawn[task["name"]], (
            f"{task['name']} is drawn in the lane {drawn[task['name']]!r} but {task['lane']!r} would work it"
        )
        return drawn[task["name"]]

    def _groups(self, username: str) -> frozenset[str]:
        """The lanes ``username`` may work now: their groups and those they stand in for (``User.group_codes``)."""
        with self.client.application.app_context():
            user = db.session.scalar(select(User).where(User.username == username))
            assert user is not None, f"no officer {username}"
            return user.group_codes

    def status(self, receipt):
        r = self.client.post(
            "/api/v1/status", json={"ticket": receipt["ticket"], "access_code": receipt["access_code"]}
        )
        assert r.status_code == 200, r.json
        return r.json

    def case(self, ticket, username="ppid"):
        r = self.client.get(f"/api/v1/cases/{ticket}", headers=self.login(username))
        assert r.status_code == 200, r.json
        return r.json

    def deadlines(self, ticket):
        return {d["name"]: d for d in self.case(ticket)["deadlines"]}


def second_factor_login(app, client, username: str) -> dict:
    """Headers with a token of ``username`` whose login passed the TOTP second factor.

    The factor is set up directly for this one login and removed again (the token keeps what its login
    passed), so the test's other password-only logins of the officer (``login``) still work.
    """
    from sqlalchemy import select

    from api.extensions import db
    from engine import clock, totp
    from engine.models import User

    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        vault = app.extensions["kawal_runtime"].vault
        secret = totp.begin_enrolment(db.session, vault, user)
        user.totp_enabled_at = clock.now()
        db.session.commit()
    r = client.post(
        "/api/v1/auth/token", json={"username": username, "password": PASSWORD, "otp": totp.code_now(secret)}
    )
    assert r.status_code == 200, r.json
    with app.app_context():
        totp.reset(db.session, db.session.scalar(select(User).where(User.username == username)))
        db.session.commit()
    return {"Authorization": f"Bearer {r.json['token']}"}


def typed(value):
    """A value with the type of every part spelled out: equal only when the types are too (a tuple is not a list,
    a date not its string), for comparing what two serializers made or restored."""
    if isinstance(value, dict):
        return (type(value).__name__, [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list | tuple):
        return (type(value).__name__, [typed(v) for v in value])
    if isinstance(value, set | frozenset):
        return (type(value).__name__, sorted(repr(typed(v)) for v in value))
    return (type(value).__name__, value)


def instance_state(wf) -> list:
    """Everything a restored SpiffWorkflow instance holds that a later run reads: per (sub)workflow its
    attributes and, per task, the tree, state and the full data (not the stored delta), with types, and which
    of its containers are the parent's own objects (a change to one would change the other)."""
    workflows = [wf, *wf.subprocesses.values()]
    return [
        (
            typed(w.data),
            w.correlations,
            w.last_task.id if w.last_task is not None else None,
            w.success,
            w.completed,
            w.task_tree.id,
            [
                (
                    key,
                    t.id,
                    t._parent,
                    t._children,
                    t.state,
                    t.task_spec.name,
                    t.triggered,
                    t.last_state_change,
                    typed(t.internal_data),
                    typed(t.data),
                    _shared_with_parent(t),
                )
                for key, t in w.tasks.items()
            ],
        )
        for w in workflows
    ] + [list(wf.subprocesses), list(wf.event_manager.tasks), len(wf.bpmn_events)]


def _shared_with_parent(task) -> list:
    parent = task.parent
    if parent is None:
        return []
    return [k for k, v in task.data.items() if isinstance(v, dict | list | set) and parent.data.get(k) is v]


def _sample_pdf() -> bytes:
    """A real one-page PDF (blank), readable by any PDF reader: what a reporter's evidence file looks like to
    Kawal's checks, which read it (engine.scrub)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _sample_png() -> bytes:
    """A real 2x2 PNG."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(out, format="PNG")
    return out.getvalue()


def _delivered_pdf() -> bytes:
    """The information a default delivery hands over: a one-page PDF whose text the personal-data scan reads and
    finds nothing in (engine.pii_scan), the same bytes every time."""
    from datetime import UTC, datetime

    from fpdf import FPDF

    doc = FPDF()
    doc.set_creation_date(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    doc.set_font("helvetica", size=11)
    doc.add_page()
    doc.cell(0, 6, "Daftar penerima beasiswa tahun 2026 dan kriteria seleksinya")
    return bytes(doc.output())


SAMPLE_PDF = _sample_pdf()
DELIVERED = _delivered_pdf()
SAMPLE_PNG = _sample_png()
