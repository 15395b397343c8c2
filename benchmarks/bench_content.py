"""Loading and validating all content: every file of every language, as `lessonkit check` does.

Each sample is a new interpreter (what a kernel pays on its first lesson call): the lesson kit's
content module is imported first, untimed (its import is part of the import figure), then
``check_all()`` reads and checks every file under content/ and is timed. Absolute target.
"""

from __future__ import annotations

import statistics

from _common import fmt_time, python_json, timed_row

ORDER = 30
TARGET = "at most 50 ms"
LIMIT = 0.050

CODE = """
import json, time
from lessonkit.content import content_root
from lessonkit.content.check import check_all
start = time.perf_counter()
problems = check_all()
took = time.perf_counter() - start
paths = sorted(content_root().rglob("*.toml"))
files = [p.relative_to(content_root()).as_posix() for p in paths]
texts = [p.read_text(encoding="utf-8") for p in paths]
from lessonkit.content import tomllib
start = time.perf_counter()
for text in texts:
    tomllib.loads(text)
parse = time.perf_counter() - start
size = sum(len(t.encode("utf-8")) for t in texts)
print(json.dumps({"seconds": took, "problems": problems, "files": files, "parse": parse,
                  "bytes": size}))
"""


def measure(repeats: int) -> list[dict]:
    python_json(CODE)  # warm-up: byte-code and file caches
    runs = [python_json(CODE) for _ in range(max(repeats, 5))]
    samples = [r["seconds"] for r in runs]
    last = runs[-1]
    parse = statistics.median(r["parse"] for r in runs)
    note = (
        f"{len(last['files'])} TOML files under content/ ({last['bytes'] / 1000:.0f} kB) "
        f"checked in one call; parsing them alone with the standard library's tomllib (pure "
        f"Python) takes {fmt_time(parse)} of it (median)"
    )
    if last["problems"]:
        note += f"; NOTE: {len(last['problems'])} content problem(s) reported: "
        note += last["problems"][0]
    row = timed_row(
        "loading and validating all content (`check_all`, fresh interpreter)",
        samples,
        None,
        TARGET,
        absolute_limit=LIMIT,
        note=note + f"; fastest {fmt_time(min(samples))}.",
    )
    return [row]
