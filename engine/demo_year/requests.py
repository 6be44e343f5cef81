"""The stories of information requests, and of the objections and disputes some of them bring (§3-§5)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from engine import casework, exemption_ends, fees, intake
from engine.demo_year.office import Office, Step, Story, weighted
from engine.files import Upload

PAGE_PRICE = 500  # the demo office's fee standard: a printed page (engine.demo_year.demo_fee_standard)

REQUEST_OUTCOMES = (
    ("dikabulkan_seluruhnya", 48),
    ("dikabulkan_sebagian", 14),
    ("ditolak_dikecualikan", 14),
    ("tidak_dikuasai", 10),
    ("belum_dikuasai_didokumentasikan", 4),
    ("dicabut", 5),
    ("ditutup_tidak_lengkap", 5),
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


def request_story(rng: random.Random, office: Office, received: datetime, n: int) -> tuple[Story, list[Step]]:
    result = weighted(rng, REQUEST_OUTCOMES)
    channel = weighted(rng, (("web", 60), ("email", 15), ("langsung", 15), ("pos", 7), ("telepon", 3)))
    story = Story("permohonan_informasi", received, channel)
    requester_type = weighted(rng, (("perorangan", 80), ("badan_hukum", 15), ("kelompok", 5)))
    payload = {
        "requester": {
            "name": f"Pemohon Tahunan {n}",
            "nik": f"3171{1 + (n // 9999) % 99:02d}120890{n % 9999 + 1:04d}",  # possible NIKs, one a requester
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
    story.plan["asked"] = {key: payload[key] for key in ("obtain_method", "delivery_method", "information")}
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
        # The requester's completion window (3 working days, lenient) lapses and closes nothing; the request
        # is closed by the written notice of what was missing, which answers T10 (sent before it ends).
        notice = {"kekurangan": kurang["kekurangan"], "tanggal_pemberitahuan": None, "dikirim_melalui": "email"}
        steps.append((t(10, 9), lambda: _notice_incomplete(office, story, notice)))
        return story, steps
    check_at = t(0, 15) if received.hour < 14 else t(1, 9)
    steps.append((check_at, lambda: office.complete(story.ticket, "periksa_kelengkapan", {"lengkap": True})))
    steps.append(
        (
            check_at + timedelta(minutes=20),
            lambda: office.complete(story.ticket, "registrasi", {"cara_kirim_tanda_bukti": "email"}),
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
    timing = weighted(rng, (("prompt", 72), ("extended", 14), ("late", 9), ("very_late", 5)))
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
    fee = rng.choice((0, 0, 0, 5000, 12500)) if result.startswith("dikabulkan") else 0  # 10 or 25 printed pages
    if payload["obtain_method"] != "salinan_hardcopy" or payload["delivery_method"] == "email":
        fee = 0  # printed pages only for a printed copy, and none by e-mail (engine.fees.charges_not_asked)
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
            # The exemption is determined by the Atasan PPID (engine.exemptions), for five years.
            today = office.now.astimezone(office.cal.tz).date()
            office.complete(
                story.ticket,
                "tetapkan_pengecualian",
                {
                    "uji_diperiksa": True,
                    "pasal_pengecualian": letters,
                    "tanggal_penetapan": today.isoformat(),
                    "berlaku_sampai": today.replace(year=today.year + 5, day=min(today.day, 28)).isoformat(),
                },
            )
        notice = _written_notice(office, result, fee, payload)
        story.plan["copy"] = fees.copy_given(payload, notice)  # what the delivery hands over (``_handover``)
        office.complete(story.ticket, "pemberitahuan_tertulis", notice)
        story.notice_at = office.now
        office.escalations(story.ticket)

    steps.append((decision_at, decide))
    if result.startswith("dikabulkan"):
        delivered = decision_at + timedelta(hours=2)
        story.plan["delivered_on"] = delivered.date()

        def deliver():
            today = office.now.astimezone(office.cal.tz).date().isoformat()
            if fee:  # paid items wait for the payment (engine.fees)
                receipt = {"nomor_tanda_bukti_pembayaran": f"BKU-{n:05d}", "tanggal_pembayaran": today}
                office.complete(story.ticket, "catat_pembayaran", {"jumlah_dibayar": fee, **receipt})
            data, uploads = _handover(office, story, letters if result == "dikabulkan_sebagian" else [])
            office.complete(story.ticket, "penyerahan_informasi", {"biaya_dibayar": fee, **data}, uploads)

        steps.append((delivered, deliver))
    if result in ("ditolak_dikecualikan", "dikabulkan_sebagian", "tidak_dikuasai") and rng.random() < 0.35:
        objection, objection_steps = _objection_story(rng, office, story, decision_at, letters)
        story.children.append(objection)
        steps += objection_steps
    return story, steps


def _handover(office: Office, request: Story, redacted: list[str]) -> tuple[dict, dict[str, list[Upload]]]:
    """The delivery form's data and files, as the written notice gave the information (engine.delivery's rule): a
    digital copy, or anything by e-mail, goes as a file (by e-mail, or on a flash drive in person, or a CD by post);
    a printed copy goes in person or by post with no file; information asked to be viewed is shown in person. For a
    partial grant (``redacted``: the Pasal 17 letters determined) the file is the redacted version of its original,
    with the redaction recorded (engine.redaction)."""
    asked = request.plan["asked"]
    # The copy the notice gave; a request refused at first (handed over after its objection) gives the one asked for.
    copy = request.plan.get("copy") or fees.copy_given(asked, {})
    way = asked["delivery_method"] if copy else "langsung"
    data = {"tanggal_penyerahan": office.now.astimezone(office.cal.tz).date().isoformat(), "cara_penyerahan": way}
    if way == "langsung" and request.plan.get("requester_type") == "badan_hukum":  # a person receives for it
        data["yang_menerima"] = {"nama": "Rina Wulandari", "jabatan": "Sekretaris", "hubungan": "pengurus"}
    if way != "email" and copy not in fees.DIGITAL:
        return data, {}
    title = asked["information"]
    if not redacted:
        return data, {"berkas_informasi": [Upload("informasi.pdf", _document(title, "Salinan elektronik"))]}
    data["penghitaman"] = [{"berkas": 1, "asli": 1, "pasal": redacted[0], "halaman": 1}]
    return data, {
        "berkas_informasi": [Upload("informasi-dihitamkan.pdf", _document(title, "Bagian dikecualikan: [DIHITAMKAN]"))],
        "berkas_asli": [Upload("informasi-asli.pdf", _document(title, "Bagian yang dikecualikan (arsip internal)"))],
    }


def _document(*lines: str) -> bytes:
    """A one-page PDF with ``lines`` as its text (the personal-data scan reads it and finds nothing): the same bytes
    for the same lines."""
    from fpdf import FPDF

    doc = FPDF()
    doc.set_creation_date(datetime(2025, 1, 2, tzinfo=UTC))
    doc.set_font("helvetica", size=11)
    doc.add_page()
    for line in lines:
        doc.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


def _written_notice(office: Office, result: str, fee: int, payload: dict) -> dict:
    """The written notice, complete by Pasal 22(7) for its outcome (engine.letters.completeness): a printed copy
    asked for by e-mail is given as a digital one."""
    today = office.now.astimezone(office.cal.tz).date()
    printed = payload["obtain_method"] == "salinan_hardcopy"
    by_email = payload["delivery_method"] == "email"
    notice = {
        "informasi_dikuasai": result not in ("tidak_dikuasai", "belum_dikuasai_didokumentasikan"),
        "biaya": fee,  # as the standard computes it from the pages below (engine.fees)
        "tanggal_pemberitahuan": today.isoformat(),
        "dikirim_melalui": "email",
    }
    if result.startswith("dikabulkan"):
        notice |= {
            "materi_diberikan": "Salinan dokumen yang diminta",
            "media_format": "Kertas A4" if printed and not by_email else "PDF",
            "jadwal_penyerahan": today.isoformat(),
            "penghitaman": result == "dikabulkan_sebagian",
        }
        if printed and by_email:
            notice["bentuk_salinan"] = "softcopy"
        if result == "dikabulkan_sebagian":
            notice["alasan_penghitaman"] = "Bagian yang dikecualikan dihitamkan"
        if fee:
            notice["cara_pembayaran"] = "Transfer ke rekening bendahara penerimaan"
            notice["jumlah_halaman"] = fee // PAGE_PRICE
    return notice


def _notice_incomplete(office: Office, story: Story, notice: dict) -> None:
    today = office.now.astimezone(office.cal.tz).date().isoformat()
    office.complete(story.ticket, "pemberitahuan_tidak_lengkap", {**notice, "tanggal_pemberitahuan": today})
    story.notice_at = office.now


def _objection_story(rng, office: Office, request: Story, decided: datetime, letters) -> tuple[Story, list[Step]]:
    filed = office.at(decided, rng.randint(2, 12), 10, rng.randrange(60))
    grounds = ["a"] if letters and rng.random() < 0.6 else sorted(rng.sample("cdefg", rng.choice((1, 2))))
    result = weighted(
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
    # A request refused on an exemption keeps it through an agreement (settlement is for grounds b-g only, Pasal
    # 35(2) and 40): what is handed over is the part the exemption leaves open (engine.exemption_ends).
    plan = {"grounds": grounds, "result": result, "exempt": bool(letters), "decision": request.plan["result"]}
    story = Story("keberatan", filed, "web", plan)

    def t(days: int, hour: int) -> datetime:
        return office.at(filed, days, hour, rng.randrange(60))

    steps: list[Step] = []

    def file():
        data = {"alasan": grounds, "kasus_posisi": "Jawaban PPID tidak sesuai dengan permohonan saya"}
        story.ticket = intake.file_objection(office.session, office.rt, data, office.case(request.ticket)).ticket

    steps.append((filed, file))
    registration = {"cara_kirim_tanda_terima": "email"}
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
                kesepakatan=_HANDED_OVER[bool(letters)], informasi_diserahkan=True, tanggal=t(3, 10).date().isoformat()
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


_HANDED_OVER = {False: "Informasi diserahkan", True: "Bagian informasi yang tidak dikecualikan diserahkan"}


def _deliver_again(office: Office, request: Story) -> None:
    data, uploads = _handover(office, request, [])
    office.complete(request.ticket, "penyerahan_lanjutan", {"biaya_dibayar": 0, **data}, uploads)


def _dispute_story(rng, office: Office, objection: Story, answered: datetime) -> tuple[Story, list[Step]]:
    summoned = office.at(answered, rng.randint(15, 25), 9, rng.randrange(60))
    grounds = objection.plan["grounds"]
    mediable = set(grounds) <= set("bcdefg")
    path = weighted(
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
            "ki": office.rt.settings.commission_name,
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
        # asked only where mediation can settle something (grounds b-g): on ground a alone it is refused
        **({"wewenang_berdamai": True} if set(grounds) - {"a"} else {}),
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
        agreement = _HANDED_OVER[objection.plan["exempt"]]
        result.update({"kesepakatan": agreement} if agreed else {"alasan_gagal": "Tidak sepakat"})
        steps.append((t(15, 10), lambda: office.message(story.ticket, "hasil_mediasi", result)))
        if agreed:
            steps.append((t(20, 10), lambda: _comply(office, story, day(20), objection.plan["exempt"])))
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
            "tanggal_pengajuan_keberatan": day(33),
        }
        steps.append((t(33, 10), lambda: office.complete(story.ticket, "sikap_atas_putusan", sikap)))
        court_decision = {
            "tanggal": day(70),
            "pengadilan": "PTUN Jakarta",
            "nomor_perkara": "1/G/KI/PTUN",
            "amar": court_amar,
        }
        steps.append((t(70, 10), lambda: office.message(story.ticket, "putusan_pengadilan", court_decision)))
        # The superior accepts the judgment (K14, the agency's own 14 days); it becomes final on the court's
        # certificate, after the applicant's cassation window (K14P, lenient) has ended.
        accepted = {"sikap": "menerima", "alasan_sikap": "Putusan pengadilan diterima"}
        steps.append((t(72, 10), lambda: office.complete(story.ticket, "sikap_kasasi", accepted)))
        steps.append((t(88, 10), lambda: office.message(story.ticket, "berkekuatan_hukum_tetap", {"tanggal": day(88)})))
        if court_amar != "ditolak":
            withheld = objection.plan["exempt"] and not _opened(court_amar, grounds, objection.plan["decision"])
            steps.append((t(90, 10), lambda: _comply(office, story, day(90), withheld)))
        return story, steps
    sikap = {"sikap": "menerima", "alasan_sikap": "Putusan sesuai telaah hukum"}
    steps.append((t(32, 10), lambda: office.complete(story.ticket, "sikap_atas_putusan", sikap)))
    # The applicant's court window (P14P, lenient) ends and closes nothing; an officer then confirms with the
    # court's registry that no challenge was filed, and the decision is final.
    checked = {"tanggal_pemeriksaan": day(50), "keterangan": "Tidak ada gugatan di PTUN"}
    steps.append((t(50, 10), lambda: office.message(story.ticket, "tidak_ada_upaya_hukum", checked)))
    if amar != "ditolak":
        withheld = objection.plan["exempt"] and not _opened(amar, grounds, objection.plan["decision"])
        steps.append((t(52, 10), lambda: _comply(office, story, day(52), withheld)))
    return story, steps


def _opened(amar: str, grounds, decision: str) -> bool:
    """Whether a final decision overturned the exemption of a request decided ``decision``
    (engine.exemption_ends.end_for_dispute)."""
    return amar == exemption_ends.GRANTED_IN_FULL and exemption_ends.overturns(grounds, decision)


def _comply(office: Office, story: Story, on: str, withheld: bool = False) -> None:
    """The decision carried out: the information handed over, only the part left open when the exemption stands."""
    handed = _HANDED_OVER[withheld] + " kepada pemohon"
    data = {"tanggal_pelaksanaan": on, "uraian": handed, "nomor_berita_acara": "BA-01"}
    office.complete(story.ticket, "pelaksanaan_putusan", data)
    story.plan["carried_out"] = True
