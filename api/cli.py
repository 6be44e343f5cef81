"""The ``kawal`` command: thin wrappers over engine functions (STYLE.md rule 14)."""

import dataclasses
import json
import logging
import os
import shlex
import signal
import socket
import sys
import threading
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import click
from sqlalchemy import inspect, select

from engine import kinds
from engine.config import WEB_BIND, ConfigError, load_settings, web_bind


class Context:
    """What the commands share, made once per invocation and only when a command asks for it.

    ``settings`` from the environment (a configuration error is a message, not a traceback),
    ``session()`` on one engine disposed when the command ends, and ``runtime()`` with the admin's
    holiday overrides loaded when the database has them.
    """

    def __init__(self):
        self._settings = None
        self._engine = None

    @property
    def settings(self):
        if self._settings is None:
            try:
                self._settings = load_settings()
            except ConfigError as exc:
                raise click.ClickException(str(exc)) from None
        return self._settings

    @contextmanager
    def session(self, schema: bool = True):
        """A session on the configured database; ``schema``: refuse (a message, no traceback) a database
        that has no schema yet. A database that cannot be reached is said so, in one line."""
        from sqlalchemy.exc import ArgumentError

        from engine.db import make_engine, session_factory

        if self._engine is None:
            try:
                self._engine = make_engine(self.settings.database_url)
            except ArgumentError as exc:
                raise click.ClickException(f"KAWAL_DATABASE_URL is not a database URL: {exc}") from None
        with session_factory(self._engine)() as session:
            if schema:
                self.require_schema(session)
            yield session

    def has_schema(self, session, table: str = "case") -> bool:
        from sqlalchemy.exc import OperationalError

        try:
            return inspect(session.get_bind()).has_table(table)
        except OperationalError as exc:
            raise click.ClickException(f"cannot open the database (KAWAL_DATABASE_URL): {exc.orig}") from None

    def check_database(self) -> None:
        """Stop, with a message, unless the configured database can be opened and has its schema."""
        with self.session():
            pass

    def require_schema(self, session) -> None:
        """Stop, with a message, unless the database has this release's schema: none yet, or one a migration behind
        (the code would fail on a table or column it lacks) or ahead (engine.db.schema_mismatch)."""
        from engine.db import schema_mismatch

        if not self.has_schema(session):
            raise click.ClickException("the database has no schema yet: run `kawal db upgrade` first")
        with session.get_bind().connect() as conn:  # not in the session: its caller may begin its transaction
            mismatch = schema_mismatch(conn)
        if mismatch:
            raise click.ClickException(mismatch)

    def runtime(self, session=None, *, quiet: bool = False):
        """A runtime whose calendars carry the override table (when the database has one)."""
        from engine.runtime import Runtime

        rt = Runtime(self.settings)
        if session is not None:
            if self.has_schema(session, "holiday"):
                rt.load_overrides(session)
            elif not quiet:
                click.echo("no database schema: holiday overrides not applied", err=True)
        return rt

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


pass_context = click.make_pass_decorator(Context)


def refusal(exc, options: dict | None = None) -> click.ClickException:
    """A refused operation (engine.errors) in English: each field's messages after its name, or the message."""
    options = options or {}
    problems = "; ".join(f"{options.get(f, f)}: {', '.join(map(str, m))}" for f, m in exc.fields.items())
    return click.ClickException(problems or str(exc))


@click.group()
@click.pass_context
def main(ctx):
    """Kawal: information requests and complaints as executable BPMN."""
    ctx.obj = Context()
    ctx.call_on_close(ctx.obj.close)
    # Kawal's own loggers at INFO (the log channel shows each message sent; no personal data is logged).
    logging.basicConfig(format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("kawal").setLevel(logging.INFO)


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="with --production: replaces KAWAL_WEB_BIND's host (its port kept when --port is not given)",
)
@click.option(
    "--port",
    default=5000,
    show_default=True,
    type=int,
    help="with --production: replaces KAWAL_WEB_BIND's port (its host kept when --host is not given)",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="web processes (with --production: replaces KAWAL_WEB_WORKERS)",
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 256),
    help="threads per process (with --production: replaces KAWAL_WEB_THREADS)",
)
@click.option(
    "--production",
    is_flag=True,
    help="run gunicorn on deploy/gunicorn.conf.py instead, on its KAWAL_WEB_* settings (KAWAL_WEB_BIND, default"
    " 127.0.0.1:8000) unless --host, --port, --workers or --threads is given; needs KAWAL_REDIS_URL",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="the gunicorn config of --production (default: deploy/gunicorn.conf.py of this checkout)",
)
@pass_context
def serve(kawal, host, port, workers, threads, production, config_file):
    """Serve the pages and the API with gunicorn (keep-alive, threads); without Redis, the clock beside it.

    With --production, gunicorn on the production config: an option given here wins over its KAWAL_WEB_* setting
    (--host over KAWAL_WEB_BIND's host, --port over its port; the part not given is KAWAL_WEB_BIND's)."""
    from api import server

    settings = kawal.settings
    if not production and not settings.public_url_set:
        # The letters' QR codes and links name where the public reaches Kawal: here, unless it is configured.
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104 - compared, not bound
        shown = f"[{shown}]" if ":" in shown else shown
        settings = dataclasses.replace(settings, public_url=f"http://{shown}:{port}")
    if production:
        config = Path(config_file) if config_file else server.PRODUCTION_CONFIG
        if not settings.redis_url:
            raise click.ClickException("--production runs the timers and messages on RQ: set KAWAL_REDIS_URL")
        if not config.exists():
            raise click.ClickException(f"no gunicorn config at {config}: pass --config")
    # This release's schema, or a message: not the embedded clock failing each minute, nor gunicorn's workers
    # answering every page with a 500 on a table or column the database lacks.
    kawal.check_database()
    kawal.close()  # that check's connection is not kept for the server's life (nor across gunicorn's exec)
    if production:
        server.exec_production(config, _production_options(host, port, workers, threads))  # this process replaced
        return
    if not settings.redis_url:
        click.echo("no KAWAL_REDIS_URL: the embedded clock (kawal clock) sweeps each minute and after each change")
    click.echo(f"Kawal on http://{host}:{port}/ (pages) and http://{host}:{port}/api/v1/docs (API)")
    server.serve_embedded(settings, host, port, workers, threads)


def _configured_bind(configured: str) -> tuple[str, int]:
    """KAWAL_WEB_BIND's host and port (``host:port``, ``[v6]:port``, ``host``): the part ``serve --production`` keeps
    when only --host or --port is given. A unix socket (``unix:PATH``, ``fd://N``) has neither: the defaults'."""
    default_host, _, default_port = WEB_BIND.rpartition(":")
    if configured.startswith(("unix:", "fd://")):
        return default_host, int(default_port)
    if configured.startswith("["):
        host, _, rest = configured[1:].partition("]")
        port = rest.removeprefix(":")
    elif configured.count(":") == 1:
        host, _, port = configured.partition(":")
    else:
        host, port = configured, ""
    return host or default_host, int(port) if port.isdigit() else int(default_port)


def _production_options(host: str, port: int, workers: int, threads: int) -> list[str]:
    """gunicorn's options for what ``kawal serve --production`` was given on its command line: they win over the
    config's KAWAL_WEB_* settings. Before, they were ignored without a word (the server bound KAWAL_WEB_BIND)."""
    given = click.get_current_context().get_parameter_source
    options = []
    host_given, port_given = (given(name) is click.core.ParameterSource.COMMANDLINE for name in ("host", "port"))
    if host_given or port_given:
        configured_host, configured_port = _configured_bind(web_bind())
        host = host if host_given else configured_host
        port = port if port_given else configured_port
        options += ["--bind", f"[{host}]:{port}" if ":" in host else f"{host}:{port}"]
    for name, value in (("workers", workers), ("threads", threads)):
        if given(name) is click.core.ParameterSource.COMMANDLINE:
            options += [f"--{name}", str(value)]
    if options:
        click.echo(f"gunicorn {' '.join(options)} (over the KAWAL_WEB_* settings)", err=True)
    return options


