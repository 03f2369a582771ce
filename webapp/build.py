"""The build: every public file the app serves the same to everyone, rendered once.

The set is finite and known before any request: each page of `PER_LANGUAGE` in every
offered language, the files of `GLOBAL`, and every file under `static/`. That one list is
what the service worker precaches (`precache=True`), what the static export writes, what
nginx serves from disk (`python -m webapp.build`), and what the app itself serves from
memory. A new page joins all four by one line in `PER_LANGUAGE`.

Each file is rendered through the app itself (so it carries exactly the app's headers),
then kept with its gzip and brotli forms and a strong ETag per form. It is looked up by its
canonical path only: never by Host, port, query or `SCRIPT_NAME`, so no request can add an
entry, and memory is bounded by construction (the README gives the figure). Links inside
the files come from `PUBLIC_URL`, never from the request. Without `PUBLIC_URL` (allowed in
development and tests only) a build is made for the address the request came in on, and
only the latest one is kept.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import click
from flask import Flask, current_app, url_for

from . import languages


@dataclass(frozen=True)
class Page:
    """One entry of the build's list: a GET endpoint, rendered once per language (or once)."""

    endpoint: str
    args: dict = field(default_factory=dict)
    #: Saved by the service worker for offline use.
    precache: bool = True
    #: Saved in every offered language, not only the patient's, so the language switcher
    #: works offline for the pages a patient most needs (within the precache budget).
    every_language: bool = False
    #: Rendered per request on the server (still precached and exported), for a page that
    #: must never come from a shared copy. No page needs it today: the check's GET carries
    #: no form token (its first POST starts the session), and a page that sets a cookie
    #: cannot be built at all (`RenderError` at start-up), so a token can never be shared.
    dynamic: bool = False


#: Every page of one language, in the order the service worker saves them.
PER_LANGUAGE: tuple[Page, ...] = (
    Page("guide.page", every_language=True),
    # No token: the no-JS form's POSTs are answered per request.
    Page("check.check", every_language=True),
    Page("card.page"),
    # For printing at the clinic: online only, so each language's offline copy keeps its budget.
    Page("printed.handout", precache=False),
    Page("pwa.offline"),
    Page("plan.page"),
    Page("diary.page"),
    # Printed without JavaScript at the clinic or at home online; left out of the offline
    # copy to keep each language within the precache budget.
    Page("diary.paper", precache=False),
    Page("pwa.manifest"),
    Page("printed.qr", {"kind": "svg"}, precache=False),  # the handout's code
    Page("printed.qr", {"kind": "png"}, precache=False),
    Page("printed.poster", precache=False),
)

#: Static files only the browser's install dialog and home screen use, fetched online when
#: installing: left out of the offline copy to keep each language within its budget.
INSTALL_ONLY = (
    "/static/screenshots/",
    "/static/icons/icon-192.png",
    "/static/icons/icon-512.png",
    "/static/icons/maskable-",
    "/static/icons/apple-touch-icon.png",
)

#: Files outside any language (static files are added from `static/` itself).
GLOBAL: tuple[Page, ...] = (
    Page("pwa.service_worker", precache=False),
    Page("health.robots", precache=False),
)

#: Bodies smaller than this are not worth compressing.
MIN_COMPRESS = 512
#: Types that are already compressed.
INCOMPRESSIBLE = ("image/png", "image/jpeg", "image/webp", "font/woff2")
#: Marks the app's own rendering requests (a WSGI key: no client can set it).
RENDERING = "bsg.build.rendering"


class RenderError(RuntimeError):
    """A file of the build did not render as a 200 without cookies."""


@dataclass(frozen=True)
class File:
    """One built file: its body in every encoding we send, a strong ETag for each."""

    path: str
    content_type: str
    headers: tuple  # the app's headers, less those that depend on the encoding
    encodings: dict  # "identity" / "br" / "gzip" -> bytes
    etags: dict  # encoding -> ETag (without quotes)
    #: The `?v=` under which the file may be kept for good (static files, QR codes).
    version: str | None = None
    #: Header lists per (encoding, fresh), made on first use by `serve.answer`.
    answers: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def body(self) -> bytes:
        return self.encodings["identity"]

    @property
    def size(self) -> int:
        return sum(len(body) for body in self.encodings.values())


def encode(path: str, body: bytes, content_type: str, headers, version=None) -> File:
    encodings = {"identity": body}
    if len(body) >= MIN_COMPRESS and content_type.split(";")[0] not in INCOMPRESSIBLE:
        encodings["br"] = brotli.compress(body, quality=11)
        encodings["gzip"] = gzip.compress(body, compresslevel=9, mtime=0)
    digest = hashlib.sha256(body).hexdigest()[:24]
    etags = {name: digest if name == "identity" else f"{digest}-{name}" for name in encodings}
    return File(path, content_type, tuple(headers), encodings, etags, version)


