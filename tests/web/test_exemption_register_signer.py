"""The register of exempt information names the official who determined an entry as the decree names them (Perki
1/2021 Pasal 49: "Nama Pejabat yang Menetapkan"): the decree is signed by the office's configured signatory
(KAWAL_SIGNATORY_<LANE>, engine.letters.signers), so the register names that signatory, not the account that
completed the determination in Kawal."""

import pytest
from sqlalchemy import select

from api.extensions import db
from engine import exemptions
from engine.models import Exemption, Letter
from tests.web.test_exemption_register_page import URL, refuse_as_exempt

SIGNATORY = "Dr. Hana Wirawan, M.Si."


@pytest.fixture
def settings_overrides():
    return {"KAWAL_SIGNATORY_ATASAN_PPID": f"{SIGNATORY}; Kepala Kantor Wilayah; 197502022000031002"}


def test_the_register_names_the_decree_s_configured_signatory_not_the_account_that_completed_it(app, desk, browser):
    refuse_as_exempt(desk)
    with app.app_context():
        rt = app.extensions["kawal_runtime"]
        entry = db.session.scalars(select(Exemption)).one()
        decree = db.session.get(Letter, entry.letter_id)
        assert decree.issued_by != SIGNATORY  # an officer's account completed the determination
        (row,) = exemptions.register(db.session, entry.decree_date, rt=rt)
        assert row["decided_by_name"] == SIGNATORY
    page = browser("ppid").client.get(f"{URL}?format=csv").get_data().decode("utf-8-sig")
    assert SIGNATORY in page


def test_without_the_decree_the_register_names_the_account_that_completed_the_determination(app, desk):
    refuse_as_exempt(desk)
    with app.app_context():
        entry = db.session.scalars(select(Exemption)).one()
        (row,) = exemptions.register(db.session, entry.decree_date)  # no vault to open the decree with
        assert row["decided_by_name"]
        assert row["decided_by_name"] != SIGNATORY
