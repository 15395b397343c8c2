"""Loading a whole course: sources, help lines, glossary, concepts and modules of one language.

``load_course`` is cached until a content file changes (names, sizes and change times), so a
notebook cell can call it every time it runs. It reads and checks every file; with
``lazy=True`` (what notebook cells use) the modules and the knowledge-check bank are read when
first asked for, so a lesson's kernel reads its own module's file and not the nine others.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .bank import FILE_NAME as CHECKS_FILE
from .bank import load_checks
from .interface import load_ui
from .kinds import APPLY_OR_ABOVE, ITEM_KINDS, LEVELS, RESERVED_ITEM_IDS
from .local import load_local_services, services_file
from .reader import (
    PROJECT_ROOT,
    ContentError,
    FieldReader,
    display_path,
    numbered_files,
    read_items,
    read_toml,
    type_name,
)
from .records import (
    Claim,
    Concept,
    Course,
    CourseParts,
    HelpLine,
    Item,
    Module,
    Objective,
    Section,
    Source,
    Term,
)

CONTENT_ENV = "LESSONKIT_CONTENT"
MODULE_FILE_PATTERN = re.compile(r"^\d\d-[a-z0-9-]+\.toml$")
#: The example content with one exercise of each kind, for authors (``example()`` shows it).
GALLERY = "authoring/{lang}/90-widget-gallery.toml"


def gallery_file(lang: str = "en", root: Path | None = None) -> Path:
    """The widget gallery's example content in one language."""
    return (root or content_root()) / GALLERY.format(lang=lang)


#: The language sources.toml is written in; every other language has a sub-table per source.
SOURCE_LANG = "en"
LANG_PATTERN = re.compile(r"[a-z]{2}")


def load_sources(path: Path, lang: str = SOURCE_LANG) -> dict[str, Source]:
    """The source list as a course of ``lang`` cites it.

    Each source is written in English; ``[source.fr]`` (one sub-table per other language) gives
    the short name, publisher and date in that language, and the title where the source has one
    in it. Without a translated title, the English one is kept and marked as English.
    """
    name, data = read_toml(path)
    top = FieldReader(data, name, "sources")
    sources: dict[str, Source] = {}
    for source_id, f in read_items(top.tables("source", 1, 500, "sources"), name, "source", {}):
        source = Source(
            id=source_id,
            short=f.text("short"),
            title=f.text("title"),
            publisher=f.text("publisher"),
            date=f.text("date"),
            url=f.text("url", ""),
            note=f.text("note", ""),
        )
        for other in sorted(k for k, v in f.data.items() if isinstance(v, dict)):
            if not LANG_PATTERN.fullmatch(other):
                raise f.fail(other, "unknown field (a sub-table is named by a language: fr)")
            t = f.table(other)
            translated = Source(
                id=source_id,
                short=t.text("short"),
                title=t.text("title", ""),
                publisher=t.text("publisher"),
                date=t.text("date"),
                url=t.text("url", source.url),
                note=source.note,
            )
            t.finish()
            if other == lang:
                title_lang = "" if translated.title else SOURCE_LANG
                title = translated.title or source.title
                source = replace(translated, title=title, title_lang=title_lang)
        if lang != SOURCE_LANG and lang not in f.data:
            raise f.fail(
                lang,
                f"missing (required): the {lang!r} edition needs [source.{lang}] with short, "
                "publisher and date (and title, if the source has one in that language)",
            )
        f.finish()
        sources[source_id] = source
    top.finish()
    return sources


def load_help_lines(path: Path, known: dict[str, Source]) -> tuple[HelpLine, ...]:
    name, data = read_toml(path)
    top = FieldReader(data, name, "help")
    lines = []
    for line_id, f in read_items(top.tables("line", 1, 20, "help lines"), name, "line", {}):
        lines.append(
            HelpLine(
                id=line_id,
                name=f.text("name"),
                contact=f.text("contact"),
                when=f.text("when"),
                sources=f.sources("sources", known),
            )
        )
        f.finish()
    top.finish()
    return tuple(lines)


