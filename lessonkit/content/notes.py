"""Facilitator notes: their records, loading and checking (``content/<lang>/facilitator/``).

Each module has one notes file, ``NN-<module-id>.toml``, read with the same reader and checks as
the rest of the content. The notes hold what only a person can add: the purpose, how to introduce
the module, discussion prompts, common misconceptions, timing, notes on care, and optional notes
per exercise. The answers are never written twice: the answer key is derived from the exercise
records (``lessonkit/render/answer_key.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from .frozen import record
from .loader import content_root, content_stamp, load_course
from .reader import ContentError, FieldReader, numbered_files, read_items, read_toml
from .records import Course, Module, Source

NOTES_FOLDER = "facilitator"
SESSION_FILE = "session.toml"
PRIORITIES = ("required", "high", "normal")
NOTE_KINDS = ("prompt", "misconception", "exercise")
#: The groups ``python -m lessonkit plan --audience`` can weight a session for.
AUDIENCES = ("border", "police", "social", "public")


@record
class Prompt:
    """A discussion question and the points a good answer touches."""

    id: str
    question: str
    points: tuple[str, ...]


@record
class Misconception:
    id: str
    belief: str  # what people often think
    response: str  # what to say instead, in plain words


@record
class ExerciseNote:
    """The human part of one exercise's notes; the answers come from the exercise itself."""

    id: str  # the id of an item of the module
    run: str  # how to run it in the room
    reasoning: str = ""  # reasoning beyond the feedback learners see
    discuss: str = ""  # a follow-up question for the group


@record
class Segment:
    """One timed part of a module in the room: what happens, and for how many minutes."""

    what: str
    minutes: int


@record
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
    segments: tuple[Segment, ...] = ()  # they add up to the module's minutes
    audiences: tuple[str, ...] = ()  # the groups for whom this module matters most

    @property
    def required(self) -> bool:
        return self.priority == "required"

    def exercise(self, item_id: str) -> ExerciseNote | None:
        return next((e for e in self.exercises if e.id == item_id), None)


@record
class SessionSettings:
    """Course-wide settings for session plans."""

    path: str
    break_minutes: int  # one break of this length ...
    break_from: int  # ... in any session at least this long


# ---------------------------------------------------------------- loading and checking


def notes_folder(lang: str = "en", root: Path | None = None) -> Path:
    return (root or content_root()) / lang / NOTES_FOLDER


def load_notes(path: Path, known: dict[str, Source], modules: Mapping[str, Module]):
    """Read and check one notes file against the modules it may describe (by id)."""
    name, data = read_toml(path)
    f = FieldReader(data, name, "notes")
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
        for item_id, t in read_items(tables, name, kind, owner):
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
    header["segments"] = read_segments(f, module)
    header["audiences"] = f.texts("audiences", 0, len(AUDIENCES), default=[])
    for index, audience in enumerate(header["audiences"], 1):
        if audience not in AUDIENCES:
            allowed = ", ".join(AUDIENCES)
            raise f.fail(f"audiences[{index}]", f'"{audience}" is not one of {allowed}')
    f.finish()
    return FacilitatorNotes(
        prompts=tuple(prompts),
        misconceptions=tuple(misconceptions),
        exercises=tuple(exercises),
        **header,
    )


def read_segments(f: FieldReader, module: Module) -> tuple[Segment, ...]:
    """The module's timed segments; their minutes must add up to the module's minutes."""
    segments = []
    for index, table in enumerate(f.tables("segment", 1, 20, "segments"), 1):
        s = f.sub("segment", index, table)
        segments.append(Segment(what=s.text("what"), minutes=s.integer("minutes", 1, 60)))
        s.finish()
    total = sum(s.minutes for s in segments)
    if total != module.minutes:
        raise f.fail(
            "segment",
            f"the segments add up to {total} minutes, but the module takes {module.minutes} "
            f"({module.teaching_minutes} teaching + {module.exercise_minutes} exercises)",
        )
    return tuple(segments)


def load_session(path: Path) -> SessionSettings:
    name, data = read_toml(path)
    f = FieldReader(data, name, "session")
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
    module_stems = {p.stem for p in numbered_files(folder)}
    try:
        load_session(notes_dir / SESSION_FILE)
    except ContentError as err:
        problems.append(str(err))
    for path in numbered_files(notes_dir):
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
    root = _root_of(course, root)
    folder = notes_folder(course.lang, root)
    content_key = content_stamp(Path(root or content_root()), course.lang)
    found = (_read_notes(path, course.lang, content_key, root) for path in numbered_files(folder))
    return {notes.module: notes for notes in found}


def session_settings(lang: str = "en", root: Path | None = None) -> SessionSettings:
    return load_session(notes_folder(lang, root) / SESSION_FILE)


def notes_for(course: Course, module: Module) -> FacilitatorNotes | None:
    """The notes of one module (None without a notes file); raises ContentError on a problem.

    Reads that module's file only: a notebook's panels never parse the other modules' notes,
    and a mistake in one module's notes shows only in that module's panels."""
    root = _root_of(course)
    path = notes_folder(course.lang, root) / f"{module.id}.toml"
    if not path.exists():
        return None
    content_key = content_stamp(Path(root or content_root()), course.lang)
    return _read_notes(path, course.lang, content_key, root)


def _root_of(course: Course, root: Path | None = None) -> Path | None:
    return root or (Path(course.root) if getattr(course, "root", "") else None)


def _read_notes(path: Path, lang: str, content_key: tuple, root: Path | None):
    """One notes file, read again only when it or the course's content has changed."""
    found = path.stat()
    return _module_notes(path, lang, content_key, (found.st_mtime_ns, found.st_size), root)


@lru_cache(maxsize=32)
def _module_notes(path: Path, lang: str, _content: tuple, _stamp: tuple, root: Path | None):
    course = load_course(lang, root, lazy=True)
    notes = load_notes(path, dict(course.sources), course.modules_by_id())
    if notes.module != path.stem:
        raise ContentError(
            f'{notes.path}: notes: module: "{notes.module}" must match the file name '
            f'"{path.stem}"'
        )
    return notes
