"""The front desk records a request that came in person, by letter, by e-mail or by telephone (``/loket/permohonan``).

The request's own form (``forms/permohonan.json``, as the portal draws it) with what only an officer gives: the
channel, the real time of receipt (a letter opened a day late still counts from its receipt: T10 starts then), and
the scanned pages of a paper request; and the language the requester is written to (``LOCALE``: Bahasa Indonesia
unless the officer chooses English, as a requester filing on the portal chooses it by the portal's language).
Posting it is ``intake.submit_request``, the verb behind ``POST /api/v1/requests/paper``. The new case's page then
shows the ticket and the access code once, for the officer to hand to the requester with the receipt.
"""

from __future__ import annotations

from datetime import datetime

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from api.boundary import commit, runtime
from api.extensions import db
from api.reports.labels import REQUEST_CHOICES
from api.web import schema_form
from api.web.blueprint import bp
from api.web.portal import repeats
from api.web.portal.filing import dressed
from api.web.session import officer
from engine import access, casework, intake, languages
from engine.errors import Invalid
from engine.files import Upload
from engine.messages import msg

# The channels of a request that did not come through the portal (engine.intake.CHANNELS but "web").
DESK_CHANNELS = {
    "langsung": ("Datang langsung", "In person"),
    "pos": ("Surat (pos atau kurir)", "Letter (post or courier)"),
    "email": ("E-mail", "E-mail"),
    "telepon": ("Telepon (dicatat petugas)", "Telephone (recorded by the officer)"),
    "medsos": (
        "WhatsApp atau media sosial (dicatat petugas; pemohon diminta mengonfirmasi)",
        "WhatsApp or social media (recorded by the officer; the requester is asked to confirm)",
    ),
}


CHOICES = ("requester_type", "obtain_method", "delivery_method")
# The proxy section's hint for the officer (the form's own speaks to the one filing).
PROXY_HINT = _l(
    "Only when a proxy files for the requester: copy their data from the special power of attorney, and check it "
    "and the copy of the requester's ID card."
)
DESK_FORM = "loket-permohonan"  # the desk form's kind for its submission keys (not the portal's request form)
LOCALE = "locale"  # the field of the language the requester is written to


def desk_schema(rt) -> dict:
    """The request form with the front desk's own fields first, its choices labelled in both languages."""
    # The choices labelled as the portal labels them, without its hints (they speak to the requester).
    dressing = {name: {"choices": REQUEST_CHOICES[name]} for name in CHOICES} | {"kuasa": {"hint": PROXY_HINT}}
    base = dressed(rt.forms.schema("permohonan.json"), dressing)
    desk = {
        "channel": {
            "type": "string",
            "title": "Saluran permohonan",
            "x-title-en": "How the request came",
            "enum": list(DESK_CHANNELS),
            "x-enum-titles": {code: labels[0] for code, labels in DESK_CHANNELS.items()},
            "x-enum-titles-en": {code: labels[1] for code, labels in DESK_CHANNELS.items()},
        },
        "received_at": {
            "type": "string",
            "format": "date-time",
            "title": "Diterima pada (tanggal dan jam)",
            "x-title-en": "Received on (date and time)",
            "description": "Waktu permohonan sampai di kantor, misalnya cap agenda surat masuk; kosongkan bila baru "
            "saja diterima. Batas waktu 10 hari kerja dihitung sejak saat itu.",
            "x-description-en": "When the request reached the office, e.g. the incoming-mail stamp; leave empty when "
            "it has just arrived. The 10 working days are counted from then.",
        },
        intake.PAPER_SCAN: {
            "type": "array",
            "title": "Pindaian surat permohonan",
            "x-title-en": "Scanned pages of the paper request",
            "description": "PDF, PNG atau JPEG; paling banyak 5 berkas.",
            "x-description-en": "PDF, PNG or JPEG; at most 5 files.",
            "x-kawal-file": {"types": ["application/pdf", "image/png", "image/jpeg"], "maxFiles": 5},
        },
    }
    language = intake.language_property(
        "Bahasa pesan dan surat untuk pemohon", "Language of the requester's messages and letters"
    )
    # Beside the requester's data: the language they wrote in is the one they read.
    people = {k: v for k, v in base["properties"].items() if k in ("requester", "requester_type")}
    rest = {k: v for k, v in base["properties"].items() if k not in people}
    properties = {**desk, **people, LOCALE: language, **rest}
    return {**base, "properties": properties, "required": ["channel", *base.get("required", [])]}


