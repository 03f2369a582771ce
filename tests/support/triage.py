"""The check's rules written out plainly (the oracle every way of running the check is
held to), the answer sets worth trying, and the walk that runs answer sets through the
on-device check in a page."""

from __future__ import annotations

import itertools
import random

from webapp import content, triage

POSITIVE = ("yes", "not-sure")
EMERGENCY = [s.key for s in content.WARNING_SIGNS if s.level == "emergency"]
URGENT = [s.key for s in content.WARNING_SIGNS if s.level == "urgent"]
CHECKUP = [s.key for s in content.WARNING_SIGNS if s.level == "evaluate"]
ALL_KEYS = EMERGENCY + URGENT + CHECKUP
CALL = {s.key for s in content.WARNING_SIGNS if s.action == "call"}


def expected(answers: dict[str, str]) -> tuple[str, str | None, set[str]]:
    """docs/design.md's rules, written out plainly: (outcome, action, signs listed)."""
    given = lambda keys: {k for k in keys if answers.get(k) in POSITIVE}  # noqa: E731
    emergency = given(EMERGENCY)
    if emergency:
        return "emergency", ("call" if emergency & CALL else "go"), emergency
    urgent = given(URGENT)
    legs = urgent & {"one-leg-weaker", "lasting-emergency-sign"}
    if ("cancer" in urgent and legs) or ("fever" in urgent and "one-leg-weaker" in urgent):
        return "emergency", "go", urgent
    if urgent:
        return "urgent", None, urgent
    checkup = given(CHECKUP)
    if checkup:
        return "evaluate", None, checkup
    return "self-care", None, set()


def complete(answers: dict[str, str]) -> dict[str, str]:
    """Every sign answered: the ones given, No for the rest."""
    return {key: answers.get(key, "no") for key in ALL_KEYS}


def answer_sets(sample: int = 400, seed: int = 24) -> list[dict[str, str]]:
    """Answer sets that exercise every rule: none; each sign alone as Yes and as Not sure;
    every pair of urgent signs (every combination rule and its near misses); every pair
    across levels; and a seeded random sample of whole answer sets."""
    sets = [{}]
    sets += [{key: answer} for key in ALL_KEYS for answer in POSITIVE]
    sets += [{a: "yes", b: "yes"} for a, b in itertools.combinations(URGENT, 2)]
    sets += [{a: "not-sure", b: "yes"} for a, b in itertools.combinations(URGENT, 2)]
    sets += [{a: "yes", b: "not-sure"} for a in EMERGENCY for b in URGENT + CHECKUP]
    rng = random.Random(seed)
    for _ in range(sample):
        odds = rng.choice([0.02, 0.1, 0.3])
        sets.append(
            {
                key: rng.choice(POSITIVE) if rng.random() < odds else "no"
                for key in ALL_KEYS
                if key not in CHECKUP or rng.random() < 0.5
            }
        )
    return [complete(s) for s in sets]


def decide_complete(answers: dict[str, str]) -> triage.Decision:
    return triage.decide(complete(answers))


# Runs answer sets through the real page: clicks the radios and buttons the patient would,
# and reads the outcome screen the page shows. One page, no reload.
_RUN_ALL = """
(sets) => {
  const form = document.getElementById("check-form");
  const click = (selector) => form.querySelector(selector).click();
  const results = [];
  for (const answers of sets) {
    if (form.querySelector('button[value="restart"]')) click('button[value="restart"]');
    for (let step = 0; step < 3; step++) {
      const screen = form.querySelector(".check-screen");
      if (screen.dataset.screen !== "question") break;
      const boxes = form.querySelectorAll('input[name="checkup"]');
      if (boxes.length) {
        let ticked = false;
        boxes.forEach((box) => {
          if (answers[box.value] === "yes" || answers[box.value] === "not-sure") {
            box.click();
            ticked = true;
          }
        });
        if (!ticked) click('input[data-exclusive]');
      } else {
        form.querySelectorAll("fieldset.sign-row").forEach((row) => {
          const key = row.dataset.key;
          row.querySelector(`input[value="${answers[key] || "no"}"]`).click();
        });
      }
      click('button[value="continue"]');
    }
    const screen = form.querySelector(".check-screen");
    const lines = ".card-column:first-child li[data-when^='sign:'], " +
      ".note-signs li[data-when^='sign:']";
    const listed = [...screen.querySelectorAll(lines)]
      .map((li) => li.dataset.when.slice(5));
    results.push([screen.dataset.outcome || null, screen.dataset.action || null,
                  [...new Set(listed)].sort(), document.activeElement.className]);
  }
  return results;
}
"""


def run_all(page, sets) -> list[tuple[dict, list]]:
    """Answer sets through the on-device check on `page` (already open at a check):
    (answers, [outcome, action, signs listed, class of the focused element]) for each."""
    results = page.evaluate(_RUN_ALL, sets)
    return list(zip(sets, results, strict=True))
