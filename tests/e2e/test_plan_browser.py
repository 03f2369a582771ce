"""The recovery plan end to end: a therapist builds it in English for a Spanish-speaking
patient, the code is scanned from the screen and from paper, and a fresh phone opens it,
checks it, saves it, keeps it offline, adds it to the calendar and deletes it."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pypdfium2 as pdfium
import pytest
import zxingcpp
from axe_playwright_python.sync_playwright import Axe
from flask_babel import force_locale, gettext
from PIL import Image
from playwright.sync_api import expect

from webapp import create_app, exercises, plan_code, plan_content
from webapp.languages import LANGUAGES

from ..support.clinic import CLINIC, STAFF
from ..support.offline import wait_for_worker

AXE = Axe()
NEXT_WEEK = date.today() + timedelta(days=7)
# A full plan: every item, eight exercises of the library at their safe early doses, the
# therapist's own line and a note (the whole plan fits one version-10 code).
EXERCISES = [exercise.key for exercise in exercises.LIBRARY[:8]]
OWN_LINE = "Hielo 10 min"
NOTE = "Hielo tras caminar <b>no</b>"
FULL_PLAN = {
    "walk_minutes": "20",
    "walk_times": "3",
    "walk_increase": "5",
    "rest_days": "14",
    "own_line": OWN_LINE,
    "appointment_date": NEXT_WEEK.isoformat(),
    "appointment_time": "16:30",
    "note": NOTE,
}
KEEP = ["walking", "swimming", "housework"]
REST = ["lifting", "sitting"]

#: Only QR codes are printed; a line of text must never be read as some other barcode.
QR = zxingcpp.BarcodeFormat.QRCode


def open_builder(page, url: str) -> None:
    """The English builder, signing in as the therapist when the browser is not yet."""
    page.goto(url + "/en/plan/new")
    if "/staff/sign-in" in page.url:
        page.fill("#name", STAFF[0])
        page.fill("#password", STAFF[1])
        page.click("button[type=submit]")
        page.wait_for_url("**/en/plan/new")


def fill_builder(
    page, url: str, lang: str = "es", fields=None, keep=KEEP, rest=REST, ticks=EXERCISES
):
    open_builder(page, url)
    page.select_option("#patient_lang", lang)
    for name, value in (fields or FULL_PLAN).items():
        page.fill(f"#{name}", value)
    for key in ticks:
        page.check(f"#exercise-{key}")
    for key in keep:
        page.check(f"#keep-{key}")
    for key in rest:
        page.check(f"#rest-{key}")
    page.get_by_role("button", name="Make the QR code").click()


def scan_screen(page) -> str:
    shot = page.locator(".plan-ready .plan-qr").screenshot()
    return zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)), formats=QR)[0].text


def spanish_sentences() -> dict:
    app = create_app({"TESTING": True})
    with app.test_request_context("/es/plan"), force_locale("es"):
        return {
            "walk": plan_content.walk_sentence(
                plan_content.minutes(20), plan_content.times_a_day(3)
            ),
            # The weeks ahead, worked out: the second week's walk, 25 minutes.
            "next_week": plan_content.walk_sentence(
                plan_content.minutes(25), plan_content.times_a_day(3)
            ),
            "rest": str(plan_content.BREAK_UNTIL).split("%(date)s")[0].strip(),
            "keep": [str(plan_content.KEEP_LABELS[k]) for k in KEEP],
            "rest_items": [str(plan_content.BREAK_LABELS[k]) for k in REST],
            "by": str(plan_content.BY_THERAPIST),
            "saved": gettext("Saved on this phone"),
            "week": str(plan_content.THIS_WEEK),
            "stop": str(plan_content.STOP_RULE[-1]),
            "exercises": {
                key: {
                    "name": str(exercises.BY_KEY[key].name),
                    "steps": [str(step) for step in exercises.BY_KEY[key].steps],
                    "dose": exercises.dose_lines(exercises.BY_KEY[key], exercises.BY_KEY[key].dose),
                }
                for key in EXERCISES
            },
        }


@pytest.fixture
def phone(browser, browser_context_args):
    """A fresh phone: its own storage, service worker and caches."""
    context = browser.new_context(**browser_context_args, accept_downloads=True)
    yield context
    context.close()


def test_full_plan_from_english_builder_to_spanish_phone(page, phone, start_server):
    server = start_server()
    fill_builder(page, server.url)
    expect(page.get_by_role("heading", name="The plan is ready")).to_be_visible()
    link = scan_screen(page)
    assert link.startswith(server.url + "/es/plan#")
    code = link.split("#", 1)[1]
    assert plan_code.make_qr(server.url + "/es/plan", code).version <= plan_code.MAX_QR_VERSION

    # The same link from the printed plan, on one page of A4 and of Letter.
    es = spanish_sentences()
    es_names = {key: es["exercises"][key]["name"] for key in EXERCISES}
    assert page.locator(".plan-printed .exercise-card svg.exercise-picture").count() == 16
    page.emulate_media(media="print")
    for paper in ("A4", "Letter"):
        # One sheet: the plan, the stop rule and the warning signs on the front, the
        # exercises on the back.
        pdf = pdfium.PdfDocument(page.pdf(format=paper, print_background=True))
        assert len(pdf) == 2
        image = pdf[0].render(scale=3).to_pil()
        assert [c.text for c in zxingcpp.read_barcodes(image, formats=QR)] == [link]
        text = " ".join(pdf[0].get_textpage().get_text_range().split())
        text += " " + " ".join(pdf[1].get_textpage().get_text_range().split())
        assert "Su plan de recuperación" in text and OWN_LINE in text
        for key in EXERCISES:  # every exercise with its steps, on the one page
            assert es_names[key] in text, key
        assert CLINIC["CLINIC_NAME"] in text and CLINIC["CLINIC_PHONE"] in text
    page.emulate_media(media="screen")

    # The patient's phone opens the scanned link.
    mobile = phone.new_page()
    mobile.goto(link)
    expect(mobile.locator(".plan-saved")).to_contain_text(es["saved"])
    view = mobile.locator("#plan-view")
    for line in [
        es["walk"],
        es["next_week"],
        es["rest"],
        *es["keep"],
        *es["rest_items"],
        OWN_LINE,
        es["week"],
        es["stop"],
    ]:
        expect(view).to_contain_text(line)
    # Each exercise: its name, two pictures with alt text, every step, the dose in words.
    cards = view.locator(".exercise-card")
    expect(cards).to_have_count(8)
    for i, key in enumerate(EXERCISES):
        card = cards.nth(i)
        expected = es["exercises"][key]
        expect(card.get_by_role("heading", level=3)).to_have_text(expected["name"])
        expect(card.get_by_role("img")).to_have_count(2)
        expect(card.locator(".exercise-steps li")).to_have_text(expected["steps"])
        expect(card.locator(".exercise-dose li")).to_have_text(expected["dose"])
    expect(view.locator(".plan-note")).to_have_text(NOTE)  # as text: the tag is shown, not run
    assert view.locator(".plan-note b").count() == 0
    expect(view.locator(".by-therapist").first).to_have_text(es["by"])
    expect(view).to_contain_text(str(NEXT_WEEK.year))
    assert "#" not in mobile.url  # the code leaves the address bar once read
    assert all(code not in path for path in server.paths)

    stored = mobile.evaluate("JSON.parse(localStorage.getItem('bsg:plan'))")
    assert stored["v"] == 1 and stored["code"] == code and stored["lang"] == "es"
    assert datetime.fromisoformat(stored["savedAt"].replace("Z", "+00:00"))
    assert [e["key"] for e in stored["plan"]["exercises"]] == EXERCISES
    assert stored["plan"]["lines"] == [OWN_LINE] and stored["plan"]["note"] == NOTE
    ids = [item["id"] for item in stored["items"]]
    exercise_ids = [f"ex-{key}" for key in EXERCISES]
    assert ids == ["walk", "keep-swimming", "keep-housework", *exercise_ids, "ex1"]
    assert stored["items"][0]["text"] == es["walk"]

    # Saved for offline use: opening the link again, online, asks the network for nothing
    # (the browser's own check for a new service worker aside), and offline it still opens.
    wait_for_worker(mobile)
    mobile.wait_for_function(
        "caches.keys().then(names => Promise.all(names.map(n => caches.open(n)"
        ".then(c => c.match('/es/plan'))))).then(found => found.some(Boolean))"
    )
    server.paths.clear()
    mobile.goto(link)
    expect(view).to_contain_text(es["exercises"][EXERCISES[-1]]["name"])
    mobile.reload()
    expect(mobile.locator(".plan-saved")).to_contain_text(es["saved"])
    assert [p for p in server.paths if p != "/sw.js"] == []
    phone.set_offline(True)
    mobile.reload()
    expect(view).to_contain_text(es["exercises"][EXERCISES[-1]]["name"])
    expect(view.locator(".exercise-card svg").first).to_be_visible()
    expect(mobile.locator(".warning-signs")).to_be_visible()

    mobile.locator("#plan-more > summary").click()  # the plan's controls, folded away
    mobile.get_by_role("button", name="Borrar mi plan").click()
    mobile.get_by_role("button", name="Sí, borrar mi plan").click()
    expect(mobile.locator("#plan-deleted")).to_be_visible()
    assert mobile.evaluate("localStorage.getItem('bsg:plan')") is None
    expect(view).to_be_hidden()
    assert [p for p in server.paths if p != "/sw.js"] == []


def signed_link(server_url: str, secret: str = "dev-only-not-secret", **changes) -> str:
    fields = {
        "lang": "en",
        "made": date.today(),
        "walk_minutes": 10,
        "walk_times": 2,
        "lines": ("Secret exercise line",),
        "note": "Secret note",
    }
    plan = plan_code.Plan(**{**fields, **changes})
    return f"{server_url}/en/plan#{plan_code.sign(plan, secret)}"


def test_forged_and_altered_links_are_refused(watched_page, live_server):
    page = watched_page
    good = signed_link(live_server.url)
    code = good.split("#")[1]
    flipped = code[:40] + ("A" if code[40] != "A" else "B") + code[41:]
    foreign = signed_link(live_server.url, secret="another clinic's key, 40 chars long!!")
    for link in (
        good.replace(code, flipped),
        foreign,
        live_server.url + "/en/plan#HELLO",
        live_server.url + "/en/plan#%3Cscript%3E",
    ):
        page.goto(link)
        refused = f"This plan did not come from {CLINIC['CLINIC_NAME']}"
        expect(page.get_by_role("heading", name=refused)).to_be_visible()
        expect(page.locator("main")).not_to_contain_text("Secret")
        expect(page.locator("#plan-view")).to_be_hidden()
        assert page.evaluate("localStorage.getItem('bsg:plan')") is None
    page.goto(good)
    expect(page.locator("#plan-view")).to_contain_text("Secret exercise line")


def test_every_altered_letter_fails_in_the_browser(page, live_server):
    code = signed_link(live_server.url).split("#")[1]
    page.goto(live_server.url + "/en/plan")
    accepted = page.evaluate(
        """async (code) => {
          const {verify} = await import(document.querySelector('script[src*="/js/plan.js"]').src);
          const letters = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$*+-./:';
          const passed = [];
          if (!(await verify(code))) return ['the original failed'];
          for (let i = 0; i < code.length; i++) {
            const other = letters[(letters.indexOf(code[i]) + 1 + (i % 42)) % 43];
            const altered = code.slice(0, i) + other + code.slice(i + 1);
            if (await verify(altered)) passed.push(i);
          }
          return passed;
        }""",
        code,
    )
    assert accepted == []


def test_calendar_file_parses_and_has_the_appointment_and_14_walks(
    browser, browser_context_args, live_server
):
    # A phone far from UTC: every time in the file must be right in UTC.
    phone = browser.new_context(
        **browser_context_args, accept_downloads=True, timezone_id="America/Los_Angeles"
    )
    page = phone.new_page()
    appointment = datetime.combine(NEXT_WEEK, datetime.min.time()).replace(hour=9, minute=15)
    page.goto(signed_link(live_server.url, appointment=appointment))
    expect(page.locator("#plan-view")).to_be_visible()
    page.fill("#walk-time", "18:45")
    with page.expect_download() as info:
        page.get_by_role("button", name="Add to my calendar").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    raw = Path(download.path()).read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert all("DTSTAMP" in e for e in events)
    timezone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    assert timezone == "America/Los_Angeles"
    from zoneinfo import ZoneInfo

    def local(e):
        start = e.decoded("DTSTART")
        assert start.tzinfo is not None  # UTC, never floating
        return start.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)

    kinds = {}
    for e in events:
        kinds.setdefault(str(e["SUMMARY"]), []).append(e)
    first = kinds.pop(f"Appointment at {CLINIC['CLINIC_NAME']}")
    assert [local(e) for e in first] == [appointment]
    # Two walks a day (3 hours apart from the picked time) on 14 days, never during the
    # appointment; a diary reminder each day; the plan has no exercises of the library.
    walks = [local(e) for e in kinds.pop("Time for your walk")]
    assert {(w.hour, w.minute) for w in walks} == {(18, 45), (21, 45)}
    assert len({w.date() for w in walks}) == 14 and len(walks) == 28
    assert all(e.decoded("DURATION") == timedelta(minutes=10) for e in events[1:29])
    diary = [local(e) for e in kinds.pop("Write in your diary how your back feels")]
    assert len(diary) == 14 and {(d.hour, d.minute) for d in diary} == {(20, 0)}
    assert kinds == {}
    for start in [*walks, *diary]:
        assert not appointment - timedelta(minutes=10) < start < appointment + timedelta(hours=1)
    phone.close()


def test_reminders_follow_the_exercises_and_step_around_the_appointment(
    browser, browser_context_args, live_server
):
    phone = browser.new_context(**browser_context_args, accept_downloads=True)
    page = phone.new_page()
    appointment = datetime.combine(NEXT_WEEK, datetime.min.time()).replace(hour=9, minute=0)
    chosen = (
        plan_code.Prescribed("bridge", reps=8, hold=5, times=1),
        plan_code.Prescribed("belly-breathing", reps=5, times=3),
    )
    page.goto(signed_link(live_server.url, appointment=appointment, exercises=chosen))
    expect(page.locator("#plan-view")).to_be_visible()
    page.fill("#exercise-time", "09:00")
    with page.expect_download() as info:
        page.get_by_role("button", name="Add to my calendar").click()
    events = list(icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes()).walk("VEVENT"))
    practice = [e for e in events if str(e["SUMMARY"]) == "Time for your exercises"]
    # Three times a day (the most any exercise asks), 5 hours apart, but not at 09:00 on
    # the appointment's day.
    assert len(practice) == 14 * 3 - 1
    assert "Bridge" in str(practice[0]["DESCRIPTION"])
    phone.close()


def test_a_new_plan_asks_before_replacing_and_a_pasted_code_is_accepted(watched_page, live_server):
    page = watched_page
    first = signed_link(live_server.url)
    second = signed_link(live_server.url, note="The second plan")
    page.goto(first)
    expect(page.locator("#plan-view")).to_contain_text("Secret note")
    page.goto(second)
    expect(page.get_by_role("heading", name="Replace your saved plan?")).to_be_visible()
    page.get_by_role("button", name="Keep my saved plan").click()
    expect(page.locator("#plan-view")).to_contain_text("Secret note")
    # The installed app: the patient pastes the code (or the whole link) on the plan page.
    page.get_by_text("Copy, move or delete this plan").click()
    page.get_by_label("Paste the code from your plan here").fill(second)
    page.get_by_role("button", name="Open the plan").click()
    page.get_by_role("button", name="Replace my plan").click()
    expect(page.locator("#plan-view")).to_contain_text("The second plan")
    code_shown = page.locator("#plan-code-out").input_value()
    assert code_shown == second.split("#")[1]


def test_a_saved_plan_survives_a_new_secret_key(phone, start_server):
    server = start_server()
    page = phone.new_page()
    page.goto(signed_link(server.url))
    expect(page.locator("#plan-view")).to_contain_text("Secret note")
    port = server.port
    server.stop()
    rotated = start_server(port=port, SECRET_KEY="a brand new key for this clinic, 48 characters!!")
    page.goto(rotated.url + "/en/plan")
    expect(page.locator("#plan-view")).to_contain_text("Secret note")
    page.reload()
    expect(page.locator("#plan-view")).to_contain_text("Secret note")


def test_without_javascript(browser, browser_context_args, live_server):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/es/plan")
    expect(page.locator("main")).to_contain_text("JavaScript")
    expect(page.locator(".warning-signs")).to_be_visible()
    expect(page.locator("#plan-app")).to_be_hidden()
    # The builder works as a plain form.
    fill_builder(page, live_server.url, fields={"walk_minutes": "15", "walk_times": "2"})
    expect(page.get_by_role("heading", name="The plan is ready")).to_be_visible()
    assert scan_screen(page).startswith(live_server.url + "/es/plan#")
    context.close()


def test_builder_errors_are_linked_to_their_fields(watched_page, live_server):
    page = watched_page
    fields = {**FULL_PLAN, "walk_minutes": "90", "appointment_time": ""}
    fill_builder(page, live_server.url, fields=fields)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title("Error: Make a recovery plan – Back Spasm Guide")
    summary.get_by_role("link", name="Enter the minutes of each walk").click()
    expect(page.locator("#walk_minutes")).to_be_focused()
    expect(page.locator("#own_line")).to_have_value(OWN_LINE)  # nothing lost
    expect(page.locator(f"#exercise-{EXERCISES[0]}")).to_be_checked()


def test_a_plan_too_long_for_one_code_is_refused_with_how_much_to_cut(page, live_server):
    fields = {**FULL_PLAN, "own_line": "x" * 80, "note": "y" * 100}
    fill_builder(page, live_server.url, fields=fields, ticks=[])
    # The meter says so while the therapist types...
    expect(page.locator("#room-text")).to_contain_text("too long for one QR code")
    # ...and the server when the form is sent anyway.
    expect(page.locator(".error-summary")).to_contain_text("too long for one QR code")


@pytest.mark.parametrize("width", [320, 390])
def test_axe_clean_and_no_sideways_scroll(watched_page, live_server, width):
    page = watched_page
    page.set_viewport_size({"width": width, "height": 800})
    checks = {}

    def check(name):
        checks[name] = (
            [v["id"] for v in AXE.run(page).response["violations"]],
            page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"),
        )

    open_builder(page, live_server.url)
    check("builder")
    fill_builder(page, live_server.url, fields={**FULL_PLAN, "walk_minutes": "99"})
    check("builder errors")
    fill_builder(page, live_server.url)
    check("QR screen")
    page.goto(signed_link(live_server.url, appointment=datetime(2030, 1, 2, 9, 0)))
    expect(page.locator("#plan-view")).to_be_visible()
    check("plan")
    page.goto(live_server.url + "/ar/plan")
    check("plan, empty, Arabic")
    assert checks == {name: ([], True) for name in checks}


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_fullest_plan_prints_on_one_page_in_every_language(page, live_server, lang):
    everything = list(plan_code.KEEP)
    fill_builder(page, live_server.url, lang=lang, keep=everything, rest=["sitting", "standing"])
    expect(page.get_by_role("heading", name="The plan is ready")).to_be_visible()
    link = scan_screen(page)
    page.emulate_media(media="print")
    for paper in ("A4", "Letter"):
        # One sheet, printed on both sides: the plan and the signs, then eight exercises.
        pdf = pdfium.PdfDocument(page.pdf(format=paper, print_background=True))
        assert len(pdf) == 2, (lang, paper)
        image = pdf[0].render(scale=3).to_pil()
        assert [c.text for c in zxingcpp.read_barcodes(image, formats=QR)] == [link]


def test_the_kill_switch_and_an_update_keep_the_plan(phone, start_server):
    server = start_server()
    page = phone.new_page()
    page.goto(signed_link(server.url))
    expect(page.locator("#plan-view")).to_contain_text("Secret note")
    wait_for_worker(page)
    server.stop()
    killed = start_server(port=server.port, SERVICE_WORKER_KILL_SWITCH=True)
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_function(
        "navigator.serviceWorker.getRegistrations().then(r => r.length === 0)", timeout=10_000
    )
    page.wait_for_function("caches.keys().then(n => n.length === 0)")
    page.goto(killed.url + "/en/plan")
    expect(page.locator("#plan-view")).to_contain_text("Secret note")
    assert page.evaluate("JSON.parse(localStorage.getItem('bsg:plan')).v") == 1


def test_a_restored_plan_opens_only_if_its_code_verifies(page, live_server):
    """A diary backup brings back a plan's code alone; the plan page checks it first."""
    page.goto(live_server.url + "/en/plan")
    good = signed_link(live_server.url).split("#")[1]
    pending = {"v": 1, "code": good, "pending": True, "savedAt": "", "items": []}
    page.evaluate("p => localStorage.setItem('bsg:plan', JSON.stringify(p))", pending)
    page.reload()
    expect(page.locator("#plan-view")).to_contain_text("Secret note")
    stored = page.evaluate("JSON.parse(localStorage.getItem('bsg:plan'))")
    assert "pending" not in stored and stored["plan"]["note"] == "Secret note"
    assert [item["id"] for item in stored["items"]] == ["walk", "ex1"]


