"""The public information list's pages: the portal's catalogue, item pages, downloads and service pages for anyone;
the officers' list, item form, import and service-page editor; the task page's suggestions."""

import io
import re

from openpyxl import load_workbook

from tests.delivery.conftest import pdf
from tests.dip.conftest import item_data
from tests.dip.test_import_export import office_list, workbook
from tests.helpers import decision
from tests.web.pages import text

PDF = pdf("Izin operasional madrasah swasta", "Daftar izin yang terbit tahun 2026")  # read by the scan: clean


def item_form(**overrides) -> dict:
    return {k: str(v) for k, v in item_data(**overrides).items()}


def new_item(officer, publish=True, **overrides) -> int:
    officer.get("/dip/baru")
    r = officer.post("/dip/baru", {**item_form(**overrides), "action": "publish" if publish else "save"})
    assert r.status_code == 302, text(r)
    return int(r.headers["Location"].rsplit("/", 1)[1])


def test_a_requester_finds_an_item_by_an_inflected_word_and_downloads_its_file(browser):
    ppid = browser("ppid")
    item_id = new_item(ppid, title="Izin operasional madrasah swasta", category="setiap_saat", rhythm_months="")
    ppid.get(f"/dip/{item_id}")
    assert (
        ppid.client.post(
            f"/dip/{item_id}/berkas", data={"csrf_token": ppid.token, "file": (io.BytesIO(PDF), "izin.pdf")}
        ).status_code
        == 302
    )
    visitor = browser()
    found = text(visitor.get("/publik/informasi?q=perizinan"))
    assert f'href="/publik/informasi/{item_id}"' in found
    page = text(visitor.get(f"/publik/informasi/{item_id}"))
    assert "Izin operasional madrasah swasta" in page
    download = visitor.client.get(f"/publik/informasi/{item_id}/berkas")
    assert download.data == PDF
    assert download.headers["Content-Disposition"] == 'attachment; filename="izin.pdf"'


def test_not_found_asks_for_it_with_the_words_already_in_the_request_form(browser):
    visitor = browser()
    page = text(visitor.get("/publik/informasi?q=jadwal+vaksinasi+haji"))
    assert "Tidak menemukan? Mintalah" in page
    link = re.search(r'href="(/publik/permohonan\?informasi=[^"]+)"', page)[1]
    form = text(visitor.get(link.replace("&amp;", "&")))
    assert re.search(r'<textarea[^>]*id="f-information"[^>]*>jadwal vaksinasi haji</textarea>', form)


def test_drafts_are_not_public_and_the_catalogue_browses_by_category(browser):
    ppid = browser("ppid")
    draft = new_item(ppid, publish=False, title="Rancangan laporan")
    assert browser().get(f"/publik/informasi/{draft}").status_code == 404
    urgent = new_item(ppid, title="Peringatan dini banjir", category="serta_merta", rhythm_months="")
    listed = text(browser().get("/publik/informasi?kategori=serta_merta"))
    assert f"/publik/informasi/{urgent}" in listed
    assert f"/publik/informasi/{draft}" not in listed


def test_a_serta_merta_item_is_announced_on_the_portals_front_page(browser):
    urgent = new_item(browser("ppid"), title="Peringatan dini banjir", category="serta_merta", rhythm_months="")
    home = text(browser().get("/publik"))
    assert "Pengumuman terkait keselamatan publik" in home
    assert f'href="/publik/informasi/{urgent}"' in home


