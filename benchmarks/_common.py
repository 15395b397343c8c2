"""Helpers shared by the benchmark files: timing, statistics, rows, subprocesses, discovery.

Not a ``bench_*.py`` file, so run.py does not call it as a benchmark.
"""

from __future__ import annotations

import json
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
NOTEBOOKS = ROOT / "notebooks"
PYTHON = sys.executable


# ---------------------------------------------------------------- statistics


def spread(samples: Sequence[float]) -> dict:
    """min, median and max of a list of samples (seconds or any unit)."""
    return {
        "min": min(samples),
        "median": statistics.median(samples),
        "max": max(samples),
        "n": len(samples),
    }


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (fraction 0.95 for the 95th)."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered) - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def fmt_time(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def fmt_spread(samples: Sequence[float], unit: Callable[[float], str] = fmt_time) -> str:
    s = spread(samples)
    if s["n"] == 1:
        return unit(s["median"])
    return f"{unit(s['median'])} ({unit(s['min'])} to {unit(s['max'])}, n={s['n']})"


def ratio(value: float, baseline: float) -> float | None:
    return value / baseline if baseline else None


def timed_row(
    figure: str,
    samples: Sequence[float],
    baseline: Sequence[float] | None,
    target: str,
    limit: float | None = None,
    absolute_limit: float | None = None,
    note: str = "",
) -> dict:
    """A row comparing medians: ratio = median(samples) / median(baseline).

    ``limit`` is the largest ratio allowed; ``absolute_limit`` the largest median allowed.
    """
    value = statistics.median(samples)
    row = {
        "figure": figure,
        "value": fmt_spread(samples),
        "baseline": fmt_spread(baseline) if baseline else "(absolute)",
        "ratio": ratio(value, statistics.median(baseline)) if baseline else None,
        "target": target,
        "note": note,
        "samples": list(samples),
        "baseline_samples": list(baseline or []),
    }
    checks = []
    if limit is not None and row["ratio"] is not None:
        checks.append(row["ratio"] <= limit)
    if absolute_limit is not None:
        checks.append(value <= absolute_limit)
    if checks:
        row["ok"] = all(checks)
    return row


def failed_row(figure: str, target: str, problem: str) -> dict:
    """A figure that could not be measured: says why, counts as not met."""
    return {
        "figure": figure,
        "value": "not measured",
        "baseline": "",
        "ratio": None,
        "target": target,
        "ok": False,
        "note": problem,
    }


def interleaved(
    repeats: int, figure: Callable[[], float], baseline: Callable[[], float], warmup: int = 1
) -> tuple[list[float], list[float]]:
    """Alternate baseline and figure runs so drift in machine load hits both alike."""
    for _ in range(warmup):
        baseline()
        figure()
    values, bases = [], []
    for _ in range(repeats):
        bases.append(baseline())
        values.append(figure())
    return values, bases


# ---------------------------------------------------------------- processes


def run(
    args: Sequence[str],
    cwd: Path = ROOT,
    env: dict | None = None,
    timeout: float = 600,
    check: bool = True,
) -> subprocess.CompletedProcess:
    result = subprocess.run(
        list(args),
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        tail = (result.stdout[-1500:] + "\n" + result.stderr[-1500:]).strip()
        raise RuntimeError(f"{' '.join(map(str, args))} exited {result.returncode}:\n{tail}")
    return result


def wall_time(args: Sequence[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = run(args, **kwargs)
    return time.perf_counter() - start, result


def python_json(code: str, timeout: float = 300, **kwargs) -> dict | list:
    """Run code in a fresh interpreter; it prints one JSON value as its last line."""
    result = run([PYTHON, "-c", code], timeout=timeout, **kwargs)
    return json.loads(result.stdout.strip().splitlines()[-1])


def private_env(base: Path) -> dict:
    """An environment of its own for a Jupyter server: its config, data and runtime folders under
    ``base``, and a progress file there (never a real learner's)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        folder = base / name.lower()
        folder.mkdir()
        env[name] = str(folder)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["LESSONKIT_PROGRESS"] = str(base / "progress.sqlite")  # never a real learner's file
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def voila_command(port: int, served: Path, extra: Sequence[str] = ()) -> list[str]:
    """How the benchmarks start Voila: this Python's, on 127.0.0.1, no browser. Run it from the
    project folder (cwd=ROOT) so the project's voila.json applies, as when a teacher runs Voila."""
    return [
        PYTHON,
        "-m",
        "voila",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        *extra,
        str(served),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process_group(process: subprocess.Popen, grace: float = 10) -> None:
    """End a process started with start_new_session=True, and its children."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(grace)
    except ProcessLookupError:
        pass


# ---------------------------------------------------------------- what the project holds now


def languages() -> list[str]:
    """Language folders under content/ (en, later fr, ...)."""
    from lessonkit.content import content_root

    root = content_root()
    return sorted(
        p.name for p in root.iterdir() if p.is_dir() and len(p.name) == 2 and p.name.isalpha()
    )


def largest_module():
    """The module with the most items, over every language; ties go to the lower number."""
    from lessonkit.content import load_course

    modules = [(lang, m) for lang in languages() for m in load_course(lang).modules]
    lang, module = max(modules, key=lambda lm: (len(lm[1].items), -lm[1].number))
    return lang, module


def notebook_paths() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:  # pragma: no cover - not on every platform
        return "unknown"
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"
