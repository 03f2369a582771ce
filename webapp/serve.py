"""How responses travel: the build from memory, everything else through Flask, uncached.

`Front` sits before Flask. A GET or HEAD for the exact canonical path of a built file
(`webapp/build.py`) is answered from the build in the encoding the client accepts, with a
strong ETag (a `304` when it matches). Nothing about the request becomes a key: a path
spelled any other way, any POST and every dynamic route go to Flask, which keeps nothing.
`SCRIPT_NAME` is ignored (the app lives at the root: its printed addresses and the
worker's scope say so) and the Host is compared in lower case.

Responses Flask makes (the check, redirects, errors, development) keep their own
`Cache-Control`; a GET that sets none gets `no-cache` and an ETag.
"""

from __future__ import annotations

import mimetypes
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, abort, current_app, request
from werkzeug.datastructures import Accept
from werkzeug.http import parse_accept_header, parse_etags
from werkzeug.sansio.utils import host_is_trusted
from werkzeug.security import safe_join

from . import build
from .build import IMMUTABLE, RENDERING

#: Marks a path with an empty or dot segment: never one of ours.
NON_CANONICAL = "bsg.non_canonical"
#: Headers a 304 does not repeat.
_BODY_HEADERS = {"content-type", "content-length", "content-encoding"}


@lru_cache(maxsize=256)  # bounded: a client varying the header only evicts entries
def choose_encoding(header: str, available: tuple = ("br", "gzip")) -> str:
    """ "br", "gzip" or "identity": the best of `available` that Accept-Encoding allows."""
    accepted = parse_accept_header(header, Accept)
    for name in ("br", "gzip"):
        if name in available and accepted[name] > 0:
            return name
    return "identity"


def _headers(built: build.File, encoding: str, fresh: bool) -> tuple[list, list]:
    """The 200's and the 304's headers for one encoding and cache rule, made once."""
    key = (encoding, fresh)
    made = built.answers.get(key)
    if made is None:
        headers = list(built.headers)
        if built.version is not None:
            # Only the current version's URL may be kept for good; any other is asked again.
            headers.append(("Cache-Control", IMMUTABLE if fresh else "no-cache"))
        headers.append(("ETag", f'"{built.etags[encoding]}"'))
        if len(built.encodings) > 1:
            headers.append(("Vary", "Accept-Encoding"))
        not_modified = [h for h in headers if h[0].lower() not in _BODY_HEADERS]
        if encoding != "identity":
            headers.append(("Content-Encoding", encoding))
        headers.append(("Content-Length", str(len(built.encodings[encoding]))))
        made = built.answers[key] = (headers, not_modified)
    return made


def answer(built: build.File, environ, start_response):
    """Send one built file as the client asked for it (encoding, revalidation, HEAD)."""
    encoding = "identity"
    if len(built.encodings) > 1:
        encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""))
    fresh = build.is_current(built.version, environ.get("QUERY_STRING", ""))
    headers, not_modified = _headers(built, encoding, fresh)
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match and parse_etags(if_none_match).contains_weak(built.etags[encoding]):
        start_response("304 Not Modified", list(not_modified))
        return []
    start_response("200 OK", list(headers))
    if environ.get("REQUEST_METHOD") == "HEAD":
        return []
    return [built.encodings[encoding]]


class Front:
    """WSGI front: built files from memory by canonical path; anything else to Flask."""

    def __init__(self, app: Flask):
        self.app = app
        self.wsgi_app = app.wsgi_app

    def __call__(self, environ, start_response):
        environ["SCRIPT_NAME"] = ""  # mounted at the root only: a proxy's prefix changes nothing
        host = environ.get("HTTP_HOST")
        if host:
            environ["HTTP_HOST"] = host.lower()
        path = environ.get("PATH_INFO", "")
        if "//" in path or "/./" in path or "/../" in path or path.endswith(("/.", "/..")):
            environ[NON_CANONICAL] = True  # Flask answers 404 (werkzeug would strip a "//")
        elif (
            environ.get("REQUEST_METHOD") in ("GET", "HEAD")
            and not environ.get(RENDERING)
            and not self.app.debug
        ):
            built = self.lookup(environ)
            if built is not None:
                return answer(built, environ, start_response)
        return self.wsgi_app(environ, start_response)

    def lookup(self, environ) -> build.File | None:
        app = self.app
        trusted = app.config.get("TRUSTED_HOSTS")
        if trusted and not _trusted(environ.get("HTTP_HOST", ""), tuple(trusted)):
            return None  # Flask refuses it with a 400
        path = environ.get("PATH_INFO", "")
        base = build.public_base(app, environ)
        if app.config.get("PUBLIC_URL"):
            current = build.for_base(app, base)
            return current.served(path) if path in current else None
        # Development without PUBLIC_URL: a build for this address, made only when asked.
        probe = app.extensions.get("build")
        if probe is not None and path not in probe:
            return None
        try:
            return build.for_base(app, base).served(path)
        except (build.RenderError, ValueError):
            return None  # e.g. a Host no URL or QR code can hold: Flask answers it (400)


@lru_cache(maxsize=256)  # bounded, like werkzeug's own check it only speeds up
def _trusted(host: str, trusted: tuple) -> bool:
    return host_is_trusted(host, list(trusted))


def serve_static(filename: str):
    """Flask's static view, replaced. Outside debug, every canonical static path is answered
    by `Front` from the build, so whatever reaches this view is spelled some other way
    (`x/../`, `./`, `//`): a 404, and nothing kept."""
    app = current_app
    if not app.debug and not request.environ.get(RENDERING):
        abort(404)
    path = safe_join(app.static_folder, filename)
    if path is None or not Path(path).is_file():
        abort(404)
    mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if mimetype.startswith("text/") or mimetype in ("application/javascript", "image/svg+xml"):
        mimetype += "; charset=utf-8"
    response = Response(Path(path).read_bytes(), content_type=mimetype)
    response.headers["Cache-Control"] = "no-cache"
    return response


def refuse_non_canonical() -> None:
    if request.environ.get(NON_CANONICAL):
        abort(404)


def refuse_unmeasured_bodies() -> None:
    """A body is read only when its length is declared and small: a chunked body is a 411
    and a long one a 413, before a byte is read (never cut short, the answers lost). For
    every POST: the check's, and any form added later (the plan builder's)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.content_length is None and request.headers.get("Transfer-Encoding"):
        abort(411)
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and limit and request.content_length > limit:
        abort(413)


def revalidate(response: Response) -> Response:
    if (
        request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or "Cache-Control" in response.headers
        or response.direct_passthrough
    ):
        return response
    response.headers["Cache-Control"] = "no-cache"
    response.add_etag()
    return response.make_conditional(request)


def init_app(app: Flask) -> None:
    mimetypes.add_type("application/manifest+json", ".webmanifest")
    mimetypes.add_type("text/javascript", ".js")
    app.view_functions["static"] = serve_static
    app.before_request(refuse_non_canonical)
    app.before_request(refuse_unmeasured_bodies)
    app.after_request(revalidate)
    app.wsgi_app = Front(app)
