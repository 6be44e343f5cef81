"""The office's Komisi Informasi (KAWAL_COMMISSION_NAME, _ADDRESS, _WEBSITE; legal-process.md §5.1): the Central
Commission unless the office names its own, by its full name, since the superior's response, the requester's mail and
status page print it as written; a wrong value stops the server at start, as every other setting does."""

import pytest

from engine.config import ConfigError, load_settings


def test_an_office_that_names_no_commission_goes_to_the_central_one():
    """A Kanwil is a vertical unit of a central ministry: in principle the Central Commission is competent."""
    default = load_settings({})
    assert (default.commission_name, default.commission_address, default.commission_website) == (
        "Komisi Informasi Pusat",
        "",
        "",
    )


def test_a_provincial_office_names_its_own_commission_with_its_address_and_website():
    settings = load_settings(
        {
            "KAWAL_COMMISSION_NAME": "  Komisi Informasi   Provinsi Jawa Timur ",
            "KAWAL_COMMISSION_ADDRESS": "Jl. Bandilan No. 4,\n Surabaya 60231",
            "KAWAL_COMMISSION_WEBSITE": " https://kip.jatimprov.go.id ",
        }
    )
    assert settings.commission_name == "Komisi Informasi Provinsi Jawa Timur"  # spaces folded, as printed
    assert settings.commission_address == "Jl. Bandilan No. 4, Surabaya 60231"  # one line
    assert settings.commission_website == "https://kip.jatimprov.go.id"


@pytest.mark.parametrize(
    "name",
    [
        "KI Jatim",  # an abbreviation a requester may not know
        "Komisi Informasi",  # names none
        "Komisi Informasi Provinsi ...",  # the example's placeholder, not completed
        "Komisi Informasi Provinsi " + "X" * 200,
    ],
)
def test_a_name_that_is_not_a_commission_s_full_name_is_refused(name):
    with pytest.raises(ConfigError, match="KAWAL_COMMISSION_NAME"):
        load_settings({"KAWAL_COMMISSION_NAME": name})


@pytest.mark.parametrize("website", ["kip.jatimprov.go.id", "ftp://kip.jatimprov.go.id", "https://", "https://a b"])
def test_a_website_that_is_no_web_address_is_refused(website):
    with pytest.raises(ConfigError, match="KAWAL_COMMISSION_WEBSITE"):
        load_settings({"KAWAL_COMMISSION_WEBSITE": website})


def test_an_address_of_more_than_one_line_s_length_is_refused():
    with pytest.raises(ConfigError, match="KAWAL_COMMISSION_ADDRESS"):
        load_settings({"KAWAL_COMMISSION_ADDRESS": "Jl. " + "A" * 200})
