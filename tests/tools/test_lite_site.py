"""The JupyterLite site: built by `python -m lessonkit lite`, served on 127.0.0.1, run in Chromium.

The build tools live in their own virtual environment (requirements-lite.txt), so the build runs
in a subprocess with that environment's Python: $LESSONKIT_LITE_PYTHON (.ci/run sets it), else
.venv-lite/bin/python. Without it, or without Chromium and Playwright, these tests skip with a
message saying how to get them; under CI (CI=true) they fail instead.

The site is built once per run, whatever the number of workers (the ``site`` fixture). The browser
tests open lessons in Debian's Chromium headless shell, each Pyodide start costing 10 to 40 s of
CPU, so each start does several checks: module 01 in a fresh profile runs every cell, gets feedback
for a wrong and a right answer, and fails if any request leaves 127.0.0.1; then the same profile
keeps its answers across a browser closed in the middle of many quick answers (a reload takes
the same path: the page goes, and the next one reads the copy kept in the browser's storage); a
second test carries progress from one profile to another. Two guards, in every test
(``LiteBrowser``): a route on the browser context aborts and records every request of the pages,
web workers (the kernel) and service worker for another host; and Chromium's proxy is a
recorder on 127.0.0.1 that refuses everything, so nothing the browser itself asks for leaves the
machine either.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
import urllib.parse
import zipfile
from pathlib import Path

import pytest

from lessonkit.content import PROJECT_ROOT, load_course
from lessonkit.tools.chromium import CHROMIUM_FLAGS, HEADLESS_SHELL
from lessonkit.tools.lite.constants import STORAGE_NAME
from lessonkit.tools.notebooks import NOTEBOOKS, WIDGET_VIEW, notebook_paths

from ..ci import unavailable
from ..helpers import LANGS

# A unit of work is one test (tests/scheduling.py): building the site takes about 6 s in each
# worker that runs one; the three that drive Pyodide in Chromium say how long they take.
pytestmark = pytest.mark.slow(seconds=6)

HOST = "127.0.0.1"
CACHE = PROJECT_ROOT / "_build" / "lite-cache"  # kept between runs on a developer's machine
KERNEL_IDLE = re.compile(r"Python \(Pyodide\) \| Idle")
KERNEL_WAIT_MS = 240_000  # the first Pyodide start in a fresh profile: seen 30-60 s here
ERROR_OUTPUTS = (
    '[data-mime-type="application/vnd.jupyter.stderr"], '
    '[data-mime-type="application/vnd.jupyter.error"], .lessonkit-error'
)
PROBE = "http://lessonkit-guard-probe.invalid/"  # must be caught by the guard, never sent
# Chromium's own background calls (component update, sign-in, autofill), seen even with the flags
# above: they are the browser's, never the site's, and the test proxy refuses them too.
CHROMIUM_SERVICES = (".google.com", ".googleapis.com", ".gstatic.com", ".gvt1.com")
HOW_TO_GET_TOOLS = (
    "python3 -m venv .venv-lite && .venv-lite/bin/pip install -r requirements-lite.txt "
    "(or set LESSONKIT_LITE_PYTHON to a Python that has requirements-lite.txt installed)"
)


def lite_python() -> str:
    python = os.environ.get("LESSONKIT_LITE_PYTHON") or str(PROJECT_ROOT / ".venv-lite/bin/python")
    if not Path(python).exists():
        unavailable(f"the JupyterLite build tools are not installed: {HOW_TO_GET_TOOLS}")
    return python


def run_lite(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [lite_python(), "-m", "lessonkit", "lite", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site, built once for the whole run: the first worker that needs it builds it while
    the others wait on a lock (one build, one writer of the download cache)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    folder = shared / "lite-site"
    folder.mkdir(exist_ok=True)
    out = folder / "site"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "built").exists():
            result = run_lite("--fetch", "--out", str(out), "--cache", str(CACHE))
            assert result.returncode == 0, result.stderr
            assert "Built the JupyterLite site" in result.stdout
            (folder / "built").write_text(result.stdout, "utf-8")
    assert (out / "jupyter-lite.json").exists(), f"no site in {out}"
    return out


def site_notebooks() -> list[Path]:
    return [p.relative_to(NOTEBOOKS) for p in notebook_paths()]


# ------------------------------------------------------------------ the built site


def test_site_runs_its_own_pyodide_with_pypi_off(site):
    config = json.loads((site / "jupyter-lite.json").read_text("utf-8"))
    kernel = config["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"
    ]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert (site / "static/pyodide/pyodide.mjs").is_file()
    assert kernel["disablePyPIFallback"] is True
    # Installed at kernel start, so a learner never needs a %pip cell.
    assert {"ipywidgets", "lessonkit"} <= set(kernel["loadPyodideOptions"]["packages"])
    assert not list(site.rglob("*.map")), "source maps shipped"
    # Pinned, so an upgrade of JupyterLite cannot hide what learners kept under another name.
    assert config["jupyter-config-data"]["contentsStorageName"] == STORAGE_NAME


def test_lock_lists_exactly_the_wheels_shipped_with_their_real_sha256(site):
    folder = site / "static/pyodide"
    lock = json.loads((folder / "pyodide-lock.json").read_text("utf-8"))
    listed = {entry["file_name"]: entry for entry in lock["packages"].values()}
    assert set(listed) == {p.name for p in folder.glob("*.whl")}
    for name, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256((folder / name).read_bytes()).hexdigest(), name
        assert name.endswith(("-py3-none-any.whl", "-py2.py3-none-any.whl")), name
    names = {entry["name"] for entry in lock["packages"].values()}
    assert {"ipywidgets", "comm", "traitlets", "ipython", "lessonkit", "micropip"} <= names
    # Every dependency a shipped wheel declares is shipped too.
    for entry in lock["packages"].values():
        assert set(entry["depends"]) <= names, entry["name"]


def test_lesson_kit_wheel_carries_the_content_beside_the_package(site):
    (wheel,) = (site / "static/pyodide").glob("lessonkit-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "lessonkit/cells.py" in names and "lessonkit/widgets/quiz.py" in names
    assert sorted(n for n in names if n.startswith("lessonkit/tools/")) == []
    content = PROJECT_ROOT / "content"
    expected = {f"content/{p.relative_to(content).as_posix()}" for p in content.rglob("*.toml")}
    assert expected and expected <= names


def test_every_notebook_is_in_the_site_with_lites_kernel(site):
    assert site_notebooks(), "no notebooks found"
    for lang in LANGS:  # both editions, each with a notebook per module
        assert len([p for p in site_notebooks() if p.parts[0] == lang]) >= 10, lang
        assert len(list((site / "files" / lang).glob("[0-9][0-9]-*.ipynb"))) >= 10, lang
    for relative in site_notebooks():
        copy = json.loads((site / "files" / relative).read_text("utf-8"))
        original = json.loads((NOTEBOOKS / relative).read_text("utf-8"))
        assert copy["metadata"]["kernelspec"]["name"] == "python", relative
        assert [c["source"] for c in copy["cells"]] == [c["source"] for c in original["cells"]]


# ------------------------------------------------------------------ a build that lacks a piece


def assert_nothing_left(out: Path) -> None:
    assert not out.exists(), f"a half-built site was left in {out}"
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]
    assert leftovers == [], leftovers


def test_missing_pyodide_names_it_and_how_to_get_it(tmp_path):
    out = tmp_path / "site"
    result = run_lite("--out", str(out), "--cache", str(tmp_path / "empty-cache"))
    assert result.returncode == 1
    message = result.stderr.strip()
    assert "npm package pyodide@" in message and "--fetch" in message, message
    assert "Traceback" not in result.stderr and len(message.splitlines()) == 1, message
    assert_nothing_left(out)


def test_no_npm_says_so(tmp_path):
    out = tmp_path / "site"
    env = {**os.environ, "PATH": str(tmp_path / "no-tools")}  # no npm on this PATH
    result = run_lite("--fetch", "--out", str(out), "--cache", str(tmp_path / "cache"), env=env)
    assert result.returncode == 1
    assert "npm is not installed" in result.stderr and "apt-get install npm" in result.stderr
    assert_nothing_left(out)


def test_a_wheel_that_is_not_pure_python_stops_the_build_and_keeps_the_old_site(site, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(CACHE, cache)
    (pure,) = (cache / "wheels").glob("comm-*-py3-none-any.whl")
    platform_wheel = pure.name.replace("-py3-none-any", "-cp314-cp314-emscripten_4_0_9_wasm32")
    pure.rename(pure.with_name(platform_wheel))
    out = tmp_path / "site"
    shutil.copytree(site, out)  # an earlier build: a failed rebuild must leave it whole
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    result = run_lite("--out", str(out), "--cache", str(cache))

    assert result.returncode == 1
    assert f"{platform_wheel} is not a pure-Python wheel" in result.stderr, result.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []


# ------------------------------------------------------------------ in the browser


def off_machine(url: str) -> bool:
    return urllib.parse.urlsplit(url).hostname not in {HOST, None}


class Proxy(http.server.BaseHTTPRequestHandler):
    """Chromium's proxy for every host but 127.0.0.1: records the host and refuses the request."""

    hosts: list[str]

    def _refuse(self) -> None:
        target = self.path if "://" in self.path else f"//{self.path}"  # CONNECT host:port
        self.hosts.append(urllib.parse.urlsplit(target).hostname or self.path)
        self.send_error(403, "blocked by the lessonkit offline test")

    do_GET = do_POST = do_HEAD = do_PUT = do_OPTIONS = do_CONNECT = _refuse

    def log_message(self, *args) -> None:
        pass


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(handler) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def in_own_thread(work):
    """Run Playwright's sync API in a thread of its own: other tests may hold one open here."""
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = work()
        except BaseException as err:  # handed back to the test below
            outcome["error"] = err

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def module_01():
    """Module 01's notebook, its widget count, and its first multiple-choice item (content)."""
    (notebook,) = [p for p in notebook_paths() if p.parent.name == "en" and p.name[:3] == "01-"]
    cells = json.loads(notebook.read_text("utf-8"))["cells"]
    # The stored notebook is executed from the current content: one widget view per widget.
    widgets = sum(WIDGET_VIEW in o.get("data", {}) for c in cells for o in c.get("outputs", []))
    course = load_course("en")
    quiz = next(item for item in course.module(notebook.stem).items if item.kind == "quiz")
    return notebook, widgets, course.ui, quiz


