"""Facilitator notes (loading, checks, answer keys) and the facilitator view, without a browser."""

from __future__ import annotations

import dataclasses
import re
from html import escape

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
from lessonkit.render.answer_key import answer_key_html, good_path
from lessonkit.widgets.facilitator import FACILITATOR_VIEW as STATE
from lessonkit.widgets.facilitator import panel, switch

from .conftest import CONTENT, PROJECT_ROOT, edit

GALLERY = CONTENT / "authoring" / "90-widget-gallery.toml"
NOTES = "en/facilitator/01-what-is-trafficking.toml"


@pytest.fixture(autouse=True)
def view_off():
    """Each test starts, and leaves, with the facilitator view off (its state is per kernel)."""
    STATE.on = False
    yield
    STATE.on = False


def esc(text: str) -> str:
    return escape(text, quote=True).replace("\n", "<br>")


def all_items(course):
    items = [(m, i) for m in course.modules for i in m.items]
    if GALLERY.exists():  # one example of every kind, so every kind's key is derived here
        known = load_sources(CONTENT / "sources.toml")
        gallery = load_module(GALLERY, known)
        items += [(gallery, i) for i in gallery.items]
    return items


# ---------------------------------------------------------------- the notes


def test_every_module_has_notes_and_every_note_a_module(course):
    notes = course_notes(course)
    assert sorted(notes) == sorted(m.id for m in course.modules)


def test_notes_are_complete_for_teaching(course):
    for module_id, notes in course_notes(course).items():
        module = course.module(module_id)
        assert notes.purpose and notes.introduce and notes.timing, module_id
        assert notes.care and notes.pause and notes.shorten, module_id
        assert notes.prompts and all(p.points for p in notes.prompts), module_id
        assert notes.misconceptions, f"{module_id}: name at least one common misconception"
        assert 1 <= notes.short_minutes <= module.minutes, module_id
        noted = {e.id for e in notes.exercises}
        assert noted <= {i.id for i in module.items}


def test_modules_needed_for_safety_and_help_are_required(course):
    notes = course_notes(course)
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


# ---------------------------------------------------------------- the answer key


def test_answer_key_gives_every_answer_with_its_reasoning(course):
    kinds = set()
    for _module, item in all_items(course):
        key = answer_key_html(course, item)
        kinds.add(item.kind)
        expected: list[str] = []
        if item.kind == "quiz":
            expected = [o.text for o in item.options if o.correct] + [item.explanation]
            expected += [o.feedback for o in item.options]
        elif item.kind == "myth_or_fact":
            expected = [course.ui.myth if item.answer == "myth" else course.ui.fact]
            expected += [item.explanation]
        elif item.kind == "scenario_sorter":
            for s in item.scenarios:
                expected += [s.text, item.category(s.answer).label, s.feedback]
        elif item.kind == "matching":
            for m in item.left:
                expected += [m.text, item.partner(m.match).text, m.feedback]
        elif item.kind == "definition_builder":
            for t in item.tests:
                expected += [t.name, t.yes, *(why for _, why in t.missing)]
        elif item.kind == "journey_map":
            expected = [a.action for s in item.stages for a in s.actors]
        elif item.kind == "spectrum":
            expected = [s.description for s in item.steps]
        elif item.kind == "branching":
            expected = [c.feedback for _, c in good_path(item) if c is not None]
            assert good_path(item)[-1][0].ending, f"{item.id}: the good path reaches an ending"
        elif item.kind == "reflection":
            expected = list(item.points)
        assert expected, f"no answer derived for {item.kind} {item.id}"
        for text in expected:
            assert esc(text) in key, f"{item.kind} {item.id}: {text!r} missing from its key"
    if GALLERY.exists():
        assert kinds >= {"quiz", "definition_builder"}


