"""Take the screenshots kept in docs/ (run: .venv/bin/python scripts/screenshots.py [names]).

With --manifest it makes the install dialog's pictures in static/screenshots/ instead, and
with --print the handout and poster printed to PDF (A4, Letter) and rasterised into docs/.

Chinese and Arabic need fonts Chromium can use: apt-get install fonts-noto-core fonts-noto-cjk.

They are for people (README, issue notes, reviewers), not assertions: the tests check
behaviour; these show what a patient sees.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.conftest import CLINIC
from tests.e2e.conftest import CHROMIUM_FLAGS, system_chromium
from webapp import create_app

DOCS = Path(__file__).resolve().parent.parent / "docs"

ANSWERS = {"yes": 0, "no": 1, "not-sure": 2}  # radio position on a question screen

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
    "check-en-question": ("/en/check", 390, "light", False, ["no"]),
    "check-en-error": ("/en/check", 390, "light", False, [None]),
}
for _lang in ("en", "ar"):
    for _name, _answers in {
        "emergency": ["no", "yes"],
        "urgent": ["no", "no", "not-sure"],
        "evaluate": ["no", "no", "no", "no", "yes"],
        "self-care": ["no", "no", "no", "no", "no"],
    }.items():
        SHOTS[f"check-{_lang}-{_name}"] = (f"/{_lang}/check", 390, "light", True, _answers)


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
    ):
        page.goto(base + path)
        for paper in ("A4", "Letter"):
            pdf = pdfium.PdfDocument(page.pdf(format=paper, print_background=True))
            out = DOCS / f"print-{name}-{paper.lower()}.png"
            pdf[0].render(scale=1.25).to_pil().save(out)
            print(out)
    page.close()


def main(names: list[str]) -> None:
    app = create_app(
        {
            "TESTING": True,
            **CLINIC,
            "CONTENT_REVIEWED": "2026-11-01",
            "PUBLIC_URL": "https://guide.riverside-pt.example",
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            args=CHROMIUM_FLAGS, executable_path=system_chromium(p.chromium)
        )
        if names == ["--manifest"]:
            manifest_screenshots(browser, base)
            names = []
        elif names == ["--print"]:
            printed_pages(browser, base)
            names = []
        else:
            names = names or list(SHOTS)
        for name in names:
            path, width, scheme, full, *steps = SHOTS[name]
            page = browser.new_page(viewport={"width": width, "height": 844}, color_scheme=scheme)
            page.goto(base + path)
            for answer in steps[0] if steps else []:
                if answer is not None:
                    page.locator(".check-screen input[type=radio]").nth(ANSWERS[answer]).check()
                page.locator("button[value=continue]").click()
            page.screenshot(path=DOCS / f"{name}.png", full_page=full)
            page.close()
            print(f"docs/{name}.png")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1:])
