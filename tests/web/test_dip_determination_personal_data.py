"""The PPID's determination form (/dip/pengecualian/baru) refuses personal data in its texts, as an incident's close
reason does: the exemption register is read by the auditors and the Commission, its chain keeps a digest of it for
good, and an exempt item's public title is drafted from it. The new item's form it leads to is filled from the
register, never from free text carried in the URL."""

import re

import pytest

from tests.web.pages import text
from tests.web.test_dip_determination_revision_pages import determination_form


@pytest.mark.parametrize(
    ("field", "value", "what"),
    [
        ("dokumen", "Berkas pemeriksaan atas nama Ahmad Fauzi, NIP 198503152010011002", "NIP"),
        ("catatan", "Konfirmasi ke pegawai yang diperiksa di 0812-3456-7890", "nomor telepon"),
        ("konsekuensi", "Membuka data pegawai NIK 3171234507890001", "NIK"),
    ],
)
def test_a_determination_holding_someone_s_number_is_refused_and_nothing_is_saved(browser, field, value, what):
    ppid = browser("ppid")
    ppid.get("/dip/pengecualian/baru")
    r = ppid.post("/dip/pengecualian/baru", determination_form(**{field: value}))
    assert r.status_code == 422
    page = text(r)
    assert re.search(rf'id="[^"]*{field}[^"]*-error"', page)
    assert f"memuat data pribadi ({what})" in page
    assert "KW.09/PPID/12/2019" not in text(ppid.get("/laporan/register/dikecualikan"))


def test_the_new_item_s_title_comes_from_the_register_not_from_the_url(browser):
    ppid = browser("ppid")
    ppid.get("/dip/pengecualian/baru")
    r = ppid.post("/dip/pengecualian/baru", determination_form(dokumen="Berkas pemeriksaan disiplin pegawai 2019"))
    assert r.status_code == 302, text(r)
    location = r.headers["Location"]
    assert "title=" not in location
    assert "Berkas" not in location
    entry = int(re.search(r"exemption_id=(\d+)", location)[1])
    form = text(ppid.get(location))
    (title,) = re.findall(r'<(?:input|textarea)[^>]*id="f-title"[^>]*>[^<]*', form)
    assert "Berkas pemeriksaan disiplin pegawai 2019" in title
    # A title typed into a link is not taken: only the register's words.
    forged = text(ppid.get(f"/dip/baru?category=dikecualikan&exemption_id={entry}&title=Ahmad+Fauzi"))
    assert "Ahmad Fauzi" not in forged
    # A unit's officer, who cites no entry, gets no title from one.
    unit = text(browser("unitmad").get(f"/dip/baru?category=dikecualikan&exemption_id={entry}"))
    assert "Berkas pemeriksaan disiplin pegawai 2019" not in unit