def test_answer_key_follows_the_content(content_copy):
    edit(
        content_copy / "en" / "01-what-is-trafficking.toml",
        'text = "Recruiting, moving or housing a person in order to exploit them"',
        'text = "Recruiting or housing a person <to exploit them>"',
    )
    course = load_course("en")
    key = answer_key_html(course, course.module("01").item("core-idea"))
    assert "Recruiting or housing a person &lt;to exploit them&gt;" in key
    assert "<to exploit" not in key


# ---------------------------------------------------------------- the facilitator view


def test_switch_is_labelled_from_content_and_off_by_default(course):
    toggle = switch(course)
    assert toggle.description == course.ui.facilitator_switch
    assert toggle.value is False
    assert repr(toggle) == f"[facilitator switch] {course.ui.facilitator_switch}"


def test_panel_is_hidden_until_the_switch_is_on_and_follows_it_live(course):
    toggle = switch(course)
    notes = panel(course, "01-what-is-trafficking", "core-idea")
    assert notes.layout.display == "none" and not notes.shown
    toggle.value = True
    assert notes.shown and notes.layout.display is None
    toggle.value = False
    assert notes.layout.display == "none"


def test_every_switch_shares_one_state_and_a_rerun_gives_a_fresh_linked_widget(course):
    first = switch(course)
    notes = panel(course, "01-what-is-trafficking", "protocol-vs-code")
    first.close()  # what a re-run does to the old widget
    second = switch(course)
    assert second is not first and second.value is False
    second.value = True
    assert notes.shown and STATE.on
    third = switch(course)
    assert third.value is True  # a new switch shows the current state
    first.value = False  # a closed switch no longer drives the view
    assert notes.shown


def test_a_panel_built_while_the_view_is_on_shows_at_once(course):
    switch(course).value = True
    assert panel(course, "01-what-is-trafficking", "core-idea").shown


def test_panel_holds_the_notes_and_the_answer_key(course):
    notes = course_notes(course)["01-what-is-trafficking"]
    module = course.module("01-what-is-trafficking")
    for item in module.items:
        shown = panel(course, module, item).value
        assert esc(course.ui.answer_key) in shown
        assert answer_key_html(course, item) in shown
        note = notes.exercise(item.id)
        if note is not None:
            assert esc(note.run) in shown
    opening = panel(course, module).value
    for text in [notes.purpose, notes.introduce, notes.care, notes.pause, notes.shorten]:
        assert esc(text) in opening
    for prompt in notes.prompts:
        assert esc(prompt.question) in opening
        assert all(esc(point) in opening for point in prompt.points)
    assert 'aria-label="' + esc(course.ui.facilitator_notes) + '"' in opening


def test_plain_text_of_a_panel_is_stable_and_changes_with_its_notes(content_copy):
    course = load_course("en")
    first = repr(panel(course, "01-what-is-trafficking", "core-idea"))
    assert first == repr(panel(course, "01-what-is-trafficking", "core-idea"))
    assert first.startswith("[facilitator notes] 01-what-is-trafficking/core-idea (content ")
    bundle = panel(course, "01-what-is-trafficking", "core-idea")._repr_mimebundle_()
    assert bundle["text/plain"] == first
    edit(content_copy / NOTES, 'run = "Read the question aloud', 'run = "Read it aloud')
    assert repr(panel(load_course("en"), "01-what-is-trafficking", "core-idea")) != first


def test_a_module_without_notes_still_gets_its_answer_keys(content_copy):
    (content_copy / NOTES).unlink()
    course = load_course("en")
    item = course.module("01").item("core-idea")
    assert answer_key_html(course, item) in panel(course, "01", item).value


def test_closing_a_panel_stops_it_following_the_switch(course):
    notes = panel(course, "01-what-is-trafficking", "core-idea")
    notes.close()
    STATE.on = True
    assert notes.layout.display == "none"


def test_content_root_can_move(content_copy, monkeypatch):
    assert notes_folder("en") == content_copy / "en" / "facilitator"
    monkeypatch.delenv(CONTENT_ENV)
    assert notes_folder("en") == CONTENT / "en" / "facilitator"


