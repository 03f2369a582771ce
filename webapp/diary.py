"""The private diary at `/<lang>/diary`, and the paper diary at `/<lang>/diary/print`.

The diary lives on the phone only (localStorage `bsg:diary`, see `static/js/diary.js`):
the server sends the same static page to everyone, with every text already translated,
and never receives an entry. The summary for the therapist shows its headings in the
patient's language and in the clinic's (`CLINIC_LANGUAGE`) side by side, so both label
sets are rendered here, like the check's doctor card. Without JavaScript the page links
the paper diary, a one-page table for 14 days to fill in by hand.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from .i18n import current_language
from .languages import BY_CODE

bp = Blueprint("diary", __name__)

#: How many days the paper diary has room for.
PAPER_DAYS = 14
#: A longer note is cut; the form says so by its `maxlength`.
NOTE_MAX = 500
#: Minutes walked in one entry, at most (a whole day).
WALK_MAX = 1440

PAIN_LOW = _l("0 = no pain")
PAIN_HIGH = _l("10 = worst pain you can imagine")
SAFETY_LINE = _l("A warning sign? Run the check.")
SUMMARY_TITLE = _l("Pain diary summary")

#: The rows of the summary for the therapist, in the order shown (and in the CSV's order
#: where a column matches). Keys are what `diary.js` fills in.
SUMMARY_ROWS = (
    ("period", _l("Period")),
    ("days", _l("Days with entries")),
    ("entries", _l("Entries")),
    # One number a row: "2 / 5 / 9" would read backwards in a right-to-left column.
    ("pain-low", _l("Lowest pain (0–10)")),
    ("pain-median", _l("Median pain (0–10)")),
    ("pain-high", _l("Highest pain (0–10)")),
    ("first-week", _l("Median pain, first week")),
    ("last-week", _l("Median pain, last week")),
    ("spasm-days", _l("Days with a spasm")),
    ("walked", _l("Minutes walked in total")),
    ("plan", _l("Plan items done (number of days)")),
)

#: The CSV's header row, in the clinic's language: the therapist opens the file.
CSV_COLUMNS = (
    ("time", _l("Time")),
    ("pain", _l("Pain (0–10)")),
    ("spasm", _l("Spasm")),
    ("walked", _l("Minutes walked")),
    ("done", _l("Plan items done")),
    ("note", _l("Note")),
)


def clinic_language():
    return BY_CODE.get(current_app.config["CLINIC_LANGUAGE"], BY_CODE["en"])


def labels_in(locale: str, pairs) -> dict[str, str]:
    with force_locale(locale):
        return {key: str(label) for key, label in pairs}


def page_texts(clinic) -> dict:
    """Every sentence the script shows, rendered here so it is translated like the page."""
    with force_locale(clinic.locale):
        clinic_yes_no = {"yes": str(_l("Yes")), "no": str(_l("No"))}
    return {
        "saved": str(_l("Saved.")),
        "changed": str(_l("Changes saved.")),
        "deleted": str(_l("Entry deleted.")),
        "deletedAll": str(_l("Everything is deleted from this phone.")),
        "storageFull": str(_l("Could not save: the phone's storage is full.")),
        "damaged": str(
            _l("Your diary on this phone could not be read. It is kept as it was, untouched.")
        ),
        "needPain": str(_l("Choose how bad your pain is now, from 0 to 10.")),
        "needSpasm": str(_l("Choose Yes or No for a spasm.")),
        "badWalk": str(_l("Minutes walked must be a whole number from 0 to 1440.")),
        "badTime": str(_l("Enter the date and time.")),
        "pain": str(_l("Pain %(pain)s")),
        "spasm": str(_l("Spasm")),
        "noSpasm": str(_l("No spasm")),
        "walked": str(_l("Walked %(minutes)s min")),
        "done": str(_l("Done:")),
        "edit": str(_l("Edit")),
        "delete": str(_l("Delete")),
        "confirmDelete": str(_l("Delete this entry?")),
        "yesDelete": str(_l("Yes, delete")),
        "keep": str(_l("Keep it")),
        "editEntry": str(_l("Edit entry from %(time)s")),
        "noEntries": str(_l("No entries yet.")),
        "yes": str(_l("Yes")),
        "no": str(_l("No")),
        "none": "—",
        "restored": str(_l("Restored: %(added)s entries added, %(same)s already on this phone.")),
        "badFile": str(
            _l(
                "This file is not a diary backup from this guide, or it is damaged. "
                "Nothing was changed."
            )
        ),
        "chartLabel": str(
            _l("Chart of the highest pain of each day, %(start)s to %(end)s. Spasm days marked.")
        ),
        "csvColumns": labels_in(clinic.locale, CSV_COLUMNS),
        "csvYesNo": clinic_yes_no,
    }


def context() -> dict:
    patient = current_language()
    clinic = clinic_language()
    rows = (("title", SUMMARY_TITLE), *SUMMARY_ROWS)
    columns = [(patient, labels_in(patient.locale, rows))]
    if clinic != patient:
        columns.append((clinic, labels_in(clinic.locale, rows)))
    return {
        "summary_rows": [key for key, _ in SUMMARY_ROWS],
        "summary_columns": columns,
        "texts": page_texts(clinic),
        "card_href": url_for("card.page", lang=patient.code),
        "pain_low": PAIN_LOW,
        "pain_high": PAIN_HIGH,
        "safety_line": SAFETY_LINE,
        "note_max": NOTE_MAX,
        "walk_max": WALK_MAX,
    }


@bp.get("/<lang:lang>/diary")
def page(lang: str):
    return render_template("diary.html", **context())


@bp.get("/<lang:lang>/diary/print")
def paper(lang: str):
    return render_template(
        "diary_print.html",
        days=range(1, PAPER_DAYS + 1),
        card_href=url_for("card.page", lang=lang),
        pain_low=PAIN_LOW,
        pain_high=PAIN_HIGH,
        safety_line=SAFETY_LINE,
    )
