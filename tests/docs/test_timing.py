"""Stated minutes are honest: each module's time matches its reading, and the facilitator's
timed segments add up to it."""

from __future__ import annotations

from lessonkit.content import course_notes
from lessonkit.tools.readability import WORDS_PER_MINUTE, reading_minutes

from ..helpers import NOTEBOOKS

PER_EXERCISE = 1.5  # at most this much more than reading it, per exercise, to answer it


def test_teaching_minutes_match_the_reading_time(course):
    wrong = []
    for module in course.modules:
        page, _ = reading_minutes(module, NOTEBOOKS / "en" / f"{module.id}.ipynb")
        if abs(module.teaching_minutes - page) > max(2, 0.2 * page):
            wrong.append(
                f"{module.id}: teaching_minutes = {module.teaching_minutes}, but its page reads "
                f"in {page:.1f} min at {WORDS_PER_MINUTE} words a minute"
            )
    assert wrong == []


def test_exercise_minutes_leave_time_to_read_and_answer(course):
    wrong = []
    for module in course.modules:
        _, items = reading_minutes(module, NOTEBOOKS / "en" / f"{module.id}.ipynb")
        most = items + PER_EXERCISE * len(module.items)
        if not round(items) <= module.exercise_minutes <= round(most + 0.5):
            wrong.append(
                f"{module.id}: exercise_minutes = {module.exercise_minutes}, but reading its "
                f"exercises takes {items:.1f} min (allow up to {most:.1f} with answering)"
            )
    assert wrong == []


def test_facilitator_segments_add_up_to_each_module(course):
    notes = course_notes(course)
    for module in course.modules:
        segments = notes[module.id].segments
        assert segments, f"{module.id}: its facilitator notes have no [[segment]] timing"
        assert sum(s.minutes for s in segments) == module.minutes, module.id
