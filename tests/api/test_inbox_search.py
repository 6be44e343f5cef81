"""Issue 11 point 8 at volume: the inbox's search reads word indexes (never a scan of the cases' subjects), a
name is searched only by a reader who may see names, and counts stop at a thousand and say so."""

from datetime import UTC, datetime

from alembic import command
from click.testing import CliRunner
from sqlalchemy import delete, insert, select, text, update

from api.cli import main
from api.extensions import db
from engine import inbox_list, inbox_search
from engine.db import alembic_config
from engine.models import Case, CaseProxy, HumanTask, PartyToken, Unit, User
from tests.api.test_access_matrix import bring_to
from tests.api.test_complaint_documents import Team
from tests.api.test_inbox_pages import filed, listing, statements
from tests.api.test_request_proxy import PROXY as DATED_PROXY

# Rahmat Hidayat, S.H., his power of attorney dated before the oldest filing below (received 14 days ago).
PROXY = {**DATED_PROXY, "tanggal_surat_kuasa": "2026-11-01"}

API = "/api/v1"


def found(client, login, q, who="petugas", **params):
    return {t["ticket"] for t in listing(client, login, who=who, q=q, **params)["items"]}


def test_a_word_of_the_subject_finds_its_case_through_the_word_index_not_a_scan(app, client, desk, login):
    beasiswa = filed(desk, login)  # "Daftar penerima beasiswa tahun 2026 beserta kriteria seleksinya"
    gedung = filed(desk, login, name="Rudi Hartono", nik="3171234507890002", information="Rehabilitasi gedung KUA")
    with statements(app) as sent:
        assert found(client, login, "BEASISWA") == {beasiswa["ticket"]}
    assert found(client, login, "gedung kua") == {gedung["ticket"]}  # every word, any case
    assert found(client, login, "kua beasiswa") == set()
    assert found(client, login, "beasis") == set()  # whole words: the index holds words, not their parts
    assert any("case_words" in s or "to_tsvector" in s for s in sent), sent  # FTS5 (SQLite), GIN (PostgreSQL)
    assert not any(" LIKE " in s.upper() for s in sent)


def test_the_word_index_follows_a_subject_rewritten_and_holds_no_requester_name(app, client, desk, login):
    receipt = filed(desk, login)  # requester Ani Wijaya
    with app.app_context():
        db.session.execute(update(Case).where(Case.ticket == receipt["ticket"]).values(subject="Peta zonasi madrasah"))
        db.session.commit()
        dialect = db.engine.dialect.name
        if dialect == "sqlite":
            named = db.session.scalars(text("SELECT rowid FROM case_words WHERE case_words MATCH 'wijaya'")).all()
        else:
            named = db.session.scalars(
                text("""SELECT id FROM "case" WHERE to_tsvector('simple'::regconfig, subject) @@ 'wijaya'::tsquery""")
            ).all()
    assert named == []
    assert found(client, login, "zonasi") == {receipt["ticket"]}
    assert found(client, login, "beasiswa") == set()
    assert found(client, login, "Wijaya") == {receipt["ticket"]}  # by the blind index, for a reader of names


def test_a_name_is_searched_only_by_a_reader_who_may_see_names(client, desk, login):
    ticket, _task = bring_to(desk, login, "tanggapan_unit")  # the unit sees the case, never its requester
    (row,) = listing(client, login, who="unit")["items"]
    assert row["ticket"] == ticket
    assert row["requester_name"] is None
    assert found(client, login, "Ani Wijaya", who="unit") == set()
    assert found(client, login, "3171234507890001", who="unit") == set()  # nor the NIK
    assert found(client, login, ticket, who="unit") == {ticket}
    supervised = listing(client, login, who="ppid", scope="all", q="Ani Wijaya")["items"]
    assert [(t["ticket"], t["requester_name"]) for t in supervised] == [(ticket, "Ani Wijaya")]


