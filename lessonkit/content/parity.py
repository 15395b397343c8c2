"""Two editions, one course: every other language has the same exercises as the English.

The French edition is a translation, so its records must have the same shape as the English
ones: the same modules, items and kinds, the same number of options, steps, categories and
pairs, the same answer keys, levels and source ids. Only the words differ. ``skeleton`` keeps
what must match and blanks every text; ``parity_problems`` names each place they differ.

A learner's saved answers are ids and option indexes, so when the skeletons match, an answer
given in one edition fits the same exercise in the other.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from .loader import gallery_file, load_course, load_module
from .notes import course_notes

#: Fields whose text is an id, an answer key or a choice the code reads: they must be equal.
SAME = {
    "id", "kind", "level", "answer", "match", "next", "tone", "start", "gives", "requires",
    "sources", "concepts", "terms", "checked_by", "see", "module", "priority", "audiences",
    "concept", "form",
}  # fmt: skip
#: Fields that may differ freely between editions (a file's path, search words).
FREE = {"path", "also", "root", "lang", "title_lang"}
TEXT = "…"


def skeleton(value: Any, name: str = "") -> Any:
    """``value`` with every translatable text replaced by ``TEXT``; all else kept."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: skeleton(getattr(value, f.name), f.name)
            for f in fields(value)
            if f.name not in FREE
        }
    if name == "missing":  # (element id, why it matters): the ids must match, the whys are words
        return [[element, TEXT] for element, _ in value]
    if isinstance(value, (tuple, list)):
        return [skeleton(v, name) for v in value]
    if isinstance(value, dict):
        return {k: skeleton(v, name) for k, v in value.items()}
    if isinstance(value, str):
        return value if name in SAME else TEXT
    return value


def differences(english: Any, other: Any, where: str = "") -> list[str]:
    """Where two skeletons differ, as ``where: what`` lines (the first difference per branch)."""
    if isinstance(english, dict) and isinstance(other, dict):
        found = []
        for key in english.keys() | other.keys():
            if key not in english or key not in other:
                found.append(
                    f"{where}{key}: only in {'English' if key in english else 'this edition'}"
                )
                continue
            found += differences(english[key], other[key], f"{where}{key}.")
        return sorted(found)
    if isinstance(english, list) and isinstance(other, list):
        if len(english) != len(other):
            return [f"{where.rstrip('.')}: {len(other)} entries, the English has {len(english)}"]
        found = []
        for index, (a, b) in enumerate(zip(english, other, strict=True), 1):
            found += differences(a, b, f"{where.rstrip('.')}[{index}].")
        return found
    if english != other:
        return [f"{where.rstrip('.')}: {other!r}, the English has {english!r}"]
    return []


def _by_id(records) -> dict[str, Any]:
    return {r.id: r for r in records}


def _compare(label: str, english, other) -> list[str]:
    return [f"{label}: {line}" for line in differences(skeleton(english), skeleton(other))]


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def parity_problems(lang: str, root: Path | None = None) -> list[str]:
    """Every way the ``lang`` edition's records differ in shape from the English ones."""
    english, other = load_course("en", root), load_course(lang, root)
    problems: list[str] = []
    mine = _by_id(other.modules)
    for module in english.modules:
        if module.id not in mine:
            problems.append(f"content/{lang}/{module.id}.toml: missing (the English has it)")
            continue
        translated = mine[module.id]
        items = _by_id(translated.items)
        for item in module.items:
            if item.id not in items:
                problems.append(f'{translated.path}: {item.kind} "{item.id}": missing')
                continue
            problems += _compare(
                f'{translated.path}: {item.kind} "{item.id}"', item, items[item.id]
            )
        extra = [i.id for i in translated.items if i.id not in _by_id(module.items)]
        problems += [f'{translated.path}: item "{i}": not in the English' for i in extra]
        head = {f.name: getattr(module, f.name) for f in fields(module) if f.name != "items"}
        mine_head = {
            f.name: getattr(translated, f.name) for f in fields(module) if f.name != "items"
        }
        problems += _compare(f"{translated.path}: module", head, mine_head)
    problems += [
        f"content/{lang}/{m}.toml: module not in the English"
        for m in mine.keys() - _by_id(english.modules).keys()
    ]
    folder = f"content/{lang}"
    problems += _compare(
        f"{folder}/glossary.toml", _by_id(english.glossary), _by_id(other.glossary)
    )
    problems += _compare(
        f"{folder}/concepts.toml", _by_id(english.concepts), _by_id(other.concepts)
    )
    problems += _compare(
        f"{folder}/knowledge-check.toml", _by_id(english.checks), _by_id(other.checks)
    )
    problems += _compare(f"{folder}/help.toml", english.help_lines, other.help_lines)
    for a, b in zip(english.help_lines, other.help_lines, strict=False):
        if _digits(a.contact) != _digits(b.contact):
            problems.append(
                f'{folder}/help.toml: line "{b.id}": contact: its numbers differ from the English'
            )
    notes_en, notes_other = course_notes(english, root), course_notes(other, root)
    problems += _compare(f"{folder}/facilitator", notes_en, notes_other)
    gallery_en, gallery_other = gallery_file("en", root), gallery_file(lang, root)
    if gallery_en.exists():
        if not gallery_other.exists():
            problems.append(
                f"content/authoring/{lang}/{gallery_en.name}: missing (the English has it)"
            )
        else:
            a = load_module(gallery_en, dict(english.sources))
            b = load_module(gallery_other, dict(other.sources))
            problems += _compare(f"content/authoring/{lang}/{gallery_other.name}", a, b)
    return problems
