"""A failed statement's text goes into the log and into an incident's last error, which the admin reads on the page,
the API and `kawal incidents list`: it names the statement, never the values it carried (a requester's name, a
reporter's words). A review found "[parameters: ('Budi Santoso …',)]" in an incident's message."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.app import create_app
from api.extensions import db
from engine.config import load_settings
from engine.db import make_engine

NAME = "Budi Santoso"


def _failed(connection) -> str:
    with pytest.raises(SQLAlchemyError) as failed:
        connection.execute(text("insert into no_such_table values (:name)"), {"name": NAME})
    return str(failed.value)


def test_an_engine_of_the_workers_and_the_cli_quotes_no_parameter_in_an_error(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        message = _failed(connection)
    assert "no_such_table" in message
    assert NAME not in message


def test_the_web_apps_engine_quotes_no_parameter_in_an_error(tmp_path):
    settings = load_settings({"KAWAL_DATABASE_URL": f"sqlite:///{tmp_path / 'y.db'}", "KAWAL_ENV": "development"})
    app = create_app(settings)
    with app.app_context(), db.engine.connect() as connection:
        message = _failed(connection)
    assert NAME not in message
