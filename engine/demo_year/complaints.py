"""The stories of public complaints (§7): verified, referred, clarified, examined, followed up or not actionable."""

from __future__ import annotations

from datetime import datetime

from engine import complaints
from engine.demo_year.office import Office, Step, Story, weighted
from engine.files import FileStore

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

# The categories the classification treats as oversight-relevant by default (forms/pengaduan_klasifikasi.json).
USUALLY_OVERSIGHT = frozenset(
    {"pungli", "perselingkuhan_nikah_siri", "penyelewengan_jabatan_anggaran", "kolusi_rekanan", "kriminal_asusila"}
)

# Where the year's complaints happened (fictional places of the demo's province, Jawa Timur) and who reported them:
# taken in turn by the complaint's number, so the year's random draws stay as they were.
REGENCIES = ("Kota Contoh", "Kabupaten Contoh", "Kabupaten Sukamaju", "Kota Harapan", "Kabupaten Mekarsari")
REPORTER_CATEGORIES = ("perorangan", "perorangan", "kelompok", "perorangan", "lembaga", "media", "asn")


def complaint_story(rng, office: Office, received: datetime, n: int) -> tuple[Story, list[Step]]:
    path = weighted(rng, COMPLAINT_PATHS)
    mode = weighted(rng, (("rahasia", 55), ("anonim", 30), ("whistleblower", 15)))
    channel = weighted(rng, (("web", 55), ("langsung", 15), ("email", 12), ("lapor", 12), ("pos", 6)))
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
        "kategori_pelapor": REPORTER_CATEGORIES[n % len(REPORTER_CATEGORIES)],
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
        "lokasi_kejadian": "Kantor layanan",
        "provinsi_kejadian": "35",
        "kabkota_kejadian": REGENCIES[n % len(REGENCIES)],
        "unit_terlapor": unit or "KANWIL",
    }
    steps.append((t(1, 9), lambda: office.complete(story.ticket, "catat_pengaduan", record)))
    if path == "tidak_dapat_ditindaklanjuti":
        verdict = {
            "hasil": "tidak_dapat_ditindaklanjuti",
            "jenis_alasan": "pihak_tidak_jelas",
            "alasan": "Terlapor dan kejadian tidak jelas",
            "alasan_untuk_pelapor": "Pihak yang dilaporkan dan kejadiannya tidak dapat kami kenali dari laporan ini.",
        }
        steps.append((t(2, 10), lambda: office.complete(story.ticket, "verifikasi", verdict)))
        steps.append((t(3, 10), lambda: office.complete(story.ticket, "arsip", {"lokasi_arsip": "Arsip pengaduan"})))
        return story, steps
    if path == "diteruskan_instansi_lain":
        verdict = {
            "hasil": "diteruskan_instansi_lain",
            "alasan": "Di luar kewenangan",
            "instansi_tujuan": "Badan Pertanahan Nasional",
            "alasan_untuk_pelapor": "Sengketa tanah menjadi kewenangan Kantor Pertanahan.",
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
    if not oversight and category in USUALLY_OVERSIGHT:  # the form asks why it departs from the default
        classification["alasan_tidak_berkadar"] = "Cukup diklarifikasi dan diperbaiki oleh unit."
    steps.append((t(2, 14), lambda: office.complete(story.ticket, "klasifikasi", classification)))
    tier = 60 if oversight else 14
    close = rng.randint(8, 75) if oversight else rng.randint(4, 20)
    if oversight:
        nota = {"nomor_nota_dinas": "ND-1/ADU", "tanggal": day_of(office, t(3, 10))}
        steps.append((t(3, 10), lambda: office.complete(story.ticket, "rujukan_itjen", nota)))
    else:
        answer = {"tanggapan": "Sudah ditindaklanjuti", "tindakan_yang_diambil": "Teguran"}
        if path == "unit" and n % 5 == 0:  # now and then the unit named answers that the report is not its matter
            other = "KANWIL" if unit == "PENDMAD" else "PENDMAD"
            not_ours = {
                "tanggapan": f"Bukan kewenangan unit kami; mohon diteruskan ke {other}.",
                "bukan_kewenangan": True,
            }
            again = {"langkah_disposisi": "unit_lain", "unit_tujuan": other, "catatan_disposisi": "Mohon klarifikasi."}
            # at fixed times before the answer's, drawing nothing: the rest of the year stays as the seed tells it
            steps.append(
                (office.at(received, 3, 9), lambda: office.complete(story.ticket, "klarifikasi_unit", not_ours))
            )
            steps.append((office.at(received, 3, 10), lambda: office.complete(story.ticket, "disposisi_ulang", again)))
            story.plan["unit"] = other
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
        # The reporter's window (30 days, or 10 working days through SP4N-LAPOR!) lapses and closes nothing;
        # the team then confirms that no evidence came: the complaint is deemed withdrawn, or an anonymous one is
        # not actionable and kept as information (workflows/pengaduan.bpmn, tandai_tutup_tanpa_bukti).
        confirmed = t(28, 10)
        steps.append(
            (
                confirmed,
                lambda: office.message(
                    story.ticket, "bukti_tidak_dikirim", {"tanggal": day_of(office, confirmed)}, "tim_pengaduan"
                ),
            )
        )
        archived = {"lokasi_arsip": "Arsip pengaduan"}  # its file archived as every complaint's; evidence still reopens
        steps.append((t(29, 10), lambda: office.complete(story.ticket, "arsip_dicabut", archived)))
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
            store = FileStore.of(office.rt.settings, office.rt.vault)
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


def day_of(office: Office, instant: datetime) -> str:
    return instant.astimezone(office.cal.tz).date().isoformat()


def _finish(office: Office, story: Story, notice: dict, follow_up: str | None) -> None:
    office.escalations(story.ticket)
    if follow_up:
        office.complete(story.ticket, "tindak_lanjut", {"tindak_lanjut": follow_up, "uraian": "Tindak lanjut dicatat"})
    office.complete(story.ticket, "pemberitahuan_hasil", {**notice, "tanggal": day_of(office, office.now)})
    story.notice_at = office.now
    office.escalations(story.ticket)
    office.complete(story.ticket, "arsip", {"lokasi_arsip": "Arsip pengaduan"})
