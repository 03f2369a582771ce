"""`python -m webapp.translate …`: the translator's workflow, one command per step.

Runs pybabel in-process with argument lists (never a shell string), with the options this
project relies on written down once here instead of in each translator's memory. It is a
plain command, not a `flask` one, so it needs no app and no SECRET_KEY: set-up scripts
compile the catalogs before any configuration exists.
"""

from __future__ import annotations

import re
from contextlib import chdir
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
#: The catalog header recording a bilingual clinician's review (README: "Clinical review of
#: translations"). pybabel drops headers it does not know, so update and init keep it here.
REVIEW = re.compile(r'^"X-Clinical-Review:.*\\n"$', re.MULTILINE)
UNREVIEWED = '"X-Clinical-Review: none\\n"'
KEYWORDS = ("_", "gettext", "ngettext:1,2", "_l", "lazy_gettext", "lazy_ngettext:1,2")


@click.group()
def cli():
    """Extract, update and compile the gettext catalogs in translations/."""


def pybabel(*args: str) -> None:
    code = CommandLineInterface().run(["pybabel", *args])
    if code:
        raise click.ClickException(f"pybabel {args[0]} failed ({code})")


def extract(output: Path = POT) -> None:
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    with chdir(ROOT):  # so the catalog names files by their repository path
        pybabel(
            "extract",
            "-F",
            "babel.cfg",
            *keywords,
            "--add-comments=TRANSLATORS:",
            "--no-wrap",
            "--sort-by-file",
            "--project",
            "Back Spasm Guide",
            "--msgid-bugs-address",
            "see README.md",
            "-o",
            str(output),
            ".",
        )


@cli.command("extract")
def extract_command():
    """Collect every translatable string into translations/messages.pot."""
    extract()
    click.echo(f"Wrote {POT.relative_to(ROOT)}")


def catalogs() -> list[Path]:
    return sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def review_records() -> dict[Path, str]:
    """Each catalog's review header line, "none" where it has none yet."""
    records = {}
    for catalog in catalogs():
        found = REVIEW.search(catalog.read_text(encoding="utf-8"))
        records[catalog] = found.group(0) if found else UNREVIEWED
    return records


def keep_review_records(records: dict[Path, str]) -> None:
    """Put each review header back after the header's last line, where pybabel wrote it."""
    for catalog, line in records.items():
        text = catalog.read_text(encoding="utf-8")
        if REVIEW.search(text):
            continue
        header_end = re.search(r'^"Generated-By:.*\\n"$', text, re.MULTILINE).end()
        text = f"{text[:header_end]}\n{line}{text[header_end:]}"
        catalog.write_text(text, encoding="utf-8")


@cli.command("update")
def update_command():
    """Extract, then merge new strings into every language's messages.po."""
    extract()
    records = review_records()
    pybabel(
        "update",
        "-i",
        str(POT),
        "-d",
        str(TRANSLATIONS),
        "--no-wrap",
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )
    keep_review_records(records)
    click.echo("Updated every catalog; translate the entries with an empty msgstr.")


@cli.command("compile")
def compile_command():
    """Build the .mo files the app reads (run by scripts/run and scripts/test)."""
    pybabel("compile", "-d", str(TRANSLATIONS))


@cli.command("init")
@click.argument("locale")
def init_command(locale: str):
    """Start a catalog for a new language, e.g. `python -m webapp.translate init it`."""
    pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", locale, "--no-wrap")
    catalog = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    keep_review_records({catalog: UNREVIEWED})  # a new catalog is reviewed by nobody yet
    click.echo(f"Created translations/{locale}/LC_MESSAGES/messages.po")


if __name__ == "__main__":
    cli()
