"""The full test command, ``python -m pytest`` from the project folder (wall time), for the record.

Absolute target: under 5 minutes on 2 cores. It is the longest figure, so it runs at most twice
(``--repeats 1`` runs it once). The pass/fail line of each run is in the note: a failing run still
counts, but says so.
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

from _common import PYTHON, run, timed_row

ORDER = 80
TARGET = "under 5 minutes on 2 cores"
LIMIT = 300.0


DURATION = re.compile(r"^(\d+(?:\.\d+)?)s (?:setup|call|teardown)\s+(\S+)")


def where_the_time_goes(output: str) -> dict[str, float]:
    """Seconds per group of tests, from pytest's --durations=0 report.

    A group is a test file, except tests/browser/ (one group) and notebooks/ (nbval, one group).
    """
    groups: dict[str, float] = {}
    for line in output.splitlines():
        match = DURATION.match(line.strip())
        if not match:
            continue
        path = match.group(2).split("::")[0]
        if path.startswith("tests/browser/"):
            name = "tests/browser/"
        elif path.startswith("notebooks/"):
            name = "nbval (notebooks/)"
        else:
            name = path
        groups[name] = groups.get(name, 0.0) + float(match.group(1))
    return groups


def measure(repeats: int) -> list[dict]:
    samples, results = [], []
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as folder:
        env = {"LESSONKIT_PROGRESS": str(Path(folder) / "progress.sqlite")}
        for _ in range(max(1, min(repeats, 2))):
            start = time.perf_counter()
            result = run(
                [PYTHON, "-m", "pytest", "-q", "--durations=0"], env=env, check=False, timeout=1800
            )
            groups = where_the_time_goes(result.stdout)
            samples.append(time.perf_counter() - start)
            lines = [
                line.strip("= ")
                for line in result.stdout.splitlines()
                if re.search(r"\d+ (passed|failed|error)", line)
            ]
            results.append(lines[-1] if lines else f"exit {result.returncode}, no summary line")
    note = "python -m pytest -q; " + "; ".join(results) + "."
    total = sum(groups.values())
    top = sorted(groups.items(), key=lambda kv: -kv[1])[:8]
    note += " Where the time goes (last run; setup, call and teardown of each test, summed): " + (
        ", ".join(f"{name} {seconds:.0f} s" for name, seconds in top)
        + f" (all tests {total:.0f} s)."
    )
    if any("failed" in r or "error" in r for r in results):
        note += " NOTE: failures in this run (the time still counts)."
    return [
        timed_row(
            "the full test command (`python -m pytest`)",
            samples,
            None,
            TARGET,
            absolute_limit=LIMIT,
            note=note,
        )
    ]
