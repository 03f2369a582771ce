"""The check's rules, for every one of the 3^5 = 243 combinations of answers."""

from __future__ import annotations

import pytest

from webapp import triage

from .support.triage import ALL, KEYS, expected


def test_there_are_243_combinations():
    assert len(ALL) == 243 and len(set(ALL)) == 243


@pytest.mark.parametrize("combo", ALL, ids="-".join)
def test_rules_for_every_combination(combo):
    decision = triage.decide(dict(zip(KEYS, combo, strict=True)))
    outcome, index = expected(combo)
    assert decision.outcome == outcome
    assert decision.stopped_at is triage.QUESTIONS[index]
    assert decision.answer == combo[index]


def test_the_check_stops_at_the_first_warning_sign():
    # Only the answers up to the first warning sign matter: later ones are never asked.
    assert triage.decide({"bladder-bowel": "yes"}).outcome == "emergency"
    assert (
        triage.decide(
            {"bladder-bowel": "no", "groin-numbness": "no", "night-pain": "not-sure"}
        ).outcome
        == "urgent"
    )


def test_incomplete_answers_name_the_next_question():
    assert triage.decide({}).next_question == 0
    assert triage.decide({"bladder-bowel": "no"}).next_question == 1
    assert triage.decide({k: "no" for k in KEYS[:4]}).next_question == 4


def test_unknown_answer_is_refused():
    with pytest.raises(ValueError):
        triage.decide({"bladder-bowel": "maybe"})


def test_questions_and_answers_are_in_the_designed_order():
    assert KEYS == ["bladder-bowel", "groin-numbness", "night-pain", "weight-change", "recurring"]
    assert triage.ANSWERS == ("yes", "no", "not-sure")
    assert [str(label) for label in triage.ANSWER_LABELS.values()] == ["Yes", "No", "Not sure"]


def test_rules_for_the_device_are_the_same_table():
    rules = triage.rules_for_the_device()
    assert [q["key"] for q in rules["questions"]] == KEYS
    for question, exported in zip(triage.QUESTIONS, rules["questions"], strict=True):
        assert exported["stops"] == dict(question.stops)
