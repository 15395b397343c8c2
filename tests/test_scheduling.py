"""How the suite shares its work among pytest-xdist's workers (tests/scheduling.py)."""

from __future__ import annotations

import subprocess
import sys

from .helpers import PROJECT_ROOT
from .scheduling import SPLIT, auto_workers, work_unit


def test_every_file_cut_finer_exists():
    missing = [path for path in SPLIT if not (PROJECT_ROOT / path).is_file()]
    assert missing == [], f"renamed or gone, update tests/scheduling.py: {missing}"


def test_work_units():
    assert work_unit("tests/content/test_content.py::test_x[en]") == "tests/content/test_content.py"
    assert work_unit("notebooks/en/01-a.ipynb::Cell 3") == "notebooks/en/01-a.ipynb"
    voila = "tests/browser/test_voila.py"
    assert work_unit(f"{voila}::test_renders[01-a]") == work_unit(f"{voila}::test_axe[01-a]")
    assert work_unit(f"{voila}::test_renders[01-a]") != work_unit(f"{voila}::test_renders[02-b]")
    lite = "tests/tools/test_lite_site.py"
    assert work_unit(f"{lite}::test_one") == f"{lite}::test_one" != work_unit(f"{lite}::test_two")


def test_workers_per_core():
    assert [auto_workers(n) for n in (None, 1, 2, 4, 16)] == [2, 2, 3, 6, 8]


def test_the_slowest_work_comes_first():
    """Collected in this order (as xdist hands it out): slowest marked first, then the
    notebooks, then the rest."""
    files = [
        "tests/test_scheduling.py",  # not marked
        "notebooks/en/01-what-is-trafficking.ipynb",  # a notebook: NOTEBOOK_SECONDS (2)
        "tests/progress/test_privacy.py",  # slow(25)
        "tests/browser/test_voila_kernels.py",  # slow(90)
    ]
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n0", *files],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.splitlines()
    order = [f for line in listed for f in files if line.startswith(f + "::")]
    assert order, listed[-5:]
    firsts = list(dict.fromkeys(order))
    assert firsts == [files[3], files[2], files[1], files[0]], firsts
    assert order == sorted(order, key=firsts.index)  # each file's tests stay together
