"""Take the screenshots kept in docs/ (run: .venv/bin/python -m scripts.screenshots [names]).

With --manifest it makes the install dialog's pictures in static/screenshots/ instead, with
--print the handout and poster printed to PDF (A4, Letter) and rasterised into docs/, with
--plan the recovery plan (builder, QR screen, the plan on a phone, the printed plan), and with
--diary the diary (form, chart, summary) and the paper diary, in English and Arabic.

Chinese and Arabic need fonts Chromium can use (scripts/test installs them with apt).

They are for people (README, issue notes, reviewers), not assertions: the tests check
behaviour; these show what a patient sees.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from tests.support.browser import launch
from tests.support.check_browser import answer_screen
from tests.support.clinic import CLINIC, PUBLIC_URL, STAFF
from tests.support.servers import LiveServer
from webapp import create_app

DOCS = Path(__file__).resolve().parent.parent / "docs"

# name: (path, width, colour scheme, full page?[, answers to give in the check])
SHOTS = {
    "guide-en-390": ("/en/", 390, "light", False),
    "guide-en-390-full": ("/en/", 390, "light", True),
    "guide-en-320-dark": ("/en/", 320, "dark", False),
    "guide-en-320": ("/en/", 320, "light", False),
    "guide-ar-390": ("/ar/", 390, "light", False),
    "guide-ar-390-full": ("/ar/", 390, "light", True),
    "guide-zh-390": ("/zh/", 390, "light", False),
    "guide-zh-390-full": ("/zh/", 390, "light", True),
    "guide-fa-390": ("/fa/", 390, "light", False),
    "guide-ko-390": ("/ko/", 390, "light", False),
}
# The check: each of its three screens, an error, every outcome; the steps are the screens
# answered before the shot (tests/support/check_browser.answer_screen).
EMERGENCY = {"saddle-numbness": "yes", "both-legs": "not-sure"}
for _lang in ("en", "ar", "ko"):
    SHOTS[f"check-{_lang}-screen-1"] = (f"/{_lang}/check", 390, "light", True, [])
    SHOTS[f"check-{_lang}-screen-2"] = (f"/{_lang}/check", 390, "light", True, ["no"])
    SHOTS[f"check-{_lang}-screen-3"] = (f"/{_lang}/check", 390, "light", True, ["no", "no"])
    SHOTS[f"check-{_lang}-emergency"] = (f"/{_lang}/check", 390, "light", True, [EMERGENCY])
SHOTS["check-en-error"] = ("/en/check", 390, "light", False, [{"chest-pain": "no"}])
SHOTS["check-en-urgent"] = ("/en/check", 390, "light", True, ["no", {"cancer": "yes"}])
SHOTS["check-en-evaluate"] = ("/en/check", 390, "light", True, ["no", "no", {"not-better": "yes"}])
SHOTS["check-en-self-care"] = ("/en/check", 390, "light", True, ["no", "no", "no"])
for _lang in ("en", "ar", "vi"):
    SHOTS[f"card-{_lang}-390"] = (f"/{_lang}/card", 390, "light", False)


STATIC_SHOTS = Path(__file__).resolve().parent.parent / "static" / "screenshots"


def manifest_screenshots(browser, base: str) -> None:
    """The pictures in the install dialog (manifest `screenshots`), one pair per language."""
    from webapp.languages import LANGUAGES

    STATIC_SHOTS.mkdir(exist_ok=True)
    for lang in LANGUAGES:
        for form, size in (("narrow", (390, 844)), ("wide", (1280, 800))):
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.goto(f"{base}/{lang.code}/")
            out = STATIC_SHOTS / f"{lang.code}-{form}.png"
            page.screenshot(path=out)
            page.close()
            print(out)


def printed_pages(browser, base: str) -> None:
    """The handout and poster as printed on A4 and Letter, rasterised (docs/print-*.png)."""
    import pypdfium2 as pdfium

    page = browser.new_page()
    for path, name in (
        ("/en/handout", "handout-en"),
        ("/ar/handout", "handout-ar"),
        ("/en/poster", "poster"),
        ("/en/card", "card-en"),
        ("/ar/card", "card-ar"),
    ):
        page.goto(base + path)
        for paper in ("A4", "Letter"):
            pdf = pdfium.PdfDocument(page.pdf(format=paper, print_background=True))
            for number, sheet in enumerate(pdf, start=1):  # the poster: one file per sheet
                suffix = f"-{number}" if len(pdf) > 1 else ""
                out = DOCS / f"print-{name}-{paper.lower()}{suffix}.png"
                sheet.render(scale=1.25).to_pil().save(out)
                print(out)
    page.close()
    # The hardest case: the longest language with the widest common font, on Letter.
    from tests.support.printing import print_page

    context = browser.new_context(bypass_csp=True)
    printout = print_page(context.new_page(), base + "/de/handout", "Letter", "DejaVu Sans")
    out = DOCS / "print-handout-de-letter-dejavu.png"
    printout.pdf[0].render(scale=1.25).to_pil().save(out)
    print(out, f"{printout.pages} page, {printout.spare:.1%} of the sheet to spare")
    context.close()


def staff_warning(browser) -> None:
    """A German handout opened by staff who read Spanish, with PUBLIC_URL unset."""
    app = create_app({"TESTING": True, **CLINIC, "CLINIC_LANGUAGE": "es"})
    server = LiveServer(app)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{server.url}/de/handout")
    page.screenshot(path=DOCS / "handout-de-staff-warning-es.png")
    print("docs/handout-de-staff-warning-es.png")
    page.close()
    server.stop()


PLAN = {
    "patient_lang": "es",
    "walk_minutes": "20",
    "walk_times": "3",
    "walk_increase": "5",
    "rest_days": "14",
    "own_line": "Hielo 15 min tras caminar",
    "appointment_time": "16:30",
    "note": "Camine despacio al principio.",
}
#: The exercises ticked for the screenshots: four, as early on.
PLAN_EXERCISES = ("knee-to-chest", "pelvic-tilt", "cat-camel", "bridge")


def plan_pages(browser, base: str) -> None:
    """The recovery plan: builder (tablet), QR screen, the plan on a phone, the printed plan."""
    from datetime import date, timedelta

    import pypdfium2 as pdfium

    tablet = browser.new_page(viewport={"width": 1024, "height": 1366})
    tablet.goto(base + "/en/plan/new")
    tablet.fill("#name", STAFF[0])
    tablet.fill("#password", STAFF[1])
    tablet.get_by_role("button", name="Sign in").click()
    tablet.wait_for_url("**/en/plan/new")
    fields = {**PLAN, "appointment_date": (date.today() + timedelta(days=7)).isoformat()}
    tablet.select_option("#patient_lang", fields.pop("patient_lang"))
    for name, value in fields.items():
        tablet.fill(f"#{name}", value)
    for key in ("keep-walking", "keep-swimming", "keep-housework", "rest-lifting", "rest-sitting"):
        tablet.check(f"#{key}")
    for key in PLAN_EXERCISES:
        tablet.check(f"#exercise-{key}")
    tablet.screenshot(path=DOCS / "plan-builder-en.png", full_page=True)
    tablet.fill("#walk_minutes", "90")
    tablet.get_by_role("button", name="Make the QR code").click()
    tablet.screenshot(path=DOCS / "plan-builder-error-en.png")
    tablet.fill("#walk_minutes", "20")
    tablet.get_by_role("button", name="Make the QR code").click()
    tablet.screenshot(path=DOCS / "plan-qr-screen-en.png", full_page=True)
    link = tablet.locator("a", has_text="Open it on this device").get_attribute("href")
    for paper in ("A4", "Letter"):
        pdf = pdfium.PdfDocument(tablet.pdf(format=paper, print_background=True))
        pdf[0].render(scale=1.25).to_pil().save(DOCS / f"print-plan-es-{paper.lower()}.png")
    code = link.split("#", 1)[1]
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(base + "/es/plan#" + code)
    phone.locator("#plan-view").wait_for()
    phone.screenshot(path=DOCS / "plan-phone-es.png")
    phone.screenshot(path=DOCS / "plan-phone-es-full.png", full_page=True)
    phone.locator(".exercise-card").first.scroll_into_view_if_needed()
    phone.screenshot(path=DOCS / "plan-phone-es-exercise.png")
    phone.goto(base + "/es/plan#" + code[:-3] + "000")
    phone.locator("#plan-refused").wait_for()
    phone.screenshot(path=DOCS / "plan-phone-refused-es.png")
    phone.close()
    # The same plan in English (for reviewers: docs/pemat.md rates it).
    tablet.goto(base + "/en/plan/new?code=" + quote(code, safe=""))
    tablet.select_option("#patient_lang", "en")
    tablet.fill("#own_line", "Walk on flat ground at first.")
    tablet.fill("#note", "Call us if it gets worse.")
    tablet.get_by_role("button", name="Make the QR code").click()
    english = tablet.locator("a", has_text="Open it on this device").get_attribute("href")
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(base + "/en/plan#" + english.split("#", 1)[1])
    phone.locator("#plan-view").wait_for()
    phone.screenshot(path=DOCS / "plan-phone-en-full.png", full_page=True)
    phone.close()
    # The same plan made for an Arabic-speaking patient, on a phone in the dark.
    tablet.goto(base + "/en/plan/new?code=" + quote(code, safe=""))
    tablet.select_option("#patient_lang", "ar")
    tablet.get_by_role("button", name="Make the QR code").click()
    arabic = tablet.locator("a", has_text="Open it on this device").get_attribute("href")
    tablet.close()
    phone = browser.new_page(viewport={"width": 390, "height": 844}, color_scheme="dark")
    phone.goto(base + "/ar/plan#" + arabic.split("#", 1)[1])
    phone.locator("#plan-view").wait_for()
    phone.screenshot(path=DOCS / "plan-phone-ar-full.png", full_page=True)
    phone.locator(".exercise-card").nth(1).scroll_into_view_if_needed()
    phone.screenshot(path=DOCS / "plan-phone-ar-exercise-dark.png")
    for name in (
        "builder-en",
        "builder-error-en",
        "qr-screen-en",
        "phone-es",
        "phone-es-full",
        "phone-es-exercise",
        "phone-ar-full",
        "phone-ar-exercise-dark",
    ):
        print(f"docs/plan-{name}.png")


DIARY_PLAN = {
    "en": ["Walk for 20 minutes, 2 times a day", "Knee to chest, 10 times each side"],
    "ar": ["امشِ 20 دقيقة، مرتين في اليوم", "ضم الركبة إلى الصدر، 10 مرات لكل جهة"],
}
DIARY_NOTE = {"en": "Better after my walk.", "ar": "أفضل بعد المشي."}


def shot_between(page, first: str, last: str, out: Path) -> None:
    """The full width of the page from one element's top to another's bottom."""
    top, bottom = page.evaluate(
        "([a, b]) => [document.querySelector(a).getBoundingClientRect().top + scrollY,"
        " document.querySelector(b).getBoundingClientRect().bottom + scrollY]",
        [first, last],
    )
    width = page.viewport_size["width"]
    clip = {"x": 0, "y": top - 12, "width": width, "height": bottom - top + 24}
    page.screenshot(path=out, full_page=True, clip=clip)
    print(out)


def diary_pages(browser, base: str) -> None:
    """The diary (entry form, chart, summary) and the paper diary, in English and Arabic."""
    import json
    from datetime import date, timedelta

    import pypdfium2 as pdfium

    today = date(2026, 12, 2)
    for code in ("en", "ar"):
        entries = []
        for back in range(21, -1, -1):
            if back in (4, 9, 15):
                continue  # days without an entry leave a gap
            day = today - timedelta(days=back)
            entries.append(
                {
                    "id": f"shot-{back}",
                    "time": f"{day.isoformat()}T09:30:00+00:00",
                    "pain": max(1, 8 - (21 - back) // 3 + (back % 3 == 0)),
                    "spasm": back % 5 == 0,
                    "walked": 10 + (21 - back) * 2,
                    "done": ["walk", "ex1"] if back % 2 else ["walk"],
                    "note": DIARY_NOTE[code] if back == 1 else "",
                }
            )
        plan = {
            "v": 1,
            "items": [
                {"id": i, "text": t} for i, t in zip(("walk", "ex1"), DIARY_PLAN[code], strict=True)
            ],
        }
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, timezone_id="UTC", device_scale_factor=1
        )
        page = context.new_page()
        page.clock.set_fixed_time("2026-12-02T12:00:00Z")
        page.goto(f"{base}/{code}/diary")
        page.evaluate(
            "([d, p]) => { localStorage.setItem('bsg:diary', d); "
            "localStorage.setItem('bsg:plan', p); }",
            [json.dumps({"v": 1, "entries": entries}), json.dumps(plan)],
        )
        page.reload()
        page.locator("label[for=pain-4]").click()
        page.locator("label[for=spasm-no]").click()
        page.locator("#plan-items label").first.click()
        shot_between(page, "#entry-heading", "#save-entry", DOCS / f"diary-{code}-form.png")
        page.locator(".period button").nth(1).click()
        shot_between(page, "#back-heading", ".chart", DOCS / f"diary-{code}-chart.png")
        shot_between(page, "#summary", "#summary", DOCS / f"diary-{code}-summary.png")
        page.goto(f"{base}/{code}/diary/print")
        for paper in ("A4", "Letter"):
            pdf = pdfium.PdfDocument(page.pdf(format=paper, print_background=True))
            out = DOCS / f"print-diary-{code}-{paper.lower()}.png"
            pdf[0].render(scale=1.25).to_pil().save(out)
            print(out)
        context.close()


def staff_file() -> Path:
    """A staff file with the tests' therapist, for the builder's screenshots."""
    from werkzeug.security import generate_password_hash

    from webapp import staff

    path = Path(tempfile.mkdtemp(prefix="bsg-shots-")) / "staff.toml"
    staff.write_accounts(path, {STAFF[0]: generate_password_hash(STAFF[1], method="scrypt")})
    return path


def main(names: list[str]) -> None:
    app = create_app(
        {
            "TESTING": True,
            **CLINIC,
            "CONTENT_REVIEWED": "2026-11-01",
            "PUBLIC_URL": PUBLIC_URL,
            "STAFF_FILE": str(staff_file()),
        }
    )
    server = LiveServer(app)
    base = server.url
    with sync_playwright() as p:
        browser = launch(p)
        if names == ["--manifest"]:
            manifest_screenshots(browser, base)
            names = []
        elif names == ["--print"]:
            printed_pages(browser, base)
            staff_warning(browser)
            names = []
        elif names == ["--plan"]:
            plan_pages(browser, base)
            names = []
        elif names == ["--diary"]:
            diary_pages(browser, base)
            names = []
        else:
            names = names or list(SHOTS)
        for name in names:
            path, width, scheme, full, *steps = SHOTS[name]
            page = browser.new_page(viewport={"width": width, "height": 844}, color_scheme=scheme)
            page.goto(base + path)
            for answers in steps[0] if steps else []:
                if name.endswith("-error"):  # one row answered, the rest left: the errors
                    for key, value in answers.items():
                        page.locator(f"#{key}-{value}").check()
                    page.locator("button[value=continue]").click()
                else:
                    answer_screen(page, answers)
            page.screenshot(path=DOCS / f"{name}.png", full_page=full)
            page.close()
            print(f"docs/{name}.png")
        browser.close()
    server.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
