"""Learner progress, kept in one SQLite file on the learner's own computer and nowhere else
(where: :func:`store_path`).

What it keeps (table ``answer``): every answer checked in an exercise (module, item id, kind,
the answer as JSON, right or wrong or neither, when), and reflections only when the learner
pressed their save button. Table ``module`` keeps when each module was first and last opened and
when it was first completed. Nothing is ever sent anywhere. Answers are read in time order, so
one brought in from another computer (``portable.py``) takes its place and the newest one wins.

A module is *completed* when each of its graded checks has been answered correctly at least once
(a module with no graded check: when it has been opened). The checks let learners try again with
feedback, so reaching the right answer is what counts, not getting it on the first try. The
*score* of a module is how many of its graded checks have a correct latest answer: it matches what
the learner sees when the module is reopened, since each widget shows its latest answer.

Safety: WAL journal, a busy timeout, every write in its own ``BEGIN IMMEDIATE`` transaction, so a
killed kernel loses at most the write in progress and two kernels writing at once wait for each
other instead of failing. A damaged file is moved aside (never deleted) and a fresh one started;
when no file can be used at all (read-only folder, full disk, no ``sqlite3`` module, as in some
browser kernels) a :class:`NullStore` keeps nothing and the lessons work as usual.

This module imports only the standard library at module level (the crash tests load it alone).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

try:
    import sqlite3
except ImportError:  # some browser kernels have no sqlite3: progress is then not kept
    sqlite3 = None  # type: ignore[assignment]

PROGRESS_ENV = "LESSONKIT_PROGRESS"
APP_FOLDER = "trafficking-lessons"
FILE_NAME = "progress.sqlite3"
APPLICATION_ID = 0x4C4B5031  # "LKP1": marks the file as ours (PRAGMA application_id)
BUSY_TIMEOUT_S = 5.0
WRITE_ATTEMPTS = 2
DAMAGED_MARK = ".damaged-"

# Each schema version, as the statements that bring the previous version up to it. Applied in
# one transaction on open; PRAGMA user_version says which version a file has. Never edit a
# version once released: add the next one.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE module (module TEXT PRIMARY KEY, first_opened TEXT NOT NULL, "
        "last_opened TEXT NOT NULL, completed TEXT)",
        "CREATE TABLE answer (id INTEGER PRIMARY KEY, module TEXT NOT NULL, item TEXT NOT NULL, "
        "kind TEXT NOT NULL, answer TEXT NOT NULL, correct INTEGER, at TEXT NOT NULL)",
    ),
    2: (
        # Whether an item counts toward the score, as the widget said when it was answered.
        "ALTER TABLE answer ADD COLUMN graded INTEGER NOT NULL DEFAULT 0",
        "UPDATE answer SET graded = (correct IS NOT NULL)",
        "CREATE INDEX answer_by_item ON answer (module, item, id)",
    ),
}
SCHEMA_VERSION = max(MIGRATIONS)
TABLES = ("answer", "module")


def store_path(environ=None) -> Path:
    """The progress file: $LESSONKIT_PROGRESS, else under $XDG_DATA_HOME, else ~/.local/share."""
    env = os.environ if environ is None else environ
    override = env.get(PROGRESS_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    base = env.get("XDG_DATA_HOME", "").strip()
    # The XDG spec says a relative path there is invalid and must be ignored.
    folder = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return folder / APP_FOLDER / FILE_NAME


def now() -> str:
    """The time as ISO 8601 in UTC, to the millisecond (sorts as text)."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Answer:
    id: int
    module: str
    item: str
    kind: str
    answer: object
    correct: bool | None
    graded: bool
    at: str


@dataclass(frozen=True)
class ModuleRecord:
    module: str
    first_opened: str
    last_opened: str
    completed: str | None


@dataclass(frozen=True)
class Problem:
    """Why progress is not kept as usual: ``damaged`` (moved to ``where``) or ``unavailable``."""

    kind: str
    where: str = ""
    reason: str = ""


class NotKept(OSError):
    """Raised to a widget whose save button the learner pressed, when the answer was not kept."""


# Kinds whose widget reports an answer only when the learner presses its save button: the
# widget is told (NotKept) when that answer could not be kept, so it does not say "saved".
SAVED_ON_REQUEST = frozenset({"reflection"})


class DamagedFile(Exception):
    """The file is not a readable progress store (random bytes, truncated, another program's)."""


