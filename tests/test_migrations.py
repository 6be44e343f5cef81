"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

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
