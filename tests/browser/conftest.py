"""Browser fixtures: one JupyterLab and one Voila per session, headless Chromium, an offline guard.

- Chromium is Debian's, driven by Playwright; nothing downloads a browser. The tests drive its
  headless shell (/usr/bin/chromium-headless-shell, the same engine at half the CPU; see
  lessonkit/tools/chromium.py), and test_full_chromium.py the full browser (/usr/bin/chromium).
  Without either (or Playwright), these tests skip with a message saying how to install it;
  under CI (CI=true) they fail instead, so a CI run without a browser cannot pass silently.
- Two guards keep every page on this machine. The browser's proxy, for every host but
  127.0.0.1, is a port that refuses connections (lessonkit.tools.chromium.offline_flags): such a
  request fails inside the browser, before anything leaves. Each context records its pages'
  failed requests and web sockets for another host (GuardedContext). Each test checks that none
  of its own happened (and no uncaught page error), and closing a context at teardown fails if
  any happened in it at all. (A route on the context, which did both, cost a third of the pages'
  browser CPU and turned the cache off: benchmarks/README.md.)
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from lessonkit.tools.chromium import CHROMIUM, HEADLESS_SHELL

from ..ci import unavailable
from .lessons import NOTEBOOKS, PROJECT_ROOT, Notebook
from .servers import HOST, private_environment, start_lab, start_voila

SCREENSHOTS = PROJECT_ROOT / "_build" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
# Outputs that mean something went wrong in a cell (JupyterLab and Voila render them alike).
ERROR_OUTPUTS = (
    '[data-mime-type="application/vnd.jupyter.stderr"], '
    '[data-mime-type="application/vnd.jupyter.error"], .lessonkit-error'
)
# Moderate and minor accessibility findings, printed at the end of the run (and kept in _build/).
AXE_REPORT: list[str] = []
ERROR_WORDS = ("Error displaying widget", "There was an error when executing cell", "Traceback")


def _missing_parts() -> str | None:
    for path in (CHROMIUM, HEADLESS_SHELL):
        if not path.exists():
            return (
                f"browser tests need Chromium at {path}: install it with "
                "`sudo apt-get install -y chromium chromium-headless-shell` "
                "(Debian/Ubuntu; .ci/run does this in CI)"
            )
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as err:
        return (
            f"browser tests need Playwright and axe-playwright-python ({err.name} is missing): "
            "`pip install -r requirements-test.txt` "
            "(never `playwright install`: Chromium is Debian's)"
        )
    return None


def require_browser_parts() -> None:
    """Skip without Chromium or Playwright, but fail under CI."""
    problem = _missing_parts()
    if problem:
        unavailable(problem)


@pytest.fixture(scope="session")
def jupyter_base(tmp_path_factory, browser_parts):
    base = tmp_path_factory.mktemp("jupyter")
    return base, private_environment(base)


@pytest.fixture(scope="session")
def servers(jupyter_base):
    """JupyterLab and Voila, started side by side (each takes seconds), stopped by process id."""
    base, env = jupyter_base
    root = base / "lab-root"
    root.mkdir()
    started = {}
    try:
        started["lab"] = start_lab(base, root, env)
        started["lab"].extra["root"] = root
        started["voila"] = start_voila(base, PROJECT_ROOT, NOTEBOOKS, env)
        for server in started.values():
            server.wait_ready()
        yield started
    finally:
        for server in started.values():
            server.stop()


@pytest.fixture(scope="session")
def lab(servers):
    return servers["lab"]


@pytest.fixture(scope="session")
def voila(servers):
    return servers["voila"]


# When the page last sent or received a kernel message (see lessons.settle).
WEBSOCKET_CLOCK = """
window.__wsLast = 0;
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
        super(...args);
        this.addEventListener('message', () => { window.__wsLast = performance.now(); });
    }
    send(data) {
        window.__wsLast = performance.now();
        return super.send(data);
    }
};
"""


KERNEL_SOCKET = re.compile(r"(?P<server>wss?://[^/]+)/api/kernels/(?P<kernel>[0-9a-f-]+)/channels")


class GuardedContext:
    """A browser context whose pages' requests for any host but 127.0.0.1 are recorded, with its
    page errors. The browser fixture's proxy makes each of those requests fail (see the module's
    docstring); a failed request or a web socket is the one sign a page gives of it."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        self.off_machine: list[str] = []
        self.page_errors: list[str] = []
        self.kernels: list[tuple[str, str]] = []  # (server, kernel id) of each kernel socket
        self.context.on("requestfailed", self._failed)
        self.context.on("page", self._watch)
        # Loads the page's Content-Security-Policy refused (they never reach the network).
        self.context.add_init_script(
            "window.__refused = [];"
            "document.addEventListener('securitypolicyviolation',"
            " e => window.__refused.push(e.blockedURI));"
        )
        self.context.add_init_script(WEBSOCKET_CLOCK)

    @staticmethod
    def _is_off_machine(url: str) -> bool:
        return urllib.parse.urlsplit(url).hostname != HOST

    def _failed(self, request) -> None:
        # A load the page's Content-Security-Policy refused was never sent (Chromium says
        # "csp"); the tests check those through window.__refused.
        if self._is_off_machine(request.url) and request.failure != "csp":
            self.off_machine.append(request.url)

    def _watch(self, page) -> None:
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))
        page.on("websocket", lambda socket: self._note_socket(page, socket))

    def _note_socket(self, page, socket) -> None:
        if self._is_off_machine(socket.url):
            self.off_machine.append(socket.url)
            return
        found = KERNEL_SOCKET.match(socket.url)
        if found and "/voila/" in page.url:
            self.kernels.append((found["server"], found["kernel"]))

    def shut_down_voila_kernels(self) -> None:
        """Shut down the kernels Voila started for this context's pages (as Voila's own page
        does when it is closed in a browser), so no kernel outlives its test."""
        for server, kernel in self.kernels:
            base = "http" + server.removeprefix("ws")
            cookies = {c["name"]: c["value"] for c in self.context.cookies(base)}
            if "_xsrf" not in cookies:  # Voila's render page sets none: give the pair one
                cookies["_xsrf"] = uuid.uuid4().hex
                cookie = {"name": "_xsrf", "value": cookies["_xsrf"], "url": base}
                self.context.add_cookies([cookie])
            response = self.context.request.post(
                f"{base}/voila/api/shutdown/{kernel}",
                headers={"X-XSRFToken": cookies["_xsrf"]},
            )
            assert response.ok, f"Voila did not shut down kernel {kernel}: {response.status}"
        self.kernels.clear()

    def new_page(self):
        return self.context.new_page()

    def marks(self) -> tuple[int, int]:
        return len(self.off_machine), len(self.page_errors)

    def problems(self, since: tuple[int, int] = (0, 0)) -> list[str]:
        found = [f"request off this machine (blocked): {u}" for u in self.off_machine[since[0] :]]
        found += [f"uncaught page error: {e}" for e in self.page_errors[since[1] :]]
        return found

    def close(self) -> None:
        """Close the context; fail (at the fixture's teardown) if anything went wrong in it."""
        problems = self.problems()
        self.shut_down_voila_kernels()
        self.context.close()
        assert not problems, "\n".join(problems)


