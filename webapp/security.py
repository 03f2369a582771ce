"""Security headers sent with every response: pages, static files, errors alike; and
whether a POST comes from our own pages.

The policy allows only our own origin, and no inline script or style at all, so an
injected tag cannot run; the templates are written to need nothing more.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, redirect, request

CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)

# Only features Chromium recognises: an unknown name is logged as a console error.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

HSTS = "max-age=63072000; includeSubDomains; preload"


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if (current_app.config.get("PUBLIC_URL") or "").startswith("https://"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def this_origin() -> str:
    """Our origin, scheme included: PUBLIC_URL's, else (development) the request's."""
    parts = urlsplit(current_app.config.get("PUBLIC_URL") or request.host_url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def no_store_redirect(address: str) -> Response:
    """A 303 kept by no cache: how a POST is answered (Post/Redirect/Get), so nothing it
    carried is echoed or stored: the next screen's sealed address, or an empty form."""
    response = redirect(address, code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


def from_this_site() -> bool:
    """Whether this POST comes from one of our own pages (Fetch Metadata, else Origin).

    Cross-site POST protection where a form token is missing: the check's first step (which
    carries none yet) accepts it; a tokenless later step or builder POST starts afresh."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:  # an old browser that sends neither: nothing to go on
        return True
    # http://clinic is another origin than https://clinic: compare scheme, host and port.
    return origin.strip().lower() == this_origin()


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
