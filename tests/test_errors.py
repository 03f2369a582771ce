"""Bad addresses and methods get a clear page in the layout, the right status, no trace."""

from __future__ import annotations

from webapp.languages import LANGUAGES


def test_unknown_page_is_a_404_in_the_layout(client):
    response = client.get("/en/no-such-page")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'class="site-header"' in html
    assert response.headers["Cache-Control"] == "no-store"


def test_unknown_language_is_a_404_that_links_every_language(client):
    response = client.get("/xx/")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    for lang in LANGUAGES:
        assert f'href="/{lang.code}/"' in html
        assert lang.native_name in html


def test_wrong_method_is_a_405_with_allow(client):
    response = client.post("/en/")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert "That action is not allowed here" in response.get_data(as_text=True)


def test_oversized_body_is_a_413(client):
    limit = 16 * 1024  # the only body accepted is the small check form (webapp/settings.py)
    for path in ("/en/", "/en/check"):
        for body, kind in (
            (b"a" * (limit + 1), "text/plain"),
            (b"x=" + b"a" * limit, "application/x-www-form-urlencoded"),
        ):
            response = client.post(path, data=body, content_type=kind)
            assert response.status_code == 413, (path, kind)
            assert "That was too much to send" in response.get_data(as_text=True)
    # At the limit the body is taken: the guide refuses the method, not the size.
    response = client.post("/en/", data=b"a" * limit, content_type="text/plain")
    assert response.status_code == 405


def test_server_error_is_a_friendly_500_without_a_trace(make_app):
    app = make_app(SECRET_KEY="x" * 32)
    app.testing = False

    @app.get("/en/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/en/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "secret internals" not in html and "Traceback" not in html


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"


def test_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/"
    assert response.headers["Vary"] == "Accept-Language, Cookie"
