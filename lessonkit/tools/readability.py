"""Author tool: how hard is each module to read? ``python -m lessonkit readability``.

For each module it measures the learner's prose: the Markdown cells of its notebook plus every
text a learner reads in its content file (opening, key points, exercises, feedback). It prints
the Flesch-Kincaid grade, the Coleman-Liau index (both in school grades), the words and the
sentences, and the same figures for all modules together. Modules above the target grade are
marked. The figures are a report, not a rule: short sentences and plain words are the aim.

``--lang fr`` measures the French edition. The grade formulas are fitted to English, so French
is scored by Kandel and Moles' French version of Flesch's reading ease (0 to 100, higher is
easier; textstat's ``fr`` setting): 60 or more reads as plain, about the level of grade 9 in
English. Modules below it are marked.

Before measuring, the prose is made plain so the formulas see sentences as a reader does:

- citations such as "(Sources: CBSA fact sheet, 2009; Criminal Code)" are left out;
- Markdown marks (headings, emphasis, links, tables) are removed, keeping the words;
- each heading, list item and table cell counts as a sentence of its own (a line that ends
  with a colon, a semicolon or no mark at all ends a sentence).

It needs ``textstat`` (an authoring tool pinned in requirements.txt), imported only here, so a
learner's kernel never loads it.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..content import (
    ContentError,
    Module,
    content_root,
    load_module,
    load_sources,
    module_files,
)
from .notebooks import NOTEBOOKS

TARGET_GRADE = 9.0
# Fields of content records that hold ids, references or settings, not words a learner reads.
NOT_PROSE = {
    "id",
    "kind",
    "graded",
    "path",
    "number",
    "answer",
    "match",
    "next",
    "tone",
    "start",
    "sources",
    "concepts",
    "terms",
    "requires",
    "gives",
    "correct",
    "multiple",
    "shuffle",
    "teaching_minutes",
    "exercise_minutes",
    "level",
    "checked_by",
}
CITATION = re.compile(r"\s*\((?:Sources?)\u00a0?: [^)]*\)")  # French: "(Source\u00a0: …)"
#: The easiest French reading ease (Kandel-Moles) still marked as hard, one language's target.
TARGET_EASE_FR = 60.0
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
ENDS_SENTENCE = (".", "!", "?")


@dataclass(frozen=True)
class Reading:
    """The figures for one module (or for all modules together)."""

    name: str
    grade: float  # Flesch-Kincaid grade level
    coleman_liau: float
    words: int
    sentences: int
    problem: str = ""  # why a module could not be measured in full, if it could not
    ease: float = 0.0  # reading ease in the language's own formula (French: Kandel-Moles)
    lang: str = "en"

    def above(self, target: float = TARGET_GRADE) -> bool:
        """Harder than the target: a grade above it in English, an ease below it in French."""
        return self.ease < target if self.lang == "fr" else self.grade > target


def plain_markdown(markdown: str) -> str:
    """Markdown as plain sentences: no citations, no marks, one sentence per line-like unit."""
    units = []
    for line in markdown.splitlines():
        line = CITATION.sub("", line).strip()
        if re.fullmatch(r"\|?[\s:|-]+\|?", line) or not line:  # blank line or table rule
            continue
        line = LINK.sub(r"\1", line)
        line = re.sub(r"^#+\s+", "", line)  # heading
        line = re.sub(r"^([-*+]|\d+\.)\s+", "", line)  # list item, or a heading's number
        cells = [c.strip() for c in line.strip("|").split("|")] if line.startswith("|") else [line]
        for cell in cells:
            cell = re.sub(r"[*_`]+", "", cell).strip().rstrip(":;,").strip()
            if cell:
                units.append(cell if cell.endswith(ENDS_SENTENCE) else cell + ".")
    return "\n".join(units)


def notebook_prose(path: Path) -> str:
    """The Markdown cells of a notebook, as plain sentences."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "markdown"]
    return "\n".join(plain_markdown("".join(c.get("source", ""))) for c in cells)


def _texts(value, name: str = "") -> list[str]:
    if name in NOT_PROSE:
        return []
    if isinstance(value, str):
        return [value]
    if name == "missing":  # (element, why it matters) pairs: only the second is prose
        return [why for _, why in value]
    if dataclasses.is_dataclass(value):
        found = []
        for spec in dataclasses.fields(value):
            found += _texts(getattr(value, spec.name), spec.name)
        return found
    if isinstance(value, tuple):
        return [text for element in value for text in _texts(element)]
    return []


def content_prose(module: Module) -> str:
    """Every text of a module's content file that a learner reads, as plain sentences."""
    return "\n".join(plain_markdown(text) for text in _texts(module))


def measure(name: str, text: str, problem: str = "", lang: str = "en") -> Reading:
    import textstat  # authoring tool: imported here only, never by a learner's kernel

    textstat.set_lang(lang)  # the syllable rules and reading-ease constants of the language
    try:
        words = textstat.lexicon_count(text)
        if not words:
            return Reading(name, 0.0, 0.0, 0, 0, problem or "no prose found", lang=lang)
        return Reading(
            name=name,
            grade=float(textstat.flesch_kincaid_grade(text)),
            coleman_liau=float(textstat.coleman_liau_index(text)),
            words=words,
            sentences=textstat.sentence_count(text),
            problem=problem,
            ease=float(textstat.flesch_reading_ease(text)),
            lang=lang,
        )
    finally:
        textstat.set_lang("en")


