"""Internal case statuses and what the requester reads (legal-process.md §8.1).

The internal status is the BPMN milestone's ``status`` property; the public label and the next step
are a separate vocabulary, derived here, never stored.
"""

from dataclasses import dataclass

from engine.catalogs import N_, NP_, translated
from engine.kinds import COMPLAINT, DISPUTE, OBJECTION, REQUEST


@dataclass(frozen=True)
class Status:
    """A stage as the requester reads it: its name and their next step, English message ids the catalogs translate
    (portal.po). A name whose English means something else on the pages is marked with its context (``NP_``)."""

    label: str | tuple[str, str]
    next_step: str


_WAIT = N_("Waiting for the officers; nothing to do for you.")
_OBJECT = N_("If you are not satisfied, you may file an objection with the PPID's superior within 30 working days.")
_RECEIVE_PART = N_(
    "Receive the information given. If you are not satisfied, you may file an objection with the PPID's superior"
    " within 30 working days."
)
_DISPUTE = N_(
    "If you are not satisfied, you may bring a dispute before the Information Commission within 14 working days."
)
_KI = N_("Follow the Information Commission's hearing schedule.")
# The court's judgment is not mailed (engine.notices: the court serves it on the parties); the page shows it.
_COURT = N_("Follow the court's hearings; this page shows the court's judgment once the office records it.")
# The same once the court or its case number is known (engine.facts ``court_stage``): ``where`` is
# engine.milestone_words ``where``, "at PTUN Jakarta, case number 12/G/KI/2027/PTUN.JKT".
COURT_NAMED = N_(
    "Follow the court's hearings %(where)s; this page shows the court's judgment once the office records it."
)
_FINAL = N_("The decision is final and binding, and the public body carries it out; you will be told when it has.")
_NONE = N_("None.")
_SUPREME_COURT = N_(
    "The Supreme Court examines the cassation on the case's papers; as a rule there is no hearing for you to attend. "
    "This page shows the Supreme Court's decision once the office records it."
)
# The same once the Supreme Court's case number is known (engine.facts ``court_stage``).
SUPREME_COURT_NUMBERED = N_(
    "The Supreme Court examines the cassation, case number %(number)s, on the case's papers; as a rule there is no "
    "hearing for you to attend. This page shows the Supreme Court's decision once the office records it."
)

# After the Commission's decision and after the court's judgment, each party's window to go on (§5.2 row 9): the
# applicant's (P14P, K14P), the office's (P14, K14). While both run, the page names both; once one has closed, the
# other's alone; once both have, that no party went on in time, in the past tense: the decision is final once the
# office has confirmed it (row 10). Which are open is read from the case's deadline rows (engine.queries).
_CHALLENGE_BOTH = N_(
    "If you do not accept the decision, you may challenge it in court within 14 working days of "
    "receiving its copy. The office may also challenge it, within 14 working days of receiving its own "
    "copy (Law 14/2008 Articles 47-48). The decision becomes final and binding only if neither party "
    "challenges it in time; this page will say if the office goes to court, and when the decision is final."
)
_CHALLENGE_YOURS = N_(
    "If you do not accept the decision, you may challenge it in court within 14 working days of receiving its copy "
    "(Law 14/2008 Articles 47-48). The decision becomes final and binding if you do not challenge it in time; this "
    "page will say when the decision is final."
)
_CHALLENGE_THE_OFFICE_S = N_(
    "The office may still challenge the decision in court, within 14 working days of receiving its own copy (Law "
    "14/2008 Articles 47-48). The decision becomes final and binding if the office does not challenge it in time; "
    "this page will say if the office goes to court, and when the decision is final."
)
_CHALLENGE_CLOSED = N_(
    "Neither party challenged the decision in court within its time; the office is confirming that the decision is "
    "final and binding."
)
_CASSATION_BOTH = N_(
    "If you do not accept the judgment, you may appeal in cassation to the Supreme Court within 14 days "
    "of receiving it. The office may also appeal in cassation, within 14 days of receiving the judgment "
    "itself (Law 14/2008 Article 50). The judgment becomes final and binding only if neither party "
    "appeals in time; this page will say if the office appeals, and when the judgment is final."
)
_CASSATION_YOURS = N_(
    "If you do not accept the judgment, you may appeal in cassation to the Supreme Court within 14 days of receiving "
    "it (Law 14/2008 Article 50). The judgment becomes final and binding if you do not appeal in time; this page will "
    "say when the judgment is final."
)
_CASSATION_THE_OFFICE_S = N_(
    "The office may still appeal the judgment in cassation to the Supreme Court, within 14 days of receiving it "
    "itself (Law 14/2008 Article 50). The judgment becomes final and binding if the office does not appeal in time; "
    "this page will say if the office appeals, and when the judgment is final."
)
_CASSATION_CLOSED = N_(
    "Neither party appealed the judgment in cassation within its time; the office is confirming that the judgment is "
    "final and binding."
)
# stage -> (the applicant's window open, the office's window open) -> the next step
DECISION_STEPS: dict[str, dict[tuple[bool, bool], str]] = {
    "putusan_ajudikasi": {
        (True, True): _CHALLENGE_BOTH,
        (True, False): _CHALLENGE_YOURS,
        (False, True): _CHALLENGE_THE_OFFICE_S,
        (False, False): _CHALLENGE_CLOSED,
    },
    "putusan_pengadilan": {
        (True, True): _CASSATION_BOTH,
        (True, False): _CASSATION_YOURS,
        (False, True): _CASSATION_THE_OFFICE_S,
        (False, False): _CASSATION_CLOSED,
    },
}

