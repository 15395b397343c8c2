"""A class in one Voila: N learners open the largest module at once, each answers one exercise.

For each class size N, one Voila server (started as bench_voila.py starts it: from the project
folder so voila.json applies, private Jupyter folders, a free port of 127.0.0.1, progress in a
temporary file) serves a copy of the largest module's notebook and a bare notebook (one Button
and a Label, the baseline). N headless Chromium browser contexts (one browser process, one
context per learner: its own cookies and cache) open the same notebook together, then each
learner answers one exercise. Per learner:

* **first exercise**: from the start of the navigation to the first exercise widget visible
  (``.lessonkit-exercise``; the baseline's box has ``.bench-exercise``), timed in the page
  (``performance.now()``, whose origin is the navigation start) by a watcher installed before
  the page loads, so the figure does not include the benchmark's own delays under load;
* **click to feedback**: once the learner's page has all its widgets, and after a second of
  "reading", the learner picks an option of the first quiz that is not already chosen (the
  shared progress store may have brought back another learner's answer) and clicks its Check
  button; timed in the page from the click event to the feedback region showing new feedback
  (the baseline: its Button, and the Label's new text);
* **memory**: once every page is loaded and answered, the proportional set size (PSS, from
  ``/proc/PID/smaps_rollup``) of each learner's kernel (found by the kernel id in its page) and
  of the Voila process.

The bare notebook is measured the same way, at the same N, in the same Voila, just before the
lesson (baseline first, then lesson, repeated for N=1 to get several samples). Between rounds
the learners' kernels are shut down through Voila's own shutdown address (as a closed page
does) and the server is left to go quiet.

``--pool N`` also runs the learner counts in a second Voila started with Voila's preheated
kernels (``--preheat_kernel=True --pool_size=N``: N kernels per served notebook that have
already run it), and reports the memory the pool keeps while idle.

    python benchmarks/bench_class.py --learners 1 --learners 10 --learners 30 [--pool N]
        [--pool-learners 10 --pool-learners 30] [--pool-only] [--repeats 3] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from _common import (
    NOTEBOOKS,
    ROOT,
    fmt_time,
    free_port,
    largest_module,
    load_average,
    percentile,
    private_env,
    voila_command,
)

from lessonkit.tools.chromium import CHROMIUM, CHROMIUM_FLAGS  # the browser tests' settings

ORDER = 62
LEARNERS = (1, 10, 30)
TARGET_FIRST = "p95 ratio at most 1.5 at N=30"
TARGET_MEMORY = "ratio at most 1.5"
FIRST_LIMIT = MEMORY_LIMIT = 1.5
TARGET_N = 30
VIEW = ".jp-OutputArea-output > .jupyter-widgets"  # one per widget a cell shows
TIMEOUT_MS = 300_000  # 30 kernels starting on 2 cores take minutes
THINK_MS = 1_000  # a learner reads the options before clicking
LEARNER_TIMEOUT_S = 600  # one learner's whole visit, at most
VIEWS_STEADY_S = 30  # views sent but not drawn, with no new one for this long: given up
VOILA_ARGS: list[str] = []  # --voila-arg: more options for every Voila of the run (trials)
IOPUB_TIMEOUT = "Timeout waiting for IOPub output"  # nbclient: it goes on without the output

BARE = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "bare-exercise",
            "metadata": {},
            "outputs": [],
            "source": [
                "import itertools\n",
                "import ipywidgets as w\n",
                "clicks = itertools.count(1)\n",
                'feedback = w.Label("")\n',
                'feedback.add_class("bench-feedback")\n',
                'button = w.Button(description="Check")\n',
                "def answer(_):\n",
                "    feedback.value = f'Clicked {next(clicks)}'\n",
                "button.on_click(answer)\n",
                "box = w.VBox([button, feedback])\n",
                'box.add_class("bench-exercise")\n',
                "box",
            ],
        }
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}

# Installed in every page before it loads: notes when the first element matching the selector
# is visible (Playwright's meaning: a non-empty box, not visibility:hidden).
FIRST_VISIBLE_JS = """
(sel) => {
  if (window.top !== window) return;
  window.__benchFirst = null;
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  let observer = null, timer = null;
  const look = () => {
    if (window.__benchFirst === null) {
      for (const el of document.querySelectorAll(sel)) {
        if (shown(el)) { window.__benchFirst = performance.now(); break; }
      }
    }
    if (window.__benchFirst !== null) {
      if (observer) observer.disconnect();
      if (timer) clearInterval(timer);
    }
  };
  observer = new MutationObserver(look);
  observer.observe(document, {childList: true, subtree: true, attributes: true});
  timer = setInterval(look, 50);
  // Every cell output Voila sends arrives as a script element, which the page replaces by the
  // output once its app starts: keep them, to count the widget views Voila sent.
  window.__benchOutputs = [];
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeName === "SCRIPT" && node.type === "application/vnd.voila.cell-output+json") {
          window.__benchOutputs.push(node);
        }
      }
    }
  }).observe(document, {childList: true, subtree: true});
}
"""
ERROR_OUTPUTS_JS = """
() => Array.from(document.querySelectorAll(
  '[data-mime-type="application/vnd.jupyter.stderr"], .jupyter-widgets.jp-RenderedText'
)).map((e) => e.innerText.trim()).filter((t) => t)
"""
SENT_VIEWS_JS = """
() => (window.__benchOutputs || [])
  .filter((s) => s.textContent.includes("application/vnd.jupyter.widget-view+json")).length
