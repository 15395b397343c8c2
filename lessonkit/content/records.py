"""The content schema: every record the loader returns, as frozen dataclasses.

This is the first file to read to know what a content file may hold. Records hold data and small
lookups only; reading and checking TOML is in ``reader.py`` and ``kinds.py``. Every item record
has a ``kind`` (its TOML table name), ``graded`` (whether it has right and wrong answers) and a
``headline`` (the words that title it in handouts, the answer key and the progress export).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import field
from pathlib import Path

from .frozen import record
from .interface import UIStrings


@record
class Source:
    id: str
    short: str
    title: str
    publisher: str
    date: str
    url: str = ""
    note: str = ""
    #: The language the title is written in, when it is not the course's own (a source that
    #: exists in English only keeps its English title in the French edition).
    title_lang: str = ""


@record
class Claim:
    """A sentence that states a fact, with the ids of the sources that back it."""

    text: str
    sources: tuple[str, ...]


@record
class HelpLine:
    id: str
    name: str
    contact: str
    when: str
    sources: tuple[str, ...]


@record
class Option:
    text: str
    correct: bool
    feedback: str


@record
class MultipleChoice:
    id: str
    question: str
    options: tuple[Option, ...]
    sources: tuple[str, ...]
    explanation: str = ""
    multiple: bool = False  # several options may be right; the learner ticks boxes
    shuffle: bool = False  # shown in a fixed shuffled order (the seed is the item id)
    concepts: tuple[str, ...] = ()
    level: str = ""  # how the item checks: one of LEVELS (content.kinds)
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

    @property
    def headline(self) -> str:
        """The words that title this exercise: its question."""
        return self.question


@record
class MythOrFact:
    id: str
    statement: str
    answer: str  # "myth" or "fact"
    explanation: str
    sources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    level: str = ""  # how the item checks: one of LEVELS (content.kinds)
    kind: str = field(default="myth_or_fact", init=False)
    graded: bool = field(default=True, init=False)

    @property
    def headline(self) -> str:
        """The words that title this exercise: its statement."""
        return self.statement


@record
class Category:
    id: str
    label: str


@record
class Scenario:
    id: str
    text: str
    answer: str  # a category id
    feedback: str


@record
class ScenarioSorter:
    id: str
    prompt: str
    categories: tuple[Category, ...]
    scenarios: tuple[Scenario, ...]
    sources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    level: str = ""  # how the item checks: one of LEVELS (content.kinds)
    kind: str = field(default="scenario_sorter", init=False)
    graded: bool = field(default=True, init=False)

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    @property
    def headline(self) -> str:
        """The words that title this exercise: its prompt."""
        return self.prompt


@record
class MatchLeft:
    id: str
    text: str
    match: str  # the id of its partner in the right-hand list
    feedback: str
    hint: str = ""  # shown when the learner pairs this item wrongly


@record
class MatchRight:
    id: str
    text: str


@record
class Matching:
    id: str
    prompt: str
    left_label: str
    right_label: str
    left: tuple[MatchLeft, ...]
    right: tuple[MatchRight, ...]
    sources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    level: str = ""  # how the item checks: one of LEVELS (content.kinds)
    kind: str = field(default="matching", init=False)
    graded: bool = field(default=True, init=False)

    def partner(self, right_id: str) -> MatchRight:
        return next(r for r in self.right if r.id == right_id)

    @property
    def headline(self) -> str:
        """The words that title this exercise: its prompt."""
        return self.prompt


@record
class Actor:
    name: str
    action: str
    sources: tuple[str, ...]


@record
class Stage:
    id: str
    label: str
    summary: str
    actors: tuple[Actor, ...]


@record
class JourneyMap:
    id: str
    title: str
    description: str
    prompt: str
    stages: tuple[Stage, ...]
    sources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    level: str = ""  # how the item checks: one of LEVELS (content.kinds)
    kind: str = field(default="journey_map", init=False)
    graded: bool = field(default=False, init=False)

    @property
    def headline(self) -> str:
        """The words that title this exercise: its title."""
        return self.title


@record
class SpectrumStep:
    id: str
    label: str
    description: str


@record
class Spectrum:
    id: str
    label: str
    prompt: str
    low: str  # words for the low end of the range
    high: str  # words for the high end
    steps: tuple[SpectrumStep, ...]
    sources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    level: str = ""  # how the item checks: one of LEVELS (content.kinds)
    kind: str = field(default="spectrum", init=False)
    graded: bool = field(default=False, init=False)

    @property
    def headline(self) -> str:
        """The words that title this exercise: its label."""
        return self.label


@record
class BranchChoice:
    text: str
    feedback: str
    next: str  # the id of the step this choice leads to
    tone: str  # "good", "caution" or "neutral"


@record
class BranchStep:
    id: str
    text: str
    choices: tuple[BranchChoice, ...]  # none: the step is an ending

    @property
    def ending(self) -> bool:
        return not self.choices


@record
class Branching:
    id: str
    title: str
    start: str
    steps: tuple[BranchStep, ...]
    sources: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    level: str = ""  # how the item checks: one of LEVELS (content.kinds)
    kind: str = field(default="branching", init=False)
    graded: bool = field(default=True, init=False)  # right: an ending reached by good choices

    def step(self, step_id: str) -> BranchStep:
        return next(s for s in self.steps if s.id == step_id)

    @property
    def headline(self) -> str:
        """The words that title this exercise: its title."""
        return self.title


@record
class Reflection:
    id: str
    question: str
    guidance: str
    points: tuple[str, ...]  # points a thoughtful answer might touch, shown on request
    concepts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    level: str = ""  # how the item checks: one of LEVELS (content.kinds)
    kind: str = field(default="reflection", init=False)
    graded: bool = field(default=False, init=False)

    @property
    def headline(self) -> str:
        """The words that title this exercise: its question."""
        return self.question


@record
class Term:
    id: str
    term: str
    definition: str
    sources: tuple[str, ...]
    also: tuple[str, ...] = ()  # other words a learner might search for
    see: tuple[str, ...] = ()  # ids of related terms


@record
class Concept:
    """One atomic idea of the 2009 fact sheet; modules say where they teach and check it."""

    id: str
    summary: str
    fact_sheet: str  # where in the fact sheet, in words (e.g. "paragraph 3")
    since: str = ""  # what holds today, where the 2009 text is outdated
    core: bool = False  # checked by the knowledge check before and after the course


@record
class PartOption:
    id: str
    text: str
    gives: tuple[str, ...]


@record
class Part:
    id: str
    label: str
    options: tuple[PartOption, ...]


@record
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


@record
class DefinitionBuilder:
    id: str
    prompt: str
    parts: tuple[Part, ...]
    tests: tuple[BuilderTest, ...]
    caution: str
    concepts: tuple[str, ...] = ()
    level: str = ""  # how the item checks: one of LEVELS (content.kinds)
    kind: str = field(default="definition_builder", init=False)
    graded: bool = field(default=False, init=False)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for t in self.tests for s in t.sources))

    @property
    def headline(self) -> str:
        """The words that title this exercise: its prompt."""
        return self.prompt


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


@record
class Section:
    """A part of a module's notebook: its heading, and the concepts it teaches."""

    id: str
    title: str
    concepts: tuple[str, ...]


