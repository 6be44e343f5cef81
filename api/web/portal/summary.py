"""What the status page tells a requester beside the stage: the request the desk recorded for them to confirm, the
last day of the time they are still in, where the office takes what a request lacks, and the papers a request filed
through a proxy still owes.

The decision on a request, in a sentence, is the written notice's (``api.web.portal.letters.decision``).
"""

from __future__ import annotations

from flask_babel import gettext as _

from api.extensions import db
from api.web import schema_form
from api.web.case import money
from api.web.portal.filing import REQUEST_DRESSING, dressed
from engine import fees, intake, kinds, proxy_party, service_pages
from engine.models import Case

# What a request recorded from WhatsApp or social media says, for its requester to judge before confirming it: what
# they asked for and how they want it, never their identity (the status page never shows it).
RECORDED = ("information", "purpose", "obtain_method", "delivery_method")


def recorded_request(rt, case: Case, locale: str) -> list[tuple[str, str]]:
    """(label, value) of what the desk recorded of the request, labelled and worded as the portal's request form
    words them."""
    schema = dressed(rt.forms.schema(intake.REQUEST_FORM), REQUEST_DRESSING)
    fields = {f.name: f for f in schema_form.build_fields(schema, locale)}
    out = []
    for name in RECORDED:
        value = (case.details or {}).get(name)
        if value:
            out.append((fields[name].label, dict(fields[name].options).get(value, value)))
    return out


def still_open(view: dict) -> dict | None:
    """The first time still open to the requester (an objection's, a dispute's), not used yet, of the page's: a
    request's objection windows are used once an objection to it is filed (``linked``)."""
    if view["kind"] == kinds.REQUEST and any(m["kind"] == kinds.OBJECTION for m in view["linked"]):
        return None
    return next((w for w in view["windows"] if w["open"] and not w["filed"]), None)


def reopened(view: dict) -> bool:
    """Whether a granted objection reopened the request (``dibuka_kembali``): its notice's refusal no longer stands."""
    return any(m["name"] == "dibuka_kembali" for m in view["milestones"])


def hours_published() -> bool:
    """Whether the office has published its service hours page, which says where its desk is."""
    return service_pages.current(db.session, "jam_layanan") is not None


def with_payment(rt, case: Case, milestones: list[dict]) -> list[dict]:
    """The milestones with the fee's payment among them, on the day it was paid (engine.fees: the process has no stage
    for it, so the stages alone never said that the fee the notice asked for was paid)."""
    paid = fees.payment(db.session, case) if case.kind == kinds.REQUEST else None
    if paid is None:
        return milestones
    label = _("Fee paid: %(fee)s, receipt number %(number)s", fee=money(paid.amount), number=paid.receipt_number)
    tz = rt.calendars["strict"].tz
    shown = [*milestones, {"name": "fee_paid", "label": label, "at": paid.at, "on": paid.paid_on, "detail": None}]
    return sorted(shown, key=lambda m: m["on"] or m["at"].astimezone(tz).date())  # stable: a day's order kept


# A request's stages before the desk has checked it is complete (periksa_kelengkapan: the power of attorney and the
# requester's ID card with it, when a proxy filed it).
BEFORE_THE_CHECK = ("diterima", "terdaftar")


def proxy_papers(rt, case: Case) -> str | None:
    """The next step of a request filed through a proxy until the desk checks it is complete: its receipt asked for the
    special power of attorney and a copy of the requester's ID card when they were not handed in with it
    (notifications' ``receipt``, ``filed_by_proxy``); None for any other case or stage."""
    if case.kind != kinds.REQUEST or case.status not in BEFORE_THE_CHECK or proxy_party.party_id(case) is None:
        return None
    contact = (rt.settings.office_contact or "").strip()
    where = _("give them to the PPID (%(contact)s)", contact=contact) if contact else _("give them to the PPID")
    return _(
        "This request was filed by a proxy. If the special power of attorney and a copy of the requester's ID card "
        "were not handed in with it, %(where)s: show them at the information desk, or send a scan by e-mail or post "
        "naming your ticket %(ticket)s. The desk checks them when it checks that the request is complete; without "
        "them it asks for them.",
        where=where,
        ticket=case.ticket,
    )
