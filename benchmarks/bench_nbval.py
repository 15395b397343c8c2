"""The whole nbval run over notebooks/ (wall time), against one-cell notebooks with the same flags.

Figure: ``python -m pytest notebooks`` from the project folder, so pyproject.toml's options
apply (strict nbval, current environment, and whatever else the test command uses). Baseline:
as many notebooks as notebooks/ holds, each one cell ``1+1`` with its stored output, in a
temporary folder, run by ``python -m pytest -c pyproject.toml`` with the same options.
Both are whole processes: pytest's start-up, one kernel per notebook, every cell. They alternate,
after one warm-up of each.

A third row, for the record, times the same nbval run with pytest's options as they were before
``-p lessonkit.deferred_imports`` (see lessonkit/deferred_imports.py): the saving it brings.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import PYTHON, ROOT, fmt_spread, interleaved, notebook_paths, run, timed_row

ORDER = 10
TARGET = "ratio at most 1.3"

ONE_CELL = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": 1,
            "id": "one-plus-one",
            "metadata": {},
            "outputs": [
                {
                    "data": {"text/plain": ["2"]},
                    "execution_count": 1,
                    "metadata": {},
                    "output_type": "execute_result",
                }
            ],
            "source": ["1+1"],
        }
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def project_addopts() -> str:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["pytest"]["ini_options"]["addopts"]


def summary(output: str) -> str:
    lines = [line for line in output.splitlines() if re.search(r"\d+ (passed|failed)", line)]
    return lines[-1].strip("= ") if lines else "no summary line"


def measure(repeats: int) -> list[dict]:
    notebooks = notebook_paths()
    count = len(notebooks)
    with tempfile.TemporaryDirectory(prefix="bench-nbval-") as folder:
        base = Path(folder)
        ones = base / "one-cell"
        ones.mkdir()
        for index in range(count):
            (ones / f"{index:02d}-one-cell.ipynb").write_text(json.dumps(ONE_CELL), "utf-8")
        env = {"LESSONKIT_PROGRESS": str(base / "progress.sqlite")}
        config = ["-c", str(ROOT / "pyproject.toml"), "--rootdir", str(base)]
        outputs: dict[str, str] = {}

        def timed(name: str, args: list[str]) -> float:
            start = time.perf_counter()
            result = run([PYTHON, "-m", "pytest", "-q", *args], env=env, check=False)
            took = time.perf_counter() - start
            outputs[name] = summary(result.stdout)
            return took

        values, bases = interleaved(
            max(repeats, 3),
            lambda: timed("figure", ["notebooks"]),
            lambda: timed("baseline", [*config, str(ones)]),
        )
        # For the record: the same run with the options as they were before the deferral.
        before = project_addopts().replace("-p lessonkit.deferred_imports", "").strip()
        without = [
            timed("without", ["-o", f"addopts={before}", "notebooks"])
            for _ in range(max(1, min(repeats, 3)))
        ]
    note = (
        f"{count} notebooks: {outputs['figure']}; baseline {count} one-cell notebooks: "
        f"{outputs['baseline']}."
    )
    if "failed" in outputs["figure"] or "error" in outputs["figure"]:
        note += " NOTE: some notebooks failed under nbval in this run (the time still counts)."
    rows = [
        timed_row(
            "the whole nbval run over notebooks/ (wall time)",
            values,
            bases,
            TARGET,
            limit=1.3,
            note=note,
        )
    ]
    rows.append(
        {
            "figure": "for the record: the same nbval run without -p lessonkit.deferred_imports",
            "value": fmt_spread(without),
            "baseline": fmt_spread(values),
            "ratio": statistics.median(without) / statistics.median(values),
            "target": "(before the fix; baseline is the run with it)",
            "note": f"pytest options: {before!r}; {outputs['without']}. "
            f"Python {sys.version.split()[0]}, {os.cpu_count()} cores.",
            "samples": without,
        }
    )
    return rows
