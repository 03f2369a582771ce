"""HTTP caching for pages, manifests and the service worker: `no-cache` with an ETag.

Browsers (and the service worker's update check) revalidate every time, and an unchanged
page costs a `304 Not Modified` with no body. Responses that set their own policy (results
of the check: `no-store`; hashed static files: `immutable`) are left alone.
"""

from __future__ import annotations

from flask import Flask, Response, request


def revalidate(response: Response) -> Response:
    if (
        request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or request.endpoint == "static"
        or "Cache-Control" in response.headers
        or response.direct_passthrough
    ):
        return response
    response.headers["Cache-Control"] = "no-cache"
    response.add_etag()
    return response.make_conditional(request)


def init_app(app: Flask) -> None:
    app.after_request(revalidate)
