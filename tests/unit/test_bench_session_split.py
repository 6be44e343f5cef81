"""The bench's split of a call's database time (bench.request_lifecycle.SessionSplit): each span once, the innermost.

The bench reads from it how much of a completion the database layer takes; a span counted twice (a flush inside a
commit, a statement inside a flush) would make the rest look smaller than it is."""

from sqlalchemy import Integer, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from bench.request_lifecycle import SessionSplit, SqlCounter


class _Base(DeclarativeBase):
    pass


class _Row(_Base):
    __tablename__ = "row"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


def test_nested_spans_count_once_in_the_innermost():
    ticks = iter([0.0, 0.001, 0.003, 0.004, 0.005, 0.007])  # seconds: enter, enter, enter, leave, leave, leave
    split = SessionSplit(clock=lambda: next(ticks))
    split.enter("commit")
    split.enter("flush")
    split.enter("sql")
    split.leave()
    split.leave()
    split.leave()
    sql, flush, read, commit = split.snapshot()
    assert read == 0
    assert [round(ms, 6) for ms in (sql, flush, commit)] == [1, 3, 3]
    assert round(sql + flush + commit, 6) == 7  # the whole, nothing twice


def test_session_calls_are_split_and_the_class_is_restored():
    engine = create_engine("sqlite://")
    _Base.metadata.create_all(engine)
    split = SessionSplit()
    counter = SqlCounter(engine, split)
    flush_before = Session.__dict__["flush"]
    split.install()
    try:
        with Session(engine) as session:
            session.add(_Row(id=1))
            session.commit()
            assert session.scalars(select(_Row)).all()
    finally:
        split.uninstall()
    assert Session.__dict__["flush"] is flush_before
    sql, flush, read, commit = split.snapshot()
    assert counter.statements >= 2  # the INSERT and the SELECT
    assert min(sql, flush, read, commit) > 0
