"""How responses travel: prepared once, compressed once, revalidated cheaply.

Patients arrive on crowded waiting-room Wi-Fi, so every byte counts; the server has two
small cores, so no work is repeated per request. Pages that are the same for everyone
(the guide, the check's questions, the handout...) are rendered once per language and
kept, with their gzip and brotli forms made at the same time; static files are read and
compressed once. Each representation has a strong ETag, so a browser or the service
worker revalidating an unchanged page gets a `304 Not Modified` with no body.

Responses made per request (the check's results, error pages) keep their own
`Cache-Control`; anything else HTML-like gets `no-cache` and an ETag.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from functools import wraps
from pathlib import Path

import brotli
from flask import Flask, Response, current_app, make_response, request
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join

IMMUTABLE = "public, max-age=31536000, immutable"
#: Bodies smaller than this are not worth compressing.
MIN_COMPRESS = 512
#: Types that are already compressed.
INCOMPRESSIBLE = ("image/png", "image/jpeg", "image/webp", "font/woff2")
#: Prepared pages kept per process, at most (Host headers vary when PUBLIC_URL is unset).
MAX_PAGES = 512


@dataclass(frozen=True)
class Prepared:
    """One resource in every encoding we send, with an ETag for each."""

    content_type: str
    encodings: dict  # "identity" / "gzip" / "br" -> bytes
    digest: str


def prepare(body: bytes, content_type: str) -> Prepared:
    encodings = {"identity": body}
    if len(body) >= MIN_COMPRESS and content_type not in INCOMPRESSIBLE:
        encodings["br"] = brotli.compress(body, quality=11)
        encodings["gzip"] = gzip.compress(body, compresslevel=9, mtime=0)
    return Prepared(content_type, encodings, hashlib.sha256(body).hexdigest()[:24])


def accepted_encoding(header: str) -> str:
    """ "br", "gzip" or "identity": the best encoding an Accept-Encoding header allows."""
    allowed = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        quality = params.strip().removeprefix("q=")
        try:
            if params and float(quality) <= 0:
                continue
        except ValueError:
            continue
        allowed.add(name.strip())
    for encoding in ("br", "gzip"):
        if encoding in allowed:
            return encoding
    return "identity"


def _best_encoding(prepared: Prepared) -> str:
    wanted = accepted_encoding(request.headers.get("Accept-Encoding", ""))
    if wanted in prepared.encodings:
        return wanted
    return "gzip" if wanted == "br" and "gzip" in prepared.encodings else "identity"


def send_prepared(prepared: Prepared, cache_control: str) -> Response:
    encoding = _best_encoding(prepared)
    etag = prepared.digest if encoding == "identity" else f"{prepared.digest}-{encoding}"
    headers = {"Cache-Control": cache_control, "Vary": "Accept-Encoding"}
    if request.if_none_match.contains(etag):
        response = Response(status=304, headers=headers)
    else:
        body = prepared.encodings[encoding]
        response = Response(body, content_type=prepared.content_type, headers=headers)
        if encoding != "identity":
            response.headers["Content-Encoding"] = encoding
    response.set_etag(etag)
    if not current_app.debug and response.status_code == 200:
        response.headers[FAST_PATH_MARK] = "1"
    return response


def prerendered(view):
    """Render this GET view once per address and language, then serve the kept bytes."""

    @wraps(view)
    def wrapper(**kwargs):
        app = current_app
        if app.debug:
            return revalidate(make_response(view(**kwargs)))
        store = app.extensions.setdefault("prerendered", {})
        key = (request.host_url, request.path)
        prepared = store.get(key)
        if prepared is None:
            response = make_response(view(**kwargs))
            if response.status_code != 200 or "Set-Cookie" in response.headers:
                return response
            prepared = prepare(response.get_data(), response.content_type)
            if len(store) < MAX_PAGES:
                store[key] = prepared
        return send_prepared(prepared, "no-cache")

    return wrapper


def serve_static(filename: str):
    """Flask's static view, replaced: files are read and compressed once, then kept."""
    from .assets import hashes

    app = current_app
    store = app.extensions.setdefault("static_files", {})
    prepared = None if app.debug else store.get(filename)
    if prepared is None:
        path = safe_join(app.static_folder, filename)
        if path is None or not Path(path).is_file():
            raise NotFound()
        mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if mimetype.startswith("text/") or mimetype in ("application/javascript", "image/svg+xml"):
            mimetype += "; charset=utf-8"
        prepared = prepare(Path(path).read_bytes(), mimetype)
        store[filename] = prepared
    version = request.args.get("v")
    fresh = version is not None and version == hashes().get(filename)
    # Only the current version's URL may be kept for good; any other must be asked again.
    return send_prepared(prepared, IMMUTABLE if fresh else "no-cache")


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


FAST_PATH_MARK = "X-Fast-Path"


class FastPath:
    """WSGI front: answers a repeat GET for a prepared resource without entering Flask.

    The first request for each address, host and encoding goes through the app (which
    checks the Host, picks the language and adds every header); a response the app marks
    as prepared is then kept whole, headers and all, and replayed byte for byte. Nothing
    else is kept: not errors, not redirects, nothing that sets a cookie, no POST. One host
    needs about 200 entries; the limit bounds memory when Host headers vary (PUBLIC_URL unset).
    """

    def __init__(self, app, limit: int = 1024):
        self.app = app
        self.limit = limit
        self.store: dict = {}

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET":
            return self.app(environ, start_response)
        key = (
            environ.get("HTTP_HOST", ""),
            environ.get("wsgi.url_scheme", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            accepted_encoding(environ.get("HTTP_ACCEPT_ENCODING", "")),
        )
        kept = self.store.get(key)
        if kept is not None:
            status, headers, body, etag = kept
            if etag and etag in environ.get("HTTP_IF_NONE_MATCH", ""):
                start_response("304 Not Modified", [h for h in headers if h[0] not in _BODY])
                return [b""]
            start_response(status, headers)
            return [body]
        seen = {}

        def capture(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, [h for h in headers if h[0] != FAST_PATH_MARK], exc_info)

        result = self.app(environ, capture)
        headers = seen.get("headers", [])
        if not any(name == FAST_PATH_MARK for name, _ in headers) or len(self.store) >= self.limit:
            return result
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
        clean = [h for h in headers if h[0] != FAST_PATH_MARK]
        etag = next((value for name, value in clean if name == "ETag"), "")
        if seen["status"].startswith("200") and not any(n == "Set-Cookie" for n, _ in clean):
            self.store[key] = (seen["status"], clean, body, etag)
        return [body]


_BODY = ("Content-Length", "Content-Type", "Content-Encoding")


def init_app(app: Flask) -> None:
    mimetypes.add_type("application/manifest+json", ".webmanifest")
    mimetypes.add_type("text/javascript", ".js")
    app.view_functions["static"] = serve_static
    app.after_request(revalidate)
    app.wsgi_app = FastPath(app.wsgi_app)