# ---------------------------------------------------------------- the facilitator guide

GUIDE = CONTENT / "facilitator" / "guide.md"


def test_guide_gives_the_help_lines_and_only_verified_numbers(course):
    from .conftest import NUMBER, VERIFIED_NUMBERS

    guide = GUIDE.read_text(encoding="utf-8")
    numbers = set(NUMBER.findall(guide))
    for line in course.help_lines:
        assert set(NUMBER.findall(line.contact)) <= numbers, f"{line.name} missing from the guide"
    assert numbers and numbers <= VERIFIED_NUMBERS


def test_guide_covers_preparation_disclosure_room_and_audience(course):
    text = GUIDE.read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert len(headings) >= 5
    guide = " ".join(text.split())
    for words in ["referral plan", "local resources", "without pressing for details", "911"]:
        assert words in guide, words
    assert course.ui.facilitator_switch in guide  # the guide names the switch as learners see it
    assert "python -m lessonkit plan --minutes" in guide
    assert "python -m lessonkit handouts --out" in guide


# ---------------------------------------------------------------- the README's teaching sections


def readme_section(title: str) -> str:
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def test_readme_voila_commands_name_real_notebooks():
    section = readme_section("Presenting with Voila")
    paths = re.findall(r"\.venv/bin/voila (\S+)", section)
    assert "notebooks/en" in paths and len(paths) == 2
    for path in paths:
        assert (PROJECT_ROOT / path).exists(), path


def test_readme_teaching_section_names_real_commands_and_paths():
    section = readme_section("Teaching a class")
    for path in ["content/facilitator/guide.md", "content/en/facilitator/", "requirements.txt"]:
        assert (PROJECT_ROOT / path).exists() and path in section
    assert "nbgitpuller" in section and "hub/user-redirect/git-pull?repo=" in section
    assert "python -m lessonkit plan --minutes" in section
    assert "python -m lessonkit handouts --out" in section
    assert load_course("en").ui.facilitator_switch in " ".join(section.split())


def test_every_exercise_has_a_note_on_how_to_run_it(course):
    notes = course_notes(course)
    missing = [
        f"{m.id}/{i.id}" for m in course.modules for i in m.items if not notes[m.id].exercise(i.id)
    ]
    assert missing == [], "add an [[exercise]] note for each (content/en/facilitator/)"


# ---------------------------------------------------------------- kernel purity

VIEW = """
import socket

class NoNetwork(socket.socket):
    def connect(self, *args):
        raise AssertionError(f"the facilitator view tried to connect to {args}")
    connect_ex = connect

socket.socket = NoNetwork
import sys
from lessonkit.widgets import facilitator
from lessonkit.content import load_course
course = load_course("en")
facilitator.switch(course)._repr_mimebundle_()
for module in course.modules:
    facilitator.panel(course, module)._repr_mimebundle_()
    for item in module.items:
        facilitator.panel(course, module, item)._repr_mimebundle_()
print("\\n".join(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_the_view_needs_only_ipywidgets_and_the_standard_library_and_no_network():
    from .test_kernel_purity import BASELINE, standard, top_level_modules

    allowed = top_level_modules(BASELINE) | standard() | {"lessonkit"}
    loaded = top_level_modules(VIEW)
    assert "lessonkit" in loaded and sorted(loaded - allowed) == []


def test_broken_notes_never_break_the_lesson(content_copy):
    edit(content_copy / NOTES, 'priority = "required"', 'priority = "must"')
    course = load_course("en")
    item = course.module("01").item("core-idea")
    shown = panel(course, "01-what-is-trafficking", item)
    assert "priority: &quot;must&quot; is not one of" in shown.value
    assert answer_key_html(course, item) in shown.value  # the answers still show
    assert repr(shown).startswith(
        "[facilitator notes] 01-what-is-trafficking/core-idea (content problem: "
    )
    assert "priority" in panel(course, "01-what-is-trafficking").value
