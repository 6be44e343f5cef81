"""The legal path as a picture on the portal's status page: the stages of each kind of case, in
order, and where a case stands on them (done, current, to come, or skipped).

The stages are public vocabulary (STYLE.md rule 6): each covers one or more internal statuses of
engine/status.py, and a new status must be placed in one of them (tests/web/test_portal.py checks).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from engine import kinds, lateness, status
from engine.models import Case


@dataclass(frozen=True)
class Step:
    label: object  # a lazy gettext string
    statuses: frozenset[str]


def _step(label, *statuses) -> Step:
    return Step(label, frozenset(statuses))


# The stages of each kind of case, in order, each with the engine statuses (engine/status.py) it covers.
PATHS = {
    kinds.REQUEST: (
        _step(_l("Received"), "diterima", "menunggu_kelengkapan", "dilengkapi", "terdaftar"),
        _step(_l("In process"), "diproses", "diperpanjang"),
        _step(_l("Written notice"), *status.OUTCOMES, "dibuka_kembali"),
        _step(_l("Completed"), "informasi_diserahkan", "selesai", "dicabut", "ditutup_tidak_lengkap"),
    ),
    kinds.OBJECTION: (
        _step(_l("Received"), "keberatan_diterima", "keberatan_terdaftar"),
        _step(
            _l("Examined by the PPID's superior"),
            "musyawarah",
            "diselesaikan_musyawarah_sebagian",
            "menunggu_keputusan_atasan",
        ),
        _step(_l("Decision"), *status.OBJECTION_OUTCOMES, "keberatan_tidak_ditanggapi"),
        _step(_l("Response sent"), "tanggapan_dikirim"),
        _step(_l("Completed"), "keberatan_selesai", "diselesaikan_musyawarah"),
    ),
    kinds.DISPUTE: (
        _step(_l("Registered"), "sengketa_teregistrasi", "persiapan_termohon"),
        _step(_l("Preliminary examination"), "pemeriksaan_awal"),
        _step(
            _l("Mediation or adjudication"),
            "mediasi",
            "mediasi_diperpanjang",
            "putusan_mediasi",
            "mediasi_gagal",
            "ajudikasi",
            "putusan_ajudikasi",
        ),
        _step(_l("Court"), "keberatan_pengadilan", "putusan_pengadilan", "kasasi"),
        # The office carries out the final decision or the mediation agreement: a stage of its own, not "completed"
        # while nothing has been carried out yet.
        _step(_l("Carrying out the decision"), "pelaksanaan_putusan"),
        # Final with or without a court: the decision carried out, or nothing to carry out (the application dismissed:
        # final and binding, then completed at once); or ended early (interlocutory, withdrawn, lapsed).
        _step(
            _l("Completed"),
            "berkekuatan_hukum_tetap",
            "sengketa_selesai",
            "putusan_sela",
            "sengketa_dicabut",
            "sengketa_gugur",
        ),
    ),
    kinds.COMPLAINT: (
        _step(_l("Received"), "pengaduan_baru", "tercatat"),
        _step(_l("Verified"), "terverifikasi"),
        _step(
            _l("Being handled"),
            "diteruskan_itjen",
            "didisposisikan_unit",
            "dalam_klarifikasi",
            "menunggu_kelengkapan_pelapor",
            "dibuka_kembali_pengaduan",
            "dalam_pemeriksaan",
            "ditindaklanjuti",
        ),
        _step(
            _l("Completed"),
            "pengaduan_selesai",
            "diarsipkan",
            "tidak_dapat_ditindaklanjuti",
            "diteruskan_instansi_lain",
            "dianggap_dicabut",
            "dianggap_dicabut_diarsipkan",
            status.ANONYMOUS_NOT_ACTIONABLE,
            status.ANONYMOUS_NOT_ACTIONABLE_ARCHIVED,
        ),
    ),
}


def legal_path(case: Case, milestones: list[dict], shown: str | None = None, locale: str = "id") -> list[dict]:
    """Each stage as done, current, to come, or not reached (a closed case that skipped it), where the case stands as
    the requester reads it: ``shown``, the stage the headline shows (engine.queries.public_status: a lapse stage only
    once late on every reading), else the case's own. A stage that tells of a lapse (A30 not answered) stands at its
    step as ``not_answered``: nothing was decided there. A closed complaint the evidence still reopens stands at its
    last step by its stage's own name (in ``locale``), not as completed."""
    stage = shown or case.status
    steps = PATHS.get(case.kind, ())
    current = next((i for i, s in enumerate(steps) if stage in s.statuses), None)
    if current is None:
        return []
    if case.closed_at is not None:  # a closed case stands at the end, whatever stage its last status names
        current = len(steps) - 1
    reached = {m["name"] for m in milestones}
    out = []
    for i, step in enumerate(steps):
        if i == current:
            state = "not_answered" if stage in lateness.LAPSE_STATUSES and case.closed_at is None else "current"
        elif i > current:
            state = "upcoming"
        else:  # every case starts at its first stage, even when no milestone says so
            state = "done" if i == 0 or reached & step.statuses else "skipped"
        # Closed, yet the evidence asked for still reopens it (engine.status.REOPENABLE): not completed; the step
        # names the stage it stands at (Dianggap Dicabut, Tidak Dapat Ditindaklanjuti).
        reopenable = state == "current" and stage in status.REOPENABLE
        out.append({"label": status.label(stage, locale) if reopenable else step.label, "state": state})
    return out
