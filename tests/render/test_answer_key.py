"""The answer key: every answer with its reasoning, derived from the exercise records."""

from __future__ import annotations

from lessonkit.content import (
    load_course,
    load_module,
    load_sources,
)
from lessonkit.render.answer_key import answer_key_html, good_path

from ..helpers import CONTENT, edit, esc

GALLERY = CONTENT / "authoring" / "en" / "90-widget-gallery.toml"


def all_items(course):
    items = [(m, i) for m in course.modules for i in m.items]
    if GALLERY.exists():  # one example of every kind, so every kind's key is derived here
        known = load_sources(CONTENT / "sources.toml")
        gallery = load_module(GALLERY, known)
        items += [(gallery, i) for i in gallery.items]
    return items


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


def test_the_answer_key_gives_each_matching_hint(course):
    rows = [(m, i, row) for m, i in all_items(course) if i.kind == "matching" for row in i.left]
    hinted = [(i, row) for _, i, row in rows if row.hint]
    assert hinted, "the gallery's matching example has a hint"
    for item, row in hinted:
        assert esc(row.hint) in answer_key_html(course, item)