def load_module(path: Path, known: dict[str, Source]) -> Module:
    name, data = read_toml(path)
    if not MODULE_FILE_PATTERN.match(path.name):
        raise ContentError(f"{name}: module: file name must look like 01-short-title.toml")
    if "module" not in data:
        raise ContentError(f"{name}: module: missing (required [module] table)")
    if not isinstance(data["module"], dict):
        raise ContentError(f"{name}: module: must be a table, got {type_name(data['module'])}")
    f = FieldReader(data["module"], name, "module")
    module_id = f.ident()
    if module_id != path.stem:
        raise f.fail("id", f'"{module_id}" must match the file name "{path.stem}"')
    number = f.integer("number", 0, 99)
    if f"{number:02d}" != path.name[:2]:
        raise f.fail("number", f"{number} must match the file name's number {path.name[:2]}")
    key_points = []
    for index, table in enumerate(f.tables("key_points", 1, 10, "key points"), 1):
        k = f.sub("key_points", index, table)
        key_points.append(Claim(text=k.text("text"), sources=k.sources("sources", known)))
        k.finish()
    header = dict(
        id=module_id,
        number=number,
        title=f.text("title"),
        teaching_minutes=f.integer("teaching_minutes", 0, 60),
        exercise_minutes=f.integer("exercise_minutes", 0, 60),
        questions=f.texts("questions", 1, 6),
        objectives=(),
        content_note=f.text("content_note"),
        key_points=tuple(key_points),
        sources=f.sources("sources", known),
        terms=f.idents("terms", 60),
    )
    sections = []
    if "sections" in f.data:
        for section_id, t in f.named_tables("sections", 1, 20, "sections"):
            sections.append(
                Section(id=section_id, title=t.text("title"), concepts=t.idents("concepts"))
            )
            t.finish()
    f.used.add("sections")
    header["sections"] = tuple(sections)
    module_f = f  # finished once the objectives are read: they name the items below

    items: list[Item] = []
    owner: dict[str, str] = {}
    for kind, tables in data.items():
        if kind == "module":
            continue
        if kind not in ITEM_KINDS:
            known_kinds = ", ".join(sorted(ITEM_KINDS))
            raise ContentError(
                f'{name}: {kind}: unknown widget kind "{kind}" (known kinds: {known_kinds})'
            )
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise ContentError(f"{name}: {kind}: must be written as [[{kind}]] tables")
        for item_id, f in read_items(tables, name, kind, owner):
            if item_id in RESERVED_ITEM_IDS:
                raise f.fail("id", f'"{item_id}" is reserved for the module\'s opening and closing')
            item = ITEM_KINDS[kind](f, item_id, known)
            items.append(replace(item, level=f.choice("level", LEVELS)))
            f.finish()
    header["objectives"] = read_objectives(module_f, {i.id: i for i in items})
    module_f.finish()
    return Module(items=tuple(items), path=name, **header)


def read_objectives(f: FieldReader, items: dict[str, Item]) -> tuple[Objective, ...]:
    """The module's objectives, each naming the items that check it (at least one scored)."""
    objectives = []
    for index, table in enumerate(f.tables("objectives", 1, 8, "objectives"), 1):
        o = f.sub("objectives", index, table)
        checked_by = o.idents("checked_by")
        for number, item_id in enumerate(checked_by, 1):
            if item_id not in items:
                known = ", ".join(items) or "none"
                raise o.fail(f"checked_by[{number}]", f'no item "{item_id}" (items: {known})')
        if not checked_by or not any(items[i].graded for i in checked_by):
            raise o.fail("checked_by", "must name at least one scored item that checks it")
        objectives.append(Objective(text=o.text("text"), checked_by=checked_by))
        o.finish()
    return tuple(objectives)


def load_glossary(path: Path, known: dict[str, Source]) -> tuple[Term, ...]:
    name, data = read_toml(path)
    top = FieldReader(data, name, "glossary")
    terms = []
    for term_id, f in read_items(top.tables("term", 1, 300, "terms"), name, "term", {}):
        terms.append(
            Term(
                id=term_id,
                term=f.text("term"),
                definition=f.text("definition"),
                sources=f.sources("sources", known),
                also=f.texts("also", 0, 10, default=[]),
                see=f.idents("see"),
            )
        )
        f.finish()
    top.finish()
    ids = {t.id for t in terms}
    for term in terms:
        for other in term.see:
            if other not in ids:
                raise ContentError(f'{name}: term "{term.id}": see: no term "{other}"')
    return tuple(terms)


def load_concepts(path: Path) -> tuple[Concept, ...]:
    name, data = read_toml(path)
    top = FieldReader(data, name, "concepts")
    concepts = []
    for concept_id, f in read_items(top.tables("concept", 1, 100, "concepts"), name, "concept", {}):
        concepts.append(
            Concept(
                id=concept_id,
                summary=f.text("summary"),
                fact_sheet=f.text("fact_sheet"),
                since=f.text("since", ""),
                core=f.boolean("core", False),
            )
        )
        f.finish()
    top.finish()
    return tuple(concepts)


def check_references(
    modules: tuple[Module, ...], glossary: tuple[Term, ...], concepts: tuple[Concept, ...]
) -> list[str]:
    """Concept and glossary ids that modules name must exist. One message per problem."""
    concept_ids = {c.id for c in concepts}
    term_ids = {t.id for t in glossary}
    problems = []
    for module in modules:
        named = [(f'section "{s.id}"', s.concepts) for s in module.sections]
        named += [(f'{i.kind} "{i.id}"', i.concepts) for i in module.items]
        for where, ids in named:
            for index, concept in enumerate(ids, 1):
                if concept not in concept_ids:
                    problems.append(
                        f'{module.path}: {where}: concepts[{index}]: unknown concept "{concept}" '
                        "(not in concepts.toml)"
                    )
        for index, term in enumerate(module.terms, 1):
            if term not in term_ids:
                problems.append(
                    f'{module.path}: module: terms[{index}]: unknown term "{term}" '
                    "(not in glossary.toml)"
                )
        # the module's list is what its closing shows as its sources: every cited one belongs there
        citing = [(f'{item.kind} "{item.id}"', item) for item in module.items]
        citing += [(f"module: key_points[{n}]", p) for n, p in enumerate(module.key_points, 1)]
        for where, record in citing:
            for source in dict.fromkeys(cited_sources(record)):
                if source not in module.sources:
                    problems.append(
                        f'{module.path}: {where}: cites "{source}", which is not in the '
                        "module's sources list"
                    )
    return problems


