"""The facilitator view: one shared switch, panels that follow it, and nothing beyond the kernel."""

from __future__ import annotations

import gc
import weakref

import pytest

from lessonkit.content import (
    course_notes,
    load_course,
)
from lessonkit.render.answer_key import answer_key_html
from lessonkit.widgets.facilitator import FACILITATOR_VIEW as STATE
from lessonkit.widgets.facilitator import panel, switch

from ..helpers import BASELINE, NO_NETWORK, edit, esc, standard, top_level_modules

NOTES = "en/facilitator/01-what-is-trafficking.toml"


@pytest.fixture(autouse=True)
def view_off():
    """Each test starts, and leaves, with the facilitator view off (its state is per kernel)."""
    STATE.on = False
    yield
    STATE.on = False


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
    name = course.ui.facilitator_notes_for.format(title=module.title)
    assert 'aria-label="' + esc(name) + '"' in opening


def test_every_panel_of_a_module_is_a_landmark_with_a_name_of_its_own(course):
    import re

    module = course.module("01-what-is-trafficking")
    shown = [panel(course, module).value] + [panel(course, module, i).value for i in module.items]
    landmark = r'<section class="lessonkit-facilitator" aria-label="([^"]*)"'
    names = [re.search(landmark, value)[1] for value in shown]
    assert len(set(names)) == len(names) == len(module.items) + 1, names


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


def test_panels_share_one_layout_that_follows_the_switch_and_a_closed_one_is_not_kept(course):
    """One change shows every panel (they share one layout), and nothing holds a closed panel."""
    notes = panel(course, "01-what-is-trafficking", "core-idea")
    others = panel(course, "01-what-is-trafficking")
    assert notes.layout is others.layout and not notes.shown
    STATE.on = True
    assert notes.shown and others.shown
    kept = weakref.ref(notes)
    notes.close()
    del notes
    gc.collect()
    assert kept() is None
    STATE.on = False
    assert not others.shown
    others.layout.close()  # closed (say by Widget.close_all()): the next panel gets a new one
    fresh = panel(course, "01-what-is-trafficking")
    assert fresh.layout is not others.layout and fresh.layout.comm is not None
    assert not fresh.shown


VIEW = (
    NO_NETWORK
    + """
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
)


def test_the_view_needs_only_ipywidgets_and_the_standard_library_and_no_network():
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
