"""The kinds of case Kawal runs and the register-number series of each (ARCHITECTURE.md "The four processes").

A case's kind (``Case.kind``) is the id of the BPMN process it runs: intake, the access rules, the chain
of linked cases, the audit export, the pages and the notices all branch on it, so it is spelled here
once. A new process starts by adding its kind (and its series) here.
"""

from engine.config import Settings

REQUEST = "permohonan_informasi"  # information request (UU 14/2008 Pasal 22)
OBJECTION = "keberatan"  # objection to the PPID's superior (Pasal 35-36), linked to its request
DISPUTE = "sengketa_informasi"  # the agency's side of a Komisi Informasi dispute (Pasal 37-48), linked too
COMPLAINT = "pengaduan"  # public complaint (Permenpan 5/2009): the complaint team's, never the PPID's
# Every kind, in the order lists, filters and exports show them.
ALL = (REQUEST, OBJECTION, DISPUTE, COMPLAINT)

# Register numbers (engine.tickets): objections and disputes have their own series (Perki 1/2021 Pasal
# 41(3)), complaints theirs. A request's series is the office's setting (``Settings.ticket_prefix``,
# "PPID" by default), so it is not listed here.
SERIES = {OBJECTION: "KEB", DISPUTE: "SIP", COMPLAINT: "ADU"}


def series(kind: str, settings: Settings) -> str:
    """The prefix of the register numbers of ``kind`` (``PPID`` in ``PPID-2026-000123``)."""
    return settings.ticket_prefix if kind == REQUEST else SERIES[kind]


def register_series(settings: Settings, process: str | None = None) -> list[str]:
    """The prefixes of the registers a check covers: every process's, or ``process``'s alone."""
    return [series(kind, settings) for kind in ALL if process in (None, kind)]


def of_ticket(ticket: str) -> str:
    """The kind a register number's prefix names; any prefix not of a series above is a request's."""
    prefix = ticket.split("-", 1)[0]
    return next((kind for kind, known in SERIES.items() if known == prefix), REQUEST)
