"""Browser fixtures: a live server in a thread, and Chromium on a phone-sized viewport.

Playwright cannot download its own browsers on our machines, so when its Chromium is
missing we launch Debian's (`/usr/bin/chromium`) instead; where Playwright's browser is
installed, it is used as is.
"""

from __future__ import annotations

import shutil
import threading
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


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_type):
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    if not Path(browser_type.executable_path).exists():
        system = shutil.which("chromium") or "/usr/bin/chromium"
        args["executable_path"] = system
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


class LiveServer:
    """A real HTTP server for the app, in a background thread, on a free port."""

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


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