CHECK_VERSIONS = """
import sys, zipfile
from pathlib import Path
from lessonkit.tools.lite.constants import LiteError
from lessonkit.tools.lite.wheels import WheelPlan, read_lock
from pyodide_lock.utils import add_wheels_to_spec

folder = Path(sys.argv[1])
def wheel(name, version, requires=()):
    path = folder / f"{name}-{version}-py3-none-any.whl"
    info = f"{name}-{version}.dist-info"
    meta = [f"Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    meta += [f"Requires-Dist: {r}" for r in requires]
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(f"{name}/__init__.py", "")
        z.writestr(f"{info}/METADATA", "\\n".join(meta) + "\\n")
        tags = "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
        z.writestr(f"{info}/WHEEL", tags)
        z.writestr(f"{info}/RECORD", "")
    return path

chosen = {"alpha": wheel("alpha", "1.0", ["beta>=2"]), "beta": wheel("beta", "1.0")}
base = read_lock({"info": {"arch": "wasm32", "platform": "emscripten_5_0_3", "python": "3.14.2"}},
                 "314.0.6")
lock = add_wheels_to_spec(base, list(chosen.values()), base_path=Path("/"))
plan = WheelPlan.__new__(WheelPlan)
try:
    plan._check_versions(lock, chosen)
except LiteError as err:
    print(err)
"""


