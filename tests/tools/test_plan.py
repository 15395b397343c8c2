"""Session plans: the times add up for any length, required modules always fit, bad input is
one line."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest

from lessonkit.__main__ import main
from lessonkit.content import AUDIENCES, course_notes, load_course, session_settings
from lessonkit.tools.plan import (
    CLOSE_MINUTES,
    build_plan,
    format_plan,
    short_minutes,
    shortest_minutes,
)

from ..helpers import PROJECT_ROOT, edit

LENGTHS = [*range(1, 241), 300, 600, 1440]


@pytest.fixture(scope="module")
def setup(course):
    return course, course_notes(course), session_settings("en")


def plan_for(setup, minutes):
    course, notes, settings = setup
    return build_plan(course, notes, settings, minutes)


def test_times_add_up_for_every_length(setup):
    for minutes in LENGTHS:
        try:
            check_times_add_up(setup, minutes)
        except AssertionError as err:
            raise AssertionError(f"the {minutes}-minute plan: {err}") from err


def check_times_add_up(setup, minutes):
    course, notes, settings = setup
    plan = plan_for(setup, minutes)
    clock = 0
    for slot in plan.slots:  # one after the other, from 0:00, no gap and no overlap
        assert slot.start == clock and slot.minutes > 0
        clock = slot.end
    assert plan.used == clock == sum(s.minutes for s in plan.slots)
    assert plan.used + plan.spare == plan.minutes and plan.spare >= 0
    for slot in plan.slots:
        if slot.mode == "full":
            assert slot.minutes == slot.module.minutes
        elif slot.mode == "short":
            assert slot.minutes == short_minutes(slot.module, notes) < slot.module.minutes
        elif slot is plan.slots[-1]:  # every session ends with the retrieval close
            assert slot.mode == "close" and slot.minutes == CLOSE_MINUTES
        else:
            assert slot.mode == "break" and slot.minutes == settings.break_minutes
    shown = [s.module.id for s in plan.slots if s.module] + [m.id for m in plan.skipped]
    assert sorted(shown) == sorted(m.id for m in course.modules)  # each module once
    numbers = [s.module.number for s in plan.slots if s.module]
    assert numbers == sorted(numbers)  # in course order


def test_required_modules_are_never_skipped(setup):
    for minutes in LENGTHS:
        plan = plan_for(setup, minutes)
        kept = {s.module.id for s in plan.slots if s.module}
        assert {m.id for m in plan.required} <= kept, minutes
        assert not set(plan.required) & set(plan.skipped), minutes


def test_every_required_module_fits_the_longest_plan_in_full(setup):
    course, notes, _ = setup
    plan = plan_for(setup, 180)
    assert plan.fits and plan.minutes == 180
    full = {s.module.id for s in plan.slots if s.mode == "full"}
    assert plan.required, "the notes should name the modules every session needs"
    assert {m.id for m in plan.required} <= full
    total = sum(m.minutes for m in course.modules)
    if total <= 180 - session_settings("en").break_minutes:
        assert full == {m.id for m in course.modules}, "the whole course fits in 3 hours"


@pytest.mark.parametrize("minutes", [60, 90, 180])
def test_the_usual_lengths_fit(setup, minutes):
    plan = plan_for(setup, minutes)
    assert plan.fits and plan.used <= minutes


def test_long_sessions_get_one_break_and_short_ones_none(setup):
    settings = setup[2]
    long = plan_for(setup, max(settings.break_from, 120))
    assert [s.mode for s in long.slots].count("break") == 1
    assert long.slots[0].mode != "break" and long.slots[-1].mode != "break"
    short = plan_for(setup, settings.break_from - 1)
    assert "break" not in [s.mode for s in short.slots]


def teaching_minutes(plan) -> int:
    return sum(s.minutes for s in plan.slots if s.mode != "break")


def test_more_time_never_means_less_teaching(setup):
    # Compared among lengths without a break, then among lengths with one.
    start, settings = shortest_minutes(*setup[:2]), setup[2]
    for lengths in (range(start, settings.break_from), range(settings.break_from, 241)):
        teaching = [teaching_minutes(plan_for(setup, m)) for m in lengths]
        assert teaching == sorted(teaching)


def test_a_tight_plan_shortens_and_skips_and_says_so(setup):
    course, notes, _ = setup
    total = sum(m.minutes for m in course.modules)
    tight = plan_for(setup, (total + shortest_minutes(course, notes)) // 2)
    modes = [s.mode for s in tight.slots]
    assert "short" in modes or tight.skipped
    text = format_plan(course, tight, notes)
    for slot in tight.slots:
        if slot.mode == "short" and slot.module.id in notes:
            assert notes[slot.module.id].shorten in text
    for module in tight.skipped:
        assert course.ui.plan_skip.split("{")[0] in text and module.title in text


def test_too_short_says_so_and_proposes_the_shortest_workable_plan(setup):
    course, notes, _ = setup
    shortest = shortest_minutes(course, notes)
    assert shortest > 1
    plan = plan_for(setup, shortest - 1)
    assert not plan.fits and plan.minutes == shortest and plan.asked == shortest - 1
    assert plan.skipped == tuple(m for m in course.modules if m not in plan.required)
    text = format_plan(course, plan, notes)
    assert text.splitlines()[0] == course.ui.plan_too_short.format(
        minutes=shortest - 1, shortest=shortest
    )
    assert course.ui.plan_title.format(minutes=shortest) in text


def test_plan_command_prints_the_plan(capsys):
    assert main(["plan", "--minutes", "90"]) == 0
    out = capsys.readouterr().out
    course = load_course("en")
    assert out.startswith(course.ui.plan_title.format(minutes=90))
    assert course.ui.plan_total.split("{")[0] in out


def test_plan_command_exits_1_when_too_short(capsys):
    assert main(["plan", "--minutes", "1"]) == 1
    assert "A 1-minute session is too short" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--minutes", "abc"], "must be a whole number of minutes, for example 90 (got 'abc')"),
        (["--minutes", "1.5"], "must be a whole number of minutes"),
        (["--minutes", "0"], "must be from 1 to 1440 (got 0)"),
        (["--minutes", "-5"], "must be from 1 to 1440 (got -5)"),
        (["--minutes", "100000"], "must be from 1 to 1440 (got 100000)"),
        ([], "the following arguments are required: --minutes"),
        (["--minutes"], "expected one argument"),
        (["--minutes", "90", "extra"], "unrecognized arguments: extra"),
    ],
)
def test_a_bad_argument_is_one_line_and_exit_code_2(args, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["plan", *args])
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in captured.err
    assert captured.out == ""


def test_a_bad_argument_gives_no_traceback_from_the_real_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "lessonkit", "plan", "--minutes", "ninety"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_broken_content_is_reported_not_a_traceback(content_copy, capsys):
    edit(content_copy / "en" / "facilitator" / "session.toml", "break_minutes = ", "pause = ")
    assert main(["plan", "--minutes", "90"]) == 1
    assert "break_minutes: missing (required)" in capsys.readouterr().err


def test_a_module_without_notes_is_planned_as_optional(content_copy):
    course = load_course("en")
    victim = next(m for m in course.modules if m.number == max(x.number for x in course.modules))
    note = content_copy / "en" / "facilitator" / f"{victim.id}.toml"
    if note.exists():
        note.unlink()
    notes = course_notes(course)
    assert victim.id not in notes
    assert short_minutes(victim, notes) == min(victim.minutes, max(1, victim.teaching_minutes))
    plan = build_plan(course, notes, session_settings("en"), shortest_minutes(course, notes))
    assert victim in plan.skipped


def test_plan_language_folder_must_exist(capsys):
    env = {**os.environ}
    assert "LESSONKIT_CONTENT" not in env or env["LESSONKIT_CONTENT"]
    assert main(["plan", "--minutes", "90", "--lang", "xx"]) == 1
    assert "no content folder for language 'xx'" in capsys.readouterr().err


def test_every_plan_ends_with_a_retrieval_close(setup):
    course, notes, settings = setup
    for minutes in (1, 30, 60, 90, 180):
        plan = plan_for(setup, minutes)
        assert plan.slots[-1].mode == "close" and plan.slots[-1].minutes == CLOSE_MINUTES
        assert [s.mode for s in plan.slots].count("close") == 1
        text = format_plan(course, plan, notes)
        assert text.count("Retrieval close") == 1, minutes


def test_an_audience_keeps_its_modules_when_time_is_short(setup):
    course, notes, settings = setup
    # Start from notes that name no audience, so one module alone is named below.
    notes = {k: dataclasses.replace(n, audiences=()) for k, n in notes.items()}
    for minutes in range(300, 30, -1):  # the longest session that leaves one module out
        plain = build_plan(course, notes, settings, minutes)
        if plain.skipped:
            break
    assert len(plain.skipped) == 1, minutes
    # The module skipped first without an audience is named for the police in its notes:
    # weighted for the police, it is kept (or shortened) and another module gives way.
    (first_out,) = plain.skipped
    named = {**notes, first_out.id: dataclasses.replace(notes[first_out.id], audiences=("police",))}
    aimed = build_plan(course, named, settings, minutes, "police")
    assert first_out not in aimed.skipped
    assert aimed.used <= minutes and set(aimed.required) == set(plain.required)
    other = build_plan(course, named, settings, minutes, "border")
    assert [s.module for s in other.slots] == [s.module for s in plain.slots]
    text = format_plan(course, aimed, named)
    assert course.ui.plan_audience.format(audience=course.ui.audience_police) in text
    for audience in AUDIENCES:
        assert main(["plan", "--minutes", "60", "--audience", audience]) == 0


def test_an_unknown_audience_is_one_line_and_exit_code_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["plan", "--minutes", "60", "--audience", "teachers"])
    assert exit_.value.code == 2
    assert "invalid choice: 'teachers'" in capsys.readouterr().err


def test_the_notes_name_modules_for_every_audience(setup):
    _, notes, _ = setup
    named = {a for n in notes.values() for a in n.audiences}
    assert named == set(AUDIENCES)
