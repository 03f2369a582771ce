"""A patient reads the guide on a phone: top to bottom, by anchors, at 320 px, in the dark."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from webapp import content


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_guide_reads_top_to_bottom(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/")
    expect(page).to_have_title("Low back spasms – Back Spasm Guide")
    headings = page.locator("main h1, main h2").all_inner_texts()
    assert headings[0] == "Low back spasms"
    assert headings[1] == "What to do now"  # the steps come first
    assert "Warning signs" in headings[2]  # then the warning box
    section_headings = [str(s.heading) for s in content.SECTIONS]
    positions = [headings.index(h) for h in section_headings]
    assert positions == sorted(positions)
    assert page.locator(".callout").bounding_box()["y"] < 2 * 844  # within two screens
    # The box near the top names every emergency sign and the urgent ones in a line; the
    # section below lists every sign with its hint.
    box = page.locator(".callout").first
    for sign in content.WARNING_SIGNS:
        if sign.level == "emergency":
            expect(box.get_by_text(str(sign.name), exact=True)).to_be_visible()
        expect(
            page.locator("#warning-signs").get_by_text(str(sign.name), exact=True)
        ).to_be_visible()
    expect(box.get_by_text(str(content.CARD_URGENT))).to_be_visible()


@pytest.mark.parametrize("anchor", ["now", "why", "serious", "warning-signs", "recovery"])
def test_contents_links_jump_to_each_section(watched_page, live_server, anchor):
    page = watched_page
    page.goto(live_server.url + "/en/")
    page.locator(f".toc a[href='#{anchor}']").click()
    expect(page).to_have_url(f"{live_server.url}/en/#{anchor}")
    expect(page.locator(f"#{anchor} h2")).to_be_in_viewport()


def test_contents_lead_to_the_full_warning_signs(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/")
    page.locator(".toc a[href='#warning-signs']").click()
    section = page.locator("#warning-signs")
    expect(section.locator("h2")).to_be_in_viewport()
    expect(section.get_by_text("Trouble starting to pee, or a weak flow")).to_be_visible()
    expect(section.get_by_role("img", name="Two outlines of a body")).to_be_visible()
    expect(section.get_by_role("link", name="Call the emergency number 911")).to_be_visible()


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_horizontal_scroll(watched_page, live_server, width, scheme):
    page = watched_page
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    page.goto(live_server.url + "/en/")
    assert no_horizontal_scroll(page)
    page.locator(".lang-switch summary").click()
    assert no_horizontal_scroll(page)


def test_dark_mode_changes_the_colours(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert light == "rgb(255, 255, 255)"
    assert dark != light


def test_skip_link_is_first_for_keyboard_users(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_call_buttons_are_big_enough_to_tap(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/")
    for link in page.locator(".call-buttons a").all():
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
