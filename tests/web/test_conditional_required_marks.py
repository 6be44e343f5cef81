"""A field required only in some cases says so beside its label, and says "required" once its case holds.

The walk found the PPID's written notice of a request granted in full without a "(wajib)" beside "Waktu penyerahan
informasi", though sending it empty is refused: "wajib bila permohonan dikabulkan (Pasal 22 ayat
7)". What the case's decision requires of the notice (what is given, in what form, when: UU 14/2008 Pasal 22 ayat 7,
engine.letters.completeness) is marked required; a field another answer of the same form requires (a redaction's
reason, a fee's payment method: the form's ``allOf`` rules) says when, "(wajib bila ada bagian yang dihitamkan)", and
is marked required once the answers shown meet its rule. A repeated group's error names its row in the summary
("Baris 2: Nama wajib diisi.").
"""

import html
import re

import pytest
import time_machine
from werkzeug.datastructures import MultiDict

from api.web import schema_form
from engine.config import FORMS_DIR
from tests.api.test_complaint_documents import Team
from tests.helpers import decision
from tests.web.pages import text
from tests.web.test_form_error_sentences import _summary
from tests.web.test_reported_persons_page import NOW, ROW
from tests.web.test_schema_form import _by_name, _schema

STEPS = ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah")


def _label(page: str, field: str) -> str:
    """The words of a field's label (or its group's legend), its marks included."""
    found = re.search(rf'<label for="f-{field}">(.*?)</label>', page, re.S) or re.search(
        rf'<fieldset[^>]*id="f-{field}"[^>]*>\s*<legend>(.*?)</legend>', page, re.S
    )
    assert found, field
    return " ".join(re.sub(r"<[^>]+>", "", html.unescape(found[1])).split())


def _notice_page(desk, browser, outcome, language="id"):
    ticket = desk.submit()["ticket"]
    for step in STEPS:
        desk.complete(ticket, step)
    desk.complete(ticket, "putuskan", decision(outcome))
    if outcome == "dikabulkan_sebagian":  # the part refused: tested and determined exempt first
        for step in ("uji_konsekuensi", "tetapkan_pengecualian"):
            desk.complete(ticket, step)
    b = browser("ppid")
    b.get(f"/bahasa/{language}")
    task = desk.task(ticket, "pemberitahuan_tertulis")
    return b, task["id"], text(b.get(f"/tugas/{task['id']}"))


def test_a_notice_of_a_request_granted_in_full_marks_what_article_22_7_requires_of_it(desk, browser):
    _b, _id, page = _notice_page(desk, browser, "dikabulkan_seluruhnya")
    assert _label(page, "jadwal_penyerahan") == "Waktu penyerahan informasi (wajib)"
    assert _label(page, "materi_diberikan") == "d. Materi yang diberikan (wajib)"
    assert _label(page, "media_format") == "f. Media dan format informasi (wajib)"
    assert 'id="f-jadwal_penyerahan" name="jadwal_penyerahan" aria-required="true"' in page
    # The form's own conditions, in words, while their answers are not given.
    assert _label(page, "alasan_penghitaman") == "e. Alasan penghitaman (wajib bila ada bagian yang dihitamkan)"
    assert _label(page, "cara_pembayaran") == "g. Cara pembayaran (wajib bila ada biaya)"


def test_a_notice_of_a_partial_grant_must_also_say_whether_parts_are_redacted(desk, browser):
    _b, _id, page = _notice_page(desk, browser, "dikabulkan_sebagian", "en")
    assert _label(page, "jadwal_penyerahan") == "When the information will be delivered (required)"
    assert _label(page, "penghitaman") == "e. Parts are redacted (required)"
    assert _label(page, "alasan_penghitaman") == "e. Reason for redaction (required if parts are redacted)"


def test_a_notice_of_information_not_held_marks_nothing_a_grant_would_need(desk, browser):
    _b, _id, page = _notice_page(desk, browser, "tidak_dikuasai")
    assert _label(page, "jadwal_penyerahan") == "Waktu penyerahan informasi"
    assert "Diisi bila permohonan dikabulkan, seluruhnya atau sebagian." in page  # when it is filled in
    assert _label(page, "materi_diberikan") == "d. Materi yang diberikan"


