"""Facilitator notes: loading and checking them, the answer key, and the facilitator view.

Each module has one notes file, ``content/<lang>/facilitator/NN-<module-id>.toml``, read with
the same reader and checks as the rest of the content (errors name file, item and field).
The notes hold what only a person can add: the purpose, how to introduce the module,
discussion prompts, common misconceptions, timing, notes on care, and optional notes per
exercise. The answers themselves are never written twice: :func:`answer_key_html` derives
them from the exercise records, so the key can never drift from what learners see.

In a notebook, :func:`switch` shows one labelled check box (off by default) and
:func:`panel` a box of notes and answers that stays hidden until the switch is on. Every
switch in the kernel shares one state, so turning on any of them shows every panel.

Kernel-side: the standard library, traitlets and ipywidgets only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets
import traitlets

from . import html
from .content import (
    ContentError,
    Course,
    Item,
    Module,
    Source,
    _Fields,
    _named,
    _read_toml,
    _stamp,
    content_root,
    load_course,
)

NOTES_FOLDER = "facilitator"
SESSION_FILE = "session.toml"
PRIORITIES = ("required", "high", "normal")
NOTE_KINDS = ("prompt", "misconception", "exercise")

# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Prompt:
    """A discussion question and the points a good answer touches."""

    id: str
    question: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class Misconception:
    id: str
    belief: str  # what people often think
    response: str  # what to say instead, in plain words


@dataclass(frozen=True)
class ExerciseNote:
    """The human part of one exercise's notes; the answers come from the exercise itself."""

    id: str  # the id of an item of the module
    run: str  # how to run it in the room
    reasoning: str = ""  # reasoning beyond the feedback learners see
    discuss: str = ""  # a follow-up question for the group


@dataclass(frozen=True)
class FacilitatorNotes:
    module: str
    path: str
    priority: str  # "required", "high" or "normal" (see PRIORITIES)
    short_minutes: int  # the shortest sensible version of the module, in minutes
    shorten: str  # how to shorten it
    purpose: str
    introduce: str
    timing: str
    care: str  # what may be hard for someone with lived experience
    pause: str  # how to pause
    prompts: tuple[Prompt, ...]
    misconceptions: tuple[Misconception, ...]
    exercises: tuple[ExerciseNote, ...]
    sources: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        return self.priority == "required"

    def exercise(self, item_id: str) -> ExerciseNote | None:
        return next((e for e in self.exercises if e.id == item_id), None)


@dataclass(frozen=True)
class SessionSettings:
    """Course-wide settings for session plans."""

    path: str
    break_minutes: int  # one break of this length ...
    break_from: int  # ... in any session at least this long


# ---------------------------------------------------------------- loading and checking


def notes_folder(lang: str = "en", root: Path | None = None) -> Path:
    return (root or content_root()) / lang / NOTES_FOLDER


def note_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.toml") if p.name[:1].isdigit())


def load_notes(path: Path, known: dict[str, Source], modules: dict[str, Module]):
    """Read and check one notes file against the modules it may describe (by id)."""
    name, data = _read_toml(path)
    f = _Fields(data, name, "notes")
    module_id = f.ident("module")
    if module_id not in modules:
        listed = ", ".join(sorted(modules)) or "none"
        raise f.fail("module", f'no module "{module_id}" (modules: {listed})')
    module = modules[module_id]
    header = dict(
        module=module_id,
        path=name,
        priority=f.choice("priority", PRIORITIES),
        short_minutes=f.integer("short_minutes", 1, 120),
        shorten=f.text("shorten"),
        purpose=f.text("purpose"),
        introduce=f.text("introduce"),
        timing=f.text("timing"),
        care=f.text("care"),
        pause=f.text("pause"),
        sources=f.sources("sources", known, low=0),
    )
    if header["short_minutes"] > module.minutes:
        raise f.fail(
            "short_minutes",
            f"{header['short_minutes']} is longer than the whole module ({module.minutes} minutes)",
        )
    owner: dict[str, str] = {}
    prompts, misconceptions, exercises = [], [], []
    for kind in NOTE_KINDS:
        f.used.add(kind)
        tables = data.get(kind, [])
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise ContentError(f"{name}: {kind}: must be written as [[{kind}]] tables")
        for item_id, t in _named(tables, name, kind, owner):
            if kind == "prompt":
                prompts.append(Prompt(item_id, t.text("question"), t.texts("points", 1, 8)))
            elif kind == "misconception":
                misconceptions.append(Misconception(item_id, t.text("belief"), t.text("response")))
            else:
                if item_id not in {i.id for i in module.items}:
                    known_items = ", ".join(i.id for i in module.items) or "none"
                    raise t.fail(
                        "id", f'no exercise "{item_id}" in {module_id} (its items: {known_items})'
                    )
                exercises.append(
                    ExerciseNote(
                        id=item_id,
                        run=t.text("run"),
                        reasoning=t.text("reasoning", ""),
                        discuss=t.text("discuss", ""),
                    )
                )
            t.finish()
    if not prompts:
        raise f.fail("prompt", "needs 1 or more [[prompt]] tables, got 0")
    f.finish()
    return FacilitatorNotes(
        prompts=tuple(prompts),
        misconceptions=tuple(misconceptions),
        exercises=tuple(exercises),
        **header,
    )


