"""The three ways to serve the app, side by side in one run, on loopback:

- nginx alone, serving the static export (the fastest this machine can send these files);
- nginx + gunicorn, the production recipe (deploy/nginx.conf, gunicorn.conf.py);
- gunicorn alone (the embedded default: the build served from memory by the app).

For a guide page, a static asset (its hashed URL) and a check POST (the no-JavaScript
form's first step; nginx alone has no server to post to), wrk runs at 64 connections for a
bounded time, in interleaved rounds, and the medians of requests/s and p99 are written to
benchmarks/results/front.json. Identity encoding everywhere, so every server sends the same
bytes. Also reports the build's memory (every encoding of every file).

    .venv/bin/python -m benchmarks.front [--seconds 10] [--rounds 2] [--connections 64]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import tempfile
from pathlib import Path

from tests.support.servers import ROOT, nginx_front, nginx_static

from .load import wrk

POST_LUA = """
wrk.method = "POST"
wrk.body = "step=0&pee-start=no"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
"""


def build_memory() -> dict:
    """Bytes the build holds for the offered languages, and the share of one language."""
    from webapp import build, create_app

    app = create_app({"TESTING": True, "PUBLIC_URL": "https://guide.example"})
    current = build.for_base(app, "https://guide.example").warm()
    per_language: dict[str, int] = {}
    shared = 0
    for path, item in current.planned.items():
        size = current.get(path).size
        lang = item.lang or (re.search(r"/screenshots/(\w+)-", path) or [None, None])[1]
        if lang:
            per_language[lang] = per_language.get(lang, 0) + size
        else:
            shared += size
    languages = len(per_language)
    mean = sum(per_language.values()) / languages
    return {
        "files": len(current.planned),
        "languages": languages,
        "total_bytes": current.size(),
        "shared_bytes": shared,
        "per_language_bytes_mean": round(mean),
        "sixteen_languages_bytes_extrapolated": round(shared + 16 * mean),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()

    memory = build_memory()
    print(json.dumps(memory, indent=1))
    from webapp.export import export

    with tempfile.TemporaryDirectory(prefix="bsg-export-") as tmp:
        Path(tmp).chmod(0o755)  # nginx's workers (www-data when started as root) read it
        out = Path(tmp) / "export"
        export(out, "https://guide.example")
        lua = Path(tmp) / "post.lua"
        lua.write_text(POST_LUA)
        with nginx_static(out) as static, nginx_front(ACCESS_LOG="/dev/null") as (front, app, _):
            html = subprocess.run(
                ["curl", "-s", app + "/en/"], capture_output=True, text=True, check=True
            ).stdout
            asset = re.search(r'href="(/static/css/site\.css\?v=\w+)"', html).group(1)
            setups = {
                "nginx alone (export)": static,
                "nginx + gunicorn": front,
                "gunicorn alone": app,
            }
            targets = {"page /en/": "/en/", "asset site.css": asset, "check POST": "/en/check"}
            runs: dict = {}
            for _ in range(args.rounds):
                for target, path in targets.items():
                    for setup, base in setups.items():
                        if target == "check POST" and setup.startswith("nginx alone"):
                            continue
                        extra = ["-s", str(lua)] if target == "check POST" else []
                        result = wrk(base + path, args.seconds, args.connections, extra)
                        runs.setdefault(f"{target} | {setup}", []).append(result)
                        print(target, "|", setup, result, flush=True)
    summary = {
        key: {
            "rps": round(statistics.median(r["rps"] for r in results)),
            "p99_ms": round(statistics.median(r["p99_ms"] for r in results), 1),
            "errors": sum(r["errors"] for r in results),
        }
        for key, results in runs.items()
    }
    for target in ("page /en/", "asset site.css"):
        alone = summary[f"{target} | nginx alone (export)"]["rps"]
        recipe = summary[f"{target} | nginx + gunicorn"]["rps"]
        summary[f"{target} | recipe / nginx alone"] = round(recipe / alone, 3)
    report = {
        "seconds": args.seconds,
        "rounds": args.rounds,
        "connections": args.connections,
        "memory": memory,
        "summary": summary,
        "runs": runs,
    }
    out = ROOT / "benchmarks" / "results" / "front.json"
    out.write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