# An anonymous complaint whose evidence never came (workflows/pengaduan.bpmn since version 4): not actionable, kept
# as information for audit planning (legal-process.md §7.3 rule 4), and the same once its file is archived.
ANONYMOUS_NOT_ACTIONABLE = "anonim_tidak_ditindaklanjuti"
ANONYMOUS_NOT_ACTIONABLE_ARCHIVED = "anonim_tidak_ditindaklanjuti_diarsipkan"
ANONYMOUS_CLOSINGS = frozenset({ANONYMOUS_NOT_ACTIONABLE, ANONYMOUS_NOT_ACTIONABLE_ARCHIVED})

STATUSES: dict[str, Status] = {
    "diterima": Status(N_("Received"), _WAIT),
    "menunggu_kelengkapan": Status(
        N_("Awaiting Completion"),
        N_("Supply the missing items of your request to the officers before the completion window ends."),
    ),
    # The requester supplied what was missing; to be registered by the desk. Not "Completed": that is the request's
    # last stage ("selesai"), on the same page's path.
    "dilengkapi": Status(N_("Missing Items Supplied"), _WAIT),
    "terdaftar": Status(NP_("stage", "Registered"), _WAIT),
    "diproses": Status(N_("In Process"), _WAIT),
    "diperpanjang": Status(N_("Extended"), _WAIT),
    "dikabulkan_seluruhnya": Status(
        N_("Granted in Full"),
        N_("Collect or receive the information as you chose; pay the copying fee if any."),
    ),
    "dikabulkan_sebagian": Status(N_("Granted in Part"), _RECEIVE_PART),
    "ditolak_dikecualikan": Status(N_("Rejected (Exempt)"), _OBJECT),
    "tidak_dikuasai": Status(N_("Information Not Held"), _OBJECT),
    "belum_dikuasai_didokumentasikan": Status(N_("Not Yet Held / Not Yet Documented"), _OBJECT),
    # Information not as requested, or not given in full, may still be objected to (grounds d, e).
    "informasi_diserahkan": Status(N_("Information Delivered"), _OBJECT),
    "selesai": Status(N_("Completed"), _OBJECT),
    "dicabut": Status(NP_("stage", "Withdrawn"), _NONE),
    # Closed with a written notice stating what was missing (UU 14/2008 knows no silent closure): like any
    # notice it opens the objection window.
    "ditutup_tidak_lengkap": Status(
        N_("Closed (Not Completed)"),
        N_("You may file a new, complete request, or an objection with the PPID's superior within 30 working days."),
    ),
    # The request after a granted objection (legal-process.md §4.4): delivery is reopened.
    "dibuka_kembali": Status(
        N_("Reopened (Objection Granted)"),
        N_("The information will be delivered to you as the PPID's superior decided."),
    ),
    # Objection (Keberatan), §4.4 and §8.2.
    "keberatan_diterima": Status(N_("Objection Received"), _WAIT),
    "keberatan_terdaftar": Status(N_("Objection Registered"), _WAIT),
    "musyawarah": Status(N_("Amicable Settlement"), N_("The officers will contact you to settle by agreement.")),
    "diselesaikan_musyawarah": Status(N_("Settled by Agreement"), _DISPUTE),
    # Settled for grounds b-g (Pasal 35(2)); the superior still decides on ground a.
    "diselesaikan_musyawarah_sebagian": Status(
        N_("Partly Settled by Agreement"),
        N_("The PPID's superior decides on ground a; nothing to do for you."),
    ),
    "menunggu_keputusan_atasan": Status(N_("Awaiting the Superior's Decision"), _WAIT),
    "keberatan_dikabulkan_seluruhnya": Status(N_("Objection Granted in Full"), _WAIT),
    "keberatan_dikabulkan_sebagian": Status(N_("Objection Granted in Part"), _WAIT),
    "keberatan_ditolak": Status(N_("Objection Dismissed (PPID Upheld)"), _WAIT),
    "tanggapan_dikirim": Status(N_("Superior's Response Sent"), _DISPUTE),
    "keberatan_tidak_ditanggapi": Status(
        N_("Not Answered within 30 Working Days"),
        N_("You may bring a dispute before the Information Commission within 14 working days of the lapse."),
    ),
    "keberatan_selesai": Status(N_("Completed"), _DISPUTE),
    # Dispute before the Komisi Informasi, agency side (§5.4, §8.2).
    "sengketa_teregistrasi": Status(N_("Dispute Registered"), _KI),
    # The office prepares its power of attorney and file; the applicant waits for the first hearing (the walk found
    # "Respondent Preparing", the office's own stage, on the applicant's page).
    "persiapan_termohon": Status(N_("Awaiting the First Hearing"), _KI),
    "pemeriksaan_awal": Status(N_("Preliminary Examination"), _KI),
    "putusan_sela": Status(N_("Interlocutory Decision"), _NONE),
    "mediasi": Status(N_("Mediation"), _KI),
    "mediasi_diperpanjang": Status(N_("Mediation Extended"), _KI),
    "putusan_mediasi": Status(N_("Mediation Decision"), _KI),
    "mediasi_gagal": Status(N_("Mediation Failed"), _KI),
    "ajudikasi": Status(N_("Non-litigation Adjudication"), _KI),
    # Either party may challenge the decision, each within 14 working days of its own receipt (§5.2 row 9): final
    # only when neither did in time (row 10). The office's own window (P14) is its internal deadline, counted on its
    # strict reading, and a filing after it may still be in time on the latest one: no date of it is given here.
    # Once a window has closed, the next step is ``DECISION_STEPS``'.
    "putusan_ajudikasi": Status(N_("Adjudication Decision"), _CHALLENGE_BOTH),
    "keberatan_pengadilan": Status(N_("Court Challenge"), _COURT),
    # Cassation likewise, by either party within 14 days of its own receipt of the judgment (§5.2 row 9; K14, K14P).
    "putusan_pengadilan": Status(N_("Court Decision"), _CASSATION_BOTH),
    # The Supreme Court examines a cassation on the case's papers and hears the parties only when it sees the need
    # (Law 14/1985 Article 50(1)): no hearings to follow, unlike the court's.
    "kasasi": Status(N_("Cassation"), _SUPREME_COURT),
    "berkekuatan_hukum_tetap": Status(N_("Final and Binding"), _FINAL),
    "pelaksanaan_putusan": Status(N_("Compliance with the Decision"), _FINAL),
    "sengketa_selesai": Status(N_("Completed"), _NONE),
    "sengketa_dicabut": Status(NP_("dispute stage", "Withdrawn"), _NONE),
    "sengketa_gugur": Status(N_("Lapsed"), _NONE),
    # Public complaints (Pengaduan Masyarakat), §7.2, §8.3 and §10.
    "pengaduan_baru": Status(N_("New / Unverified"), _WAIT),
    "tercatat": Status(N_("Recorded"), _WAIT),
    "terverifikasi": Status(N_("Verified"), _WAIT),
    "tidak_dapat_ditindaklanjuti": Status(
        N_("Not Actionable"),
        N_(
            "The reason is on your complaint's messages page. We keep your report as information for planning "
            "audits. You may take the complaint to the Ombudsman of the Republic of Indonesia (ombudsman.go.id) "
            "or to SP4N-LAPOR! (lapor.go.id)."
        ),
    ),
    "diteruskan_instansi_lain": Status(
        N_("Forwarded to Another Agency"),
        N_(
            "The agency it went to and why are on your complaint's messages page. You may also contact the "
            "Ombudsman of the Republic of Indonesia (ombudsman.go.id) or SP4N-LAPOR! (lapor.go.id)."
        ),
    ),
    "diteruskan_itjen": Status(N_("Referred to the Inspectorate General"), _WAIT),
    "didisposisikan_unit": Status(N_("Referred to a Unit"), _WAIT),
    "dalam_klarifikasi": Status(N_("Under Clarification"), _WAIT),
    "menunggu_kelengkapan_pelapor": Status(
        N_("Awaiting the Reporter's Evidence"),
        N_("Send the data or evidence the team asked for on your complaint's messages page before the deadline."),
    ),
    "dianggap_dicabut": Status(N_("Deemed Withdrawn"), N_("The complaint reopens if you send the evidence asked for.")),
    # Its file archived (the task arsip_dicabut): still reopened by the evidence asked for (§7.4).
    "dianggap_dicabut_diarsipkan": Status(
        N_("Deemed Withdrawn, Archived"),
        N_("The complaint's file is archived. The complaint still reopens if you send the evidence asked for."),
    ),
    # An anonymous complaint whose evidence never came cannot be clarified: not actionable, kept as information for
    # audit planning (legal-process.md §7.3 rule 4), not deemed withdrawn; the evidence still reopens it (§7.4).
    ANONYMOUS_NOT_ACTIONABLE: Status(
        N_("Not Actionable"),
        N_(
            "Without the evidence asked for, the anonymous complaint cannot be clarified. We keep your report as "
            "information for planning audits. The complaint reopens if you send the evidence asked for."
        ),
    ),
    ANONYMOUS_NOT_ACTIONABLE_ARCHIVED: Status(
        N_("Not Actionable, Archived"),
        N_(
            "The complaint's file is archived and kept as information for planning audits. The complaint still "
            "reopens if you send the evidence asked for."
        ),
    ),
    "dibuka_kembali_pengaduan": Status(N_("Reopened"), _WAIT),
    "dalam_pemeriksaan": Status(N_("Under Examination"), _WAIT),
    "ditindaklanjuti": Status(N_("Followed Up"), _WAIT),
    "pengaduan_selesai": Status(N_("Resolved"), _NONE),
    "diarsipkan": Status(N_("Archived"), _NONE),
}

