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
from urllib.parse import urlsplit

import click

from . import create_app
from .languages import LANGUAGES
from .pwa import precache_lists
from .security import HEADERS
from .settings import ConfigurationError, address_problem, load, summary

REFUSALS = {
    "loopback": "{url} only works on this computer, yet every QR code and link in the "
    "export would point there.",
    "http": "{url} is plain http: a phone can neither keep the guide for offline use nor "
    "install it from a plain http address, and printed codes would point there for years.",
}


def target_for(out: Path, url: str) -> Path:
    """Where a URL lives in the export: pages as `<path>/index.html`, files as themselves."""
    path = urlsplit(url).path.strip("/")
    if "." in path.rsplit("/", 1)[-1]:
        return out / path
    return out / path / "index.html"


def headers_file() -> str:
    common = "".join(f"  {name}: {value}\n" for name, value in HEADERS.items())
    return (
        f"/*\n{common}"
        "/static/*\n  Cache-Control: public, max-age=31536000, immutable\n"
        "/sw.js\n  Cache-Control: no-cache\n"
        "/*.webmanifest\n  Content-Type: application/manifest+json\n"
    )


def export(out: Path, public_url: str, **settings) -> list[str]:
    app = create_app({"STATIC_EXPORT": True, "PUBLIC_URL": public_url, **settings})
    client = app.test_client()
    written = []

    def write(url: str, target: Path, status: int = 200) -> None:
        response = client.get(url, base_url=public_url, headers={"Accept-Encoding": "identity"})
        if response.status_code != status:
            raise click.ClickException(f"{url} answered {response.status_code}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(response.get_data())
        written.append(str(target.relative_to(out)))

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    # Every language's pages, manifest and code: the service worker's own list of them.
    with app.test_request_context(base_url=public_url):
        per_language = precache_lists()["languages"]
    for lang in LANGUAGES:
        for url in per_language[lang.code] + [f"/qr/{lang.code}.png"]:
            write(url, target_for(out, url))
    write("/poster", out / "poster" / "index.html")
    write("/sw.js", out / "sw.js")
    write("/en/", out / "index.html")  # a static host cannot negotiate: English, with the switcher
    write("/404", out / "404.html", status=404)
    shutil.copytree(app.static_folder, out / "static")
    (out / "_headers").write_text(headers_file(), encoding="utf-8")
    written += ["static/", "_headers"]
    return written


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