def test_many_matches_are_found_walking_the_inbox_in_order_and_counted_by_their_page(client, desk, login, monkeypatch):
    monkeypatch.setattr(inbox_search, "NARROW", 2)  # three matching cases are "many"
    # Received a whole week apart: each on the same weekday and hour, so their deadlines differ whatever day the
    # test runs (a receipt 1 and 2 days back from a Sunday in Jakarta starts counting on the same Monday: a tie).
    tickets = [filed(desk, login, days)["ticket"] for days in (21, 7, 14)]
    filed(desk, login, name="Rudi Hartono", nik="3171234507890002", information="Anggaran rehabilitasi gedung")
    page = listing(client, login, q="beasiswa")
    assert [t["ticket"] for t in page["items"]] == [tickets[0], tickets[2], tickets[1]]  # most urgent first
    assert (page["total"], page["total_more"]) == (3, False)  # the first page holds every match: exact
    first = listing(client, login, q="beasiswa", limit=2)
    assert (first["total"], first["total_more"]) == (2, True)  # more than the page
    rest = listing(client, login, q="beasiswa", limit=2, cursor=first["next_cursor"])
    assert [t["ticket"] for t in first["items"] + rest["items"]] == [tickets[0], tickets[2], tickets[1]]
    by_name = listing(client, login, q="wijaya")  # the blind index tested on each case as the inbox is walked
    assert [t["ticket"] for t in by_name["items"]] == [tickets[0], tickets[2], tickets[1]]
    assert found(client, login, "Ani Hartono") == set()


def more_open_tasks(app, ticket: str, count: int) -> None:
    """``count`` more open tasks on the case of ``ticket``, copies of its first (as a busy office has)."""
    with app.app_context():
        task = db.session.scalar(
            select(HumanTask).join(Case).where(Case.ticket == ticket, HumanTask.state == "open").limit(1)
        )
        columns = {c.key: getattr(task, c.key) for c in HumanTask.__table__.columns if c.key != "id"}
        stamp = datetime.now(UTC).strftime("%H%M%S%f")
        rows = [{**columns, "task_guid": f"{stamp}-{n:020d}"[:36]} for n in range(count)]
        db.session.execute(insert(HumanTask), rows)
        db.session.commit()


def test_counts_are_exact_up_to_a_thousand_then_say_more(app, client, desk, login):
    receipt = filed(desk, login)
    small = listing(client, login)
    assert (small["total"], small["total_more"]) == (1, False)
    more_open_tasks(app, receipt["ticket"], inbox_list.COUNT_CAP - 1)
    full = listing(client, login)
    assert (full["total"], full["total_more"]) == (1000, False)  # exactly a thousand is still exact
    more_open_tasks(app, receipt["ticket"], 1)
    over = listing(client, login)
    assert (over["total"], over["total_more"]) == (1000, True)
    assert len(over["items"]) == 50
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "petugas"))
        counts = inbox_list.counts(db.session, app.extensions["kawal_runtime"], user)
    assert counts["open"] == inbox_list.Count(1000, more=True)
    assert counts["mine"] == inbox_list.Count(0)


