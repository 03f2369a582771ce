"""The start-up build and how it is served (issue 18's findings, each with its regression
test): canonical paths only, nothing keyed by Host, port, query or SCRIPT_NAME, bounded
memory, the export made of the same bytes. Real servers: test_production.py and
test_front_server.py."""

from __future__ import annotations

import io
import re

import pytest

from webapp import build, create_app, triage
from webapp.build import GLOBAL, PER_LANGUAGE, disk_path
from webapp.export import export, headers_file
from webapp.languages import LANGUAGES

from .support.check_form import Patient
from .support.clinic import CLINIC

PUBLIC = "https://guide.example"


#: Where the point is the whole build, not its languages: two, one of each reading direction.
TWO = {"LANGUAGES": "en,ar"}


@pytest.fixture(scope="module")
def public_app():
    """One app for the module (no test changes it): building one renders every page."""
    return create_app({"TESTING": True, "PUBLIC_URL": PUBLIC, **CLINIC})


@pytest.fixture
def public(public_app):
    client = public_app.test_client()
    client.environ_base["HTTP_HOST"] = "guide.example"
    client.environ_base["wsgi.url_scheme"] = "https"
    return client


def the_build(app) -> build.Build:
    return build.for_base(app, PUBLIC)


def test_the_build_is_one_list_for_every_language(public, public_app):
    public.get("/en/")
    planned = the_build(public_app).planned
    per_language = sum(1 for item in planned.values() if item.lang)
    assert per_language == len(PER_LANGUAGE) * len(LANGUAGES)
    for lang in LANGUAGES:
        for path in (f"/{lang.code}/", f"/{lang.code}/poster", f"/qr/{lang.code}.png"):
            assert path in planned
    assert "/sw.js" in planned and "/static/css/site.css" in planned
    assert len(GLOBAL) == 2


def test_every_built_file_is_served_and_the_check_page_per_request(public, public_app):
    current = the_build(public_app)
    for path, item in current.planned.items():
        response = public.get(item.url)
        assert response.status_code == 200, path
        assert not item.page.dynamic, path
        assert response.get_data() == current.get(path).body, path
        assert "Set-Cookie" not in response.headers, path
        if path.endswith("/check"):  # shared by everyone, so it must carry no form token
            assert b"csrf_token" not in response.get_data(), path


def test_a_page_that_sets_a_cookie_cannot_join_the_build(make_app):
    public_app = make_app(PUBLIC_URL=PUBLIC, **CLINIC, **TWO)  # its own: a route is added

    @public_app.get("/<lang:lang>/with-token")
    def with_token(lang):
        from flask_wtf.csrf import generate_csrf

        return generate_csrf()  # starts a session: a token for one patient only

    current = build.Build(public_app, PUBLIC)
    item = build.Planned("/en/with-token", "/en/with-token", build.Page("x"), "en", None)
    with pytest.raises(build.RenderError, match="with-token"):
        current._render(item)


def test_a_thousand_hosts_on_sw_js_render_nothing_again(public, public_app):
    first = public.get("/sw.js")
    renders = the_build(public_app).renders
    for n in range(1000):
        host = "GUIDE.example" if n % 2 else "guide.EXAMPLE"
        response = public.get("/sw.js", headers={"Host": f"{host}:{1024 + n}"})
        assert response.status_code == 200
        assert response.get_data() == first.get_data()
    assert the_build(public_app).renders == renders
    assert len(public_app.extensions) and the_build(public_app).base == PUBLIC
    # A host it does not serve is refused, and renders nothing either.
    assert public.get("/sw.js", headers={"Host": "evil.example"}).status_code == 400
    assert the_build(public_app).renders == renders


def test_links_never_follow_the_request_host(public):
    html = public.get("/de/", headers={"Host": "localhost:9"}).get_data(as_text=True)
    assert f'href="{PUBLIC}/de/"' in html and "localhost" not in html


def test_non_canonical_spellings_are_404_or_a_redirect_and_keep_nothing(public, public_app):
    public.get("/static/css/site.css")
    current = the_build(public_app)
    kept = len(current.files)
    for n, spelling in enumerate(
        [
            "/static/x/../css/site.css",
            "/static/./css/site.css",
            "/static/css//site.css",
            "/static/css/./site.css",
            "/static/screenshots/../screenshots/vi-wide.png",
            "/static/css/site.css/",
            "/static/CSS/site.css",
        ]
    ):
        response = public.get(f"{spelling}?n={n}")
        assert response.status_code in (404, 308), spelling
        assert response.headers.get("Location", "/static/css/site.css").startswith("/static/")
    for spelling in ("//en/", "/en//", "/en/./", "/EN/"):
        response = public.get("/", environ_overrides={"PATH_INFO": spelling})
        assert response.status_code in (404, 308), spelling
    assert len(current.files) == kept
    assert set(public_app.extensions) <= {
        "build",
        "asset_hashes",
        "asset_integrity",
        "babel",
        "csrf",
    }


