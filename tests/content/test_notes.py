"""Facilitator notes: loading them with the content reader, and what `check` reports."""

from __future__ import annotations

import dataclasses

import pytest

from lessonkit.__main__ import main
from lessonkit.content import (
    CONTENT_ENV,
    ContentError,
    course_notes,
    load_course,
    load_module,
    load_notes,
    load_sources,
    notes_folder,
)

from ..helpers import CONTENT, edit

NOTES = "en/facilitator/01-what-is-trafficking.toml"


def test_every_module_has_notes_and_every_note_a_module(edition):
    notes = course_notes(edition)
    assert sorted(notes) == sorted(m.id for m in edition.modules)


def test_notes_are_complete_for_teaching(edition):
    for module_id, notes in course_notes(edition).items():
        module = edition.module(module_id)
        assert notes.purpose and notes.introduce and notes.timing, module_id
        assert notes.care and notes.pause and notes.shorten, module_id
        assert notes.prompts and all(p.points for p in notes.prompts), module_id
        assert notes.misconceptions, f"{module_id}: name at least one common misconception"
        assert 1 <= notes.short_minutes <= module.minutes, module_id
        noted = {e.id for e in notes.exercises}
        assert noted <= {i.id for i in module.items}


def test_modules_needed_for_safety_and_help_are_required(edition):
    notes = course_notes(edition)
    required = {m for m, n in notes.items() if n.required}
    # the start (content note, how to pause), the definition, and how to respond and get help
    for module_id in ("00-start-here", "01-what-is-trafficking", "08-recognize-and-respond"):
        if module_id in notes:
            assert module_id in required


def test_check_reports_an_exercise_the_module_does_not_have(content_copy, capsys):
    edit(content_copy / NOTES, 'id = "core-idea"', 'id = "core-ideas"')
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    module = load_course("en").module("01-what-is-trafficking")
    items = ", ".join(i.id for i in module.items)
    path = content_copy / NOTES
    assert (
        f'{path}: exercise "core-ideas": id: no exercise "core-ideas" in '
        f"01-what-is-trafficking (its items: {items})" in err
    )


def test_check_reports_a_shortest_version_longer_than_the_module(content_copy, capsys):
    module = load_course("en").module("01-what-is-trafficking")
    text = (content_copy / NOTES).read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("short_minutes = "))
    edit(content_copy / NOTES, old, "short_minutes = 60")
    assert main(["check"]) == 1
    assert (
        f"{content_copy / NOTES}: notes: short_minutes: 60 is longer than the whole module "
        f"({module.minutes} minutes)" in capsys.readouterr().err
    )


def test_check_reports_notes_whose_file_name_is_not_their_module(content_copy, capsys):
    source = content_copy / NOTES
    twin = content_copy / "en" / "facilitator" / "02-not-this-module.toml"
    twin.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check"]) == 1
    assert (
        f'{twin}: notes: module: "01-what-is-trafficking" must match the file name '
        '"02-not-this-module"' in capsys.readouterr().err
    )


def test_check_reports_a_broken_session_file(content_copy, capsys):
    edit(content_copy / "en" / "facilitator" / "session.toml", "break_minutes = ", "break = ")
    assert main(["check"]) == 1
    assert "session.toml: session: break_minutes: missing (required)" in capsys.readouterr().err


def test_notes_reload_when_their_file_changes(content_copy):
    course = load_course("en")
    before = course_notes(course)["01-what-is-trafficking"].purpose
    edit(content_copy / NOTES, 'purpose = "', 'purpose = "Changed. ')
    after = course_notes(course)["01-what-is-trafficking"].purpose
    assert after == "Changed. " + before


def test_broken_notes_raise_one_clear_error(content_copy):
    edit(content_copy / NOTES, 'priority = "required"', 'priority = "must"')
    with pytest.raises(ContentError) as caught:
        course_notes(load_course("en"))
    assert str(caught.value).endswith(
        'notes: priority: "must" is not one of "required", "high", "normal"'
    )


def test_notes_load_with_the_content_reader(tmp_path):
    known = load_sources(CONTENT / "sources.toml")
    module = load_module(CONTENT / "en" / "01-what-is-trafficking.toml", known)
    notes = load_notes(CONTENT / NOTES, known, {module.id: module})
    assert notes.module == module.id and notes.path.endswith(NOTES)
    with pytest.raises(dataclasses.FrozenInstanceError):
        notes.priority = "normal"


def test_content_root_can_move(content_copy, monkeypatch):
    assert notes_folder("en") == content_copy / "en" / "facilitator"
    monkeypatch.delenv(CONTENT_ENV)
    assert notes_folder("en") == CONTENT / "en" / "facilitator"


def test_every_exercise_has_a_note_on_how_to_run_it(edition):
    notes = course_notes(edition)
    missing = [
        f"{m.id}/{i.id}" for m in edition.modules for i in m.items if not notes[m.id].exercise(i.id)
    ]
    assert missing == [], "add an [[exercise]] note for each (content/en/facilitator/)"
