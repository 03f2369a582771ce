"""The no-JavaScript check as a browser without JavaScript fills it in (used by many tests)."""

from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
ROW = re.compile(r'<fieldset class="question sign-row[^"]*" data-key="([\w-]+)"')


def token_of(response) -> str | None:
    found = TOKEN.search(response.get_data(as_text=True))
    return found.group(1) if found else None


def hidden_fields(html: str) -> list[tuple[str, str]]:
    """The form's hidden fields in order (the check-up ticks may repeat a name)."""
    return re.findall(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"', html)


def screen_fields(html: str, answers, ticks=None) -> list[tuple[str, str]]:
    """The fields a patient sends for the screen on `html`. `answers`: a dict of sign key
    to answer (other rows: No), one answer for every row, or None (nothing answered). On
    the check-up screen the ticks: `ticks`, else the signs `answers` gives as Yes or Not
    sure (one answer: "yes" ticks them all), else "None of these"."""
    shown = html.split("<template", 1)[0]
    if 'data-key="checkup"' in shown:
        if ticks is None:
            boxes = [
                b for b in re.findall(r'name="checkup" value="([\w-]+)"', shown) if b != "none"
            ]
            if isinstance(answers, dict):
                ticks = [k for k in boxes if answers.get(k) in ("yes", "not-sure")]
            elif answers in ("yes", "not-sure"):
                ticks = boxes
            ticks = ticks or ["none"]
        return [("checkup", t) for t in ticks]
    rows = ROW.findall(shown)
    if answers is None:
        return []
    if isinstance(answers, str):
        return [(key, answers) for key in rows]
    return [(key, answers.get(key, "no")) for key in rows]


class Patient:
    """Fills in the no-JavaScript form the way a browser would: hidden fields and all."""

    def __init__(self, client, lang="en"):
        self.client = client
        self.url = f"/{lang}/check"
        self.page = client.get(self.url)

    def submit(self, answers=None, action="continue", ticks=None, **headers):
        """Send the screen shown. `answers`: a dict of sign key to answer (other rows: No),
        or one answer for every row ("no", "yes", "not-sure"), or None (nothing answered).
        On the check-up screen `ticks` are the signs ticked (default: "None of these";
        [] sends no tick)."""
        data = MultiDict(hidden_fields(self.html))
        data["action"] = action
        if action == "continue":
            for key, value in self.fill(answers, ticks):
                data.add(key, value)
        self.page = self.client.post(self.url, data=data, headers=headers, follow_redirects=True)
        return self.page

    def fill(self, answers, ticks) -> list[tuple[str, str]]:
        return screen_fields(self.html, answers, ticks)

    def run(self, answers=None, ticks=None):
        """Answer screen after screen (`answers` across all of them) until an outcome."""
        for _ in range(3):
            if self.outcome:
                break
            self.submit(answers or {}, ticks=ticks)
        return self.page

    @property
    def html(self) -> str:
        return self.page.get_data(as_text=True)

    @property
    def rows(self) -> list[str]:
        return ROW.findall(self.html.split("<template", 1)[0])

    @property
    def on_checklist(self) -> bool:
        return 'data-key="checkup"' in self.html.split("<template", 1)[0]

    @property
    def screen(self) -> int | None:
        found = re.search(r'data-screen="question" data-index="(\d)"', self.html)
        return int(found.group(1)) if found else None

    @property
    def outcome(self) -> str | None:
        found = re.search(
            r'<div class="check-screen[^"]*" data-screen="outcome" data-outcome="([\w-]+)"',
            self.html.split("<template", 1)[0],
        )
        return found.group(1) if found else None

    @property
    def note_signs(self) -> set[str]:
        """The signs the outcome lists as answered Yes or Not sure."""
        return set(
            re.findall(r'<li data-when="sign:([\w-]+)">', self.html.split("<template", 1)[0])
        )
