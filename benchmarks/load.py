"""Server throughput and latency: the production server, a load generator on loopback.

Starts gunicorn with gunicorn.conf.py (2 workers) on a free loopback port, then runs wrk
for a bounded time against a page and against a static file of exactly the same size
from the same server, several times each, and prints medians and the ratio measured in
the same run. Needs wrk (apt-get install wrk).

    .venv/bin/python benchmarks/load.py [--seconds 20] [--connections 64] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk(url: str, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
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

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    page = None
    static_dir = ROOT / "static" / "bench"
    env = {
        **os.environ,
        "SECRET_KEY": "benchmark-only-" + "x" * 32,
        "BIND": f"127.0.0.1:{port}",
        "ACCESS_LOG": "/dev/null",
        "PUBLIC_URL": base,
    }
    try:
        # A static file of exactly the page's size (as wrk receives it: no compression).
        static_dir.mkdir(exist_ok=True)
        import webapp

        app = webapp.create_app({"TESTING": True, "PUBLIC_URL": base})
        page = app.test_client().get(args.path, headers={"Accept-Encoding": "identity"}).get_data()
        (static_dir / "same-size.html").write_bytes(b"x" * len(page))
        server = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "webapp:create_app()"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        # Warm both workers (each renders a page once, then keeps it).
        for _ in range(20):
            urllib.request.urlopen(base + args.path).read()
        static_url = base + "/static/bench/same-size.html"
        results = {"page": [], "static": []}
        for _ in range(args.runs):
            results["page"].append(wrk(base + args.path, args.seconds, args.connections))
            results["static"].append(wrk(static_url, args.seconds, args.connections))
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
        print(json.dumps({"summary": summary, "runs": results}, indent=1))
    finally:
        if "server" in locals():
            server.terminate()
            server.wait(timeout=10)
        for f in static_dir.glob("*"):
            f.unlink()
        static_dir.rmdir() if static_dir.exists() else None


if __name__ == "__main__":
    main()
