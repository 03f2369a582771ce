"""A bounded soak of the production server on loopback: no errors, steady memory.

60 s at 64 connections with wrk against a mix of pages, assets and the no-JavaScript form;
the workers' resident memory after must be within 10 % of what it was after warm-up.
"""

from __future__ import annotations

import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from .support.servers import production_server

pytestmark = pytest.mark.deploy

SECONDS = 60
MIX = Path(__file__).parent / "data" / "soak_mix.lua"


def worker_rss(master_pid: int) -> int:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    total = 0
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is installed by scripts/test")
def test_soak_has_no_errors_and_steady_memory():
    with production_server() as base:
        master = production_server.last_pid
        # Warm up: every page of every language rendered once in each worker.
        pages = ("/", "/check", "/handout", "/offline", "/plan", "/manifest.webmanifest")
        for _ in range(3):
            for code in ("en", "es", "fr", "pt", "de", "vi", "zh", "ar"):
                for path in pages:
                    urllib.request.urlopen(f"{base}/{code}{path}").read()
            # The worker script renders every saved page (diary included) on its first request.
            urllib.request.urlopen(f"{base}/sw.js").read()
            # The mix's form post too: its 303, and the sealed screen it leads to.
            browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
            for _ in range(20):
                form = urllib.request.Request(
                    f"{base}/en/check",
                    data=b"step=0&pee-start=no",
                    headers={"Sec-Fetch-Site": "same-origin"},
                )
                browser.open(form).read()
        before = worker_rss(master)
        out = subprocess.run(
            ["wrk", "-t2", "-c64", f"-d{SECONDS}s", "-s", str(MIX), base],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        after = worker_rss(master)
    print(out)
    print(f"worker RSS after warm-up {before} KiB, after the soak {after} KiB")
    assert "Socket errors" not in out, out
    assert "Non-2xx or 3xx responses" not in out, out
    requests = int(out.split(" requests in ")[0].split()[-1])
    assert requests > 1000  # it ran (how many per second is the machine's, not the app's)
    assert after <= before * 1.10, (before, after)