@main.command()
@click.option("--interval", default=60.0, show_default=True, type=click.FloatRange(0.1), help="seconds between sweeps")
@click.option("--parent", type=int, default=None, hidden=True, help="stop when this process is gone")
@click.option("--socket", "socket_path", default=None, help="the datagram socket to wake on (else KAWAL_CLOCK_SOCKET)")
@click.option("--public-url", default=None, hidden=True, help="the address `kawal serve` serves on (its letters)")
@pass_context
def clock(kawal, interval, parent, socket_path, public_url):
    """The embedded clock in the foreground: reconcile each interval and when KAWAL_CLOCK_SOCKET is woken."""
    from notifications.clock import run_process
    from notifications.services import Services, use

    settings = kawal.settings
    if public_url:
        settings = dataclasses.replace(settings, public_url=public_url)
    if settings.redis_url:
        raise click.ClickException("KAWAL_REDIS_URL is set: `kawal worker` and `kawal reconcile` do this work")
    kawal.check_database()  # this release's schema, or a message (not a sweep failing on each table it lacks)
    kawal.close()
    svc = Services(settings)
    use(svc)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda _signum, _frame: stop.set())  # the sweep under way finishes first
    try:
        run_process(svc, socket_path or settings.clock_socket, interval, parent, stop)
    finally:
        use(None)
        svc.sessions.kw["bind"].dispose()


@main.group()
def db():
    """Database schema."""


@db.command("upgrade")
@pass_context
def db_upgrade(kawal):
    """Create or upgrade the schema to the newest migration; derive the case facts again where what they hold changed
    since they were derived (engine.facts.DERIVED_SINCE, said by engine.facts.DERIVATIONS); end the exemption entries
    whose refusal an objection or a final dispute decision overturned before Kawal ended them
    (engine.exemption_ends.end_overturned); index the proxies linked to their cases before proxies were indexed
    (engine.blind_index.index_unindexed_proxies); read what the cases waiting since before migration 0044 wait to hear
    (engine.waiting.note_awaited_events); count what has no record in its chain of engine.access_log (an exemption
    register entry, a calendar change, a fee price: engine.chain_gaps), said in one line: `kawal repair chain-gaps`
    lists them and records them with --apply, once checked. Safe to run again at any time."""
    from sqlalchemy.exc import ArgumentError, OperationalError

    from engine import blind_index, chain_gaps, exemption_ends, waiting
    from engine.db import upgrade
    from engine.facts import rebuild

    try:
        applied = upgrade(kawal.settings.database_url)
    except ArgumentError as exc:
        raise click.ClickException(f"KAWAL_DATABASE_URL is not a database URL: {exc}") from None
    except OperationalError as exc:
        raise click.ClickException(f"cannot open the database (KAWAL_DATABASE_URL): {exc.orig}") from None
    if "0001" not in applied:  # a new database has no cases to derive or mend
        with kawal.session() as session:
            rt = kawal.runtime(session)
            # Rows derived before DERIVED_SINCE changed what they hold, each batch committed: a run interrupted
            # here leaves the rest for the next one.
            changes = _derivation_changes(session)
            done = rebuild(session, rt, stale_only=True, commit=True)
            if done:
                click.echo(f"facts of {done} cases derived again, as what they hold changed: {changes}")
            unchained = chain_gaps.count(chain_gaps.gaps(session))  # counted, never recorded: an auditor's signal
            ended = exemption_ends.end_overturned(session, rt)
            proxies = blind_index.index_unindexed_proxies(session, blind_index.search_key(kawal.settings), rt.vault)
            waiting.note_awaited_events(session, rt)
            session.commit()
            if ended:
                click.echo(f"{ended} exemption entries ended: the refusal they rested on was overturned")
            if proxies:
                click.echo(f"{proxies} proxies indexed: the inbox finds their cases by their names too")
            if "0056" in applied:
                click.echo(_exemption_snapshots(session))
            if unchained.total:
                click.echo(_unchained_words(unchained))
    if applied:  # a new database says it got its schema; an upgrade names what it applied
        first, last = min(applied), max(applied)
        click.echo(f"migrations {first} to {last} applied" if first != last else f"migration {last} applied")
    click.echo("database is up to date")


def _derivation_changes(session) -> str:
    """What changed in the case facts since the oldest derivation a row still follows (engine.facts.DERIVATIONS):
    what `kawal db upgrade` says when it derives them again. Named by the change, not by DERIVED_SINCE's migration,
    which need not have changed the facts itself (0053 only added an index: "migration 0053 changed what they hold"
    sent an administrator looking in it for nothing)."""
    from sqlalchemy import or_

    from engine.facts import DERIVATIONS, DERIVED_SINCE
    from engine.models import CaseFacts

    stale = or_(CaseFacts.derived.is_(None), CaseFacts.derived != DERIVED_SINCE)
    derived = session.scalars(select(CaseFacts.derived).where(stale).distinct()).all()
    oldest = None if None in derived or not derived else min(derived)
    said = [why for since, why in sorted(DERIVATIONS.items()) if oldest is None or since > oldest]
    if oldest is None or oldest < min(DERIVATIONS):  # older still: the columns earlier migrations added
        said.append(f"the columns added by migrations before {min(DERIVATIONS)} are filled")
    return "; ".join(said)


def _exemption_snapshots(session) -> str:
    """What migration 0056 did: each entry of the exemption register recorded in the register's hash chain."""
    from sqlalchemy import func, select

    from engine.models import ExemptionEvent

    taken = session.scalar(
        select(func.count()).select_from(ExemptionEvent).where(ExemptionEvent.type == "exemption_snapshot")
    )
    return (
        f"{taken} exemption register entries recorded in the register's hash chain as they stand (migration 0056):"
        " kawal audit verify now compares every entry with its last record; the records before still verify"
    )


def _unchained_words(unchained) -> str:
    """What `kawal db upgrade` says of the rows without their chain's record (engine.chain_gaps), in one line: it
    records none of them. An older release still running after the migrations writes such rows, but so does SQL by
    hand, and a deleted record leaves the same gap: the administrator checks them before they are recorded."""
    parts = [
        f"{n} {what}"
        for n, what in (
            (unchained.exemptions, "exemption register entries"),
            (unchained.overrides, "holiday override changes"),
            (unchained.years, "confirmed years"),
            (unchained.fees, "fee standard prices"),
        )
        if n
    ]
    return (
        f"{unchained.total} changes have no record in their hash chain ({', '.join(parts)}): written by an older"
        " release still running after the migrations, by hand, or their record deleted; `kawal audit verify` reports"
        " them. Check them (`kawal repair chain-gaps` lists them), then record them with"
        " `kawal repair chain-gaps --apply`"
    )


@db.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@pass_context
def db_backup(kawal, path):
    """Copy the SQLite database to PATH, consistently while Kawal runs (SQLite's backup, WAL included).

    A plain copy of the file misses what is still in its write-ahead log. PostgreSQL: use pg_dump (README,
    "Backups")."""
    import sqlite3
    from pathlib import Path

    from sqlalchemy.engine import make_url

    url = make_url(kawal.settings.database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise click.ClickException("kawal db backup copies a SQLite database file; for PostgreSQL use pg_dump")
    source, target = Path(url.database), Path(path)
    if not source.is_file():
        raise click.ClickException(f"no database file at {source} (KAWAL_DATABASE_URL)")
    if target.exists():
        raise click.ClickException(f"{target} exists already: choose a new file")
    if not target.parent.is_dir():
        raise click.ClickException(f"no folder {target.parent} to write {target.name} in")
    live = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)  # the path quoted: # ? % in it
    copy = sqlite3.connect(target)
    try:
        live.backup(copy)
    finally:
        copy.close()
        live.close()
    size = target.stat().st_size
    click.echo(f"database copied to {target} ({size} bytes); keep the files folder and the keys with it")


@main.group()
def users():
    """Officer accounts."""


@users.command("create")
@click.argument("username")
@click.option("--group", "groups", multiple=True, required=True, help="group code; repeat for several")
@click.option("--name", "display_name", default=None)
@click.option("--unit", default=None, help="the officer's unit code, one of `kawal units list` (default: KANWIL)")
@click.option("--email", default=None, help="where the officer's new tasks and reminders go (the smtp channel)")
@click.option("--nip", default=None, help="the civil servant's 18-digit NIP, printed on the letters they sign")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@pass_context
def users_create(kawal, username, groups, display_name, unit, email, nip, password_stdin):
    """Create an officer in one or more groups."""
    from engine import accounts
    from engine.errors import Invalid
    from engine.users import DEFAULT_UNIT, create_user, unit_of_code
    from engine.users import units as office_units

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with kawal.session() as session, session.begin():
        # A unit is one the administrator added (a mistyped code never becomes a unit), but the office's own, which
        # the first officer's account makes.
        held = unit_of_code(session, unit)
        if unit is not None and held is None and unit != DEFAULT_UNIT[0]:
            known = ", ".join(
                dict.fromkeys([u.code for u in office_units(session, active_only=True)] + [DEFAULT_UNIT[0]])
            )
            raise click.ClickException(
                f"unit {unit} is unknown; the office's units: {known} (add a unit first: kawal units add CODE NAME)"
            )
        if held is not None and not held.active:
            raise click.ClickException(f"unit {unit} is deactivated: activate it first (kawal units activate {unit})")
        try:
            user = create_user(session, username, password, list(groups), display_name, unit, email, nip)
        except Invalid as exc:
            raise refusal(exc) from None
        accounts.created(session, accounts.CLI, user)
    click.echo(f"user {username} created in {', '.join(groups)}")


