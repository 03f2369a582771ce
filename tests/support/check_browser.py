"""The warning-sign check in a browser, answered as a patient does: a radio per row, the
check-up ticks, Continue (used by the browser tests of the check, offline, export, a11y)."""

from __future__ import annotations

from webapp import triage

POSITIVE = ("yes", "not-sure")


def answer_screen(page, answers="no") -> None:
    """Answer the screen shown and press Continue. `answers`: one answer for every row, or
    a dict of the rows that differ from No; on the check-up screen, the signs it gives as
    Yes or Not sure are ticked (else "None of these")."""
    form = page.locator("#check-form")
    level = form.locator(".check-screen").get_attribute("data-level")
    screen = triage.SCREENS[triage.LEVEL_OF_SCREEN[level]]

    def given(key: str) -> str:
        return answers if isinstance(answers, str) else answers.get(key, "no")

    if screen.checklist:
        ticks = [key for key in screen.keys if given(key) in POSITIVE]
        for key in ticks:
            form.locator(f"#{key}-tick").check()
        if not ticks:
            form.locator("#checkup-none").check()
    else:
        for key in screen.keys:
            form.locator(f"#{key}-{given(key)}").check()
    form.locator("button[value=continue]").click()


def run_check(page, answers="no") -> str:
    """Answer screen after screen until an outcome; return the outcome shown."""
    outcome = page.locator("#check-form [data-outcome]")
    for _ in triage.SCREENS:
        if outcome.count():
            break
        answer_screen(page, answers)
    return outcome.get_attribute("data-outcome")
