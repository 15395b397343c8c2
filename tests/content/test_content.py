"""Checks on the real content and on how the notebooks use it."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import fields
from pathlib import Path

import pytest

from lessonkit.content import UIStrings, load_course
from lessonkit.content.check import check_all

from ..helpers import (
    CITATION,
    CONTENT,
    LANGS,
    NOTEBOOKS,
    NUMBER,
    PACKAGE,
    VERIFIED_NUMBERS,
    edit,
    module_notebook,
    string_constants,
)

CALL = re.compile(r"^from lessonkit import (\w+); \1\((.*)\)$")


def notebook(module):
    return module_notebook(module)


def cells(path: Path, kind: str):
    return [
        c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == kind
    ]


def source(cell) -> str:
    return "".join(cell["source"])


def test_all_content_is_valid():
    assert check_all() == []


def test_every_module_takes_10_to_40_minutes(edition):
    # Minutes are the honest reading and answering time (tests/docs/test_timing.py). Modules were
    # stated at 10 to 20 minutes until the timing was measured; the longest now take about 40,
    # and none may grow past that: split a module instead.
    for module in edition.modules:
        assert 10 <= module.minutes <= 40, module.id


def test_every_module_has_a_notebook_and_every_notebook_a_module(edition):
    modules = {m.id for m in edition.modules}
    books = {p.name for p in (NOTEBOOKS / edition.lang).glob("[0-9][0-9]-*.ipynb")}
    assert {module_notebook(m).name for m in edition.modules} == books
    assert len(modules) == len(books)


def test_notebook_shows_opening_every_item_once_and_closing(edition):
    for module in edition.modules:
        calls = []
        for cell in cells(notebook(module), "code"):
            match = CALL.match(source(cell))
            assert match, f"not a one-line lessonkit call: {source(cell)!r}"
            calls.append((match.group(1), match.group(2)))
        # Every call of another edition names it: the English ones use the default.
        lang = "" if edition.lang == "en" else f', lang="{edition.lang}"'
        assert calls[0] == ("opening", f'"{module.id}"{lang}')
        assert calls[-1] == ("closing", f'"{module.id}"{lang}')
        shown = [args for name, args in calls if name == "show"]
        expected = {f'"{module.id}", "{item.id}"{lang}' for item in module.items}
        assert sorted(shown) == sorted(expected), f"{module.id}: each item shown exactly once"


def test_notebook_title_is_the_module_title(edition):
    for module in edition.modules:
        first = source(cells(notebook(module), "markdown")[0])
        assert first.splitlines()[0] == f"# {module.title}"


def test_every_citation_in_the_prose_is_a_module_source(edition):
    for module in edition.modules:
        shorts = {edition.sources[s].short: s for s in module.sources}
        found = 0
        for cell in cells(notebook(module), "markdown"):
            for _, cited in CITATION.findall(source(cell)):
                for name in cited.split("; "):
                    found += 1
                    assert name in shorts, f"{module.id}: cites {name!r}, not in its sources list"
        assert found >= 5, f"{module.id}: the prose should cite its sources"


def test_only_verified_phone_numbers_appear():
    texts = [p.read_text(encoding="utf-8") for p in CONTENT.rglob("*.toml")]
    texts += [p.read_text(encoding="utf-8") for p in CONTENT.rglob("*.md")]
    texts += [
        "".join(c["source"]) for p in NOTEBOOKS.rglob("*.ipynb") for c in cells(p, "markdown")
    ]
    numbers = {n for text in texts for n in NUMBER.findall(text)}
    assert numbers, "the help lines should be found"
    assert numbers <= VERIFIED_NUMBERS, f"unverified numbers: {numbers - VERIFIED_NUMBERS}"


def test_every_interface_string_is_used_by_the_kit():
    code = "".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    unused = [f.name for f in fields(UIStrings) if f"ui.{f.name}" not in code]
    assert unused == []


def test_no_learner_facing_text_in_the_widget_code():
    # Widgets take their words from content; a sentence in their code would be hard-coded text.
    kernel_side = [
        *sorted((PACKAGE / "widgets").glob("*.py")),
        *sorted((PACKAGE / "render").glob("*.py")),
        PACKAGE / "cells.py",
    ]
    assert len(kernel_side) >= 20
    for name in kernel_side:
        sentences = [
            s
            for s in string_constants(name)
            if re.search(r"[A-Za-z]+ [a-z]+ [a-z]+", s) and "<" not in s
        ]
        assert sentences == [], f"{name}: {sentences}"


def test_records_are_immutable(edition):
    module = edition.modules[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        module.title = "changed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        next(i for m in edition.modules for i in m.items if i.kind == "quiz").options[
            0
        ].correct = False
    with pytest.raises(TypeError):
        edition.sources["new"] = edition.sources["cbsa-2009"]
    assert isinstance(module.items, tuple) and isinstance(module.key_points, tuple)


def test_each_start_notebook_links_to_the_other_editions_start(edition):
    start = module_notebook(edition.modules[0])
    prose = " ".join(source(c) for c in cells(start, "markdown"))
    targets = {
        (start.parent / link).resolve() for link in re.findall(r"\]\(([^)#]+\.ipynb)\)", prose)
    }
    for other in LANGS:
        if other != edition.lang:
            wanted = module_notebook(load_course(other).modules[0]).resolve()
            assert wanted in targets, f"{start.name} does not link to {wanted.name}"
            # the link's words are in the other language, and say so (WCAG 3.1.2)
            marked = re.findall(
                rf'<span lang="{other}">[^<]*(?:</span>)?\]\(\.\./{other}/[^)]+\)', prose
            )
            assert marked, f"{start.name}: the link to {wanted.name} is not marked lang={other}"


def test_a_source_cited_but_not_in_the_modules_list_is_reported(content_copy):
    """The closing lists a module's sources: a warm-up citing another module's must add it."""
    path = content_copy / "en" / "07-stopping-it-before-arrival.toml"
    edit(path, '"criminal-code", "unodc-faqs",', '"criminal-code",')
    problems = check_all(content_copy)
    assert any(
        'quiz "warmup-crossing": cites "unodc-faqs", which is not in the module\'s sources list'
        in p
        for p in problems
    ), problems[:5]