@dataclass(frozen=True)
class Planned:
    path: str  # canonical path, the only key
    url: str  # the path with its `?v=` when it has one (what pages and the worker link)
    page: Page
    lang: str | None
    version: str | None


def _version(page: Page, lang: str | None) -> str | None:
    if page.endpoint == "printed.qr":
        from .printed import qr_version

        return qr_version(lang)
    return None


def plan() -> list[Planned]:
    """Every file of the build, in order (needs a request context for `url_for`)."""
    from .assets import hashes

    planned = []
    for lang in languages.offered():
        for page in PER_LANGUAGE:
            path = url_for(page.endpoint, lang=lang.code, **page.args)
            version = _version(page, lang.code)
            url = f"{path}?v={version}" if version else path
            planned.append(Planned(path, url, page, lang.code, version))
    for page in GLOBAL:
        path = url_for(page.endpoint, **page.args)
        planned.append(Planned(path, path, page, None, None))
    for name, digest in hashes().items():
        path = url_for("static", filename=name)
        page = Page("static", precache=not path.startswith(INSTALL_ONLY))
        planned.append(Planned(path, f"{path}?v={digest}", page, None, digest))
    return planned


#: Headers that depend on the encoding or the request, set per answer instead.
_PER_ANSWER = {"content-length", "content-encoding", "etag", "vary", "set-cookie", "date"}


class Build:
    """The build for one public address. Files are rendered on first use (tests) or all at
    start-up (`warm()`, production); either way each exactly once."""

    def __init__(self, app: Flask, base: str):
        self.app = app
        self.base = base
        with app.test_request_context(base_url=base):
            self.planned = {item.path: item for item in plan()}
        self.files: dict[str, File] = {}
        self.renders = 0  # how many files were rendered (tests check nothing renders twice)
        self._lock = threading.RLock()

    def __contains__(self, path: str) -> bool:
        return path in self.planned

    def served(self, path: str) -> File | None:
        """The file the app answers from memory for this exact path, if any."""
        item = self.planned.get(path)
        if item is None or item.page.dynamic:
            return None
        return self.get(path)

    def get(self, path: str) -> File:
        built = self.files.get(path)
        if built is not None:
            return built
        with self._lock:
            if path not in self.files:
                self.files[path] = self._render(self.planned[path])
            return self.files[path]

    def warm(self) -> Build:
        for path in self.planned:
            self.get(path)
        return self

    def precache_lists(self) -> dict:
        """What the worker saves: assets shared by all languages, each language's pages (for
        the languages the patient uses) and the pages saved in every offered language."""
        items = list(self.planned.values())
        pages = [i for i in items if i.lang and i.page.precache]
        offered = list(dict.fromkeys(i.lang for i in pages))  # planned in the offered order
        return {
            "shared": [i.url for i in items if i.page.endpoint == "static" and i.page.precache],
            "languages": {code: [i.url for i in pages if i.lang == code] for code in offered},
            "everyLanguage": {
                code: [i.url for i in pages if i.lang == code and i.page.every_language]
                for code in offered
            },
        }

    def version(self) -> str:
        """A hash of every saved URL and, for pages, their bytes: any change, a new worker."""
        digest = hashlib.sha256()
        lists = self.precache_lists()
        for url in lists["shared"]:
            digest.update(url.encode())  # the URL carries the file's content hash
        for urls in lists["languages"].values():
            for url in urls:
                path = urlsplit(url).path
                digest.update(url.encode() + b"\0" + self.get(path).body)
        return digest.hexdigest()[:16]

    def size(self) -> int:
        """Bytes held in memory, every encoding counted."""
        return sum(f.size for f in self.files.values())

    def _render(self, item: Planned) -> File:
        """Render one file through the app, in an application context of its own (a nested
        request would otherwise share the caller's `g`, and with it its language)."""
        client = self.app.test_client()
        with self.app.app_context():
            response = client.get(
                item.path,
                base_url=self.base,
                headers={"Accept-Encoding": "identity"},
                environ_overrides={RENDERING: True},
            )
        if response.status_code != 200 or "Set-Cookie" in response.headers:
            raise RenderError(f"The build could not render {item.path}: {response.status}")
        self.renders += 1
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in _PER_ANSWER
            and not (name.lower() == "cache-control" and item.version)
        ]
        return encode(item.path, response.get_data(), response.content_type, headers, item.version)

    def write(self, out: Path, *, include_dynamic: bool = True, precompressed=False) -> list:
        """Write every file as a static host expects it: pages as `<path>/index.html`."""
        written = []
        for path, item in self.planned.items():
            if item.page.dynamic and not include_dynamic:
                continue
            built = self.get(path)
            target = out / disk_path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(built.body)
            written.append(disk_path(path))
            if precompressed:
                for name, suffix in (("gzip", ".gz"), ("br", ".br")):
                    if name in built.encodings:
                        Path(f"{target}{suffix}").write_bytes(built.encodings[name])
        return written


