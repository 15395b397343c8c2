"""The knowledge-check bank (``content/<lang>/knowledge-check.toml``): one question per item,
each tagged with the core concept it checks and the form it belongs to.

    [[item]]
    id = "within-borders-a"
    concept = "within-borders"     # a concept of concepts.toml marked core = true
    form = "a"                     # a: the check before the course; b: after; c: for re-checks
    question = "..."
    explanation = "..."            # shown after the end check, never before
    sources = ["cbsa-2009"]
    [[item.options]]               # 3 or 4 options, exactly one with correct = true
    text = "..."
    correct = true

Every core concept has one item in form a and one in form b, so the two checks ask about the
same ideas with different questions. Standard library only, like the rest of ``content``.
"""

from __future__ import annotations

from pathlib import Path

from .reader import FieldReader, read_items, read_toml
from .records import CheckItem, CheckOption, Concept, Source

FILE_NAME = "knowledge-check.toml"
FORMS = ("a", "b", "c")
BEFORE, AFTER = "a", "b"


def load_checks(
    path: Path, known: dict[str, Source], concepts: tuple[Concept, ...]
) -> tuple[CheckItem, ...]:
    """The bank, checked against the sources and the concept map. Raises ContentError."""
    name, data = read_toml(path)
    top = FieldReader(data, name, "knowledge check")
    core = {c.id for c in concepts if c.core}
    everything = {c.id for c in concepts}
    items: list[CheckItem] = []
    seen: dict[tuple[str, str], str] = {}
    for item_id, f in read_items(top.tables("item", 1, 300, "items"), name, "item", {}):
        concept = f.ident("concept")
        if concept not in everything:
            raise f.fail("concept", f'unknown concept "{concept}" (not in concepts.toml)')
        if concept not in core:
            raise f.fail(
                "concept", f'"{concept}" is not a core concept (core = true in concepts.toml)'
            )
        form = f.choice("form", FORMS)
        if (concept, form) in seen:
            raise f.fail(
                "form", f'form "{form}" already has an item for "{concept}" ({seen[concept, form]})'
            )
        seen[concept, form] = item_id
        options = []
        for index, table in enumerate(f.tables("options", 3, 4, "options"), 1):
            o = f.sub("options", index, table)
            options.append(CheckOption(text=o.text("text"), correct=o.boolean("correct", False)))
            o.finish()
        right = sum(o.correct for o in options)
        if right != 1:
            raise f.fail("options", f"needs exactly one option with correct = true, got {right}")
        items.append(
            CheckItem(
                id=item_id,
                concept=concept,
                form=form,
                question=f.text("question"),
                options=tuple(options),
                explanation=f.text("explanation"),
                sources=f.sources("sources", known),
            )
        )
        f.finish()
    top.finish()
    for concept in (c.id for c in concepts if c.core):
        for form in (BEFORE, AFTER):
            if (concept, form) not in seen:
                raise top.fail("item", f'core concept "{concept}" has no item in form "{form}"')
    order = {c.id: n for n, c in enumerate(concepts)}
    return tuple(sorted(items, key=lambda i: (order[i.concept], i.form)))


def form_items(bank: tuple[CheckItem, ...], form: str) -> tuple[CheckItem, ...]:
    """One form's items, in the order of the concept map."""
    return tuple(i for i in bank if i.form == form)


def core_concepts(bank: tuple[CheckItem, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i.concept for i in bank))
