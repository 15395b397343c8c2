"""Each file in tests/content/broken_content/ is broken in one way; its first line says how.

The first line reads ``# expect: <message>``. The file name says which loader reads it:
``sources-*`` the source list (``sources-fr-*`` as the French edition reads it),
``interface-*`` interface strings, ``help-*`` help lines,
``glossary-*`` the glossary, ``concepts-*`` the concept map, ``knowledge-*`` the knowledge-check
bank (against the real concept map), ``local-*`` a local services file, and ``NN-*`` a module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonkit.content import (
    ITEM_KINDS,
    ContentError,
    load_checks,
    load_concepts,
    load_glossary,
    load_help_lines,
    load_module,
    load_sources,
    load_ui,
    read_services,
)

from ..helpers import CONTENT

CORPUS = sorted((Path(__file__).parent / "broken_content").glob("*.toml"))


def expected_message(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: <message>'"
    return first.removeprefix("# expect: ")


def load(path: Path):
    known = load_sources(CONTENT / "sources.toml")
    kind = path.name.split("-", 1)[0]
    if kind == "sources":  # sources-fr-*: read as the French edition reads them
        return load_sources(path, "fr" if "-fr-" in path.name else "en")
    if kind == "interface":
        return load_ui(path)
    if kind == "help":
        return load_help_lines(path, known)
    if kind == "glossary":
        return load_glossary(path, known)
    if kind == "concepts":
        return load_concepts(path)
    if kind == "knowledge":
        return load_checks(path, known, load_concepts(CONTENT / "en" / "concepts.toml"))
    if kind == "local":
        return read_services(path)
    if kind == "facilitator":  # facilitator notes, checked against module 01
        from lessonkit.content import load_notes

        module = load_module(CONTENT / "en" / "01-what-is-trafficking.toml", known)
        return load_notes(path, known, {module.id: module})
    return load_module(path, known)


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 10


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_broken_file_gives_its_exact_message(path: Path):
    with pytest.raises(ContentError) as caught:
        load(path)
    assert str(caught.value) == expected_message(path)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_message_names_the_file(path: Path):
    assert expected_message(path).startswith(f"tests/content/broken_content/{path.name}: ")


def test_corpus_covers_every_kind_of_problem():
    messages = " | ".join(expected_message(p) for p in CORPUS)
    for problem in [
        "not valid TOML",
        "missing (required)",
        "must be a whole number, got text",
        "duplicate id",
        "unknown source id",
        "no option is marked correct",
        "unknown widget kind",
        "must not be empty",
        "needs 2 to 6 options, got 1",
        "unknown field",
        "no option gives",
        "placeholders must be among",
        "unknown category",
        "leads nowhere",
        "never leads to an ending",
        "the lists must be the same length",
        "needs 2 to 8 steps, got 1",
        "is not a core concept",
        "needs exactly one option with correct = true",
        "has no item in form",
        "is not a phone number",
        "unknown language",
        "is not an email address",
        "is in the future",
    ]:
        assert problem in messages, f"no broken-content file shows: {problem}"
    for kind in ITEM_KINDS:
        assert f'{kind} "' in messages, f"no broken-content file for widget kind {kind}"
