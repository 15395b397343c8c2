"""The kernel's side of progress: one store per kernel, and exercises tied to it.

``attach`` restores an exercise's latest saved answer and keeps each new one;
``module_opened`` notes that a module's opening cell ran; ``session_notice`` gives the learner
one line when progress cannot be kept as usual, or (in a browser) says where it is kept. The
store itself (``store.py``) knows nothing of content; this module reads the course to know which
items of a module are graded.
"""

from __future__ import annotations

import sys
import threading
import weakref
from pathlib import Path

from ..content import load_course
from .browser import NO_BROWSER_STORAGE, open_browser_store
from .store import (
    SAVED_ON_REQUEST,
    NotKept,
    NullStore,
    Problem,
    ProgressStore,
    open_store,
    store_path,
)


class KernelStore:
    """The one store of this kernel: its path, the open store, and the problem last told."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.path: Path | None = None
        self.store: ProgressStore | NullStore | None = None
        self.told: Problem | None = None


KERNEL_STORE = KernelStore()
# Exercises attached in this kernel, by module id, so "Start over" can reset them.
_attached: dict[str, weakref.WeakSet] = {}


def default_store() -> ProgressStore | NullStore:
    """The store at the configured path, opened once per kernel (again if the path changes)."""
    path = store_path()
    kernel = KERNEL_STORE
    with kernel.lock:
        store = kernel.store
        if store is None or kernel.path != path:
            if store is not None:
                store.close()
            # A browser kernel (JupyterLite) keeps the store in memory, with a snapshot kept in
            # the browser's storage for the site.
            store = open_browser_store() if sys.platform == "emscripten" else open_store(path)
            kernel.path, kernel.store, kernel.told = path, store, None
        return store


def forget_default_store() -> None:
    """Close the kernel's store; the next call to default_store() opens it again."""
    kernel = KERNEL_STORE
    with kernel.lock:
        if kernel.store is not None:
            kernel.store.close()
        kernel.path, kernel.store, kernel.told = None, None, None
    _attached.clear()


#: Told once in a browser kernel where all is well: where progress is kept, and what removes it.
IN_BROWSER = Problem("in-browser")


def notice_text(problem: Problem | None, ui) -> str | None:
    if problem is None:
        return None
    if problem.kind == "damaged":
        return ui.progress_damaged.format(path=problem.where)
    if problem.kind == IN_BROWSER.kind:
        return ui.progress_in_browser
    if problem.reason == NO_BROWSER_STORAGE:
        return ui.progress_no_browser_storage
    return ui.progress_unavailable


def session_notice(lang: str = "en", once: bool = True) -> str | None:
    """One clear line for the learner when progress is not kept as usual, else None.

    With ``once`` (the default), each problem is told once per kernel: later calls return None
    until a new problem arises (for example the disk fills up mid-session).
    """
    store = default_store()
    problem = store.problem
    if problem is None and store.kept_in == "browser":
        problem = IN_BROWSER
    if problem is None or (once and KERNEL_STORE.told == problem):
        return None
    line = notice_text(problem, load_course(lang, lazy=True).ui)
    if once:
        KERNEL_STORE.told = problem
    return line


# ---------------------------------------------------------------- exercises and modules

def graded_items(module) -> tuple[str, ...]:
    """The ids of a module's items that have right and wrong answers (they make its score)."""
    return tuple(item.id for item in module.items if item.graded)


def _required(exercise, module_id: str) -> tuple[str, ...] | None:
    course = getattr(exercise, "course", None)
    if course is None or not hasattr(course, "module"):
        return None
    try:
        return graded_items(course.module(module_id))
    except KeyError:
        return None


def attach(exercise, module_id: str, store=None) -> str:
    """Show the learner's latest saved answer in ``exercise`` and keep each new one.

    Returns ``"restored"``, ``"fresh"`` (nothing saved yet) or ``"orphaned"`` (the saved answer
    no longer fits the content: it is kept, not deleted, and listed in the overview).
    """
    store = store if store is not None else default_store()
    item = exercise.item
    saved = store.latest(module_id, item.id)
    status = "fresh"
    if saved is not None:
        try:
            exercise.restore(saved.answer)
            status = "restored"
        except ValueError:
            status = "orphaned"
            store.unfit.add((module_id, item.id))
    required = _required(exercise, module_id)

    def keep(ex, answer, correct) -> None:
        kept = store.record(
            module_id,
            ex.item.id,
            ex.item.kind,
            answer,
            correct,
            bool(getattr(ex, "graded", correct is not None)),
            required=required,
        )
        if not kept and ex.item.kind in SAVED_ON_REQUEST:
            raise NotKept(store.problem.reason if store.problem else "")

    exercise.on_answer(keep)
    _attached.setdefault(module_id, weakref.WeakSet()).add(exercise)
    return status


def module_opened(module_id: str, lang: str = "en", store=None) -> bool:
    """Note that the learner opened a module (called from the module's opening cell)."""
    course = load_course(lang, lazy=True)
    module = course.module(module_id)
    store = store if store is not None else default_store()
    return store.mark_opened(module.id, graded_items(module))


def reset_attached(module_id: str | None = None) -> int:
    """Clear the live exercises of one module (or of all): after Start over or delete-all."""
    groups = [_attached.get(module_id, ())] if module_id else list(_attached.values())
    count = 0
    for group in groups:
        for exercise in list(group):
            widget = getattr(exercise, "widget", None)
            if widget is not None and getattr(widget, "comm", True) is None:
                continue  # closed when its cell was re-run: nothing on screen to clear
            exercise.reset()
            count += 1
    return count