def check_clean(ctx: GuardedContext, since: tuple[int, int]) -> None:
    problems = ctx.problems(since)
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ JupyterLab


def lab_copy(lab, notebook: Path) -> str:
    """A fresh copy of the notebook in its own folder of the Lab root; returns its Lab path.

    The copy drops the stored execution counts, so a test can tell when every cell has run
    in this kernel (the outputs stay as stored, as a learner first sees them).
    """
    folder = f"t-{uuid.uuid4().hex[:8]}"
    (lab.extra["root"] / folder).mkdir()
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = None
    (lab.extra["root"] / folder / notebook.name).write_text(json.dumps(nb), encoding="utf-8")
    return f"{folder}/{notebook.name}"


@pytest.fixture(scope="session")
def lab_page(browser, lab):
    """One JupyterLab page for the session (loading Lab costs seconds); tests open notebooks in it.

    Each test opens its own notebook copy (with its own kernel) and closes it afterwards.
    Its guard's marks tell each test which blocked requests and page errors are its own.
    """
    ctx = GuardedContext(browser)
    page = ctx.new_page()
    page.goto(f"{lab.url}/lab/workspaces/browser-tests?reset")
    page.wait_for_function(
        "() => window.jupyterapp && jupyterapp.shell && jupyterapp.started", timeout=90_000
    )
    page.evaluate("() => jupyterapp.restored")
    try:
        yield ctx, page
    finally:
        ctx.close()


def open_in_lab(page, path: str, timeout_ms: int = 90_000):
    """Open a notebook copy in the Lab page, wait for its kernel; return its panel's locator."""
    panel_id = page.evaluate(
        """async (path) => {
            const panel = await jupyterapp.commands.execute('docmanager:open', {path});
            await panel.context.ready;
            await panel.sessionContext.ready;
            jupyterapp.shell.activateById(panel.id);
            return panel.id;
        }""",
        path,
    )
    page.wait_for_function(
        """(id) => {
            const panel = jupyterapp.shell.currentWidget;
            const kernel = panel && panel.id === id && panel.sessionContext.session?.kernel;
            return kernel && kernel.status === 'idle';
        }""",
        arg=panel_id,
        timeout=timeout_ms,
    )
    return page.locator(f"[id='{panel_id}']")


