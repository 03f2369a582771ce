"""The warning-sign check as a patient uses it: on the device, by keyboard, without JavaScript."""

from __future__ import annotations

import logging
import re

import pytest
from playwright.sync_api import expect

from ..support.triage import KEYS, expected, run_all


def test_on_device_check_agrees_with_the_rules_for_all_243_combinations(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/check")
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    results = run_all(page)
    assert len(results) == 243
    for combo, (outcome, sign, answer, focused) in results:
        want, stop = expected(combo)
        assert outcome == want, combo
        if stop < 4:
            assert (sign, answer) == (KEYS[stop], combo[stop]), combo
        assert focused == "outcome-heading"
    # Nothing left the page, and nothing was kept: no request, no URL change, no storage.
    assert requests == []
    assert page.url == live_server.url + "/en/check"
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.context.cookies() == []


def test_a_patient_runs_the_check_by_touch(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/check")
    expect(page.get_by_text("Question 1 of 5")).to_be_visible()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Question 2 of 5")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    expect(page).to_have_title("Question 2 of 5 – Warning-sign check – Back Spasm Guide")
    page.get_by_label("Not sure").check()
    page.get_by_role("button", name="Continue").click()
    outcome = page.locator("[data-outcome]")
    expect(outcome).to_have_attribute("data-outcome", "emergency")
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Emergency")
    expect(page.get_by_role("link", name="Call the emergency number 911")).to_be_visible()
    card = page.locator(".doctor-card")
    expect(card).to_contain_text("Numbness or tingling in your groin or between your legs")
    expect(card).to_contain_text("Not sure")
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_text("Question 2 of 5")).to_be_visible()
    expect(page.get_by_label("Not sure")).to_be_checked()
    page.get_by_role("button", name="Start again").click()
    expect(page.get_by_text("Question 1 of 5")).to_be_visible()
    expect(page.get_by_label("No", exact=True)).not_to_be_checked()


def test_continue_without_an_answer_shows_the_error_summary(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/check")
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title("Error: Question 1 of 5 – Warning-sign check – Back Spasm Guide")
    summary.get_by_role("link", name="Select yes, no or not sure").click()
    expect(page.get_by_label("Yes", exact=True)).to_be_focused()


def test_keyboard_only(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/check")
    page.get_by_label("Yes", exact=True).focus()
    page.keyboard.press("ArrowDown")  # radios: arrows move and select
    expect(page.get_by_label("No", exact=True)).to_be_checked()
    page.keyboard.press("Enter")  # Enter submits the form: Continue is the first button
    expect(page.get_by_text("Question 2 of 5")).to_be_visible()
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # No
    page.keyboard.press("Enter")
    expect(page.get_by_text("Question 3 of 5")).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # Yes
    page.keyboard.press("Enter")
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "urgent")
    expect(page.get_by_role("heading", level=1)).to_be_focused()


@pytest.fixture
def no_js_page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


NO_JS_CASES = [
    (["yes"], "emergency"),
    (["no", "not-sure"], "emergency"),
    (["no", "no", "yes"], "urgent"),
    (["no", "no", "no", "not-sure"], "urgent"),
    (["no", "no", "no", "no", "yes"], "evaluate"),
    (["no", "no", "no", "no", "not-sure"], "self-care"),
    (["no", "no", "no", "no", "no"], "self-care"),
]
LABELS = {"yes": "Yes", "no": "No", "not-sure": "Not sure"}


@pytest.mark.parametrize(("answers", "outcome"), NO_JS_CASES)
def test_without_javascript_the_form_reaches_the_same_outcome(
    no_js_page, live_server, caplog, answers, outcome
):
    page = no_js_page
    caplog.set_level(logging.DEBUG)
    page.goto(live_server.url + "/en/check")
    for number, answer in enumerate(answers, start=1):
        expect(page.get_by_text(f"Question {number} of 5")).to_be_visible()
        page.get_by_label(LABELS[answer], exact=True).check()
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", outcome)
    # Post/Redirect/Get: the outcome has its own sealed address, with no answer in it.
    assert page.url.startswith(live_server.url + "/en/check/answers?s=")
    assert not re.search(r"yes|=no|sure|bladder|groin|night|weight|recurring", page.url)
    # The server's log has the requests, but none of the answers.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /en/check" in logged
    for word in (
        "not-sure",
        "bladder",
        "groin",
        "night-pain",
        "weight",
        "recurring",
        "=yes",
        "=no",
    ):
        assert word not in logged


def test_without_javascript_back_walks_through_the_questions(no_js_page, live_server):
    """The phone's Back button on the no-JavaScript path: never "Confirm form resubmission"."""
    page = no_js_page
    page.goto(live_server.url + "/en/check")
    for answer in ("no", "no", "not-sure"):
        page.get_by_label(LABELS[answer], exact=True).check()
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "urgent")
    page.go_back()
    expect(page.get_by_text("Question 3 of 5")).to_be_visible()
    page.go_back()
    expect(page.get_by_text("Question 2 of 5")).to_be_visible()
    page.go_forward()
    page.go_forward()
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "urgent")
    # From an earlier screen the patient can answer again and go on.
    page.go_back()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Question 4 of 5")).to_be_visible()


def test_without_javascript_an_empty_answer_shows_the_error(no_js_page, live_server):
    page = no_js_page
    page.goto(live_server.url + "/en/check")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".error-message")).to_be_visible()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Question 2 of 5")).to_be_visible()
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_text("Question 1 of 5")).to_be_visible()
    expect(page.get_by_label("No", exact=True)).to_be_checked()
