"""Content: the schema, written once, and the loader that checks it.

Everything a learner reads in a widget lives in TOML files under ``content/``.
The loader reads them with the standard library's ``tomllib``, checks every
field, and returns frozen dataclasses. A problem raises :class:`ContentError`
with a message naming the file, the item and the field, for example::

    content/en/01-what-is-trafficking.toml: quiz "q2": options: needs 2 to 6 options, got 1

This module imports nothing outside the standard library, so it runs in any
kernel, JupyterLite's included.
"""

from __future__ import annotations

import os
import random
import re
import string
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTENT_ENV = "LESSONKIT_CONTENT"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MODULE_FILE_PATTERN = re.compile(r"^\d\d-[a-z0-9-]+\.toml$")


class ContentError(ValueError):
    """A content file is malformed or inconsistent. The message names file, item and field."""


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Source:
    id: str
    short: str
    title: str
    publisher: str
    date: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Claim:
    """A sentence that states a fact, with the ids of the sources that back it."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class HelpLine:
    id: str
    name: str
    contact: str
    when: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class MultipleChoice:
    id: str
    question: str
    options: tuple[Option, ...]
    sources: tuple[str, ...]
    explanation: str = ""
    multiple: bool = False  # several options may be right; the learner ticks boxes
    shuffle: bool = False  # shown in a fixed shuffled order (the seed is the item id)
    concepts: tuple[str, ...] = ()
    kind: str = field(default="quiz", init=False)
    graded: bool = field(default=True, init=False)

    def shown_order(self) -> tuple[int, ...]:
        """Option indexes in the order a learner sees them: the same on every run."""
        order = list(range(len(self.options)))
        if self.shuffle:
            random.Random(self.id).shuffle(order)
        return tuple(order)

    @property
    def right(self) -> frozenset[int]:
        return frozenset(i for i, o in enumerate(self.options) if o.correct)


@dataclass(frozen=True)
class MythOrFact:
    id: str
    statement: str
    answer: str  # "myth" or "fact"
    explanation: str
    sources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    kind: str = field(default="myth_or_fact", init=False)
    graded: bool = field(default=True, init=False)


@dataclass(frozen=True)
class Category:
    id: str
    label: str


@dataclass(frozen=True)
class Scenario:
    id: str
    text: str
    answer: str  # a category id
    feedback: str


@dataclass(frozen=True)
class ScenarioSorter:
    id: str
    prompt: str
    categories: tuple[Category, ...]
    scenarios: tuple[Scenario, ...]
    sources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    kind: str = field(default="scenario_sorter", init=False)
    graded: bool = field(default=True, init=False)

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)


@dataclass(frozen=True)
class MatchLeft:
    id: str
    text: str
    match: str  # the id of its partner in the right-hand list
    feedback: str


@dataclass(frozen=True)
class MatchRight:
    id: str
    text: str


@dataclass(frozen=True)
class Matching:
    id: str
    prompt: str
    left_label: str
    right_label: str
    left: tuple[MatchLeft, ...]
    right: tuple[MatchRight, ...]
    sources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    kind: str = field(default="matching", init=False)
    graded: bool = field(default=True, init=False)

    def partner(self, right_id: str) -> MatchRight:
        return next(r for r in self.right if r.id == right_id)


@dataclass(frozen=True)
class Actor:
    name: str
    action: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Stage:
    id: str
    label: str
    summary: str
    actors: tuple[Actor, ...]


@dataclass(frozen=True)
class JourneyMap:
    id: str
    title: str
    description: str
    prompt: str
    stages: tuple[Stage, ...]
    sources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    kind: str = field(default="journey_map", init=False)
    graded: bool = field(default=False, init=False)


@dataclass(frozen=True)
class SpectrumStep:
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Spectrum:
    id: str
    label: str
    prompt: str
    low: str  # words for the low end of the range
    high: str  # words for the high end
    steps: tuple[SpectrumStep, ...]
    sources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    kind: str = field(default="spectrum", init=False)
    graded: bool = field(default=False, init=False)


@dataclass(frozen=True)
class BranchChoice:
    text: str
    feedback: str
    next: str  # the id of the step this choice leads to
    tone: str  # "good", "caution" or "neutral"


@dataclass(frozen=True)
class BranchStep:
    id: str
    text: str
    choices: tuple[BranchChoice, ...]  # none: the step is an ending

    @property
    def ending(self) -> bool:
        return not self.choices


@dataclass(frozen=True)
class Branching:
    id: str
    title: str
    start: str
    steps: tuple[BranchStep, ...]
    sources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    kind: str = field(default="branching", init=False)
    graded: bool = field(default=False, init=False)

    def step(self, step_id: str) -> BranchStep:
        return next(s for s in self.steps if s.id == step_id)


@dataclass(frozen=True)
class Reflection:
    id: str
    question: str
    guidance: str
    points: tuple[str, ...]  # points a thoughtful answer might touch, shown on request
    concepts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kind: str = field(default="reflection", init=False)
    graded: bool = field(default=False, init=False)


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str
    sources: tuple[str, ...]
    also: tuple[str, ...] = ()  # other words a learner might search for
    see: tuple[str, ...] = ()  # ids of related terms


@dataclass(frozen=True)
class Concept:
    """One atomic idea of the 2009 fact sheet; modules say where they teach and check it."""

    id: str
    summary: str
    fact_sheet: str  # where in the fact sheet, in words (e.g. "paragraph 3")
    since: str = ""  # what holds today, where the 2009 text is outdated


@dataclass(frozen=True)
class PartOption:
    id: str
    text: str
    gives: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    id: str
    label: str
    options: tuple[PartOption, ...]


@dataclass(frozen=True)
class BuilderTest:
    """One framework a combination is judged against (for example the UN Protocol)."""

    id: str
    name: str
    requires: tuple[str, ...]
    yes: str
    missing: tuple[tuple[str, str], ...]  # (element, why it matters), one per required element
    sources: tuple[str, ...]

    def why_missing(self, element: str) -> str:
        return dict(self.missing)[element]


@dataclass(frozen=True)
class DefinitionBuilder:
    id: str
    prompt: str
    parts: tuple[Part, ...]
    tests: tuple[BuilderTest, ...]
    caution: str
    concepts: tuple[str, ...] = ()
    kind: str = field(default="definition_builder", init=False)
    graded: bool = field(default=False, init=False)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for t in self.tests for s in t.sources))


Item = (
    MultipleChoice
    | MythOrFact
    | ScenarioSorter
    | DefinitionBuilder
    | Matching
    | JourneyMap
    | Spectrum
    | Branching
    | Reflection
)


@dataclass(frozen=True)
class Section:
    """A part of a module's notebook: its heading, and the concepts it teaches."""

    id: str
    title: str
    concepts: tuple[str, ...]


