"""The letters and notices a case sent to its requester or reporter, as the portal's status page
shows them: a request's or objection's letters from the tasks that wrote them (engine.bundle names
them), a complaint's documents addressed to the reporter (engine.documents).

Only the fields the letter's form marks visible to the requester (``"x-visible-to": ["pemohon"]``,
engine.visibility) are shown, and never what ``bundle.redact`` removes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.dates import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from api.extensions import db
from api.web import schema_form
from api.web.case import money
from api.web.facts import value_text
from engine import access, bundle, dip_match, documents, exemption_words, kinds, notices, visibility
from engine.calendar import iso_day
from engine.letters.types import TYPES
from engine.models import Case, CaseEvent

READER = frozenset({access.REQUESTER})
PAYMENT = "catat_pembayaran"  # the fee's payment (engine.fees): its receipt, the kuitansi letter, goes to the requester


@dataclass(frozen=True)
class Letter:
    task: str  # the task whose completion writes it (engine.bundle.DOCUMENTS names it)
    form: str
    shown_after: str | None = None  # the task that sends it, when that is a later one


LETTERS = {
    letter.task: letter
    for letter in (
        Letter("tentukan_langkah", "tentukan_langkah.json"),
        Letter("putuskan", "putuskan.json", shown_after="pemberitahuan_tertulis"),
        Letter("pemberitahuan_tertulis", "pemberitahuan_tertulis.json"),
        Letter("pemberitahuan_tidak_lengkap", "pemberitahuan_tidak_lengkap.json"),
        Letter("penyerahan_informasi", "penyerahan_informasi.json"),
        Letter("penyerahan_lanjutan", "penyerahan_informasi.json"),
        Letter("registrasi_keberatan", "keberatan_registrasi.json"),
        Letter("tawarkan_musyawarah", "keberatan_musyawarah.json"),
        Letter("putuskan_keberatan", "keberatan_putusan.json", shown_after="kirim_tanggapan"),
        Letter(PAYMENT, "catat_pembayaran.json"),
    )
}


def _addressed(task: str, data: dict) -> bool:
    if task == "tentukan_langkah":
        return data.get("langkah") == "perpanjang"  # only an extension writes to the requester
    if task == "putuskan":
        return str(data.get("keputusan", "")).startswith("ditolak")  # the rejection decision letter
    return True


def letters(rt, case: Case, locale: str) -> list[dict]:
    """The letters and notices the case sent to its requester or reporter, newest last."""
    if case.kind == kinds.COMPLAINT:
        out = []
        for doc in documents.issued(db.session, case):
            if doc.audience == "reporter":
                _doc, text = documents.render(db.session, rt.forms, case, doc.name, locale, READER, rt)
                out.append({"title": doc.title_en if locale == "en" else doc.title_id, "text": text})
        return out
    events = _completed(case)
    done = {e.data.get("task") for e in events}
    cited = dip_match.cited_by_case(db.session, case) if "pemberitahuan_tertulis" in done else None
    out = []
    decided = None  # the decision the written notice tells (its point c)
    for i, event in enumerate(events):
        task, data = event.data.get("task"), bundle.redact(event.data.get("data", {}))
        if task == "putuskan":
            decided = _decision_words(rt, data, locale)
        letter = LETTERS.get(task)
        if letter is None or not _addressed(task, data) or (letter.shown_after and letter.shown_after not in done):
            continue
        title = TYPES["kuitansi"].title(locale) if task == PAYMENT else bundle.document_title(task, data, locale)
        visible = visibility.shown(rt.forms, letter.form, data, READER)
        schema = rt.forms.schema(letter.form)
        facts = _labelled(schema, visible, locale)
        words = {name: value for name, _label, value in facts}
        if visible.get(EXEMPTIONS):  # said in a sentence, not as the form's list of choices
            words[EXEMPTIONS] = _exemption_grounds(schema, visible[EXEMPTIONS], locale)
        labels = {name: label for name, label, _value in facts}
        if task == "pemberitahuan_tertulis":  # its fee paid since: said so, instead of how to pay it
            words["paid"] = _paid_after(rt, events[i + 1 :], locale)
        if task == "registrasi_keberatan":  # "sent by e-mail" only once Kawal's mail went (engine.notices)
            words[MAILED] = notices.receipt_mailed(db.session, case)
        shown = {"title": title, "at": event.at, "paragraphs": _prose(task, visible, words, labels)}
        if task == "pemberitahuan_tertulis" and decided:  # granted or refused first, as the letter says it
            shown["paragraphs"].insert(0, decided)
        if task == "pemberitahuan_tertulis" and cited is not None:  # "already public": the notice links the item
            shown["dip"] = {"title": cited.title, "url": dip_match.public_path(cited)}
        out.append(shown)
    return out


def _paid_after(rt, later: list[CaseEvent], locale: str) -> str | None:
    """The payment recorded after a written notice and before the next one, in words, or None while unpaid."""
    for event in later:
        task = event.data.get("task")
        if task == "pemberitahuan_tertulis":
            return None
        if task == PAYMENT:
            data = visibility.shown(rt.forms, "catat_pembayaran.json", event.data.get("data", {}), READER)
            words = {name: value for name, _label, value in _labelled(rt.forms.schema(PAYMENT + ".json"), data, locale)}
            if not words.get("nomor_tanda_bukti_pembayaran"):  # cash at the desk: the kuitansi is its proof
                return _("Paid on %(date)s.", date=words.get("tanggal_pembayaran", "—"))
            return _(
                "Paid on %(date)s, receipt number %(number)s.",
                date=words.get("tanggal_pembayaran", "—"),
                number=words.get("nomor_tanda_bukti_pembayaran", "—"),
            )
    return None


def _completed(case: Case) -> list[CaseEvent]:
    """The case's completed tasks as its history holds them, in order: what its letters and decision are read from."""
    return db.session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "task_completed")
        .order_by(CaseEvent.seq)
    ).all()


