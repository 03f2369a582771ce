"""Installable and fully offline: manifest, service worker, updates and the kill switch."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from webapp.languages import LANGUAGES

from ..support.check_browser import run_check
from ..support.offline import cached, wait_for_worker
from ..support.pages import SAMPLE_CODES
from ..support.triage import complete, expected


def test_manifest_has_every_field(client):
    for lang in LANGUAGES:
        response = client.get(f"/{lang.code}/manifest.webmanifest")
        assert response.headers["Content-Type"].startswith("application/manifest+json")
        data = json.loads(response.get_data(as_text=True))
        assert data["lang"] == lang.html_lang and data["dir"] == lang.dir
        assert data["id"] == "/" and data["scope"] == "/"
        assert data["start_url"] == f"/{lang.code}/"
        assert data["display"] == "standalone"
        assert data["theme_color"] and data["background_color"]
        assert data["name"] and data["short_name"] and data["description"]
        assert len(data["short_name"]) <= 15
        purposes = {(icon["sizes"], icon.get("purpose", "any")) for icon in data["icons"]}
        assert {("192x192", "any"), ("512x512", "any")} <= purposes
        assert {("192x192", "maskable"), ("512x512", "maskable"), ("any", "any")} <= purposes
        # A long press on the icon: the plan and the diary, the check, the card.
        urls = [shortcut["url"] for shortcut in data["shortcuts"]]
        assert urls == [f"/{lang.code}/{page}" for page in ("plan", "diary", "check", "card")]
        assert all(shortcut["name"] and shortcut["icons"] for shortcut in data["shortcuts"])
        assert {shot["form_factor"] for shot in data["screenshots"]} == {"narrow", "wide"}
        for item in data["icons"] + data["screenshots"]:
            assert client.get(item["src"]).status_code == 200
    assert json.loads(client.get("/es/manifest.webmanifest").data)["name"] != "Back Spasm Guide"


@pytest.mark.parametrize(
    "lang",
    [lang for lang in LANGUAGES if lang.code in SAMPLE_CODES],
    ids=lambda lang: lang.code,
)
def test_installable(page, live_server, lang):
    """Chromium's own installability check, in both directions and a CJK script; every
    language's manifest is checked field by field in tests/test_pwa.py."""
    page.goto(f"{live_server.url}/{lang.code}/")
    wait_for_worker(page)
    cdp = page.context.new_cdp_session(page)
    result = cdp.send("Page.getInstallabilityErrors")
    errors = [
        e["errorId"] for e in result["installabilityErrors"] if e["errorId"] != "in-incognito"
    ]
    assert errors == []
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith(f"/{lang.code}/manifest.webmanifest")
    assert not manifest.get("errors")


def test_first_visit_saves_the_language_and_says_so(watched_page, start_server):
    server = start_server()
    page = watched_page
    page.goto(server.url + "/es/check")
    wait_for_worker(page)
    expect(page.locator("#offline-ready")).to_be_visible()
    urls = cached(page)["urls"]
    for path in ("/es/", "/es/check", "/es/offline", "/es/manifest.webmanifest"):
        assert path in urls
    assert any(u.startswith("/static/css/site.css?v=") for u in urls)
    # Every page of the language visited; of the others only the guide and the check.
    assert "/en/" in urls and "/en/check" in urls and "/zh-hant/check" in urls
    assert "/en/offline" not in urls and "/en/card" not in urls
    assert page.context.cookies() == []  # saving the check page set no cookie