def test_wheels_whose_versions_do_not_fit_together_stop_the_build(tmp_path):
    result = subprocess.run(
        [lite_python(), "-c", CHECK_VERSIONS, str(tmp_path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "alpha 1.0 needs beta>=2, but the browser gets beta 1.0: pin versions that fit together"
    )


# ------------------------------------------------------------------ progress kept in the browser


class LiteBrowser:
    """Headless Chromium on a profile folder of its own, which outlives the browser: closing and
    launching again on the same folder is a learner closing the browser and coming back.

    Offline, by two guards (see the module's docstring): a route on every context records and
    aborts each request of the pages, workers and service worker for another host (and each
    web socket to one), and Chromium's proxy is a recorder that refuses everything."""

    def __init__(self, site: Path) -> None:
        self.web = serve(functools.partial(Quiet, directory=str(site)))
        self.base = f"http://{HOST}:{self.web.server_address[1]}"
        Proxy.hosts = []
        self.proxy = serve(Proxy)
        self.blocked: list[str] = []  # requests for other hosts, caught by the route
        self.loaded: list[str] = []  # requests let through (this machine's)
        self.page_errors: list[str] = []

    def launch(self, playwright, profile: Path):
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(HEADLESS_SHELL),
            args=[*CHROMIUM_FLAGS, f"--proxy-server=http://{HOST}:{self.proxy.server_address[1]}"],
            headless=True,
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
        )

        def guard(route) -> None:
            if off_machine(route.request.url):
                self.blocked.append(route.request.url)
                route.abort("blockedbyclient")
            else:
                self.loaded.append(route.request.url)
                route.continue_()

        def refuse_socket(socket) -> None:
            self.blocked.append(socket.url)
            socket.close()

        context.route("**/*", guard)
        context.route_web_socket(off_machine, refuse_socket)
        page = context.pages[0] if context.pages else context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" when it goes
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        return context, page

    def url(self, notebook: str) -> str:
        return f"{self.base}/lab/index.html?path={notebook}"

    def proxied_hosts(self) -> list[str]:
        """Hosts that reached the proxy other than Chromium's own services (none expected)."""
        return [host for host in Proxy.hosts if not host.endswith(CHROMIUM_SERVICES)]

    def close(self) -> None:
        self.web.shutdown()
        self.proxy.shutdown()


def wait_for_kernel(page) -> None:
    from playwright.sync_api import expect

    page.locator(".jp-Notebook").first.wait_for(timeout=90_000)
    status = page.locator(".jp-StatusBar-Widget").filter(has_text=KERNEL_IDLE)
    expect(status.first).to_be_visible(timeout=KERNEL_WAIT_MS)


def kernel_idle(page) -> None:
    """Wait until the kernel has finished with what the learner just did (the answer is kept
    after its feedback is shown)."""
    page.wait_for_timeout(500)
    wait_for_kernel(page)


def run_all(page, widgets: int) -> None:
    from playwright.sync_api import expect

    page.locator(".jp-Notebook").first.click()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    indicator = page.locator(".jp-Notebook-ExecutionIndicator").first
    views = page.locator(".jp-OutputArea-output > .jupyter-widgets")
    dialog = page.locator(".jp-Dialog")
    expect(views.first.or_(dialog)).to_be_attached(timeout=KERNEL_WAIT_MS)
    if dialog.count():
        pytest.fail(f"a dialog interrupts the learner: {dialog.first.inner_text()}")
    expect(indicator).to_have_attribute("data-status", "idle", timeout=KERNEL_WAIT_MS)
    expect(views).to_have_count(widgets, timeout=30_000)


def probe(page, code: str, until: str = "PROBE-DONE", timeout_ms: int = 120_000):
    """Run ``code`` in a new cell above the first (the learner's kernel) and return its output
    area once it shows ``until``."""
    from playwright.sync_api import expect

    page.locator(".jp-Notebook .jp-Cell").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("a")
    page.locator(".jp-Notebook .jp-Cell").first.locator(".cm-content").click()
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    output = page.locator(".jp-Notebook .jp-Cell").first.locator(".jp-OutputArea")
    expect(output).to_contain_text(until, timeout=timeout_ms)
    return output


def widget_count(notebook: Path) -> int:
    cells = json.loads(notebook.read_text("utf-8"))["cells"]
    return sum(WIDGET_VIEW in o.get("data", {}) for c in cells for o in c.get("outputs", []))


def answer_quiz(page, ui, quiz, option) -> object:
    from playwright.sync_api import expect

    exercise = page.locator(".jp-OutputArea-output").filter(has_text=quiz.question)
    exercise.scroll_into_view_if_needed()
    exercise.get_by_role("radio", name=option.text, exact=True).check()
    exercise.get_by_role("button", name=ui.check, exact=True).click()
    expect(exercise).to_contain_text(option.feedback, timeout=30_000)
    return exercise


def browser_parts():
    if not HEADLESS_SHELL.exists():
        unavailable(
            f"no Chromium at {HEADLESS_SHELL}: install it with "
            "`apt-get install -y chromium-headless-shell`"
        )
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        unavailable("Playwright is missing: pip install -r requirements-test.txt")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    return expect, sync_playwright


QUICK_ANSWERS = """
from lessonkit import progress
store = progress.default_store()
for index in range(2000):
    store.record("quick-answers", f"q{index}", "quiz", index, True, True)
    print(f"kept q{index}", flush=True)
"""
# Module 01's scored items that are not quizzes, answered right in the learner's kernel (the page
# test answers the quizzes by mouse): then the module is complete before the browser closes.
ANSWER_THE_REST = """
from lessonkit import progress
from lessonkit.content import load_course
from lessonkit.render.answer_key import good_path
module = load_course("en").module("01-what-is-trafficking")
graded = progress.graded_items(module)
store = progress.default_store()
right = {
    "myth_or_fact": lambda i: i.answer,
    "scenario_sorter": lambda i: {s.id: s.answer for s in i.scenarios},
    "matching": lambda i: {m.id: m.match for m in i.left},
    "branching": lambda i: [[s.id, s.choices.index(c)] for s, c in good_path(i) if c],
}
for item in module.items:
    if item.graded and item.kind != "quiz":
        store.record(module.id, item.id, item.kind, right[item.kind](item), True, True,
                     required=graded)
print("PROBE-DONE")
"""
COUNT_QUICK = """
import json
from lessonkit import progress
store = progress.default_store()
items = [a.item for a in store.answers("quick-answers")]
record = store.modules().get("01-what-is-trafficking")
print(json.dumps({"items": items, "problem": str(store.problem), "kind": type(store).__name__,
                  "completed": bool(record and record.completed)}))
print("PROBE-DONE")
"""


@pytest.mark.slow(seconds=60)
def test_module_01_runs_offline_and_its_answers_survive_a_closed_browser(site, tmp_path):
    """Module 01 in a fresh profile, offline: Run All shows every widget and no error, a wrong
    and then a right answer get their feedback, and no request leaves 127.0.0.1. Answer every
    check, then many quick answers, and close the browser among them (the kernel stops in the
    middle of a write); come back: the answers, their feedback and the module's completion are
    there, and every answer reported kept is still kept. Two Pyodide starts in all."""
    expect, sync_playwright = browser_parts()
    notebook, widgets, ui, _ = module_01()
    course = load_course("en")
    quizzes = [i for i in course.module(notebook.stem).items if i.kind == "quiz"]
    browser = LiteBrowser(site)
    profile = tmp_path / "profile"
    url = browser.url(notebook.relative_to(NOTEBOOKS).as_posix())

    def work():
        with sync_playwright() as playwright:
            context, page = browser.launch(playwright, profile)
            try:
                page.goto(url)
                wait_for_kernel(page)
                run_all(page, widgets)
                first = quizzes[0]
                wrong = next(o for o in first.options if not o.correct)
                expect(answer_quiz(page, ui, first, wrong)).to_contain_text(ui.not_quite)
                for quiz in quizzes:
                    right = next(o for o in quiz.options if o.correct)
                    expect(answer_quiz(page, ui, quiz, right)).to_contain_text(ui.correct)
                errors = page.locator(ERROR_OUTPUTS)
                shown_errors = [errors.nth(i).inner_text() for i in range(errors.count())]
                page.screenshot(path=str(tmp_path / "module-01.png"), full_page=True)
                # The guard itself: a request for another host is caught, and never sent.
                site_blocked = list(browser.blocked)
                page.evaluate("url => fetch(url).catch(() => null)", PROBE)
                probe(page, ANSWER_THE_REST)
                output = probe(page, QUICK_ANSWERS, until="kept q30")
                seen = output.inner_text()  # answers reported kept before the browser closed
            finally:
                context.close()  # the learner closes the browser, among the quick answers

            context, page = browser.launch(playwright, profile)
            try:
                page.goto(url)
                wait_for_kernel(page)
                run_all(page, widgets)
                for quiz in quizzes:
                    right = next(o for o in quiz.options if o.correct)
                    exercise = page.locator(".jp-OutputArea-output").filter(has_text=quiz.question)
                    radio = exercise.get_by_role("radio", name=right.text, exact=True)
                    expect(radio).to_be_checked()
                    expect(exercise).to_contain_text(ui.correct)
                    expect(exercise).to_contain_text(right.feedback)
                opening = page.locator(".lessonkit-notice").first
                expect(opening).to_contain_text(ui.progress_in_browser.split(".")[0])
                kept = json.loads(probe(page, COUNT_QUICK).inner_text().split("PROBE-DONE")[0])
                storage = page.evaluate("indexedDB.databases().then(d => d.map(x => x.name))")
            finally:
                context.close()
        return shown_errors, site_blocked, seen, kept, storage

    try:
        shown_errors, site_blocked, seen, kept, storage = in_own_thread(work)
    finally:
        browser.close()
    # Offline: module 01 ran with no error, and nothing but the probe asked for another host.
    assert shown_errors == [], f"module 01 shows errors in the browser: {shown_errors}"
    assert browser.page_errors == [], browser.page_errors
    assert site_blocked == [], f"the site asked for hosts other than {HOST}: {site_blocked}"
    assert browser.blocked[len(site_blocked) :] == [PROBE], "the guard missed another host"
    assert browser.proxied_hosts() == [], "requests for other hosts reached the test proxy"
    assert any("/static/pyodide/lessonkit-" in u for u in browser.loaded), "lesson kit not loaded"
    assert kept["kind"] == "BrowserStore" and kept["problem"] == "None", kept
    assert kept["completed"], "module 01's completion was not kept"
    reported = re.findall(r"kept (q\d+)", seen)
    assert len(reported) >= 30
    assert set(reported) <= set(kept["items"]), "an answer reported kept was lost"
    assert kept["items"] == [f"q{i}" for i in range(len(kept["items"]))]  # no hole
    assert STORAGE_NAME in storage, storage


@pytest.mark.slow(seconds=55)
def test_progress_downloaded_in_one_profile_is_brought_into_a_fresh_one(site, tmp_path):
    """The start page in one browser profile: answer, save a reflection, Download my progress,
    download the file from the file browser. A fresh profile (another computer): upload it,
    Bring in progress from a file, run the cells again: the answer and reflection are there."""
    expect, sync_playwright = browser_parts()
    course = load_course("en")
    ui = course.ui
    (notebook,) = [p for p in notebook_paths() if p.parent.name == "en" and p.name[:3] == "00-"]
    module = course.module(notebook.stem)
    quiz = next(i for i in module.items if i.kind == "quiz")
    right = next(o for o in quiz.options if o.correct)
    widgets = widget_count(notebook)
    browser = LiteBrowser(site)
    url = browser.url(notebook.relative_to(NOTEBOOKS).as_posix())
    words = "What I want from this course, carried to another computer."
    saved_as = "en/carried.json"
    downloaded = tmp_path / "carried.json"

    def overview(page):
        view = page.locator(".lessonkit-progress")
        view.scroll_into_view_if_needed()
        return view

    def work():
        with sync_playwright() as playwright:
            context, page = browser.launch(playwright, tmp_path / "first-computer")
            try:
                page.goto(url)
                wait_for_kernel(page)
                run_all(page, widgets)
                answer_quiz(page, ui, quiz, right)
                box = page.get_by_role("textbox", name=ui.your_thoughts, exact=True)
                box.fill(words)
                reflection = page.locator(".jp-OutputArea-output").filter(has=box)
                reflection.get_by_role("button", name=ui.reflection_save, exact=True).click()
                expect(reflection).to_contain_text(ui.reflection_saved)
                view = overview(page)
                view.get_by_role("textbox", name=ui.progress_carry_label, exact=True).fill(
                    "carried"
                )
                view.get_by_role("button", name=ui.progress_download, exact=True).click()
                expect(view).to_contain_text(
                    ui.progress_downloaded_browser.format(path=saved_as), timeout=30_000
                )
                # The file browser shows the notebook's folder, where the file was saved.
                listing = page.locator("#filebrowser .jp-DirListing-content")
                item = listing.locator(".jp-DirListing-item").filter(has_text="carried.json")
                expect(item).to_be_visible(timeout=30_000)
                item.click(button="right")
                with page.expect_download() as download:
                    page.get_by_role("menuitem", name="Download", exact=True).click()
                download.value.save_as(downloaded)
                kernel_idle(page)
            finally:
                context.close()

            context, page = browser.launch(playwright, tmp_path / "second-computer")
            try:
                page.goto(url)
                wait_for_kernel(page)
                listing = page.locator("#filebrowser .jp-DirListing-content")
                expect(listing.get_by_text(notebook.name, exact=True)).to_be_visible()
                with page.expect_file_chooser() as chooser:
                    page.locator("#filebrowser").get_by_title("Upload Files").first.click()
                chooser.value.set_files(str(downloaded))
                item = listing.locator(".jp-DirListing-item").filter(has_text="carried.json")
                expect(item).to_be_visible(timeout=30_000)
                # The upload opens the file in a tab of its own: back to the notebook.
                page.locator(".lm-TabBar-tab").filter(has_text=notebook.name).first.click()
                run_all(page, widgets)
                view = overview(page)
                view.get_by_role("textbox", name=ui.progress_carry_label, exact=True).fill(
                    "carried.json"
                )
                view.get_by_role("button", name=ui.progress_bring_in, exact=True).click()
                came = ui.progress_brought_in.format(
                    count=2, path=saved_as, modules=f"{module.number:02d} {module.title}"
                )
                expect(view).to_contain_text(came, timeout=30_000)
                # The overview shows what came in: the start page is no longer at nothing.
                row = view.locator("tr").filter(has_text=module.title)
                graded = sum(1 for i in module.items if i.graded)
                expect(row).to_contain_text(ui.progress_score_value.format(right=1, total=graded))

                page.get_by_role("menuitem", name="Run", exact=True).click()
                page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
                exercise = page.locator(".jp-OutputArea-output").filter(has_text=quiz.question)
                radio = exercise.get_by_role("radio", name=right.text, exact=True)
                expect(radio).to_be_checked(timeout=KERNEL_WAIT_MS)
                expect(exercise).to_contain_text(right.feedback)
                box = page.get_by_role("textbox", name=ui.your_thoughts, exact=True)
                expect(box).to_have_value(words)
            finally:
                context.close()

    try:
        in_own_thread(work)
    finally:
        browser.close()
    data = json.loads(downloaded.read_text("utf-8"))
    assert data["format"] == "lessonkit-progress-file" and data["checksum"].startswith("sha256:")
    assert {a["item"] for a in data["answers"]} == {quiz.id, "your-goal"}
    assert browser.blocked == [] and browser.page_errors == []
    assert browser.proxied_hosts() == []