EXEMPTIONS = "pasal_pengecualian"  # the refusal's UU 14/2008 Pasal 17 letters (putuskan.json)
# A decision on a request as its requester reads it: the written notice's point c (UU 14/2008 Pasal 22(7)(c)),
# granted or refused and why, in a sentence (``%(grounds)s``: Pasal 17's letters, ``_exemption_grounds``).
DECISIONS = {
    "dikabulkan_seluruhnya": _l("Your request was granted in full."),
    "dikabulkan_sebagian": _l(
        "Your request was granted in part; the rest was refused: it is exempt under Law 14/2008 Article 17 %(grounds)s."
    ),
    "ditolak_dikecualikan": _l(
        "Your request was refused: the information is exempt under Law 14/2008 Article 17 %(grounds)s."
    ),
    "tidak_dikuasai": _l("Your request cannot be met: the office does not hold the information."),
    "belum_dikuasai_didokumentasikan": _l(
        "Your request cannot be met yet: the office does not hold the information yet, or has not documented it."
    ),
}


# A refusal a dispute's final decision overturned (engine.exemption_ends: the request's ``refusal_overturned`` event):
# the notice's refusal no longer stands, and the requester reads that instead of it.
OVERTURNED = "refusal_overturned"
OVERTURNED_WORDS = _l(
    "The refusal in the written notice no longer stands: %(reason)s on %(date)s. The office must give you the"
    " information; follow it on the dispute's page."
)


def decision(rt, case: Case, locale: str) -> str | None:
    """The decision on a request in a sentence (``DECISIONS``), once its written notice has told it; else None. A
    refusal a dispute's final decision overturned says so instead (``OVERTURNED_WORDS``)."""
    if case.kind != kinds.REQUEST:
        return None
    tasks = [(e.data.get("task"), e.data.get("data", {})) for e in _completed(case)]
    if not any(task == "pemberitahuan_tertulis" for task, _data in tasks):
        return None
    overturned = _overturned_by_dispute(case, locale)
    if overturned is not None:
        return overturned
    decided = [data for task, data in tasks if task == "putuskan"]
    return _decision_words(rt, bundle.redact(decided[-1]), locale) if decided else None