@record
class Objective:
    """What a learner can do after a module, and the items that check it."""

    text: str
    checked_by: tuple[str, ...]


@record
class Module:
    id: str
    number: int
    title: str
    teaching_minutes: int
    exercise_minutes: int
    questions: tuple[str, ...]
    objectives: tuple[Objective, ...]
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


@record
class CheckOption:
    text: str
    correct: bool = False


@record
class CheckItem:
    """One question of the knowledge-check bank: it checks one core concept, in one form.

    Form "a" is the check before the course, "b" the one after; every form feeds the later
    re-check. The options show in a fixed shuffled order (the seed is the id).
    """

    id: str
    concept: str
    form: str
    question: str
    options: tuple[CheckOption, ...]
    explanation: str  # shown after the end check, never before
    sources: tuple[str, ...]

    def shown_order(self) -> tuple[int, ...]:
        order = list(range(len(self.options)))
        random.Random(self.id).shuffle(order)
        return tuple(order)

    @property
    def right(self) -> int:
        return next(i for i, o in enumerate(self.options) if o.correct)

    @property
    def headline(self) -> str:
        return self.question


@record
class Contact:
    """One way to reach a local service: how (phone, text, email, website, address) and what."""

    how: str
    value: str


@record
class LocalService:
    """A service near the learners, added by a facilitator (not checked by the course)."""

    id: str
    name: str
    offers: str
    contacts: tuple[Contact, ...]
    hours: str
    languages: tuple[str, ...]  # ISO 639 codes, as written in the file
    added_by: str
    added: str  # YYYY-MM-DD


