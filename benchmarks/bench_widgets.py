"""Widgets in a real kernel: building every widget of the largest module, and clicks to feedback.

One ipykernel (this Python's) is started with jupyter_client; benchmarks/_kernel_probe.py runs
in it, so every widget has a live comm as in a lesson (building sends its state, each feedback
change sends a message).

* Building: every exercise of the module with the most items, built from content with
  ``lessonkit.build`` (content already loaded, as after a lesson's first cell), against building
  the same number of bare ipywidgets: one ``cls()`` for every widget the exercises create
  (the census is in the note). Samples alternate.
* Clicks: per widget kind, 1,000 clicks spread over every item of that kind in every module;
  each click is timed from ``button.click()`` to the feedback widget's new value. Baseline: a
  bare Button whose handler sets a Label, clicked alternately in the same loop.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from _common import (
    BENCH_DIR,
    ROOT,
    fmt_spread,
    fmt_time,
    largest_module,
    percentile,
    timed_row,
)

ORDER = 40
CLICKS = 1000
BUILD_TARGET = "ratio at most 3"
CLICK_TARGET = "ratio at most 3; 95th percentile under 5 ms"


def in_kernel(code: str, timeout: float = 900) -> dict:
    """Run code in a fresh kernel of this Python; it writes one JSON value to RESULT.

    The result goes through a file and the end is read from the shell channel: thousands of
    widget messages flood IOPub, which drops messages past its high-water mark.
    """
    from jupyter_client.manager import start_new_kernel

    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "result.json"
        # A progress file of its own, so nothing the benchmark clicks reaches a real one.
        env = {**os.environ, "LESSONKIT_PROGRESS": str(Path(folder) / "progress.json")}
        km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT), env=env)
        try:
            msg_id = kc.execute(code.replace("RESULT", repr(str(result))), store_history=False)
            deadline = time.monotonic() + timeout
            while True:
                reply = kc.get_shell_msg(timeout=max(1.0, deadline - time.monotonic()))
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        content = reply["content"]
        if content["status"] != "ok":
            trace = "\n".join(content.get("traceback", []))
            raise RuntimeError(f"kernel probe failed: {content.get('evalue')}\n{trace}")
        return json.loads(result.read_text(encoding="utf-8"))


PROBE = """
import json, sys
sys.path.insert(0, {bench!r})
import _kernel_probe as probe
data = {{
    "build": probe.build_figures({module!r}, {lang!r}, {build_repeats}),
    "click": probe.click_figures({clicks}, {click_repeats}, {lang!r}),
    "python": sys.executable,
}}
with open(RESULT, "w", encoding="utf-8") as handle:
    json.dump(data, handle)
"""


def measure(repeats: int) -> list[dict]:
    lang, module = largest_module()
    data = in_kernel(
        PROBE.format(
            bench=str(BENCH_DIR),
            module=module.id,
            lang=lang,
            build_repeats=max(10, 3 * repeats),
            clicks=CLICKS,
            click_repeats=max(1, min(repeats, 5)),
        )
    )
    build = data["build"]
    census = ", ".join(f"{n} {name}" for name, n in sorted(build["census"].items()))
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(build["item_kinds"].items()))
    rows = [
        timed_row(
            f"building every widget of the largest module ({build['module']}, "
            f"{build['items']} items), in a kernel",
            build["values"],
            build["bases"],
            BUILD_TARGET,
            limit=3,
            note=(
                f"items: {kinds}; the exercises create {build['widgets']} widgets "
                f"({census}); baseline: the same {build['widgets']} widget classes built "
                "bare, no arguments (each with its own Layout/Style, like the real ones)."
            ),
        )
    ]
    for kind, figures in data["click"]["kinds"].items():
        rows.append(click_row(kind, figures))
    return rows


def click_row(kind: str, figures: dict) -> dict:
    medians = [statistics.median(run["values"]) for run in figures["runs"]]
    p95s = [percentile(run["values"], 0.95) for run in figures["runs"]]
    base_medians = [statistics.median(run["bases"]) for run in figures["runs"]]
    base_p95s = [percentile(run["bases"], 0.95) for run in figures["runs"]]
    ratio = statistics.median(medians) / statistics.median(base_medians)
    p95 = statistics.median(p95s)
    runs = len(figures["runs"])
    unchanged = figures["feedback_changed"].count(False)
    note = (
        f"{runs} run(s) of {len(figures['runs'][0]['values'])} clicks over "
        f"{figures['items']} item(s) of this kind; each run's median, then the spread over "
        f"runs; 95th percentile {fmt_spread(p95s)}; baseline 95th percentile "
        f"{fmt_spread(base_p95s)}."
    )
    if unchanged:
        note += f" WARNING: {unchanged} item(s) showed no new text after a click."
    note += " Timed action: " + "; ".join(figures["actions"]) + "."
    choices = [statistics.median(run["choices"]) for run in figures["runs"] if run["choices"]]
    if choices:
        bare = statistics.median(choices)
        note += (
            f" The click here is a choice: a bare RadioButtons whose observer sets a Label, "
            f"chosen the same way, takes {fmt_spread(choices)} itself "
            f"({bare / statistics.median(base_medians):.1f} times the Button baseline); "
            f"this widget is {statistics.median(medians) / bare:.2f} times that."
        )
    counts = sorted(set(figures["messages"]))
    note += (
        f" Widget messages one click sends: {'/'.join(map(str, counts))} "
        f"(baseline {figures['baseline_messages']})."
    )
    return {
        "figure": f"a click to its feedback, {kind} (median; 95th percentile {fmt_time(p95)})",
        "value": fmt_spread(medians),
        "baseline": fmt_spread(base_medians),
        "ratio": ratio,
        "target": CLICK_TARGET,
        "ok": ratio <= 3 and p95 < 0.005 and not unchanged,
        "note": note,
        "samples": medians,
        "baseline_samples": base_medians,
        "p95": p95s,
    }
