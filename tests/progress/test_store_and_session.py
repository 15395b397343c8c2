"""The progress store: what it keeps, how widgets get their answers back, and every fault.

Widgets are stood in for by a small fake exercise with the agreed interface (item, answer,
restore, on_answer, reset, graded), so these tests do not depend on any one widget.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from lessonkit import progress
from lessonkit.progress import Problem, ProgressStore, open_store

HERE = Path(__file__).resolve().parent
WRITER = HERE / "progress_writer.py"
ROOT = HERE.parent.parent
DAMAGED_NAME = re.compile(r"^progress\.sqlite3\.damaged-\d{8}-\d{6}(-\d+)?$")


class FakeExercise:
    """What every exercise widget offers the progress store, and nothing more."""

    def __init__(self, item_id="q1", kind="quiz", graded=True, fits=lambda answer: True):
        self.item = SimpleNamespace(id=item_id, kind=kind)
        self.graded = graded
        self.fits = fits
        self.shown = None
        self.callbacks = []
        self.resets = 0

    def answer(self):
        return self.shown

    def restore(self, answer):
        if not self.fits(answer):
            raise ValueError("this answer no longer fits the content")
        self.shown = answer

    def on_answer(self, callback):
        self.callbacks.append(callback)

    def reset(self):
        self.shown = None
        self.resets += 1

    # -- what a learner does
    def check(self, answer, correct):
        self.shown = answer
        for callback in self.callbacks:
            callback(self, answer, correct)


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# ---------------------------------------------------------------- where the file lives


def test_path_from_the_environment_variable_wins(tmp_path):
    env = {"LESSONKIT_PROGRESS": str(tmp_path / "mine.db"), "XDG_DATA_HOME": "/elsewhere"}
    assert progress.store_path(env) == tmp_path / "mine.db"


def test_path_under_xdg_data_home(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path)}
    assert progress.store_path(env) == tmp_path / "trafficking-lessons" / "progress.sqlite3"


def test_path_defaults_to_local_share_in_home():
    expected = Path.home() / ".local" / "share" / "trafficking-lessons" / "progress.sqlite3"
    assert progress.store_path({}) == expected
    # A relative XDG_DATA_HOME is invalid by the XDG spec and is ignored.
    assert progress.store_path({"XDG_DATA_HOME": "relative/dir"}) == expected


def test_tests_never_use_the_real_home_folder(private_store):
    assert progress.store_path() == private_store
    assert progress.default_store().path == private_store
    assert not str(private_store).startswith(str(Path.home() / ".local"))


# ---------------------------------------------------------------- what it keeps


def test_file_is_wal_with_our_schema_version_and_id(store, private_store):
    assert store.usable and store.problem is None
    assert rows(private_store, "PRAGMA journal_mode") == [("wal",)]
    assert rows(private_store, "PRAGMA user_version") == [(progress.SCHEMA_VERSION,)]
    assert rows(private_store, "PRAGMA application_id") == [(progress.APPLICATION_ID,)]


def test_answers_are_kept_in_order_with_time_and_result(store):
    assert store.record("m1", "q1", "quiz", 2, False, True)
    assert store.record("m1", "q1", "quiz", 0, True, True)
    assert store.record("m1", "r1", "reflection", "My own words\nline two", None, False)
    history = store.answers("m1")
    assert [(a.item, a.answer, a.correct, a.graded) for a in history] == [
        ("q1", 2, False, True),
        ("q1", 0, True, True),
        ("r1", "My own words\nline two", None, False),
    ]
    assert all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", a.at) for a in history)
    assert store.latest("m1", "q1").answer == 0
    assert set(store.module_state("m1")) == {"q1", "r1"}
    assert store.latest("m1", "nothing") is None
    assert store.answers("other") == []


def test_answers_round_trip_as_json(store):
    answer = {"parts": {"act": "recruits", "means": None}, "order": [3, 1, 2], "note": "é ✔"}
    store.record("m1", "b1", "definition_builder", answer, None, False)
    assert store.latest("m1", "b1").answer == answer


def test_modules_opened_are_kept(store):
    store.mark_opened("m1")
    first = store.modules()["m1"]
    time.sleep(0.002)
    store.mark_opened("m1")
    again = store.modules()["m1"]
    assert again.first_opened == first.first_opened
    assert again.last_opened > first.last_opened
    assert again.completed is None


def test_completed_once_every_graded_item_was_right_once(store):
    required = ["q1", "q2"]
    store.mark_opened("m1", required)
    store.record("m1", "q1", "quiz", 1, True, True, required)
    store.record("m1", "q2", "quiz", 0, False, True, required)
    assert store.modules()["m1"].completed is None
    store.record("m1", "q2", "quiz", 2, True, True, required)
    done = store.modules()["m1"].completed
    assert done is not None
    # Completion is history: a later wrong answer does not undo it, nor move its date.
    store.record("m1", "q1", "quiz", 0, False, True, required)
    assert store.modules()["m1"].completed == done


def test_module_without_graded_items_is_completed_when_opened(store):
    store.mark_opened("m2", [])
    assert store.modules()["m2"].completed is not None


def test_reflections_are_kept_only_when_saved(store):
    """The store keeps what the widget reports; a reflection reports only on its save button."""
    reflection = FakeExercise("r1", "reflection", graded=False)
    progress.attach(reflection, "m1", store)
    reflection.shown = "typed but never saved"
    assert store.answers() == []
    reflection.check("saved on purpose", None)
    assert [(a.answer, a.correct, a.graded) for a in store.answers()] == [
        ("saved on purpose", None, False)
    ]


# ---------------------------------------------------------------- widgets remember


def test_attach_restores_the_latest_answer_and_keeps_new_ones(store):
    first = FakeExercise()
    assert progress.attach(first, "m1", store) == "fresh"
    first.check(2, False)
    first.check(1, True)
    assert [a.answer for a in store.answers("m1")] == [2, 1]

    again = FakeExercise()  # the module re-opened, or the kernel restarted
    assert progress.attach(again, "m1", store) == "restored"
    assert again.shown == 1
    again.check(3, False)
    assert store.latest("m1", "q1").answer == 3


def test_restore_does_not_record_again(store):
    FakeExercise().check(1, True)  # not attached: nothing kept
    assert store.answers() == []
    store.record("m1", "q1", "quiz", 1, True, True)
    progress.attach(FakeExercise(), "m1", store)
    assert len(store.answers()) == 1


def test_answer_that_no_longer_fits_is_kept_and_reported_orphaned(store):
    store.record("m1", "q1", "quiz", 5, True, True)  # option 5 was removed since
    exercise = FakeExercise(fits=lambda answer: answer < 3)
    assert progress.attach(exercise, "m1", store) == "orphaned"
    assert exercise.shown is None
    assert ("m1", "q1") in store.unfit
    exercise.check(1, True)
    assert [a.answer for a in store.answers("m1")] == [5, 1]  # the old answer is still there


def test_attach_uses_the_kernel_store_by_default(private_store):
    exercise = FakeExercise()
    progress.attach(exercise, "m1")
    exercise.check(0, True)
    assert rows(private_store, "SELECT item, answer FROM answer") == [("q1", "0")]
    assert progress.default_store() is progress.default_store()  # opened once per kernel


def test_start_over_clears_one_module_and_resets_its_widgets(store):
    mine, other = FakeExercise("q1"), FakeExercise("q9")
    progress.attach(mine, "m1", store)
    progress.attach(other, "m2", store)
    mine.check(1, True)
    other.check(2, True)
    store.mark_opened("m1")
    assert store.start_over("m1")
    assert progress.reset_attached("m1") == 1
    assert mine.resets == 1 and other.resets == 0
    assert store.answers("m1") == [] and "m1" not in store.modules()
    assert [a.answer for a in store.answers("m2")] == [2]


def test_delete_all_forgets_everything_including_moved_aside_copies(store, private_store):
    store.record("m1", "q1", "quiz", "a secret reflection", None, False)
    store.mark_opened("m1")
    aside = private_store.with_name(private_store.name + ".damaged-20240101-000000")
    aside.write_bytes(b"old damaged copy")
    assert store.delete_all()
    assert store.answers() == [] and store.modules() == {}
    assert not aside.exists()
    for name in (private_store, Path(f"{private_store}-wal")):
        if name.exists():
            assert b"a secret reflection" not in name.read_bytes()
    store.record("m1", "q1", "quiz", 1, True, True)  # still works afterwards
    assert len(store.answers()) == 1


# ---------------------------------------------------------------- damaged files


def _valid_store_with_rows(path: Path, count: int = 400) -> None:
    s = open_store(path)
    for index in range(count):
        s.record("m1", f"q{index}", "quiz", {"text": "x" * 200}, True, True)
    s._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()


def _truncate(path: Path) -> None:
    _valid_store_with_rows(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


DAMAGE = {
    "random bytes": lambda p: p.write_bytes(random.Random(5).randbytes(8192)),
    "truncated": _truncate,
    "not sqlite": lambda p: p.write_text("These are my notes, not a database.\n" * 20),
    "another program's database": lambda p: sqlite3.connect(p).executescript(
        "CREATE TABLE photos (name TEXT); INSERT INTO photos VALUES ('holiday');"
    ),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_damaged_file_is_moved_aside_and_a_fresh_store_started(damage, private_store):
    private_store.parent.mkdir(parents=True)
    DAMAGE[damage](private_store)
    before = private_store.read_bytes()

    store = progress.default_store()
    assert store.usable
    assert store.problem.kind == "damaged"
    moved = Path(store.problem.where)
    assert DAMAGED_NAME.match(moved.name), moved.name
    assert moved.read_bytes() == before  # kept as it was, never deleted
    assert store.record("m1", "q1", "quiz", 1, True, True)
    assert store.answers()[0].answer == 1

    line = progress.session_notice()
    assert str(moved) in line and "\n" not in line
    assert progress.session_notice() is None  # told once
    assert progress.session_notice(once=False) == line


def test_second_damaged_file_gets_its_own_name(private_store):
    private_store.parent.mkdir(parents=True)
    moved = []
    for _ in range(2):
        private_store.write_text("not a database at all, twice over")
        store = open_store(private_store)
        moved.append(Path(store.problem.where))
        store.close()
    assert moved[0] != moved[1] and all(p.exists() for p in moved)
    assert len(progress.damaged_copies(private_store)) == 2


def test_file_from_a_newer_version_is_left_alone(private_store):
    private_store.parent.mkdir(parents=True)
    conn = sqlite3.connect(private_store)
    conn.execute(f"PRAGMA application_id = {progress.APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {progress.SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE future (x)")
    conn.commit()
    conn.close()
    before = private_store.read_bytes()
    store = open_store(private_store)
    assert not store.usable and store.problem.kind == "unavailable"
    assert private_store.read_bytes() == before
    assert progress.damaged_copies(private_store) == []


# ---------------------------------------------------------------- schema changes

# The first schema, frozen here as it was released: a file made by it must always open.
SCHEMA_1 = """
CREATE TABLE module (module TEXT PRIMARY KEY, first_opened TEXT NOT NULL,
    last_opened TEXT NOT NULL, completed TEXT);
