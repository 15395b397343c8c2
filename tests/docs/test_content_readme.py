"""The examples in content/README.md are real content: each one loads without a problem."""

from __future__ import annotations

import re

import pytest

from lessonkit.content import ITEM_KINDS, load_module, load_sources

from ..helpers import CONTENT

README = CONTENT / "README.md"
SCORED_KINDS = {"quiz", "myth_or_fact", "scenario_sorter", "matching", "branching"}
HEADER = """[module]
id = "01-example"
number = 1
title = "Example"
teaching_minutes = 5
exercise_minutes = 5
questions = ["Q?"]
content_note = "Note."
sources = ["cbsa-2009"]

[[module.objectives]]
text = "O."
checked_by = ["{checked}"]

[[module.key_points]]
text = "Point."
sources = ["cbsa-2009"]

"""
# An objective must name a scored item: kinds that are not scored are shown beside this one.
SCORED = """
[[quiz]]
id = "scored"
level = "remember"
question = "Q?"
explanation = "E."
sources = ["cbsa-2009"]

[[quiz.options]]
text = "A"
correct = true
feedback = "F."

[[quiz.options]]
text = "B"
feedback = "F."
"""


def examples() -> dict[str, str]:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    found = {}
    for block in blocks:
        kind = re.match(r"\[\[(\w+)\]\]", block.strip())
        if kind and kind.group(1) in ITEM_KINDS:
            found[kind.group(1)] = block
    return found


def test_readme_has_an_example_of_every_kind():
    assert sorted(examples()) == sorted(ITEM_KINDS)


@pytest.mark.parametrize("kind", sorted(ITEM_KINDS))
def test_readme_example_loads(kind, tmp_path):
    path = tmp_path / "01-example.toml"
    example = examples()[kind]
    item_id = re.search(r'^id = "([a-z0-9-]+)"', example, re.M).group(1)
    scored = kind in SCORED_KINDS
    header = HEADER.replace("{checked}", item_id if scored else "scored")
    path.write_text(header + example + ("" if scored else SCORED), encoding="utf-8")
    module = load_module(path, load_sources(CONTENT / "sources.toml"))
    assert [item.kind for item in module.items] == [kind] + ([] if scored else ["quiz"])