def _officer(session, username):
    from engine.models import User

    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise click.ClickException(f"no officer named {username!r}")
    return user


def _change(kawal, find, verb):
    """Run ``verb(session, find(session))`` (an engine operation on one officer or unit) as the CLI in one
    transaction; a refusal in English."""
    from engine.errors import KawalError

    with kawal.session() as session, session.begin():
        try:
            return verb(session, find(session))
        except KawalError as exc:
            raise refusal(exc) from None


def _account_change(kawal, username, verb):
    """``verb(session, user)`` of engine.accounts on the officer ``username``."""
    return _change(kawal, lambda session: _officer(session, username), verb)


@users.command("deactivate")
@click.argument("username")
@pass_context
def users_deactivate(kawal, username):
    """Stop an officer from logging in, end every session and token they have open, and send the tasks they had
    claimed back to their queues."""
    from engine import accounts

    done = _account_change(kawal, username, lambda s, u: accounts.deactivate(s, accounts.CLI, u))
    click.echo(
        f"user {username} deactivated; {done.sessions} session(s) ended; {done.released} claimed task(s) released"
    )


@users.command("set-email")
@click.argument("username")
@click.argument("email")
@pass_context
def users_set_email(kawal, username, email):
    """Where an officer's new tasks and reminders go by e-mail ("" removes it: their mail is then skipped)."""
    from engine import accounts
    from engine.users import EMAIL

    if email and not EMAIL.fullmatch(email):
        raise click.ClickException(f"{email!r} is not an e-mail address")
    _account_change(kawal, username, lambda s, u: accounts.change(s, accounts.CLI, u, {"email": email}))
    click.echo(f"user {username}: e-mail {email or 'removed'}")


@users.command("set-nip")
@click.argument("username")
@click.argument("nip", required=False)
@pass_context
def users_set_nip(kawal, username, nip):
    """The officer's NIP, printed under their name on the letters they sign: 18 digits, spaces allowed between them
    ("" removes it: an officer who is not a civil servant has none).

    Without NIP the command asks for it (preferred: a NIP typed on the command line stays in the shell's history),
    or reads it from standard input (echo ... | kawal users set-nip NAME); the argument still works for scripts."""
    from engine import accounts

    if nip is None:
        with kawal.session() as session:
            _officer(session, username)  # a name mistyped is said before the NIP is typed
        nip = click.prompt(f"NIP of {username} (18 digits)", prompt_suffix=": ")
    _account_change(kawal, username, lambda s, u: accounts.change(s, accounts.CLI, u, {"nip": nip}))
    click.echo(f"user {username}: NIP {'set' if nip.strip() else 'removed'}")


@users.command("activate")
@click.argument("username")
@pass_context
def users_activate(kawal, username):
    """Let a deactivated officer log in again."""
    from engine import accounts

    _account_change(kawal, username, lambda s, u: accounts.activate(s, accounts.CLI, u))
    click.echo(f"user {username} activated")