CREATE TABLE answer (id INTEGER PRIMARY KEY, module TEXT NOT NULL, item TEXT NOT NULL,
    kind TEXT NOT NULL, answer TEXT NOT NULL, correct INTEGER, at TEXT NOT NULL);
INSERT INTO module VALUES ('m1', '2025-01-01T10:00:00.000+00:00',
    '2025-01-02T10:00:00.000+00:00', NULL);
INSERT INTO answer (module, item, kind, answer, correct, at) VALUES
    ('m1', 'q1', 'quiz', '2', 0, '2025-01-01T10:01:00.000+00:00'),
    ('m1', 'q1', 'quiz', '1', 1, '2025-01-01T10:02:00.000+00:00'),
    ('m1', 'r1', 'reflection', '"kept words"', NULL, '2025-01-01T10:03:00.000+00:00');
PRAGMA application_id = 1280004145;
PRAGMA user_version = 1;
"""


def make_schema_1_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_1)
    conn.close()


def test_a_file_made_by_the_first_schema_is_upgraded_in_place(private_store):
    make_schema_1_file(private_store)
    store = open_store(private_store)
    assert store.usable and store.problem is None
    assert rows(private_store, "PRAGMA user_version") == [(progress.SCHEMA_VERSION,)]
    assert [(a.item, a.answer, a.correct, a.graded) for a in store.answers()] == [
        ("q1", 2, False, True),
        ("q1", 1, True, True),
        ("r1", "kept words", None, False),
    ]
    assert store.modules()["m1"].first_opened.startswith("2025-01-01")
    assert ("answer_by_item",) in rows(
        private_store, "SELECT name FROM sqlite_master WHERE type = 'index'"
    )
    store.record("m1", "q2", "quiz", 0, True, True)
    assert store.latest("m1", "q2").graded


def test_a_failed_upgrade_leaves_the_old_file_as_it_was(private_store, monkeypatch):
    make_schema_1_file(private_store)
    broken = (*progress.MIGRATIONS[2], "INSERT INTO no_such_table VALUES (1)")
    monkeypatch.setitem(progress.MIGRATIONS, 2, broken)
    store = open_store(private_store)
    assert not store.usable and store.problem.kind == "unavailable"
    assert rows(private_store, "PRAGMA user_version") == [(1,)]
    assert "graded" not in [r[1] for r in rows(private_store, "PRAGMA table_info(answer)")]
    assert len(rows(private_store, "SELECT * FROM answer")) == 3
    assert progress.damaged_copies(private_store) == []


# ---------------------------------------------------------------- no usable store


def run_python(code: str, env: dict | None = None, prefix=(), **kwargs):
    return subprocess.run(
        [*prefix, sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        **kwargs,
    )


LESSONS_WITHOUT_A_STORE = """
import json, lessonkit
from lessonkit import progress
from lessonkit.progress import export as progress_export
from lessonkit.progress import overview as progress_view
from lessonkit.progress import summary as progress_summary
from lessonkit.content import load_course
course = load_course("en")
store = progress.default_store()
first, second = progress.session_notice(), progress.session_notice()
progress.module_opened(course.modules[0].id)
class Fake:
    graded = True
    def __init__(self): self.item = type("I", (), {"id": "q1", "kind": "quiz"})(); self.cbs = []
    def restore(self, answer): pass
    def on_answer(self, cb): self.cbs.append(cb)