def load_session(path: Path) -> SessionSettings:
    name, data = _read_toml(path)
    f = _Fields(data, name, "session")
    settings = SessionSettings(
        path=name,
        break_minutes=f.integer("break_minutes", 0, 60),
        break_from=f.integer("break_from", 30, 600),
    )
    f.finish()
    return settings


def check_notes(folder: Path, known: dict[str, Source], records) -> list[str]:
    """Problems in the notes of one language folder, one message each (for check_all).

    ``records`` are the records that loaded (modules among them); a note for a module file that
    exists but did not load is skipped (that module's own problem is reported already).
    """
    notes_dir = folder / NOTES_FOLDER
    if not notes_dir.is_dir():
        return []
    problems = []
    by_id = {m.id: m for m in records if isinstance(m, Module)}
    module_stems = {p.stem for p in folder.glob("*.toml") if p.name[:1].isdigit()}
    try:
        load_session(notes_dir / SESSION_FILE)
    except ContentError as err:
        problems.append(str(err))
    for path in note_files(notes_dir):
        if path.stem in module_stems and path.stem not in by_id:
            continue
        try:
            notes = load_notes(path, known, by_id)
        except ContentError as err:
            problems.append(str(err))
            continue
        if notes.module != path.stem:
            problems.append(
                f'{notes.path}: notes: module: "{notes.module}" must match the file name '
                f'"{path.stem}"'
            )
    return problems


def course_notes(course: Course, root: Path | None = None) -> dict[str, FacilitatorNotes]:
    """The notes of every module of a course, by module id; raises ContentError on a problem."""
    root = root or (Path(course.root) if getattr(course, "root", "") else None)
    folder = notes_folder(course.lang, root)
    stamp = tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size)
        for p in note_files(folder) + [folder / SESSION_FILE]
        if p.exists()
    )
    content_stamp = _stamp(Path(root or content_root()), course.lang)
    return dict(_course_notes(folder, course.lang, content_stamp, stamp, root))


@lru_cache(maxsize=8)
def _course_notes(folder: Path, lang: str, _content: tuple, _notes: tuple, root: Path | None):
    course = load_course(lang, root)
    known = dict(course.sources)
    by_id = {m.id: m for m in course.modules}
    result = []
    for path in note_files(folder):
        notes = load_notes(path, known, by_id)
        if notes.module != path.stem:
            raise ContentError(
                f'{notes.path}: notes: module: "{notes.module}" must match the file name '
                f'"{path.stem}"'
            )
        result.append((notes.module, notes))
    return tuple(result)


def session_settings(lang: str = "en", root: Path | None = None) -> SessionSettings:
    return load_session(notes_folder(lang, root) / SESSION_FILE)


def notes_for(course: Course, module: Module) -> FacilitatorNotes | None:
    return course_notes(course).get(module.id)


# ---------------------------------------------------------------- the answer key


def _items(values) -> str:
    return "<ul>" + "".join(f"<li>{v}</li>" for v in values) + "</ul>"


def _labelled(label: str, value: str) -> str:
    return f"<strong>{html.text(label)}</strong>: {html.text(value)}"


def good_path(item) -> list[tuple]:
    """The path a learner takes by always choosing the first "good" choice: (step, choice)."""
    path, seen = [], set()
    step = item.step(item.start)
    while not step.ending and step.id not in seen:
        seen.add(step.id)
        choice = next((c for c in step.choices if c.tone == "good"), None)
        if choice is None:
            break
        path.append((step, choice))
        step = item.step(choice.next)
    path.append((step, None))
    return path