def _overturned_by_dispute(case: Case, locale: str) -> str | None:
    """The last dispute's final decision that overturned the request's refusal, in a sentence; None when none did."""
    events = db.session.scalars(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == OVERTURNED)
        .order_by(CaseEvent.seq.desc())
    )
    found = next((data for data in events if data.get("dispute") and data.get("code") in exemption_words.WORDS), None)
    on = iso_day((found or {}).get("on"))
    if found is None or on is None:
        return None
    reason = exemption_words.worded(found["code"], found.get("params") or {}, locale)
    return str(OVERTURNED_WORDS) % {"reason": reason, "date": format_date(on, "d MMM y", locale=locale)}


def _decision_words(rt, data: dict, locale: str) -> str | None:
    visible = visibility.shown(rt.forms, "putuskan.json", data, READER)
    sentence = DECISIONS.get(visible.get("keputusan"))
    if sentence is None:
        return None
    letters = visible.get(EXEMPTIONS)
    grounds = _exemption_grounds(rt.forms.schema("putuskan.json"), letters, locale) if letters else ""
    return str(sentence) % {"grounds": grounds} if "%(grounds)s" in str(sentence) else str(sentence)


FORM_LETTER = re.compile(r"^[a-z]\.\s*")  # a choice's title begins with its letter: "h. rahasia pribadi"


def _exemption_grounds(schema: dict, letters: list[str], locale: str) -> str:
    """Pasal 17's letters each with what it exempts, as a sentence goes on after "Pasal 17": "huruf h (rahasia
    pribadi)". The form's choices read "h. rahasia pribadi", which after "huruf" made "huruf h. rahasia pribadi"."""
    field = next(f for f in schema_form.build_fields(schema, locale) if f.name == EXEMPTIONS)
    titles = dict(field.options)
    out = []
    for letter in letters if isinstance(letters, list) else [letters]:
        meaning = FORM_LETTER.sub("", titles.get(letter, ""))
        if meaning:
            out.append(_("letter %(letter)s (%(meaning)s)", letter=letter, meaning=meaning))
        else:
            out.append(_("letter %(letter)s", letter=letter))
    return ", ".join(out)


def _labelled(schema: dict, data: dict, locale: str) -> list[tuple[str, str, str]]:
    """(name, label, value in words) of each field recorded, in the form's order."""
    fields = schema_form.build_fields(schema, locale)
    return [
        (f.name, f.label, value_text(data[f.name], dict(f.options)))
        for f in fields
        if f.name in data and data[f.name] not in (None, "", [], {})
    ]