def module_texts(
    lang: str = "en", content: Path | None = None, notebooks: Path | None = None
) -> list[tuple[str, str, str]]:
    """(name, prose, problem) for every module file and every numbered notebook, in order.

    A notebook goes with the module file of its number (a French notebook has a French name);
    a module is named by its file, or by its notebook when it has no file."""
    content = Path(content or content_root())
    folder = Path(notebooks or NOTEBOOKS) / lang
    books = {p.stem[:2]: p for p in folder.glob("[0-9][0-9]-*.ipynb")}
    files = {p.stem[:2]: p for p in module_files(lang, content)}
    known, source_problem = None, ""
    try:
        known = load_sources(content / "sources.toml", lang)
    except ContentError as err:
        source_problem = str(err)
    found = []
    for number in sorted(set(books) | set(files)):
        name = (files.get(number) or books[number]).stem
        parts, problem = [], ""
        if number in books:
            try:
                parts.append(notebook_prose(books[number]))
            except (OSError, ValueError) as err:
                problem = f"{books[number].name}: cannot be read: {err}"
        if number in files:
            try:
                if known is None:
                    raise ContentError(source_problem)
                parts.append(content_prose(load_module(files[number], known)))
            except ContentError as err:
                problem = problem or str(err)
        found.append((name, "\n".join(parts), problem))
    return found


def report(
    lang: str = "en",
    content: Path | None = None,
    notebooks: Path | None = None,
) -> tuple[list[Reading], Reading]:
    """The reading for each module and for all of them together."""
    texts = module_texts(lang, content, notebooks)
    readings = [measure(name, text, problem, lang) for name, text, problem in texts]
    overall = measure("all modules", "\n".join(text for _, text, _ in texts), lang=lang)
    return readings, overall


def format_report(readings: list[Reading], overall: Reading, target: float | None = None) -> str:
    """The report as text: grades in English; in French, Kandel-Moles reading ease."""
    from importlib.metadata import version

    tool = f"textstat {version('textstat')}"
    french = overall.lang == "fr"
    target = target if target is not None else (TARGET_EASE_FR if french else TARGET_GRADE)
    if french:
        hard = f"below reading ease {target:g}"
        lines = [
            f"Reading ease of the French learner prose ({tool}, Kandel-Moles formula; "
            f"target: {target:g} or more, higher is easier)",
            f"{'module':<36} {'ease':>8} {'words':>7} {'sentences':>9}",
        ]
    else:
        hard = f"above grade {target:g}"
        lines = [
            f"Reading level of learner prose ({tool}; target: grade {target:g} or below)",
            f"{'module':<36} {'FK grade':>8} {'Coleman-Liau':>12} {'words':>7} {'sentences':>9}",
        ]
    for r in [*readings, overall]:
        mark = f"  {hard}" if r.words and r.above(target) else ""
        note = f"  ({r.problem})" if r.problem else ""
        score = f"{r.ease:>8.1f}" if french else f"{r.grade:>8.1f} {r.coleman_liau:>12.1f}"
        lines.append(f"{r.name:<36} {score} {r.words:>7} {r.sentences:>9}{mark}{note}")
    marked = [r.name for r in readings if r.words and r.above(target)]
    lines.append(
        f"{len(marked)} of {len(readings)} modules {hard}"
        + (f": {', '.join(marked)}" if marked else ".")
    )
    return "\n".join(lines)


def main(lang: str = "en", notebooks: Path | None = None, target: float | None = None) -> int:
    """Print the report; 1 with a one-line message if textstat is missing, else 0."""
    try:
        import textstat  # noqa: F401  (checked here so a missing tool gives one clear line)
    except ImportError:
        print(
            "readability: needs textstat, an authoring tool: pip install -r requirements.txt",
            file=sys.stderr,
        )
        return 1
    readings, overall = report(lang, notebooks=notebooks)
    print(format_report(readings, overall, target))
    return 0


WORDS_PER_MINUTE = 200  # self-study reading of plain non-fiction, a little below the adult mean
WORD = re.compile(r"\b[\w'\u2019-]+\b")


def reading_minutes(module: Module, notebook: Path) -> tuple[float, float]:
    """Minutes to read a module at ``WORDS_PER_MINUTE``: (its page: the notebook's Markdown, the
    opening and the closing; its exercises: every word of its items)."""
    page_only = dataclasses.replace(module, items=())
    page = len(WORD.findall(notebook_prose(notebook))) + len(WORD.findall(content_prose(page_only)))
    everything = len(WORD.findall(content_prose(module)))
    return page / WORDS_PER_MINUTE, (
        everything - len(WORD.findall(content_prose(page_only)))
    ) / WORDS_PER_MINUTE
