"""Browser tests: Kawal served on a real port and driven by headless Debian Chromium through Playwright.

- ``live_server``: the test's ``app`` (tests/conftest.py: the run's app over the test's fresh database with the
  STAFF officers) served by werkzeug on 127.0.0.1, port chosen by the system, in a background thread; one per
  test (starting and stopping a server takes milliseconds).
- ``chromium``: one browser for all the browser tests (package scope: closed after the last of them), Debian's
  headless Chromium (``/usr/bin/chromium-headless-shell``, or ``KAWAL_CHROMIUM``: ``/usr/bin/chromium`` runs
  them in the whole browser), launched by the ``playwright`` package, which never downloads a browser of its own.
  The headless shell is built from the same Debian source package as ``chromium`` (the same Blink and V8, the
  same version), without the desktop browser around them; it is what Playwright itself runs for headless pages.
  Measured on the project's two-core machine (2026-12-06), the browser tests took 266 s of CPU with it against
  419 s in the whole browser (the axe-core page checks of test_quality.py: 61 s against 166 s), with the same
  results; the suite is CPU-bound on two cores, so that is time off every ``make test``.
- ``new_page(width, height)``: a page in a fresh browser context (its own cookies: one person), whose
  relative URLs go to the live server; ``page`` is one at 1280x800, ``narrow_page`` one at 360x740.
- When a test fails, every page it opened is saved as ``test-artifacts/<test>.png`` and ``.html``
  (``test-artifacts/`` is git-ignored; CI keeps it as the run's artifacts; tests/conftest.py empties it when
  a run starts).

These tests run on SQLite only: they check the pages a person uses, and the database backends are
compared by the API and engine tests (running every journey twice would double the slowest tests).

Nothing here is skipped: without Chromium, Playwright or axe-core the tests fail, saying how to install
them (``make test`` installs them).
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import ARTIFACTS

try:  # the test modules import it too: say how to get it rather than fail on a bare ModuleNotFoundError
    import playwright.sync_api  # noqa: F401
except ImportError as missing:
    raise ImportError(
        "the browser tests (tests/browser) need the Python package playwright: "
        "`.venv/bin/pip install 'playwright>=1.50'`, or `make test`, which installs the test dependency group"
    ) from missing

CHROMIUM = os.environ.get("KAWAL_CHROMIUM", "/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps calling Google's servers, which a test machine's closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 360, "height": 740}
TIMEOUT_MS = 15_000
PAGES = pytest.StashKey[list]()


@pytest.fixture
def db_url(sqlite_url):
    """SQLite only (see the module's docstring); replaces the two-backend ``db_url`` of tests/conftest.py."""
    return sqlite_url


def read_whole(app):
    """``app`` whose every answer is read whole and closed before werkzeug sends it.

    Werkzeug's server drains the socket after an answer and only then closes the answer's iterable; a browser
    that resets the connection meanwhile (a page closed while its script still loads) makes that drain raise, and
    the close is skipped. A file's handle (``send_file``, the static files) was then left to the garbage
    collector, whose ResourceWarning failed whichever test was running (seen in CI: case-diagram.js, reproduced
    with 28 of 30 reset connections). Kawal's own server, gunicorn, always closes the iterable.
    """

    def served(environ, start_response):
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return served


class LiveServer:
    """Kawal on 127.0.0.1:<port>, answering from a background thread until ``stop``."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, read_whole(app), threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.05},  # ``stop`` waits for the loop to look: 0.5 s a test by default
            name="kawal-live-server",
            daemon=True,
        )
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(app):
    server = LiveServer(app)
    yield server
    server.stop()  # before ``app`` disposes of the database


@pytest.fixture(scope="package")  # closed after tests/browser: no Playwright loop beside the other tests
def chromium():
    from playwright.sync_api import expect, sync_playwright

    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"the browser tests need Chromium at {CHROMIUM}: on Debian `apt-get install chromium-headless-shell` "
            "as root (`make test` does it), or point KAWAL_CHROMIUM at another Chromium. Playwright must not "
            "download one.",
            pytrace=False,
        )
    # Playwright's assertions (``expect``) wait 5 s by default, its actions the context's TIMEOUT_MS: with four test
    # workers on two cores a task page once took longer than 5 s to load after a click (a fresh clone's make test,
    # 2026-12-08), and the assertion on its URL failed while the page was still coming. Both wait as long now.
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(request, chromium, live_server):
    """``new_page()`` / ``new_page(360, 740)``: a page in a fresh context (a different person's browser)."""
    contexts = []
    pages = request.node.stash.setdefault(PAGES, [])

    def _new_page(width=WIDE["width"], height=WIDE["height"]):
        context = chromium.new_context(
            viewport={"width": width, "height": height},
            base_url=live_server.url,
            accept_downloads=True,
            locale="id-ID",
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        return page

    yield _new_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page(**WIDE)


@pytest.fixture
def narrow_page(new_page):
    return new_page(**NARROW)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """When a browser test fails, keep a screenshot and the HTML of every page it had open."""
    outcome = yield
    report = outcome.get_result()
    if report.when not in ("setup", "call") or not report.failed:
        return
    pages = [p for p in item.stash.get(PAGES, []) if not p.is_closed()]
    if not pages:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    base = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name).strip("_")
    saved = []
    for number, open_page in enumerate(pages, start=1):
        name = base if number == 1 else f"{base}-{number}"
        try:
            open_page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.html").write_text(open_page.content(), encoding="utf-8")
            saved.append(f"{ARTIFACTS / name}.png (+ .html) at {open_page.url}")
        except Exception as error:  # noqa: BLE001 - the test's own failure is what matters
            saved.append(f"{name}: could not be saved: {error}")
    report.sections.append(("browser artifacts", "\n".join(saved)))
