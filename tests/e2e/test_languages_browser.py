"""Switching language in the browser keeps the reader on the same page, and is remembered."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


def test_switcher_keeps_the_page_and_remembers_the_choice(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/")
    page.locator(".lang-switch summary").click()
    page.get_by_role("link", name="Español").click()
    expect(page).to_have_url(live_server.url + "/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["lang"]["value"] == "es"
    assert cookies["lang"]["sameSite"] == "Lax"
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/es/")


def test_switcher_works_by_keyboard(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/")
    page.locator(".lang-switch summary").focus()
    page.keyboard.press("Enter")
    link = page.get_by_role("link", name="العربية")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_no_cookie_until_the_patient_picks_a_language(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/en/")
    assert page.context.cookies() == []


# Every language at 320 px with the menu open, at 200 % text even: see
# tests/e2e/test_first_screen_browser.py (test_no_sideways_scroll_at_320_px_...).


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_right_to_left_languages_mirror_the_layout(watched_page, live_server, code):
    page = watched_page
    page.goto(f"{live_server.url}/{code}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    callout = page.locator(".callout")
    # The thick warning border is on the start side: the right, in Arabic.
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.callout')).borderRightWidth"
    ) > page.evaluate("getComputedStyle(document.querySelector('.callout')).borderLeftWidth")
    expect(callout).to_be_visible()
    phone = page.locator(".call-buttons bdi[dir=ltr]").first
    expect(phone).to_have_text("911")
