"""Static files under content-hashed URLs: `/static/css/site.css?v=3f2a9c01b7`.

A changed file gets a new URL, so browsers may keep every version forever
(`immutable`), and a page can never be shown with assets from another version. The
hashes are computed once from the files themselves when the app starts (on every call in
debug mode, so edits show at once).

The same pass computes each file's Subresource Integrity digest (sha384), and
`script_tag()` writes it into every `<script>`: a browser then refuses a script whose bytes
are not the ones this build shipped, whatever a cache or a proxy on the way did to it.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, current_app, url_for
from markupsafe import Markup


def _digest_files(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Each file's short version hash (for its URL) and its SRI digest, from one read."""
    versions, integrity = {}, {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            name, data = path.relative_to(folder).as_posix(), path.read_bytes()
            versions[name] = hashlib.sha256(data).hexdigest()[:10]
            integrity[name] = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
    return versions, integrity


def _compute() -> None:
    app = current_app
    if app.debug or "asset_hashes" not in app.extensions:
        versions, integrity = _digest_files(Path(app.static_folder))
        app.extensions["asset_hashes"] = versions
        app.extensions["asset_integrity"] = integrity


def hashes() -> dict[str, str]:
    _compute()
    return current_app.extensions["asset_hashes"]


def integrity(filename: str) -> str:
    """The `integrity` value of a static file: "sha384-<base64>"."""
    _compute()
    return current_app.extensions["asset_integrity"][filename]


def script_tag(filename: str) -> Markup:
    """`<script type="module">` for a static file, versioned and with its integrity digest.

    Every script is a native ES module (deferred, strict, no build step). Every page's
    scripts go through here, so none ships without its digest (tests/test_integrity.py
    checks every page).
    """
    src, digest = asset_url(filename), integrity(filename)
    return Markup('<script type="module" src="{}" integrity="{}"></script>').format(src, digest)


def asset_url(filename: str) -> str:
    return url_for("static", filename=filename, v=hashes()[filename])


def asset_urls() -> list[str]:
    """Every static file's hashed URL."""
    return [asset_url(name) for name in hashes()]


def inline_svg(filename: str, size: int) -> Markup:
    """A static SVG file written into the page, decorative (hidden from screen readers).

    The header's logo is the app icon's own file, drawn inline: as an <img> it was a second
    fetch of the file the browser also fetches as the tab's icon (the first view of a page
    stays within its 5 requests)."""
    source = _svg_source(Path(current_app.static_folder) / filename)
    attributes = f'<svg aria-hidden="true" focusable="false" width="{size}" height="{size}" '
    return Markup(source.replace("<svg ", attributes, 1))  # noqa: S704 - our own static file


@lru_cache(maxsize=8)
def _svg_source(path: Path) -> str:
    """Read once per process, not on every page rendered (the check renders per request)."""
    return path.read_text(encoding="utf-8").strip()


def init_app(app: Flask) -> None:
    app.jinja_env.globals["asset_url"] = asset_url
    app.jinja_env.globals["script_tag"] = script_tag
    app.jinja_env.globals["inline_svg"] = inline_svg
