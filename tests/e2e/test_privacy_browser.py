"""Privacy: no request leaves the site, no cookie beyond the two strictly needed, and the
check's answers in no URL, cookie, storage or log."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import pytest
from flask.sessions import SecureCookieSessionInterface

from webapp.languages import LANGUAGES

from ..support.check_browser import answer_screen, run_check
from ..support.offline import wait_for_worker
from ..support.pages import MISSING, PAGES, SAMPLE_CODES

#: Both reading directions and a CJK script. What a page in any language asks for is checked
#: without a browser in tests/test_same_origin.py, and the CSP forbids every other origin.
WALKED = [lang for lang in LANGUAGES if lang.code in SAMPLE_CODES]


@pytest.mark.parametrize("lang", WALKED, ids=lambda lang: lang.code)
def test_no_request_to_another_origin_and_no_cookie(
    browser, browser_context_args, live_server, lang
):
    context = browser.new_context(**browser_context_args)
    origins = set()
    context.on("request", lambda request: origins.add(urlsplit(request.url).netloc))
    page = context.new_page()
    page.goto(live_server.url + PAGES[0].format(code=lang.code))
    # The worker is active only once its precache is all saved: every request it makes is
    # in. (Waiting here, not after the other pages: a page that starts loading while the
    # worker activates may stay uncontrolled until the next one, which is not our concern.)
    wait_for_worker(page)
    for pattern in [*PAGES[1:], MISSING]:
        page.goto(live_server.url + pattern.format(code=lang.code))
        page.wait_for_load_state("load")
    assert origins == {urlsplit(live_server.url).netloc}
    assert context.cookies() == []  # reading, the check's page and the worker set none
    context.close()


def test_on_device_answers_stay_on_the_device(watched_page, live_server, caplog):
    page = watched_page
    caplog.set_level(logging.DEBUG)
    page.goto(live_server.url + "/en/check")
    wait_for_worker(page)  # the worker's own saving of the pages is not the check's doing
    page.wait_for_load_state("networkidle")
    # The worker's own precache (which fetches /en/check) is done once it is active; on a
    # busy machine that can come after the network looked idle.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    caplog.clear()
    assert run_check(page, {"fever": "yes", "cancer": "not-sure"}) == "urgent"
    assert page.url == live_server.url + "/en/check"
    assert page.context.cookies() == []
    stored = page.evaluate(
        """async () => ({local: localStorage.length, session: sessionStorage.length,
                         dbs: indexedDB.databases ? (await indexedDB.databases()).length : 0})"""
    )
    assert stored == {"local": 0, "session": 0, "dbs": 0}
    assert [r for r in caplog.records if "/check" in r.getMessage()] == []  # no request at all


def test_no_javascript_cookie_is_the_form_session_only(browser, browser_context_args, live_server):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/en/check")
    assert context.cookies() == []  # reading the check sets nothing
    answer_screen(page, "no")
    cookies = context.cookies()
    assert [c["name"] for c in cookies] == ["session"]
    assert cookies[0]["httpOnly"] is True and cookies[0]["sameSite"] == "Lax"
    serializer = SecureCookieSessionInterface().get_signing_serializer(live_server.app)
    assert set(serializer.loads(cookies[0]["value"])) == {"csrf_token"}  # no answers in it
    context.close()
