"""Chromium as the tests, scripts and benchmarks launch it.

Playwright cannot download its own browsers on our machines, so when its Chromium is
missing we launch Debian's (`/usr/bin/chromium`) instead; where Playwright's browser is
installed, it is used as is.
"""

from __future__ import annotations

import shutil
from pathlib import Path

PHONE = {"width": 390, "height": 844}
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def system_chromium(browser_type) -> str | None:
    """Debian's Chromium when Playwright's own browser is not installed, else None."""
    if Path(browser_type.executable_path).exists():
        return None
    return shutil.which("chromium") or "/usr/bin/chromium"


def launch(playwright):
    """Chromium with our flags, from `sync_playwright()`."""
    return playwright.chromium.launch(
        args=CHROMIUM_FLAGS, executable_path=system_chromium(playwright.chromium)
    )
