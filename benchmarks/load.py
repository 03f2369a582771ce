"""Server throughput and latency: the production server, a load generator on loopback.

Starts gunicorn with gunicorn.conf.py (2 workers) on a free loopback port, then runs wrk
for a bounded time against a page and against a static file of exactly the same size
from the same server, several times each, and prints medians and the ratio measured in
the same run. Needs wrk (apt-get install wrk).

    .venv/bin/python -m benchmarks.load [--seconds 20] [--connections 64] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import urllib.request

from tests.support.servers import ROOT, production_server


def wrk(url: str, seconds: int, connections: int, extra: list | None = None) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *(extra or []), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p99_ms": float(p99.group(1)) * factor,
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--path", default="/en/")
    args = parser.parse_args()

    import webapp

    # A static file of exactly the page's size, as wrk receives it (no compression asked).
    app = webapp.create_app({"TESTING": True, "PUBLIC_URL": "http://127.0.0.1"})
    page = app.test_client().get(args.path, headers={"Accept-Encoding": "identity"}).get_data()
    static_dir = ROOT / "static" / "bench"
    static_dir.mkdir(exist_ok=True)
    (static_dir / "same-size.html").write_bytes(b"x" * len(page))
    try:
        with production_server() as base:
            for _ in range(20):  # warm both workers: each renders the page once, then keeps it
                urllib.request.urlopen(base + args.path).read()
            static_url = base + "/static/bench/same-size.html"
            results = {"page": [], "static": []}
            for _ in range(args.runs):
                results["page"].append(wrk(base + args.path, args.seconds, args.connections))
                results["static"].append(wrk(static_url, args.seconds, args.connections))
    finally:
        shutil.rmtree(static_dir)
    summary = {
        "page_bytes": len(page),
        "seconds": args.seconds,
        "connections": args.connections,
        "runs": args.runs,
    }
    for kind, runs in results.items():
        summary[f"{kind}_rps_median"] = statistics.median(r["rps"] for r in runs)
        summary[f"{kind}_p99_ms_median"] = statistics.median(r["p99_ms"] for r in runs)
        summary[f"{kind}_errors_total"] = sum(r["errors"] for r in runs)
    pairs = zip(results["page"], results["static"], strict=True)
    summary["ratios_same_run"] = [round(p["rps"] / s["rps"], 3) for p, s in pairs]
    summary["ratio_median"] = statistics.median(summary["ratios_same_run"])
    report = {"summary": summary, "runs": results}
    out = ROOT / "benchmarks" / "results" / "load.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