def answer_key_html(course: Course, item: Item) -> str:
    """The answers to one exercise, with their reasoning, derived from its content record."""
    ui = course.ui
    kind = item.kind
    parts: list[str] = []
    if kind == "quiz":
        right = [o for o in item.options if o.correct]
        label = ui.key_right_multiple if item.multiple else ui.key_right
        parts.append(
            f"<p><strong>{html.text(label)}</strong></p>"
            + _items(
                f"<strong>{html.text(o.text)}</strong><br>{html.text(o.feedback)}" for o in right
            )
        )
        others = [o for o in item.options if not o.correct]
        if others:
            parts.append(
                f"<p><strong>{html.text(ui.key_other)}</strong></p>"
                + _items(f"{html.text(o.text)}<br>{html.text(o.feedback)}" for o in others)
            )
        parts.append(html.paragraph(item.explanation))
    elif kind == "myth_or_fact":
        verdict = ui.myth if item.answer == "myth" else ui.fact
        parts.append(f"<p>{_labelled(ui.key_right, verdict)}. {html.text(item.explanation)}</p>")
    elif kind == "scenario_sorter":
        parts.append(
            _items(
                f"{html.text(s.text)}<br><strong>{html.text(item.category(s.answer).label)}</strong>:"
                f" {html.text(s.feedback)}"
                for s in item.scenarios
            )
        )
    elif kind == "matching":
        parts.append(
            _items(
                f"{html.text(m.text)}<br><strong>{html.text(item.partner(m.match).text)}</strong>: "
                f"{html.text(m.feedback)}"
                for m in item.left
            )
        )
    elif kind == "definition_builder":
        rows = []
        for part in item.parts:
            options = [
                f"{html.text(o.text)}: "
                + html.text(
                    ui.key_gives.format(elements=", ".join(o.gives))
                    if o.gives
                    else ui.key_gives_nothing
                )
                for o in part.options
            ]
            rows.append(f"<strong>{html.text(part.label)}</strong>{_items(options)}")
        parts.append(_items(rows))
        for test in item.tests:
            missing = _items(_labelled(element, why) for element, why in test.missing)
            parts.append(
                f"<p><strong>{html.text(test.name)}</strong>: "
                + html.text(ui.key_requires.format(elements=", ".join(test.requires)))
                + f" {html.text(test.yes)}</p>{missing}"
            )
        parts.append(html.paragraph(item.caution))
    elif kind == "journey_map":
        parts.append(
            _items(
                f"<strong>{html.text(stage.label)}</strong>: {html.text(stage.summary)} "
                f"{html.text(ui.who_can_act)}:"
                + _items(_labelled(a.name, a.action) for a in stage.actors)
                for stage in item.stages
            )
        )
    elif kind == "spectrum":
        parts.append(html.paragraph(ui.key_order.format(low=item.low, high=item.high)))
        parts.append(
            "<ol>"
            + "".join(f"<li>{_labelled(s.label, s.description)}</li>" for s in item.steps)
            + "</ol>"
        )
    elif kind == "branching":
        rows = []
        for step, choice in good_path(item):
            row = html.text(step.text)
            if choice is not None:
                row += (
                    f"<br><strong>{html.text(choice.text)}</strong>: {html.text(choice.feedback)}"
                )
                others = [c for c in step.choices if c is not choice]
                if others:
                    row += f"<br>{html.text(ui.key_other_choices)}:" + _items(
                        f"{html.text(c.text)}: {html.text(c.feedback)}" for c in others
                    )
            rows.append(f"<li>{row}</li>")
        parts.append(
            f"<p><strong>{html.text(ui.key_good_path)}</strong></p><ol>{''.join(rows)}</ol>"
        )
    elif kind == "reflection":
        if item.points:
            parts.append(html.paragraph(ui.points_to_consider) + html.bullet_list(item.points))
        if item.guidance:
            parts.append(html.paragraph(item.guidance))
    sources = item.sources
    if sources:
        parts.append(
            f"<p><small>{html.text(ui.sources)}: {html.text(course.cite(sources))}.</small></p>"
        )
    return "".join(parts)


# ---------------------------------------------------------------- notes as HTML


def module_notes_html(course: Course, module: Module, notes: FacilitatorNotes) -> str:
    ui = course.ui
    minutes = ui.minutes.format(
        teaching=module.teaching_minutes, exercises=module.exercise_minutes, total=module.minutes
    )
    priority = {
        "required": ui.priority_required,
        "high": ui.priority_high,
        "normal": ui.priority_normal,
    }[notes.priority]
    prompts = _items(
        f"{html.text(p.question)}<br>{html.text(ui.fac_points)}:{html.bullet_list(p.points)}"
        for p in notes.prompts
    )
    body = (
        html.section(ui.fac_purpose, html.paragraph(notes.purpose), 4)
        + html.section(ui.fac_introduce, html.paragraph(notes.introduce), 4)
        + html.section(
            ui.fac_timing,
            html.paragraph(minutes)
            + html.paragraph(notes.timing)
            + html.paragraph(priority)
            + f"<p>{_labelled(ui.fac_shorten, notes.shorten)}</p>",
            4,
        )
        + html.section(ui.fac_prompts, prompts, 4)
    )
    if notes.misconceptions:
        body += html.section(
            ui.fac_misconceptions,
            _items(
                f"<em>{html.text(m.belief)}</em> {html.text(m.response)}"
                for m in notes.misconceptions
            ),
            4,
        )
    body += html.section(
        ui.fac_care, html.paragraph(notes.care) + _labelled_p(ui.fac_pause, notes.pause), 4
    )
    if notes.sources:
        cite = f"{ui.sources}: {course.cite(notes.sources)}."
        body += f"<p><small>{html.text(cite)}</small></p>"
    return body