# Decisions on a request (§3.6); the milestone after the written notice takes the decision as status.
OUTCOMES = frozenset(
    {
        "dikabulkan_seluruhnya",
        "dikabulkan_sebagian",
        "ditolak_dikecualikan",
        "tidak_dikuasai",
        "belum_dikuasai_didokumentasikan",
    }
)
# Decisions on an objection (Pasal 36): the milestone after the superior's decision takes it as status.
OBJECTION_OUTCOMES = frozenset(
    {"keberatan_dikabulkan_seluruhnya", "keberatan_dikabulkan_sebagian", "keberatan_ditolak"}
)
# Statuses reached by a written notice that answers a request: each opens the objection window (Pasal 36(1)).
NOTICE_STATUSES = OUTCOMES | {"ditutup_tidak_lengkap"}
# Statuses after which the case is closed.
CLOSED = frozenset(
    {
        "selesai",
        "dicabut",
        "ditutup_tidak_lengkap",
        "diselesaikan_musyawarah",
        "keberatan_selesai",
        "putusan_sela",
        "sengketa_selesai",
        "sengketa_dicabut",
        "sengketa_gugur",
        "tidak_dapat_ditindaklanjuti",
        "diteruskan_instansi_lain",
        "dianggap_dicabut",
        "dianggap_dicabut_diarsipkan",
        ANONYMOUS_NOT_ACTIONABLE,
        ANONYMOUS_NOT_ACTIONABLE_ARCHIVED,
        "pengaduan_selesai",
        "diarsipkan",
    }
)
# Closed, yet the evidence asked for still reopens the complaint (§7.4): not finished for the reporter.
REOPENABLE = frozenset(
    {
        "dianggap_dicabut",
        "dianggap_dicabut_diarsipkan",
        ANONYMOUS_NOT_ACTIONABLE,
        ANONYMOUS_NOT_ACTIONABLE_ARCHIVED,
    }
)
# Said after an overdue case's stage ("Diproses — Melewati Batas Waktu"); the pages' "Overdue" is "Melewati batas".
OVERDUE_LABEL = NP_("stage", "Overdue")