@dataclass(frozen=True)
class Module:
    id: str
    number: int
    title: str
    teaching_minutes: int
    exercise_minutes: int
    questions: tuple[str, ...]
    objectives: tuple[str, ...]
    content_note: str
    key_points: tuple[Claim, ...]
    sources: tuple[str, ...]
    items: tuple[Item, ...]
    path: str
    sections: tuple[Section, ...] = ()
    terms: tuple[str, ...] = ()  # glossary ids of the terms this module uses

    @property
    def minutes(self) -> int:
        return self.teaching_minutes + self.exercise_minutes

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        known = ", ".join(i.id for i in self.items) or "none"
        raise KeyError(f'module "{self.id}" has no item "{item_id}" (its items: {known})')


def _ui(*placeholders: str) -> Any:
    return field(metadata={"placeholders": frozenset(placeholders)})


@dataclass(frozen=True)
class UIStrings:
    """Interface strings for one language. Every field is required in interface.toml."""

    check: str = _ui()
    your_answer: str = _ui()
    choose_first: str = _ui()
    correct: str = _ui()
    not_quite: str = _ui()
    try_again: str = _ui()
    answer_changed: str = _ui()
    sources: str = _ui()
    builder_check: str = _ui()
    builder_choose: str = _ui()
    builder_choose_all: str = _ui()
    builder_yes: str = _ui()
    builder_no: str = _ui()
    builder_verdict: str = _ui("test", "verdict")
    builder_changed: str = _ui()
    choose_all_that_apply: str = _ui()
    partly: str = _ui()
    reveal: str = _ui()
    explanation: str = _ui()
    start_again: str = _ui()
    myth: str = _ui()
    fact: str = _ui()
    myth_or_fact: str = _ui()
    myth_or_fact_verdict: str = _ui("answer")
    situation: str = _ui("number")
    choose_category: str = _ui()
    sorter_check: str = _ui()
    sort_all_first: str = _ui("left")
    score: str = _ui("right", "total")
    choose_match: str = _ui()
    matching_check: str = _ui()
    match_all_first: str = _ui("left")
    match_right: str = _ui("left", "right")
    match_wrong: str = _ui("left", "right")
    choose_stage: str = _ui()
    stages_in_order: str = _ui()
    who_can_act: str = _ui()
    spectrum_step: str = _ui("number", "total", "label")
    what_do_you_do: str = _ui()
    go_back: str = _ui()
    tone_good: str = _ui()
    tone_caution: str = _ui()
    tone_neutral: str = _ui()
    ending: str = _ui()
    your_path: str = _ui()
    take_choice: str = _ui()
    your_thoughts: str = _ui()
    show_points: str = _ui()
    points_to_consider: str = _ui()
    not_kept: str = _ui()
    reflection_save: str = _ui()
    reflection_saved: str = _ui()
    reflection_unsaved: str = _ui()
    glossary_search: str = _ui()
    glossary_all: str = _ui("count")
    glossary_found: str = _ui("count", "query")
    glossary_none: str = _ui("query")
    see_also: str = _ui()
    questions: str = _ui()
    objectives: str = _ui()
    time: str = _ui()
    minutes: str = _ui("teaching", "exercises", "total")
    content_note: str = _ui()
    key_points: str = _ui()
    module_sources: str = _ui()
    help: str = _ui()
    help_intro: str = _ui()
    modules: str = _ui()
    module_line: str = _ui("number", "title", "minutes")
    # progress store (issue 5)
    progress_heading: str = _ui()
    progress_where: str = _ui("path")
    progress_damaged: str = _ui("path")
    progress_unavailable: str = _ui()
    progress_chart_title: str = _ui()
    progress_chart_summary: str = _ui("completed", "total")
    progress_chart_row: str = _ui("number", "score", "status")
    progress_module: str = _ui()
    progress_completed: str = _ui()
    progress_score: str = _ui()
    progress_yes: str = _ui()
    progress_not_yet: str = _ui()
    progress_score_value: str = _ui("right", "total")
    progress_no_checks: str = _ui()
    progress_orphaned_heading: str = _ui()
    progress_orphaned: str = _ui("items")
    progress_export_label: str = _ui()
    progress_export: str = _ui()
    progress_export_name: str = _ui("date")
    progress_exported: str = _ui("markdown", "json")
    progress_export_exists: str = _ui("path")
    progress_export_failed: str = _ui("path", "reason")
    progress_export_title: str = _ui()
    progress_exported_on: str = _ui("date", "path")
    progress_answer_line: str = _ui("when", "result")
    progress_right: str = _ui()
    progress_wrong: str = _ui()
    progress_saved: str = _ui()
    progress_start_over_module: str = _ui()
    progress_start_over: str = _ui()
    progress_start_over_confirm: str = _ui("module")
    progress_start_over_yes: str = _ui()
    progress_started_over: str = _ui("module")
    progress_delete: str = _ui()
    progress_delete_confirm: str = _ui("path")
    progress_delete_yes: str = _ui()
    progress_deleted: str = _ui()
    progress_cancel: str = _ui()
    progress_cancelled: str = _ui()
    progress_action_failed: str = _ui()
    # facilitator tools (issue 6)
    facilitator_switch: str = _ui()
    facilitator_notes: str = _ui()
    fac_purpose: str = _ui()
    fac_introduce: str = _ui()
    fac_timing: str = _ui()
    fac_shorten: str = _ui()
    fac_prompts: str = _ui()
    fac_points: str = _ui()
    fac_misconceptions: str = _ui()
    fac_care: str = _ui()
    fac_pause: str = _ui()
    fac_run: str = _ui()
    fac_reasoning: str = _ui()
    fac_discuss: str = _ui()
    priority_required: str = _ui()
    priority_high: str = _ui()
    priority_normal: str = _ui()
    answer_key: str = _ui()
    key_right: str = _ui()
    key_right_multiple: str = _ui()
    key_other: str = _ui()
    key_gives: str = _ui("elements")
    key_gives_nothing: str = _ui()
    key_requires: str = _ui("elements")
    key_order: str = _ui("low", "high")
    key_good_path: str = _ui()
    key_other_choices: str = _ui()
    plan_title: str = _ui("minutes")
    plan_required: str = _ui("modules")
    plan_full: str = _ui("start", "end", "number", "title", "minutes", "full")
    plan_short: str = _ui("start", "end", "number", "title", "minutes", "full", "how")
    plan_break: str = _ui("start", "end", "minutes")
    plan_skip: str = _ui("number", "title", "full")
    plan_total: str = _ui("used", "minutes")
    plan_spare: str = _ui("spare")
    plan_too_short: str = _ui("minutes", "shortest")
    handout_title: str = _ui("number", "title")
    handout_exercises: str = _ui()
    handout_tick_one: str = _ui()
    handout_tick_all: str = _ui()
    handout_why: str = _ui()
    handout_write_letter: str = _ui()
    handout_notes: str = _ui()
    answer_key_title: str = _ui()
    answer_key_intro: str = _ui()