@users.command("reset-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="read the new password from standard input")
@pass_context
def users_reset_password(kawal, username, password_stdin):
    """Set a new password and end every session and token opened with the old one."""
    from engine import accounts

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    ended = _account_change(kawal, username, lambda s, u: accounts.set_password(s, accounts.CLI, u, password))
    click.echo(f"password of {username} reset; {ended} session(s) ended")


@users.command("end-sessions")
@click.argument("username")
@pass_context
def users_end_sessions(kawal, username):
    """End every page session and API token of an officer (a lost laptop, a copied cookie)."""
    from engine import accounts

    ended = _account_change(kawal, username, lambda s, u: accounts.end_sessions(s, accounts.CLI, u))
    click.echo(f"{ended} session(s) of {username} ended")


@users.command("reset-second-factor")
@click.argument("username")
@pass_context
def users_reset_second_factor(kawal, username):
    """Remove an officer's second factor (a lost phone) and end their sessions; they set it up again at login."""
    from engine import accounts

    ended = _account_change(kawal, username, lambda s, u: accounts.remove_second_factor(s, accounts.CLI, u))
    click.echo(f"second factor of {username} removed; {ended} session(s) ended")


@main.group()
def units():
    """The office's units (a Bidang, a Bagian, a Kankemenag): what referrals and officers' accounts name."""


@units.command("list")
@pass_context
def units_list(kawal):
    """Every unit by name: its code, its active officers and its open tasks."""
    from engine import units as office_units

    with kawal.session() as session:
        for item in office_units.listing(session):
            click.echo(
                f"{item.unit.code}\t{item.unit.name}\t{item.officers} officer(s)\t{item.open_tasks} open task(s)"
                + ("" if item.unit.active else "\tdeactivated")
            )


@units.command("add")
@click.argument("code")
@click.argument("name")
@pass_context
def units_add(kawal, code, name):
    """Add a unit: its CODE never changes (referrals, registers and statistics name it by it); its NAME may."""
    from engine import units as office_units
    from engine.errors import Invalid

    with kawal.session() as session, session.begin():
        try:
            unit = office_units.create(session, office_units.CLI, code, name)
        except Invalid as exc:
            raise refusal(exc) from None
    click.echo(f"unit {unit.code} added: {unit.name}")


def _unit_change(kawal, code, verb):
    """``verb(session, unit)`` of engine.units on the unit ``code`` (an unknown one refused in English)."""
    from engine import units as office_units

    return _change(kawal, lambda session: office_units.require(session, code), verb)


@units.command("deactivate")
@click.argument("code")
@pass_context
def units_deactivate(kawal, code):
    """A unit dissolved or merged: no referral or officer's account may choose it any more (refused while an active
    officer belongs to it or a task of it is open)."""
    from engine import units as office_units

    _unit_change(kawal, code, lambda s, u: office_units.deactivate(s, office_units.CLI, u))
    click.echo(f"unit {code} deactivated")


@units.command("activate")
@click.argument("code")
@pass_context
def units_activate(kawal, code):
    """A deactivated unit may be chosen again."""
    from engine import units as office_units

    _unit_change(kawal, code, lambda s, u: office_units.activate(s, office_units.CLI, u))
    click.echo(f"unit {code} activated")


@units.command("rename")
@click.argument("code")
@click.argument("name")
@pass_context
def units_rename(kawal, code, name):
    """Correct the NAME of the unit CODE (pages and letters show it); the code stays."""
    from engine import units as office_units

    changed = _unit_change(kawal, code, lambda s, u: office_units.rename(s, office_units.CLI, u, name))
    click.echo(f"unit {code} renamed: {name}" if changed else f"unit {code} is named {name!r} already")


@main.group(invoke_without_command=True)
@click.pass_context
def demo(ctx):
    """Load demo officers and cases into an empty database, and print the logins (`kawal demo year`: a year)."""
    kawal = ctx.find_object(Context)
    if kawal.settings.production:
        # Demo officers log in with a public password, and demo cases would sit in the office's registers and
        # reports, their letters and messages sent through the office's own mail server.
        raise click.ClickException("demo data is refused in production (KAWAL_ENV=production)")
    if ctx.invoked_subcommand is None:
        _load_demo(kawal)


def _load_demo(kawal) -> None:
    from engine.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, load_demo
    from engine.models import User

    with kawal.session() as session, session.begin():
        kawal.require_schema(session)
        if session.scalar(select(User.id).limit(1)) is not None:
            click.echo("the database already has users; demo data not loaded")
            return
        cases = load_demo(session, kawal.runtime())
    click.echo(f"Demo logins (password: {DEMO_PASSWORD}):")
    for name, groups in DEMO_USERS.items():
        click.echo(f"  {name:<8} {', '.join(groups)}")
    if kawal.settings.second_factor_groups:
        groups = ", ".join(kawal.settings.second_factor_groups)
        click.echo(f"  ({groups}: second factor on; authenticator secret {DEMO_TOTP_SECRET}, any TOTP app)")
    click.echo("Demo cases (ticket, access code):")
    for ticket, code, what in cases:
        click.echo(f"  {ticket}  {code}  {what}")


@demo.command("year")
@click.option("--cases", default=300, show_default=True, type=click.IntRange(1, 100_000), help="first cases to tell")
@click.option("--year", type=click.IntRange(2000, 2999), default=None, help="default: last year")
@click.option("--seed", default=2026, show_default=True, type=int, help="the same seed tells the same year")
@pass_context
def demo_year(kawal, cases, year, seed):
    """Tell a year of closed cases through the engine, with the clock moved (for reports and benchmarks).

    Requests and complaints arrive on working days of the year; objections and disputes follow some
    requests. Each case is worked to its end, step by step, by officers the command creates
    (tahun_*, password kawal-demo). Run it on a database of its own: it adds to what is there.
    """

    from engine import clock
    from engine import demo_year as generator

    year = year or clock.now().year - 1
    started = time.monotonic()
    with kawal.session() as session:
        kawal.require_schema(session)
        stories = generator.generate_year(
            session, kawal.runtime(session), cases=cases, year=year, seed=seed, commit=session.commit
        )
        session.commit()
    told = list(generator.all_stories(stories))
    click.echo(f"{len(told)} cases of {year} told through the engine in {time.monotonic() - started:.0f} s")
    for kind in sorted({s.kind for s in told}):
        click.echo(f"  {kind:<22} {sum(1 for s in told if s.kind == kind)}")


@main.group()
def reports():
    """Registers and reports."""


@reports.command("rebuild")
@pass_context
def reports_rebuild(kawal):
    """Derive every case's facts again from its history (after an upgrade, or to check them)."""
    from engine.facts import rebuild

    with kawal.session() as session:
        kawal.require_schema(session)
        done = rebuild(session, kawal.runtime(session))
        session.commit()
    click.echo(f"facts of {done} cases derived")


@main.group()
def audit():
    """The tamper-evident history."""


@audit.command("verify")
@click.option(
    "--anchor",
    "anchors",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="an anchor file (kawal audit anchor): its events must still be in their chains; repeat for several",
)
@click.option(
    "--file",
    "export",
    type=click.Path(exists=True, dir_okay=False),
    help="check this exported history (JSON lines) instead of the database",
)
@click.option(
    "--made-after-anchor",
    is_flag=True,
    help="with --file: it is a whole export (no period, no process) made after each anchor given, so a case of the "
    "anchor that is missing or ends early was removed or cut",
)
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@pass_context
def audit_verify(kawal, anchors, export, made_after_anchor, file):
    """Recompute every case's hash chain, check each case's record against its history and every register's
    tickets, and each anchor given; exit 1 naming what is broken. With FILE (or --file), check an exported
    history (JSON lines: kawal audit export, the API's, the console's) on its own (no database needed), against
    the anchors given; or an export of the access changes' and the exemption register's chains (kawal audit export
    --chains, the console's /audit/akses/rantai, GET /api/v1/audit/access/export), each chain from its first record
    and against the anchors' chain lines. A check of the database is recorded for the auditor's console (its list of
    the last checks)."""
    from sqlalchemy.exc import SQLAlchemyError

    from engine import access_log, blind_index, kinds
    from engine import anchors as anchoring
    from engine.audit import VERIFY_BY, record, verify_chains, verify_lines
    from engine.audit_lines import sound_rows

    def untrusted(path: str, exc: Exception) -> click.ClickException:
        return click.ClickException(f"the anchor file {path} is not to be trusted: {exc}")

    if file and export and file != export:
        raise click.ClickException("name the exported history once: FILE or --file")
    export = export or file
    if export:
        _require_json_lines(export)

    read, unchecked, uncounted, shown = [], [], 0, 20
    if export:  # an export is checked against each anchor's heads held in memory
        for path in anchors:
            try:
                with open(path, "rb") as lines:
                    read.append(anchoring.read(lines))
            except anchoring.AnchorInvalid as exc:
                raise untrusted(path, exc) from None
        breaks = list(verify_lines(_case_lines(export)))  # a line altered into no event is a break, told
        records = access_log.RecordReader()  # the chains' export (kawal audit export --chains, /audit/akses/rantai)
        for number, line in enumerate(_export_lines(export), 1):
            told = records.read_line(line, number, read)
            if told is not None:
                breaks.append(told)
        holds_cases = next(sound_rows(_case_lines(export)), None) is not None
        for anchor in read:
            older = chains_older = False
            if holds_cases or not records.records:  # a chains' export holds no case to miss
                found, older = anchoring.check_rows(sound_rows(_case_lines(export)), anchor, made_after_anchor)
                breaks += found
            if records.records:
                found, chains_older = records.check_anchor(anchor, made_after_anchor)
                breaks += found
            if older:
                unchecked.append(anchor)
                click.echo(
                    f"note: {export} holds no event after the anchor of {anchor.made_at}, so it may be older than"
                    " the anchor and end before it by right: only rewritten events were looked for, not cut or"
                    " removed cases. If it is a whole export made after the anchor, say so: --made-after-anchor"
                )
            if chains_older:
                unchecked.append(anchor)
                click.echo(
                    f"note: {export} holds no record after the anchor of {anchor.made_at}, so it may be older than"
                    " the anchor and end before it by right: only rewritten records were looked for, not cut"
                    " chains. If it was made after the anchor, say so: --made-after-anchor"
                )
        what = f"every chain in {export} is intact"
    else:
        for path in anchors:  # a file not to be trusted is said before the chains' long check
            try:
                with open(path, "rb") as lines:
                    anchoring.validate(lines)
            except anchoring.AnchorInvalid as exc:
                raise untrusted(path, exc) from None
        with kawal.session() as session:  # the database compares each anchor's heads, streamed in (flat memory)
            started = time.monotonic()
            series, words_key = kinds.register_series(kawal.settings), blind_index.details_key(kawal.settings)
            chains = verify_chains(session, series=series, shown=shown, details_key=words_key)
            seconds = time.monotonic() - started
            breaks, uncounted = chains.breaks, chains.total - len(chains.breaks)
            access_chains = access_log.verify(session)  # the access changes' and the exemption register's chains
            breaks += access_log.breaks(access_chains)  # a chain's record, or a register entry not what it holds
            for path in anchors:
                try:
                    with open(path, "rb") as lines:
                        checked = anchoring.check(session, lines, shown=shown)
                except anchoring.AnchorInvalid as exc:
                    raise untrusted(path, exc) from None
                read.append(checked.anchor)
                breaks += checked.breaks
                uncounted += checked.total - len(checked.breaks)
            session.rollback()
            try:  # for the auditor's console: what the night found
                record(session, chains, VERIFY_BY, {}, seconds, access_chains)
                session.commit()
            except SQLAlchemyError as exc:  # a read-only role or replica: the check stands, unrecorded
                session.rollback()
                click.echo(f"note: the check was not recorded for the console ({type(exc).__name__})")
        what = "every hash chain is intact (the cases', the access changes' and the exemption register's)"
    if breaks:
        total = len(breaks) + uncounted
        told = "\n".join(f"  {_broken_where(b)}: {b.reason}" for b in breaks[:shown])
        more = f"\n  and {total - shown} more" if total > shown else ""
        raise click.ClickException(f"{total} break(s) found:\n{told}{more}")
    for anchor in read:
        if anchor in unchecked:
            click.echo(f"no event of the anchor of {anchor.made_at} was found changed (cut or removed: not checked)")
        else:
            click.echo(f"every event of the anchor of {anchor.made_at} (digest {anchor.digest[:16]}...) is in place")
    click.echo(what)


def _require_json_lines(path: str) -> None:
    """Refuse a readable export (CSV) given to a check: its cells are not the events as hashed."""
    from api.exports import HEAD

    with open(path, "rb") as lines:
        first = lines.readline()
    cell = first.split(b",", 1)[0].decode("utf-8", "replace").removeprefix("\ufeff")  # Excel's "CSV UTF-8": a BOM
    if cell in HEAD[0]:  # "instansi" or "agency": its first column
        raise click.ClickException(
            f"{path} is a CSV export, for reading: check the JSON lines export of the same history"
            " (kawal audit export --format jsonl)"
        )


def _broken_where(b) -> str:
    """A break's place as ``kawal audit verify`` names it: a case's event, or an access chain's record; in an
    exported history, with its line (alone where the line no longer tells its case)."""
    line = f" (line {b.line})" if b.line else ""
    if b.ticket == "access:exemption":
        return f"exemption register's chain, record {b.seq}{line}"
    if b.ticket.startswith("access:"):
        return f"access changes ({b.ticket.split(':', 1)[1]}), record {b.seq}{line}"
    if b.ticket.startswith("exemption:"):
        return f"exemption register, entry {b.ticket.split(':', 1)[1]}"
    if not b.ticket:
        return f"line {b.line}"
    if not b.seq:  # the case row itself (its stage, its closing), or a ticket no case holds: no event of it
        return f"case {b.ticket}" + (f" (line {b.line})" if b.line else "")
    return f"case {b.ticket}, event {b.seq}" + (f" (line {b.line})" if b.line else "")


def _export_lines(path: str):
    """The lines of an exported history (JSON lines) as bytes: engine.audit reads each, whatever it holds."""
    with open(path, "rb") as lines:
        yield from lines


def _case_lines(path: str):
    """``_export_lines`` with each chain record's line blank (engine.access_log.RecordReader reads those): the cases'
    check skips a blank line and still counts it, so every break names its line in the file."""
    from engine import access_log

    for line in _export_lines(path):
        yield b"\n" if access_log.record_line(line) is not None else line


@audit.command("export")
@click.option(
    "--case", "ticket", default=None, help="one case's history, whole, by its ticket (not with --from, --to, --process)"
)
@click.option("--from", "first", default=None, help="the period's first office day, YYYY-MM-DD")
@click.option("--to", "last", default=None, help="the period's last office day, YYYY-MM-DD (included)")
@click.option("--process", type=click.Choice(kinds.ALL), default=None, help="only the cases of this process")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="jsonl: the canonical history, which kawal audit verify checks; csv: for reading",
)
@click.option(
    "--lang", type=click.Choice(["id", "en"]), default="id", show_default=True, help="the CSV's headers and words"
)
@click.option(
    "--chains",
    is_flag=True,
    help="instead of the cases: the access changes' and the exemption register's chains, each whole, as JSON lines "
    "(as /audit/akses/rantai and GET /api/v1/audit/access/export write them); not with --case, --from, --to, "
    "--process or --format csv",
)
@click.option("--output", required=True, type=click.Path(), help="the file to write (replaced if it exists)")
@pass_context
def audit_export(kawal, ticket, first, last, process, fmt, lang, chains, output):
    """Write the tamper-evident history to a file, exactly as the API's export (GET /api/v1/audit/export) and the
    auditor's console write it: every event of each case with an event in the period (whole cases, so each chain
    checks from its first event), streamed as it is read. The period is office days, the last one included. With
    --chains, the access changes' and the exemption register's chains instead, whole, as the console's and the API's
    export of them. The export is recorded for the auditor's console (its list of the last exports), as "kawal audit
    export"."""
    from zoneinfo import ZoneInfo

    from sqlalchemy.exc import SQLAlchemyError

    from api.exports import export_text, readable_for
    from engine.audit import EXPORT_BY, iter_export, one_case, record_read
    from engine.errors import Invalid, NotFound

    zone = ZoneInfo(kawal.settings.office_timezone)
    start, end = _office_day("--from", first, zone), _office_day("--to", last, zone)
    if start and end and end < start:
        raise click.ClickException(f"--to: {last} is before --from ({first})")
    end = end + timedelta(days=1) if end else None  # [first 00:00, the day after the last 00:00), as the console
    target = Path(output)
    if target.is_dir():
        raise click.ClickException(f"cannot write {target}: it is a folder")
    if not target.parent.is_dir():
        raise click.ClickException(f"cannot write {target}: no folder {target.parent}")
    partial = target.with_name(target.name + ".part")  # a run stopped halfway leaves no export cut short
    if chains:
        given = [name for name, value in (("--case", ticket), ("--from", first), ("--to", last)) if value is not None]
        given += ["--process"] if process else []
        given += ["--format csv"] if fmt != "jsonl" else []
        if given:
            raise click.ClickException(
                f"--chains writes every chain whole, as JSON lines (each record hashes the one before): not with"
                f" {', '.join(given)}"
            )
        _export_chains(kawal, target, partial)
        return
    with kawal.session() as session:
        typed = ticket
        try:  # an empty --case (an unset $TICKET) is refused, never the whole history: as the API and the console
            ticket = one_case(session, None, typed, kawal.settings, start=start, end=end, process=process)
        except (Invalid, NotFound) as refused:
            told = "; ".join(map(str, refused.fields["ticket"]))
            raise click.ClickException(f"--case {shlex.quote(typed)}: {told}") from None
        written = {"events": 0, "cases": 0}

        def rows():  # read afresh for each pass (a CSV reads twice: its columns, then its rows); the last counts
            written.update(events=0, cases=0)
            case = None
            for row in iter_export(session, start, end, process, ticket):
                written["events"] += 1
                if row["ticket"] != case:  # the cases come one after another, each whole
                    written["cases"], case = written["cases"] + 1, row["ticket"]
                yield row

        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                for piece in export_text(rows, fmt, readable_for(kawal.settings, lang)):
                    out.write(piece)
            partial.replace(target)
        except OSError as exc:
            raise click.ClickException(f"cannot write {target}: {exc.strerror or exc}") from None
        finally:
            partial.unlink(missing_ok=True)
        session.rollback()
        try:  # who read what, for the auditor's console (its list of the last exports)
            scope = {"from": first, "to": last, "process": process, "ticket": ticket}
            record_read(session, EXPORT_BY, "export", "cli", scope, fmt)
            session.commit()
        except SQLAlchemyError as exc:  # a read-only role or replica: the export stands, unrecorded
            session.rollback()
            click.echo(f"note: the export was not recorded for the console ({type(exc).__name__})")
    click.echo(f"{written['events']} event(s) of {written['cases']} case(s) written to {target}")


