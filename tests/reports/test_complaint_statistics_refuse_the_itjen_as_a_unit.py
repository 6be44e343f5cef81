"""The complaint statistics' API refuses ``unit=inspektorat_jenderal`` (422, saying where those complaints are counted)
instead of answering as if no complaint had gone there.

Review: the unit breakdown holds the key "inspektorat_jenderal" for the complaints referred to the Inspectorate
General, but ``unit=`` filters by the unit a complaint was referred to (none, for those): the same key as a filter
answered zeros without a word.

SQLite alone: the boundary's decision over a query parameter; nothing stored or read differs.
"""

from tests.conftest import sqlite_db_url as db_url  # noqa: F401 - SQLite alone: the docstring


def test_the_itjen_is_refused_as_a_unit_filter_with_where_its_complaints_are(client, login, unchanged):
    headers = login("tim")
    with unchanged():
        refused = client.get("/api/v1/reports/complaints?period=2026&unit=inspektorat_jenderal", headers=headers)
    assert refused.status_code == 422, refused.json
    (said,) = refused.json["errors"]["unit"]
    assert "Inspektorat Jenderal bukan unit kantor ini" in said  # Indonesian, the default language
    assert "inspektorat_jenderal" in said
    unit = client.get("/api/v1/reports/complaints?period=2026&unit=PENDMAD", headers=headers)
    assert unit.status_code == 200  # a unit of the office is filtered as before
