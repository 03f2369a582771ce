"""The warning-sign check as a patient uses it: on the device, by keyboard, without JavaScript."""

from __future__ import annotations

import logging
import re

import pytest
from playwright.sync_api import expect

from ..support.check_browser import answer_screen, run_check
from ..support.triage import EMERGENCY, answer_sets, expected, run_all

#: A sample of the rules' answer sets (test_triage.py enumerates them all on both sides):
#: none, each sign alone, the combination rules, and some whole answer sets.
SAMPLE = answer_sets(sample=30)


def test_on_device_check_agrees_with_the_rules(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/check")
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    sample = SAMPLE[:: max(1, len(SAMPLE) // 120)]
    results = run_all(page, sample)
    for answers, (outcome, action, listed, focused) in results:
        want, want_action, signs = expected(answers)
        assert (outcome, action) == (want, want_action), answers
        assert listed == sorted(signs), answers
        assert focused == "outcome-heading"
    # Nothing left the page, and nothing was kept: no request, no URL change, no storage.
    assert requests == []
    assert page.url == live_server.url + "/en/check"
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.context.cookies() == []


def test_a_patient_runs_the_check_by_touch(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/check")
    expect(page.get_by_text("Step 1 of 3")).to_be_visible()
    expect(page.get_by_text("adults 16 and over")).to_be_visible()
    answer_screen(page, "no")
    expect(page.get_by_text("Step 2 of 3")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    expect(page).to_have_title("Step 2 of 3 – Warning-sign check – Back Spasm Guide")
    answer_screen(page, {"cancer": "yes", "one-leg-weaker": "not-sure"})
    outcome = page.locator("[data-outcome]")
    expect(outcome).to_have_attribute("data-outcome", "emergency")
    expect(outcome).to_have_attribute("data-action", "go")
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Emergency")
    expect(page.get_by_role("link", name="Call the emergency number 911")).to_be_visible()
    expect(page.get_by_text("These signs together need a doctor now:")).to_be_visible()
    note = page.locator(".doctor-card")
    expect(note).to_contain_text("You have had cancer")
    expect(note).to_contain_text("One leg gets weaker day by day (not sure)")
    expect(page.locator(".outcome .sign-group").first).to_be_visible()  # the list to watch
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_text("Step 2 of 3")).to_be_visible()
    expect(page.locator("#one-leg-weaker-not-sure")).to_be_checked()
    page.get_by_role("button", name="Start again").click()
    expect(page.get_by_text("Step 1 of 3")).to_be_visible()
    expect(page.locator("#chest-pain-no")).not_to_be_checked()


def test_each_emergency_action_and_the_urgent_screen(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/check")
    assert run_check(page, {"serious-accident": "yes", "pee-start": "not-sure"}) == "emergency"
    outcome = page.locator("[data-outcome]")
    expect(outcome).to_have_attribute("data-action", "call")
    expect(outcome).to_contain_text("Call 911 now. Do not drive yourself.")
    expect(outcome).to_contain_text("do not move")
    expect(outcome).to_contain_text("Go to an emergency department now.")
    expect(outcome).to_contain_text("Suspected cauda equina syndrome")
    page.get_by_role("button", name="Start again").click()
    assert run_check(page, {"weight-loss": "yes"}) == "urgent"
    expect(outcome).to_contain_text("Contact a doctor today.")
    expect(outcome).not_to_contain_text("cancer team")
    expect(outcome).not_to_contain_text("Call 911 now")


def test_continue_with_a_row_unanswered_shows_the_error_summary(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/check")
    page.locator("#chest-pain-no").check()
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title("Error: Step 1 of 3 – Warning-sign check – Back Spasm Guide")
    expect(summary.get_by_role("link", name="Chest pain")).to_be_hidden()  # answered
    summary.get_by_role("link", name="Pain, tingling or numbness in both legs").click()
    expect(page.locator("#both-legs-yes")).to_be_focused()
    expect(page.locator("#chest-pain-no")).to_be_checked()


def test_none_of_these_clears_the_ticks(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/check")
    answer_screen(page, "no")
    answer_screen(page, "no")
    page.locator("#weight-gain-tick").check()
    page.locator("#checkup-none").check()
    expect(page.locator("#weight-gain-tick")).not_to_be_checked()
    page.locator("#weight-gain-tick").check()
    expect(page.locator("#checkup-none")).not_to_be_checked()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "evaluate")


def test_keyboard_only(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/check")
    page.locator("#chest-pain-yes").focus()
    for _ in EMERGENCY:
        page.keyboard.press("ArrowDown")  # radios: the arrow moves to No and selects it
        page.keyboard.press("Tab")  # on to the next row
    assert page.evaluate("document.activeElement.value") == "continue"
    page.keyboard.press("Enter")
    expect(page.get_by_text("Step 2 of 3")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    expect(page.locator("#pee-start-no")).to_have_count(0)  # a new screen


@pytest.fixture
def no_js_page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


NO_JS_CASES = [
    ({"chest-pain": "yes"}, "emergency"),
    ({"saddle-numbness": "not-sure"}, "emergency"),
    ({"fever": "yes", "one-leg-weaker": "yes"}, "emergency"),
    ({"night-pain": "not-sure"}, "urgent"),
    ({"keeps-coming-back": "yes"}, "evaluate"),
    ({}, "self-care"),
]


@pytest.mark.parametrize(("answers", "outcome"), NO_JS_CASES)
def test_without_javascript_the_form_reaches_the_same_outcome(
    no_js_page, live_server, caplog, answers, outcome
):
    page = no_js_page
    caplog.set_level(logging.DEBUG)
    page.goto(live_server.url + "/en/check")
    assert run_check(page, answers) == outcome
    for key in (k for k, v in answers.items() if v != "no"):
        expect(page.locator(f'[data-when="sign:{key}"]').first).to_be_visible()
    # Post/Redirect/Get: the outcome has its own sealed address, with no answer in it.
    # The seal is random base64, which may spell any short word: read the address without it.
    assert page.url.startswith(live_server.url + "/en/check/answers?s=")
    address, seal = page.url.split("?s=")
    assert re.fullmatch(r"gAAAAA[\w%-]+", seal), seal
    assert not re.search(r"yes|=no|sure|pee|chest|fever|cancer|night|checkup", address)
    # The server's log has the page's GET, but no line of the check's POSTs or answer screens
    # (their number would tell which level stopped it), and none of the answers.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "GET /en/check HTTP" in logged
    assert "POST" not in logged and "/check/answers" not in logged
    for word in ("not-sure", "chest", "saddle", "fever", "night-pain", "checkup", "=yes", "=no"):
        assert word not in logged


def test_without_javascript_back_walks_through_the_screens(no_js_page, live_server):
    """The phone's Back button on the no-JavaScript path: never "Confirm form resubmission"."""
    page = no_js_page
    page.goto(live_server.url + "/en/check")
    answer_screen(page, "no")
    answer_screen(page, {"lump": "not-sure"})
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "urgent")
    page.go_back()
    expect(page.get_by_text("Step 2 of 3")).to_be_visible()
    page.go_back()
    expect(page.get_by_text("Step 1 of 3")).to_be_visible()
    page.go_forward()
    page.go_forward()
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "urgent")
    # From an earlier screen the patient can answer again and go on.
    page.go_back()
    answer_screen(page, "no")
    expect(page.get_by_text("Step 3 of 3")).to_be_visible()


def test_without_javascript_an_unanswered_row_shows_the_error(no_js_page, live_server):
    page = no_js_page
    page.goto(live_server.url + "/en/check")
    page.locator("#chest-pain-no").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#both-legs-error")).to_be_visible()
    expect(page.locator("#chest-pain-error")).to_be_hidden()
    expect(page.locator("#chest-pain-no")).to_be_checked()
    answer_screen(page, "no")
    expect(page.get_by_text("Step 2 of 3")).to_be_visible()
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_text("Step 1 of 3")).to_be_visible()
    expect(page.locator("#pee-start-no")).to_be_checked()
