"""Proven coverage: every concept of the 2009 fact sheet is taught in a section and checked by an
exercise; every reference in the map points at something that exists; the glossary covers the
terms a module uses."""

from __future__ import annotations

import json
import re

import pytest

from lessonkit.__main__ import main
from lessonkit.content import ContentError, load_course
from lessonkit.content.check import concept_map

from ..helpers import edit, module_notebook


def headings(module) -> list[str]:
    path = module_notebook(module)
    found = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            found += [re.sub(r"^\d+\.\s*", "", h) for h in re.findall(r"^##\s+(.+)$", text, re.M)]
    return found


def test_at_least_twenty_concepts(edition):
    assert len(edition.concepts) >= 20


def test_every_concept_is_taught_and_checked(edition):
    gaps = {
        concept: ("taught" if not taught else "") + (" checked" if not checked else "")
        for concept, (taught, checked) in concept_map(edition).items()
        if not taught or not checked
    }
    assert gaps == {}, f"concepts missing a teaching section or a check: {gaps}"


def test_every_section_is_a_heading_of_its_notebook(edition):
    for module in edition.modules:
        shown = headings(module)
        for section in module.sections:
            assert section.title in shown, f"{module.id}: no heading for section {section.id!r}"


def test_every_module_but_the_start_teaches_in_sections(edition):
    for module in edition.modules:
        if module.number:
            assert module.sections, f"{module.id} names no sections"


def test_every_exercise_checks_a_concept(edition):
    for module in edition.modules:
        if not module.number:
            continue
        for item in module.items:
            if item.graded:
                assert item.concepts, f"{module.id}: {item.kind} {item.id!r} checks no concept"


def test_glossary_terms_in_the_prose_are_listed_by_the_module(edition):
    names = {t.id: [t.term, *t.also] for t in edition.glossary}
    for module in edition.modules:
        path = module_notebook(module)
        prose = " ".join(
            "".join(c["source"])
            for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "markdown"
        )
        used = {
            term_id
            for term_id, words in names.items()
            if any(re.search(rf"\b{re.escape(w)}\b", prose, re.I) for w in words if len(w) > 3)
        }
        missing = used - set(module.terms)
        assert not missing, f"{module.id}: uses glossary terms it does not list: {sorted(missing)}"


def test_an_unknown_concept_is_named_with_file_item_and_field(content_copy):
    path = content_copy / "en" / "01-what-is-trafficking.toml"
    edit(
        path,
        'concepts = ["acts", "purpose-of-exploitation", "within-borders"]',
        'concepts = ["nope"]',
    )
    with pytest.raises(ContentError) as caught:
        load_course()
    assert str(caught.value).endswith(
        '01-what-is-trafficking.toml: quiz "core-idea": concepts[1]: '
        'unknown concept "nope" (not in concepts.toml)'
    )


def test_an_unknown_glossary_term_is_named(content_copy):
    path = content_copy / "en" / "01-what-is-trafficking.toml"
    edit(path, '"trafficking-in-persons", "cbsa",', '"no-such-term", "cbsa",')
    with pytest.raises(ContentError) as caught:
        load_course()
    assert str(caught.value).endswith(
        'module: terms[1]: unknown term "no-such-term" (not in glossary.toml)'
    )


def test_concepts_command_prints_the_map(capsys, course):
    code = main(["concepts"])
    out = capsys.readouterr().out
    for concept in course.concepts:
        assert f"{concept.id}: {concept.summary}" in out
    gaps = sum(not t or not c for t, c in concept_map(course).values())
    assert code == (1 if gaps else 0)