def cited_sources(record: Any) -> list[str]:
    """Every source id a record cites, in its own ``sources`` and in the records inside it."""
    found: list[str] = []
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        for f in dataclasses.fields(record):
            value = getattr(record, f.name)
            if f.name == "sources":
                found += list(value)
            else:
                found += cited_sources(value)
    elif isinstance(record, (tuple, list)):
        for inner in record:
            found += cited_sources(inner)
    return found


def balance(modules: tuple[Module, ...]) -> dict[str, tuple[int, int]]:
    """Per module: (scored items at "apply" or above, scored items)."""
    return {
        m.id: (
            sum(1 for i in m.items if i.graded and i.level in APPLY_OR_ABOVE),
            sum(1 for i in m.items if i.graded),
        )
        for m in modules
    }


def check_balance(modules: tuple[Module, ...]) -> list[str]:
    """At least a third of each module's scored items apply a rule or choose an action; at most
    two thirds of the course's myth-or-fact cards have the same answer. One message each."""
    problems = []
    for module in modules:
        high, scored = balance((module,))[module.id]
        if scored and 3 * high < scored:
            problems.append(
                f"{module.path}: module: only {high} of {scored} scored items are at "
                '"apply" or above (at least a third must apply a rule to a new case or choose '
                "an action)"
            )
    cards = [i for m in modules for i in m.items if i.kind == "myth_or_fact"]
    for answer in ("myth", "fact"):
        same = sum(1 for c in cards if c.answer == answer)
        if cards and 3 * same > 2 * len(cards):
            problems.append(
                f'content: myth_or_fact: {same} of {len(cards)} cards are "{answer}" (at most '
                "two thirds may have the same answer, or always answering it scores well)"
            )
    return problems


def content_root() -> Path:
    """The content folder: $LESSONKIT_CONTENT if set, else content/ beside the package."""
    return Path(os.environ.get(CONTENT_ENV) or PROJECT_ROOT / "content")


def module_files(lang: str = "en", root: Path | None = None) -> list[Path]:
    folder = (root or content_root()) / lang
    return numbered_files(folder)


def content_stamp(root: Path, lang: str) -> tuple:
    """Names, sizes and change times of the content files: a changed file means a fresh load."""
    paths = [root / "sources.toml", *sorted((root / lang).glob("*.toml")), services_file(root)]
    stamp = []
    for path in paths:
        try:
            st = path.stat()
            stamp.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            stamp.append((str(path), None, None))
    return tuple(stamp)


def load_course(lang: str = "en", root: Path | None = None, *, lazy: bool = False) -> Course:
    """Load and check all content of one language. Cached until a content file changes.

    ``lazy``: read and check each module, and the knowledge-check bank, only when first asked
    for (``course.module(...)``, ``course.modules``, ``course.checks``); their problems are then
    raised there, not here.
    """
    root = Path(root or content_root())
    course = _load_course(root, lang, content_stamp(root, lang))
    if not lazy:
        course.parts.read_all()
    return course


def _checked_module(
    path: Path, known: dict[str, Source], glossary: tuple[Term, ...], concepts: tuple[Concept, ...]
) -> Module:
    module = load_module(path, known)
    problems = check_references((module,), glossary, concepts)
    if problems:
        raise ContentError(problems[0])
    return module


@lru_cache(maxsize=8)
def _load_course(root: Path, lang: str, _stamp_key: tuple) -> Course:
    folder = root / lang
    if not folder.is_dir():
        raise ContentError(f"{display_path(folder)}: no content folder for language {lang!r}")
    known = load_sources(root / "sources.toml", lang)
    ui = load_ui(folder / "interface.toml")
    help_lines = load_help_lines(folder / "help.toml", known)
    glossary = load_glossary(folder / "glossary.toml", known)
    concepts = load_concepts(folder / "concepts.toml")
    parts = CourseParts(
        tuple(module_files(lang, root)),
        partial(_checked_module, known=known, glossary=glossary, concepts=concepts),
        partial(load_checks, folder / CHECKS_FILE, known, concepts),
    )
    local_services, local_lang = load_local_services(root)
    return Course(
        lang=lang,
        ui=ui,
        help_lines=help_lines,
        sources=MappingProxyType(known),
        parts=parts,
        glossary=glossary,
        concepts=concepts,
        root=str(root),
        local_services=local_services,
        local_lang=local_lang,
    )