@dataclass(frozen=True)
class Course:
    lang: str
    ui: UIStrings
    modules: tuple[Module, ...]
    help_lines: tuple[HelpLine, ...]
    sources: Mapping[str, Source]
    glossary: tuple[Term, ...] = ()
    concepts: tuple[Concept, ...] = ()
    root: str = ""  # the content folder it was loaded from

    def module(self, module_id: str) -> Module:
        for module in self.modules:
            if module.id == module_id or f"{module.number:02d}" == module_id:
                return module
        known = ", ".join(m.id for m in self.modules) or "none"
        raise KeyError(f'no module "{module_id}" in content/{self.lang} (modules: {known})')

    def cite(self, source_ids: tuple[str, ...]) -> str:
        return "; ".join(self.sources[s].short for s in source_ids)


# ---------------------------------------------------------------- reading fields

_MISSING = object()
_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a table",
}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class _Fields:
    """Reads the fields of one TOML table, raising ContentError that names file, item, field."""

    def __init__(self, data: dict, file: str, where: str, prefix: str = "") -> None:
        self.data = data
        self.file = file
        self.where = where
        self.prefix = prefix
        self.used: set[str] = set()

    def fail(self, name: str, problem: str) -> ContentError:
        return ContentError(f"{self.file}: {self.where}: {self.prefix}{name}: {problem}")

    def _get(self, name: str, default: Any, expected: type) -> Any:
        self.used.add(name)
        if name not in self.data:
            if default is _MISSING:
                raise self.fail(name, "missing (required)")
            return default
        value = self.data[name]
        # bool is a subclass of int: a whole number must not be true/false.
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise self.fail(name, f"must be {_TYPE_NAMES[expected]}, got {_type_name(value)}")
        return value

    def text(self, name: str, default: Any = _MISSING) -> str:
        value = self._get(name, default, str)
        if not value.strip() and default is _MISSING:
            raise self.fail(name, "must not be empty")
        return value.strip()

    def ident(self, name: str = "id") -> str:
        value = self.text(name)
        if not ID_PATTERN.match(value):
            raise self.fail(
                name, f'"{value}" is not a valid id (use lowercase letters, digits and hyphens)'
            )
        return value

    def integer(self, name: str, low: int, high: int) -> int:
        value = self._get(name, _MISSING, int)
        if not low <= value <= high:
            raise self.fail(name, f"must be between {low} and {high}, got {value}")
        return value

    def boolean(self, name: str, default: bool) -> bool:
        return self._get(name, default, bool)

    def texts(self, name: str, low: int = 1, high: int = 50, default: Any = _MISSING) -> tuple:
        values = self._get(name, default, list)
        self._count(name, values, low, high, "entries")
        for index, value in enumerate(values, 1):
            if not isinstance(value, str):
                raise self.fail(f"{name}[{index}]", f"must be text, got {_type_name(value)}")
            if not value.strip():
                raise self.fail(f"{name}[{index}]", "must not be empty")
        return tuple(v.strip() for v in values)

    def choice(self, name: str, allowed: tuple[str, ...], default: Any = _MISSING) -> str:
        value = self.text(name, default)
        if value not in allowed:
            names = ", ".join(f'"{a}"' for a in allowed)
            raise self.fail(name, f'"{value}" is not one of {names}')
        return value

    def idents(self, name: str, high: int = 20) -> tuple[str, ...]:
        """An optional list of ids (for example concept or glossary ids)."""
        values = self.texts(name, 0, high, default=[])
        for index, value in enumerate(values, 1):
            if not ID_PATTERN.match(value):
                raise self.fail(f"{name}[{index}]", f'"{value}" is not a valid id')
        return values

    def named(self, name: str, low: int, high: int, noun: str):
        """Each table of a list with its own id, as (id, fields); a repeated id is an error."""
        seen: set[str] = set()
        for index, table in enumerate(self.tables(name, low, high, noun), 1):
            t = self.sub(name, index, table)
            table_id = t.ident()
            if table_id in seen:
                raise t.fail("id", f'duplicate id "{table_id}"')
            seen.add(table_id)
            yield table_id, t

    def sources(self, name: str, known: dict[str, Source], low: int = 1) -> tuple[str, ...]:
        ids = self.texts(name, low=low, default=_MISSING if low else [])
        for index, source_id in enumerate(ids, 1):
            if source_id not in known:
                raise self.fail(
                    f"{name}[{index}]",
                    f'unknown source id "{source_id}" (not in content/sources.toml)',
                )
        return ids

    def tables(self, name: str, low: int, high: int, noun: str) -> list[dict]:
        values = self._get(name, _MISSING, list)
        self._count(name, values, low, high, noun)
        for index, value in enumerate(values, 1):
            if not isinstance(value, dict):
                raise self.fail(f"{name}[{index}]", f"must be a table, got {_type_name(value)}")
        return values

    def _count(self, name: str, values: list, low: int, high: int, noun: str) -> None:
        if not low <= len(values) <= high:
            raise self.fail(name, f"needs {low} to {high} {noun}, got {len(values)}")

    def sub(self, name: str, index: int, table: dict) -> _Fields:
        return _Fields(table, self.file, self.where, f"{self.prefix}{name}[{index}].")

    def table(self, name: str) -> _Fields:
        return _Fields(
            self._get(name, _MISSING, dict), self.file, self.where, f"{self.prefix}{name}."
        )

    def finish(self) -> None:
        extra = sorted(set(self.data) - self.used)
        if extra:
            known = ", ".join(sorted(self.used))
            raise self.fail(extra[0], f"unknown field (known fields: {known})")