def test_the_downloads_are_always_current(browser):
    ppid = browser("ppid")
    new_item(ppid, title="Laporan Realisasi Anggaran")
    sheet = load_workbook(io.BytesIO(browser().client.get("/publik/informasi/unduh/xlsx").data)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Laporan Realisasi Anggaran"]
    new_item(ppid, title="Laporan Kinerja")
    sheet = load_workbook(io.BytesIO(browser().client.get("/publik/informasi/unduh/xlsx").data)).active
    assert len(list(sheet.iter_rows(min_row=2))) == 2
    pdf = browser().client.get("/publik/informasi/unduh/pdf")
    assert pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF-")


def test_the_item_form_shows_errors_beside_the_fields_and_saves_nothing(browser, unchanged):
    ppid = browser("ppid")
    ppid.get("/dip/baru")
    with unchanged():
        r = ppid.post("/dip/baru", {**item_form(rhythm_months=""), "action": "save"})
    assert r.status_code == 422
    assert 'id="f-rhythm_months-error"' in text(r)


def test_an_edit_keeps_the_versions_and_a_stale_form_is_refused(browser):
    ppid = browser("ppid")
    item_id = new_item(ppid)
    ppid.get(f"/dip/{item_id}")
    assert (
        ppid.post(f"/dip/{item_id}", {**item_form(format="XLSX"), "version": "1", "action": "save"}).status_code == 302
    )
    stale = ppid.post(f"/dip/{item_id}", {**item_form(format="CSV"), "version": "1", "action": "save"})
    assert stale.status_code == 302
    page = text(ppid.get(f"/dip/{item_id}"))
    assert "diubah orang lain" in page
    assert "versi 2" in page
    assert "versi 1" in page


def test_the_ppid_imports_on_the_page_and_a_bad_file_names_its_rows(browser):
    ppid = browser("ppid")
    ppid.get("/dip/impor")
    good = ppid.client.post(
        "/dip/impor",
        data={
            "csrf_token": ppid.token,
            "file": (io.BytesIO(workbook(office_list(12, units=("KANWIL", "PENDMAD")))), "dip.xlsx"),
        },
    )
    assert good.status_code == 200
    done = text(good)
    assert "12 baris: 12 item baru, 0 diubah, 0 tidak berubah; semuanya terbit." in done
    row = r'<td data-label="Baris">2</td>\s*<td data-label="Item" class="dip-item-title"><a href="/dip/\d+">'
    assert re.search(row, done)
    rows = office_list(3, units=("KANWIL",))
    rows[1]["Kategori"] = "rahasia"
    bad = ppid.client.post(
        "/dip/impor", data={"csrf_token": ppid.token, "file": (io.BytesIO(workbook(rows)), "dip.xlsx")}
    )
    assert bad.status_code == 422
    assert "baris 3.category" in text(bad)
    template = ppid.client.get("/dip/templat")
    assert load_workbook(io.BytesIO(template.data))["DIP"]["B1"].value == "Judul"
    assert browser("unitmad").get("/dip/impor").status_code == 403


def test_service_pages_are_written_by_the_ppid_and_linked_from_every_page(browser):
    visitor = browser()
    for path in ("/publik", "/publik/permohonan", "/publik/status", "/masuk"):
        page = text(visitor.get(path))
        for slug in ("maklumat", "sop", "biaya", "jam_layanan"):
            assert f'href="/publik/halaman/{slug}"' in page
        assert 'href="/publik/informasi"' in page
    assert "belum menerbitkan halaman ini" in text(visitor.get("/publik/halaman/maklumat"))
    ppid = browser("ppid")
    ppid.get("/dip/halaman/maklumat")
    body = "Dengan ini kami menyatakan sanggup:\n\n- melayani permohonan dalam 10 hari kerja\n- tanpa biaya"
    assert ppid.post("/dip/halaman/maklumat", {"body_id": body, "body_en": "We undertake to serve."}).status_code == 302
    page = text(visitor.get("/publik/halaman/maklumat"))
    assert "<li>melayani permohonan dalam 10 hari kerja</li>" in page
    assert "We undertake to serve." in text(
        visitor.get("/bahasa/en?next=/publik/halaman/maklumat", follow_redirects=True)
    )
    assert browser("petugas").get("/dip/halaman/maklumat").status_code == 403


def test_the_officer_sees_suggestions_on_the_task_and_cites_one_in_the_decision(browser, desk):
    ppid = browser("ppid")
    item_id = new_item(ppid, title="Daftar penerima beasiswa madrasah 2026", category="setiap_saat", rhythm_months="")
    receipt = desk.submit()
    for step in ("periksa_kelengkapan", "registrasi", "proses_permohonan", "tentukan_langkah"):
        desk.complete(receipt["ticket"], step)
    task = desk.task(receipt["ticket"], "putuskan")
    page = text(ppid.get(f"/tugas/{task['id']}"))
    cite = f"/tugas/{task['id']}?kutip={item_id}"
    assert cite in page
    prefilled = text(ppid.get(cite))
    assert re.search(
        rf'id="f-dip_item" name="dip_item"[^>]*value="{item_id}"|value="{item_id}"[^>]*id="f-dip_item"', prefilled
    )
    form = {**decision("dikabulkan_seluruhnya"), "dip_item": str(item_id)}
    assert ppid.post(f"/tugas/{task['id']}", form).status_code == 302
    desk.complete(receipt["ticket"], "pemberitahuan_tertulis")
    status = text(
        browser().post("/publik/status", {"ticket": receipt["ticket"], "access_code": receipt["access_code"]})
    )
    assert f'href="/publik/informasi/{item_id}"' in status


def test_personal_data_in_an_item_s_text_asks_the_officer_to_confirm_before_it_is_saved(browser, unchanged):
    """The form offers the confirmation only once a save found personal data, as one checkbox beside the error."""
    ppid = browser("ppid")
    assert 'name="data_pribadi_diperiksa"' not in text(ppid.get("/dip/baru"))
    named = "Penerima: Ahmad Fauzi, NIK 3171234507900123"
    with unchanged():
        r = ppid.post("/dip/baru", {**item_form(summary=named), "action": "publish"})
    assert r.status_code == 422
    page = text(r)
    assert "ada data pribadi dalam teks yang diumumkan: 3171********0123" in page
    assert 'type="checkbox" value="true" id="f-data_pribadi_diperiksa" name="data_pribadi_diperiksa"' in page
    confirmed = ppid.post("/dip/baru", {**item_form(summary=named), "data_pribadi_diperiksa": "true", "action": "save"})
    assert confirmed.status_code == 302, text(confirmed)


def test_a_unit_proposes_an_item_and_the_ppid_sees_it_waiting_and_publishes_it(browser):
    """A unit's officer listed its file as exempt, "Rahasia, menurut kepala unit", and published it straight away."""
    unit = browser("unitmad")
    form = text(unit.get("/dip/baru"))
    assert 'value="dikecualikan"' not in form  # the PPID classifies
    assert 'value="publish"' not in form  # the PPID publishes
    refused = unit.post("/dip/baru", {**item_form(unit="PENDMAD", title="Data madrasah binaan"), "action": "publish"})
    assert refused.status_code == 403
    draft = new_item(unit, publish=False, unit="PENDMAD", title="Data madrasah binaan")
    ppid = browser("ppid")
    listing = text(ppid.get("/dip"))
    assert 'id="awaiting-title"' in listing
    assert f'href="/dip/{draft}">Data madrasah binaan</a>' in listing
    page = ppid.get(f"/dip/{draft}")
    r = ppid.post(
        f"/dip/{draft}",
        {**item_form(unit="PENDMAD", title="Data madrasah binaan"), "version": "1", "action": "publish"},
    )
    assert r.status_code == 302, text(page)
    assert f"Item {draft} disimpan dan diterbitkan: masyarakat kini melihatnya." in text(ppid.get(f"/dip/{draft}"))


def test_saving_and_publishing_a_new_item_says_it_is_now_public(browser):
    ppid = browser("ppid")
    item_id = new_item(ppid)
    page = text(ppid.get(f"/dip/{item_id}"))
    assert f"Item {item_id} disimpan dan diterbitkan: masyarakat kini melihatnya." in page
    draft = new_item(ppid, publish=False, title="Rancangan")
    assert f"Item {draft} disimpan sebagai draf; belum terbit." in text(ppid.get(f"/dip/{draft}"))


def test_a_file_refused_is_said_at_its_field_and_personal_data_asks_for_the_officers_confirmation(browser):
    ppid = browser("ppid")
    item_id = new_item(ppid)
    ppid.get(f"/dip/{item_id}")
    bad = ppid.client.post(
        f"/dip/{item_id}/berkas", data={"csrf_token": ppid.token, "file": (io.BytesIO(b"MZ"), "x.exe")}
    )
    assert bad.status_code == 422
    page = text(bad)
    assert 'href="#dip-file"' in page  # the summary links to the field
    assert re.search(r'<p class="field-error" id="dip-file-error">', page)
    assert re.search(r'<input type="file" id="dip-file"[^>]*aria-invalid="true"', page)
    named = pdf("Daftar penerima bantuan", "Siti Aminah, NIK 3578011508900001 HP 081234567890")
    found = ppid.client.post(
        f"/dip/{item_id}/berkas", data={"csrf_token": ppid.token, "file": (io.BytesIO(named), "bantuan.pdf")}
    )
    assert found.status_code == 422
    page = text(found)
    assert "NIK 3578********0001" in page
    ref = re.search(r'name="confirmed" value="([0-9a-f]{12})"', page)[1]
    ok = ppid.client.post(
        f"/dip/{item_id}/berkas",
        data={"csrf_token": ppid.token, "confirmed": ref, "file": (io.BytesIO(named), "bantuan.pdf")},
    )
    assert ok.status_code == 302


def test_an_overdue_periodic_item_says_late_on_the_public_page(browser):
    """The next edition due in the past was shown as a plain date."""
    ppid = browser("ppid")
    item_id = new_item(ppid, made_on="2024-01-01", rhythm_months="6")
    page = text(browser().get(f"/publik/informasi/{item_id}"))
    assert re.search(
        r"<dt>Edisi berikutnya jatuh tempo</dt><dd>[^<]*2024[^<]*<span class=\"due due-overdue\">terlambat</span>", page
    )
