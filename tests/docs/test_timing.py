"""Stated minutes are honest: each module's time matches its reading, and the facilitator's
timed segments add up to it."""

from __future__ import annotations

from lessonkit.content import course_notes
from lessonkit.tools.readability import WORDS_PER_MINUTE, reading_minutes

from ..helpers import NOTEBOOKS

# Answering, beyond reading (the reading of every exercise is in teaching_minutes): at least
# about 20 seconds a decision, and no exercise takes more than 3 minutes in self-study.
FASTEST, SLOWEST = 1 / 3, 3


def test_teaching_minutes_match_the_reading_time(course):
    wrong = []
    for module in course.modules:
        page, exercises = reading_minutes(module, NOTEBOOKS / "en" / f"{module.id}.ipynb")
        words = page + exercises
        if abs(module.teaching_minutes - words) > max(2, 0.2 * words):
            wrong.append(
                f"{module.id}: teaching_minutes = {module.teaching_minutes}, but reading it all "
                f"(notebook, opening, exercises, closing) takes {words:.1f} min at "
                f"{WORDS_PER_MINUTE} words a minute"
            )
    assert wrong == []


def test_exercise_minutes_leave_time_to_answer(edition):
    wrong = []
    for module in edition.modules:
        count = len(module.items)
        if not round(FASTEST * count) <= module.exercise_minutes <= SLOWEST * count:
            wrong.append(
                f"{module.id}: exercise_minutes = {module.exercise_minutes} for {count} exercises "
                f"(expected {round(FASTEST * count)} to {SLOWEST * count})"
            )
    assert wrong == []


def test_facilitator_segments_add_up_to_each_module(edition):
    notes = course_notes(edition)
    for module in edition.modules:
        segments = notes[module.id].segments
        assert segments, f"{module.id}: its facilitator notes have no [[segment]] timing"
        assert sum(s.minutes for s in segments) == module.minutes, module.id