def test_script_name_changes_nothing(public):
    for path in ("/de/", "/sw.js", "/de/check", "/de/handout", "/nope", "/"):
        plain = public.get(path)
        prefixed = public.get(path, environ_overrides={"SCRIPT_NAME": "/evil"})
        assert prefixed.status_code == plain.status_code, path
        assert prefixed.get_data() == plain.get_data(), path
        assert prefixed.headers.get("Location") == plain.headers.get("Location"), path
    patient = Patient(public, "de")
    patient.submit("no", **{"Sec-Fetch-Site": "same-origin"})
    plain = patient.html
    evil = {"SCRIPT_NAME": "/evil"}
    answered = public.post(
        "/de/check",
        data={"step": "0", **{key: "no" for key in triage.SCREENS[0].keys}},
        headers={"Sec-Fetch-Site": "same-origin"},
        environ_overrides=evil,
    )
    assert answered.headers["Location"].startswith("/de/check/answers?s=")
    again = public.get(answered.headers["Location"], environ_overrides=evil).get_data(as_text=True)
    assert "/evil" not in again
    assert re.sub(r'value="[^"]{40,}"', "", again) == re.sub(r'value="[^"]{40,}"', "", plain)


def test_no_private_header_reaches_a_client(public, public_app):
    public.get("/en/")
    paths = [item.url for item in the_build(public_app).planned.values()]
    for path in [*paths, "/", "/poster", "/healthz", "/nope"]:
        for method in ("GET", "HEAD"):
            response = public.open(path, method=method)
            assert "X-Fast-Path" not in response.headers, path
            private = [n for n, _ in response.headers.items() if n.lower().startswith("x-")]
            assert set(private) <= {"X-Content-Type-Options", "X-Frame-Options"}, path


def test_a_very_long_host_is_never_a_500(make_app):
    host = ".".join(["a" * 63] * 40) + ".example"  # 2,567 characters, each label valid
    assert len(host) > 2563
    client = make_app(**TWO).test_client()  # development: codes follow the request's address
    for path in ("/qr/en.png", "/qr/en.svg", "/en/handout", "/sw.js"):
        response = client.get(path, headers={"Host": host + ":80"})
        assert response.status_code in (200, 400), path
    assert client.get("/qr/en.png", headers={"Host": host + ":80"}).status_code == 400
    public = make_app(PUBLIC_URL=PUBLIC).test_client()
    assert public.get("/qr/en.png", headers={"Host": host}).status_code == 400


def test_host_is_compared_in_any_case(public):
    for host in ("GUIDE.EXAMPLE", "Guide.Example", "guide.example"):
        assert public.get("/en/", headers={"Host": host}).status_code == 200
        response = public.post(
            "/en/check",
            data={"step": "0", "pee-start": "no"},
            headers={"Host": host, "Origin": "https://Guide.Example"},
        )
        assert response.status_code == 303, host  # accepted: on to the next question


def test_if_none_match_is_parsed_not_searched(public):
    response = public.get("/en/")
    etag = response.headers["ETag"]
    bare = etag.strip('"')
    assert public.get("/en/", headers={"If-None-Match": etag}).status_code == 304
    assert public.get("/en/", headers={"If-None-Match": f'W/"{bare}"'}).status_code == 304
    assert public.get("/en/", headers={"If-None-Match": f'"x", {etag}'}).status_code == 304
    assert public.get("/en/", headers={"If-None-Match": "*"}).status_code == 304
    for near in (f'"x{bare}x"', f'"{bare}-gzip"', bare[:-1], f"{etag}x"):
        assert public.get("/en/", headers={"If-None-Match": near}).status_code == 200, near
    not_modified = public.get("/en/", headers={"If-None-Match": etag})
    assert not_modified.get_data() == b"" and "Content-Length" not in not_modified.headers


def test_encodings_follow_accept_encoding(public):
    for header, expected in (
        ("br", "br"),
        ("gzip", "gzip"),
        ("gzip;q=1, br;q=0", "gzip"),
        ("identity", None),
        ("*", "br"),
        ("", None),
    ):
        response = public.get("/en/", headers={"Accept-Encoding": header})
        assert response.headers.get("Content-Encoding") == expected, header
        assert response.headers["Vary"] == "Accept-Encoding"


def test_head_sends_the_headers_of_get_without_the_body(public):
    get, head = public.get("/en/handout"), public.head("/en/handout")
    assert head.get_data() == b""
    assert head.headers["Content-Length"] == get.headers["Content-Length"]
    assert head.headers["ETag"] == get.headers["ETag"]