"""

# Run on the exercise's root just before the click: the time of the click event, and of the
# first change after it that shows feedback (one of the words, and not the text shown before).
ARM_JS = """
(root, args) => {
  const read = () => Array.from(root.querySelectorAll(args.feedback))
    .map((e) => e.innerText).join(" ");
  const before = read();
  window.__benchClick = null;
  window.__benchFeedback = null;
  root.addEventListener("click", (event) => {
    if (window.__benchClick === null && event.target.closest("button")) {
      window.__benchClick = performance.now();
    }
  }, true);
  const observer = new MutationObserver(() => {
    if (window.__benchClick === null || window.__benchFeedback !== null) return;
    const now = read();
    if (now !== before && args.words.some((w) => now.includes(w))) {
      window.__benchFeedback = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(root, {childList: true, subtree: true, characterData: true});
  return before;
}
"""


@dataclass
class Served:
    """One notebook the class opens, and how its learners find their exercise and answer it."""

    name: str  # file name in the served folder
    label: str
    first: str  # selector of an exercise widget
    views: int  # widget views the page shows when it is loaded
    answer_root: str  # selector of the exercise the learner answers
    button: str  # its button's accessible name
    feedback: str  # selector of its feedback region(s), inside the root
    words: list[str]  # feedback contains one of them
    choose: bool  # pick a radio option first


@dataclass
class Learner:
    first_ms: float | None = None  # in the page, from the navigation start
    first_wall_s: float | None = None  # in this script, from goto to seen (for comparison)
    click_ms: float | None = None
    response_start_ms: float | None = None  # first byte of the page (Voila streams it)
    response_end_ms: float | None = None  # last byte: Voila has run the whole notebook
    kernel_id: str | None = None
    error: str | None = None
    began: float | None = None  # perf_counter() when its navigation was asked for
    views: int | None = None  # widget views drawn once the page was loaded
    views_sent: int | None = None  # widget views in the outputs Voila sent
    views_expected: int = 0
    stage: str = "starting"
    problems: list[str] = field(default_factory=list)  # console errors, error outputs shown


@dataclass
class Round:
    notebook: str
    n: int
    learners: list[Learner] = field(default_factory=list)
    kernel_pss_kb: list[int] = field(default_factory=list)
    kernel_uss_kb: list[int] = field(default_factory=list)
    voila_pss_kb: int | None = None
    wall_s: float = 0.0
    start_spread_s: float = 0.0  # first to last navigation asked for
    settle_s: float = 0.0  # waiting for the server to go quiet after the round
    iopub_timeouts: int = 0  # Voila's log: a cell's outputs it stopped waiting for
    load_after: str = ""


# ---------------------------------------------------------------- processes and memory


def children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    return children


def descendants(pid: int) -> list[int]:
    children, found, todo = children_map(), [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def kernels_of(pid: int) -> dict[str, int]:
    """Kernel id -> process id, for every ipykernel below the server (connection file name)."""
    found = {}
    for child in descendants(pid):
        line = cmdline(child)
        if "ipykernel" not in line:
            continue
        for word in line.split():
            name = Path(word).name
            if name.startswith("kernel-") and name.endswith(".json"):
                found[name.removeprefix("kernel-").removesuffix(".json")] = child
    return found


def memory_kb(pid: int) -> tuple[int, int] | None:
    """(PSS, USS) in kB from smaps_rollup; None if the process is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    values = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].endswith(":") and parts[1].isdigit():
            values[parts[0][:-1]] = int(parts[1])
    uss = values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
    return values.get("Pss", 0), uss


def cpu_seconds(pids) -> float:
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_quiet(server_pid: int, kernels: int | None, timeout: float = 240) -> float:
    """Wait until the server has ``kernels`` kernels (if given) and it and they use less than a
    tenth of a core for a second. Returns the seconds waited."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if kernels is not None and len(kernels_of(server_pid)) != kernels:
            time.sleep(0.5)
            continue
        pids = [server_pid, *descendants(server_pid)]
        before = cpu_seconds(pids)
        time.sleep(1.0)
        if cpu_seconds(pids) - before < 0.1 + 0.005 * len(pids):  # idle kernels tick a little
            break
    return time.monotonic() - start


def progress_file_users(pids, progress: Path) -> set[int]:
    """The processes holding the progress file open (lesson kernels; the bare ones do not)."""
    users = set()
    for pid in pids:
        try:
            links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:
            continue
        if any(link.startswith(str(progress)) for link in links):
            users.add(pid)
    return users


class Voila:
    """One Voila server for the run, stopped with its kernels at the end, even on errors."""

    def __init__(self, base: Path, served: Path, extra: tuple[str, ...] = ()) -> None:
        self.base = base
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = base / f"voila-{self.port}.log"
        self.progress = base / "progress.sqlite"
        self.seen: set[int] = set()
        with self.log.open("w", encoding="utf-8") as handle:
            self.process = subprocess.Popen(
                voila_command(self.port, served, extra),
                cwd=ROOT,  # the project's voila.json applies, as when a teacher runs Voila
                env=private_env(base),
                stdin=subprocess.DEVNULL,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("Voila stopped at start:\n" + self.log_tail())
            try:
                with urllib.request.urlopen(self.url + "/voila/static/voila.js", timeout=5) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"Voila not ready after {timeout:.0f} s:\n" + self.log_tail())
            time.sleep(0.25)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def log_count(self, words: str) -> int:
        try:
            return self.log.read_text(errors="replace").count(words)
        except OSError:
            return 0

    def note_children(self) -> None:
        self.seen.update(descendants(self.process.pid))

    def stop(self) -> None:
        """SIGTERM to Voila's process group (it shuts its kernels down), then end by process id
        any kernel still running: kernels run in sessions of their own."""
        self.note_children()
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
            except ProcessLookupError:
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            left = [pid for pid in self.seen if alive(pid)]
            for pid in left:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 5
            while left and time.monotonic() < deadline:
                time.sleep(0.1)
                left = [pid for pid in left if alive(pid)]


# ---------------------------------------------------------------- one learner, one class


async def one_learner(browser, voila: Voila, spec: Served, start: asyncio.Event, contexts, ready):
    learner = Learner(views_expected=spec.views)
    context = await browser.new_context()
    contexts.append(context)
    page = await context.new_page()
    await page.add_init_script(script=f"({FIRST_VISIBLE_JS})({json.dumps(spec.first)})")
    page.on("console", lambda m: note_console(learner, m))
    ready.append(page)
    await start.wait()
    try:
        await asyncio.wait_for(learn(page, voila, spec, learner), LEARNER_TIMEOUT_S)
    except Exception as err:  # noqa: BLE001 - one learner's failure is reported, not fatal
        if isinstance(err, TimeoutError) and not str(err):
            err = TimeoutError(f"more than {LEARNER_TIMEOUT_S} s in all")
        learner.error = f"{learner.stage}: {type(err).__name__}: {str(err).splitlines()[0][:160]}"
    try:
        if learner.views is None:
            learner.views = await page.locator(VIEW).count()
        if learner.views_sent is None:
            learner.views_sent = await page.evaluate(SENT_VIEWS_JS)
        if learner.error or learner.views < spec.views:
            shown = await page.evaluate(ERROR_OUTPUTS_JS)
            learner.problems += [f"shown: {text[:200]}" for text in shown[:3]]
        else:
            learner.problems.clear()  # kept only to explain a failed or short page
    except Exception:  # noqa: BLE001 - diagnostics only
        pass
    return learner


def note_console(learner: Learner, message) -> None:
    # The CDN stylesheets Voila's template asks for are refused by the project's CSP: expected.
    if "Content Security Policy" in message.text:
        return
    if message.type == "error" and len(learner.problems) < 5:
        learner.problems.append(f"console: {message.text[:200]}")


async def learn(page, voila: Voila, spec: Served, learner: Learner) -> None:
    """What one learner does; ``learner.stage`` says how far it got."""
    learner.stage = "opening"
    began = learner.began = time.perf_counter()
    await page.goto(
        f"{voila.url}/voila/render/{spec.name}", wait_until="commit", timeout=TIMEOUT_MS
    )
    learner.stage = "waiting for the page's kernel id"
    config = page.locator("#jupyter-config-data")
    await config.wait_for(state="attached", timeout=TIMEOUT_MS)
    learner.kernel_id = json.loads(await config.text_content() or "{}").get("kernelId")
    learner.stage = "waiting for the first exercise"
    await page.wait_for_function(
        "() => window.__benchFirst !== null && window.__benchFirst !== undefined",
        timeout=TIMEOUT_MS,
        polling=100,
    )
    learner.first_wall_s = time.perf_counter() - began
    learner.first_ms = await page.evaluate("() => window.__benchFirst")
    # Loaded: Voila has sent the whole page (it runs every cell first), and the widget views it
    # sent are drawn, or their number has stopped changing for a while.
    learner.stage = "waiting for the whole page"
    await page.wait_for_load_state("load", timeout=TIMEOUT_MS)
    learner.views_sent = await page.evaluate(SENT_VIEWS_JS)
    learner.stage = "waiting for every widget view"
    last, steady = -1, time.monotonic()
    while True:
        count = await page.locator(VIEW).count()
        if count >= min(spec.views, learner.views_sent):
            break
        if count != last:
            last, steady = count, time.monotonic()
        elif time.monotonic() - steady > VIEWS_STEADY_S:
            break
        await asyncio.sleep(0.25)
    learner.views = count
    timing = await page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return n ? [n.responseStart, n.responseEnd] : [null, null]; }"
    )
    learner.response_start_ms, learner.response_end_ms = timing
    learner.stage = "answering"
    root = page.locator(spec.answer_root).first
    if not await root.count():
        raise LookupError(f"no {spec.answer_root} on the page ({count} of {spec.views} views)")
    await root.wait_for(state="visible", timeout=TIMEOUT_MS)
    if spec.choose:
        radios = root.get_by_role("radio")
        for index in range(await radios.count()):
            if not await radios.nth(index).is_checked():
                await radios.nth(index).check(timeout=TIMEOUT_MS)
                break
    await page.wait_for_timeout(THINK_MS)
    await root.evaluate(ARM_JS, {"feedback": spec.feedback, "words": spec.words})
    await root.get_by_role("button", name=spec.button, exact=True).click(timeout=TIMEOUT_MS)
    learner.stage = "waiting for the feedback"
    await page.wait_for_function(
        "() => window.__benchFeedback !== null", timeout=TIMEOUT_MS, polling=50
    )
    learner.click_ms = await page.evaluate("() => window.__benchFeedback - window.__benchClick")
    learner.stage = "done"


async def shut_down(context, voila: Voila, kernel_id: str) -> None:
    """As Voila's page does when it closes: POST to its shutdown address (with an XSRF pair)."""
    token = uuid.uuid4().hex
    await context.add_cookies([{"name": "_xsrf", "value": token, "url": voila.url}])
    await context.request.post(
        f"{voila.url}/voila/api/shutdown/{kernel_id}", headers={"X-XSRFToken": token}
    )


async def class_round(browser, voila: Voila, spec: Served, n: int, idle_kernels) -> Round:
    result = Round(spec.name, n)
    timeouts_before = voila.log_count(IOPUB_TIMEOUT)
    start = asyncio.Event()
    contexts: list = []
    ready: list = []
    tasks = [
        asyncio.create_task(one_learner(browser, voila, spec, start, contexts, ready))
        for _ in range(n)
    ]
    try:
        while len(ready) < n and not any(t.done() for t in tasks):
            await asyncio.sleep(0.05)  # every learner has a context and a page: now together
        began = time.perf_counter()
        start.set()
        result.learners = list(await asyncio.gather(*tasks))
        result.wall_s = time.perf_counter() - began
        starts = [x.began for x in result.learners if x.began is not None]
        result.start_spread_s = max(starts) - min(starts) if starts else 0.0
        voila.note_children()
        pids = kernels_of(voila.process.pid)
        for learner in result.learners:
            pid = pids.get(learner.kernel_id or "")
            memory = memory_kb(pid) if pid else None
            if memory:
                result.kernel_pss_kb.append(memory[0])
                result.kernel_uss_kb.append(memory[1])
        own = memory_kb(voila.process.pid)
        result.voila_pss_kb = own[0] if own else None
        # The learners' kernels; with no pool, every kernel (a learner whose page failed
        # before its kernel id was read leaves one too).
        ending = {x.kernel_id for x in result.learners if x.kernel_id}
        if idle_kernels == 0:
            ending |= set(pids)
        for kernel_id in ending:
            try:
                await shut_down(contexts[0], voila, kernel_id)
            except Exception:  # noqa: BLE001 - the kernel is then stopped with Voila
                pass
    finally:
        for task in tasks:
            task.cancel()
        for context in contexts:
            try:
                await context.close()
            except Exception:  # noqa: BLE001
                pass
    result.iopub_timeouts = voila.log_count(IOPUB_TIMEOUT) - timeouts_before
    result.settle_s = await asyncio.to_thread(wait_quiet, voila.process.pid, idle_kernels, 180)
    result.load_after = load_average()
    return result


async def run_class(
    served_dir: Path, base: Path, specs, counts, repeats: int, pool: int, log
) -> dict:
    """Every class size with both notebooks in one Voila; ``pool`` > 0 turns preheating on."""
    from playwright.async_api import async_playwright

    extra = ("--preheat_kernel=True", f"--pool_size={pool}") if pool else ()
    extra = (*extra, *VOILA_ARGS)
    idle = 2 * pool if pool else 0  # the pool is per notebook: two are served
    voila = Voila(base, served_dir, extra)
    out: dict = {"pool": pool, "rounds": [], "idle": None}
    try:
        voila.wait_ready()
        waited = await asyncio.to_thread(wait_quiet, voila.process.pid, idle, 600)
        if pool:
            kernels = kernels_of(voila.process.pid)
            lesson_pids = progress_file_users(kernels.values(), voila.progress)
            sizes = {pid: memory_kb(pid) for pid in kernels.values()}
            own = memory_kb(voila.process.pid)
            out["idle"] = {
                "waited_s": waited,
                "kernels": len(kernels),
                "lesson_pss_kb": [sizes[p][0] for p in lesson_pids if sizes.get(p)],
                "bare_pss_kb": [
                    m[0] for p, m in sizes.items() if p not in lesson_pids and m is not None
                ],
                "voila_pss_kb": own[0] if own else None,
                "opened_records": opened_records(voila.progress),
            }
            log(
                f"pool of {pool}: {len(kernels)} kernels idle after {waited:.0f} s, "
                f"{len(lesson_pids)} holding the progress file"
            )
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
            )
            try:
                for spec in specs:  # warm-up: one learner on each, untimed
                    await class_round(browser, voila, spec, 1, idle)
                for n in counts:
                    for number in range(max(1, math.ceil(repeats / n))):
                        for spec in specs:  # the baseline first, then the lesson
                            t0 = time.perf_counter()
                            done = await class_round(browser, voila, spec, n, idle)
                            out["rounds"].append(done)
                            bad = sum(1 for x in done.learners if x.error)
                            log(
                                f"{'pool ' + str(pool) if pool else 'no pool'}, N={n} "
                                f"round {number + 1}, {spec.label}: {done.wall_s:.0f} s "
                                f"(with settling {time.perf_counter() - t0:.0f} s), "
                                f"{bad} failed, {short_pages(done)} pages short of widgets "
                                f"({unsent_pages(done)} as sent by Voila), "
                                f"{done.iopub_timeouts} IOPub timeouts, openings asked for within "
                                f"{done.start_spread_s * 1e3:.0f} ms, load {done.load_after}"
                            )
            finally:
                await browser.close()
        out["preheated_used"] = voila.log_count("Using pre-heated kernel")
    finally:
        voila.stop()
    return out


def short_pages(done: Round) -> int:
    return sum(1 for x in done.learners if x.views is not None and x.views < x.views_expected)


def unsent_pages(done: Round) -> int:
    """Pages whose outputs, as Voila sent them, lack widget views (Voila lost a cell's output)."""
    return sum(
        1 for x in done.learners if x.views_sent is not None and x.views_sent < x.views_expected
    )


def opened_records(progress: Path) -> int | None:
    """Modules the progress store says were opened (preheating runs the opening cell early)."""
    import sqlite3

    if not progress.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{progress}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT COUNT(*) FROM module").fetchone()[0]
    except sqlite3.Error:
        return None


# ---------------------------------------------------------------- the two notebooks


def prepare(base: Path) -> tuple[Path, list[Served], str]:
    from lessonkit.content import load_course

    lang, module = largest_module()
    source = NOTEBOOKS / lang / f"{module.id}.ipynb"
    if not source.exists():
        raise FileNotFoundError(f"no notebook {source.relative_to(ROOT)} for the module")
    notebook = json.loads(source.read_text(encoding="utf-8"))
    views = sum(
        "application/vnd.jupyter.widget-view+json" in output.get("data", {})
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
    )
    quizzes = [i for i in module.items if i.kind == "quiz" and not i.multiple]
    if not quizzes:
        raise LookupError(f"{module.id} has no one-answer quiz to answer")
    ui = load_course(lang).ui
    served = base / "served"
    served.mkdir()
    shutil.copy(source, served / source.name)
    (served / "bare.ipynb").write_text(json.dumps(BARE), encoding="utf-8")
    bare = Served(
        "bare.ipynb",
        "bare notebook",
        ".bench-exercise",
        1,
        ".bench-exercise",
        "Check",
        ".bench-feedback",
        ["Clicked"],
        False,
    )
    lesson = Served(
        source.name,
        "lesson",
        ".lessonkit-exercise",
        views,
        ".lessonkit-quiz",
        ui.check,
        '[role="status"]',
        [ui.correct, ui.not_quite, ui.partly],
        True,
    )
    what = f"{module.id} ({len(module.items)} items, {views} widget views)"
    return served, [bare, lesson], what


# ---------------------------------------------------------------- figures


def pooled(rounds, notebook: str, n: int):
    chosen = [r for r in rounds if r.notebook == notebook and r.n == n]
    learners = [x for r in chosen for x in r.learners]
    return {
        "first": [x.first_ms / 1e3 for x in learners if x.first_ms is not None],
        "click": [x.click_ms / 1e3 for x in learners if x.click_ms is not None],
        "sent": [x.response_end_ms / 1e3 for x in learners if x.response_end_ms],
        "pss": [kb for r in chosen for kb in r.kernel_pss_kb],
        "uss": [kb for r in chosen for kb in r.kernel_uss_kb],
        "voila": [r.voila_pss_kb for r in chosen if r.voila_pss_kb],
        "errors": [x.error for x in learners if x.error],
        "short": [x.views for x in learners if x.views is not None and x.views < x.views_expected],
        "unsent": [
            x.views_sent
            for x in learners
            if x.views_sent is not None and x.views_sent < x.views_expected
        ],
        "iopub": sum(r.iopub_timeouts for r in chosen),
        "problems": Counter(p for x in learners for p in dict.fromkeys(x.problems)),
        "wall": [r.wall_s for r in chosen],
    }


def three(samples) -> tuple[float, float, float] | None:
    if not samples:
        return None
    return statistics.median(samples), percentile(samples, 0.95), max(samples)


def mb(kb: float) -> str:
    return f"{kb / 1024:.1f} MB"


def fmt_three(values, unit=fmt_time) -> str:
    return " / ".join(unit(v) for v in values) if values else "not measured"


def ratios(a, b) -> str:
    if not a or not b:
        return ""
    return " / ".join(f"{x / y:.2f}" if y else "-" for x, y in zip(a, b, strict=True))


def report(result: dict, specs, what: str) -> tuple[list[str], list[dict]]:
    """Printed lines and run.py rows for one Voila (with or without a pool)."""
    bare, lesson = specs
    pool = result["pool"]
    title = f"with a pool of {pool} preheated kernels per notebook" if pool else "no pool"
    if VOILA_ARGS:
        title += ", with " + " ".join(VOILA_ARGS)
    lines, rows = [f"== Voila {title}; lesson {what}; baseline: one Button and a Label"], []
    if result.get("idle"):
        idle = result["idle"]
        lp, bp = idle["lesson_pss_kb"], idle["bare_pss_kb"]
        lines.append(
            f"idle, before any learner ({idle['waited_s']:.0f} s to fill and settle): "
            f"{idle['kernels']} kernels; lesson kernels {len(lp)}, PSS "
            f"{mb(sum(lp)) if lp else '-'} in all ({mb(statistics.median(lp)) if lp else '-'} "
            f"each); bare kernels {len(bp)}, {mb(sum(bp)) if bp else '-'} in all; Voila "
            f"{mb(idle['voila_pss_kb']) if idle['voila_pss_kb'] else '-'}; modules recorded "
            f"as opened in the progress store: {idle['opened_records']}"
        )
    counts = sorted({r.n for r in result["rounds"]})
    for n in counts:
        a, b = pooled(result["rounds"], lesson.name, n), pooled(result["rounds"], bare.name, n)
        fa, fb = three(a["first"]), three(b["first"])
        ca, cb = three(a["click"]), three(b["click"])
        pa = statistics.median(a["pss"]) if a["pss"] else None
        pb = statistics.median(b["pss"]) if b["pss"] else None
        ua = statistics.median(a["uss"]) if a["uss"] else None
        ub = statistics.median(b["uss"]) if b["uss"] else None
        va = max(a["voila"]) if a["voila"] else None
        vb = max(b["voila"]) if b["voila"] else None
        lines.append(
            f"N={n}: {len(a['first'])} lesson and {len(b['first'])} bare learners measured; "
            f"a class from opening to its last feedback: lesson "
            f"{fmt_time(max(a['wall'], default=0))}, bare {fmt_time(max(b['wall'], default=0))}"
        )
        lines.append(
            "  figure                          lesson                      "
            "bare notebook               ratio"
        )
        lines.append(
            f"  first exercise med/p95/max      {fmt_three(fa):27} {fmt_three(fb):27} "
            f"{ratios(fa, fb)}"
        )
        sa, sb = three(a["sent"]), three(b["sent"])
        lines.append(
            f"  (page's last byte med/p95/max   {fmt_three(sa):27} {fmt_three(sb):27} "
            f"{ratios(sa, sb)})"
        )
        lines.append(
            f"  click to feedback med/p95/max   {fmt_three(ca):27} {fmt_three(cb):27} "
            f"{ratios(ca, cb)}"
        )
        lines.append(
            f"  kernel PSS per learner (median) {mb(pa) if pa else '-':27} "
            f"{mb(pb) if pb else '-':27} {f'{pa / pb:.2f}' if pa and pb else ''}"
        )
        lines.append(
            f"  kernel USS per learner (median) {mb(ua) if ua else '-':27} "
            f"{mb(ub) if ub else '-':27} {f'{ua / ub:.2f}' if ua and ub else ''}"
        )
        lines.append(
            f"  Voila PSS                       {mb(va) if va else '-':27} "
            f"{mb(vb) if vb else '-':27} {f'{va / vb:.2f}' if va and vb else ''}"
        )
        for label, got, spec in (("lesson", a, lesson), ("bare", b, bare)):
            if got["short"]:
                lines.append(
                    f"  {len(got['short'])} {label} pages showed fewer than their {spec.views} "
                    f"widget views (from {min(got['short'])}); {len(got['unsent'])} of them "
                    f"because Voila sent fewer; Voila's log: {got['iopub']} times "
                    f"'{IOPUB_TIMEOUT}' (it goes on without that cell's outputs)"
                )
            elif got["iopub"]:
                lines.append(f"  Voila's log, {label}: {got['iopub']} times '{IOPUB_TIMEOUT}'")
            if got["errors"]:
                lines.append(
                    f"  {len(got['errors'])} {label} learners failed, first: {got['errors'][0]}"
                )
            for problem, times in got["problems"].most_common(3):
                lines.append(f"  {label} pages, {times} times: {problem}")
        first_ratio = fa[1] / fb[1] if fa and fb else None
        memory_ratio = pa / pb if pa and pb else None
        tag = f"N={n}" + (f", pool {pool}" if pool else "")
        first_row = {
            "figure": f"class in Voila ({tag}): first exercise visible, 95th percentile",
            "value": f"p95 {fmt_time(fa[1])} (median {fmt_time(fa[0])}, max {fmt_time(fa[2])}, "
            f"n={len(a['first'])})"
            if fa
            else "not measured",
            "baseline": f"p95 {fmt_time(fb[1])} (median {fmt_time(fb[0])}, max "
            f"{fmt_time(fb[2])}, n={len(b['first'])})"
            if fb
            else "not measured",
            "ratio": first_ratio,
            "target": TARGET_FIRST if n == TARGET_N and not pool else "(record)",
            "note": "N learners open the largest module at once, one headless Chromium context "
            "each; baseline: a one-Button notebook opened the same way in the same Voila",
        }
        if n == TARGET_N and not pool:
            first_row["ok"] = first_ratio is not None and first_ratio <= FIRST_LIMIT
        click_row = {
            "figure": f"class in Voila ({tag}): click to feedback (first quiz)",
            "value": f"median {fmt_time(ca[0])} (p95 {fmt_time(ca[1])}, max {fmt_time(ca[2])})"
            if ca
            else "not measured",
            "baseline": f"median {fmt_time(cb[0])} (p95 {fmt_time(cb[1])}, max {fmt_time(cb[2])})"
            if cb
            else "not measured",
            "ratio": ca[0] / cb[0] if ca and cb else None,
            "target": "(record)",
        }
        memory_row = {
            "figure": f"class in Voila ({tag}): kernel PSS per learner (median)",
            "value": mb(pa) if pa else "not measured",
            "baseline": mb(pb) if pb else "not measured",
            "ratio": memory_ratio,
            "target": TARGET_MEMORY if not pool else "(record)",
            "note": f"Voila's own PSS: {mb(va) if va else '-'} (bare round: "
            f"{mb(vb) if vb else '-'})",
        }
        if not pool:
            memory_row["ok"] = memory_ratio is not None and memory_ratio <= MEMORY_LIMIT
        rows += [first_row, click_row, memory_row]
    if pool:
        used = result["preheated_used"]
        lines.append(f"pages served from a preheated kernel (Voila's log): {used}")
    return lines, rows


# ---------------------------------------------------------------- entry points


def run_all(
    counts, repeats: int, pool: int, pool_counts, log=print, plain: bool = True
) -> tuple[list, list, dict]:
    lines: list[str] = [
        f"Started {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}; "
        f"load average before: {load_average()}"
    ]
    rows: list[dict] = []
    record: dict = {"load_before": load_average(), "runs": []}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-class-") as folder:
        base = Path(folder)
        served, specs, what = prepare(base)
        plans = ([(0, counts)] if plain else []) + ([(pool, pool_counts)] if pool else [])
        for size, sizes in plans:
            run_base = base / f"pool-{size}"
            run_base.mkdir()
            result = asyncio.run(run_class(served, run_base, specs, sizes, repeats, size, log))
            more_lines, more_rows = report(result, specs, what)
            lines += more_lines
            rows += more_rows
            record["runs"].append(
                {
                    "pool": size,
                    "idle": result["idle"],
                    "preheated_used": result.get("preheated_used"),
                    "rounds": [asdict(r) for r in result["rounds"]],
                }
            )
    took = time.perf_counter() - started
    lines.append(
        f"Ended {time.strftime('%H:%M:%S UTC', time.gmtime())}; load average after: "
        f"{load_average()}; {took / 60:.1f} minutes in all"
    )
    record["load_after"] = load_average()
    record["minutes"] = took / 60
    return lines, rows, record


def available() -> str | None:
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    try:
        import voila  # noqa: F401
    except ImportError:
        return "voila is not installed (pip install voila)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (Debian package chromium)"
    return None


def measure(repeats: int) -> list[dict]:
    problem = available()
    if problem:
        return [
            {
                "figure": "class in Voila",
                "value": "not measured",
                "baseline": "",
                "ratio": None,
                "target": TARGET_FIRST,
                "ok": False,
                "note": problem,
            }
        ]
    lines, rows, _ = run_all(LEARNERS, repeats, 0, (), log=lambda m: print(m, file=sys.stderr))
    print("\n".join(lines), file=sys.stderr)
    return rows


def stamped(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--learners",
        type=int,
        action="append",
        metavar="N",
        help="class sizes (repeatable; default 1, 10, 30)",
    )
    parser.add_argument(
        "--pool",
        type=int,
        default=0,
        metavar="N",
        help="also run with Voila's preheated kernels, N per notebook",
    )
    parser.add_argument(
        "--pool-learners",
        type=int,
        action="append",
        metavar="N",
        help="class sizes with the pool (default: those of --learners)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="learners sampled at least, by repeating small classes (default 3)",
    )
    parser.add_argument(
        "--pool-only", action="store_true", help="with --pool: skip the Voila without a pool"
    )
    parser.add_argument(
        "--voila-arg",
        action="append",
        default=[],
        metavar="OPTION",
        help="one more Voila option for a trial, e.g. --voila-arg=--VoilaExecutor.iopub_timeout=30",
    )
    parser.add_argument("--json", type=Path, help="also write every sample")
    args = parser.parse_args(argv)
    counts = args.learners or list(LEARNERS)
    if min(counts) < 1 or args.pool < 0 or args.repeats < 1:
        parser.error("class sizes and --repeats must be at least 1, --pool at least 0")
    if args.pool_only and not args.pool:
        parser.error("--pool-only needs --pool N")
    problem = available()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    VOILA_ARGS[:] = args.voila_arg
    lines, rows, record = run_all(
        counts,
        args.repeats,
        args.pool,
        args.pool_learners or counts,
        stamped,
        plain=not args.pool_only,
    )
    print("\n".join(lines))
    if args.json:
        record["rows"] = rows
        args.json.write_text(json.dumps(record, indent=1, default=str), encoding="utf-8")
    return 1 if any(r.get("ok") is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
