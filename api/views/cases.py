from flask import Response
from flask_smorest import Blueprint

from api.auth import current_user, login_required
from api.boundary import commit, noted, private_download, runtime
from api.extensions import db
from api.schemas import (
    CaseView,
    CorrectionAnswered,
    CorrectionRefusal,
    DeadlineList,
    EventList,
    OtherFilings,
    ProxyAppointment,
    ProxyCorrected,
    ProxyCorrection,
    ProxyRevocation,
    ProxyRevoked,
    RequesterCorrected,
    RequesterCorrection,
    WaitingCases,
    WaitingCorrections,
    WaitingQuery,
)
from engine import (
    access,
    correction_requests,
    other_filings,
    proxy_corrections,
    proxy_data,
    queries,
    requester_copy,
    requester_data,
    task_files,
    waiting,
    windows,
)

blp = Blueprint("cases", __name__, description="Cases and their history")


@blp.get("/cases/<string:ticket>")
@login_required
@blp.response(200, CaseView)
def get_case(ticket):
    """The case as the caller may read it: its ``details`` are the fields the forms let the caller see. An auditor
    reads a complaint's as the complaint team summarised it, without names (``uraian_ringkas``: null until the team
    has recorded the complaint), beside the categories chosen from lists; never the reporter's own words, which the
    complaint team reads (legal-process.md §7.3)."""
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    view = queries.case_view(db.session, runtime(), user, case)
    noted(user, case, "case")
    return view


