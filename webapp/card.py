"""The keep-this card at `/<lang>/card`: the two signs that cannot wait, kept by the patient.

A patient closes the check and forgets it; a screenshot or a card in the wallet stays. So
the page fits one phone screen (a screenshot keeps all of it) and prints as a wallet card
(85×55 mm, front and back side by side, to cut out and fold). It is the same for everyone
in a language, so it is rendered once and saved for offline use with the guide.
"""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("card", __name__)


@bp.get("/<lang:lang>/card")
def page(lang: str):
    return render_template("card.html")
