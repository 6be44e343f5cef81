"""The portal's category "Dikecualikan" lists the exemption register's determinations in force (walk report 41: it
said nothing matched while the register held thirty): what is exempt, on which Pasal 17 ground, until when, by which
decree. Never the consequence test, the exempted content or the request it was made on; a title that names a person
by a number of theirs is withheld. legal-process.md §3.4 (line ~136) asks for the DIP and periodic information; the
exemption list itself is not required to be published [GK], but a public category that offers exempt information
must not contradict the register."""

from datetime import timedelta

from sqlalchemy import select

from api.extensions import db
from engine import dip_exempt
from engine.models import Case, Exemption
from tests.web.pages import text
from tests.web.test_exemption_register_page import refuse_as_exempt

URL = "/publik/informasi?kategori=dikecualikan"


def test_the_exempt_category_lists_the_determinations_in_force_without_their_tests_or_requests(app, browser, desk):
    refuse_as_exempt(desk)
    refuse_as_exempt(desk)
    with app.app_context():
        holding, ended = db.session.scalars(select(Exemption).order_by(Exemption.id)).all()
        ended.ended_on = ended.decree_date  # overturned today: no longer in force
        ended.decree_number = "B-99/PPID/DIK/2026"
        db.session.commit()
        ticket = db.session.get(Case, holding.case_id).ticket
        shown = (holding.decree_number, holding.harm_test, holding.public_interest_test, holding.information)
    page = text(browser().get(URL))
    number, harm, public_interest, information = shown
    assert "Penetapan informasi yang dikecualikan yang berlaku" in page
    assert number in page
    assert information in page
    assert "B-99/PPID/DIK/2026" not in page  # ended
    assert ticket not in page
    assert harm not in page
    assert public_interest not in page
    assert "Tidak ada informasi terbit yang cocok" not in page  # the category no longer says nothing is exempt
    other = text(browser().get("/publik/informasi?kategori=berkala"))
    assert number not in other


def test_a_determination_s_title_holding_a_person_s_number_is_withheld(app, desk):
    refuse_as_exempt(desk)
    with app.app_context():
        entry = db.session.scalars(select(Exemption)).one()
        entry.information = "Berkas disiplin pegawai NIK 3171011508900001"
        db.session.commit()
        today = app.extensions["kawal_runtime"].today()
        (listed,) = dip_exempt.in_force_for_public(db.session, today)
        assert listed["information"] is None
        assert listed["decree_number"] == entry.decree_number
        assert dip_exempt.in_force_for_public(db.session, entry.valid_until + timedelta(days=1)) == []
