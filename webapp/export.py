"""`python -m webapp.export build/`: the whole app as static files, for any static host or CDN.

Every page of every language is written as `<path>/index.html` (so any static server sends
it as HTML), with the manifests, the service worker, the QR codes and every asset, plus a
`_headers` file for hosts that read one (Netlify, Cloudflare Pages) with the CSP and the
caching rules. Without a server the check runs on the device only, which already works
offline; its no-JavaScript form is replaced by a `<noscript>` block with the warning signs,
both levels of urgency and the call links.

The export loads the clinic's settings as the server does (`settings.load`: instance
file, then environment, then the `--public-url` flag), refuses an address that printed
codes cannot use (loopback, plain http) unless told `--allow-local`, and ends by naming
the settings it used, so whoever runs it sees what patients will see.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click
from flask import url_for

from . import build, create_app, languages
from .security import HEADERS, HSTS
from .settings import ConfigurationError, address_problem, load, summary

REFUSALS = {
    "loopback": "{url} only works on this computer, yet every QR code and link in the "
    "export would point there.",
    "http": "{url} is plain http: a phone can neither keep the guide for offline use nor "
    "install it from a plain http address, and printed codes would point there for years.",
}


def headers_file(public_url: str = "") -> str:
    common = "".join(f"  {name}: {value}\n" for name, value in HEADERS.items())
    if public_url.startswith("https://"):
        common += f"  Strict-Transport-Security: {HSTS}\n"
    return (
        f"/*\n{common}"
        "/static/*\n  Cache-Control: public, max-age=31536000, immutable\n"
        "/sw.js\n  Cache-Control: no-cache\n"
        "/*.webmanifest\n  Content-Type: application/manifest+json\n"
    )


def export(out: Path, public_url: str, **settings) -> list[str]:
    """Write the build (`webapp/build.py`, the same files the server serves), byte for byte,
    plus what only a static host needs: `index.html`, `404.html` and `_headers`."""
    app = create_app({"STATIC_EXPORT": True, "PUBLIC_URL": public_url, **settings})
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    the_build = build.for_base(app, app.config["PUBLIC_URL"])
    written = the_build.write(out)
    # A static host cannot negotiate: English (or the clinic's first language), with the switcher.
    with app.test_request_context(base_url=public_url):
        start = url_for("guide.page", lang=languages.fallback().code)
    (out / "index.html").write_bytes(the_build.get(start).body)
    response = app.test_client().get("/404", base_url=public_url)
    if response.status_code != 404:
        raise click.ClickException(f"/404 answered {response.status_code}")
    (out / "404.html").write_bytes(response.get_data())
    (out / "_headers").write_text(headers_file(public_url), encoding="utf-8")
    return [*written, "index.html", "404.html", "_headers"]


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--public-url",
    help="The https address the export will be served from (QR codes point here). "
    "Default: PUBLIC_URL from the environment or instance/config.py.",
)
@click.option(
    "--allow-local",
    is_flag=True,
    help="Accept a loopback or plain-http address: for trying the export on this "
    "computer, never for printing.",
)
def main(out: Path, public_url: str | None, allow_local: bool) -> None:
    """Write every page, manifest, worker, QR code and asset into OUT."""
    overrides = {"STATIC_EXPORT": True}
    if public_url:
        overrides["PUBLIC_URL"] = public_url
    try:
        config = load(overrides)
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from None
    public_url = config["PUBLIC_URL"]
    if not public_url:
        raise click.ClickException(
            "Give the address the export will be served from: --public-url "
            "https://guide.example-clinic.org (or set PUBLIC_URL)."
        )
    problem = address_problem(public_url)
    if problem and not allow_local:
        raise click.ClickException(
            REFUSALS[problem].format(url=public_url)
            + " Give the public https address, or add --allow-local to try the export on"
            " this computer (never print from such an export)."
        )
    written = export(out, public_url)
    click.echo(f"Wrote {len(written)} files and folders to {out}/")
    click.echo(summary(config))


if __name__ == "__main__":
    main()