def _prose(task: str, data: dict, words: dict[str, str], labels: dict[str, str]) -> list[str]:
    """The letter's content as sentences to its reader (``words``: each field's value in words), never as a
    list of form fields. The formal letters with letterhead and number are issue 14's."""
    out = []
    if task == "putuskan":
        out.append(_("Decision on your request: %(decision)s.", decision=words.get("keputusan", "")))
        if data.get(EXEMPTIONS):
            grounds = words[EXEMPTIONS]
            out.append(
                _("The information withheld is exempt under Law 14/2008 Article 17 %(grounds)s.", grounds=grounds)
            )
        if data.get("alasan_keputusan"):
            out.append(_("Reasons: %(reasons)s", reasons=_sentence(words["alasan_keputusan"])))
        if data.get("badan_publik_penguasa"):
            out.append(_("The information is held by %(body)s.", body=words["badan_publik_penguasa"]))
        return out
    if task == "pemberitahuan_tertulis":
        held = data.get("informasi_dikuasai")
        out.append(_("The information you asked for is held by this office.") if held else "")
        if held is False:
            out[-1] = _("The information you asked for is not held by this office.")
            if data.get("badan_publik_penguasa"):
                out.append(_("It is held by %(body)s.", body=words["badan_publik_penguasa"]))
        # The officer's words inside a sentence that ends with its own full stop: theirs is not doubled.
        if data.get("materi_diberikan"):
            out.append(_("What you are given: %(what)s.", what=_clause(words["materi_diberikan"])))
        if data.get("penghitaman"):
            why = _sentence(words.get("alasan_penghitaman", ""))
            out.append(_("Parts have been blacked out, because: %(why)s", why=why))
        if data.get("media_format"):
            out.append(_("Medium and format: %(format)s.", format=_clause(words["media_format"])))
        if "biaya" in data:
            fee = data.get("biaya") or 0
            out.append(_("There is no fee.") if not fee else _("Fee for copying or sending: %(fee)s.", fee=money(fee)))
            if fee and words.get("paid"):  # paid since: when and under which receipt, no longer how to pay
                out.append(words["paid"])
            elif fee and data.get("cara_pembayaran"):
                out.append(_("How to pay: %(how)s", how=_sentence(words["cara_pembayaran"])))
        if data.get("tanggal_pemberitahuan"):
            out.append(
                _(
                    "This notice was sent on %(date)s by %(how)s.",
                    date=words["tanggal_pemberitahuan"],
                    how=words.get("dikirim_melalui", "—").lower(),  # mid-sentence: "by post", "melalui pos"
                )
            )
        return [line for line in out if line]
    if task == "tentukan_langkah":
        reason = EXTENSION_REASONS.get(data.get("alasan_perpanjangan"))
        if reason is not None:
            out.append(
                _("The time to answer your request is extended by 7 working days, because %(reason)s.", reason=reason)
            )
        else:  # a reason without words of its own: its title, as the form names it
            reason = _clause(words.get("alasan_perpanjangan", ""))
            out.append(
                _("The time to answer your request is extended by 7 working days, because: %(reason)s.", reason=reason)
            )
        if data.get("rincian_alasan_perpanjangan"):
            out.append(_sentence(words["rincian_alasan_perpanjangan"]))
        return out
    if task in PLAIN:
        return [line for line in PLAIN[task](data, words) if line]
    # A letter without words of its own: each field as "label: value.", the value's own full stop not doubled.
    return [
        _("%(label)s: %(value)s.", label=labels[name], value=value.removesuffix(".")) for name, value in words.items()
    ]