# ---------------------------------------------------------------- parsing


def _named(tables: list[dict], file: str, kind: str, owner: dict[str, str]):
    """Each table of a list with its id, read as `kind "id"`; an id used before is an error.

    ``owner`` maps each id seen so far to its kind, so one id space can span several kinds.
    """
    for index, table in enumerate(tables, 1):
        item_id = _Fields(table, file, f"{kind} #{index}").ident()
        f = _Fields(table, file, f'{kind} "{item_id}"')
        if item_id in owner:
            raise f.fail("id", f'duplicate id (also used by {owner[item_id]} "{item_id}")')
        owner[item_id] = kind
        f.used.add("id")
        yield item_id, f


def _display(path: Path) -> str:
    """A path as a reader knows it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


def _read_toml(path: Path) -> tuple[str, dict]:
    name = _display(path)
    try:
        with path.open("rb") as handle:
            return name, tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise ContentError(f"{name}: not valid TOML: {err}") from None
    except UnicodeDecodeError as err:
        raise ContentError(
            f"{name}: not valid UTF-8 text: {err.reason} at byte {err.start}"
        ) from None
    except OSError as err:
        raise ContentError(f"{name}: cannot be read: {err.strerror}") from None


def load_sources(path: Path) -> dict[str, Source]:
    name, data = _read_toml(path)
    top = _Fields(data, name, "sources")
    sources: dict[str, Source] = {}
    for source_id, f in _named(top.tables("source", 1, 500, "sources"), name, "source", {}):
        sources[source_id] = Source(
            id=source_id,
            short=f.text("short"),
            title=f.text("title"),
            publisher=f.text("publisher"),
            date=f.text("date"),
            url=f.text("url", ""),
            note=f.text("note", ""),
        )
        f.finish()
    top.finish()
    return sources


def load_ui(path: Path) -> UIStrings:
    name, data = _read_toml(path)
    f = _Fields(data, name, "interface")
    values = {}
    for spec in fields(UIStrings):
        text = f.text(spec.name)
        allowed = spec.metadata["placeholders"]
        used = {p for _, p, _, _ in string.Formatter().parse(text) if p is not None}
        if used - allowed or (allowed and not used):
            allowed_text = ", ".join("{" + p + "}" for p in sorted(allowed)) or "none"
            raise f.fail(spec.name, f"placeholders must be among: {allowed_text}")
        values[spec.name] = text
    f.finish()
    return UIStrings(**values)


def load_help_lines(path: Path, known: dict[str, Source]) -> tuple[HelpLine, ...]:
    name, data = _read_toml(path)
    top = _Fields(data, name, "help")
    lines = []
    for line_id, f in _named(top.tables("line", 1, 20, "help lines"), name, "line", {}):
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


def _parse_quiz(f: _Fields, item_id: str, known: dict[str, Source]) -> MultipleChoice:
    question = f.text("question")
    multiple = f.boolean("multiple", False)
    options = []
    for index, table in enumerate(f.tables("options", 2, 6, "options"), 1):
        o = f.sub("options", index, table)
        options.append(
            Option(
                text=o.text("text"),
                correct=o.boolean("correct", False),
                feedback=o.text("feedback"),
            )
        )
        o.finish()
    right = sum(o.correct for o in options)
    if right == 0:
        raise f.fail("options", "no option is marked correct = true")
    if right > 1 and not multiple:
        raise f.fail(
            "options",
            f"{right} options are marked correct; a quiz needs exactly 1 (or set multiple = true)",
        )
    return MultipleChoice(
        id=item_id,
        question=question,
        options=tuple(options),
        sources=f.sources("sources", known),
        explanation=f.text("explanation"),
        multiple=multiple,
        shuffle=f.boolean("shuffle", False),
        concepts=f.idents("concepts"),
    )


def _parse_myth_or_fact(f: _Fields, item_id: str, known: dict[str, Source]) -> MythOrFact:
    return MythOrFact(
        id=item_id,
        statement=f.text("statement"),
        answer=f.choice("answer", ("myth", "fact")),
        explanation=f.text("explanation"),
        sources=f.sources("sources", known),
        concepts=f.idents("concepts"),
    )


def _parse_scenario_sorter(f: _Fields, item_id: str, known: dict[str, Source]):
    categories = []
    for category_id, c in f.named("categories", 2, 5, "categories"):
        categories.append(Category(id=category_id, label=c.text("label")))
        c.finish()
    category_ids = tuple(c.id for c in categories)
    scenarios = []
    for scenario_id, c in f.named("scenarios", 2, 12, "scenarios"):
        answer = c.text("answer")
        if answer not in category_ids:
            raise c.fail(
                "answer", f'unknown category "{answer}" (categories: {", ".join(category_ids)})'
            )
        scenarios.append(
            Scenario(
                id=scenario_id, text=c.text("text"), answer=answer, feedback=c.text("feedback")
            )
        )
        c.finish()
    return ScenarioSorter(
        id=item_id,
        prompt=f.text("prompt"),
        categories=tuple(categories),
        scenarios=tuple(scenarios),
        sources=f.sources("sources", known),
        concepts=f.idents("concepts"),
    )


def _parse_matching(f: _Fields, item_id: str, known: dict[str, Source]) -> Matching:
    right = []
    for right_id, r in f.named("right", 2, 8, "items"):
        right.append(MatchRight(id=right_id, text=r.text("text")))
        r.finish()
    right_ids = [r.id for r in right]
    left = []
    for left_id, m in f.named("left", 2, 8, "items"):
        match = m.text("match")
        if match not in right_ids:
            raise m.fail("match", f'no item "{match}" in the right-hand list')
        if any(other.match == match for other in left):
            raise m.fail("match", f'"{match}" is already the partner of another item')
        left.append(
            MatchLeft(id=left_id, text=m.text("text"), match=match, feedback=m.text("feedback"))
        )
        m.finish()
    if len(left) != len(right):
        raise f.fail(
            "right",
            f"the lists must be the same length: left has {len(left)} items, "
            f"right has {len(right)}",
        )
    return Matching(
        id=item_id,
        prompt=f.text("prompt"),
        left_label=f.text("left_label"),
        right_label=f.text("right_label"),
        left=tuple(left),
        right=tuple(right),
        sources=f.sources("sources", known),
        concepts=f.idents("concepts"),
    )


def _parse_journey_map(f: _Fields, item_id: str, known: dict[str, Source]) -> JourneyMap:
    stages = []
    for stage_id, s in f.named("stages", 2, 8, "stages"):
        actors = []
        for index, table in enumerate(s.tables("actors", 1, 6, "actors"), 1):
            a = s.sub("actors", index, table)
            actors.append(
                Actor(
                    name=a.text("name"),
                    action=a.text("action"),
                    sources=a.sources("sources", known),
                )
            )
            a.finish()
        stages.append(
            Stage(
                id=stage_id, label=s.text("label"), summary=s.text("summary"), actors=tuple(actors)
            )
        )
        s.finish()
    return JourneyMap(
        id=item_id,
        title=f.text("title"),
        description=f.text("description"),
        prompt=f.text("prompt"),
        stages=tuple(stages),
        sources=f.sources("sources", known),
        concepts=f.idents("concepts"),
    )


def _parse_spectrum(f: _Fields, item_id: str, known: dict[str, Source]) -> Spectrum:
    steps = []
    for step_id, s in f.named("steps", 2, 8, "steps"):
        steps.append(
            SpectrumStep(id=step_id, label=s.text("label"), description=s.text("description"))
        )
        s.finish()
    return Spectrum(
        id=item_id,
        label=f.text("label"),
        prompt=f.text("prompt"),
        low=f.text("low"),
        high=f.text("high"),
        steps=tuple(steps),
        sources=f.sources("sources", known),
        concepts=f.idents("concepts"),
    )


def _parse_branching(f: _Fields, item_id: str, known: dict[str, Source]) -> Branching:
    start = f.ident("start")
    steps = []
    where: dict[str, _Fields] = {}
    for step_id, s in f.named("steps", 2, 20, "steps"):
        choices = []
        for index, table in enumerate(
            s.tables("choices", 0, 4, "choices") if "choices" in s.data else [], 1
        ):
            c = s.sub("choices", index, table)
            choices.append(
                BranchChoice(
                    text=c.text("text"),
                    feedback=c.text("feedback"),
                    next=c.ident("next"),
                    tone=c.choice("tone", ("good", "caution", "neutral"), "neutral"),
                )
            )
            where[f"{step_id}/{index}"] = c
            c.finish()
        s.used.add("choices")
        steps.append(BranchStep(id=step_id, text=s.text("text"), choices=tuple(choices)))
        s.finish()
    ids = [step.id for step in steps]
    if start not in ids:
        raise f.fail("start", f'no step "{start}" (steps: {", ".join(ids)})')
    for step in steps:
        for index, choice in enumerate(step.choices, 1):
            if choice.next not in ids:
                raise where[f"{step.id}/{index}"].fail(
                    "next", f'leads nowhere: no step "{choice.next}"'
                )
    if not any(step.ending for step in steps):
        raise f.fail("steps", "no ending: at least one step must have no choices")
    follows = {step.id: {c.next for c in step.choices} for step in steps}
    reached, todo = {start}, [start]
    while todo:
        for nxt in follows[todo.pop()] - reached:
            reached.add(nxt)
            todo.append(nxt)
    unreached = [i for i in ids if i not in reached]
    if unreached:
        raise f.fail("steps", f'step "{unreached[0]}" cannot be reached from "{start}"')
    ends = {step.id for step in steps if step.ending}
    changed = True
    while changed:
        changed = False
        for step_id, nexts in follows.items():
            if step_id not in ends and nexts & ends:
                ends.add(step_id)
                changed = True
    stuck = [i for i in ids if i not in ends]
    if stuck:
        raise f.fail(
            "steps", f'step "{stuck[0]}" never leads to an ending (a loop with no way out)'
        )
    return Branching(
        id=item_id,
        title=f.text("title"),
        start=start,
        steps=tuple(steps),
        sources=f.sources("sources", known),
        concepts=f.idents("concepts"),
    )


def _parse_reflection(f: _Fields, item_id: str, known: dict[str, Source]) -> Reflection:
    return Reflection(
        id=item_id,
        question=f.text("question"),
        guidance=f.text("guidance", ""),
        points=f.texts("points", 0, 8, default=[]),
        concepts=f.idents("concepts"),
        sources=f.sources("sources", known, low=0),
    )


def _parse_definition_builder(f: _Fields, item_id: str, known: dict[str, Source]):
    prompt = f.text("prompt")
    parts: list[Part] = []
    given: set[str] = set()
    for index, table in enumerate(f.tables("parts", 2, 6, "parts"), 1):
        p = f.sub("parts", index, table)
        part_id = p.ident()
        if any(part.id == part_id for part in parts):
            raise p.fail("id", f'duplicate part id "{part_id}"')
        options = []
        for o_index, o_table in enumerate(p.tables("options", 2, 8, "options"), 1):
            o = p.sub("options", o_index, o_table)
            option = PartOption(id=o.ident(), text=o.text("text"), gives=o.texts("gives", 0, 10))
            if any(existing.id == option.id for existing in options):
                raise o.fail("id", f'duplicate option id "{option.id}"')
            for element in option.gives:
                if not ID_PATTERN.match(element):
                    raise o.fail("gives", f'"{element}" is not a valid element name')
            given.update(option.gives)
            options.append(option)
            o.finish()
        parts.append(Part(id=part_id, label=p.text("label"), options=tuple(options)))
        p.finish()
    tests = []
    for index, table in enumerate(f.tables("tests", 1, 4, "tests"), 1):
        t = f.sub("tests", index, table)
        test_id = t.ident()
        requires = t.texts("requires", 1, 10)
        for element in requires:
            if element not in given:
                raise t.fail("requires", f'no option gives "{element}"')
        m = t.table("missing")
        why = tuple((element, m.text(element)) for element in requires)
        m.finish()
        tests.append(
            BuilderTest(
                id=test_id,
                name=t.text("name"),
                requires=requires,
                yes=t.text("yes"),
                missing=why,
                sources=t.sources("sources", known),
            )
        )
        t.finish()
    return DefinitionBuilder(
        id=item_id,
        prompt=prompt,
        parts=tuple(parts),
        tests=tuple(tests),
        caution=f.text("caution"),
        concepts=f.idents("concepts"),
    )


# The widget kinds a module file may hold, by their TOML table name.
ITEM_KINDS = {
    "quiz": _parse_quiz,
    "myth_or_fact": _parse_myth_or_fact,
    "scenario_sorter": _parse_scenario_sorter,
    "definition_builder": _parse_definition_builder,
    "matching": _parse_matching,
    "journey_map": _parse_journey_map,
    "spectrum": _parse_spectrum,
    "branching": _parse_branching,
    "reflection": _parse_reflection,
}
RESERVED_ITEM_IDS = {"opening", "closing"}


def load_module(path: Path, known: dict[str, Source]) -> Module:
    name, data = _read_toml(path)
    if not MODULE_FILE_PATTERN.match(path.name):
        raise ContentError(f"{name}: module: file name must look like 01-short-title.toml")
    if "module" not in data:
        raise ContentError(f"{name}: module: missing (required [module] table)")
    if not isinstance(data["module"], dict):
        raise ContentError(f"{name}: module: must be a table, got {_type_name(data['module'])}")
    f = _Fields(data["module"], name, "module")
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
        objectives=f.texts("objectives", 1, 8),
        content_note=f.text("content_note"),
        key_points=tuple(key_points),
        sources=f.sources("sources", known),
        terms=f.idents("terms", 60),
    )
    sections = []
    if "sections" in f.data:
        for section_id, t in f.named("sections", 1, 20, "sections"):
            sections.append(
                Section(id=section_id, title=t.text("title"), concepts=t.idents("concepts"))
            )
            t.finish()
    f.used.add("sections")
    header["sections"] = tuple(sections)
    f.finish()

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
        for item_id, f in _named(tables, name, kind, owner):
            if item_id in RESERVED_ITEM_IDS:
                raise f.fail("id", f'"{item_id}" is reserved for the module\'s opening and closing')
            items.append(ITEM_KINDS[kind](f, item_id, known))
            f.finish()
    return Module(items=tuple(items), path=name, **header)


def load_glossary(path: Path, known: dict[str, Source]) -> tuple[Term, ...]:
    name, data = _read_toml(path)
    top = _Fields(data, name, "glossary")
    terms = []
    for term_id, f in _named(top.tables("term", 1, 300, "terms"), name, "term", {}):
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
    name, data = _read_toml(path)
    top = _Fields(data, name, "concepts")
    concepts = []
    for concept_id, f in _named(top.tables("concept", 1, 100, "concepts"), name, "concept", {}):
        concepts.append(
            Concept(
                id=concept_id,
                summary=f.text("summary"),
                fact_sheet=f.text("fact_sheet"),
                since=f.text("since", ""),
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
    return problems


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


# ---------------------------------------------------------------- the course


def content_root() -> Path:
    """The content folder: $LESSONKIT_CONTENT if set, else content/ beside the package."""
    return Path(os.environ.get(CONTENT_ENV) or PROJECT_ROOT / "content")


def module_files(lang: str = "en", root: Path | None = None) -> list[Path]:
    folder = (root or content_root()) / lang
    return sorted(p for p in folder.glob("*.toml") if p.name[:1].isdigit())


def _stamp(root: Path, lang: str) -> tuple:
    """Names, sizes and change times of the content files: a changed file means a fresh load."""
    paths = [root / "sources.toml", *sorted((root / lang).glob("*.toml"))]
    stamp = []
    for path in paths:
        try:
            st = path.stat()
            stamp.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            stamp.append((str(path), None, None))
    return tuple(stamp)


def load_course(lang: str = "en", root: Path | None = None) -> Course:
    """Load and check all content of one language. Cached until a content file changes."""
    root = Path(root or content_root())
    return _load_course(root, lang, _stamp(root, lang))


@lru_cache(maxsize=8)
def _load_course(root: Path, lang: str, _stamp: tuple) -> Course:
    folder = root / lang
    if not folder.is_dir():
        raise ContentError(f"{_display(folder)}: no content folder for language {lang!r}")
    known = load_sources(root / "sources.toml")
    ui = load_ui(folder / "interface.toml")
    help_lines = load_help_lines(folder / "help.toml", known)
    glossary = load_glossary(folder / "glossary.toml", known)
    concepts = load_concepts(folder / "concepts.toml")
    modules = tuple(load_module(path, known) for path in module_files(lang, root))
    problems = check_references(modules, glossary, concepts)
    if problems:
        raise ContentError(problems[0])
    return Course(
        lang=lang,
        ui=ui,
        modules=modules,
        help_lines=help_lines,
        sources=MappingProxyType(known),
        glossary=glossary,
        concepts=concepts,
        root=str(root),
    )


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
        return [f"{_display(root)}: no language folders (expected for example content/en/)"]
    for lang in langs:
        folder = root / lang
        loaders = [
            (folder / "interface.toml", load_ui),
            (folder / "help.toml", lambda p: load_help_lines(p, known)),
            (folder / "glossary.toml", lambda p: load_glossary(p, known)),
            (folder / "concepts.toml", load_concepts),
        ]
        loaders += [(path, lambda p: load_module(p, known)) for path in module_files(lang, root)]
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
        gallery = root / "authoring" / "90-widget-gallery.toml"
        if lang == "en" and gallery.exists():
            try:
                load_module(gallery, known)
            except ContentError as err:
                problems.append(str(err))
        if "glossary.toml" in loaded and "concepts.toml" in loaded:
            modules = tuple(r for r in loaded.values() if isinstance(r, Module))
            problems += check_references(modules, loaded["glossary.toml"], loaded["concepts.toml"])
        from .facilitator import check_notes  # facilitator notes (issue 6)

        problems += check_notes(folder, known, loaded.values())
    return problems