def _export_chains(kawal, target: Path, partial: Path) -> None:
    """``kawal audit export --chains``: engine.access_log.export_lines into ``target`` once whole, byte for byte the
    console's and the API's export of the chains, recorded as a read of the history as theirs are."""
    from sqlalchemy.exc import SQLAlchemyError

    from engine import access_log
    from engine.audit import EXPORT_BY, record_read

    records = 0
    with kawal.session() as session:
        try:
            with partial.open("wb") as out:
                for line in access_log.export_lines(session):
                    out.write(line)
                    records += 1
            partial.replace(target)
        except OSError as exc:
            raise click.ClickException(f"cannot write {target}: {exc.strerror or exc}") from None
        finally:
            partial.unlink(missing_ok=True)
        session.rollback()
        try:  # who read what, for the auditor's console (its list of the last exports), as the console's download
            record_read(session, EXPORT_BY, "export", "cli", {"chains": "access"}, "jsonl")
            session.commit()
        except SQLAlchemyError as exc:  # a read-only role or replica: the export stands, unrecorded
            session.rollback()
            click.echo(f"note: the export was not recorded for the console ({type(exc).__name__})")
    click.echo(
        f"{records} record(s) of the access changes' and the exemption register's chains written to {target}"
        f" (check it: kawal audit verify {shlex.quote(str(target))})"
    )