class NewerFile(Exception):
    """The file was written by a newer version of the lessons: leave it alone."""


def _is_damage(err: BaseException) -> bool:
    # SQLITE_CORRUPT and SQLITE_NOTADB raise DatabaseError itself; locks, full disks, read-only
    # files and missing folders raise its subclass OperationalError.
    name = getattr(err, "sqlite_errorname", "")
    if name:
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    return type(err) is sqlite3.DatabaseError


def _is_busy(err: BaseException) -> bool:
    name = getattr(err, "sqlite_errorname", "")
    if name:
        return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
    return "locked" in str(err) or "busy" in str(err)


def _encode(answer: object) -> str:
    return json.dumps(answer, ensure_ascii=False, sort_keys=True, default=str)


class ProgressStore:
    """One learner's progress file. Safe to use from several kernels at once."""

    usable = True
    kept_in = "file"  # where progress outlasts the kernel: "file", "browser", or None

    def __init__(self, path: Path, connection) -> None:
        self.path = Path(path)
        self._conn = connection
        self._lock = threading.RLock()
        self.problem: Problem | None = None
        self.unfit: set[tuple[str, str]] = set()  # (module, item): saved answer no longer fits
        self._unsaved: list[tuple[tuple[str, tuple], ...]] = []

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path) -> ProgressStore:
        """Open (creating or upgrading) the store at ``path``. Raises on any problem."""
        if sqlite3 is None:
            raise OSError("no-sqlite3-module")
        path = Path(path)
        # Private by default: on a shared server no other account can read the folder or file.
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        try:
            _check(conn)  # before anything writes: a file that is not ours stays as it was
            _retry_busy(lambda: conn.execute("PRAGMA journal_mode=WAL").fetchone())
            conn.execute("PRAGMA synchronous=NORMAL")
            _retry_busy(lambda: _migrate(conn))
        except BaseException:
            conn.close()
            raise
        return cls(path, conn)

    @classmethod
    def in_memory(cls, path: Path, snapshot: bytes | None = None) -> ProgressStore:
        """A store in memory, from ``snapshot`` (see :meth:`snapshot`); raises as :meth:`open`."""
        if sqlite3 is None:
            raise OSError("no-sqlite3-module")
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            if snapshot:
                try:
                    conn.deserialize(snapshot)
                except sqlite3.DatabaseError as err:
                    raise DamagedFile(str(err)) from None
            _check(conn)
            _migrate(conn)
        except BaseException:
            conn.close()
            raise
        return cls(path, conn)

    def snapshot(self) -> bytes:
        """The whole store as the bytes of an SQLite file (a consistent copy)."""
        with self._lock:
            return self._conn.serialize()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # ------------------------------------------------------------ writing

    def _write(self, *statements: tuple[str, tuple]) -> bool:
        """Run the statements in one transaction. Never raises: a failure keeps them in memory,
        retried with the next write, and sets :attr:`problem` so the learner is told once."""
        with self._lock:
            if self._conn is None:
                return False
            pending = [*self._unsaved, statements]
            while pending:
                try:
                    _retry_busy(lambda batch=pending[0]: self._transaction(batch))
                except (sqlite3.OperationalError, OSError) as err:  # full, read-only, I/O, busy
                    self._unsaved = pending
                    self.problem = Problem("unavailable", reason=str(err))
                    return False
                except sqlite3.Error as err:  # this write can never succeed: do not retry it
                    self._unsaved = pending[1:]
                    self.problem = Problem("unavailable", reason=str(err))
                    return False
                pending.pop(0)
            self._unsaved = []
            if self.problem is not None and self.problem.kind == "unavailable":
                self.problem = None  # kept again (the disk has room again, say)
            return True

    def _transaction(self, statements) -> None:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for sql, params in statements:
                conn.execute(sql, params)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def record(
        self,
        module: str,
        item: str,
        kind: str,
        answer: object,
        correct: bool | None,
        graded: bool,
        required: Iterable[str] | None = None,
        at: str | None = None,
    ) -> bool:
        """Keep one answer. With ``required`` (the module's graded item ids), also note the
        module as completed, in the same transaction, once each of them has been right once."""
        at = at or now()
        statements = [
            (
                "INSERT INTO answer (module, item, kind, answer, correct, graded, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (module, item, kind, _encode(answer), _flag(correct), int(bool(graded)), at),
            )
        ]
        if required is not None and correct:  # only a right answer can complete a module
            statements.append(
                (
                    "INSERT INTO module (module, first_opened, last_opened) VALUES (?, ?, ?) "
                    "ON CONFLICT (module) DO NOTHING",
                    (module, at, at),
                )
            )
            statements.append(_complete_statement(module, tuple(required), at))
        return self._write(*statements)

    def mark_opened(self, module: str, required: Iterable[str] | None = None) -> bool:
        at = now()
        statements = [
            (
                "INSERT INTO module (module, first_opened, last_opened) VALUES (?, ?, ?) "
                "ON CONFLICT (module) DO UPDATE SET last_opened = excluded.last_opened",
                (module, at, at),
            )
        ]
        if required is not None:
            statements.append(_complete_statement(module, tuple(required), at))
        return self._write(*statements)

    def start_over(self, module: str) -> bool:
        """Forget one module: its answers (orphaned ones too) and its opened/completed record."""
        return self._write(
            ("DELETE FROM answer WHERE module = ?", (module,)),
            ("DELETE FROM module WHERE module = ?", (module,)),
        )

    def delete_all(self) -> bool:
        """Forget everything, overwriting the freed space, then remove moved-aside copies."""
        with self._lock:
            if self._conn is None:
                return False
            self._unsaved = []
            try:
                self._conn.execute("PRAGMA secure_delete = ON")
            except sqlite3.Error:
                pass
            ok = self._write(*((f"DELETE FROM {table}", ()) for table in TABLES))
            if ok:
                try:
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    self._conn.execute("VACUUM")
                except sqlite3.Error:
                    pass  # the rows are gone; shrinking the file is a nicety
            for old in damaged_copies(self.path):
                try:
                    old.unlink()
                except OSError:
                    ok = False
            return ok

    # ------------------------------------------------------------ reading

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            if self._conn is None:
                return []
            try:
                return _retry_busy(lambda: self._conn.execute(sql, params).fetchall())
            except sqlite3.Error as err:
                self.problem = Problem("unavailable", reason=str(err))
                return []

    def answers(self, module: str | None = None) -> list[Answer]:
        """Every answer kept, oldest first (of one module, or of all)."""
        where, params = ("WHERE module = ?", (module,)) if module else ("", ())
        rows = self._rows(
            "SELECT id, module, item, kind, answer, correct, graded, at FROM answer "
            f"{where} ORDER BY at, id",
            params,
        )
        return [_answer(row) for row in rows]

    def latest(self, module: str, item: str) -> Answer | None:
        rows = self._rows(
            "SELECT id, module, item, kind, answer, correct, graded, at FROM answer "
            "WHERE module = ? AND item = ? ORDER BY at DESC, id DESC LIMIT 1",
            (module, item),
        )
        return _answer(rows[0]) if rows else None

    def module_state(self, module: str) -> dict[str, Answer]:
        """The latest answer to each item of a module, by item id."""
        rows = self._rows(
            "SELECT id, module, item, kind, answer, correct, graded, at FROM (SELECT *, "
            "ROW_NUMBER() OVER (PARTITION BY item ORDER BY at DESC, id DESC) AS newest "
            "FROM answer WHERE module = ?) WHERE newest = 1 ORDER BY at, id",
            (module,),
        )
        return {row[2]: _answer(row) for row in rows}

    def modules(self) -> dict[str, ModuleRecord]:
        rows = self._rows("SELECT module, first_opened, last_opened, completed FROM module")
        return {row[0]: ModuleRecord(*row) for row in rows}

    def ever_right(self, module: str) -> set[str]:
        rows = self._rows(
            "SELECT DISTINCT item FROM answer WHERE module = ? AND correct = 1", (module,)
        )
        return {row[0] for row in rows}


