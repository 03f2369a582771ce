"""The check's rules written out plainly (the oracle every way of running the check is held
to), and the walk that runs all 243 combinations through the on-device check in a page."""

from __future__ import annotations

import itertools

from webapp import triage

KEYS = [q.key for q in triage.QUESTIONS]
#: Every combination of answers, 3^5 = 243 of them.
ALL = list(itertools.product(triage.ANSWERS, repeat=len(KEYS)))


def expected(combo: tuple[str, ...]) -> tuple[str, int]:
    """docs/design.md's rules, written out plainly: (outcome, index of the deciding question)."""
    positive = ("yes", "not-sure")
    for i in (0, 1):
        if combo[i] in positive:
            return "emergency", i
    for i in (2, 3):
        if combo[i] in positive:
            return "urgent", i
    return ("evaluate" if combo[4] == "yes" else "self-care"), 4


# Runs every combination through the real page: clicks the radios and buttons the patient
# would, and reads the outcome screen the page shows. One page, no reload.
_RUN_ALL = """
(combos) => {
  const form = document.getElementById("check-form");
  const click = (selector) => form.querySelector(selector).click();
  const results = [];
  for (const combo of combos) {
    if (form.querySelector('button[value="restart"]')) click('button[value="restart"]');
    for (const answer of combo) {
      const screen = form.querySelector(".check-screen");
      if (screen.dataset.screen !== "question") break;
      click(`input[value="${answer}"]`);
      click('button[value="continue"]');
    }
    const screen = form.querySelector(".check-screen");
    results.push([screen.dataset.outcome || null, screen.dataset.sign || null,
                  screen.dataset.answer || null, document.activeElement.className]);
  }
  return results;
}
"""


def run_all(page) -> list[tuple[tuple[str, ...], list]]:
    """Every combination through the on-device check on `page` (already open at a check):
    (combination, [outcome, sign, answer, class of the focused element]) for each."""
    results = page.evaluate(_RUN_ALL, [list(combo) for combo in ALL])
    return list(zip(ALL, results, strict=True))