def test_a_refused_notice_marks_the_reason_required_once_redaction_is_answered_yes(desk, browser):
    b, task_id, _page = _notice_page(desk, browser, "dikabulkan_sebagian")
    form = {"informasi_dikuasai": "true", "penghitaman": "true", "biaya": "5000", "dikirim_melalui": "langsung"}
    refused = b.post(f"/tugas/{task_id}", form)
    assert refused.status_code == 422
    page = text(refused)
    assert _label(page, "alasan_penghitaman") == "e. Alasan penghitaman (wajib)"
    assert _label(page, "cara_pembayaran") == "g. Cara pembayaran (wajib)"


@pytest.fixture
def page(app):
    with app.test_request_context():
        yield


def test_choices_that_require_a_field_are_named_with_the_question_they_answer(page):
    """A rule without words of its own is said by the answers it asks of one question: "“Keputusan”: A atau B"."""
    schema = _schema("keberatan_putusan.json")
    schema["allOf"] = [{k: v for k, v in rule.items() if not k.startswith("x-when")} for rule in schema["allOf"]]
    reasons = _by_name(schema_form.form_fields(schema, MultiDict(), None)[0])["alasan_tertulis"]
    assert reasons.required_when == (
        "wajib bila “Keputusan”: Keberatan Ditolak (Menguatkan PPID) atau Keberatan Dikabulkan Sebagian"
    )


def test_a_rule_with_its_own_words_says_them_once_beside_a_title_without_brackets_of_its_own(page):
    """Review: "Alasan tertulis (Pasal 36 ayat 3) (wajib bila “Keputusan”: Keberatan Ditolak (Menguatkan PPID) atau
    Keberatan Dikabulkan Sebagian)" and "Negara kejadian (bila di luar negeri) (wajib bila “Provinsi kejadian”: Luar
    negeri)" stacked brackets: the rules say when in their own words, the titles no longer do."""
    country = _by_name(schema_form.form_fields(_schema("pengaduan_catat_pengaduan.json"), MultiDict(), None)[0])
    assert country["negara_kejadian"].label == "Negara kejadian"
    assert country["negara_kejadian"].required_when == "wajib bila kejadian di luar negeri"
    fields = _by_name(schema_form.form_fields(_schema("keberatan_putusan.json"), MultiDict(), None)[0])
    reasons = fields["alasan_tertulis"]
    assert not reasons.required
    assert reasons.required_when == "wajib bila keberatan ditolak atau dikabulkan sebagian"
    assert fields["perintah_kepada_ppid"].required_when == "wajib bila keberatan dikabulkan seluruhnya atau sebagian"
    chosen = MultiDict({"keputusan": "keberatan_ditolak"})
    fields = _by_name(schema_form.form_fields(_schema("keberatan_putusan.json"), chosen, None)[0])
    assert fields["alasan_tertulis"].required
    assert not fields["perintah_kepada_ppid"].required
    chosen = MultiDict({"keputusan": "keberatan_dikabulkan_sebagian"})
    fields = _by_name(schema_form.form_fields(_schema("keberatan_putusan.json"), chosen, None)[0])
    assert fields["alasan_tertulis"].required
    assert fields["perintah_kepada_ppid"].required


def test_every_conditionally_required_field_of_every_form_says_when(page):
    """No rule of a form leaves its field unmarked: a rule that asks of more than one answer has words of its own."""
    for path in sorted(FORMS_DIR.glob("*.json")):
        schema = _schema(path.name)
        fields = {f.name: f for f in schema_form.form_fields(schema, MultiDict(), None)[0]}
        for rule in schema.get("allOf", []):
            for name in rule.get("then", {}).get("required", []):
                assert fields[name].required or fields[name].required_when, (path.name, name)


@pytest.mark.parametrize(
    ("language", "said"), [("id", "Baris 2: Nama wajib diisi."), ("en", "Row 2: Name is required.")]
)
def test_an_error_in_a_repeated_group_names_its_row_in_the_summary(browser, client, login, unchanged, language, said):
    with time_machine.travel(NOW, tick=True):
        team = Team(client, login)
        officer = browser("tim")
        officer.get(f"/bahasa/{language}")
        officer.get(f"/kasus/{team.ticket}/terlapor")
        form = {**ROW, "terlapor.1.nama": "", "terlapor.1.jabatan": "Kepala seksi"}
        with unchanged():
            refused = officer.post(f"/kasus/{team.ticket}/terlapor", form)
    assert refused.status_code == 422
    page = text(refused)
    assert _summary(page)["f-terlapor-1-nama"] == said
    under = re.search(r'<p class="field-error" id="f-terlapor-1-nama-error">(.*?)</p>', page, re.S)[1]
    assert said.split(": ", 1)[1] in html.unescape(under)  # under the field, inside row 2's group: the row is in view
