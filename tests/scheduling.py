"""How pytest-xdist shares the suite among its workers: the slowest work first, in small units.

The suite runs one and a half workers per core (:func:`auto_workers`, counting the cores the
system shows, not physical ones: a 2-core cloud machine often shows one physical core). Part of
its time is waiting (kernels starting, servers, Pyodide), but most of its CPU is Chromium's, so
more workers soon overload the machine. Measured on 2 cores (2026-12-04): 2 workers 340 s,
3 workers 318 s, 4 workers 382 s with pages that did not finish within their timeouts. It hands
out the work so that no worker is left with a long file at the end:

- **Work units.** A test file is one unit (its module fixtures are set up once), as with
  ``--dist loadfile``; a notebook is one unit for nbval. A file named in :data:`SPLIT` is cut
  finer: each parameter (a notebook, a widget kind) is one unit, and each test without one.
  Tests of one parameter share that parameter's module fixture (one Voila page per notebook).
- **Order.** Units go out slowest first: a test file or test says about how long a unit of it
  takes with ``pytest.mark.slow(seconds=...)``, a notebook counts :data:`NOTEBOOK_SECONDS`; the
  rest keep their order, after them.
  (xdist's own order, most tests first, put the hub and kernel-culling tests, one or two tests
  each and almost a minute long, at the very end.)

The figures in the ``slow`` marks only order the work; nothing checks them. ``--dist`` other
than ``loadfile`` (say ``--dist load`` on the command line) is left to xdist.
"""

from __future__ import annotations

import os

import pytest
from xdist.scheduler import LoadScopeScheduling

#: Files whose tests are split into units by parameter (else by test), not kept together.
SPLIT = (
    "tests/browser/test_lab.py",
    "tests/browser/test_voila.py",
    "tests/tools/test_lite_site.py",
    "tests/tools/test_notebooks.py",
)
#: At most this many workers: each worker that runs browser tests starts its own JupyterLab,
#: Voila and Chromium (about 600 MB in all).
MOST = 8


def auto_workers(cores: int | None) -> int:
    cores = cores or 1
    return min(MOST, cores + max(1, cores // 2))


def work_unit(nodeid: str) -> str:
    """The unit of work a test belongs to (see the module's docstring)."""
    path, _, rest = nodeid.partition("::")
    if path not in SPLIT:
        return path
    name, bracket, param = rest.partition("[")
    return f"{path}[{param}" if bracket else f"{path}::{name}"


#: A notebook's nbval run (its cells can carry no mark): about this long. Its kernel mostly
#: waits on messages, so run beside the browsers it costs little; left to the end, as it was, the
#: last 10 s of the suite had about one of the two cores busy.
NOTEBOOK_SECONDS = 2.0


def unit_seconds(item: pytest.Item) -> float:
    mark = item.get_closest_marker("slow")
    if mark:
        return float(mark.kwargs.get("seconds", 0))
    return NOTEBOOK_SECONDS if item.nodeid.partition("::")[0].endswith(".ipynb") else 0.0


class SlowFirstScheduling(LoadScopeScheduling):
    """xdist's scope scheduling with :func:`work_unit` as the scope, in collection order."""

    def _split_scope(self, nodeid: str) -> str:
        return work_unit(nodeid)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    config.option.loadscopereorder = False  # keep the order below
    return SlowFirstScheduling(config, log)


def pytest_xdist_auto_num_workers(config) -> int:
    return auto_workers(os.cpu_count())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items) -> None:
    """Slowest units first; a stable sort keeps each unit's tests together and in order."""
    items.sort(key=lambda item: -unit_seconds(item))
