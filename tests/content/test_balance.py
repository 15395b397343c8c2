"""The balance rules: a third of each module's scored items apply a rule or choose an action;
no single answer for more than two thirds of the myth-or-fact cards."""

from __future__ import annotations

import dataclasses

from lessonkit.content.loader import balance, check_balance

from ..helpers import edit


def with_levels(module, level):
    return dataclasses.replace(
        module, items=tuple(dataclasses.replace(i, level=level) for i in module.items)
    )


def test_a_module_of_recall_only_is_named(course):
    module = with_levels(course.module("02"), "remember")
    high, scored = balance((module,))[module.id]
    assert high == 0 and scored >= 3
    (problem,) = [p for p in check_balance((module,)) if module.path in p]
    assert f"only 0 of {scored} scored items" in problem
    assert check_balance((with_levels(module, "apply"),)) == []


def test_one_answer_for_most_myth_cards_is_named(course):
    cards = [i for m in course.modules for i in m.items if i.kind == "myth_or_fact"]
    assert len(cards) >= 3
    all_myth = tuple(
        dataclasses.replace(
            m,
            items=tuple(
                dataclasses.replace(i, answer="myth") if i.kind == "myth_or_fact" else i
                for i in m.items
            ),
        )
        for m in course.modules
    )
    problems = check_balance(all_myth)
    assert f'{len(cards)} of {len(cards)} cards are "myth"' in " ".join(problems)


def test_check_prints_the_share_per_module(capsys):
    from lessonkit.__main__ import main

    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "at least a third per module" in out
    assert "01-what-is-trafficking:" in out


def test_the_level_of_an_item_is_read_from_its_file(content_copy, course):
    path = content_copy / "en" / "01-what-is-trafficking.toml"
    item = course.module("01").item("core-idea")
    edit(path, f'id = "core-idea"\nlevel = "{item.level}"', 'id = "core-idea"\nlevel = "analyse"')
    from lessonkit.content import load_course

    assert load_course("en").module("01").item("core-idea").level == "analyse"
