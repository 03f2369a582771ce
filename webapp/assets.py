"""Static files under content-hashed URLs: `/static/css/site.css?v=3f2a9c01b7`.

A changed file gets a new URL, so browsers may keep every version forever
(`immutable`), and a page can never be shown with assets from another version. The
hashes are computed once from the files themselves when the app starts (on every call in
debug mode, so edits show at once).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, current_app, url_for


def _hash_files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def hashes() -> dict[str, str]:
    app = current_app
    if app.debug or "asset_hashes" not in app.extensions:
        app.extensions["asset_hashes"] = _hash_files(Path(app.static_folder))
    return app.extensions["asset_hashes"]


def asset_url(filename: str) -> str:
    return url_for("static", filename=filename, v=hashes()[filename])


def asset_urls() -> list[str]:
    """Every static file's hashed URL."""
    return [asset_url(name) for name in hashes()]


def init_app(app: Flask) -> None:
    app.jinja_env.globals["asset_url"] = asset_url
