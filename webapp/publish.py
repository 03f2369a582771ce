"""`python -m webapp.publish DIR`: write the server's build into DIR for nginx, by hand.

gunicorn does the same at start-up when BUILD_DIR is set (gunicorn.conf.py), which keeps
the files nginx serves and the app's own answers from one and the same process. Run this
with the server's settings (environment or instance/config.py), after each deploy.
"""

from __future__ import annotations

from pathlib import Path

import click

from . import create_app
from .build import write_for_nginx


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
def main(out: Path) -> None:
    """Write the server's build into OUT for nginx (same settings as the server)."""
    written = write_for_nginx(create_app(), out)
    click.echo(f"Wrote {len(written)} files to {out}/site and nginx maps to {out}/nginx")


if __name__ == "__main__":
    main()
