"""No kernel left behind: with the project's voila.json, the kernel of a closed lesson page is
shut down once it has been idle for the culling timeout, and the kernel of a page still open is
kept (a learner who reads for a long time loses nothing). The test runs its own Voila, from the
project folder so that it reads voila.json, with the timeout and interval shortened on the
command line (the real ones are minutes; the README explains them).

Playwright closes a page without the browser's unload step, so Voila's page never gets to ask
for its kernel's shutdown, as when a tab crashes, a laptop sleeps or the network drops: the
worst case, which only the culling settings clean up. Each page is closed as soon as its kernel
is connected (a learner closing a tab that is still drawing); the page that stays is drawn in
full."""

from __future__ import annotations

import json
import time

import pytest

from .conftest import GuardedContext, open_in_voila, voila_url
from .lessons import NOTEBOOKS, PROJECT_ROOT, read_notebook
from .servers import kernel_pids, private_environment, start_voila

pytestmark = [pytest.mark.browser, pytest.mark.slow(seconds=90)]

TIMEOUT_S, INTERVAL_S = 6, 2
PAGES = 20
AT_ONCE = 2  # pages loading together, as learners of a class do (and the test waits less)


def test_the_project_settings_cull_idle_kernels_of_closed_pages_only():
    settings = json.loads((PROJECT_ROOT / "voila.json").read_text(encoding="utf-8"))
    culling = settings["MappingKernelManager"]
    assert culling["cull_idle_timeout"] > 0 and 0 < culling["cull_interval"] <= 60
    assert culling["cull_connected"] is False  # an open page's kernel is never culled


def wait_for(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.5)
    return condition()


def test_closed_pages_leave_no_kernel_and_an_open_page_keeps_its_own(browser, tmp_path):
    env = private_environment(tmp_path)
    voila = start_voila(
        tmp_path,
        PROJECT_ROOT,
        NOTEBOOKS,
        env,
        extra=(
            f"--MappingKernelManager.cull_idle_timeout={TIMEOUT_S}",
            f"--MappingKernelManager.cull_interval={INTERVAL_S}",
        ),
    )
    try:
        voila.wait_ready()
        lesson = read_notebook(NOTEBOOKS / "en" / "01-what-is-trafficking.ipynb")
        ctx = GuardedContext(browser)
        most = 0
        for round_ in range(PAGES // AT_ONCE):
            pages = [ctx.new_page() for _ in range(AT_ONCE)]
            for page in pages:  # each request sent before any page is waited for
                page.goto(voila_url(voila, lesson.path), wait_until="commit", timeout=90_000)
            # Each page's kernel socket open (GuardedContext notes each one): the page is live.
            # Playwright hands over its events while it waits, hence the page's own wait.
            end = time.monotonic() + 90
            while len(ctx.kernels) < AT_ONCE * (round_ + 1) and time.monotonic() < end:
                pages[0].wait_for_timeout(100)
            assert len(ctx.kernels) == AT_ONCE * (round_ + 1), ctx.kernels
            most = max(most, len(kernel_pids(voila)))
            for page in pages:
                page.close()
        assert len(ctx.kernels) == PAGES and len({k for _, k in ctx.kernels}) == PAGES
        assert most >= AT_ONCE  # each page had its kernel
        staying = ctx.new_page()
        open_in_voila(staying, voila, lesson)
        idle_since = time.monotonic()  # the page has run: its kernel waits for the learner
        (kept,) = (
            kernel_pids(voila)
            if wait_for(lambda: len(kernel_pids(voila)) == 1, TIMEOUT_S * 4)
            else (None,)
        )
        assert kept is not None, f"kernels left: {kernel_pids(voila)}\n{voila.log_tail()}"
        # idle past the timeout, but connected
        time.sleep(max(0.0, idle_since + TIMEOUT_S + 2 * INTERVAL_S - time.monotonic()))
        assert kernel_pids(voila) == [kept], voila.log_tail()
        staying.close()
        assert wait_for(lambda: not kernel_pids(voila), TIMEOUT_S * 4), voila.log_tail()
        ctx.kernels.clear()  # culled already: nothing left for the context to shut down
        ctx.close()
    finally:
        voila.stop()
