"""Walk w3, finding 2: an officer hears a ticket's number over the telephone ("seratus delapan", "dua ribu dua
puluh enam, nol nol nol seratus delapan") and types what they heard. The inbox's search found only the full ticket
"PPID-2026-000108"; "108", "000108", "2026-000108" and "PPID-2026-108" found nothing. The number now finds its
ticket exactly (never 1080 or 10800), through the tickets it can be: the register's counters say which series and
years hold it, and their exact tickets are looked up on the ticket's unique index (no LIKE over every case)."""

from tests.api.test_inbox_pages import filed, statements
from tests.api.test_inbox_search import found


def test_the_number_of_a_ticket_heard_on_the_telephone_finds_it_exactly(app, client, desk, login):
    tickets = [
        filed(desk, login, name=f"Pemohon {chr(65 + n)}", nik=f"31712345078900{n + 1:02d}")["ticket"] for n in range(12)
    ]
    twelfth, first = tickets[11], tickets[0]
    prefix, year, number = twelfth.split("-")
    assert number == "000012"
    for heard in ("12", "012", "000012", f"{year}-000012", f"{year}-12", f"{prefix}-{year}-12", f"ppid-{year}-12"):
        assert found(client, login, heard) == {twelfth}, heard
    assert found(client, login, f"{prefix} - {year} - 12") == {twelfth}  # spaces as a person types them
    assert found(client, login, f"ppid {year} 12") == {twelfth}
    assert found(client, login, "1") == {first}  # the number itself, not every ticket it begins
    assert found(client, login, twelfth) == {twelfth}  # the whole ticket, as before
    # A prefix of tickets, as before (000010 to 000012), and the number it also is (000001).
    assert found(client, login, f"{prefix}-{year}-00001") == {first, *tickets[9:12]}
    assert found(client, login, "13") == set()  # no such number yet
    assert found(client, login, f"{int(year) - 1}-12") == set()  # the number within its year
    assert found(client, login, f"KEB-{year}-12") == set()  # and within its series (an objection's)


def test_a_number_is_looked_up_as_the_exact_tickets_it_can_be_never_a_scan(app, client, desk, login):
    ticket = filed(desk, login)["ticket"]
    with statements(app) as sent:
        assert found(client, login, "1") == {ticket}
    assert not any(" LIKE " in s.upper() for s in sent), sent
    assert not any("substr" in s.lower() or "cast(" in s.lower() for s in sent), sent
    assert any("ticket_counter" in s for s in sent), sent  # which series and years hold a number 1
