"""Benchmark: each figure next to a baseline measured in the same run, against its target.

    python benchmarks/run.py                  # every figure (about 10 to 15 minutes)
    python benchmarks/run.py --repeats 3      # fewer repeats of each timing
    python benchmarks/run.py --only import --only content
    python benchmarks/run.py --skip install --json /tmp/bench.json

Every ``benchmarks/bench_*.py`` is imported and its ``measure(repeats) -> list[dict]`` called;
each row has ``figure``, ``value``, ``baseline``, ``ratio`` (None for absolute figures),
``target``, and optionally ``ok`` and ``note``. Not part of the test command: speed targets
live here, never in timed tests. benchmarks/README.md says what each figure means.

Exit status: 0 when every target with a verdict is met, 1 when one is missed, 2 when a
benchmark file failed to run.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
for path in (str(BENCH_DIR), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

from _common import fmt_time, load_average, spread  # noqa: E402


def bench_files() -> list[Path]:
    return sorted(BENCH_DIR.glob("bench_*.py"))


def short_name(path: Path) -> str:
    return path.stem.removeprefix("bench_")


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def calibrate(rounds: int = 30) -> list[float]:
    """A fixed piece of pure-Python work, timed: its spread shows how noisy the machine is."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        total = 0
        for i in range(150_000):
            total += i * i % 7
        samples.append(time.perf_counter() - start)
    return samples


def running_processes() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[3]  # runnable/total
    except OSError:
        return "unknown"


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def table(rows: list[dict]) -> str:
    lines = [
        "| figure | value: median (min to max) | baseline, same run | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for number, row in enumerate(rows, 1):
        ok = row.get("ok")
        verdict = "yes" if ok is True else "NO" if ok is False else ""
        ratio = row.get("ratio")
        lines.append(
            f"| {cell(row.get('figure'))} [{number}] | {cell(row.get('value'))} "
            f"| {cell(row.get('baseline'))} | {cell(ratio)} | {cell(row.get('target'))} "
            f"| {verdict} |"
        )
    notes = [f"[{number}] {row['note']}" for number, row in enumerate(rows, 1) if row.get("note")]
    return "\n".join(lines + [""] + notes)


def noise_summary(before: list[float], after: list[float]) -> str:
    lines = []
    for name, samples in (("start", before), ("end", after)):
        s = spread(samples)
        lines.append(
            f"calibration loop at the {name}: median {fmt_time(s['median'])}, "
            f"min {fmt_time(s['min'])}, max {fmt_time(s['max'])} "
            f"(max/min {s['max'] / s['min']:.2f})"
        )
    drift = spread(after)["median"] / spread(before)["median"]
    if drift >= 1.15:
        how = "busier at the end than at the start"
    elif drift <= 0.85:
        how = "quieter at the end than at the start"
    else:
        how = "about as busy at the end as at the start"
    lines.append(f"end/start median {drift:.2f}: the machine was {how}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="timings per figure (default 5)")
    names = ", ".join(short_name(p) for p in bench_files())
    parser.add_argument(
        "--only", action="append", default=[], metavar="NAME", help=f"run only these ({names})"
    )
    parser.add_argument("--skip", action="append", default=[], metavar="NAME")
    parser.add_argument("--json", type=Path, help="also write every row, samples included")
    parser.add_argument(
        "--keep-no-bytecode",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE if set (by default it is unset, as on a learner's "
        "machine, so imports read cached byte-code instead of compiling every source)",
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    files = bench_files()
    wanted = {n.removeprefix("bench_") for n in args.only}
    skipped = {n.removeprefix("bench_") for n in args.skip}
    unknown = (wanted | skipped) - {short_name(p) for p in files}
    if unknown:
        parser.error(f"no benchmark named {', '.join(sorted(unknown))} (known: {names})")
    files = [p for p in files if (not wanted or short_name(p) in wanted)]
    files = [p for p in files if short_name(p) not in skipped]

    bytecode = "byte-code caches on, as on a learner's machine"
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        if args.keep_no_bytecode:
            bytecode = "PYTHONDONTWRITEBYTECODE kept: every process compiles uncached sources"
        else:
            # Set in some shells and tools; a learner's Python writes and reads __pycache__.
            del os.environ["PYTHONDONTWRITEBYTECODE"]
            sys.dont_write_bytecode = False
            bytecode += " (PYTHONDONTWRITEBYTECODE was set here; unset for these runs)"

    started = datetime.datetime.now().astimezone()
    header = [
        f"# Benchmark, {started:%Y-%m-%d %H:%M %Z}",
        "",
        f"Python {platform.python_version()} ({sys.executable}), {os.cpu_count()} cores, "
        f"{platform.platform()}; repeats {args.repeats}; {bytecode}.",
        f"Load average at the start: {load_average()} (runnable/total processes "
        f"{running_processes()}).",
    ]
    print("\n".join(header), flush=True)
    before = calibrate()

    rows: list[dict] = []
    broken = False
    for path in files:
        print(f"... {short_name(path)}", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            module = load(path)
            order_rows = module.measure(args.repeats)
        except Exception as err:  # one broken benchmark must not hide the others
            broken = True
            traceback.print_exc()
            order_rows = [
                {
                    "figure": short_name(path),
                    "value": "failed",
                    "baseline": "",
                    "ratio": None,
                    "target": "",
                    "ok": False,
                    "note": f"{type(err).__name__}: {err}".splitlines()[0],
                }
            ]
        took = time.perf_counter() - t0
        print(f"    {short_name(path)}: {took:.0f} s", file=sys.stderr, flush=True)
        order = getattr(sys.modules.get(path.stem), "ORDER", 50)
        rows += [dict(row, _order=order, _file=path.name) for row in order_rows]

    after = calibrate()
    rows.sort(key=lambda r: r["_order"])  # stable: rows of one file keep their order
    print()
    print(table(rows))
    print()
    print(f"Load average at the end: {load_average()} (runnable/total {running_processes()}).")
    print(noise_summary(before, after))

    if args.json:
        record = {
            "started": started.isoformat(),
            "python": sys.version,
            "cores": os.cpu_count(),
            "repeats": args.repeats,
            "calibration": {"start": before, "end": after},
            "rows": rows,
        }
        args.json.write_text(json.dumps(record, indent=1, default=str), encoding="utf-8")
    if broken:
        return 2
    return 1 if any(r.get("ok") is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
