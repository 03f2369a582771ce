"""Accessibility: axe-core on every page type, language, width and colour scheme; every step
and outcome of the check; keyboard focus, 200 % zoom, target sizes and reduced motion."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from webapp.languages import LANGUAGES

from ..support.axe import violations
from ..support.check_browser import answer_screen
from ..support.pages import MISSING, PAGES

# Every control a finger must hit; links inside a sentence are exempt (WCAG 2.5.8).
TARGETS = """() => [...document.querySelectorAll(
    'main a, main button, main input, header a, header summary')]
  .filter(e => e.offsetParent !== null)
  .filter(e => {
    const text = e.closest('p, li, dd');
    const inline = e.tagName === 'A' && text && !e.classList.contains('button')
      && text.textContent.trim() !== e.textContent.trim();
    return !inline;
  })
  .map(e => {
    const r = e.getBoundingClientRect();
    return [e.tagName, e.className, Math.round(r.width), Math.round(r.height)];
  })"""
PAGE_TYPES = [*PAGES, MISSING]
WIDTHS = {"320": {"width": 320, "height": 720}, "desktop": {"width": 1280, "height": 900}}


def axe_matrix():
    """Every language at 320 px in light (what depends on the language: names, labels, lang
    attributes, text that wraps); both reading directions (English, Arabic) at every width
    and scheme; Farsi and Traditional Chinese (another right-to-left script, another CJK
    script) on a desktop in dark too. Colours and contrast do not change with the language,
    so every other combination would repeat the same checks once per language."""
    for lang in LANGUAGES:
        for width in WIDTHS:
            for scheme in ("light", "dark"):
                if (
                    lang.code in ("en", "ar")
                    or (width, scheme) == ("320", "light")
                    or (lang.code in ("fa", "zh-hant") and (width, scheme) == ("desktop", "dark"))
                ):
                    yield pytest.param(lang, width, scheme, id=f"{lang.code}-{width}-{scheme}")


@pytest.mark.parametrize(("lang", "width", "scheme"), list(axe_matrix()))
def test_no_axe_violations_on_any_page_type(watched_page, live_server, lang, width, scheme):
    page = watched_page
    page.set_viewport_size(WIDTHS[width])
    page.emulate_media(color_scheme=scheme)
    found = {}
    for pattern in PAGE_TYPES:
        page.goto(live_server.url + pattern.format(code=lang.code))
        problems = violations(page)
        if problems:
            found[pattern] = problems
        if pattern == MISSING:  # the 404 is meant: the browser logs it, we expect it
            page.problems[:] = [p for p in page.problems if "404" not in p]
    assert found == {}


CHECK_PATHS = {
    "emergency": {"saddle-numbness": "yes", "chest-pain": "not-sure"},
    "urgent": {"cancer": "not-sure"},
    "evaluate": {"not-better": "yes"},
    "self-care": {},
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("code", ["en", "ar", "zh"])
def test_no_axe_violations_on_any_step_or_outcome_of_the_check(
    watched_page, live_server, code, scheme
):
    """Each state scanned once: the error state, each question screen, each outcome."""
    page = watched_page
    page.emulate_media(color_scheme=scheme)
    found = {}
    for outcome, answers in CHECK_PATHS.items():
        page.goto(f"{live_server.url}/{code}/check")
        if "error" not in found:
            page.locator("button[value=continue]").click()  # the error state
            found["error"] = violations(page)
        for number in range(1, 4):
            if page.locator("#check-form [data-outcome]").count():
                break
            if f"screen {number}" not in found:
                found[f"screen {number}"] = violations(page)
            answer_screen(page, answers)
        expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", outcome)
        found[outcome] = violations(page)
    assert len(found) == 8  # the error state, three screens, four outcomes
    assert {step: problems for step, problems in found.items() if problems} == {}


def test_focus_is_always_visible(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/")
    seen = 0
    for _ in range(25):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return [s.outlineStyle, s.outlineWidth, document.activeElement.tagName]; }"""
        )
        if style[2] == "BODY":
            continue
        seen += 1
        assert style[0] != "none" and style[1] != "0px", style
    assert seen >= 20


@pytest.mark.parametrize("path", ["/ar/", "/en/check", "/de/handout"])
def test_nothing_is_lost_at_200_percent_zoom(watched_page, live_server, path):
    page = watched_page
    # 200 % zoom on a 1280 px window lays the page out in 640 CSS px, and on a 640 px
    # phone in 320: both must reflow without horizontal scrolling or clipped text.
    for width in (640, 320):
        page.set_viewport_size({"width": width, "height": 480})
        page.goto(live_server.url + path)
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('main *')].filter(e =>
                 e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'hidden'
               ).length"""
        )
        assert clipped == 0


@pytest.mark.parametrize(
    "path", ["/en/", "/ar/check", "/en/handout", "/en/offline", "/ar/diary", "/en/diary/print"]
)
def test_targets_are_at_least_24px_and_44px_where_the_layout_allows(
    watched_page, live_server, path
):
    page = watched_page
    page.goto(live_server.url + path)
    sizes = page.evaluate(TARGETS)
    too_small = [s for s in sizes if s[2] < 24 or s[3] < 24]
    assert too_small == []
    buttons = [s for s in sizes if s[0] == "BUTTON" or "button" in s[1]]
    assert all(s[3] >= 44 for s in buttons), buttons


def test_reduced_motion_is_honoured(watched_page, live_server):
    page = watched_page
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server.url + "/en/")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