class NullStore:
    """Used when no progress file can be kept: remembers nothing, never fails."""

    usable = False
    kept_in = None

    def __init__(self, path: Path | None, problem: Problem) -> None:
        self.path = path
        self.problem = problem
        self.unfit: set[tuple[str, str]] = set()

    def record(self, *args, **kwargs) -> bool:
        return False

    mark_opened = start_over = delete_all = record

    def answers(self, module: str | None = None) -> list[Answer]:
        return []

    def latest(self, module: str, item: str) -> Answer | None:
        return None

    def module_state(self, module: str) -> dict[str, Answer]:
        return {}

    def modules(self) -> dict[str, ModuleRecord]:
        return {}

    def ever_right(self, module: str) -> set[str]:
        return set()

    def close(self) -> None:
        pass


# ---------------------------------------------------------------- helpers


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(bool(value))


def _answer(row: tuple) -> Answer:
    ident, module, item, kind, text, correct, graded, at = row
    return Answer(
        id=ident,
        module=module,
        item=item,
        kind=kind,
        answer=json.loads(text),
        correct=None if correct is None else bool(correct),
        graded=bool(graded),
        at=at,
    )


def _complete_statement(module: str, required: tuple[str, ...], at: str) -> tuple[str, tuple]:
    """Mark the module completed (once) when every required item has a correct answer.

    Each item is one indexed EXISTS that stops at its first right answer, and none is looked up
    once the module is completed, so the cost does not grow with the learner's history.
    """
    checks = " AND ".join(
        "EXISTS (SELECT 1 FROM answer WHERE module = ? AND item = ? AND correct = 1)"
        for _ in required
    )
    params = [p for item in required for p in (module, item)]
    return (
        "UPDATE module SET completed = ? WHERE module = ? AND completed IS NULL"
        + (f" AND {checks}" if checks else ""),
        (at, module, *params),
    )


