"""Checks across files: every concept and glossary term named exists, and ``check_all``.

``check_all`` reads every content file of every language, facilitator notes included, and
returns one message per problem instead of stopping at the first (``python -m lessonkit check``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .interface import load_ui
from .loader import (
    check_balance,
    check_references,
    content_root,
    gallery_file,
    load_concepts,
    load_glossary,
    load_help_lines,
    load_module,
    load_sources,
    module_files,
)
from .notes import check_notes
from .parity import parity_problems
from .reader import ContentError, display_path
from .records import Course, Module


def concept_map(course: Course) -> dict[str, tuple[list[str], list[str]]]:
    """Each concept id with the sections that teach it and the items that check it.

    Sections read ``module-id#section-id``; items read ``module-id#item-id``.
    """
    found: dict[str, tuple[list[str], list[str]]] = {c.id: ([], []) for c in course.concepts}
    for module in course.modules:
        for section in module.sections:
            for concept in section.concepts:
                found.setdefault(concept, ([], []))[0].append(f"{module.id}#{section.id}")
        for item in module.items:
            for concept in item.concepts:
                found.setdefault(concept, ([], []))[1].append(f"{module.id}#{item.id}")
    return found


def check_all(root: Path | None = None) -> list[str]:
    """Check every content file of every language; return one message per problem found."""
    root = Path(root or content_root())
    problems: list[str] = []
    try:
        known = load_sources(root / "sources.toml")
    except ContentError as err:
        return [str(err)]
    langs = sorted(
        p.name for p in root.iterdir() if p.is_dir() and re.fullmatch(r"[a-z]{2}", p.name)
    )
    if not langs:
        return [f"{display_path(root)}: no language folders (expected for example content/en/)"]
    for lang in langs:
        folder = root / lang
        if lang != "en":
            try:
                known = load_sources(root / "sources.toml", lang)
            except ContentError as err:
                problems.append(str(err))
                continue
        loaders = [
            (folder / "interface.toml", load_ui),
            (folder / "help.toml", lambda p, known=known: load_help_lines(p, known)),
            (folder / "glossary.toml", lambda p, known=known: load_glossary(p, known)),
            (folder / "concepts.toml", load_concepts),
        ]
        loaders += [
            (path, lambda p, known=known: load_module(p, known))
            for path in module_files(lang, root)
        ]
        numbers: dict[int, str] = {}
        loaded: dict[str, Any] = {}
        for path, loader in loaders:
            try:
                record = loader(path)
            except ContentError as err:
                problems.append(str(err))
                continue
            loaded[path.name] = record
            if isinstance(record, Module):
                if record.number in numbers:
                    problems.append(
                        f"{record.path}: module: number: {record.number} is also used by "
                        f"{numbers[record.number]}"
                    )
                numbers[record.number] = record.path
        gallery = gallery_file(lang, root)
        if gallery.exists():
            try:
                load_module(gallery, known)
            except ContentError as err:
                problems.append(str(err))
        if "glossary.toml" in loaded and "concepts.toml" in loaded:
            modules = tuple(r for r in loaded.values() if isinstance(r, Module))
            problems += check_references(modules, loaded["glossary.toml"], loaded["concepts.toml"])
            problems += check_balance(modules)
        problems += check_notes(folder, known, loaded.values())
    if not problems:  # the shapes can be compared once every edition loads
        for lang in langs:
            if lang != "en":
                problems += parity_problems(lang, root)
    return problems