def test_offline_the_switcher_opens_the_guide_and_check_of_another_language(
    watched_page, start_server
):
    server = start_server()
    page = watched_page
    page.goto(server.url + "/es/")
    wait_for_worker(page)
    server.stop()
    page.goto(server.url + "/es/check")
    page.locator(".lang-switch summary").click()
    page.locator('.lang-switch a[data-lang="fa"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "fa")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#check-form")).to_be_visible()
    page.goto(server.url + "/uk/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("#warning-signs")).to_be_attached()


def test_full_offline_session_with_the_server_stopped(page, start_server):
    server = start_server()
    page.goto(server.url + "/ar/")
    wait_for_worker(page)
    server.stop()
    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#warning-signs")).to_be_attached()
    page.goto(server.url + "/ar/check")
    for answers in (
        {"both-legs": "yes"},
        {"weight-loss": "not-sure"},
        {"long-stiff-young": "yes"},
        {},
    ):
        if page.locator("button[value=restart]").count():
            page.locator("button[value=restart]").first.click()
        want, _, _ = expected(complete(answers))
        assert run_check(page, answers) == want
    page.goto(server.url + "/ar/offline")
    expect(page.locator("h1")).to_be_visible()
    # A page that was never saved: the translated offline page, with links to what is saved.
    page.goto(server.url + "/ar/not-saved")
    expect(page.locator(".offline-links a")).to_have_count(3)
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    # "/" is a redirect on the server; offline it opens a saved language.
    page.goto(server.url + "/")
    expect(page).to_have_url(server.url + "/ar/")


def test_a_reload_makes_no_request_for_saved_urls(page, start_server):
    server = start_server()
    page.goto(server.url + "/en/")
    wait_for_worker(page)  # active only once the precache is all saved
    page.wait_for_load_state("networkidle")  # and the browser's own fetches (manifest) done
    server.paths.clear()
    page.reload()
    page.goto(server.url + "/en/check")
    page.wait_for_load_state("load")
    assert [p for p in server.paths if p != "/sw.js"] == []


def test_another_language_visited_online_is_saved_too(page, start_server):
    server = start_server()
    page.goto(server.url + "/en/")
    wait_for_worker(page)
    page.goto(server.url + "/vi/")
    page.wait_for_function(
        "caches.keys().then(n => caches.open(n[0])).then(c => c.match('/vi/check')).then(Boolean)"
    )
    server.stop()
    page.goto(server.url + "/vi/check")
    expect(page.locator("html")).to_have_attribute("lang", "vi")


@pytest.mark.parametrize("fault", ["__hang", "__boom"])
def test_server_hanging_or_failing_falls_back_within_3_seconds(page, start_server, fault):
    server = start_server()
    page.goto(server.url + "/en/")
    wait_for_worker(page)
    started = time.monotonic()
    page.goto(f"{server.url}/en/{fault}")
    expect(page.locator(".offline-links")).to_be_visible()
    assert time.monotonic() - started < 5


def test_damaged_cache_repairs_itself_online(page, start_server):
    server = start_server()
    page.goto(server.url + "/en/")
    wait_for_worker(page)
    page.evaluate("caches.keys().then(n => caches.open(n[0])).then(c => c.delete('/en/check'))")
    page.goto(server.url + "/en/check")  # not in the cache: served from the network
    expect(page.locator("#check-form")).to_be_visible()
    page.goto(server.url + "/de/")  # any online navigation re-saves what is missing
    page.wait_for_function(
        "caches.keys().then(n => caches.open(n[0])).then(c => c.match('/de/check')).then(Boolean)"
    )


def test_update_shows_a_notice_and_never_mixes_versions(page, start_server):
    old = start_server(CLINIC_NAME="Old Street Physio")
    page.goto(old.url + "/en/")
    wait_for_worker(page)
    old_cache = cached(page)["names"]
    old.stop()
    new = start_server(port=old.port, CLINIC_NAME="New Road Physio")
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    notice = page.locator("#update-notice")
    expect(notice).to_be_visible(timeout=10_000)
    expect(page.locator(".clinic-name")).to_have_text("Old Street Physio")
    page.reload()  # without accepting, the old version stays whole
    expect(page.locator(".clinic-name")).to_have_text("Old Street Physio")
    expect(notice).to_be_visible(timeout=10_000)
    notice.get_by_role("button", name="Reload for the new version").click()
    expect(page.locator(".clinic-name")).to_have_text("New Road Physio")
    old_name = json.dumps(old_cache[0])
    page.wait_for_function(
        f"caches.keys().then(names => names.length === 1 && names[0] !== {old_name})"
    )
    # Page and assets come from the same version: every asset URL on the page is in the one cache.
    assets = page.evaluate(
        "[...document.querySelectorAll('link[rel=stylesheet], script[src]')]"
        ".map(e => new URL(e.href || e.src).pathname + new URL(e.href || e.src).search)"
    )
    urls = cached(page)["urls"]
    assert assets and all(asset in urls for asset in assets)
    new.stop()
    page.reload()
    expect(page.locator(".clinic-name")).to_have_text("New Road Physio")


#: Records every call of navigator.serviceWorker.register, before any script of the page runs.
RECORD_REGISTER = """
window.registered = [];
const register = ServiceWorkerContainer.prototype.register;
ServiceWorkerContainer.prototype.register = function (...args) {
  window.registered.push(String(args[0]));
  return register.apply(this, args);
};"""


def test_kill_switch_retires_the_worker(page, start_server):
    page.add_init_script(RECORD_REGISTER)
    server = start_server()
    page.goto(server.url + "/en/")
    wait_for_worker(page)
    assert page.evaluate("window.registered") == ["/sw.js"]  # the recorder sees a register
    server.stop()
    killed = start_server(port=server.port, SERVICE_WORKER_KILL_SWITCH=True)
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_function(
        "navigator.serviceWorker.getRegistrations().then(r => r.length === 0)", timeout=10_000
    )
    page.wait_for_function("caches.keys().then(n => n.length === 0)")
    page.goto(killed.url + "/en/")
    expect(page.locator("html")).not_to_have_attribute("data-sw", "/sw.js")
    # The page's scripts register a worker in their load handler: once the load event is
    # over, they have had their chance, and took none.
    page.wait_for_load_state("load")
    assert page.evaluate("window.registered") == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0


def test_install_button_appears_when_the_browser_offers_it(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/")
    expect(page.locator("#install")).to_be_hidden()
    page.evaluate(
        """() => {
          const event = new Event("beforeinstallprompt");
          event.prompt = () => { window.prompted = true; };
          event.userChoice = Promise.resolve({ outcome: "accepted" });
          window.dispatchEvent(event);
        }"""
    )
    expect(page.get_by_role("button", name="Install the app")).to_be_visible()
    page.get_by_role("button", name="Install the app").click()
    assert page.evaluate("window.prompted") is True
    expect(page.locator("#install")).to_be_hidden()


IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)


def test_ios_gets_add_to_home_screen_steps(browser, live_server):
    context = browser.new_context(user_agent=IPHONE, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/fr/")
    steps = page.locator("#install-ios")
    expect(steps).to_be_visible()
    expect(steps.get_by_role("img", name="Partager")).to_be_visible()
    context.close()


def test_nothing_offered_when_running_installed(browser, live_server):
    context = browser.new_context(user_agent=IPHONE, viewport={"width": 390, "height": 844})
    context.add_init_script("Object.defineProperty(navigator, 'standalone', {value: true})")
    page = context.new_page()
    page.goto(live_server.url + "/en/")
    expect(page.locator("#install-ios")).to_be_hidden()
    expect(page.locator("#install")).to_be_hidden()
    context.close()
