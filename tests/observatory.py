"""Score response headers the way the Mozilla HTTP Observatory does (its published rules).

Start at 100; each test adds a penalty or, when the score is already 90 or more, a bonus.
A+ is 100 or more. Only the header tests are scored here: redirection and the scan of the
page's own scripts are not header properties (our scripts are all same-origin).
"""

from __future__ import annotations

from http.cookies import SimpleCookie


def csp(value: str | None) -> tuple[str, int]:
    if not value:
        return "csp-not-implemented", -25
    directives = {}
    for part in value.split(";"):
        name, _, sources = part.strip().partition(" ")
        directives[name] = sources.split()
    scripts = directives.get("script-src", directives.get("default-src", []))
    styles = directives.get("style-src", directives.get("default-src", []))
    if "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts or "data:" in scripts:
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-inline'" in styles:
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if directives.get("default-src") == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def cookies(set_cookies: list[str], https: bool) -> tuple[str, int]:
    if not set_cookies:
        return "cookies-not-found", 0
    for header in set_cookies:
        lowered = header.lower()
        if https and "secure" not in lowered:
            return "cookies-without-secure-flag", -20
        if "httponly" not in lowered and SimpleCookie(header):
            name = header.split("=", 1)[0].lower()
            if "session" in name:
                return "cookies-session-without-httponly-flag", -30
        if "samesite" not in lowered:
            return "cookies-secure-with-httponly-sessions", 0
    return "cookies-secure-with-httponly-sessions-and-samesite", 5


def referrer(value: str | None) -> tuple[str, int]:
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    if not value:
        return "referrer-policy-not-implemented", 0
    if value.split(",")[-1].strip().lower() in private:
        return "referrer-policy-private", 5
    return "referrer-policy-unsafe", -5


def hsts(value: str | None, https: bool) -> tuple[str, int]:
    if not https:
        return "hsts-not-implemented-no-https", 0
    if not value:
        return "hsts-not-implemented", -20
    max_age = int(value.lower().split("max-age=")[1].split(";")[0])
    if max_age < 15768000:
        return "hsts-implemented-max-age-less-than-six-months", -10
    if "preload" in value.lower():
        return "hsts-preloaded", 5
    return "hsts-implemented-max-age-at-least-six-months", 0


def nosniff(value: str | None) -> tuple[str, int]:
    return (
        ("x-content-type-options-nosniff", 0)
        if value == "nosniff"
        else (
            "x-content-type-options-not-implemented",
            -5,
        )
    )


def framing(xfo: str | None, csp_value: str | None) -> tuple[str, int]:
    if csp_value and "frame-ancestors 'none'" in csp_value:
        return "x-frame-options-implemented-via-csp", 5
    if xfo and xfo.upper() in ("DENY", "SAMEORIGIN"):
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-not-implemented", -20


def corp(value: str | None) -> tuple[str, int]:
    if value in ("same-origin", "same-site"):
        return "cross-origin-resource-policy-implemented-with-same-origin", 0
    return "cross-origin-resource-policy-not-implemented", 0


def score(headers, set_cookies: list[str], https: bool) -> tuple[int, str, dict]:
    results = dict(
        [
            ("content-security-policy", csp(headers.get("Content-Security-Policy"))),
            ("cookies", cookies(set_cookies, https)),
            ("referrer-policy", referrer(headers.get("Referrer-Policy"))),
            ("strict-transport-security", hsts(headers.get("Strict-Transport-Security"), https)),
            ("x-content-type-options", nosniff(headers.get("X-Content-Type-Options"))),
            (
                "x-frame-options",
                framing(headers.get("X-Frame-Options"), headers.get("Content-Security-Policy")),
            ),
            ("cross-origin-resource-policy", corp(headers.get("Cross-Origin-Resource-Policy"))),
        ]
    )
    total = 100 + sum(delta for _, delta in results.values() if delta < 0)
    if total >= 90:
        total += sum(delta for _, delta in results.values() if delta > 0)
    grade = "A+" if total >= 100 else "A" if total >= 90 else "B or lower"
    return total, grade, results
