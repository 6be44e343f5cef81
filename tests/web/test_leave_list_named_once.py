"""Walk w3, finding 6: the leave page's list was named twice, "Cuti yang tercatat" as its heading and again as the
table's hidden caption, so a screen reader read the name twice in a row. The heading names it, once, and the table
is named by that heading."""

import re

from tests.web.pages import text


def test_the_list_of_leave_recorded_is_named_once_by_its_heading(browser, client, login):
    leave = {"username": "petugas", "substitute": "petugas2", "first_day": "2027-01-04", "last_day": "2027-01-08"}
    answer = client.post("/api/v1/absences", json=leave, headers=login("ppid"))  # a leave: the table is drawn
    assert answer.status_code == 201, answer.json
    page = text(browser("ppid").get("/cuti"))
    assert page.count("Cuti yang tercatat") == 1
    heading = re.search(r'<h2 id="([^"]+)">Cuti yang tercatat</h2>', page)
    assert heading, "the list has no heading of its own"
    assert f'<table class="tasks" aria-labelledby="{heading[1]}">' in page
    assert "<caption" not in page.split(heading[0], 1)[1]