def _office_day(option: str, value: str | None, zone) -> datetime | None:
    """An office day of the command line (YYYY-MM-DD) as its first instant in the office's zone; None when not given."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise click.ClickException(f"{option}: {value} is not a date: write it as YYYY-MM-DD (an office day)") from None
    return datetime.combine(day, datetime.min.time(), tzinfo=zone)


@audit.command("anchor")
@click.argument("path", type=click.Path(dir_okay=False, writable=True), required=False)
@click.option(
    "--into",
    type=click.Path(file_okay=False),
    help="write it in this folder, named by its moment as the console names it (kawal-jangkar-YYYY-MM-DD-HHMM.jsonl)",
)
@click.option(
    "--mail-digest-to",
    "mail_to",
    multiple=True,
    envvar="KAWAL_ANCHOR_DIGEST_TO",
    help="e-mail the digest to this address (the inspectorate, the auditor; repeatable; default "
    "KAWAL_ANCHOR_DIGEST_TO, addresses separated by spaces) through the configured SMTP server",
)
@click.option(
    "--mail-language",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    help="the language of the digest's mail",
)
@pass_context
def audit_anchor(kawal, path, into, mail_to, mail_language):
    """Write every case's chain head and every register's counter to PATH, with its digest.

    Keep the file where this server's administrators cannot change it (the auditor, the inspectorate), or
    keep its digest there: with --mail-digest-to the digest goes by e-mail to someone outside, and a file that
    no longer matches it, or is gone, shows itself. `kawal audit verify --anchor PATH` later shows any history
    cut, rewritten or removed before it, even by someone who can write to the database."""
    from zoneinfo import ZoneInfo

    from engine import anchors as anchoring
    from engine import clock, kinds
    from notifications.channels import ChannelError, channels_from_settings

    if bool(path) == bool(into):
        raise click.ClickException("name the anchor's file (PATH) or its folder (--into), one of the two")
    settings = kawal.settings
    smtp = channels_from_settings(settings).get("smtp")
    if mail_to and smtp is None:
        raise click.ClickException("no SMTP server is configured (KAWAL_SMTP_HOST): the digest cannot be mailed")
    for address in mail_to:
        _require_one_address("--mail-digest-to", address)
    made = clock.now().astimezone(ZoneInfo(settings.office_timezone))
    target = Path(path) if path else Path(into) / f"kawal-jangkar-{made:%Y-%m-%d-%H%M}.jsonl"
    if target.exists():
        raise click.ClickException(f"{target} exists already: choose a new file")
    if not target.parent.is_dir():
        raise click.ClickException(f"no folder {target.parent} to write {target.name} in")
    partial = target.with_name(target.name + ".part")  # a run stopped halfway leaves no anchor cut short
    try:
        with kawal.session() as session, partial.open("wb") as out:
            kawal.require_schema(session)
            cases, digest = anchoring.write(session, out, settings.agency_name, kinds.register_series(settings))
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    click.echo(f"anchor of {cases} cases written to {target}")
    click.echo(f"its digest: {digest}")
    for address in mail_to:
        try:
            smtp.send(_anchor_mail(settings, address, mail_language, target, cases, digest, made))
        except ChannelError as exc:
            raise click.ClickException(
                f"the anchor is written, but its digest was not mailed to {address}: {exc}"
            ) from None
        click.echo(f"its digest mailed to {address}")


def _require_one_address(where: str, address: str) -> None:
    if "@" not in address or any(c in address for c in "\r\n,; "):
        raise click.ClickException(f"{where}: {address!r} is not one e-mail address")


@main.group()
def mail():
    """The mail server Kawal sends through (KAWAL_SMTP_*)."""


@mail.command("test")
@click.argument("address")
@click.option(
    "--language", type=click.Choice(["id", "en"]), default="id", show_default=True, help="the test message's language"
)
@pass_context
def mail_test(kawal, address, language):
    """Send one short message to ADDRESS through the configured SMTP server and say whether the server took it.

    Run it once the mail settings are in the environment file, and after changing them: a wrong host, port,
    TLS setting or password otherwise shows first as officers' tasks and requesters' notices not arriving (each
    an incident), or as the monthly anchor's digest not mailed. It reads no database."""
    from zoneinfo import ZoneInfo

    from engine import clock
    from notifications.channels import ChannelError, channels_from_settings
    from notifications.rendering import render_mail_test

    settings = kawal.settings
    smtp = channels_from_settings(settings).get("smtp")
    if smtp is None:
        raise click.ClickException("no SMTP server is configured (KAWAL_SMTP_HOST): Kawal sends no e-mail")
    _require_one_address("ADDRESS", address)
    sent = clock.now().astimezone(ZoneInfo(settings.office_timezone))
    context = {
        "agency": settings.agency_name,
        "public_url": settings.public_url or "-",
        "sent_at": f"{sent:%Y-%m-%d %H:%M} ({settings.office_timezone})",
    }
    message = _admin_mail(address, language, "mail_test", render_mail_test(language, context), sent.isoformat())
    try:
        smtp.send(message)
    except ChannelError as exc:
        raise click.ClickException(f"the mail server did not take the test message for {address}: {exc}") from None
    click.echo(f"{smtp.host}:{smtp.port} took the test message for {address}: check that it arrives, not as spam")
    if "smtp" not in settings.notify_channels:
        click.echo("note: KAWAL_NOTIFY_CHANNELS does not name smtp, so tasks and notices do not go by e-mail")


def _admin_mail(address: str, language: str, event: str, rendered: tuple[str, str], key: str):
    """A message a command sends at once through the SMTP channel (not an outbox event of a case)."""
    from notifications.channels import Message
    from notifications.rendering import message_id

    subject, body = rendered
    return Message(
        channel="smtp",
        to=address,
        subject=subject,
        body=body,
        message_id=message_id(f"{event}:{key}:{address}"),
        event=event,
        ticket="",
        locale=language,
    )


def _anchor_mail(settings, address: str, language: str, target: Path, cases: int, digest: str, made):
    """The digest of an anchor, for someone the server's administrators cannot overrule to keep."""
    from notifications.rendering import render_anchor_digest

    context = {
        "agency": settings.agency_name,
        "made_at": f"{made:%Y-%m-%d %H:%M} ({settings.office_timezone})",
        "cases": cases,
        "file": str(target),
        "size": target.stat().st_size,
        "digest": digest,
    }
    return _admin_mail(address, language, "audit_anchor", render_anchor_digest(language, context), digest)


def _lower_session_group(nice: int) -> None:
    """Linux shares the CPU between sessions first (autogroups) and only then by nice within one, so a worker
    started in a session of its own (systemd, a supervisor, setsid) lowers its session's group as well."""
    group = Path("/proc/self/autogroup")
    if os.getsid(0) != os.getpid() or not group.exists():
        return  # not a session leader: the group would include the processes of the caller's session
    try:
        group.write_text(str(nice))
    except OSError:
        logging.getLogger("kawal.worker").info("could not lower the session group (autogroup) to nice %s", nice)


@main.command()
@click.option("--burst", is_flag=True, help="work until the queue is empty, then stop")
@click.option("--name", default=None, help="worker name (default: host and pid)")
@click.option(
    "--fork/--no-fork",
    default=False,
    show_default=True,
    help="run each job in a forked child (isolation) or in the worker itself (speed)",
)
@click.option(
    "--nice",
    type=click.IntRange(0, 19),
    default=None,
    help="lower this worker's CPU priority by N (default KAWAL_WORKER_NICE, 10): requests first, jobs after",
)
@pass_context
def worker(kawal, burst, name, fork, nice):
    """Run an RQ worker with its scheduler for Kawal's queue (needs KAWAL_REDIS_URL)."""
    from redis import Redis
    from rq import Queue, SimpleWorker, Worker

    from notifications.services import QUEUE

    settings = kawal.settings
    if not settings.redis_url:
        raise click.ClickException("KAWAL_REDIS_URL is not set: without Redis, `kawal serve` runs the embedded clock")
    kawal.check_database()  # this release's schema, or a message (not a job failing on each table it lacks)
    kawal.close()  # that check's connection is not kept for the worker's life
    nice = settings.worker_nice if nice is None else nice
    if nice:
        # Rendering a letter's PDF is the heaviest job (~60 ms of CPU): on a small machine, at nice 0 the worker
        # takes a core from the requests (2 clients on 2 web workers: x1.0 against one client; without it x2.0).
        os.nice(nice)
        _lower_session_group(nice)
    import notifications.jobs  # noqa: F401 - imported once here, not in every forked job
    from notifications.services import Services, use

    svc = Services(settings)
    use(svc)
    with svc.sessions() as session:  # parse the specs once here; every forked job inherits them
        for version_id in svc.runtime.deploy(session).values():
            svc.runtime.spec(session, version_id.id)
    if fork:
        svc.sessions.kw["bind"].dispose()  # no database connection may cross the fork
    svc.channels  # noqa: B018 - built once, before any job
    redis = Redis.from_url(settings.redis_url)
    # Kawal's jobs are short database transactions: without a fork per job a worker keeps its
    # parsed specs and its connection pool, which is ~10x faster; a crash takes the worker down and
    # its supervisor (systemd) restarts it, and reconcile re-queues what it held.
    worker_class = Worker if fork else SimpleWorker
    queue = Queue(QUEUE, connection=redis)
    if name:
        _clear_dead_namesake(worker_class, redis, name)
    # RQ looks for a free scheduler lock (its holder died, or Redis restarted under it) only in its maintenance
    # pass, by default every 10 minutes, and only once a wait for a job ends (worker_ttl - 15 s, by default
    # 405 s): a worker's death left every timed job waiting 8-13 minutes. Here the wait is 45 s and the pass
    # every 30 s, so another worker holds the scheduler within about two minutes (the lock's own 61 s included).
    worker = worker_class([queue], connection=redis, name=name, worker_ttl=WORKER_TTL, maintenance_interval=30)
    worker.work(with_scheduler=True, burst=burst)


WORKER_TTL = 60  # seconds: a worker's heartbeat key lives this long; its wait for a job is 15 s shorter