def _sentence(text: str) -> str:
    """Free text the officer wrote, ended as a sentence: its own full stop (or ! ?) kept, one added otherwise."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _clause(text: str) -> str:
    """Free text the officer wrote, inside a sentence that ends with its own full stop: theirs dropped."""
    return text.strip().removesuffix(".").rstrip()


# An extension's reason (tentukan_langkah.json ``alasan_perpanjangan``; legal-process.md §3.5) as a sentence goes on
# after "because": the form's titles ("Not yet documented") read as a label, capitalised mid-sentence.
EXTENSION_REASONS = {
    "belum_dikuasai": _l("the office does not hold the information yet"),
    "belum_didokumentasikan": _l("the information has not been documented yet"),
    "belum_dapat_diputuskan_dikecualikan": _l("the office cannot decide yet whether the information is exempt"),
}


# The objection's receipt and the office's other letters, told to the requester in plain statements: the forms'
# field titles are the officers' instructions ("Alasan tertulis (wajib jika ...)"), never what the requester reads.
RECEIPT_SENT = {
    "langsung": _l("The receipt was handed to you in person."),
    "email": _l("The receipt was sent to you by e-mail."),
    "pos": _l("The receipt was sent to you by post."),
}
# A receipt given by e-mail is Kawal's mail (engine.notices.receipt_mailed): said as what became of it.
MAILED = "mailed"
RECEIPT_MAILING = {
    "sending": _l("The receipt is being sent to you by e-mail."),
    "sent_to_proxy": _l("The receipt was sent by e-mail to your proxy."),
    None: _l(
        "The receipt could not be sent to you by e-mail (no e-mail address is on file, or the mail did not go):"
        " download it from this page."
    ),
}
HANDED_OVER = {
    "langsung": _l("The information was handed to you in person on %(date)s."),
    "kurir": _l("The information was sent to you by courier on %(date)s."),
    "pos": _l("The information was sent to you by post on %(date)s."),
    "faksimili": _l("The information was sent to you by fax on %(date)s."),
    "email": _l("The information was sent to you by e-mail on %(date)s."),
}
SETTLEMENT = {
    "sepakat": _l("You and the office reached an agreement."),
    "tidak_sepakat": _l(
        "You and the office did not reach an agreement; the PPID's superior decides on your objection."
    ),
    "tidak_bersedia": _l("The settlement talks did not take place; the PPID's superior decides on your objection."),
}


def _objection_receipt(data: dict, words: dict) -> list[str]:
    how = data.get("cara_kirim_tanda_terima")
    unmailed = how == "email" and words.get(MAILED) != "sent"  # not given yet
    # The registration issues the receipt, the copy of the form (the officer no longer ticks that it was given).
    out = [_("A copy of your objection form was given to you as its receipt.")] if how and not unmailed else []
    if unmailed:
        out.append(str(RECEIPT_MAILING[words.get(MAILED)]))
    elif how:
        out.append(
            str(RECEIPT_SENT[how])
            if how in RECEIPT_SENT
            else _("Receipt sent by: %(how)s.", how=words["cara_kirim_tanda_terima"])
        )
    return out


def _objection_decision(data: dict, words: dict) -> list[str]:
    out = []
    if data.get("keputusan"):
        out.append(_("The PPID's superior decided on your objection: %(decision)s.", decision=words["keputusan"]))
    if data.get("alasan_tertulis"):
        out.append(_("Reasons: %(reasons)s", reasons=_sentence(words["alasan_tertulis"])))
    if data.get("perintah_kepada_ppid"):
        out.append(
            _("The superior instructs the PPID: %(instruction)s", instruction=_sentence(words["perintah_kepada_ppid"]))
        )
    if data.get("tanggal_keputusan"):
        out.append(_("Decided on %(date)s.", date=words["tanggal_keputusan"]))
    return out


def _settlement(data: dict, words: dict) -> list[str]:
    out = []
    if data.get("tanggal"):
        out.append(_("Settlement talks on your objection were held on %(date)s.", date=words["tanggal"]))
    if data.get("hasil"):
        known = SETTLEMENT.get(data["hasil"])
        out.append(str(known) if known else _("Outcome: %(outcome)s.", outcome=words["hasil"]))
    if data.get("kesepakatan"):
        out.append(_("What was agreed: %(terms)s", terms=_sentence(words["kesepakatan"])))
    if data.get("informasi_diserahkan"):
        out.append(_("It was agreed that the information is handed over to you."))
    return out


def _hand_over(data: dict, words: dict) -> list[str]:
    out = []
    how, when = data.get("cara_penyerahan"), words.get("tanggal_penyerahan")
    if when:
        out.append(
            str(HANDED_OVER[how]) % {"date": when}
            if how in HANDED_OVER
            else _("The information was handed over to you on %(date)s.", date=when)
        )
    if data.get("biaya_dibayar"):
        out.append(_("You paid %(fee)s for copying or sending.", fee=money(data["biaya_dibayar"])))
        if data.get("nomor_tanda_bukti_pembayaran"):
            out.append(_("Payment receipt number: %(number)s.", number=words["nomor_tanda_bukti_pembayaran"]))
    if data.get("nomor_berita_acara"):
        out.append(_("The hand-over is recorded under number %(number)s.", number=words["nomor_berita_acara"]))
    return out


def _payment(data: dict, words: dict) -> list[str]:
    out = []
    if data.get("jumlah_dibayar"):
        out.append(_("You paid %(fee)s for copying or sending.", fee=money(data["jumlah_dibayar"])))
    if words.get("tanggal_pembayaran"):
        out.append(_("Paid on %(date)s.", date=words["tanggal_pembayaran"]))
    if data.get("nomor_tanda_bukti_pembayaran"):
        out.append(_("Payment receipt number: %(number)s.", number=_clause(words["nomor_tanda_bukti_pembayaran"])))
    return out


PLAIN = {
    PAYMENT: _payment,
    "registrasi_keberatan": _objection_receipt,
    "putuskan_keberatan": _objection_decision,
    "tawarkan_musyawarah": _settlement,
    "penyerahan_informasi": _hand_over,
    "penyerahan_lanjutan": _hand_over,
}
