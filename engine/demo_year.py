"""A year of closed cases, made through the real engine (``kawal demo year``): for reports, benchmarks, screenshots.

Each case is a story planned up front (when it arrives, which path it takes, how many working days
each step waits) and then told step by step through the same verbs an officer's click calls
(``intake``, ``inbox.complete_task``, ``casework``), with the clock moved to each step's instant. The
stories of all cases are interleaved in time order, and before every step the timers that fell due
meanwhile are run (what the timer job does), so a late decision really lapses T10 and escalates.

SpiffWorkflow decides whether a timer is due with its own ``datetime.now`` (spiffworkflow-notes "Time
inside the library"); while the year is told, its timer module reads ``engine.clock`` instead
(``travel``). Tests do the same with time-machine.

The plan of every story is returned (``Story``): what a test counts on its own, independently of
the facts and the SQL the reports count with.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import casework, clock, complaints, inbox, intake
from engine.files import FileStore
from engine.models import Case, Deadline, HumanTask, User
from engine.runtime import Runtime
from engine.users import create_user, ensure_unit

OFFICERS = {
    "petugas_layanan": "tahun_petugas",
    "ppid": "tahun_ppid",
    "atasan_ppid": "tahun_atasan",
    "tim_pengaduan": "tahun_tim",
    "pengelola_wbs": "tahun_wbs",
}
UNIT_OFFICER = ("tahun_madrasah", "PENDMAD", "Bidang Pendidikan Madrasah")
OFFICE_UNIT_OFFICER = "tahun_unit"  # the office's own unit pengolah (KANWIL)
ESCALATION = {"tindakan": "PPID diminta segera menyelesaikan"}
REQUEST_OUTCOMES = (
    ("dikabulkan_seluruhnya", 48),
    ("dikabulkan_sebagian", 14),
    ("ditolak_dikecualikan", 14),
    ("tidak_dikuasai", 10),
    ("belum_dikuasai_didokumentasikan", 4),
    ("dicabut", 5),
    ("ditutup_tidak_lengkap", 5),
)
COMPLAINT_PATHS = (
    ("unit", 40),
    ("itjen", 15),
    ("tidak_dapat_ditindaklanjuti", 12),
    ("diteruskan_instansi_lain", 8),
    ("tidak_cukup_bukti", 12),
    ("dianggap_dicabut", 8),
    ("bukti_dijawab", 5),
)
CATEGORIES = (
    ("pungli", "03"),
    ("beasiswa_bantuan", "02"),
    ("kepegawaian_rekrutmen", "04"),
    ("perselingkuhan_nikah_siri", "04"),
    ("penyelewengan_jabatan_anggaran", "01"),
    ("kolusi_rekanan", "03"),
    ("sengketa_tanah_bangunan", "05"),
    ("kriminal_asusila", "06"),
    ("lainnya", "10"),
)
INFORMATION = (
    "Daftar penerima bantuan operasional madrasah tahun berjalan",
    "Laporan realisasi anggaran satuan kerja",
    "Salinan kontrak pengadaan rehabilitasi gedung",
    "Data jumlah guru madrasah bersertifikat per kabupaten",
    "Rekapitulasi pendaftaran haji reguler",
    "Daftar nama penerima beasiswa dan NIK-nya",
    "Standar operasional prosedur pelayanan nikah",
)


@dataclass
class Story:
    """One case as planned: what the reports should count for it (a test's independent expectation)."""

    kind: str
    received_at: datetime
    channel: str
    plan: dict = field(default_factory=dict)
    ticket: str | None = None
    notice_at: datetime | None = None  # the written notice (a request), the response (an objection)
    children: list[Story] = field(default_factory=list)


@contextmanager
def travel(now: Callable[[], datetime]) -> Iterator[None]:
    """Point ``engine.clock`` and SpiffWorkflow's timers at ``now`` for the block."""
    from SpiffWorkflow.bpmn.specs.event_definitions import timer

    class _Now(datetime):
        @classmethod
        def now(cls, tz=None):
            instant = now()
            return instant.astimezone(tz) if tz is not None else instant.replace(tzinfo=None)

    original = timer.datetime
    clock.set_clock(now)
    timer.datetime = _Now
    try:
        yield
    finally:
        timer.datetime = original
        clock.set_clock(None)


class _Office:
    """The officers, the session and the clock the stories are told with."""

    def __init__(self, session: Session, rt: Runtime):
        self.session, self.rt = session, rt
        self.cal = rt.calendars["strict"]
        self.now = datetime(2000, 1, 1, tzinfo=self.cal.tz)
        self.users = self._officers()

    def _officers(self) -> dict[str, User]:
        ensure_unit(self.session, *UNIT_OFFICER[1:])
        users = {}
        wanted = {**{name: (group, None) for group, name in OFFICERS.items()}}
        wanted[OFFICE_UNIT_OFFICER] = ("unit_pengolah", None)
        wanted[UNIT_OFFICER[0]] = ("unit_pengolah", UNIT_OFFICER[1])
        for name, (group, unit) in wanted.items():
            user = self.session.scalar(select(User).where(User.username == name))
            if user is None:
                user = create_user(self.session, name, "kawal-demo", [group], name.title(), unit)
            users[group if unit is None else f"{group}:{unit}"] = user
        return users

    def worker(self, task: HumanTask) -> User:
        """Who works ``task``: its lane's officer, of the unit a referred task names."""
        if task.unit_id is not None and task.lane == "unit_pengolah":
            for user in self.users.values():
                if task.lane in user.group_codes and user.unit_id == task.unit_id:
                    return user
        return self.users[task.lane]

    def at(self, received: datetime, days: int, hour: int, minute: int = 0) -> datetime:
        """``days`` working days after ``received`` (its day zero), at ``hour`` office time."""
        day = self.cal.add_working_days(received, days).due_date if days else received.astimezone(self.cal.tz).date()
        return datetime.combine(day, time(hour, minute), tzinfo=self.cal.tz)

    def case(self, ticket: str) -> Case:
        return self.session.scalar(select(Case).where(Case.ticket == ticket))

    def complete(self, ticket: str, name: str, data: dict) -> None:
        case = self.case(ticket)
        task = self.session.scalar(
            select(HumanTask).where(HumanTask.case_id == case.id, HumanTask.bpmn_id == name, HumanTask.state == "open")
        )
        if task is None:
            open_tasks = [t.bpmn_id for t in case.tasks if t.state == "open"]
            raise RuntimeError(f"{ticket}: {name} is not open (open: {open_tasks}, status {case.status})")
        inbox.complete_task(self.session, self.rt, self.worker(task), task.id, data)

    def message(self, ticket: str, name: str, data: dict) -> None:
        casework.send_case_message(self.session, self.rt, self.users["ppid"], self.case(ticket), name, data)

    def escalations(self, ticket: str) -> None:
        """The superior answers every escalation a lapse raised on the case."""
        case = self.case(ticket)
        for task in [t for t in case.tasks if t.state == "open" and t.bpmn_id.startswith("eskalasi")]:
            inbox.complete_task(self.session, self.rt, self.worker(task), task.id, ESCALATION)

    def fire_due(self) -> None:
        """What the timer job does: run every open case with a pending deadline that fell due."""
        due = self.session.scalars(
            select(Deadline.case_id)
            .join(Case, Case.id == Deadline.case_id)
            .where(Deadline.status == "pending", Deadline.due_at <= self.now)
            .distinct()
        ).all()
        for case_id in due:
            casework.run_case(self.session, self.rt, self.session.get(Case, case_id))


Step = tuple[datetime, Callable[[], None]]


def _weighted(rng: random.Random, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def _receipt(rng: random.Random, office: _Office, year: int, last: date) -> datetime:
    """A working-day instant in office hours of ``year``, no later than ``last``."""
    first = date(year, 1, 2)
    span = (min(last, date(year, 12, 31)) - first).days
    while True:
        day = first + timedelta(days=rng.randrange(max(1, span)))
        if office.cal.is_working_day(day):
            return datetime.combine(day, time(rng.randrange(8, 15), rng.randrange(60)), tzinfo=office.cal.tz)


# -- the stories ---------------------------------------------------------------------------------------------


def _request_story(rng: random.Random, office: _Office, received: datetime, n: int) -> tuple[Story, list[Step]]:
    result = _weighted(rng, REQUEST_OUTCOMES)
    channel = _weighted(rng, (("web", 60), ("email", 15), ("langsung", 15), ("pos", 7), ("telepon", 3)))
    story = Story("permohonan_informasi", received, channel)
    requester_type = _weighted(rng, (("perorangan", 80), ("badan_hukum", 15), ("kelompok", 5)))
    payload = {
        "requester": {
            "name": f"Pemohon Tahunan {n}",
            "nik": f"3171{n:012d}",
            "address": "Jl. Contoh No. 1, Jakarta",
            "email": f"pemohon{n}@example.org",
            "occupation": rng.choice(("Mahasiswa", "Wartawan", "Peneliti", "Guru", "Wiraswasta")),
        },
        "requester_type": requester_type,
        "information": rng.choice(INFORMATION),
        "purpose": "Bahan penelitian dan pemberitaan",
        "obtain_method": rng.choice(("salinan_softcopy", "salinan_hardcopy", "melihat")),
        "delivery_method": rng.choice(("email", "langsung", "pos")),
    }
    story.plan.update(result=result, requester_type=requester_type)
    steps: list[Step] = []

    def submit():
        offline = channel != "web"
        sub = intake.submit_request(
            office.session,
            office.rt,
            payload,
            user=office.users["petugas_layanan"] if offline else None,
            channel=channel if offline else None,
            received_at=office.now if offline else None,
        )
        story.ticket = sub.case.ticket

    steps.append((received, submit))

    def t(days: int, hour: int) -> datetime:
        return office.at(received, days, hour, rng.randrange(60))

    if result == "ditutup_tidak_lengkap":
        kurang = {"lengkap": False, "kekurangan": "Salinan KTP belum dilampirkan"}
        steps.append(
            (
                t(0, 15) if received.hour < 15 else t(1, 9),
                lambda: office.complete(story.ticket, "periksa_kelengkapan", kurang),
            )
        )
        steps.append((t(6, 9), lambda: None))  # the completion window lapses: the timer closes it
        return story, steps
    check_at = t(0, 15) if received.hour < 14 else t(1, 9)
    steps.append((check_at, lambda: office.complete(story.ticket, "periksa_kelengkapan", {"lengkap": True})))
    steps.append(
        (
            check_at + timedelta(minutes=20),
            lambda: office.complete(
                story.ticket, "registrasi", {"tanda_bukti_dikirim": True, "cara_kirim_tanda_bukti": "email"}
            ),
        )
    )
    if result == "dicabut":
        steps.append(
            (
                t(2, 11),
                lambda: casework.withdraw_request(
                    office.session, office.rt, office.case(story.ticket), "Informasi sudah diperoleh"
                ),
            )
        )
        return story, steps
    steps.append((t(1, 11), lambda: office.complete(story.ticket, "proses_permohonan", {"minta_unit": False})))
    # Working days to the written notice: most within 10, some extended, a few late.
    timing = _weighted(rng, (("prompt", 72), ("extended", 14), ("late", 9), ("very_late", 5)))
    days = {
        "prompt": rng.randint(2, 10),
        "extended": rng.randint(11, 17),
        "late": rng.randint(11, 14),
        "very_late": rng.randint(18, 22),
    }[timing]
    extended = timing in ("extended", "very_late")
    reason = rng.choice(("belum_dikuasai", "belum_didokumentasikan", "belum_dapat_diputuskan_dikecualikan"))
    decision_at = t(days, 10)
    story.plan.update(extended=extended, extension_reason=reason if extended else None, days=days)
    story.plan["overdue"] = (timing == "late") or (timing == "very_late")
    if extended:
        langkah = {
            "langkah": "perpanjang",
            "alasan_perpanjangan": reason,
            "rincian_alasan_perpanjangan": "Data masih dihimpun unit pengolah",
            "tanggal_pemberitahuan_perpanjangan": t(8, 9).date().isoformat(),
        }
        steps.append((t(8, 9), lambda: office.complete(story.ticket, "tentukan_langkah", langkah)))
    else:
        steps.append(
            (
                decision_at - timedelta(hours=1),
                lambda: office.complete(story.ticket, "tentukan_langkah", {"langkah": "putuskan"}),
            )
        )
    letters = (
        sorted(rng.sample("abcdefghij", rng.choice((1, 1, 2))))
        if result in ("ditolak_dikecualikan", "dikabulkan_sebagian")
        else []
    )
    story.plan["exemptions"] = letters
    fee = rng.choice((0, 0, 0, 5000, 12500)) if result.startswith("dikabulkan") else 0
    story.plan["fee"] = fee
    decision = {"keputusan": result, "alasan_keputusan": "Sesuai UU 14/2008"}
    if letters:
        decision["pasal_pengecualian"] = letters
        decision["alasan_keputusan"] = f"Dikecualikan berdasarkan Pasal 17 huruf {', '.join(letters)}"

    def decide():
        office.escalations(story.ticket)
        office.complete(story.ticket, "putuskan", decision)
        if letters:
            office.complete(
                story.ticket,
                "uji_konsekuensi",
                {
                    "dokumen": payload["information"],
                    "bagian_dikecualikan": "Data pribadi",
                    "dasar_hukum": f"UU 14/2008 Pasal 17 huruf {letters[0]}",
                    "konsekuensi": "Membuka informasi yang dikecualikan",
                    "kepentingan_publik": "Bagian lain tetap dibuka",
                },
            )
        office.complete(
            story.ticket,
            "pemberitahuan_tertulis",
            {
                "informasi_dikuasai": result != "tidak_dikuasai",
                "biaya": fee,
                "tanggal_pemberitahuan": office.now.astimezone(office.cal.tz).date().isoformat(),
                "dikirim_melalui": "email",
            },
        )
        story.notice_at = office.now
        office.escalations(story.ticket)

    steps.append((decision_at, decide))
    if result.startswith("dikabulkan"):
        delivered = decision_at + timedelta(hours=2)
        story.plan["delivered_on"] = delivered.date()

        def deliver():
            office.complete(
                story.ticket,
                "penyerahan_informasi",
                {
                    "biaya_dibayar": fee,
                    "tanggal_penyerahan": office.now.astimezone(office.cal.tz).date().isoformat(),
                    "cara_penyerahan": "email",
                },
            )

        steps.append((delivered, deliver))
    if result in ("ditolak_dikecualikan", "dikabulkan_sebagian", "tidak_dikuasai") and rng.random() < 0.35:
        objection, objection_steps = _objection_story(rng, office, story, decision_at, letters)
        story.children.append(objection)
        steps += objection_steps
    return story, steps


def _objection_story(rng, office: _Office, request: Story, decided: datetime, letters) -> tuple[Story, list[Step]]:
    filed = office.at(decided, rng.randint(2, 12), 10, rng.randrange(60))
    grounds = ["a"] if letters and rng.random() < 0.6 else sorted(rng.sample("cdefg", rng.choice((1, 2))))
    result = _weighted(
        rng,
        (
            ("keberatan_ditolak", 45),
            ("keberatan_dikabulkan_sebagian", 20),
            ("keberatan_dikabulkan_seluruhnya", 20),
            ("diselesaikan_musyawarah", 15),
        ),
    )
    if result == "diselesaikan_musyawarah" and "a" in grounds:
        result = "keberatan_ditolak"  # amicable settlement is only for grounds b-g (Pasal 35(2))
    story = Story("keberatan", filed, "web", {"grounds": grounds, "result": result})

    def t(days: int, hour: int) -> datetime:
        return office.at(filed, days, hour, rng.randrange(60))

    steps: list[Step] = []

    def file():
        data = {"alasan": grounds, "kasus_posisi": "Jawaban PPID tidak sesuai dengan permohonan saya"}
        story.ticket = intake.file_objection(office.session, office.rt, data, office.case(request.ticket)).ticket

    steps.append((filed, file))
    registration = {"salinan_formulir_diserahkan": True, "cara_kirim_tanda_terima": "email"}
    steps.append(
        (filed + timedelta(hours=1), lambda: office.complete(story.ticket, "registrasi_keberatan", registration))
    )
    amicable = set(grounds) <= set("bcdefg")
    if amicable:
        settled = result == "diselesaikan_musyawarah"
        story.plan["days"] = 3 if settled else None
        musyawarah = {"hasil": "sepakat" if settled else "tidak_sepakat"}
        if settled:
            musyawarah.update(
                kesepakatan="Informasi diserahkan", informasi_diserahkan=True, tanggal=t(3, 10).date().isoformat()
            )
        steps.append((t(3, 10), lambda: office.complete(story.ticket, "tawarkan_musyawarah", musyawarah)))
        if settled:
            steps.append((t(4, 10), lambda: _deliver_again(office, request)))
            story.plan["carried_out"] = True
            return story, steps
    days = rng.randint(8, 28)
    story.plan["days"] = days
    kronologi = {"kronologi": "Permohonan dijawab dengan pemberitahuan tertulis", "pertimbangan_ppid": "Sesuai UU"}
    steps.append((t(5, 10), lambda: office.complete(story.ticket, "susun_kronologi", kronologi)))

    def decide():
        data = {"keputusan": result, "tanggal_keputusan": office.now.astimezone(office.cal.tz).date().isoformat()}
        if result != "keberatan_ditolak":
            data["perintah_kepada_ppid"] = "Serahkan informasi yang diminta"
        if result != "keberatan_dikabulkan_seluruhnya":
            data["alasan_tertulis"] = "Sebagian informasi dikecualikan berdasarkan Pasal 17 setelah uji konsekuensi."
        office.complete(story.ticket, "putuskan_keberatan", data)
        sent = {"tanggal_dikirim": office.now.astimezone(office.cal.tz).date().isoformat(), "dikirim_melalui": "email"}
        office.complete(story.ticket, "kirim_tanggapan", sent)
        story.notice_at = office.now

    steps.append((t(days, 11), decide))
    if result.startswith("keberatan_dikabulkan"):
        steps.append((t(days + 2, 10), lambda: _deliver_again(office, request)))
        story.plan["carried_out"] = True
    elif rng.random() < 0.5:
        dispute, dispute_steps = _dispute_story(rng, office, story, t(days, 11))
        story.children.append(dispute)
        steps += dispute_steps
    return story, steps


def _deliver_again(office: _Office, request: Story) -> None:
    data = {
        "biaya_dibayar": 0,
        "tanggal_penyerahan": office.now.astimezone(office.cal.tz).date().isoformat(),
        "cara_penyerahan": "email",
    }
    office.complete(request.ticket, "penyerahan_lanjutan", data)


def _dispute_story(rng, office: _Office, objection: Story, answered: datetime) -> tuple[Story, list[Step]]:
    summoned = office.at(answered, rng.randint(15, 25), 9, rng.randrange(60))
    grounds = objection.plan["grounds"]
    mediable = set(grounds) <= set("bcdefg")
    path = _weighted(
        rng,
        (("mediation_agreed", 30 if mediable else 0), ("adjudication", 50), ("interlocutory", 10), ("withdrawn", 10)),
    )
    amar = rng.choice(("dikabulkan_seluruhnya", "dikabulkan_sebagian", "ditolak"))
    court = path == "adjudication" and rng.random() < 0.3
    court_amar = rng.choice(("dikabulkan_sebagian", "ditolak"))
    story = Story("sengketa_informasi", summoned, "pos", {"grounds": grounds, "path": path})

    def t(days: int, hour: int) -> datetime:
        return office.at(summoned, days, hour, rng.randrange(60))

    def day(days: int) -> str:
        return office.at(summoned, days, 10).date().isoformat()

    steps: list[Step] = []

    def record():
        payload = {
            "perkara": objection.ticket,
            "ki": "Komisi Informasi Pusat",
            "nomor_register": f"{rng.randrange(1, 999):03d}/REG-PSI/{summoned.month}/{summoned.year}",
            "diajukan_ke_ki": (summoned - timedelta(days=7)).date().isoformat(),
            "sidang_pertama": t(10, 9).isoformat(),
        }
        story.ticket = intake.record_dispute(office.session, office.rt, office.users["petugas_layanan"], payload).ticket

    steps.append((summoned, record))
    kuasa = {
        "nomor_surat": "SK-01/PPID",
        "tanggal": day(1),
        "penerima_kuasa": ["Kepala Bagian Hukum"],
        "wewenang_berdamai": True,
    }
    steps.append((t(1, 10), lambda: office.complete(story.ticket, "surat_kuasa", kuasa)))
    berkas = {
        "kronologi_diperiksa": True,
        "daftar_bukti": ["Register permohonan"],
        "argumen": "Sesuai UU",
        "uji_konsekuensi_dilampirkan": True,
    }
    steps.append((t(3, 10), lambda: office.complete(story.ticket, "siapkan_berkas", berkas)))
    if path == "withdrawn":
        steps.append((t(8, 10), lambda: office.message(story.ticket, "sengketa_dicabut", {"tanggal": day(8)})))
        return story, steps
    if path == "interlocutory":
        steps.append(
            (
                t(10, 14),
                lambda: office.message(story.ticket, "pemeriksaan_awal", {"tanggal": day(10), "hasil": "putusan_sela"}),
            )
        )
        return story, steps
    mediation = path == "mediation_agreed" or (mediable and rng.random() < 0.5)
    hearing = {"tanggal": day(10), "hasil": "dilanjutkan", "mediasi": mediation}
    if mediation:
        hearing["tanggal_mediasi"] = day(10)
    steps.append((t(10, 14), lambda: office.message(story.ticket, "pemeriksaan_awal", hearing)))
    story.plan["mediation"] = None
    if mediation:
        mandat = {"mandat": "Boleh menyerahkan informasi tanpa data pribadi", "bersedia_menyerahkan_informasi": True}
        steps.append((t(11, 10), lambda: office.complete(story.ticket, "mandat_mediasi", mandat)))
        agreed = path == "mediation_agreed"
        story.plan["mediation"] = "berhasil" if agreed else "gagal"
        result = {"tanggal": day(15), "hasil": "berhasil" if agreed else "gagal"}
        result.update({"kesepakatan": "Informasi diserahkan"} if agreed else {"alasan_gagal": "Tidak sepakat"})
        steps.append((t(15, 10), lambda: office.message(story.ticket, "hasil_mediasi", result)))
        if agreed:
            steps.append((t(20, 10), lambda: _comply(office, story, day(20))))
            return story, steps
    story.plan["adjudication"] = amar
    steps.append(
        (
            t(18, 10),
            lambda: office.complete(
                story.ticket, "bukti_ajudikasi", {"alat_bukti": ["T-1"], "tanggal_diserahkan": day(18)}
            ),
        )
    )
    steps.append(
        (
            t(22, 10),
            lambda: office.complete(
                story.ticket, "kesimpulan", {"tanggal_diserahkan": day(22), "ringkasan": "Sesuai UU"}
            ),
        )
    )
    decision = {"tanggal_dibacakan": day(29), "tanggal_diterima": day(30), "amar": amar}
    steps.append((t(30, 10), lambda: office.message(story.ticket, "putusan_ajudikasi", decision)))
    if court and amar != "ditolak":
        story.plan.update(court="termohon", court_result=court_amar)
        sikap = {
            "sikap": "mengajukan_keberatan",
            "alasan_sikap": "Informasi dikecualikan",
            "pengadilan": "PTUN Jakarta",
        }
        steps.append((t(33, 10), lambda: office.complete(story.ticket, "sikap_atas_putusan", sikap)))
        court_decision = {
            "tanggal": day(70),
            "pengadilan": "PTUN Jakarta",
            "nomor_perkara": "1/G/KI/PTUN",
            "amar": court_amar,
        }
        steps.append((t(70, 10), lambda: office.message(story.ticket, "putusan_pengadilan", court_decision)))
        steps.append((t(85, 10), lambda: office.message(story.ticket, "berkekuatan_hukum_tetap", {"tanggal": day(85)})))
        if court_amar != "ditolak":
            steps.append((t(88, 10), lambda: _comply(office, story, day(88))))
        return story, steps
    sikap = {"sikap": "menerima", "alasan_sikap": "Putusan sesuai telaah hukum"}
    steps.append((t(32, 10), lambda: office.complete(story.ticket, "sikap_atas_putusan", sikap)))
    steps.append((t(46, 10), lambda: None))  # P14 lapses: the decision is final
    if amar != "ditolak":
        steps.append((t(48, 10), lambda: _comply(office, story, day(48))))
    return story, steps


def _comply(office: _Office, story: Story, on: str) -> None:
    data = {"tanggal_pelaksanaan": on, "uraian": "Informasi diserahkan kepada pemohon", "nomor_berita_acara": "BA-01"}
    office.complete(story.ticket, "pelaksanaan_putusan", data)
    story.plan["carried_out"] = True


def _complaint_story(rng, office: _Office, received: datetime, n: int) -> tuple[Story, list[Step]]:
    path = _weighted(rng, COMPLAINT_PATHS)
    mode = _weighted(rng, (("rahasia", 55), ("anonim", 30), ("whistleblower", 15)))
    channel = _weighted(rng, (("web", 55), ("langsung", 15), ("email", 12), ("lapor", 12), ("pos", 6)))
    category, code = rng.choice(CATEGORIES)
    oversight = path == "itjen"
    unit = (
        rng.choice(("PENDMAD", "KANWIL"))
        if path in ("unit", "tidak_cukup_bukti", "dianggap_dicabut", "bukti_dijawab")
        else None
    )
    story = Story("pengaduan", received, channel, {"path": path, "mode": mode, "category": category, "code": code})
    story.plan.update(
        oversight=oversight if path not in ("tidak_dapat_ditindaklanjuti", "diteruskan_instansi_lain") else None,
        unit=unit,
    )
    payload = {
        "mode": mode,
        "pokok_masalah": f"Pengaduan tentang {category.replace('_', ' ')}",
        "uraian": "Kejadian pada bulan lalu di kantor layanan; rincian terlampir.",
        "kategori_usulan": category,
    }
    if mode != "anonim":
        payload["pelapor"] = {"name": f"Pelapor Tahunan {n}", "email": f"pelapor{n}@example.org"}

    def t(days: int, hour: int) -> datetime:
        return office.at(received, days, hour, rng.randrange(60))

    steps: list[Step] = []

    def submit():
        offline = channel != "web"
        sub = complaints.submit_complaint(
            office.session,
            office.rt,
            payload,
            user=office.users["tim_pengaduan"] if offline else None,
            channel=channel if offline else None,
            received_at=office.now if offline else None,
        )
        story.ticket, story.plan["access_code"] = sub.case.ticket, sub.access_code

    steps.append((received, submit))
    record = {
        "pokok_masalah": payload["pokok_masalah"],
        "uraian_ringkas": "Ringkasan tanpa nama orang",
        "lokasi_kejadian": "Kota Contoh",
        "unit_terlapor": unit or "KANWIL",
    }
    steps.append((t(1, 9), lambda: office.complete(story.ticket, "catat_pengaduan", record)))
    if path == "tidak_dapat_ditindaklanjuti":
        verdict = {"hasil": "tidak_dapat_ditindaklanjuti", "alasan": "Terlapor dan kejadian tidak jelas"}
        steps.append((t(2, 10), lambda: office.complete(story.ticket, "verifikasi", verdict)))
        steps.append((t(3, 10), lambda: office.complete(story.ticket, "arsip", {"lokasi_arsip": "Arsip pengaduan"})))
        return story, steps
    if path == "diteruskan_instansi_lain":
        verdict = {
            "hasil": "diteruskan_instansi_lain",
            "alasan": "Di luar kewenangan",
            "instansi_tujuan": "Badan Pertanahan Nasional",
        }
        steps.append((t(2, 10), lambda: office.complete(story.ticket, "verifikasi", verdict)))
        letter = {
            "nomor_surat": "B-1/ADU",
            "tanggal": day_of(office, t(3, 10)),
            "instansi_tujuan": "Badan Pertanahan Nasional",
        }
        steps.append((t(3, 10), lambda: office.complete(story.ticket, "surat_penerusan", letter)))
        steps.append((t(4, 10), lambda: office.complete(story.ticket, "arsip", {"lokasi_arsip": "Arsip pengaduan"})))
        return story, steps
    steps.append((t(2, 10), lambda: office.complete(story.ticket, "verifikasi", {"hasil": "layak"})))
    classification = {"kode_masalah": code, "kategori": category, "berkadar_pengawasan": oversight}
    if unit:
        classification["unit_tujuan"] = unit
    steps.append((t(2, 14), lambda: office.complete(story.ticket, "klasifikasi", classification)))
    tier = 60 if oversight else 14
    close = rng.randint(8, 75) if oversight else rng.randint(4, 20)
    if oversight:
        nota = {"nomor_nota_dinas": "ND-1/ADU", "tanggal": day_of(office, t(3, 10))}
        steps.append((t(3, 10), lambda: office.complete(story.ticket, "rujukan_itjen", nota)))
    else:
        answer = {"tanggapan": "Sudah ditindaklanjuti", "tindakan_yang_diambil": "Teguran"}
        steps.append((t(3, 11), lambda: office.complete(story.ticket, "klarifikasi_unit", answer)))
    summary = "Klarifikasi telah dilakukan."
    follow_up = rng.choice(("perbaikan_layanan", "perbaikan_administrasi", "hukuman_disiplin", "tidak_terbukti"))
    notice = {
        "ringkasan_untuk_pelapor": "Pengaduan Anda telah ditindaklanjuti.",
        "tanggal": day_of(office, t(close, 10)),
    }
    if path == "dianggap_dicabut":
        steps.append(
            (
                t(3, 14),
                lambda: office.complete(
                    story.ticket, "klarifikasi", {"hasil": "perlu_bukti_pelapor", "ringkasan": summary}
                ),
            )
        )
        steps.append(
            (t(4, 9), lambda: office.complete(story.ticket, "minta_bukti", {"pertanyaan": "Mohon kirim bukti."}))
        )
        steps.append((t(16, 10), lambda: None))  # the reporter's window lapses: deemed withdrawn
        return story, steps
    if path == "bukti_dijawab":
        steps.append(
            (
                t(3, 14),
                lambda: office.complete(
                    story.ticket, "klarifikasi", {"hasil": "perlu_bukti_pelapor", "ringkasan": summary}
                ),
            )
        )
        steps.append(
            (t(4, 9), lambda: office.complete(story.ticket, "minta_bukti", {"pertanyaan": "Mohon kirim bukti."}))
        )

        def reply():
            case = office.case(story.ticket)
            store = FileStore(office.rt.settings.files_dir, office.rt.vault)
            complaints.reporter_message(office.session, office.rt, store, case, "Bukti saya kirimkan.", [])

        steps.append((t(6, 10), reply))
        steps.append(
            (
                t(7, 10),
                lambda: office.complete(
                    story.ticket, "klarifikasi_lanjutan", {"hasil": "cukup_ditindaklanjuti", "ringkasan": summary}
                ),
            )
        )
    elif path == "tidak_cukup_bukti":
        steps.append(
            (
                t(close, 9),
                lambda: office.complete(
                    story.ticket, "klarifikasi", {"hasil": "tidak_cukup_bukti", "ringkasan": summary}
                ),
            )
        )
        steps.append((t(close, 10), lambda: _finish(office, story, notice, None)))
        story.plan["follow_up"] = None
        return story, steps
    elif oversight:
        steps.append(
            (
                t(4, 10),
                lambda: office.complete(
                    story.ticket, "klarifikasi", {"hasil": "perlu_pemeriksaan", "ringkasan": summary}
                ),
            )
        )
        exam = {"jenis": "audit_investigasi", "laporan_hasil": "Terbukti sebagian"}
        steps.append((t(max(5, close - 1), 10), lambda: office.complete(story.ticket, "pemeriksaan", exam)))
    else:
        steps.append(
            (
                t(4, 10),
                lambda: office.complete(
                    story.ticket, "klarifikasi", {"hasil": "cukup_ditindaklanjuti", "ringkasan": summary}
                ),
            )
        )
    story.plan["follow_up"] = follow_up
    story.plan["tier"] = tier
    steps.append((t(max(close, 8), 10), lambda: _finish(office, story, notice, follow_up)))
    return story, steps


def day_of(office: _Office, instant: datetime) -> str:
    return instant.astimezone(office.cal.tz).date().isoformat()


def _finish(office: _Office, story: Story, notice: dict, follow_up: str | None) -> None:
    office.escalations(story.ticket)
    if follow_up:
        office.complete(story.ticket, "tindak_lanjut", {"tindak_lanjut": follow_up, "uraian": "Tindak lanjut dicatat"})
    office.complete(story.ticket, "pemberitahuan_hasil", {**notice, "tanggal": day_of(office, office.now)})
    story.notice_at = office.now
    office.escalations(story.ticket)
    office.complete(story.ticket, "arsip", {"lokasi_arsip": "Arsip pengaduan"})


# -- telling the year ---------------------------------------------------------------------------------------


def generate_year(
    session: Session,
    rt: Runtime,
    *,
    cases: int,
    year: int,
    seed: int = 2026,
    complaint_share: float = 0.3,
    commit: Callable[[], None] | None = None,
    until: date | None = None,
) -> list[Story]:
    """Tell ``cases`` first cases (requests and complaints; objections and disputes follow some requests).

    Receipts fall on working days of ``year`` (up to ``until``); every story is told to its end, which may
    fall in the next year. ``commit`` is called after every step (the CLI commits; a test may too).
    """
    rng = random.Random(seed)  # noqa: S311 - demo data, reproducible by its seed
    office = _Office(session, rt)
    last = until or date(year, 12, 31)
    stories, queue, seq = [], [], 0
    # Leave room for the longest story to end within a year of its receipt.
    latest = min(last, date(year, 12, 31))
    for n in range(1, cases + 1):
        received = _receipt(rng, office, year, latest)
        if rng.random() < complaint_share:
            story, steps = _complaint_story(rng, office, received, n)
        else:
            story, steps = _request_story(rng, office, received, n)
        stories.append(story)
        for at, action in steps:
            heapq.heappush(queue, (at, seq, action))
            seq += 1
    with travel(lambda: office.now):
        while queue:
            at, _seq, action = heapq.heappop(queue)
            office.now = at
            office.fire_due()
            action()
            session.flush()
            if commit is not None:
                commit()
    return stories


def all_stories(stories: list[Story]) -> Iterator[Story]:
    for story in stories:
        yield story
        yield from all_stories(story.children)