def _retry_busy(action):
    """Run ``action``; if the database stays busy past the busy timeout, wait and try again."""
    for attempt in range(WRITE_ATTEMPTS):
        try:
            return action()
        except sqlite3.OperationalError as err:
            if not _is_busy(err) or attempt == WRITE_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


def _check(conn) -> None:
    """Raise DamagedFile unless the file is a readable store of ours (or empty)."""
    try:
        result = conn.execute("PRAGMA quick_check").fetchall()
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.DatabaseError as err:
        if _is_damage(err):
            raise DamagedFile(str(err)) from None
        raise
    if result != [("ok",)]:
        raise DamagedFile("; ".join(str(r[0]) for r in result[:3]))
    if app not in (0, APPLICATION_ID) or (app == 0 and tables):
        raise DamagedFile("not-a-progress-file")
    if version > SCHEMA_VERSION:
        raise NewerFile(f"schema-{version}-newer-than-{SCHEMA_VERSION}")
    if version and not set(TABLES) <= tables:
        raise DamagedFile("tables-missing")


def _migrate(conn) -> None:
    """Bring the file up to SCHEMA_VERSION, in one transaction (so a crash leaves the old one)."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again inside the transaction: another kernel may have upgraded it meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerFile(f"schema version {version}")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def damaged_copies(path: Path) -> list[Path]:
    """Files moved aside from ``path`` because they could not be read."""
    path = Path(path)
    try:
        return sorted(path.parent.glob(path.name + DAMAGED_MARK + "*"))
    except OSError:
        return []


def move_aside(path: Path, expected_inode: int | None = None) -> Path:
    """Rename a damaged file (and its -wal and -shm companions) to a free timestamped name."""
    path = Path(path)
    if expected_inode is not None and path.stat().st_ino != expected_inode:
        return path  # another kernel already moved it and started a fresh one
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}{DAMAGED_MARK}{stamp}")
    count = 1
    while any(Path(f"{target}{end}").exists() for end in ("", "-wal", "-shm")):
        count += 1
        target = path.with_name(f"{path.name}{DAMAGED_MARK}{stamp}-{count}")
    os.replace(path, target)
    for end in ("-wal", "-shm"):
        companion = Path(f"{path}{end}")
        if companion.exists():
            os.replace(companion, Path(f"{target}{end}"))
    return target


def open_store(path: Path) -> ProgressStore | NullStore:
    """The store at ``path``, or a NullStore saying why none can be kept. Never raises.

    A damaged file is moved aside and a fresh store started; ``store.problem`` then says where
    the old file went. (A browser kernel keeps its store in memory: ``browser.py``.)
    """
    path = Path(path)
    if sqlite3 is None:
        return NullStore(path, Problem("unavailable", reason="no-sqlite3-module"))
    try:
        try:
            inode = path.stat().st_ino
        except OSError:
            inode = None
        try:
            return ProgressStore.open(path)
        except (DamagedFile, sqlite3.DatabaseError) as err:
            if not isinstance(err, DamagedFile) and not _is_damage(err):
                raise
        moved = move_aside(path, inode)
        store = ProgressStore.open(path)
        store.problem = Problem("damaged", where=str(moved))
        return store
    except (OSError, sqlite3.Error, NewerFile, DamagedFile) as err:
        return NullStore(path, Problem("unavailable", reason=str(err)))
