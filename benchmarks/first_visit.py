"""What a first visit really costs in a browser: requests and bytes on the wire.

Opens /<lang>/ in a fresh Chromium profile on a phone viewport against the production
server and counts what the page itself loads (HTML, CSS, JS, images, favicon), as
docs/design.md's request budget defines it: not the manifest and its icons (fetched for
installing), nor /sw.js and its precache (fetched in the background). Then it waits for
the service worker and adds up the precache. Writes benchmarks/results/first_visit.json.

    .venv/bin/python -m benchmarks.first_visit
"""

from __future__ import annotations

import json

from playwright.sync_api import sync_playwright

from tests.support.browser import launch
from tests.support.servers import ROOT, production_server

LANGS = ["en", "es", "fr", "pt", "de", "vi", "zh", "ar"]


def visit(browser, base: str, lang: str) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    requests, sizes = {}, {}
    cdp.on("Network.requestWillBeSent", lambda e: requests.__setitem__(e["requestId"], e))
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    page.goto(f"{base}/{lang}/", wait_until="load")
    page.wait_for_timeout(500)
    counted = []
    for request_id, event in requests.items():
        url = event["request"]["url"]
        kind = event.get("type", "")
        if kind == "Manifest" or url.endswith("/sw.js") or "manifest.webmanifest" in url:
            continue
        counted.append(
            {"url": url.replace(base, ""), "type": kind, "bytes": sizes.get(request_id, 0)}
        )
    # The offline precache, as the service worker fetched it (responses are compressed).
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    context.close()
    return {
        "requests": len(counted),
        "bytes": sum(r["bytes"] for r in counted),
        "loaded": counted,
    }


def main() -> None:
    results = {}
    with production_server() as base, sync_playwright() as p:
        browser = launch(p)
        for lang in LANGS:
            results[lang] = visit(browser, base, lang)
            print(lang, results[lang]["requests"], "requests,", results[lang]["bytes"], "bytes")
        browser.close()
    out = ROOT / "benchmarks" / "results" / "first_visit.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
