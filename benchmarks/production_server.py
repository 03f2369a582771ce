"""Start the production server (gunicorn with gunicorn.conf.py) on loopback, for benchmarks."""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import CHROMIUM_FLAGS, system_chromium  # noqa: E402

__all__ = ["CHROMIUM_FLAGS", "ROOT", "production_server", "system_chromium"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def production_server(tls: tuple[Path, Path] | None = None, **settings):
    """Yield the base URL of a running `gunicorn -c gunicorn.conf.py` (2 workers).

    With `tls=(certificate, key)` it serves https at `https://localhost:<port>` (the name
    the certificate must carry), still on loopback only.
    """
    port = free_port()
    base = f"https://localhost:{port}" if tls else f"http://127.0.0.1:{port}"
    extra = ["--certfile", str(tls[0]), "--keyfile", str(tls[1])] if tls else []
    context = ssl.create_default_context(cafile=str(tls[0])) if tls else None
    env = {
        **os.environ,
        "SECRET_KEY": "benchmark-only-" + "x" * 32,
        "BIND": f"127.0.0.1:{port}",
        "ACCESS_LOG": "/dev/null",
        "PUBLIC_URL": base,
        **settings,
    }
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", *extra, "webapp:create_app()"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    production_server.last_pid = server.pid
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1, context=context)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
