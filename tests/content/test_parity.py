"""Parity: the French edition has the same exercises as the English, item for item.

The real editions must match (same modules, items, kinds, counts, answer keys, levels, source
ids); each planted difference in a copy of the French must be named, with its file and place.
"""

from __future__ import annotations

import pytest

from lessonkit.content import load_course
from lessonkit.content.parity import differences, parity_problems, skeleton

from ..helpers import edit


def test_the_french_edition_matches_the_english_item_for_item():
    assert parity_problems("fr") == []


def test_the_editions_have_the_same_items_answers_and_sources():
    """Said directly, beside the skeleton comparison: ids, kinds, answers and sources."""
    english, french = load_course("en"), load_course("fr")
    assert [m.id for m in english.modules] == [m.id for m in french.modules]
    for a, b in zip(english.modules, french.modules, strict=True):
        assert [(i.id, i.kind, i.level) for i in a.items] == [
            (i.id, i.kind, i.level) for i in b.items
        ]
        assert a.sources == b.sources
        assert [i.sources for i in a.items] == [i.sources for i in b.items]
        for x, y in zip(a.items, b.items, strict=True):
            assert x.headline != y.headline or not x.headline.strip(), f"{b.path}: {y.id}"


PLANTED = [
    # (old text in content/fr/00-start-here.toml, new text, what the report must say)
    ('answer = "fact"', 'answer = "myth"', "'myth', the English has 'fact'"),
    ('level = "apply"', 'level = "remember"', "'remember', the English has 'apply'"),
    (
        'sources = ["public-safety-signs", "hotline"]',
        'sources = ["hotline"]',
        "sources: 1 entries, the English has 2",
    ),
    (
        '[[quiz.options]]\ntext = "Attendre',
        None,  # None: the option is taken out, up to the blank line after it
        "options: 3 entries, the English has 4",
    ),
]


@pytest.mark.parametrize("old, new, said", PLANTED, ids=["answer", "level", "sources", "options"])
def test_each_planted_difference_is_named(content_copy, old, new, said):
    name = "00-start-here.toml"
    path = content_copy / "fr" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    if new is None:
        start = text.index(old)
        text = text[:start] + text[text.index("\n\n", start) + 2 :]
    else:
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    problems = parity_problems("fr", content_copy)
    assert any(said in p and f"content/fr/{name}" in p for p in problems), problems[:10]


def test_a_missing_module_and_a_changed_help_number_are_named(content_copy):
    (content_copy / "fr" / "09-review-and-reflect.toml").unlink()
    (content_copy / "fr" / "facilitator" / "09-review-and-reflect.toml").unlink()  # its notes
    edit(content_copy / "fr" / "help.toml", "1-833-900-1010", "1-833-900-1011")
    problems = parity_problems("fr", content_copy)
    assert "content/fr/09-review-and-reflect.toml: missing (the English has it)" in problems
    assert any("help.toml" in p and "numbers differ" in p for p in problems), problems


def test_a_definition_builders_missing_part_keeps_its_id():
    """The (element, why) pairs: the element ids are compared, the whys are free words."""
    course = load_course("en")
    item = next(i for m in course.modules for i in m.items if i.kind == "definition_builder")
    test = item.tests[0]
    renamed = [(f"{e}-x", why) for e, why in test.missing]
    reworded = [(e, why + " (autrement dit)") for e, why in test.missing]
    assert differences(skeleton(test.missing, "missing"), skeleton(renamed, "missing"))
    assert not differences(skeleton(test.missing, "missing"), skeleton(reworded, "missing"))
