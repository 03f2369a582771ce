"""The app's servers for tests, scripts and benchmarks, all on loopback, on free ports,
stopped after: the app in a thread of this process (LiveServer, with a fault injector);
gunicorn with gunicorn.conf.py alone (production_server); nginx with deploy/nginx.conf in
front of it (nginx_front); nginx alone serving the static export (nginx_static)."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import ClassVar

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


class Faults:
    """WSGI wrapper: records every path asked for, and can hang or fail on demand."""

    def __init__(self, app):
        self.app = app
        self.paths: list[str] = []

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        self.paths.append(path)
        if path.endswith("/__hang"):
            time.sleep(8)
        if path.endswith("/__boom"):
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
            return [b"boom"]
        return self.app(environ, start_response)


def _port_socket(port: int) -> socket.socket:
    """A loopback socket bound with SO_REUSEPORT, so a stopped server's port can be held."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", port))
    return sock


class LiveServer:
    """A real HTTP server for the app, in a background thread (a free port, or a given one).

    A stopped server keeps its port bound but not listening, so the browser meets a refused
    connection (offline) and nothing else on the machine, such as another test worker's
    server or an outgoing connection, can take the port before a test restarts on it."""

    held: ClassVar[dict[int, socket.socket]] = {}

    def __init__(self, app, port: int = 0):
        self.app = app
        self.faults = Faults(app)
        listener = _port_socket(port)
        listener.listen(128)
        self.server = make_server("127.0.0.1", 0, self.faults, threaded=True, fd=listener.fileno())
        listener.close()  # the server holds its own duplicate
        self.port = self.server.port
        LiveServer.release(self.port)
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @classmethod
    def release(cls, port: int) -> None:
        """Let go of a stopped server's port."""
        held = cls.held.pop(port, None)
        if held is not None:
            held.close()

    @property
    def paths(self) -> list[str]:
        return self.faults.paths

    def stop(self):
        self.server.shutdown()
        if self.port not in LiveServer.held:
            LiveServer.held[self.port] = _port_socket(self.port)
        self.server.server_close()


def stop(server: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL after 15 s: gunicorn lets workers finish for up to
    gunicorn.conf.py's graceful_timeout (10 s), which an idle keep-alive connection can use
    up on a busy machine."""
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, cafile: Path | None = None) -> None:
    context = ssl.create_default_context(cafile=str(cafile)) if cafile else None
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError(f"{url}: the server stopped (exit {server.returncode})")
        try:
            urllib.request.urlopen(url, timeout=1, context=context)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


@contextlib.contextmanager
def production_server(
    public_url: str | None = None, tls: tuple[Path, Path] | None = None, **settings
):
    """Yield the base URL of a running `gunicorn -c gunicorn.conf.py` (2 workers).

    `public_url` is the address patients use (default: gunicorn's own); settings become
    environment variables (e.g. ACCESS_LOG=/path, BUILD_DIR=/path). With
    `tls=(certificate, key)` it serves https at `https://localhost:<port>` (the name the
    certificate must carry), still on loopback only.
    """
    port = free_port()
    base = f"https://localhost:{port}" if tls else f"http://127.0.0.1:{port}"
    extra = ["--certfile", str(tls[0]), "--keyfile", str(tls[1])] if tls else []
    env = {
        **os.environ,
        "SECRET_KEY": secrets.token_hex(32),  # made per run: a committed key is refused
        "BIND": f"127.0.0.1:{port}",
        "ACCESS_LOG": "/dev/null",
        "PUBLIC_URL": public_url or base,
        **settings,
    }
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "--no-control-socket",
            *extra,
            "webapp:create_app()",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    production_server.last_pid = server.pid
    try:
        wait_until_up(base + "/healthz", server, tls[0] if tls else None)
        yield base
    finally:
        stop(server)


def _nginx_main(workdir: Path, http_block: str) -> Path:
    """A main nginx.conf around `http_block`, everything kept inside `workdir`."""
    workdir.chmod(0o755)  # nginx's workers (www-data when started as root) read from it
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / name).mkdir(exist_ok=True)
    module = f"load_module {BROTLI_MODULE};\n" if BROTLI_MODULE.exists() else ""
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"{module}daemon off;\nworker_processes 1;\npid {workdir}/nginx.pid;\n"
        f"error_log {workdir}/error.log warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        f"  client_body_temp_path {workdir}/body;\n  proxy_temp_path {workdir}/proxy;\n"
        f"  fastcgi_temp_path {workdir}/fastcgi;\n  uwsgi_temp_path {workdir}/uwsgi;\n"
        f"  scgi_temp_path {workdir}/scgi;\n"
        f"{http_block}\n}}\n"
    )
    return conf


@contextlib.contextmanager
def _run_nginx(conf: Path, workdir: Path, url: str):
    server = subprocess.Popen(
        [NGINX, "-p", str(workdir), "-e", str(workdir / "error.log"), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        try:
            wait_until_up(url, server)
        except RuntimeError:
            raise RuntimeError((workdir / "error.log").read_text()) from None
        yield
    finally:
        stop(server)


def deploy_config(build_dir: Path, upstream: str, port: int, log: Path) -> str:
    """deploy/nginx.conf as shipped, pointed at this build, this gunicorn and this port
    (plain http on loopback: the TLS lines are the only ones left out)."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    text = text.replace("/srv/back-spasm-guide/build", str(build_dir))
    text = text.replace("127.0.0.1:8000", upstream)
    text = text.replace("/var/log/nginx/back-spasm-guide.log", str(log))
    text = re.sub(r"(?m)^\s*listen 443 ssl http2;$", f"    listen 127.0.0.1:{port};", text)
    text = re.sub(r"(?m)^\s*(listen \[::\]:443.*|ssl_\w+ .*)$\n", "", text)
    return text


@contextlib.contextmanager
def nginx_front(**settings):
    """nginx with deploy/nginx.conf in front of gunicorn, as in production.

    Yields (nginx URL, gunicorn URL, work directory). PUBLIC_URL is nginx's address, and
    gunicorn writes the build for nginx (BUILD_DIR) before it takes requests."""
    with tempfile.TemporaryDirectory(prefix="bsg-nginx-") as tmp:
        workdir = Path(tmp)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        build_dir = workdir / "build"
        with production_server(public_url=url, BUILD_DIR=str(build_dir), **settings) as app:
            upstream = app.removeprefix("http://")
            block = deploy_config(build_dir, upstream, port, workdir / "access.log")
            conf = _nginx_main(workdir, block)
            with _run_nginx(conf, workdir, url + "/healthz"):
                yield url, app, workdir


@contextlib.contextmanager
def nginx_static(root: Path):
    """nginx alone serving a static export (the fastest a static host can be here)."""
    with tempfile.TemporaryDirectory(prefix="bsg-nginx-static-") as tmp:
        workdir = Path(tmp)
        port = free_port()
        block = (
            "  include /etc/nginx/mime.types;\n  access_log off;\n"
            f"  server {{ listen 127.0.0.1:{port}; root {root}; index index.html;\n"
            "    location / { try_files $uri $uri/index.html =404; } }"
        )
        conf = _nginx_main(workdir, block)
        url = f"http://127.0.0.1:{port}"
        with _run_nginx(conf, workdir, url + "/en/"):
            yield url
