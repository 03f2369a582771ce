"""Browser fixtures: a live server in a thread, and Chromium on a phone-sized viewport
(launched as tests/support/browser.py says)."""

from __future__ import annotations

from contextlib import suppress

import pytest

from webapp import create_app

from ..support.browser import CHROMIUM_FLAGS, PHONE, system_chromium
from ..support.clinic import CLINIC, PUBLIC_URL
from ..support.servers import LiveServer


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


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


@pytest.fixture
def start_server(staff_file):
    """Start servers for one test (stopped at its end); pass port= to restart on the same one."""
    servers: list[LiveServer] = []

    def start(port: int = 0, **config) -> LiveServer:
        config = {"TESTING": True, **CLINIC, "STAFF_FILE": str(staff_file), **config}
        server = LiveServer(create_app(config), port)
        servers.append(server)
        return server

    yield start
    for server in servers:
        with suppress(Exception):
            server.stop()
        LiveServer.release(server.port)


@pytest.fixture(scope="session")
def live_server(staff_file):
    server = LiveServer(create_app({"TESTING": True, **CLINIC, "STAFF_FILE": str(staff_file)}))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def public_server(staff_file):
    """A live server whose PUBLIC_URL is the clinic's address (what printed codes carry)."""
    config = {"TESTING": True, **CLINIC, "PUBLIC_URL": PUBLIC_URL, "STAFF_FILE": str(staff_file)}
    server = LiveServer(create_app(config))
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

    For every paper page (handout, poster, card, plan, diary): see tests/support/printing.py.
    The page is opened in a desktop context that lets the test add its forcing style
    (the app's CSP rightly refuses inline styles); one page is reused for speed.
    """
    from ..support.printing import print_page

    context = browser.new_context(bypass_csp=True, locale="en-US")
    page = context.new_page()

    def printed(url: str, paper: str, font: str | None = None):
        return print_page(page, url, paper, font)

    yield printed
    context.close()