def test_the_word_index_triggers_exist_at_head(app):
    """A later migration rebuilding ``case`` on SQLite (batch_alter_table) drops them; this catches it."""
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            names = set(db.session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
            assert set(inbox_search.TRIGGERS) <= names
        else:
            names = set(db.session.scalars(text("SELECT indexname FROM pg_indexes WHERE tablename = 'case'")))
            assert names >= inbox_search.INDEX_NAMES


def test_the_complaint_teams_counts_follow_the_unit_of_the_case_without_joining_it(app, client, login):
    team = Team(client, login, mode="rahasia")
    with app.app_context():
        other = Unit(code="KANKEMENAG", name="Kantor Kementerian Agama Kota")
        db.session.add(other)
        db.session.flush()
        db.session.execute(update(User).where(User.username == "tim2").values(unit_id=other.id))
        db.session.commit()
        rt = app.extensions["kawal_runtime"]
        ours = db.session.scalar(select(User).where(User.username == "tim"))
        theirs = db.session.scalar(select(User).where(User.username == "tim2"))
        with statements(app) as sent:
            assert inbox_list.counts(db.session, rt, ours)["open"] == inbox_list.Count(1)
        assert inbox_list.counts(db.session, rt, theirs)["open"] == inbox_list.Count(0)
    assert not any('JOIN "case"' in s or "JOIN case" in s for s in sent)
    assert [t["ticket"] for t in listing(client, login, who="tim")["items"]] == [team.ticket]
    assert listing(client, login, who="tim2")["items"] == []  # the list's own rule says the same


# -- a proxy's name (engine.proxy_party): a lawyer or a relative files for someone, and is who the desk remembers --
LATER = {**PROXY, "name": "Siti Aminah, S.H.", "nomor_surat_kuasa": "SKK-20/XII/2026"}


def appoint(client, login, ticket, proxy):
    r = client.post(f"{API}/cases/{ticket}/proxy", json={"kuasa": proxy}, headers=login("petugas"))
    assert r.status_code == 201, r.json


def revoke(client, login, ticket):
    body = {"reason": "kuasa_mengundurkan_diri"}
    r = client.post(f"{API}/cases/{ticket}/proxy/revocation", json=body, headers=login("petugas"))
    assert r.status_code == 200, r.json


def test_a_case_is_found_by_the_name_of_the_proxy_who_filed_it(client, desk, login):
    by_proxy = filed(desk, login, kuasa=PROXY)["ticket"]  # requester Ani Wijaya, filed by her proxy
    in_person = filed(desk, login, name="Rudi Hartono", nik="3171234507890002")["ticket"]
    assert found(client, login, "Rahmat Hidayat") == {by_proxy}
    assert found(client, login, "HIDAYAT") == {by_proxy}  # any word of it, case folded
    assert found(client, login, "Wijaya") == {by_proxy}  # the requester's name still finds it
    assert found(client, login, "Rahmat Hartono") == set()  # every word, of one person: not one of each
    assert found(client, login, "Hartono") == {in_person}
    assert found(client, login, "cikini") == set()  # the proxy's address is not searched, nor in the word index


def test_a_proxy_s_name_is_searched_only_by_a_reader_who_may_see_names(client, desk, login):
    ticket, _task = bring_to(desk, login, "tanggapan_unit")  # the unit sees the case, never who filed it
    appoint(client, login, ticket, PROXY)
    assert found(client, login, "Rahmat Hidayat", who="unit") == set()
    assert found(client, login, ticket, who="unit") == {ticket}
    supervised = listing(client, login, who="ppid", scope="all", q="Rahmat Hidayat")["items"]
    assert [t["ticket"] for t in supervised] == [ticket]


def test_every_proxy_a_case_has_had_finds_it_and_a_corrected_name_replaces_the_mistyped_one(client, desk, login):
    ticket = filed(desk, login, kuasa={**PROXY, "name": "Rahmad Hidayat, S.H."})["ticket"]  # typed wrong at the desk
    body = {"kuasa": PROXY, "reason": "kesalahan_pencatatan"}
    assert client.put(f"{API}/cases/{ticket}/proxy", json=body, headers=login("petugas")).status_code == 200
    assert found(client, login, "Rahmad") == set()
    assert found(client, login, "Rahmat Hidayat") == {ticket}
    revoke(client, login, ticket)
    appoint(client, login, ticket, LATER)
    assert found(client, login, "Siti Aminah") == {ticket}  # the proxy acting now
    assert found(client, login, "Rahmat Hidayat") == {ticket}  # and the one who filed it, whose power ended


def test_many_cases_of_one_proxy_are_found_walking_the_inbox_in_order(client, desk, login, monkeypatch):
    monkeypatch.setattr(inbox_search, "NARROW", 1)  # two matching cases are "many"
    tickets = [filed(desk, login, days, kuasa=PROXY)["ticket"] for days in (14, 7)]
    filed(desk, login, 21, name="Rudi Hartono", nik="3171234507890002")
    page = listing(client, login, q="Rahmat Hidayat")
    assert [t["ticket"] for t in page["items"]] == tickets  # most urgent first, each tested as the inbox is walked
    assert listing(client, login, q="Rahmat Hartono")["items"] == []


def test_cases_filed_by_proxies_before_the_upgrade_are_found_by_their_names_after_it(app, client, desk, login, db_url):
    """Migration 0032 links each case to the proxies its details name; ``kawal db upgrade`` then indexes their
    names, which a migration cannot (it has no search key)."""
    ticket = filed(desk, login, kuasa=PROXY)["ticket"]
    revoke(client, login, ticket)
    appoint(client, login, ticket, LATER)
    with app.app_context():  # as before the upgrade: no proxy was indexed, and there was no link to drop
        db.session.execute(delete(PartyToken).where(PartyToken.party_id.in_(select(CaseProxy.party_id))))
        db.session.commit()
    assert found(client, login, "Rahmat Hidayat") == found(client, login, "Siti Aminah") == set()
    command.downgrade(alembic_config(db_url), "0031")
    runner = CliRunner(env={"KAWAL_ENV": "test", "KAWAL_DATABASE_URL": db_url})
    result = runner.invoke(main, ["db", "upgrade"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "0032" in result.output  # applied (with any later migration)
    assert "2 proxies indexed" in result.output
    assert found(client, login, "Rahmat Hidayat") == found(client, login, "Siti Aminah") == {ticket}
    again = runner.invoke(main, ["db", "upgrade"], catch_exceptions=False)
    assert "proxies indexed" not in again.output  # nothing left to index