@blp.put("/cases/<string:ticket>/requester")
@login_required
@blp.arguments(RequesterCorrection)
@blp.response(200, RequesterCorrected)
def correct_requester(body, ticket):
    """The PPID desk corrects the requester's data (UU 27/2022: the right to rectification; a typing error). The
    whole identity is given again and checked as the request form checks it; each case of the chain records which
    fields changed and why, never the values, and the requester is told at their new contacts. The same data sent
    again changes nothing (``changed`` empty). 403 for anyone but the desk; 404 for a complaint."""
    user, rt = current_user(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    request_id = body.pop("request_id", None)
    done = requester_data.correct(db.session, rt, user, case, body, request_id)
    commit(case)
    return {
        "ticket": case.ticket,
        "changed": list(done.changed),
        "cases": [c.ticket for c in done.cases],
        "requester": done.identity,
        "requester_type": done.requester_type,
    }


@blp.put("/cases/<string:ticket>/proxy")
@login_required
@blp.arguments(ProxyCorrection)
@blp.response(200, ProxyCorrected)
def correct_proxy(body, ticket):
    """The PPID desk corrects the data of the proxy (kuasa) who filed the request or objection (UU 27/2022: the right
    to rectification; a typing error). The whole proxy is given again and checked as the case's form checks it (an
    objection's says ``bermeterai``, a request's does not), the power of attorney dated no later than the day the
    proxy came into office (the filing's day of receipt, or the day their appointment was recorded);
    the case records which fields changed and why, never the values, and the requester is told which fields changed
    (``proxy_data_corrected``; the proxy's former e-mail too when it changed). Letters already issued keep what they
    printed. A closed case's proxy is still corrected (the data subject's right). The same data sent again changes
    nothing (``changed`` empty). 403 for anyone but the desk; 404 for a case not filed by a proxy."""
    user, rt = current_user(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    done = proxy_data.correct(db.session, rt, user, case, body)
    commit(case)
    return {"ticket": case.ticket, "changed": list(done.changed), "kuasa": done.proxy}


@blp.post("/cases/<string:ticket>/proxy")
@login_required
@blp.arguments(ProxyAppointment)
@blp.response(201, CaseView)
def appoint_proxy(body, ticket):
    """The PPID desk records a proxy the requester appointed after filing the request or objection (or after an
    earlier proxy's power ended), with the power of attorney's number and its date (not after today, the day it is
    recorded): letters issued from now on name and copy them. 409 while a proxy is in office, and on a closed or
    withdrawn case (``proxy_case_closed``, ``proxy_case_withdrawn``); 404 for a case other than a request or an
    objection; 403 for anyone but the desk."""
    user, rt = current_user(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    proxy_data.appoint(db.session, rt, user, case, body)
    commit(case)
    return queries.case_view(db.session, rt, user, case)


@blp.post("/cases/<string:ticket>/proxy/revocation")
@login_required
@blp.arguments(ProxyRevocation)
@blp.response(200, ProxyRevoked)
def revoke_proxy(body, ticket):
    """The PPID desk records that the proxy's power of attorney has ended (the requester revoked it, the proxy
    withdrew, its term ended): letters issued from now on no longer name or copy the proxy, who can no longer be
    corrected; the case (and its register) still shows who filed it. The proxy may know the access code: the case
    (with its chain) gets a new one, sent to the requester's e-mail or phone (``access_code_sent``), or, when no
    channel reaches them, answered once here (``access_code``) for the desk to hand over; the old one stops
    working. 409 when it has ended already;
    404 for a case with no proxy; 403 for anyone but the desk."""
    user, rt = current_user(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    done = proxy_data.revoke(db.session, rt, user, case, body["reason"])
    commit(case)
    return queries.case_view(db.session, rt, user, case) | {
        "access_code_sent": done.code_sent,
        "access_code": done.code,
    }


@blp.get("/cases/<string:ticket>/requester/copy")
@login_required
@blp.response(200, content_type="application/json")
def copy_of_requester_data(ticket):
    """The PPID desk downloads a copy of the personal data Kawal holds of the case's requester, to hand them (UU
    27/2022, the right of access): their identity as recorded with the case's chain, its cases, the letters and
    messages addressed to them, their requests to correct (another request is its own record). The download is
    recorded in the case's history (not its content). 403 for anyone but the desk; 404 for a complaint."""
    user, rt = current_user(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    data = requester_copy.copy(db.session, rt, user, case)
    commit(case)
    return private_download(requester_copy.copy_json(data), "application/json", requester_copy.copy_file_name(case))


@blp.get("/cases/<string:ticket>/other-filings")
@login_required
@blp.response(200, OtherFilings)
def get_other_filings(ticket):
    """The other requests and objections filed with the NIK of the case's requester (the case's own chain aside),
    the most recent first, each with the name it was filed under: the desk sees whether the same person asked
    before. 403 for anyone but the desk; 404 for a complaint."""
    user, rt = current_user(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    found = other_filings.for_reader(db.session, rt, user, case)
    items = [
        {
            "ticket": f.case.ticket,
            "process": f.case.kind,
            "status": f.case.status,
            "received_at": f.case.received_at,
            "closed_at": f.case.closed_at,
            "subject": f.case.subject,
            "name": f.name,
        }
        for f in found.items
    ]
    return {"ticket": case.ticket, "matched": found.matched, "total": found.total, "items": items}


@blp.get("/waiting-cases")
@login_required
@blp.arguments(WaitingQuery, location="query")
@blp.response(200, WaitingCases)
def waiting_cases(query):
    """The open cases the officer may see in which nobody holds an open task: they wait for the requester, the
    reporter, the Information Commission or a court (engine.waiting). The first hundred, each with its running clocks:
    first the complaints whose reporter's evidence window ended and which the reader must confirm (``to_confirm``:
    the message to post and when the window ended), then the one whose next clock falls due first; ``total`` counts
    them all, ``to_confirm`` those to confirm. ``?to_confirm=true``: those to confirm alone."""
    user = current_user()
    access.require_staff(user)
    only = query["to_confirm"]
    total, found = waiting.waiting(db.session, user, to_confirm=only)
    rt = runtime()
    items = [
        {
            "ticket": w.case.ticket,
            "process": w.case.kind,
            "status": w.case.status,
            "subject": w.case.subject,
            "received_at": w.case.received_at,
            "awaiting_since": w.case.awaiting_since,
            "awaiting": w.events,
            "clocks": w.clocks,
            "to_confirm": _to_confirm(w.to_confirm, rt),
        }
        for w in found
    ]
    lapsed = total if only else len(waiting.lapses(db.session, user))
    return {"total": total, "to_confirm": lapsed, "items": items}


def _to_confirm(lapse: waiting.ToConfirm | None, rt) -> dict | None:
    if lapse is None:
        return None
    ended_on = lapse.ended_at.astimezone(windows.office_zone(rt)).date()  # the office's day, as confirm_from reads it
    first = lapse.confirm_from(rt)
    return {"event": lapse.event, "ended_at": lapse.ended_at, "ended_on": ended_on, "confirm_from": first}


@blp.get("/requester-corrections")
@login_required
@blp.response(200, WaitingCorrections)
def waiting_corrections():
    """The requesters' own requests to correct their data that the desk has still to answer, the most urgent first
    (each within 3 x 24 hours: UU 27/2022). Empty for anyone but the desk."""
    user, rt = current_user(), runtime()
    rows = correction_requests.waiting(db.session, user)
    items = correction_requests.listed(db.session, rows)
    for item, row in zip(items, rows, strict=True):
        asked = proxy_corrections if item["proxy"] else requester_data  # whose data the request corrects
        item["fields_"] = asked.asked_changes(db.session, rt, row)
    return {"items": items}


@blp.post("/requester-corrections/<id:request_id>/refusal")
@login_required
@blp.arguments(CorrectionRefusal)
@blp.response(200, CorrectionAnswered)
def refuse_correction(body, request_id):
    """The desk refuses a requester's request to correct their data; the requester is sent the reason. 409 when it
    was answered already."""
    user, rt = current_user(), runtime()
    row = correction_requests.refuse(db.session, rt, user, request_id, body["reason"])
    db.session.commit()
    return {"id": row.id, "status": row.status}


@blp.get("/cases/<string:ticket>/events")
@login_required
@blp.response(200, EventList)
def get_events(ticket):
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    access.require_read_history(user, case)
    items = queries.case_events(db.session, case)
    noted(user, case, "events")
    return {"ticket": case.ticket, "items": items}


@blp.get("/cases/<string:ticket>/deadlines")
@login_required
@blp.response(200, DeadlineList)
def get_deadlines(ticket):
    """The case's deadlines: legal basis, calendar, start, due instant, status and the days skipped and why."""
    user = current_user()
    case = access.require_staff_case(db.session, user, ticket)
    items = queries.explained_deadlines(case)
    noted(user, case, "deadlines")
    return {"ticket": case.ticket, "items": items}


@blp.get("/cases/<string:ticket>/files/<id:attachment_id>")
@login_required
@blp.response(200, content_type="application/octet-stream")
def get_file(ticket, attachment_id):
    """A file an officer attached to a task of the case (or to its filing); always as a download."""
    user, rt = current_user(), runtime()
    case = access.require_staff_case(db.session, user, ticket)
    row = task_files.file_for(db.session, rt.forms, user, case, attachment_id)
    data = task_files.read(rt, row)
    noted(user, case, f"file:{row.id}")  # a read of a confidential complaint's file is recorded
    return Response(
        data,
        mimetype=row.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{row.file_name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )
