"""Every task form in forms/ becomes HTML fields, and posted fields come back in the schema's types."""

import json
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from werkzeug.datastructures import MultiDict

from api.web import schema_form
from engine.config import FORMS_DIR

WIB = ZoneInfo("Asia/Jakarta")
FORMS = sorted(FORMS_DIR.glob("*.json"))


def _schema(name):
    return json.loads((FORMS_DIR / name).read_text(encoding="utf-8"))


def _by_name(fields):
    out = {}
    for f in fields:
        out[f.name] = f
        out.update(_by_name(f.children))
    return out


@pytest.fixture
def page(app):
    with app.test_request_context():
        yield


OFFICE_UNITS = [SimpleNamespace(code="KANWIL", name="Kantor Wilayah"), SimpleNamespace(code="PENDMAD", name="Bidang")]


@pytest.mark.parametrize("path", FORMS, ids=[p.name for p in FORMS])
def test_every_form_has_a_widget_and_a_label_for_every_field(page, path):
    """As the task page draws it: a field naming one of the office's units lists them (with_unit_choices)."""
    schema = schema_form.with_unit_choices(json.loads(path.read_text(encoding="utf-8")), lambda: OFFICE_UNITS)
    for locale in ("id", "en"):
        fields = _by_name(schema_form.build_fields(schema, locale))
        assert set(fields) >= set(schema.get("properties", {}))
        for f in fields.values():
            assert f.label != f.name.split(".")[-1], f"{path.name}:{f.name} has no title"
            if f.widget in ("radios", "select", "checkboxes"):
                assert f.options


def test_widgets_follow_the_schema(page):
    fields = _by_name(schema_form.build_fields(_schema("pemberitahuan_tertulis.json"), "id"))
    assert fields["informasi_dikuasai"].widget == "yes_no"
    assert fields["biaya"].widget == "number"
    assert fields["tanggal_pemberitahuan"].widget == "date"
    assert fields["dikirim_melalui"].widget == "radios"
    assert fields["materi_diberikan"].widget == "textarea"
    assert fields["media_format"].widget == "textarea"  # maxLength 300: long text
    fields = _by_name(schema_form.build_fields(_schema("putuskan.json"), "en"))
    assert fields["pasal_pengecualian"].widget == "checkboxes"
    assert fields["keputusan"].widget == "radios"
    assert ("ditolak_dikecualikan", "Rejected (Exempt)") in fields["keputusan"].options  # the status vocabulary
    fields = _by_name(schema_form.build_fields(_schema("tetapkan_pengecualian.json"), "id"))
    assert fields["uji_diperiksa"].widget == "confirm"
    fields = _by_name(schema_form.build_fields(_schema("sengketa_berkas.json"), "id"))
    assert fields["daftar_bukti"].widget == "lines"
    assert "Satu butir per baris." in fields["daftar_bukti"].hint
    fields = _by_name(schema_form.build_fields(_schema("pengaduan_klasifikasi.json"), "id"))
    assert fields["kode_masalah"].widget == "select"
    assert ("03", "Korupsi / pungli") in fields["kode_masalah"].options


def test_posted_fields_become_the_schemas_types(page):
    schema = _schema("pemberitahuan_tertulis.json")
    form = MultiDict(
        {
            "informasi_dikuasai": "true",
            "penghitaman": "false",
            "biaya": "15000",
            "tanggal_pemberitahuan": "2026-11-30",
            "dikirim_melalui": "email",
            "materi_diberikan": "  Daftar penerima  ",
            "cara_pembayaran": "",
        }
    )
    data = schema_form.parse(schema, form, WIB)
    assert data == {
        "informasi_dikuasai": True,
        "penghitaman": False,
        "biaya": 15000,
        "tanggal_pemberitahuan": "2026-11-30",
        "dikirim_melalui": "email",
        "materi_diberikan": "Daftar penerima",
    }
    assert schema_form.parse(schema, MultiDict({"biaya": "2,5"}), WIB)["biaya"] == 2.5
    assert schema_form.parse(schema, MultiDict({"biaya": "banyak"}), WIB)["biaya"] == "banyak"  # reported, not lost


def test_lists_checkboxes_nested_objects_and_instants(page):
    data = schema_form.parse(
        _schema("putuskan.json"), MultiDict([("pasal_pengecualian", "h"), ("pasal_pengecualian", "j")]), WIB
    )
    assert data == {"pasal_pengecualian": ["h", "j"]}
    data = schema_form.parse(
        _schema("sengketa_berkas.json"), MultiDict({"daftar_bukti": "Bukti 1\r\n\r\n Bukti 2 "}), WIB
    )
    assert data["daftar_bukti"] == ["Bukti 1", "Bukti 2"]
    keberatan = _schema("keberatan.json")
    assert "kuasa" not in schema_form.parse(keberatan, MultiDict({"kuasa.name": ""}), WIB)
    assert schema_form.parse(keberatan, MultiDict({"kuasa.name": "Budi"}), WIB)["kuasa"] == {"name": "Budi"}
    sengketa = _schema("sengketa.json")
    data = schema_form.parse(sengketa, MultiDict({"sidang_pertama": "2026-12-03T09:30"}), WIB)
    assert data["sidang_pertama"] == "2026-12-03T09:30:00+07:00"


def test_errors_land_on_the_deepest_field_and_the_rest_in_the_summary(page):
    fields = schema_form.build_fields(_schema("keberatan.json"), "id")
    left = schema_form.attach_errors(fields, {"kuasa.name": ["terlalu pendek"], "_schema": ["batas waktu"]})
    assert _by_name(fields)["kuasa.name"].errors == ["terlalu pendek"]
    assert left == ["batas waktu"]


def test_a_list_of_objects_is_rows_an_empty_row_is_no_item_and_a_filled_one_adds_a_row(page):
    schema = _schema("penyerahan_informasi.json")
    fields = _by_name(schema_form.build_fields(schema, "id"))
    assert [c.name for c in fields["penghitaman"].children] == ["penghitaman.0", "penghitaman.1"]
    assert fields["penghitaman.0.pasal"].required is False  # a row may stay empty
    assert ("h", "huruf h: rahasia pribadi") in fields["penghitaman.0.pasal"].options
    posted = MultiDict(
        {
            "penghitaman.0.berkas": "1",
            "penghitaman.0.asli": "1",
            "penghitaman.0.pasal": "h",
            "penghitaman.1.berkas": "",
            "penghitaman.1.pasal": "",
            "penghitaman.2.berkas": "2",
            "penghitaman.2.asli": "2",
            "penghitaman.2.pasal": "c",
            "penghitaman.2.halaman": "3",
        }
    )
    assert schema_form.parse(schema, posted, WIB)["penghitaman"] == [
        {"berkas": 1, "asli": 1, "pasal": "h"},
        {"berkas": 2, "asli": 2, "pasal": "c", "halaman": 3},
    ]
    shown = _by_name(schema_form.build_fields(schema, "id", posted))
    assert len(shown["penghitaman"].children) == 4  # up to the last filled row, and one more
    assert schema_form.parse(schema, MultiDict({"penghitaman.0.pasal": ""}), WIB).get("penghitaman") is None


def test_a_unit_reference_is_a_select_of_the_office_s_units_that_may_stay_unchosen(page):
    """A complaint's referral names a unit by its code: the page lists the units by name and code, in a select
    whatever their number (radios could not be cleared when the complaint goes to the Inspectorate instead)."""
    raw = _schema("pengaduan_klasifikasi.json")
    schema = schema_form.with_unit_choices(raw, lambda: OFFICE_UNITS)
    field = _by_name(schema_form.build_fields(schema, "id"))["unit_tujuan"]
    assert field.widget == "select"
    assert field.options == [("KANWIL", "Kantor Wilayah (KANWIL)"), ("PENDMAD", "Bidang (PENDMAD)")]
    assert not field.required
    assert "enum" not in raw["properties"]["unit_tujuan"]  # the shared schema is left as it was
    assert schema_form.with_unit_choices(_schema("putuskan.json"), lambda: pytest.fail("read units")) is not None


def test_a_group_the_form_never_requires_marks_none_of_its_fields_required(page):
    """The objection's proxy (kuasa) is optional: its fields were each marked "(wajib)". A group required in
    some cases (a confidential reporter's identity) keeps its marks, and a required group (the requester) too."""
    objection = _by_name(schema_form.build_fields(_schema("keberatan.json"), "id"))
    assert objection["kuasa.name"].required is False
    complaint = _by_name(schema_form.build_fields(_schema("pengaduan.json"), "id"))
    assert complaint["pelapor.name"].required is True
    request = _by_name(schema_form.build_fields(_schema("permohonan.json"), "id"))
    assert request["requester.name"].required is True


def test_the_choices_officers_pick_from_are_named_in_both_languages(page):
    """An English task page offered "Langsung / Email / Pos" and "Sepakat"; each choice of the officers' forms
    that is a word (not a letter of a Pasal) has its name in Bahasa Indonesia and in English, or is a stage."""
    import json

    from engine import status
    from engine.config import ROOT

    unnamed = []
    for path in sorted((ROOT / "forms").glob("*.json")):
        if path.name in ("permohonan.json", "pengaduan.json"):
            continue  # filed on the portal, whose pages name their choices (api.web.portal.filing, reports.labels)
        for key, node in json.loads(path.read_text()).get("properties", {}).items():
            node = node.get("items", node)
            for code in node.get("enum", []):
                if not isinstance(code, str) or len(code) == 1 or code in status.STATUSES:
                    continue
                if code not in node.get("x-enum-titles-en", {}) or code not in node.get("x-enum-titles", {}):
                    unnamed.append(f"{path.name}:{key}:{code}")
    assert unnamed == []
