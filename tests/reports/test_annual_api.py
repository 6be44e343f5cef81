"""The yearly report over the API: one report for the whole office."""


def test_the_yearly_report_refuses_a_unit_filter_it_would_ignore(client, login, unchanged):
    """``?unit=`` was accepted and ignored: a unit's figures were the office's, and an unknown unit answered too."""
    headers = login("ppid")
    with unchanged():
        refused = client.get("/api/v1/reports/annual?period=2026&unit=PENDMAD", headers=headers)
    assert refused.status_code == 422
    assert set(refused.json["errors"]) == {"unit"}
    whole = client.get("/api/v1/reports/annual?period=2026", headers=headers)
    assert whole.status_code == 200
    assert whole.json["period"] == "2026"