def _clear_dead_namesake(worker_class, redis, name: str) -> None:
    """A worker restarted under its fixed name (systemd's ``%H-kawal-%i``) after a crash found its dead self still
    registered, and RQ refused to start it until that key expired (six minutes). A namesake on this host whose
    process is gone is registered dead; one still running, or on another host, is left alone (RQ refuses)."""
    old = worker_class.find_by_key(worker_class.redis_worker_namespace_prefix + name, connection=redis)
    if old is None or old.hostname != socket.gethostname() or not old.pid:
        return
    try:
        os.kill(old.pid, 0)
    except ProcessLookupError:
        old.register_death()
    except PermissionError:
        pass  # a process of another user holds the pid: alive, not ours


@main.command()
@pass_context
def reconcile(kawal):
    """Re-create from the database every schedule Redis lacks and do what is due (cron: every minute)."""
    from notifications.reconcile import reconcile as run
    from notifications.services import Services, use

    kawal.check_database()  # a database without its schema is said so, before Redis is touched
    svc = Services(kawal.settings)
    use(svc)  # the jobs reconcile runs inline use the same services
    try:
        report = run(svc)
    finally:
        use(None)
        svc.sessions.kw["bind"].dispose()
    click.echo(report.summary())
    if report.failed:
        raise click.ClickException("failed: " + "; ".join(report.failed[:10]))


@main.group()
def search():
    """The inbox's blind index of requesters' and proxies' names and requesters' NIKs (engine.blind_index)."""


@search.command("reindex")
@pass_context
def search_reindex(kawal):
    """Rebuild the keyed hashes of every PPID requester and proxy from the vault (after KAWAL_SEARCH_KEY changes)."""
    from engine import blind_index

    rt = kawal.runtime()
    with kawal.session() as session, session.begin():
        kawal.require_schema(session)
        count = blind_index.reindex(session, blind_index.search_key(kawal.settings), rt.vault)
    click.echo(f"{count} requester(s) and proxies indexed")


@main.group()
def incidents():
    """Jobs that kept failing."""


@incidents.command("list")
@click.option("--closed", is_flag=True, help="the closed incidents, newest closed first: when, by whom, how and why")
@pass_context
def incidents_list(kawal, closed):
    """Open incidents, oldest first: the last error in the words of the administrators' page (/insiden), never an
    address or a message's body."""
    from api.web.incident_words import error_words
    from engine.models import Incident
    from notifications.incidents import is_job, last_error, outcome

    with kawal.session() as session:
        if closed:
            found = select(Incident).where(Incident.resolved_at.is_not(None))
            found = found.order_by(Incident.resolved_at.desc(), Incident.id.desc())
        else:
            found = select(Incident).where(Incident.resolved_at.is_(None)).order_by(Incident.id)
        rows = session.scalars(found).all()
        for row in rows:
            opened = f"{row.id}\t{row.subject}\t{row.attempts} attempts\t{row.created_at:%Y-%m-%d %H:%M}"
            if closed:
                why = f": {row.close_reason}" if row.close_reason else ""
                when = f"closed {row.resolved_at:%Y-%m-%d %H:%M} by {row.resolved_by}"
                click.echo(f"{opened}\t{when}\t{outcome(row)}{why}")
            else:
                click.echo(f"{opened}\t{error_words(last_error(session, row), job=is_job(row))}")
        if not rows:
            click.echo("no closed incidents" if closed else "no open incidents")


@incidents.command("retry")
@click.argument("incident_id", type=int)
@pass_context
def incidents_retry(kawal, incident_id):
    """Put an incident's message back in the outbox and close the incident (recorded as closed by ``cli``)."""
    from engine import accounts
    from engine.errors import KawalError
    from notifications.incidents import retry

    with kawal.session() as session:
        try:
            case_id = retry(session, incident_id, accounts.CLI)
            session.commit()
        except KawalError as exc:
            raise click.ClickException(str(exc)) from None
    from notifications.jobs import schedule_case

    if case_id is not None:
        schedule_case(case_id)
    click.echo(f"incident {incident_id} retried")


@incidents.command("close")
@click.argument("incident_id", type=int)
@click.option("--reason", required=True, help="why it is closed without retrying (at most 300 characters)")
@pass_context
def incidents_close(kawal, incident_id, reason):
    """Close an incident without retrying its work, saying why (recorded as closed by ``cli``, with the reason): a
    message stays unsent. A calendar year's incident closes when the year is confirmed."""
    from engine import accounts
    from engine.errors import KawalError
    from notifications.incidents import close

    with kawal.session() as session:
        try:
            close(session, incident_id, accounts.CLI, reason)
            session.commit()
        except KawalError as exc:
            raise refusal(exc, {"reason": "--reason"}) from None
    click.echo(f"incident {incident_id} closed without retrying")


@main.group()
def repair():
    """One-off repairs of what an earlier fault left in a state today's code never produces."""


@repair.command("chain-gaps")
@click.option("--apply", "apply_", is_flag=True, help="record each listed row in its chain, marked as found unchained")
@pass_context
def repair_chain_gaps(kawal, apply_):
    """Rows without their record in a hash chain of the audit (engine.chain_gaps: an exemption register entry, a
    calendar change, a fee price), which `kawal db upgrade` counts: an older release still running after the
    migrations wrote them, or SQL by hand did, or their record was deleted. Lists them; check each (the backup, the
    old release's logs), then --apply records them, by ``system``, now, marked as found without a record (the
    auditor's list says who made each and when is unknown). `kawal audit verify` passes again after it."""
    from engine import chain_gaps

    with kawal.session() as session:
        found = chain_gaps.gaps(session)
        found_on = kawal.runtime(session, quiet=True).office_today()
        session.rollback()
        for gap in found:
            click.echo(gap.text)
        if not found:
            click.echo("no rows without their record in a hash chain")
            return
        if not apply_:
            click.echo(f"{len(found)} without their record; check them, then run with --apply to record them")
            return
        with session.begin():
            recorded = chain_gaps.record_unchained(session, found_on)
        click.echo(
            f"{len(recorded)} recorded by system on {found_on}, marked as found without a record (who made them and"
            " when is unknown)"
        )


@repair.command("stuck-requests")
@click.option("--apply", "apply_", is_flag=True, help="repair each listed case, each in its own transaction")
@pass_context
def repair_stuck_requests(kawal, apply_):
    """Requests (and objections) left at their end join before commit 789bf38: a notice dated in time but recorded
    after the deadline's timer fired withdrew the escalation, and the case never went on (a request never waited for
    an objection). Lists them; --apply runs each on, recorded in its history as repaired by ``cli``. A case whose
    repair fails is rolled back and named; the others are still repaired, and the command then exits non-zero."""
    from engine import accounts
    from engine import repair as repairs
    from engine.models import Case
    from notifications.jobs import schedule_case

    failed = []
    with kawal.session() as session:
        rt = kawal.runtime(session)
        found = repairs.stuck_cases(session, rt)
        session.rollback()
        for stuck in found:
            click.echo(_stuck_line(stuck))
            if not apply_:
                continue
            try:
                with session.begin():  # on a fault: this case's work rolled back, the next one still repaired
                    result = repairs.repair_stuck_case(session, rt, session.get(Case, stuck.case_id), accounts.CLI)
            except Exception as exc:  # noqa: BLE001 - any fault of one case: said, and the others go on
                failed.append(stuck.ticket)
                click.echo(f"{stuck.ticket}: not repaired: {type(exc).__name__}")
                continue
            if result is None:  # changed since it was listed: nothing left to repair
                click.echo("  no longer stuck: left as it is")
                continue
            for case in result.touched:  # after the commit: their timers and messages
                schedule_case(case.id)
            click.echo(f"  repaired: {stuck.ticket} runs on")
    if not found:
        click.echo("no stuck requests")
    elif not apply_:
        click.echo(f"{len(found)} stuck; run with --apply to repair them")
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(found)} not repaired: {', '.join(failed)}; run it again")


def _stuck_line(stuck) -> str:
    """What is wrong with a stuck case, and what its repair does, in one line (and one per order it carries out)."""
    withdrawn = ", ".join(f"{name} met by the notice dated {on}" for name, on in stuck.deadlines)
    after = "the request does not wait for an objection" if stuck.kind == kinds.REQUEST else "its process never ends"
    line = (
        f"{stuck.ticket}\t{stuck.status}\t{', '.join(stuck.processes)} waits at its end join for an escalation"
        f" withdrawn when {withdrawn} was recorded after its timer fired: {after}"
    )
    orders = "".join(f"\n  granted objection {o}: its order is carried out, the delivery reopens" for o in stuck.orders)
    return line + orders


@main.group()
def calendar():
    """Working-day arithmetic."""


