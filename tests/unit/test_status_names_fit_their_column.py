"""Every stage a case can reach fits the column that stores it: SQLite ignores a VARCHAR's length, PostgreSQL refuses
the whole run's write ("value too long for type character varying(40)"). A new stage name is checked here, on the
pure list, before any PostgreSQL test reaches it (a 45-character complaint stage did, in session 43)."""

from engine import status
from engine.models import Case


def test_every_stage_name_fits_the_case_s_status_column():
    width = Case.__table__.c.status.type.length
    too_long = sorted(name for name in status.STATUSES if len(name) > width)
    assert too_long == []
