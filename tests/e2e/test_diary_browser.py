"""The diary in the browser: entries over several days with a fixed clock, the chart and the
summary against the same figures computed in Python, CSV and backup round trips, deleting,
privacy (no request at all), and durability (offline, updates, the kill switch)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from webapp.content import WARNING_SIGNS

from ..support.axe import violations
from ..support.diary_figures import PUT, figures
from ..support.offline import wait_for_worker

ZONE = ZoneInfo("America/New_York")
TODAY = date(2026, 12, 2)
PLAN = {
    "v": 1,
    "code": "TEST0",  # not signed by the clinic: a restored copy must never show as a plan
    "lang": "en",
    "savedAt": "2026-11-09T10:00:00-05:00",
    "plan": {},
    "items": [
        {"id": "walk", "text": "Walk for 20 minutes, 2 times a day"},
        {"id": "ex1", "text": "Knee to chest, 10 times each side"},
    ],
}
FORMULA = '=HYPERLINK("http://evil.example","click")'
QUOTED = 'Felt "much" better, walked; then rested\nline two'
# (local time, pain, spasm, minutes walked, plan items done, note): 28 days hold them all,
# 14 days only those from 19 November on; two days have two entries.
ENTRIES = [
    ((2026, 11, 10, 8, 0), 8, True, 5, ["walk"], ""),
    ((2026, 11, 10, 20, 15), 9, True, None, [], "Bad night"),
    ((2026, 11, 13, 9, 0), 7, False, 10, ["walk", "ex1"], ""),
    ((2026, 11, 18, 23, 30), 6, True, 15, ["ex1"], ""),
    ((2026, 11, 19, 7, 45), 6, False, 20, ["walk"], ""),
    ((2026, 11, 22, 12, 0), 5, False, 20, [], ""),
    ((2026, 11, 22, 18, 0), 4, True, None, [], FORMULA),
    ((2026, 11, 26, 10, 0), 3, False, 30, ["walk", "ex1"], QUOTED),
    ((2026, 11, 30, 9, 0), 2, False, 40, ["walk"], ""),
    ((2026, 12, 2, 8, 0), 3, False, 25, ["walk", "ex1"], ""),
]
STORED = "() => JSON.parse(localStorage.getItem('bsg:diary'))"


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=ZONE)


def add_entry(page, pain, spasm, walked=None, done=(), note=""):
    """What a patient does: tap the pain, tap yes or no, maybe type, save."""
    page.locator(f"label[for=pain-{pain}]").click()
    page.locator("#spasm-field").get_by_label("Yes" if spasm else "No", exact=True).check()
    if walked is not None:
        page.get_by_label("Minutes walked").fill(str(walked))
    for item in done:
        page.locator(f'#plan-items input[value="{item}"]').check()
    if note:
        page.get_by_label("Note").fill(note)
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator("#diary-status")).to_have_text("Saved.")


@pytest.fixture
def diary_context(browser, browser_context_args):
    context = browser.new_context(**browser_context_args, timezone_id="America/New_York")
    yield context
    context.close()


def open_diary(page, url: str, when: datetime, with_plan=True):
    page.clock.set_fixed_time(when)
    page.goto(url + "/en/diary")
    if with_plan and page.evaluate("localStorage.getItem('bsg:plan')") is None:
        page.evaluate(f"localStorage.setItem('bsg:plan', {json.dumps(json.dumps(PLAN))})")
        page.reload()
    expect(page.locator("#diary")).to_be_visible()


@pytest.fixture
def filled(diary_context, live_server):
    """A diary of ten entries over 23 days, one of them edited and one deleted on the way."""
    page = diary_context.new_page()
    for when, pain, spasm, walked, done, note in ENTRIES:
        open_diary(page, live_server.url, at(*when))
        # The time defaults to now.
        expect(page.get_by_label("Date and time")).to_have_value(
            at(*when).strftime("%Y-%m-%dT%H:%M")
        )
        add_entry(page, pain, spasm, walked, done, note)
    # A mistake, corrected: an extra entry deleted, and one entry's pain edited.
    add_entry(page, 10, True, note="typed by mistake")
    mistake = page.locator(".entry", has_text="typed by mistake")
    mistake.get_by_role("button", name="Delete").click()
    mistake.get_by_role("button", name="Yes, delete").click()
    expect(page.locator("#diary-status")).to_have_text("Entry deleted.")
    expect(page.locator(".entry", has_text="typed by mistake")).to_have_count(0)
    page.locator(".entry", has_text="Bad night").get_by_role("button", name="Edit").click()
    expect(page.locator("#entry-heading")).to_contain_text("Edit entry from")
    expect(page.locator('input[name="pain"][value="9"]')).to_be_checked()
    page.locator("label[for=pain-8]").click()
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#diary-status")).to_have_text("Changes saved.")
    open_diary(page, live_server.url, at(2026, 12, 2, 12, 0))
    return page


def expected_entries():
    rows = []
    for when, pain, spasm, walked, done, note in ENTRIES:
        pain = 8 if note == "Bad night" else pain
        rows.append(
            {
                "time": at(*when).isoformat(),
                "pain": pain,
                "spasm": spasm,
                "walked": walked,
                "done": list(done),
                "note": note,
            }
        )
    return rows


def shown_figures(page) -> dict:
    return page.evaluate(
        """() => ({
          points: [...document.querySelectorAll('.pain-chart .pain-point')]
            .map(c => [c.dataset.day, Number(c.dataset.pain)]),
          spasms: [...document.querySelectorAll('.pain-chart .spasm-mark')].map(p => p.dataset.day),
          summary: Object.fromEntries([...document.querySelectorAll('#summary-table tr')]
            .map(r => [r.dataset.row, r.querySelector('td').textContent])),
          plan: Object.fromEntries([...document.querySelectorAll('#summary-table [data-item]')]
            .map(li => [li.dataset.item, li.querySelector('strong').textContent])),
          table: [...document.querySelectorAll('#chart-table tbody tr')]
            .map(r => [r.dataset.day, r.cells[1].textContent]),
        })"""
    )


def test_chart_and_summary_match_the_same_figures_computed_in_python(filled):
    page = filled
    stored = page.evaluate(STORED)["entries"]
    assert sorted(({k: e[k] for k in e if k != "id"} for e in stored), key=lambda e: e["time"]) == (
        sorted(expected_entries(), key=lambda e: e["time"])
    )
    assert len({e["id"] for e in stored}) == len(ENTRIES)
    for days in (14, 28):
        page.get_by_role("button", name=f"Last {days} days").click()
        expect(page.locator(".pain-chart")).to_have_attribute("data-days", str(days))
        want = figures(stored, days, TODAY, PLAN["items"])
        shown = shown_figures(page)
        assert shown["points"] == [
            [d["day"], d["pain"]] for d in want["chart"] if d["pain"] is not None
        ]
        assert shown["spasms"] == [d["day"] for d in want["chart"] if d["spasm"]]
        assert shown["table"] == [
            [d["day"], "—" if d["pain"] is None else str(d["pain"])]
            for d in reversed(want["chart"])
        ]
        plan_text = shown["summary"].pop("plan")
        assert shown["summary"] == want["summary"], days
        assert shown["plan"] == {k: str(v) for k, v in want["plan"].items()}
        assert PLAN["items"][0]["text"] in plan_text
    # The figures differ between the periods, so the switch is really tested.
    assert figures(stored, 14, TODAY, [])["summary"] != figures(stored, 28, TODAY, [])["summary"]
    # The list shows every entry, newest first, with the user's note as plain text.
    expect(page.locator(".entry")).to_have_count(len(ENTRIES))
    expect(page.locator(".entry").first).to_contain_text("08:00")
    expect(page.locator(".entry-note", has_text="HYPERLINK")).to_have_text(FORMULA)


def test_csv_opens_in_a_spreadsheet_and_round_trips(filled):
    page = filled
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as CSV").click()
    download = info.value
    assert download.suggested_filename == "diary-2026-12-02.csv"
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents and scripts
    body = raw[3:].decode("utf-8")
    # Records end in CRLF; the only bare line break is the one typed inside a (quoted) note.
    assert body.endswith("\r\n") and body.replace("\r\n", "").count("\n") == QUOTED.count("\n")
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert rows[0] == ["Time", "Pain (0–10)", "Spasm", "Minutes walked", "Plan items done", "Note"]
    texts = {item["id"]: item["text"] for item in PLAN["items"]}
    want = sorted(expected_entries(), key=lambda e: e["time"])
    assert len(rows) == 1 + len(want)
    for row, entry in zip(rows[1:], want, strict=True):
        time, pain, spasm, walked, done, note = row
        assert datetime.fromisoformat(time).isoformat() == entry["time"]  # ISO 8601, offset kept
        assert int(pain) == entry["pain"]
        assert spasm == ("Yes" if entry["spasm"] else "No")
        assert walked == ("" if entry["walked"] is None else str(entry["walked"]))
        assert done == "; ".join(texts[i] for i in entry["done"])
        # A note a spreadsheet would run as a formula is defused; everything else is as typed.
        assert note == ("'" + FORMULA if entry["note"] == FORMULA else entry["note"])


def test_backup_restores_into_a_fresh_phone_with_the_same_summary(
    filled, browser, browser_context_args, live_server, tmp_path
):
    page = filled
    before = shown_figures(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Back up").click()
    backup = tmp_path / info.value.suggested_filename
    info.value.save_as(backup)
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["format"] == "back-spasm-guide-backup" and data["v"] == 1
    assert data["plan"] == PLAN

    fresh = browser.new_context(**browser_context_args, timezone_id="America/New_York")
    other = fresh.new_page()
    open_diary(other, live_server.url, at(2026, 12, 2, 12, 0), with_plan=False)
    # Damaged and foreign files change nothing and say so.
    add_entry(other, 1, False, note="already on the new phone")
    kept = other.evaluate("() => ({...localStorage})")
    bad_entry = json.loads(backup.read_text(encoding="utf-8"))
    bad_entry["diary"]["entries"][0]["pain"] = 11
    for name, content in (
        ("broken.json", backup.read_bytes()[:-40]),
        ("foreign.json", b'{"hello": "world"}'),
        ("other-version.json", json.dumps({**data, "v": 2}).encode()),
        ("bad-entry.json", json.dumps(bad_entry).encode()),
    ):
        other.locator("#restore-file").set_input_files(
            files=[{"name": name, "mimeType": "application/json", "buffer": content}]
        )
        expect(other.locator("#restore-message")).to_have_text(
            "This file is not a diary backup from this guide, or it is damaged. "
            "Nothing was changed."
        )
        assert other.evaluate("() => ({...localStorage})") == kept, name
        other.evaluate("document.getElementById('restore-message').textContent = ''")
    # The real file: merged, then merged again without duplicates.
    other.locator("#restore-file").set_input_files(backup)
    expect(other.locator("#restore-message")).to_have_text(
        f"Restored: {len(ENTRIES)} entries added, 0 already on this phone."
    )
    other.locator("#restore-file").set_input_files(backup)
    expect(other.locator("#restore-message")).to_have_text(
        f"Restored: 0 entries added, {len(ENTRIES)} already on this phone."
    )
    assert len(other.evaluate(STORED)["entries"]) == len(ENTRIES) + 1
    # Of the backup's plan only its code is kept, until the plan page has checked it.
    pending = json.loads(other.evaluate("localStorage.getItem('bsg:plan')"))
    assert pending == {
        "v": 1,
        "code": "TEST0",
        "pending": True,
        "savedAt": PLAN["savedAt"],
        "items": [],
    }
    # Without the new phone's own entry the summary is the same as on the old phone.
    entry = other.locator(".entry", has_text="already on the new phone")
    entry.get_by_role("button", name="Delete").click()
    entry.get_by_role("button", name="Yes, delete").click()
    expect(other.locator(".entry")).to_have_count(len(ENTRIES))

    # The same summary as on the old phone, but for the plan's items: the restored plan is
    # not shown (nor its items counted) until the plan page has checked its code.
    def without_plan(figures):
        return {**figures, "plan": {}, "summary": {**figures["summary"], "plan": ""}}

    assert without_plan(shown_figures(other)) == without_plan(before)
    # The plan page checks the code: this one is not the clinic's, so nothing is kept.
    other.goto(live_server.url + "/en/plan")
    expect(other.locator("#plan-empty")).to_be_visible()
    assert other.evaluate("localStorage.getItem('bsg:plan')") is None
    fresh.close()


def test_delete_everything_asks_first_then_leaves_storage_empty(filled):
    page = filled
    page.get_by_role("button", name="Delete everything").click()
    page.get_by_role("button", name="Cancel").last.click()
    assert page.evaluate("localStorage.getItem('bsg:diary')") is not None
    page.get_by_role("button", name="Delete everything").click()
    expect(page.locator("#delete-confirm")).to_contain_text("This cannot be undone")
    page.get_by_role("button", name="Yes, delete everything").click()
    expect(page.locator("#diary-status")).to_have_text("Everything is deleted from this phone.")
    assert page.evaluate("Object.keys(localStorage)") == []
    expect(page.locator("#entry-list")).to_have_text("No entries yet.")
    page.reload()
    assert page.evaluate("Object.keys(localStorage)") == []
    expect(page.locator("#plan-field")).to_be_hidden()


def test_no_request_while_adding_editing_summarising_exporting_or_deleting(
    browser, browser_context_args, start_server
):
    server = start_server()
    context = browser.new_context(**browser_context_args)
    context.add_init_script(
        "navigator.storage.persist = () => "
        "{ window.persistAsked = true; return Promise.resolve(true); }"
    )
    page = context.new_page()
    page.goto(server.url + "/en/diary")
    wait_for_worker(page)
    page.evaluate(f"localStorage.setItem('bsg:plan', {json.dumps(json.dumps(PLAN))})")
    page.reload()
    page.wait_for_load_state("networkidle")
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    server.paths.clear()
    add_entry(page, 4, True, 15, ["walk"], "first")
    assert page.evaluate("window.persistAsked") is True  # persistent storage was requested
    page.get_by_label("Date and time").fill("2026-11-30T07:00")
    add_entry(page, 6, False)
    page.locator(".entry", has_text="first").get_by_role("button", name="Edit").click()
    page.get_by_label("Note").fill("first, edited")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_role("button", name="Last 28 days").click()
    page.locator(".chart-table summary").click()
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print the summary").click()
    with page.expect_download():
        page.get_by_role("button", name="Download as CSV").click()
    with page.expect_download():
        page.get_by_role("button", name="Back up").click()
    entry = page.locator(".entry", has_text="first, edited")
    entry.get_by_role("button", name="Delete").click()
    entry.get_by_role("button", name="Yes, delete").click()
    page.get_by_role("button", name="Delete everything").click()
    page.get_by_role("button", name="Yes, delete everything").click()
    expect(page.locator("#diary-status")).to_have_text("Everything is deleted from this phone.")
    assert [url for url in seen if urlsplit(url).scheme in ("http", "https")] == []
    assert [p for p in server.paths if p != "/sw.js"] == []  # the browser's own update check
    context.close()


def test_diary_survives_an_offline_reload_an_update_and_the_kill_switch(page, start_server):
    server = start_server(CLINIC_NAME="Old Street Physio")
    page.goto(server.url + "/en/diary")
    wait_for_worker(page)
    add_entry(page, 7, True, 10, note="kept through everything")
    stored = page.evaluate("localStorage.getItem('bsg:diary')")
    entry = page.locator(".entry", has_text="kept through everything")

    # 1. Offline: the server is gone, the page and the diary come back.
    server.stop()
    page.reload()
    expect(entry).to_be_visible()
    expect(page.locator(".clinic-name")).to_have_text("Old Street Physio")

    # 2. An update: a new worker, a new cache, the same diary.
    new = start_server(port=server.port, CLINIC_NAME="New Road Physio")
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.get_by_role("button", name="Reload for the new version").click()
    expect(page.locator(".clinic-name")).to_have_text("New Road Physio")
    expect(entry).to_be_visible()
    assert page.evaluate("localStorage.getItem('bsg:diary')") == stored

    # 3. The kill switch: every cache and the worker gone, the diary still there.
    new.stop()
    killed = start_server(port=server.port, SERVICE_WORKER_KILL_SWITCH=True)
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_function(
        "navigator.serviceWorker.getRegistrations().then(r => r.length === 0)", timeout=10_000
    )
    page.wait_for_function("caches.keys().then(n => n.length === 0)")
    page.goto(killed.url + "/en/diary")
    expect(entry).to_be_visible()
    assert page.evaluate("localStorage.getItem('bsg:diary')") == stored


def test_a_damaged_diary_is_kept_aside_not_overwritten(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/diary")
    page.evaluate("localStorage.setItem('bsg:diary', '{not json')")
    page.reload()
    expect(page.locator("#diary-status")).to_contain_text("could not be read")
    add_entry(page, 3, False)
    assert page.evaluate("localStorage.getItem('bsg:diary-unreadable')") == "{not json"
    page.evaluate("localStorage.clear()")


def test_the_form_says_what_is_missing(watched_page, live_server):
    page = watched_page
    page.goto(live_server.url + "/en/diary")
    page.get_by_role("button", name="Save entry").click()
    errors = page.locator("#entry-errors")
    expect(errors).to_be_focused()
    expect(errors).to_contain_text("Choose how bad your pain is now")
    expect(errors).to_contain_text("Choose Yes or No for a spasm")
    page.get_by_label("Minutes walked").fill("-5")
    page.locator("label[for=pain-2]").click()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save entry").click()
    expect(errors).to_contain_text("whole number from 0 to 1440")
    assert page.evaluate("localStorage.getItem('bsg:diary')") is None
    expect(page.locator("#plan-field")).to_be_hidden()  # no plan saved: no plan items


def test_every_screen_carries_the_check_and_the_card(watched_page, live_server):
    page = watched_page
    for path in ("/en/diary", "/en/diary/print"):
        page.goto(live_server.url + path)
        expect(page.get_by_text("A warning sign? Run the check.").first).to_be_visible()
        expect(page.locator('a[href="/en/card"]').first).to_be_attached()
        expect(page.locator(".warning-signs li")).to_have_count(len(WARNING_SIGNS))
    page.goto(live_server.url + "/en/diary")
    expect(page.get_by_role("link", name="A warning sign? Run the check.")).to_have_attribute(
        "href", "/en/check"
    )


def test_without_javascript_the_diary_points_to_the_paper_diary(
    browser, browser_context_args, live_server
):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/en/diary")
    expect(page.locator("#diary")).to_be_hidden()
    expect(page.get_by_role("heading", name="This diary needs JavaScript")).to_be_visible()
    page.get_by_role("link", name="Print a paper diary").first.click()
    expect(page).to_have_url(live_server.url + "/en/diary/print")
    expect(page.locator(".paper-table tbody tr")).to_have_count(14)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("code", ["en", "ar"])
def test_diary_and_paper_diary_are_axe_clean_and_fit_320px(filled_page_for, code, scheme):
    page = filled_page_for(code)
    page.emulate_media(color_scheme=scheme)
    found = {}
    for width in (390, 320):
        page.set_viewport_size({"width": width, "height": 720})
        for path in (f"/{code}/diary", f"/{code}/diary/print"):
            page.goto(page.base + path)
            if path.endswith("diary"):
                expect(page.locator(".pain-chart")).to_be_visible()
                page.locator(".chart-table summary").click()
                page.locator(".entry").first.get_by_role("button").nth(1).click()  # the question
            assert page.evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            ), (path, width)
            problems = violations(page)
            if problems:
                found[f"{path} {width}"] = problems
    assert found == {}


@pytest.fixture
def filled_page_for(diary_context, live_server):
    def make(code: str):
        page = diary_context.new_page()
        page.base = live_server.url
        page.clock.set_fixed_time(at(2026, 12, 2, 12, 0))
        page.goto(f"{live_server.url}/{code}/diary")
        entries = [
            {
                "id": f"id-{i}",
                "time": at(2026, 11, 20 + i, 9, 0).isoformat(),
                "pain": 8 - i,
                "spasm": i % 2 == 0,
                "walked": 10 * i,
                "done": ["walk"],
                "note": "note",
            }
            for i in range(6)
        ]
        page.evaluate(
            PUT,
            [json.dumps({"v": 1, "entries": entries}), json.dumps(PLAN)],
        )
        return page

    return make


def test_rtl_chart_runs_from_right_to_left(filled_page_for):
    page = filled_page_for("ar")
    page.reload()
    xs = page.evaluate(
        "[...document.querySelectorAll('.pain-chart .pain-point')]"
        ".map(c => [c.dataset.day, Number(c.getAttribute('cx'))])"
    )
    assert len(xs) == 6
    assert [x for _, x in xs] == sorted((x for _, x in xs), reverse=True)  # later days further left