class CourseParts:
    """The parts of a course read when first asked for: each module (one file each) and the
    knowledge-check bank. A notebook cell of module 03 reads module 03's file only.

    ``read_module(path)`` reads and checks one module file; ``read_checks()`` the bank. A part
    that fails to load raises its ContentError each time it is asked for, and is not kept.
    """

    def __init__(
        self,
        module_paths: tuple[Path, ...],
        read_module: Callable[[Path], Module],
        read_checks: Callable[[], tuple[CheckItem, ...]],
    ) -> None:
        self.paths = {path.stem: path for path in module_paths}  # a module's id is its file name
        self._read_module, self._read_checks = read_module, read_checks
        self._modules: dict[str, Module] = {}
        self._checks: tuple[CheckItem, ...] | None = None

    def module(self, module_id: str) -> Module:
        found = self._modules.get(module_id)
        if found is None:
            found = self._modules[module_id] = self._read_module(self.paths[module_id])
        return found

    def checks(self) -> tuple[CheckItem, ...]:
        if self._checks is None:
            self._checks = self._read_checks()
        return self._checks

    def read_all(self) -> None:
        """Read and check every module, in order, then the bank (the first problem raises)."""
        for module_id in self.paths:
            self.module(module_id)
        self.checks()


@record
class Course:
    lang: str
    ui: UIStrings
    help_lines: tuple[HelpLine, ...]
    sources: Mapping[str, Source]
    parts: CourseParts = field(compare=False, repr=False)  # the modules and the bank
    glossary: tuple[Term, ...] = ()
    concepts: tuple[Concept, ...] = ()
    root: str = ""  # the content folder it was loaded from
    local_services: tuple[LocalService, ...] = ()  # content/local/services.toml, if any
    local_lang: str = ""  # the language the local services are written in

    @property
    def module_ids(self) -> tuple[str, ...]:
        """The ids of the modules, in order, without reading their files."""
        return tuple(self.parts.paths)

    @property
    def modules(self) -> tuple[Module, ...]:
        """Every module, in order (each file read and checked on first use)."""
        return tuple(self.parts.module(m) for m in self.module_ids)

    @property
    def checks(self) -> tuple[CheckItem, ...]:
        """The knowledge-check bank (read and checked on first use)."""
        return self.parts.checks()

    def module(self, module_id: str) -> Module:
        """A module by id or two-digit number; reads only that module's file."""
        for known in self.module_ids:
            if known == module_id or known[:2] == module_id:
                return self.parts.module(known)
        listed = ", ".join(self.module_ids) or "none"
        raise KeyError(f'no module "{module_id}" in content/{self.lang} (modules: {listed})')

    def modules_by_id(self) -> ModulesById:
        return ModulesById(self)

    def concept(self, concept_id: str) -> Concept:
        return next(c for c in self.concepts if c.id == concept_id)

    def teaching_modules(self, concept_id: str) -> tuple[Module, ...]:
        """The modules to revisit for a concept: those whose sections teach it (start and
        review modules only when no other does)."""
        teaching = tuple(
            m for m in self.modules if any(concept_id in s.concepts for s in m.sections)
        )
        inner = tuple(m for m in teaching if 0 < m.number < max(x.number for x in self.modules))
        return inner or teaching

    def cite(self, source_ids: tuple[str, ...]) -> str:
        return "; ".join(self.sources[s].short for s in source_ids)


class ModulesById(Mapping):
    """A course's modules by id, each module's file read when it is first looked up."""

    def __init__(self, course: Course) -> None:
        self.course = course

    def __getitem__(self, module_id: str) -> Module:
        if module_id not in self.course.parts.paths:
            raise KeyError(module_id)
        return self.course.parts.module(module_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self.course.module_ids)

    def __len__(self) -> int:
        return len(self.course.module_ids)