@calendar.command("explain")
@click.option("--start", required=True, help="ISO instant with time zone, e.g. 2025-03-26T10:00+07:00")
@click.option("--days", required=True, type=click.IntRange(0, 400))
@click.option("--calendar", "name", type=click.Choice(["strict", "lenient"]), default="strict", show_default=True)
@pass_context
def calendar_explain(kawal, start, days, name):
    """Print a due date with the days skipped and why."""
    from engine import holiday_years
    from engine.queries import explain

    try:
        instant = datetime.fromisoformat(start)
    except ValueError as exc:
        raise click.ClickException(f"--start: {exc}") from None
    if instant.tzinfo is None:
        raise click.ClickException("--start: give its time zone, e.g. 2025-03-26T10:00+07:00")
    with kawal.session(schema=False) as session:  # explaining needs no database: without one, no overrides apply
        rt = kawal.runtime(session)
        try:
            due = rt.calendars[name].add_working_days(instant, days)
        except (ValueError, OverflowError):
            raise click.ClickException("--start: the due date would fall outside the calendar's years") from None
        known = session if kawal.has_schema(session, "holiday_year") else None
        unconfirmed = holiday_years.count_warnings(known, due)
        confirmed = holiday_years.confirmed_years(known) if known is not None else None
    # The key a deadline's provenance flags such a year with (engine.holiday_years.note_deadline).
    result = due.to_dict() | ({"unconfirmed_years": unconfirmed} if unconfirmed else {})
    result.update(
        explanation_id=explain(result, "id", confirmed_years=confirmed),
        explanation_en=explain(result, "en", confirmed_years=confirmed),
    )
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    if unconfirmed:  # what the case page says of such a deadline
        years = ", ".join(map(str, unconfirmed))
        click.echo(
            f"warning: this count reaches into {years}, whose holidays and cuti bersama nobody has confirmed yet: the"
            " due date may move when an admin enters the SKB's days as overrides and confirms the year"
            f" (kawal calendar confirm {unconfirmed[0]})",
            err=True,
        )


@calendar.command("confirm")
@click.argument("year", type=int)
@click.option("--note", default=None, help="e.g. the SKB 3 Menteri the days were taken from")
@pass_context
def calendar_confirm(kawal, year, note):
    """Confirm YEAR's holidays and cuti bersama against the SKB, after entering its days as overrides (recorded as
    confirmed by ``cli``, as `kawal users` records its changes)."""
    from engine import accounts
    from engine.errors import KawalError
    from engine.holiday_years import confirm_year

    with kawal.session() as session:
        kawal.require_schema(session)
        try:
            confirm_year(session, year, accounts.CLI, note)
            session.commit()
        except KawalError as exc:
            raise refusal(exc) from None
    click.echo(f"{year} confirmed by {accounts.CLI}")


@calendar.command("year")
@click.argument("year", type=int)
@pass_context
def calendar_year(kawal, year):
    """Whether YEAR's cuti bersama are confirmed, and the dates the holidays package only estimates."""
    from engine.errors import KawalError
    from engine.holiday_years import year_view

    with kawal.session() as session:
        kawal.require_schema(session)
        try:
            view = year_view(session, year)
        except KawalError as exc:
            raise refusal(exc) from None
        click.echo(json.dumps(view, indent=2, ensure_ascii=False, default=str))


@calendar.group("overrides")
def calendar_overrides():
    """The admin's holiday overrides: extra days off, office closures, corrections."""


@calendar_overrides.command("list")
@pass_context
def overrides_list(kawal):
    """Every override, by day."""
    from engine.holidays import list_overrides

    with kawal.session() as session:
        rows = list_overrides(session)
        for row in rows:
            kind = "working day" if row.is_working else "day off"
            click.echo(f"{row.id}\t{row.day.isoformat()}\t{kind}\t{row.calendars}\t{row.reason}")
        if not rows:
            click.echo("no holiday overrides")


@calendar_overrides.command("add")
@click.option("--date", "day", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--reason", required=True, help="e.g. the Keppres, or why the office is closed")
@click.option(
    "--kind",
    type=click.Choice(["holiday", "cuti_bersama", "working"]),
    help="what the day is: holiday (a national holiday, an election day or an office closure: both readings),"
    " cuti_bersama (of the SKB: the latest reading only) or working (a correction: the office works that day)",
)
@click.option("--working", is_flag=True, help="the same as --kind working")
@click.option(
    "--calendar",
    "calendars",
    multiple=True,
    type=click.Choice(["strict", "lenient"]),
    help="only to correct one reading (repeat for both): else the kind's readings; a cuti bersama is never strict",
)
@pass_context
def overrides_add(kawal, day, reason, kind, working, calendars):
    """Add an override and recompute the open deadlines it moves (recorded as made by ``cli``)."""
    from engine import accounts
    from engine.holidays import WORKING, add_override

    if working and kind not in (None, WORKING):
        raise click.ClickException(
            f"--working contradicts --kind {kind}: a correction (the office works that day) is --kind working"
        )
    kind = WORKING if working else kind
    if kind is None and not calendars:
        kind = ""  # refused: say what the day is (a cuti bersama counts on the latest reading only)

    def change(session, rt):
        row = add_override(
            session, rt, day=day.date(), reason=reason, kind=kind, calendars=calendars or None, actor=accounts.CLI
        )
        return row, "added"

    _override_change(kawal, change, accounts.CLI)


@calendar_overrides.command("remove")
@click.argument("override_id", type=int)
@pass_context
def overrides_remove(kawal, override_id):
    """Remove an override; the open deadlines it had moved move back (recorded as removed by ``cli``)."""
    from engine import accounts
    from engine.holidays import remove_override

    def change(session, rt):
        return remove_override(session, rt, override_id, accounts.CLI), "removed"

    _override_change(kawal, change, accounts.CLI)


# The engine's field names as the options of `kawal calendar overrides add` spell them.
_OVERRIDE_OPTIONS = {
    "day": "--date",
    "reason": "--reason",
    "kind": "--kind",
    "calendars": "--calendar",
    "is_working": "--working",
}


def _override_change(kawal, change, actor) -> None:
    from engine.errors import KawalError
    from engine.holidays import change_reason, recompute_open_deadlines
    from notifications.jobs import schedule_case

    with kawal.session() as session:
        try:
            kawal.require_schema(session)
            rt = kawal.runtime(session)
            row, verb = change(session, rt)
            summary = change_reason(row, verb)
            moved = recompute_open_deadlines(session, rt, actor, summary)
            session.commit()
        except KawalError as exc:
            raise refusal(exc, _OVERRIDE_OPTIONS) from None
    for case_id in dict.fromkeys(m["case_id"] for m in moved):
        schedule_case(case_id)
    tz = rt.calendars["strict"].tz
    click.echo(summary)
    for m in moved:
        old, new = (m[k].astimezone(tz).strftime("%Y-%m-%d %H:%M") for k in ("old_due_at", "new_due_at"))
        click.echo(f"  {m['ticket']}\t{m['deadline']}\t{old} -> {new}")
    click.echo(f"{len(moved)} open deadline(s) moved")


@main.group()
def export():
    """Files for bodies outside the office."""


@export.command("bundle")
@click.argument("ticket")
@click.option("--output", type=click.Path(dir_okay=False), default=None, help="the zip to write (default: ./<name>)")
@pass_context
def export_bundle(kawal, ticket, output):
    """Write a case chain's evidence bundle for the Komisi Informasi; print its path and sha256."""
    from pathlib import Path

    from engine.bundle import export_bundle as export_chain
    from engine.models import Case

    with kawal.session() as session:
        kawal.require_schema(session)
        rt = kawal.runtime(session)
        case = session.scalar(select(Case).where(Case.ticket == ticket.strip().upper()))
        if case is None:
            raise click.ClickException(f"no case with ticket {ticket}")
        try:
            bundle = export_chain(session, rt, case, "cli")
        except FileNotFoundError:  # KAWAL_FILES_DIR defaults to ./kawal-files of the directory a command runs in
            raise click.ClickException(
                f"a file of {case.ticket} is not in KAWAL_FILES_DIR ({kawal.settings.files_dir}): run the command"
                " where Kawal keeps its files, or set KAWAL_FILES_DIR"
            ) from None
        path = Path(output or bundle.file_name)
        try:
            path.write_bytes(bundle.data)
        except OSError as exc:
            raise click.ClickException(f"cannot write {path}: {exc.strerror}") from None
        session.commit()  # the bundle_exported event, once the file is there
    click.echo(str(path))
    click.echo(f"sha256 {bundle.sha256}")


if __name__ == "__main__":  # `python -m api.cli`: how `kawal serve` starts its clock
    main()
