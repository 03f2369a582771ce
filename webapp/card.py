"""The keep-this card at `/<lang>/card`: the signs that cannot wait, kept by the patient.

A patient closes the check and forgets it; a screenshot or a card in the wallet stays. So
the page fits one phone screen (a screenshot keeps all of it) and prints as a wallet card
(85×55 mm, front and back side by side, to cut out and fold). It is the same for everyone
in a language, so it is rendered once and saved for offline use with the guide.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_babel import force_locale

from . import content
from .languages import BY_CODE

bp = Blueprint("card", __name__)


@bp.get("/<lang:lang>/card")
def page(lang: str):
    # The line for emergency staff is in the clinic's language, whatever the patient reads.
    staff_lang = BY_CODE[current_app.config["CLINIC_LANGUAGE"]]
    with force_locale(staff_lang.locale):
        staff_line = str(content.CARD_STAFF)
    return render_template("card.html", staff_lang=staff_lang, staff_line=staff_line)
