"""Lighthouse mobile scores (simulated slow 4G, 4x CPU) for the guide, check and handout.

Runs lighthouse@12.8.2 (12.2.3 has broken audits with our Chromium; 13.x needs Node 22)
against Debian's Chromium and the production server, in English and Arabic, and writes
benchmarks/results/lighthouse.json. Install it once, outside the repository's tracked files:

    npm install --prefix benchmarks/.node lighthouse@12.8.2
    .venv/bin/python -m benchmarks.lighthouse
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.support.browser import CHROMIUM_FLAGS
from tests.support.servers import production_server

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / ".node" / "node_modules" / ".bin" / "lighthouse"
PAGES = ["/en/", "/en/check", "/en/handout", "/ar/", "/ar/check", "/ar/handout"]
FLAGS = " ".join(CHROMIUM_FLAGS)
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


def run(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags={FLAGS}",
                "--only-categories=performance,accessibility,best-practices,seo",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"},
        )
        report = json.loads(out.read_text())
    failed = [
        audit_id
        for audit_id, audit in report["audits"].items()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    ]
    return {
        "scores": {k: round(v["score"] * 100) for k, v in report["categories"].items()},
        "metrics": {m: report["audits"][m]["displayValue"] for m in METRICS},
        "below_full_marks": failed,
    }


def main() -> None:
    results = {}
    with production_server() as base:
        for path in PAGES:
            results[path] = run(base + path)
            print(path, results[path]["scores"], results[path]["below_full_marks"])
    out = HERE / "results" / "lighthouse.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(f"Wrote {out}")


if __name__ == "__main__":
    main()
