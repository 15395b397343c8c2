"""The content's own answer keys (``content.grading``) judge an answer exactly as the widget
that shows it does: the certificate relies on them, not on the store's "right" flag."""

from __future__ import annotations

import pytest

from lessonkit.content import judge
from lessonkit.widgets import build_exercise

from ..progress.completing import right_answer, wrong_answer


def widget_says_right(exercise) -> bool:
    kind = exercise.item.kind
    if kind in ("quiz", "myth_or_fact"):
        return bool(exercise.correct)
    if kind in ("scenario_sorter", "matching"):
        return bool(exercise.results) and all(exercise.results.values())
    if kind == "branching":
        return exercise.good_run
    raise AssertionError(kind)


def test_each_scored_item_is_judged_as_its_widget_judges_it(edition):
    checked = 0
    for module in edition.modules:
        for item in module.items:
            if not item.graded:
                assert judge(item, None) is None
                continue
            for answer, expected in ((right_answer(item), True), (wrong_answer(item), False)):
                exercise = build_exercise(item, edition)
                exercise.restore(answer)
                assert widget_says_right(exercise) is expected, (item.id, answer)
                assert judge(item, answer) is expected, (item.id, answer)
                exercise.close()
                checked += 1
    assert checked >= 100


@pytest.mark.parametrize(
    "kind, answer",
    [
        ("quiz", "0"),
        ("quiz", [True]),
        ("quiz", None),
        ("myth_or_fact", ["myth"]),
        ("scenario_sorter", []),
        ("matching", "pairs"),
        ("branching", [["start", 0], "x"]),
        ("branching", []),
    ],
)
def test_an_answer_of_the_wrong_shape_is_never_right(course, kind, answer):
    item = next(i for m in course.modules for i in m.items if i.kind == kind)
    assert judge(item, answer) is False
