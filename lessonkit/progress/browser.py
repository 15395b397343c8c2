"""Progress in a browser kernel (JupyterLite): the store in memory, a snapshot in the browser.

What the design rests on, read in the sources of pyodide-kernel 0.8 and JupyterLite 0.8:

* The kernel sees the site's own files (kept in the browser's storage for the site, IndexedDB)
  at ``/drive`` only when the page runs JupyterLite's service worker or is cross-origin
  isolated. Without them (a private window, a browser that blocks service workers) there is no
  ``/drive`` and nothing outlasts the page: the learner is told so, and nothing is kept.
* A file under ``/drive`` is read whole when opened and sent whole to the browser's storage when
  closed, as one write; a rename stores the file under the new name (replacing what was there)
  and then removes the old name. SQLite's own file access on ``/drive`` damages databases
  ("database disk image is malformed"), while in memory it works.

So the database lives in memory, and after each committed write the whole of it (the bytes of
an SQLite file) is written to ``progress.sqlite3.partial`` and renamed over the snapshot
``/drive/.trafficking-lessons/progress.sqlite3``: a page closed mid-write leaves the previous
snapshot whole, and loses at most the answer being written. The snapshot is read at the first
lesson call of each page, and checked as a file on a computer is: a damaged one is moved aside,
never deleted, and a fresh store started. The folder's leading dot hides it in the file browser.

Each notebook open in the site has a kernel of its own, each with its store in memory. Before a
write, a store that finds the snapshot changed by another (its size, time or identity differ)
first adds what that one kept, so the snapshot it writes holds both. Two writes in two notebooks
within the same few milliseconds can still leave one answer only in its own kernel's memory
until that kernel's next write; Start over or Delete in one notebook does not reach a notebook
already open in another tab, whose next write brings its answers back.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import store as _store
from .portable import merge_statements
from .store import (
    APP_FOLDER,
    FILE_NAME,
    DamagedFile,
    NewerFile,
    NullStore,
    Problem,
    ProgressStore,
    move_aside,
)

DRIVE = Path("/drive")
PARTIAL = ".partial"
NO_BROWSER_STORAGE = "no-browser-storage"


def snapshot_path(drive: Path = DRIVE) -> Path:
    return Path(drive) / f".{APP_FOLDER}" / FILE_NAME


class BrowserStore(ProgressStore):
    """A store in memory whose every committed write is also written whole to the snapshot."""

    kept_in = "browser"
    _seen: tuple | None = None  # the snapshot as last read or written here (see _stamp)

    def _write(self, *statements) -> bool:
        return super()._write(*self._catch_up(), *statements) and self.save()

    def _catch_up(self) -> list:
        """What another page of the same site (another notebook's kernel) kept since this one
        last read or wrote the snapshot, as statements that add it here. Without them, the
        next snapshot written here would drop it."""
        if self._conn is None or _stamp(self.path) == self._seen:
            return []
        try:
            other = ProgressStore.in_memory(self.path, self.path.read_bytes())
        except (OSError, _store.sqlite3.Error, DamagedFile, NewerFile):
            return []
        try:
            answers = [
                (a.module, a.item, a.kind, a.answer, a.correct, a.graded, a.at)
                for a in other.answers()
            ]
            modules = [tuple(vars(r).values()) for r in other.modules().values()]
        finally:
            other.close()
        return merge_statements(self, answers, modules)[0]

    def delete_all(self) -> bool:
        return super().delete_all() and self.save()  # again, once the freed space is cleared

    def save(self) -> bool:
        """Write the snapshot beside its place, then rename it into place. Never raises."""
        partial = self.path.with_name(self.path.name + PARTIAL)
        try:
            data = self.snapshot()
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with open(partial, "wb") as out:
                out.write(data)
            os.replace(partial, self.path)
            self._seen = _stamp(self.path)
        except (OSError, _store.sqlite3.Error) as err:
            self.problem = Problem("unavailable", reason=f"snapshot: {err}")
            return False
        if self.problem is not None and self.problem.kind == "unavailable":
            self.problem = None
        return True


def _stamp(path: Path) -> tuple | None:
    """What tells one version of the snapshot from the next (each write renames a new one in)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def open_browser_store(drive: Path = DRIVE) -> BrowserStore | NullStore:
    """The browser's store, started from its snapshot, or a NullStore saying why none can be
    kept. Never raises."""
    path = snapshot_path(drive)
    if _store.sqlite3 is None:
        return NullStore(path, Problem("unavailable", reason="no-sqlite3-module"))
    if not Path(drive).is_dir():
        return NullStore(path, Problem("unavailable", reason=NO_BROWSER_STORAGE))
    try:
        seen = _stamp(path)
        try:
            snapshot = path.read_bytes()
        except FileNotFoundError:
            snapshot = None
        try:
            store = BrowserStore.in_memory(path, snapshot)
            store._seen = seen
            return store
        except DamagedFile:
            moved = move_aside(path)
            store = BrowserStore.in_memory(path)
            store.problem = Problem("damaged", where=str(moved))
            return store
    except (OSError, _store.sqlite3.Error, NewerFile, DamagedFile) as err:
        return NullStore(path, Problem("unavailable", reason=str(err)))