@bp.route("/loket/permohonan", methods=["GET", "POST"])
@login_required
def desk_request():
    user, rt = officer(), runtime()
    access.require_front_desk(user)
    schema = desk_schema(rt)
    if request.method == "GET":  # Bahasa Indonesia chosen, the office's language
        return _page(schema, MultiDict({LOCALE: languages.DEFAULT}), None)
    if (earlier := repeats.filed_case(DESK_FORM, request.form)) is not None:
        return _recorded_already(user, earlier)
    data = schema_form.parse(schema, request.form, rt.calendars["strict"].tz)
    channel, received = data.pop("channel", None), data.pop("received_at", None)
    locale = data.pop(LOCALE, None) or languages.DEFAULT
    try:
        missing = {} if channel is not None else {"channel": [msg("required")]}
        if locale not in intake.LOCALES:
            missing[LOCALE] = [msg("one_of", choices=", ".join(intake.LOCALES))]
        if missing:  # said with the form's other errors, in one answer
            try:
                rt.forms.validate(intake.REQUEST_FORM, data)
            except Invalid as more:
                missing.update(more.fields)
            raise Invalid("invalid_data", fields=missing)
        when = datetime.fromisoformat(received) if received else None
        scans = [Upload.from_storage(f) for f in request.files.getlist(intake.PAPER_SCAN) if f.filename]
        result = intake.submit_request(
            db.session, rt, data, user=user, channel=channel, received_at=when, scans=scans, locale=locale
        )
    except ValueError:
        db.session.rollback()
        return _page(schema, request.form, {"received_at": [_("Enter a date and a time.")]}, 422)
    except Invalid as error:
        db.session.rollback()
        return _page(schema, request.form, error.fields, 422)
    if not repeats.record(DESK_FORM, request.form, result.case):
        db.session.rollback()  # the same form, sent twice at once, recorded its request first
        return _recorded_already(user, repeats.filed_case(DESK_FORM, request.form))
    commit(result.case)
    flash(
        _(
            "Request recorded as %(ticket)s. Give the requester the ticket and the access code %(code)s with the "
            "receipt: the code is shown only now.",
            ticket=result.case.ticket,
            code=result.access_code,
        ),
        "success",
    )
    return redirect(url_for("web.case", ticket=result.case.ticket), 303)


def nothing_to_fill(fields) -> None:
    """The requester's details are typed by the officer for someone else: the browser offers neither the officer's
    own nor the last requester's (the public form's autocomplete tokens are for visitors' own details)."""
    for f in fields:
        if "autocomplete" in f.attrs:
            f.attrs["autocomplete"] = "off"
        nothing_to_fill(f.children)


def _recorded_already(user, case):
    """The form sent again (a second click, a lost answer): nothing new is recorded. The access code shown with
    the first answer may never have reached the desk, so the case gets a new one, shown now (the history records
    the reissue); the old one stops working."""
    code = casework.reissue_access_code(db.session, case, user.username, repeats.REISSUE_REASON)
    db.session.commit()
    flash(
        _(
            "This request was already recorded as %(ticket)s. Its new access code is %(code)s: give it to the "
            "requester with the receipt; a code shown before no longer works.",
            ticket=case.ticket,
            code=code,
        ),
        "success",
    )
    return redirect(url_for("web.case", ticket=case.ticket), 303)


def _page(schema: dict, values, errors: dict | None, status: int = 200):
    chosen = [f.filename for f in request.files.getlist(intake.PAPER_SCAN) if f.filename] if errors else []
    if chosen and intake.PAPER_SCAN not in errors:
        # A browser never fills a file field again: without a word, the officer who mends the NIK alone records
        # the request without its scan.
        again = _("Choose the scan again (%(names)s): a form sent back keeps no files.", names=", ".join(chosen))
        errors = {**errors, intake.PAPER_SCAN: [again]}
    fields, general = schema_form.form_fields(schema, values, errors)
    nothing_to_fill(fields)
    return render_template(
        "desk_request.html",
        fields=fields,
        general=general,
        has_errors=bool(errors),
        submission_key=repeats.key_for(values),  # a second click files nothing twice (api.web.portal.repeats)
    ), status
