"""The exercise library: what docs/design.md asks of each exercise, its safe early dose, and
pictures that are ours, small, accessible and allowed by the Content-Security-Policy."""

from __future__ import annotations

import gzip
import re

import pytest

from webapp import exercises
from webapp.exercises import LIBRARY, Dose

#: docs/design.md, "The exercise library": the safe early default of each exercise.
DEFAULTS = {
    "knee-to-chest": (Dose(reps=5, hold=10, times=2), True),
    "pelvic-tilt": (Dose(reps=10, times=2), False),
    "knee-rolls": (Dose(reps=5, times=2), True),
    "cat-camel": (Dose(reps=8, times=1), False),
    "press-up-on-elbows": (Dose(reps=8, hold=10, times=1), False),
    "bridge": (Dose(reps=8, hold=5, times=1), False),
    "hip-flexor-stretch": (Dose(reps=2, hold=20, times=1), True),
    "tummy-tightening": (Dose(reps=8, hold=10, times=2), False),
    "bird-dog": (Dose(reps=5, hold=5, times=1), True),
    "buttock-stretch": (Dose(reps=2, hold=20, times=1), True),
    "belly-breathing": (Dose(reps=5, times=3), False),
}


def test_eleven_exercises_each_with_steps_feel_caution_and_the_designs_dose(app):
    assert [e.key for e in LIBRARY] == list(DEFAULTS)
    assert [e.number for e in LIBRARY] == list(range(1, 12))  # append only: codes keep them
    with app.test_request_context():
        for exercise in LIBRARY:
            assert 2 <= len(exercise.steps) <= 4, exercise.key
            assert str(exercise.feel) and str(exercise.caution)
            assert (exercise.dose, exercise.sides) == DEFAULTS[exercise.key], exercise.key


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("knee-to-chest", ["osteoporosis", "broken bone in your spine", "3 months"]),
        ("press-up-on-elbows", ["therapist chose it", "spreads into your leg", "pregnancy"]),
        ("knee-rolls", ["new hip"]),
        ("cat-camel", ["wrists or knees"]),
        ("tummy-tightening", ["Never hold your breath"]),
        ("buttock-stretch", ["new hip", "tingles"]),
        ("belly-breathing", ["dizzy"]),
    ],
)
def test_each_caution_says_what_design_says_it_must(app, key, words):
    with app.test_request_context():
        caution = str(exercises.BY_KEY[key].caution)
    for word in words:
        assert word in caution


def test_the_dose_in_words(app):
    with app.test_request_context():
        bridge = exercises.BY_KEY["bridge"]
        assert exercises.dose_lines(bridge, Dose(reps=10, hold=5, sets=2, times=1)) == [
            "Each time, hold for 5 seconds.",
            "Do it 10 times.",
            "Rest. Then do 10 more.",
            "Do this 1 time a day.",
        ]
        knee = exercises.BY_KEY["knee-to-chest"]
        assert exercises.dose_lines(knee, Dose(reps=5, times=2))[0] == "Do it 5 times on each side."


def all_pictures(app) -> list[str]:
    with app.test_request_context():
        return [str(p) for exercise in LIBRARY for p in exercises.pictures(exercise)]


def test_pictures_are_inline_svg_with_alt_text_and_no_style(app):
    pictures = all_pictures(app)
    assert len(pictures) == 22 and len(set(pictures)) == 22  # start and end differ
    for svg in pictures:
        assert svg.startswith('<svg class="exercise-picture" viewBox="0 ')
        assert re.search(r'role="img" aria-label="[^"]{20,}"', svg)
        assert "style" not in svg and "<script" not in svg and "href" not in svg
        assert 'stroke="currentColor"' in svg  # dark mode on screen, black on paper
        assert " id=" not in svg  # a page holds many: no ids to collide


def test_all_pictures_together_fit_40_kb_compressed(app):
    """Budget of issue 25; measured 2.2 KB (17.7 KB raw) for all 22."""
    assert len(gzip.compress("".join(all_pictures(app)).encode(), 9)) <= 40 * 1024


def test_a_pair_is_cut_to_the_same_height_so_the_scale_matches(app):
    with app.test_request_context():
        for exercise in LIBRARY:
            start, end = (
                re.search(r'viewBox="([^"]+)"', str(p)).group(1)
                for p in exercises.pictures(exercise)
            )
            assert start == end, exercise.key