def disk_path(path: str) -> str:
    """Where a URL lives on disk: pages as `<path>/index.html`, files as themselves."""
    clean = path.strip("/")
    if "." in clean.rsplit("/", 1)[-1]:
        return clean
    return f"{clean}/index.html".lstrip("/")


def public_base(app: Flask, environ=None) -> str | None:
    """The address the build is made for: PUBLIC_URL, else (development) the request's."""
    configured = app.config.get("PUBLIC_URL")
    if configured:
        return configured
    if environ is None:
        return None
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}"


def for_base(app: Flask, base: str) -> Build:
    """The app's build for this address (one for PUBLIC_URL; in development, the latest)."""
    current = app.extensions.get("build")
    if current is not None and current.base == base:
        return current
    with _SLOT_LOCK:
        current = app.extensions.get("build")
        if current is None or current.base != base:
            current = Build(app, base)
            if not app.debug:  # in debug every request renders afresh, so edits show
                app.extensions["build"] = current
        return current


_SLOT_LOCK = threading.Lock()


def current() -> Build:
    """The build for the request being handled."""
    from flask import request

    app = current_app._get_current_object()
    return for_base(app, app.config.get("PUBLIC_URL") or request.host_url.rstrip("/"))


# -- nginx: the same build on disk -------------------------------------------------------

IMMUTABLE = "public, max-age=31536000, immutable"


def is_current(version: str | None, query_string: str) -> bool:
    """True when a file may be kept for good: its query string is exactly `v=<version>`.

    One reading, the same in nginx (its `$bsg_v` map): a repeated `v`, a `V`, or any other
    argument beside it is revalidated, never kept."""
    return version is not None and query_string == f"v={version}"


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_for_nginx(app: Flask, out: Path) -> list[str]:
    """Write the server's build for nginx (`deploy/nginx.conf`), replacing what was there.

    `site/` holds the files with their `.gz` and `.br` forms; `nginx/` holds what nginx
    needs to answer exactly as the app does: which paths are files (`files.map`; every
    other request goes to the app), each file's `Cache-Control` (`cache.map`: immutable only
    under exactly `?v=<current>`, see `is_current`) and the app's headers (`headers.conf`,
    from `security.py`).
    """
    base = app.config.get("PUBLIC_URL")
    if not base:
        raise click.ClickException("PUBLIC_URL must be set to write the build.")
    build = for_base(app, base).warm()
    out = Path(out)
    fresh = out.with_name(out.name + ".new")
    if fresh.exists():
        shutil.rmtree(fresh)
    written = build.write(fresh / "site", include_dynamic=False, precompressed=True)
    conf = fresh / "nginx"
    conf.mkdir(parents=True)
    files, cache = [], []
    content_types = set()
    sample = None
    for path, item in build.planned.items():
        if item.page.dynamic:
            continue
        built = build.get(path)
        target = "/" + disk_path(path)
        for method in ("GET", "HEAD"):
            files.append(f"    {_quote(f'{method} {path}')} {_quote(f'{path}|{target}')};\n")
        if item.version:
            cache.append(f"    {_quote(f'{path} {item.version}')} {_quote(IMMUTABLE)};\n")
        elif dict(built.headers).get("Cache-Control", "no-cache") != "no-cache":
            raise ValueError(f"{path}: nginx's cache.map gives every other file no-cache")
        content_types.add((disk_path(path).rsplit(".", 1)[-1], built.content_type))
        sample = sample or built
    (conf / "files.map").write_text("".join(files), encoding="utf-8")
    (conf / "cache.map").write_text("".join(cache), encoding="utf-8")
    skip = {"content-type", "cache-control"}
    headers = [(n, v) for n, v in sample.headers if n.lower() not in skip]
    (conf / "headers.conf").write_text(
        "".join(f"add_header {n} {_quote(v)} always;\n" for n, v in headers), encoding="utf-8"
    )
    types = {}
    for ext, content_type in sorted(content_types):
        types.setdefault(ext, content_type)
    (conf / "types.conf").write_text(
        "types {\n"
        + "".join(f"    {_quote(ct)} {ext};\n" for ext, ct in types.items())
        + "}\ndefault_type application/octet-stream;\ncharset off;\n",
        encoding="utf-8",
    )
    old = out.with_name(out.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        os.replace(out, old)
    os.replace(fresh, out)
    if old.exists():
        shutil.rmtree(old)
    return written