def close_in_lab(lab, page, path: str) -> None:
    """Close the notebook's tab without saving and shut its kernel down."""
    try:
        page.evaluate(
            """async (path) => {
                for (const w of [...jupyterapp.shell.widgets('main')]) {
                    if (w.context && w.context.path === path) {
                        await w.sessionContext.shutdown();
                        w.dispose();
                    }
                }
            }""",
            path,
        )
    finally:
        shut_down_lab_kernels(lab, path)  # in case the page could not


# Every code cell of the open notebook has run in this kernel, and none is running.
_ALL_CELLS_RAN = """() => {
    const cells = jupyterapp.shell.currentWidget.content.model.cells;
    let code = 0;
    for (let i = 0; i < cells.length; i++) {
        const cell = cells.get(i);
        if (cell.type !== 'code') continue;
        code += 1;
        if (cell.executionCount === null || cell.executionState === 'running') return false;
    }
    return code > 0;
}"""


def run_all_in_lab(page, timeout_ms: int = 120_000) -> None:
    """Run ▸ Run All Cells, as the README tells a learner; wait until every cell has run."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(_ALL_CELLS_RAN, timeout=timeout_ms)


def shut_down_lab_kernels(lab, path: str) -> None:
    """Shut down the sessions (and kernels) of one notebook copy through the REST API."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{lab.url}/api/sessions", timeout=10) as response:
        sessions = json.load(response)
    opener.open(f"{lab.url}/lab", timeout=30).close()  # sets the _xsrf cookie
    xsrf = next((c.value for c in jar if c.name == "_xsrf"), "")
    for session in sessions:
        if session.get("path") == path:
            request = urllib.request.Request(
                f"{lab.url}/api/sessions/{session['id']}",
                method="DELETE",
                headers={"X-XSRFToken": xsrf},
            )
            opener.open(request, timeout=30).close()


# ------------------------------------------------------------------ Voila


def voila_url(voila, notebook: Path) -> str:
    rel = notebook.relative_to(NOTEBOOKS).as_posix()
    return f"{voila.url}/voila/render/{urllib.parse.quote(rel)}"


def open_in_voila(page, voila, notebook: Notebook, timeout_ms: int = 90_000):
    """Load a notebook in Voila (which starts a kernel for the page) and wait for its widgets.

    Returns the page's HTTP response (its headers carry the Content-Security-Policy).
    """
    response = page.goto(voila_url(voila, notebook.path), timeout=timeout_ms)
    wait_for_voila_widgets(page, notebook, timeout_ms)
    return response


def wait_for_voila_widgets(page, notebook: Notebook, timeout_ms: int = 90_000) -> None:
    """Wait until a Voila page of ``notebook`` shows all its widgets."""
    page.locator("#rendered_cells").wait_for(state="visible", timeout=timeout_ms)
    if notebook.widget_outputs:
        page.wait_for_function(
            "([sel, n]) => document.querySelectorAll(sel).length >= n",
            arg=[".jp-OutputArea-output > .jupyter-widgets", notebook.widget_outputs],
            timeout=timeout_ms,
        )


def refused_loads(page) -> list[str]:
    return page.evaluate("window.__refused || []")


def template_stylesheets(page) -> list[str]:
    """Stylesheets that the page's own template links from another host (in <head>)."""
    return page.evaluate(
        "[...document.head.querySelectorAll('link[rel=stylesheet]')]"
        ".map(l => l.href).filter(h => new URL(h).origin !== location.origin)"
    )


def save_screenshot(page, name: str) -> Path:
    """The whole rendered page as a PNG (Voila scrolls inside #rendered_cells)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        "() => { const r = document.querySelector('#rendered_cells');"
        " return Math.ceil(Math.max(document.documentElement.scrollHeight,"
        " r ? r.scrollHeight + r.getBoundingClientRect().top : 0)); }"
    )
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height, 600), 20_000)})
    target = SCREENSHOTS / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    page.set_viewport_size(VIEWPORT)
    return target


def pytest_terminal_summary(terminalreporter):
    if not AXE_REPORT:
        return
    terminalreporter.section("accessibility (axe-core): moderate and minor findings")
    for line in AXE_REPORT:
        terminalreporter.write_line(line)
    report = PROJECT_ROOT / "_build" / "axe-report.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n".join(AXE_REPORT) + "\n", encoding="utf-8")
    terminalreporter.write_line(f"(also written to {report.relative_to(PROJECT_ROOT)})")
