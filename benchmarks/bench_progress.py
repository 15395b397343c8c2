"""The progress store: recording an answer, and loading a module's saved state.

Recording: ``ProgressStore.record`` as a widget's callback calls it (the answer as JSON, the
module row and the completion check, in one ``BEGIN IMMEDIATE`` transaction), timed write by
write over 1,000 writes per round. Baseline, in the same run and interleaved write by write: a
bare ``sqlite3`` connection on a file with the same table, WAL journal and synchronous level,
inserting the same row and committing it. Issue 5's aim: at most 2 ms at the median and at most
3x the bare insert.

Loading: ``ProgressStore.module_state`` (the latest answer to each item of the largest module,
decoded) from a file holding 1,000 answers; baseline: the same SELECT on a bare connection,
rows fetched but not decoded.

    python benchmarks/bench_progress.py            # prints its rows
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
for _path in (str(BENCH_DIR), str(BENCH_DIR.parent)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from _common import fmt_time, percentile, ratio, timed_row  # noqa: E402

ORDER = 60
WRITES = 1000
LOADS = 200
ITEMS = 10
RECORD_TARGET = "median at most 2 ms and at most 3x the bare insert"
LOAD_TARGET = "at most 3x the bare select"

INSERT = (
    "INSERT INTO answer (module, item, kind, answer, correct, graded, at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def _bare_connection(path: Path):
    from lessonkit import progress

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    for step in sorted(progress.MIGRATIONS):
        for statement in progress.MIGRATIONS[step]:
            conn.execute(statement)
    conn.commit()
    return conn


def _answer(index: int) -> dict:
    return {"choice": index % 4, "text": "une r\u00e9ponse " * (index % 3)}


def record_round(folder: Path) -> tuple[list[float], list[float], list[float]]:
    """One round of WRITES writes to each store, interleaved; seconds per write."""
    from lessonkit import progress

    store = progress.open_store(folder / "progress.sqlite3")
    bare = _bare_connection(folder / "bare.sqlite3")
    required = [f"item-{i}" for i in range(ITEMS)]
    store.mark_opened("module", required)
    ours, base, right = [], [], []
    clock = time.perf_counter
    for index in range(WRITES):
        item = required[index % ITEMS]
        answer, correct = _answer(index), index % 3 == 0
        start = clock()
        bare.execute(
            INSERT, ("module", item, "quiz", json.dumps(answer), int(correct), 1, progress.now())
        )
        bare.commit()
        base.append(clock() - start)
        start = clock()
        ok = store.record("module", item, "quiz", answer, correct, True, required)
        ours.append(clock() - start)
        if correct:
            right.append(ours[-1])
        if not ok:
            raise RuntimeError(f"record failed: {store.problem}")
    store.close()
    bare.close()
    return ours, base, right


def load_round(folder: Path) -> tuple[list[float], list[float]]:
    from lessonkit import progress

    path = folder / "load.sqlite3"
    store = progress.open_store(path)
    for index in range(WRITES):
        store.record("module", f"item-{index % ITEMS}", "quiz", _answer(index), True, True)
    bare = sqlite3.connect(path)
    sql = (
        "SELECT a.id, a.module, a.item, a.kind, a.answer, a.correct, a.graded, a.at "
        "FROM answer a JOIN (SELECT item, MAX(id) AS last FROM answer WHERE module = ? "
        "GROUP BY item) l ON a.id = l.last ORDER BY a.id"
    )
    ours, base = [], []
    clock = time.perf_counter
    for _ in range(LOADS):
        start = clock()
        rows = bare.execute(sql, ("module",)).fetchall()
        base.append(clock() - start)
        start = clock()
        state = store.module_state("module")
        ours.append(clock() - start)
        if len(state) != ITEMS or len(rows) != ITEMS:
            raise RuntimeError("the module's state is incomplete")
    store.close()
    bare.close()
    return ours, base


def measure(repeats: int) -> list[dict]:
    rounds = max(repeats, 1)
    ours: list[float] = []
    base: list[float] = []
    right: list[float] = []
    load_ours: list[float] = []
    load_base: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-progress-") as tmp:
        warm_up = Path(tmp) / "warm-up"
        warm_up.mkdir()
        record_round(warm_up)
        for index in range(rounds):
            folder = Path(tmp) / f"round-{index}"
            folder.mkdir()
            o, b, r = record_round(folder)
            ours += o
            base += b
            right += r
            o, b = load_round(folder)
            load_ours += o
            load_base += b
    median = timed_row(
        f"recording an answer (median of {len(ours):,} writes)",
        ours,
        base,
        RECORD_TARGET,
        limit=3.0,
        absolute_limit=0.002,
        note=(
            "baseline: bare sqlite3 insert + commit of the same row, same journal settings; "
            "one write in three is a right answer, which also runs the completion check: "
            f"median of those {fmt_time(statistics.median(right))}"
        ),
    )
    median.pop("samples", None)
    median.pop("baseline_samples", None)
    median["value"] = fmt_time(statistics.median(ours))
    median["baseline"] = fmt_time(statistics.median(base))
    p95, p95_base = percentile(ours, 0.95), percentile(base, 0.95)
    tail = {
        "figure": f"recording an answer (95th percentile of {len(ours):,} writes)",
        "value": fmt_time(p95),
        "baseline": fmt_time(p95_base),
        "ratio": ratio(p95, p95_base),
        "target": "reported (the aim is on the median)",
        "note": f"slowest write {fmt_time(max(ours))}, slowest bare insert {fmt_time(max(base))}",
    }
    load = timed_row(
        f"loading a module's saved state ({ITEMS} items, 1,000 answers kept)",
        load_ours,
        load_base,
        LOAD_TARGET,
        limit=3.0,
        note="baseline: the same SELECT on a bare connection, rows not decoded",
    )
    load.pop("samples", None)
    load.pop("baseline_samples", None)
    load["value"] = fmt_time(statistics.median(load_ours))
    load["baseline"] = fmt_time(statistics.median(load_base))
    return [median, tail, load]


if __name__ == "__main__":
    for row in measure(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        ratio_text = f"{row['ratio']:.2f}x" if row.get("ratio") else "-"
        verdict = {True: "met", False: "NOT MET"}.get(row.get("ok"), "")
        print(
            f"{row['figure']}: {row['value']} (baseline {row['baseline']}, {ratio_text}); "
            f"target {row['target']} {verdict}".rstrip()
        )