ex = Fake()
status = progress.attach(ex, "m1")
for cb in ex.cbs: cb(ex, 1, True)
view = progress_view.overview(course)
for module in course.modules:
    for item in module.items:
        lessonkit.show(module.id, item.id)._repr_mimebundle_()
print(json.dumps({"usable": store.usable, "first": first, "second": second, "status": status,
                  "repr": repr(view), "disabled": view.delete_button.disabled,
                  "html": view.summary_html.value}))
"""


def no_store_result(result) -> dict:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def check_lessons_work_without_a_store(out: dict, course) -> None:
    assert out["usable"] is False
    assert out["first"] == course.ui.progress_unavailable
    assert out["second"] is None  # a single notice
    assert out["status"] == "fresh" and out["repr"] == "progress overview"
    assert out["disabled"] is True
    assert course.ui.progress_unavailable in out["html"].replace("&#x27;", "'")


def test_no_sqlite3_module_lessons_still_work(course):
    code = "import sys; sys.modules['sqlite3'] = None\n" + LESSONS_WITHOUT_A_STORE
    check_lessons_work_without_a_store(no_store_result(run_python(code)), course)


def test_read_only_folder_lessons_still_work(tmp_path, course):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    # root ignores file modes: run the kernel without any capability, as an ordinary user is.
    prefix = ["setpriv", "--bounding-set=-all", "--inh-caps=-all"] if os.geteuid() == 0 else []
    env = {progress.PROGRESS_ENV: str(folder / "progress.sqlite3")}
    try:
        check_lessons_work_without_a_store(
            no_store_result(run_python(LESSONS_WITHOUT_A_STORE, env, prefix)), course
        )
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_read_only_existing_file_is_not_treated_as_damaged(tmp_path, course):
    folder = tmp_path / "read-only"
    path = folder / "progress.sqlite3"
    _valid_store_with_rows(path, 3)
    before = path.read_bytes()
    path.chmod(0o444)
    folder.chmod(0o555)
    prefix = ["setpriv", "--bounding-set=-all", "--inh-caps=-all"] if os.geteuid() == 0 else []
    try:
        result = run_python(LESSONS_WITHOUT_A_STORE, {progress.PROGRESS_ENV: str(path)}, prefix)
        check_lessons_work_without_a_store(no_store_result(result), course)
        assert path.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["progress.sqlite3"]
    finally:
        folder.chmod(0o755)


def test_folder_that_cannot_be_made(tmp_path, course):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    env = {progress.PROGRESS_ENV: str(blocker / "sub" / "progress.sqlite3")}
    check_lessons_work_without_a_store(
        no_store_result(run_python(LESSONS_WITHOUT_A_STORE, env)), course
    )


DISK_FULL = """
import resource, signal, sys, json
sys.path.insert(0, "tests/progress")
from progress_writer import load_progress
progress = load_progress()
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write past the limit fails, as on a full disk
path = Path(sys.argv[1])
store = progress.open_store(path)
ok = [store.record("m1", "q0", "quiz", "before the disk filled", True, True)]
size = path.stat().st_size + Path(str(path) + "-wal").stat().st_size
resource.setrlimit(resource.RLIMIT_FSIZE, (size + 4096, resource.RLIM_INFINITY))
for index in range(1, 200):
    ok.append(store.record("m1", f"q{index}", "quiz", "x" * 2000, True, True))
resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))
fresh = progress.open_store(Path(sys.argv[2]))
print(json.dumps({"ok": ok, "problem": store.problem and store.problem.kind,
                  "kept": [a.item for a in store.answers()][:1],
                  "fresh": [fresh.usable, fresh.problem and fresh.problem.kind]}))
"""


def test_disk_full_is_one_notice_and_no_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", DISK_FULL, str(tmp_path / "p.sqlite3"), str(tmp_path / "q.db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["ok"][0] is True and False in out["ok"]  # writes failed once the disk was full
    assert out["problem"] == "unavailable"
    assert out["kept"] == ["q0"]  # what was kept before is still there
    assert out["fresh"] == [False, "unavailable"]  # a new store on a full disk: none, no crash


def test_a_failed_write_is_kept_in_memory_and_retried(store, monkeypatch):
    calls = {"n": 0}
    real = store._transaction

    def flaky(statements):
        calls["n"] += 1
        if calls["n"] == 1:
            raise sqlite3.OperationalError("database or disk is full")
        return real(statements)

    monkeypatch.setattr(store, "_transaction", flaky)
    assert store.record("m1", "q1", "quiz", 1, True, True) is False
    assert store.problem == Problem("unavailable", reason="database or disk is full")
    assert store.record("m1", "q2", "quiz", 2, True, True) is True
    assert [a.item for a in store.answers()] == ["q1", "q2"]
    assert store.problem is None  # kept again: no notice left standing


def test_a_write_that_can_never_succeed_does_not_block_later_ones(store, monkeypatch):
    real = store._transaction

    def broken_once(statements):
        monkeypatch.setattr(store, "_transaction", real)
        raise sqlite3.IntegrityError("constraint failed")

    monkeypatch.setattr(store, "_transaction", broken_once)
    assert store.record("m1", "q1", "quiz", 1, True, True) is False
    assert store.record("m1", "q2", "quiz", 2, True, True) is True
    assert [a.item for a in store.answers()] == ["q2"]


# ---------------------------------------------------------------- two kernels at once


def test_a_held_lock_makes_a_write_wait_not_fail(store, private_store):
    other = sqlite3.connect(private_store, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.4, lambda: other.execute("COMMIT"))
    release.start()
    started = time.perf_counter()
    assert store.record("m1", "q1", "quiz", 1, True, True)
    assert time.perf_counter() - started >= 0.3
    release.join()
    other.close()
    assert store.problem is None


def test_two_kernels_writing_at_once_lose_nothing(private_store):
    private_store.parent.mkdir(parents=True)
    count = 300
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(private_store), tag, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    outputs = [w.communicate(timeout=120) for w in writers]
    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, out[-500:] + err
        assert "locked" not in out + err and "problem" not in out
        assert out.split()[-1] == "done"
    kept = {r[0] for r in rows(private_store, "SELECT item FROM answer")}
    assert kept == {f"{tag}-{i}" for tag in "ab" for i in range(count)}
    assert rows(private_store, "PRAGMA integrity_check") == [("ok",)]


# ---------------------------------------------------------------- crash safety


def test_writer_killed_at_random_moments_loses_no_committed_write(private_store):
    private_store.parent.mkdir(parents=True)
    rng = random.Random(20240501)
    committed: set[str] = set()
    kills_while_writing = 0
    for run in range(50):
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(private_store), f"r{run}", "1000000"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        first = []
        if run % 5 == 0:
            time.sleep(rng.uniform(0.0, 0.1))  # while starting, opening or creating the file
        else:
            assert writer.stdout.readline() == b"ready\n"
            first = [writer.stdout.readline().decode().strip()]  # writing has begun
            time.sleep(rng.uniform(0.0, 0.04))  # mid-write: a random one of many transactions
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        lines = first + out.decode().split()
        reported = [line for line in lines if line.startswith(f"r{run}-")]
        kills_while_writing += bool(reported)
        committed.update(reported)

        conn = sqlite3.connect(private_store)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"run {run}"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        # Killed before the schema was made (the first run): nothing was reported either.
        kept = {r[0] for r in conn.execute("SELECT item FROM answer")} if tables else set()
        conn.close()
        missing = committed - kept
        assert not missing, f"run {run}: reported committed but lost: {sorted(missing)[:5]}"
    assert kills_while_writing >= 40 and len(committed) > 80
    store = open_store(private_store)
    assert store.usable and store.problem is None  # never mistaken for a damaged file
    assert progress.damaged_copies(private_store) == []
    store.close()


def test_store_class_opens_only_its_own_path(tmp_path):
    one = ProgressStore.open(tmp_path / "one.sqlite3")
    one.record("m", "i", "quiz", 1, True, True)
    one.close()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "one.sqlite3"
    ]


# ---------------------------------------------------------------- with the real widgets


def first_item(course, kind):
    for module in course.modules:
        for item in module.items:
            if item.kind == kind:
                return module, item
    raise AssertionError(f"no {kind} in the content")


def test_a_real_quiz_comes_back_with_its_answer_and_feedback(course, store):
    import lessonkit

    module, item = first_item(course, "quiz")
    quiz = lessonkit.build(module.id, item.id)
    assert progress.attach(quiz, module.id, store) == "fresh"
    wrong = next(i for i, o in enumerate(item.options) if not o.correct)
    quiz.select(wrong)
    quiz.check()
    saved = store.latest(module.id, item.id)
    assert (saved.answer, saved.correct, saved.graded) == (quiz.answer(), False, True)

    again = lessonkit.build(module.id, item.id)  # re-opened, or after a restart
    assert progress.attach(again, module.id, store) == "restored"
    assert again.answer() == quiz.answer()
    assert again.feedback == quiz.feedback


def test_a_real_reflection_is_kept_only_when_saved(course, store):
    import lessonkit

    module, item = first_item(course, "reflection")
    reflection = lessonkit.build(module.id, item.id)
    progress.attach(reflection, module.id, store)
    reflection.write("typed, not saved")
    assert store.answers() == []
    reflection.write("my saved thoughts")
    reflection.save()
    assert reflection.saved is True
    assert [(a.answer, a.correct, a.graded) for a in store.answers()] == [
        ("my saved thoughts", None, False)
    ]


def test_a_reflection_is_told_when_its_save_was_not_kept(course):
    import lessonkit

    module, item = first_item(course, "reflection")
    reflection = lessonkit.build(module.id, item.id)
    progress.attach(reflection, module.id, progress.NullStore(None, Problem("unavailable")))
    reflection.write("my thoughts")
    reflection.save()
    assert reflection.saved is False  # it says plainly that nothing was kept


def test_module_opened_is_recorded(course, private_store):
    module = course.modules[0]
    assert progress.module_opened(module.id)
    assert module.id in progress.default_store().modules()


def test_a_new_store_is_private_to_its_owner(tmp_path):
    from lessonkit.progress import ProgressStore

    path = tmp_path / "fresh" / "deeper" / "progress.sqlite3"
    store = ProgressStore.open(path)
    try:
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.parent.stat().st_mode & 0o777 == 0o700
    finally:
        store.close()