def overdue_label(locale: str = "id") -> str:
    return translated(OVERDUE_LABEL, locale)


# The stages of each process, in STATUSES' order: each process's run of it starts at its first stage here.
_FIRST_STAGE = {
    "diterima": REQUEST,
    "keberatan_diterima": OBJECTION,
    "sengketa_teregistrasi": DISPUTE,
    "pengaduan_baru": COMPLAINT,
}


def _stages_by_process() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    process = REQUEST
    for code in STATUSES:
        process = _FIRST_STAGE.get(code, process)
        found.setdefault(process, []).append(code)
    return {kind: tuple(codes) for kind, codes in found.items()}


STAGES = _stages_by_process()  # process -> its stages (the filters offer a process's own)


def label(status: str, locale: str = "id") -> str:
    known = STATUSES.get(status)
    if known is None:
        return status
    return translated(known.label, locale)


def invites_objection(status: str) -> bool:
    """Whether the stage's next step invites the requester to file an objection."""
    known = STATUSES.get(status)
    return known is not None and known.next_step in (_OBJECT, _RECEIVE_PART)


def decision_step(status: str, applicant_open: bool, office_open: bool, locale: str = "id") -> str | None:
    """The next step at a decision either party may take further (``DECISION_STEPS``), by whose window is still open;
    None at any other stage."""
    steps = DECISION_STEPS.get(status)
    return translated(steps[applicant_open, office_open], locale) if steps is not None else None


def next_step(status: str, locale: str = "id") -> str:
    known = STATUSES.get(status)
    if known is None:
        return ""
    return translated(known.next_step, locale)
