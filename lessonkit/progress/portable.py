"""The learner's progress as one file to carry to another computer, and bringing such a file in.

    data = dump(store)              # bytes: JSON with a format name, a version and a checksum
    came = bring_in(store, data)    # merges it; raises Refused, changing nothing, if it cannot

The file holds what the store keeps (every answer and module record), never a path or a name.
Bringing it in adds what is not kept yet: nothing kept is lost or overwritten, answers take their
place by time (so the newest answer to an item wins), and a module keeps its earliest opening and
completion. A file is refused, for one reason, when it is

* ``damaged``: not JSON, cut short, too large, or not shaped as this format says;
* ``changed``: what it holds does not match its checksum (edited by hand, or damaged). The
  checksum finds accidents and edits; it is no signature: whoever edits the file can redo it;
* ``newer``: written by a newer version of the lessons;
* ``other``: not a progress file of these lessons (another kind of file, or other lessons).

Standard library and the store only, like the store itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .store import APP_FOLDER, _encode, now

FORMAT = "lessonkit-progress-file"
VERSION = 1
LESSONS = APP_FOLDER  # which lessons a file is for
MAX_BYTES = 32 * 1024 * 1024
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00")
REASONS = ("damaged", "changed", "newer", "other")


class Refused(ValueError):
    """The file cannot be brought in; ``reason`` is one of :data:`REASONS`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Incoming:
    answers: list[tuple]  # (module, item, kind, answer, correct, graded, at)
    modules: list[tuple]  # (module, first_opened, last_opened, completed)
    exported: str


@dataclass(frozen=True)
class Came:
    """What a file brought: how many answers were new, and the modules it touched."""

    answers: int
    modules: tuple[str, ...]


def _checksum(body: dict) -> str:
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def dump(store) -> bytes:
    """Everything the store keeps, as the bytes of one progress file."""
    body = {
        "format": FORMAT,
        "version": VERSION,
        "lessons": LESSONS,
        "exported": now(),
        "answers": [
            {
                "module": a.module,
                "item": a.item,
                "kind": a.kind,
                "answer": a.answer,
                "correct": a.correct,
                "graded": a.graded,
                "at": a.at,
            }
            for a in store.answers()
        ],
        "modules": [
            {
                "module": r.module,
                "first_opened": r.first_opened,
                "last_opened": r.last_opened,
                "completed": r.completed,
            }
            for r in sorted(store.modules().values(), key=lambda r: r.module)
        ],
    }
    body["checksum"] = _checksum(body)
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write(store, path: Path) -> Path:
    """Write the progress file at ``path``, readable by its owner only. Never overwrites:
    raises FileExistsError instead."""
    data = dump(store)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
    except BaseException:
        Path(path).unlink(missing_ok=True)  # no half file left behind
        raise
    return Path(path)


def _text(value, pattern=None) -> bool:
    return isinstance(value, str) and bool(value) and (pattern is None or pattern.fullmatch(value))


def _answer(row) -> tuple:
    fields = ("module", "item", "kind", "answer", "correct", "graded", "at")
    if not isinstance(row, dict) or set(row) != set(fields):
        raise Refused("damaged")
    if not all(_text(row[k]) for k in ("module", "item", "kind")) or not _text(row["at"], TIME):
        raise Refused("damaged")
    if row["correct"] not in (True, False, None) or not isinstance(row["graded"], bool):
        raise Refused("damaged")
    if row["correct"] is not None and not isinstance(row["correct"], bool):
        raise Refused("damaged")  # 1 and 0 equal True and False, but are not what we write
    return tuple(row[k] for k in fields)


def _module(row) -> tuple:
    fields = ("module", "first_opened", "last_opened", "completed")
    if not isinstance(row, dict) or set(row) != set(fields) or not _text(row["module"]):
        raise Refused("damaged")
    if not (_text(row["first_opened"], TIME) and _text(row["last_opened"], TIME)):
        raise Refused("damaged")
    if row["completed"] is not None and not _text(row["completed"], TIME):
        raise Refused("damaged")
    return tuple(row[k] for k in fields)


def read(data: bytes) -> Incoming:
    """The answers and module records of a progress file. Raises Refused, never anything else."""
    if not isinstance(data, (bytes, bytearray)) or len(data) > MAX_BYTES:
        raise Refused("damaged")
    try:
        body = json.loads(bytes(data).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused("damaged") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise Refused("other")
    version = body.get("version")
    if type(version) is not int or version < 1:
        raise Refused("damaged")
    if version > VERSION:
        raise Refused("newer")  # its layout may differ: read nothing more of it
    if body.get("lessons") != LESSONS:
        raise Refused("other")
    checksum = body.pop("checksum", None)
    try:
        expected = _checksum(body)
    except (TypeError, ValueError, RecursionError):
        raise Refused("damaged") from None
    if checksum != expected:
        raise Refused("changed")
    answers, modules = body.get("answers"), body.get("modules")
    if not isinstance(answers, list) or not isinstance(modules, list):
        raise Refused("damaged")
    if not _text(body.get("exported"), TIME):
        raise Refused("damaged")
    try:
        for row in answers:
            _encode(row.get("answer") if isinstance(row, dict) else None)
    except (TypeError, ValueError, RecursionError):
        raise Refused("damaged") from None
    return Incoming([_answer(r) for r in answers], [_module(r) for r in modules], body["exported"])


def bring_in(store, data: bytes, known_modules=None) -> Came:
    """Merge a progress file into ``store``, in one transaction. With ``known_modules`` (the ids
    of the course's modules), a file that names none of them is progress of other lessons.

    Raises Refused (and changes nothing) for a file that cannot be brought in, and OSError when
    the store cannot be written (then nothing was changed either)."""
    incoming = read(data)
    if not getattr(store, "usable", False):
        raise OSError("not-kept")
    named = {row[0] for row in incoming.answers} | {row[0] for row in incoming.modules}
    if known_modules is not None and named and not named & set(known_modules):
        raise Refused("other")
    statements, new = merge_statements(store, incoming.answers, incoming.modules)
    if statements and not store._write(*statements):
        # Not kept for a later retry: the learner is told, and may bring the file in again.
        store._unsaved = [batch for batch in store._unsaved if batch != tuple(statements)]
        raise OSError(store.problem.reason if store.problem else "not-kept")
    touched = {row[0] for row in new} | {row[0] for row in incoming.modules}
    return Came(len(new), tuple(sorted(touched)))


def merge_statements(store, answers: list[tuple], modules: list[tuple]) -> tuple[list, list]:
    """The statements that add to ``store`` the answers it does not keep yet and merge the
    module records (earliest opening and completion, latest opening); and the new answers."""
    kept = {
        (a.module, a.item, a.kind, _encode(a.answer), a.correct, a.graded, a.at)
        for a in store.answers()
    }
    new: dict[tuple, tuple] = {}
    for row in answers:
        key = (*row[:3], _encode(row[3]), *row[4:])
        if key not in kept:
            new.setdefault(key, row)
    statements = [
        (
            "INSERT INTO answer (module, item, kind, answer, correct, graded, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (m, i, k, _encode(a), None if c is None else int(c), int(g), at),
        )
        for m, i, k, a, c, g, at in new.values()
    ]
    statements += [
        (
            "INSERT INTO module VALUES (?, ?, ?, ?) ON CONFLICT (module) DO UPDATE SET "
            "first_opened = min(first_opened, excluded.first_opened), "
            "last_opened = max(last_opened, excluded.last_opened), completed = "
            "coalesce(min(completed, excluded.completed), completed, excluded.completed)",
            tuple(row),
        )
        for row in modules
    ]
    return statements, list(new.values())
