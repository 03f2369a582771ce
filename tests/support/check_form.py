"""The no-JavaScript check as a browser without JavaScript fills it in (used by many tests)."""

from __future__ import annotations

import re

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def token_of(response) -> str | None:
    found = TOKEN.search(response.get_data(as_text=True))
    return found.group(1) if found else None


def hidden_fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"', html))


class Patient:
    """Fills in the no-JavaScript form the way a browser would: hidden fields and all."""

    def __init__(self, client, lang="en"):
        self.client = client
        self.url = f"/{lang}/check"
        self.page = client.get(self.url)

    def submit(self, answer=None, action="continue", **headers):
        fields = hidden_fields(self.page.get_data(as_text=True))
        data = {**fields, "action": action}
        if answer is not None:
            key = re.search(r'data-key="([\w-]+)"', self.page.get_data(as_text=True)).group(1)
            data[key] = answer
        self.page = self.client.post(self.url, data=data, headers=headers, follow_redirects=True)
        return self.page

    @property
    def html(self) -> str:
        return self.page.get_data(as_text=True)

    @property
    def outcome(self) -> str | None:
        found = re.search(
            r'<div class="check-screen[^"]*" data-screen="outcome" data-outcome="([\w-]+)"',
            self.html,
        )
        return found.group(1) if found else None
