"""Browser fixtures: a live server in a thread, and Chromium on a phone-sized viewport.

Playwright cannot download its own browsers on our machines, so when its Chromium is
missing we launch Debian's (`/usr/bin/chromium`) instead; where Playwright's browser is
installed, it is used as is.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from webapp import create_app

from ..conftest import CLINIC

PHONE = {"width": 390, "height": 844}
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def system_chromium(browser_type) -> str | None:
    """Debian's Chromium when Playwright's own browser is not installed, else None."""
    if Path(browser_type.executable_path).exists():
        return None
    return shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_type):
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    if system_chromium(browser_type):
        args["executable_path"] = system_chromium(browser_type)
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": PHONE,
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
        "locale": "en-US",
    }


class Faults:
    """WSGI wrapper: records every path asked for, and can hang or fail on demand."""

    def __init__(self, app):
        self.app = app
        self.paths: list[str] = []

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        self.paths.append(path)
        if path.endswith("/__hang"):
            time.sleep(8)
        if path.endswith("/__boom"):
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
            return [b"boom"]
        return self.app(environ, start_response)


class LiveServer:
    """A real HTTP server for the app, in a background thread (a free port, or a given one)."""

    def __init__(self, app, port: int = 0):
        self.app = app
        self.faults = Faults(app)
        self.server = make_server("127.0.0.1", port, self.faults, threaded=True)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def paths(self) -> list[str]:
        return self.faults.paths

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def start_server():
    """Start servers for one test (stopped at its end); pass port= to restart on the same one."""
    servers: list[LiveServer] = []

    def start(port: int = 0, **config) -> LiveServer:
        server = LiveServer(create_app({"TESTING": True, **CLINIC, **config}), port)
        servers.append(server)
        return server

    yield start
    for server in servers:
        with contextlib.suppress(Exception):
            server.stop()


@pytest.fixture(scope="session")
def live_server():
    server = LiveServer(create_app({"TESTING": True, **CLINIC}))
    yield server
    server.stop()


@pytest.fixture
def watched_page(page):
    """A page that records console errors and CSP violations, checked after the test."""
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.problems = problems
    yield page
    assert problems == [], problems


@pytest.fixture(scope="module")
def print_with_font(browser):
    """Print a URL on a paper size with a forced font family: `(url, paper, font) -> Printout`.

    For every paper page (handout, poster, card, plan, diary): see tests/e2e/printing.py.
    The page is opened in a desktop context that lets the test add its forcing style
    (the app's CSP rightly refuses inline styles); one page is reused for speed.
    """
    from .printing import print_page

    context = browser.new_context(bypass_csp=True, locale="en-US")
    page = context.new_page()

    def printed(url: str, paper: str, font: str | None = None):
        return print_page(page, url, paper, font)

    yield printed
    context.close()
