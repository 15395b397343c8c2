"""`import lessonkit` in a fresh interpreter, against `import ipywidgets` alone.

Each sample is a new interpreter that times only its import statement (interpreter start-up is
the same for both and left out, which makes the ratio stricter, not looser). Baseline and
figure alternate, after one warm-up of each (byte-code caches written).
"""

from __future__ import annotations

from _common import PYTHON, interleaved, run, timed_row

ORDER = 20
TARGET = "ratio at most 1.3"

CODE = """
import time
start = time.perf_counter()
import {name}
print(time.perf_counter() - start)
"""


def import_time(name: str) -> float:
    return float(run([PYTHON, "-c", CODE.format(name=name)]).stdout.split()[-1])


def measure(repeats: int) -> list[dict]:
    values, bases = interleaved(
        max(repeats, 5), lambda: import_time("lessonkit"), lambda: import_time("ipywidgets")
    )
    return [
        timed_row(
            "`import lessonkit`, fresh interpreter",
            values,
            bases,
            TARGET,
            limit=1.3,
            note="baseline: `import ipywidgets` alone; only the import statement is timed.",
        )
    ]