def _labelled_p(label: str, value: str) -> str:
    return f"<p>{_labelled(label, value)}</p>"


def exercise_notes_html(course: Course, item: Item, note: ExerciseNote | None) -> str:
    ui = course.ui
    body = ""
    if note is not None:
        body += _labelled_p(ui.fac_run, note.run)
        if note.reasoning:
            body += _labelled_p(ui.fac_reasoning, note.reasoning)
        if note.discuss:
            body += _labelled_p(ui.fac_discuss, note.discuss)
    return body + html.section(ui.answer_key, answer_key_html(course, item), 4)


def _box(label: str, inner: str) -> str:
    return (
        f'<section class="lessonkit-facilitator" aria-label="{html.text(label)}" '
        'style="border: 2px dashed #35506b; padding: 0.2em 0.9em; margin: 0.4em 0;">'
        f"<h3>{html.text(label)}</h3>{inner}</section>"
    )


# ---------------------------------------------------------------- the facilitator view


class _ViewState(traitlets.HasTraits):
    """One per kernel: whether the facilitator view is on."""

    on = traitlets.Bool(False)


STATE = _ViewState()


class FacilitatorSwitch(widgets.Checkbox):
    """The labelled switch. Its plain-text form is fixed, so stored notebooks stay stable."""

    def __init__(self, label: str) -> None:
        super().__init__(
            value=STATE.on,
            description=label,
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.add_class("lessonkit-facilitator-switch")
        self._link = traitlets.link((STATE, "on"), (self, "value"))

    def __repr__(self) -> str:
        return f"[facilitator switch] {self.description}"

    def close(self) -> None:
        if self._link is not None:
            self._link.unlink()
            self._link = None
        super().close()


class FacilitatorPanel(widgets.HTML):
    """Notes and answers for one module or exercise: hidden unless the facilitator view is on."""

    def __init__(self, value: str, summary: str) -> None:
        super().__init__(value=value, layout=widgets.Layout(display=_display_for(STATE.on)))
        self.add_class("lessonkit-facilitator-panel")
        self._summary = summary
        STATE.observe(self._follow, names="on")
        self._following = True

    def _follow(self, change) -> None:
        self.layout.display = _display_for(change["new"])

    @property
    def shown(self) -> bool:
        return self.layout.display != "none"

    def __repr__(self) -> str:
        return self._summary

    def close(self) -> None:
        if self._following:
            STATE.unobserve(self._follow, names="on")
            self._following = False
        super().close()


def _display_for(on: bool) -> str | None:
    return None if on else "none"


def switch(course: Course) -> FacilitatorSwitch:
    """A fresh switch widget for the facilitator view, tied to the kernel's one shared state."""
    return FacilitatorSwitch(course.ui.facilitator_switch)


def _fingerprint(*records) -> str:
    return hashlib.sha256(repr(records).encode("utf-8")).hexdigest()[:12]


def panel(course: Course, module: Module | str, item: Item | str | None = None):
    """The facilitator panel for a module (item None) or for one of its exercises.

    Hidden (``layout.display == "none"``) unless the switch is on; it follows the switch live.
    A module without notes still gets its answer keys. Broken notes never break the lesson:
    the panel shows the content problem (file, item, field) in place of the notes.
    """
    if isinstance(module, str):
        module = course.module(module)
    if isinstance(item, str):
        item = module.item(item)
    problem = ""
    try:
        notes = notes_for(course, module)
    except ContentError as err:
        notes, problem = None, str(err)
    ui = course.ui
    if problem:
        inner = f'<p role="alert"><code>{html.text(problem)}</code></p>'
        inner += html.section(ui.answer_key, answer_key_html(course, item), 4) if item else ""
        where = f"{module.id}/{item.id}" if item else module.id
        summary = f"[facilitator notes] {where} (content problem: {problem})"
        return FacilitatorPanel(_box(ui.facilitator_notes, inner), summary)
    if item is None:
        inner = module_notes_html(course, module, notes) if notes else ""
        where, shown = module.id, (notes, module.id, module.minutes, ui)
    else:
        note = notes.exercise(item.id) if notes else None
        inner = exercise_notes_html(course, item, note)
        sources = tuple(course.sources[s] for s in item.sources)
        where, shown = f"{module.id}/{item.id}", (note, item, ui, sources)
    summary = f"[facilitator notes] {where} (content {_fingerprint(*shown)})"
    return FacilitatorPanel(_box(ui.facilitator_notes, inner), summary)
