"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from engine.db import make_engine, upgrade
from engine.models import Base
from engine.search import include_name


def test_migrated_database_matches_the_models(db_url):
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": False, "include_name": include_name}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_migration_0021_indexes_existing_subjects_and_copies_their_cases_facts_onto_open_tasks(tmp_path):
    """Cases and tasks written before the word index exist: the upgrade fills the index and the tasks' copies."""
    url = f"sqlite:///{tmp_path / 'before-0021.db'}"
    upgrade(url, "0020")
    engine = make_engine(url)
    now = "2026-12-01 02:00:00.000000"
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO unit (id, code, name) VALUES (7, 'KANWIL', 'Kantor Wilayah')"))
            conn.execute(
                text(
                    "INSERT INTO process_version (id, process_id, file_name, sha256, spec_json, deployed_at)"
                    " VALUES (1, 'permohonan_informasi', 'p.bpmn', :sha, '{}', :now)"
                ),
                {"sha": "0" * 64, "now": now},
            )
            conn.execute(
                text(
                    'INSERT INTO "case" (id, ticket, kind, process_version_id, unit_id, status, overdue, confidential,'
                    " details, subject, channel, access_code_hash, received_at, created_at, updated_at, version,"
                    " event_seq, event_hash) VALUES (1, 'PPID-2026-000001', 'permohonan_informasi', 1, 7, 'diproses',"
                    " 1, 0, '{}', 'Peta zonasi madrasah negeri', 'web', :h, :now, :now, :now, 1, 0, :h)"
                ),
                {"h": "0" * 64, "now": now},
            )
            conn.execute(
                text(
                    "INSERT INTO human_task (case_id, task_guid, bpmn_id, process_id, title, lane, state, created_at)"
                    " VALUES (1, 'guid-1', 'putuskan', 'permohonan_informasi', 'Putuskan', 'ppid', 'open', :now)"
                ),
                {"now": now},
            )
        upgrade(url)
        with engine.connect() as conn:
            assert conn.scalars(text("SELECT rowid FROM case_words WHERE case_words MATCH 'zonasi'")).all() == [1]
            assert conn.execute(text("SELECT case_overdue, case_unit_id FROM human_task")).one() == (1, 7)
    finally:
        engine.dispose()


def test_migration_0045_ranks_open_tasks_again_late_cases_first_and_no_deadline_last(tmp_path):
    """Tasks ranked before 0045 (a task with no deadline by its case's receipt, a late case's by its own due date)
    are ranked as engine.sync ranks them now, without waiting for their case's next run."""
    from datetime import UTC, datetime

    from engine.sync import NO_DEADLINE_RANK

    url = f"sqlite:///{tmp_path / 'before-0045.db'}"
    upgrade(url, "0044")
    engine = make_engine(url)
    received, missed, due = "2026-11-02 03:00:00.000000", "2026-11-16 09:00:00.000000", "2026-12-10 09:00:00.000000"
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO process_version (id, process_id, file_name, sha256, spec_json, deployed_at)"
                    " VALUES (1, 'permohonan_informasi', 'p.bpmn', :sha, '{}', :at)"
                ),
                {"sha": "0" * 64, "at": received},
            )
            for case_id, overdue in ((1, 1), (2, 0), (3, 0)):
                conn.execute(
                    text(
                        'INSERT INTO "case" (id, ticket, kind, process_version_id, status, overdue, confidential,'
                        " details, channel, access_code_hash, received_at, created_at, updated_at, version,"
                        " event_seq, event_hash) VALUES (:id, :ticket, 'permohonan_informasi', 1, 'diterima',"
                        " :overdue, 0, '{}', 'pos', :h, :at, :at, :at, 1, 0, :h)"
                    ),
                    {
                        "id": case_id,
                        "ticket": f"PPID-2026-00000{case_id}",
                        "overdue": overdue,
                        "h": "0" * 64,
                        "at": received,
                    },
                )
            conn.execute(
                text(
                    "INSERT INTO deadline (case_id, task_guid, name, legal_basis, calendar, public, start_at,"
                    " working_days, due_at, provenance, status, kind) VALUES (1, 'timer-1', 'T10', 'UU 14/2008',"
                    " 'strict', 1, :at, 10, :missed, '{}', 'missed', 'agency')"
                ),
                {"at": received, "missed": missed},
            )
            for case_id, task_due in ((1, due), (2, None), (3, due)):
                conn.execute(
                    text(
                        "INSERT INTO human_task (case_id, task_guid, bpmn_id, process_id, title, lane, state, due_at,"
                        " sort_at, created_at) VALUES (:case, :guid, 'x', 'permohonan_informasi', 'X',"
                        " 'petugas_layanan', 'open', :due, :sort, :at)"
                    ),
                    {
                        "case": case_id,
                        "guid": f"task-{case_id}",
                        "due": task_due,
                        "sort": task_due or received,
                        "at": received,
                    },
                )
        upgrade(url)
        with engine.connect() as conn:
            ranked = dict(conn.execute(text("SELECT case_id, sort_at FROM human_task")).all())
        at = lambda s: datetime.fromisoformat(s).replace(tzinfo=UTC)  # noqa: E731
        assert {k: at(v) for k, v in ranked.items()} == {
            1: at(missed),  # late since its T10 lapsed: before every task on time
            2: at(received) + NO_DEADLINE_RANK,  # no deadline: after every dated task
            3: at(due),
        }
        assert sorted(ranked, key=ranked.get) == [1, 3, 2]
    finally:
        engine.dispose()


def test_migration_0047_gives_every_officer_no_nip_and_keeps_their_account_both_ways(db_url):
    """Officers made before 0047 have no NIP until an administrator sets one; the column comes and goes in place:
    the officers keep their groups (a rebuilt ``user`` table could take its memberships with it)."""
    from alembic import command

    from engine.db import alembic_config

    engine = make_engine(db_url)
    memberships = (
        'SELECT u.username, g.code FROM membership m JOIN "user" u ON u.id = m.user_id'
        ' JOIN "group" g ON g.id = m.group_id ORDER BY 1, 2'
    )
    try:
        with engine.connect() as conn:
            staff = conn.execute(text(memberships)).all()
        assert staff
        command.downgrade(alembic_config(db_url), "0046")
        with engine.connect() as conn:
            assert conn.execute(text(memberships)).all() == staff
        upgrade(db_url)
        with engine.connect() as conn:
            assert conn.execute(text(memberships)).all() == staff
            assert conn.execute(text('SELECT DISTINCT nip FROM "user"')).scalars().all() == [None]
    finally:
        engine.dispose()


def test_the_database_keeps_a_nip_as_18_digits_and_nothing_else(db_url):
    """The rule is engine.nip's; the database refuses what slips past it (a NIP with its spaces, a letter, a digit
    short), on SQLite and PostgreSQL alike."""
    from sqlalchemy.exc import DataError, IntegrityError

    engine = make_engine(db_url)
    set_nip = text("UPDATE \"user\" SET nip = :nip WHERE username = 'ppid'")
    try:
        with engine.begin() as conn:
            conn.execute(set_nip, {"nip": "198203152006041002"})
        for wrong in ("19820315 200604 1 0", "19820315200604100O", "19820315200604100", "1982031520060410021"):
            with engine.begin() as conn, pytest.raises((IntegrityError, DataError)):
                conn.execute(set_nip, {"nip": wrong})
        with engine.connect() as conn:
            assert (
                conn.execute(text("SELECT nip FROM \"user\" WHERE username = 'ppid'")).scalar() == "198203152006041002"
            )
    finally:
        engine.dispose()
