"""The check's rules: every sign at its level, the combination rules, and the same rules on
the device (check.js run by Node on the same answer sets)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from webapp import content, triage

from .support.triage import (
    ALL_KEYS,
    CHECKUP,
    EMERGENCY,
    URGENT,
    answer_sets,
    complete,
    decide_complete,
    expected,
)

SETS = answer_sets()
CHECK_JS = Path(__file__).resolve().parent.parent / "static" / "js" / "check.js"


def test_every_sign_of_docs_design_is_asked_at_its_level():
    codes = {s.code: s.level for s in content.WARNING_SIGNS}
    emergency = ["E1a", "E1b", "E1c", "E2", "E3", "E4a", "E4b", "E5", "E6a", "E6b", "E7"]
    urgent = [f"U{i}" for i in range(1, 11)]
    assert all(codes[c] == "emergency" for c in emergency)
    assert all(codes[c] == "urgent" for c in urgent)
    assert all(codes[f"V{i}"] == "evaluate" for i in range(1, 6))
    asked = [key for screen in triage.SCREENS for key in screen.keys]
    assert sorted(asked) == sorted(s.key for s in content.WARNING_SIGNS)
    # The source's four signs stay inside the list (F12–F15), and F17 is a check-up sign.
    facts = {s.fact for s in content.WARNING_SIGNS}
    assert {"F12", "F13", "F14", "F15", "F17"} <= facts


def test_screens_are_most_urgent_first_and_only_the_last_is_a_checklist():
    assert [s.level for s in triage.SCREENS] == ["emergency", "urgent", "evaluate"]
    assert [s.checklist for s in triage.SCREENS] == [False, False, True]
    assert "2 weeks" in str(triage.SCREENS[0].question)  # the time anchor is in the question


@pytest.mark.parametrize("key", ALL_KEYS)
@pytest.mark.parametrize("answer", ["yes", "not-sure"])
def test_each_sign_alone_leads_to_its_level(key, answer):
    sign = content.BY_KEY[key]
    decision = decide_complete({key: answer})
    assert decision.outcome == sign.level
    assert [(s.key, a) for s, a in decision.signs] == [(key, answer)]
    if sign.level == "emergency":
        assert decision.action == sign.action


def test_no_sign_at_all_is_self_care():
    decision = decide_complete({})
    assert decision.outcome == "self-care" and decision.signs == ()


@pytest.mark.parametrize(
    ("answers", "rule"),
    [
        ({"cancer": "yes", "one-leg-weaker": "yes"}, "cancer-and-nerves"),
        ({"cancer": "not-sure", "lasting-emergency-sign": "yes"}, "cancer-and-nerves"),
        ({"fever": "yes", "one-leg-weaker": "not-sure"}, "fever-and-weak-leg"),
    ],
)
def test_each_combination_rule_escalates_to_the_emergency_department(answers, rule):
    decision = decide_complete(answers)
    assert decision.outcome == "emergency" and decision.action == "go"
    assert [r.key for r in decision.combinations] == [rule]
    assert {s.key for s, _ in decision.signs} == set(answers)


def test_near_misses_of_the_combination_rules_stay_urgent():
    for answers in ({"cancer": "yes", "fever": "yes"}, {"fever": "yes", "lump": "yes"}):
        assert decide_complete(answers).outcome == "urgent"


def test_fever_with_confusion_or_fast_breathing_is_a_call_now():
    decision = decide_complete({"fever": "yes", "sepsis": "yes"})
    assert decision.outcome == "emergency" and decision.action == "call"


def test_every_sign_answered_yes_on_the_stopping_screen_is_listed():
    decision = decide_complete({"pee-start": "yes", "saddle-numbness": "not-sure", "fever": "yes"})
    assert [(s.key, a) for s, a in decision.signs] == [
        ("pee-start", "yes"),
        ("saddle-numbness", "not-sure"),
    ]  # the urgent screen was never reached
    assert decision.not_sure and decision.cauda_equina


def test_call_and_go_together_show_both_actions():
    decision = decide_complete({"chest-pain": "yes", "both-legs": "yes"})
    assert decision.action == "call" and decision.call and decision.go


@pytest.mark.parametrize("index", range(len(SETS)))
def test_rules_match_the_plain_oracle(index):
    answers = SETS[index]
    decision = triage.decide(answers)
    outcome, action, signs = expected(answers)
    assert (decision.outcome, decision.action) == (outcome, action)
    assert {s.key for s, _ in decision.signs} == signs


def test_an_incomplete_screen_names_the_screen_to_ask():
    assert triage.decide({}).next_screen == 0
    first = {key: "no" for key in EMERGENCY}
    assert triage.decide(first).next_screen == 1
    assert triage.decide({**first, **{key: "no" for key in URGENT[:-1]}}).next_screen == 1
    assert triage.decide({**first, **{key: "no" for key in URGENT}}).next_screen == 2


def test_unknown_sign_or_answer_is_refused():
    with pytest.raises(ValueError):
        triage.decide({"pee-start": "maybe"})
    with pytest.raises(ValueError):
        triage.decide({"no-such-sign": "yes"})


def test_answers_are_in_the_designed_order():
    assert triage.ANSWERS == ("yes", "no", "not-sure")
    assert [str(label) for label in triage.ANSWER_LABELS.values()] == ["Yes", "No", "Not sure"]


def test_rules_for_the_device_are_the_same_rules():
    rules = triage.rules_for_the_device()
    assert [s["level"] for s in rules["screens"]] == ["emergency", "urgent", "evaluate"]
    assert [[sign["key"] for sign in s["signs"]] for s in rules["screens"]] == [
        EMERGENCY,
        URGENT,
        CHECKUP,
    ]
    assert [r["key"] for r in rules["combinations"]] == [r.key for r in triage.COMBINATIONS]
    assert rules["positive"] == ["yes", "not-sure"]


_NODE = """
import(process.argv[1]).then((m) => {
  const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const out = input.sets.map((answers) => {
    const d = m.decide(input.rules, answers);
    return [d.outcome, d.action, d.signs.map((p) => p[0]).sort(), d.combinations,
            input.whens.filter((w) => m.shows(d, w))];
  });
  process.stdout.write(JSON.stringify(out));
});
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_device_applies_the_same_rules_to_every_answer_set(tmp_path):
    # check.js's decide() and shows(), run by Node on the answer sets the Python rules are
    # held to: the same outcome, action, listed signs and shown lines for every one.
    module = tmp_path / "check.mjs"
    module.write_text(CHECK_JS.read_text())
    whens = ["call", "go", "not-sure", "cauda", "combo"]
    whens += [f"sign:{k}" for k in ALL_KEYS] + [f"notsure:{k}" for k in ALL_KEYS]
    whens += [f"combo:{r.key}" for r in triage.COMBINATIONS]
    payload = {"rules": triage.rules_for_the_device(), "sets": SETS, "whens": whens}
    result = subprocess.run(
        ["node", "-e", _NODE, module.as_uri()],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    device = json.loads(result.stdout)
    assert len(device) == len(SETS)
    for answers, (outcome, action, signs, combos, shown) in zip(SETS, device, strict=True):
        decision = triage.decide(answers)
        assert (outcome, action) == (decision.outcome, decision.action), answers
        assert signs == sorted(s.key for s, _ in decision.signs)
        assert combos == [r.key for r in decision.combinations]
        assert shown == [w for w in whens if triage.shows(decision, w)], answers


def test_complete_fills_every_sign():
    assert set(complete({})) == set(ALL_KEYS)
