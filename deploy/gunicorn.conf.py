"""gunicorn's configuration for a production Kawal: ``gunicorn --config deploy/gunicorn.conf.py``.

Everything an office changes comes from the environment (the systemd unit's EnvironmentFile), so this
file stays as shipped:

| variable | default | meaning |
|---|---|---|
| KAWAL_WEB_BIND | 127.0.0.1:8000 | where nginx finds the app (a unix:/run/kawal/web.sock path works too) |
| KAWAL_WEB_WORKERS | 2 per CPU | web processes; each holds the parsed BPMN specs and a database pool |
| KAWAL_WEB_THREADS | 2 | threads per process: one waits on the database while the other runs Python |
| KAWAL_WEB_PRELOAD | 0 | 1: load the app once in the master, then fork (less memory; code updates need a restart) |

Reloading: ``systemctl reload kawal-web`` sends SIGHUP: gunicorn starts new workers on the new code and
configuration and stops the old ones after their current requests (graceful_timeout). With
KAWAL_WEB_PRELOAD=1 the code is the master's, so a code update needs ``systemctl restart``.

A wrong setting stops gunicorn before any worker starts, in one line of the journal (``Kawal's settings are wrong:
...``, naming it; the example file's placeholders all at once, one line each below it) and exit status 78
(``on_starting``). So does a database whose schema is not this release's (``Kawal's database is not this
release's: ... run kawal db upgrade``), as ``kawal serve --production`` refuses it. ``kawal serve --production
--port P`` (and --host, --workers, --threads) passes gunicorn the matching option, which wins over the setting here.
"""

import multiprocessing
import os
import sys

from api.server import child_exit, post_worker_init, pre_fork, when_ready  # noqa: F401 - gunicorn reads hooks from this module


def on_starting(server):
    """Check the settings once, in the master, before any worker is forked: a bad one (a short KAWAL_SECRET_KEY, a
    vault key that is not base64...) is one line naming the setting, and gunicorn exits with EX_CONFIG (78). Left
    to the workers, each printed a long traceback before "Worker failed to boot", and the line was buried in the
    journal. Each worker still reads the settings itself (create_app), from the same environment.

    The check's Kawal modules (engine.config, engine.models...) are forgotten afterwards: a worker forked after
    ``systemctl reload`` must import the updated code, not inherit the master's (api.server says the same)."""
    loaded = set(sys.modules)
    try:
        from engine.config import ConfigError, load_settings

        try:
            settings = load_settings()
        except ConfigError as wrong:
            server.log.error("Kawal's settings are wrong: %s", wrong)
            raise SystemExit(os.EX_CONFIG) from None
        _check_schema(server, settings.database_url)
    finally:
        for name in set(sys.modules) - loaded:
            if name.partition(".")[0] in ("engine", "api", "notifications"):
                del sys.modules[name]


def _check_schema(server, url: str) -> None:
    """This release's schema, or one line saying what to run and exit status 78, as ``kawal serve --production`` says
    it (api.cli): left to the workers, a database one migration behind answered every page that touched a new table
    or column with a 500. A database that cannot be reached yet (PostgreSQL still starting) is a warning: the
    workers connect when it is up, and /api/v1/health says 503 until then."""
    from sqlalchemy.exc import OperationalError

    from engine.db import make_engine, schema_mismatch, schema_revision

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            wrong = (
                "the database has no schema yet: run `kawal db upgrade` first"
                if schema_revision(conn) is None
                else schema_mismatch(conn)
            )
    except OperationalError as unreachable:
        server.log.warning("Kawal's database cannot be opened yet (its schema not checked): %s", unreachable.orig)
        return
    finally:
        engine.dispose()  # no connection kept in the master, nor inherited by a forked worker
    if wrong:
        server.log.error("Kawal's database is not this release's: %s", wrong)
        raise SystemExit(os.EX_CONFIG)


wsgi_app = "api:create_app()"
bind = [os.environ.get("KAWAL_WEB_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("KAWAL_WEB_WORKERS") or 2 * multiprocessing.cpu_count())
worker_class = "api.server.BalancedThreadWorker"  # gthread that spreads kept-alive clients over the workers
threads = int(os.environ.get("KAWAL_WEB_THREADS") or 2)
preload_app = os.environ.get("KAWAL_WEB_PRELOAD", "0") == "1"

# nginx keeps its upstream connections open for 60 s (keepalive_timeout in deploy/nginx/kawal.conf):
# the app must keep them at least as long, or nginx sends a request on a connection gunicorn just closed.
keepalive = 75
# A gthread worker's main loop tells the master it lives every second while threads serve the requests, so
# this kills a worker whose loop is stuck, not a slow request (checked: a 6 s request under timeout = 3 is
# answered). What cuts a slow answer is nginx's proxy_read_timeout (70 s): the client gets a 504 and the
# thread works on. No page should take that long (bench/README.md: the auditor's anchor, the chain check).
timeout = 60
graceful_timeout = 30  # on reload or stop, how long running requests may finish
# A worker is replaced after this many requests (with jitter, so they do not all restart at once): a slow
# leak in a library never grows for weeks.
max_requests = 5000
max_requests_jitter = 500

accesslog = "-"  # to journald through the unit's stdout
# The default format with the path alone (%(U)s), not the query string: an officer's inbox search (?q=) may hold a
# requester's name or NIK.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s"'

errorlog = "-"
loglevel = "info"
proc_name = "kawal-web"
# gunicorn 27's control socket (runtime management) is not used: reload is SIGHUP from systemd. Left on, it tries
# $HOME/.gunicorn, which the kawal user cannot write (ProtectSystem=strict), and logs an ERROR at every start.
control_socket_disable = True
# The request limits gunicorn enforces before the app sees anything.
limit_request_line = 8190
limit_request_fields = 100