def test_an_arabic_plan_shows_every_exercise_right_to_left(page, live_server):
    chosen = tuple(
        plan_code.Prescribed(e.key, reps=e.dose.reps, hold=e.dose.hold, times=e.dose.times)
        for e in exercises.LIBRARY[:8]
    )
    code = signed_link(live_server.url, lang="ar", exercises=chosen).split("#")[1]
    page.goto(live_server.url + "/en/plan#" + code)  # opens the plan's own language
    page.wait_for_url("**/ar/plan")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    cards = page.locator(".exercise-card")
    expect(cards).to_have_count(8)
    app = create_app({"TESTING": True})
    with app.test_request_context("/ar/plan"), force_locale("ar"):
        for i, exercise in enumerate(exercises.LIBRARY[:8]):
            card = cards.nth(i)
            expect(card.get_by_role("heading", level=3)).to_have_text(str(exercise.name))
            expect(card.get_by_role("img")).to_have_count(2)
            expect(card.locator(".exercise-steps li")).to_have_text(
                [str(s) for s in exercise.steps]
            )
            label = card.get_by_role("img").first.get_attribute("aria-label")
            assert label == str(exercise.start_alt)


def test_back_from_the_plan_brings_the_filled_builder(page, live_server):
    """Post/Redirect/Get: Back from "The plan is ready" shows the form as it was sent."""
    fill_builder(page, live_server.url)
    expect(page.get_by_role("heading", name="The plan is ready")).to_be_visible()
    page.go_back()
    expect(page.locator("#own_line")).to_have_value(OWN_LINE)
    expect(page.locator(f"#exercise-{EXERCISES[0]}")).to_be_checked()
    expect(page.locator("#walk_minutes")).to_have_value("20")
    # "Make another plan" starts empty.
    page.get_by_role("button", name="Make the QR code").click()
    page.get_by_role("link", name="Make another plan").click()
    expect(page.locator("#own_line")).to_have_value("")


def test_the_guide_leads_back_to_a_saved_plan_and_diary(page, live_server):
    page.goto(signed_link(live_server.url))
    expect(page.locator("#plan-view")).to_be_visible()
    page.goto(live_server.url + "/en/")
    records = page.get_by_role("navigation", name="Saved on this phone")
    plan_link = records.get_by_role("link", name="Your recovery plan")
    expect(plan_link).to_be_visible()
    assert plan_link.bounding_box()["y"] < 844  # on the first screen
    expect(records.get_by_role("link", name="Your diary")).to_be_hidden()  # nothing written yet
    page.evaluate("localStorage.setItem('bsg:diary', JSON.stringify({v: 1, entries: [{id: 'a'}]}))")
    page.reload()
    expect(records.get_by_role("link", name="Your diary")).to_be_visible()