def test_poster_is_per_language_and_the_old_address_negotiates(public):
    french = public.get("/fr/poster").get_data(as_text=True)  # first visitor: French
    german = public.get("/de/poster").get_data(as_text=True)
    assert '<html lang="fr"' in french and '<html lang="de"' in german
    for languages, target in (("de-AT, en;q=0.5", "/de/poster"), ("vi", "/vi/poster")):
        response = public.get("/poster", headers={"Accept-Language": languages})
        assert response.status_code == 302 and response.headers["Location"] == target
        assert response.headers["Vary"] == "Accept-Language, Cookie"
    public.set_cookie("lang", "ar")
    assert public.get("/poster").headers["Location"] == "/ar/poster"


def test_chunked_check_bodies_are_a_411_and_long_ones_a_413(public):
    body = b"step=0&pee-start=no&pad=" + b"x" * (20 * 1024)
    chunked = public.post(
        "/en/check",
        input_stream=io.BytesIO(body),
        content_type="application/x-www-form-urlencoded",
        headers={"Transfer-Encoding": "chunked", "Sec-Fetch-Site": "same-origin"},
    )
    assert chunked.status_code == 411
    assert "Something in that request was not right" in chunked.get_data(as_text=True)
    declared = public.post(
        "/en/check",
        data=body,
        content_type="application/x-www-form-urlencoded",
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert declared.status_code == 413
    assert "That was too much to send" in declared.get_data(as_text=True)


def test_origin_is_compared_with_its_scheme(make_app):
    def first_step(client, origin, **kwargs):
        """Accepted (on to a sealed screen) or refused (back to an empty check)."""
        location = client.post(
            "/en/check",
            data={"step": "0", "pee-start": "no"},
            headers={"Origin": origin},
            **kwargs,
        ).headers["Location"]
        return "accepted" if "/check/answers?s=" in location else "refused"

    development = make_app().test_client()
    assert first_step(development, "http://localhost") == "accepted"
    assert first_step(development, "http://LOCALHOST") == "accepted"
    assert first_step(development, "https://localhost") == "refused"
    assert first_step(development, "http://localhost:8080") == "refused"
    https = make_app(PUBLIC_URL=PUBLIC).test_client()
    assert first_step(https, PUBLIC, base_url=PUBLIC) == "accepted"
    assert first_step(https, "http://guide.example", base_url=PUBLIC) == "refused"


def test_a_refused_first_step_sets_no_cookie(client):
    refused = client.post(
        "/en/check",
        data={"step": "0", "pee-start": "yes"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert refused.status_code == 303 and refused.headers["Location"] == "/en/check"
    assert "Set-Cookie" not in refused.headers  # and nothing posted is echoed
    # The patient goes on from our own page: a same-site first step needs no token.
    again = client.post(
        "/en/check",
        data={"step": "0", **{key: "no" for key in triage.SCREENS[0].keys}, "pee-start": "yes"},
        headers={"Sec-Fetch-Site": "same-origin"},
        follow_redirects=True,
    )
    assert again.status_code == 200 and 'data-outcome="emergency"' in again.get_data(True)


def test_export_headers_carry_hsts_only_over_https():
    assert "Strict-Transport-Security: max-age=63072000" in headers_file("https://g.example")
    assert "Strict-Transport-Security" not in headers_file("http://g.example")


def test_the_export_is_the_build_byte_for_byte(tmp_path):
    out = tmp_path / "export"
    key = {"SECRET_KEY": "export-test-key-" + "0123456789abcdef" * 2}  # the plan page's key
    export(out, PUBLIC, **key, **CLINIC, **TWO)
    app = create_app({"STATIC_EXPORT": True, "PUBLIC_URL": PUBLIC, **key, **CLINIC, **TWO})
    same = build.for_base(app, PUBLIC).warm()
    expected = {disk_path(path): same.get(path).body for path in same.planned}
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert set(files) - set(expected) == {"index.html", "404.html", "_headers"}
    assert set(expected) <= set(files)
    for name, body in expected.items():
        assert files[name] == body, name
    # The server's build has the same bytes, but for the check page (its no-JavaScript form
    # needs a server) and the worker, whose version hashes those pages. (No page links the
    # plan builder: it is for staff, at /staff/sign-in.)
    server = create_app({"TESTING": True, "PUBLIC_URL": PUBLIC, **key, **CLINIC, **TWO})
    served = build.for_base(server, PUBLIC)
    for path in served.planned:
        if path.endswith("/check") or path == "/sw.js":
            assert served.get(path).body != same.get(path).body
        else:
            assert served.get(path).body == same.get(path).body, path


def test_memory_is_bounded_by_the_list(public, public_app):
    current = the_build(public_app).warm()
    size = current.size()
    for n in range(300):
        public.get(f"/static/css/site.css?v={n}", headers={"Host": f"guide.example:{n}"})
        public.get(f"/static/{n}/../css/site.css")
        public.get(f"/en/?{n}")
    assert current.size() == size and len(current.files) == len(current.planned)
    assert size < 12 * 1024 * 1024  # every language, every encoding: about 9.4 MB
