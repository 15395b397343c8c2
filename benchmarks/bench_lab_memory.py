"""Memory per learner for JupyterLab on a hub: one learner's own Jupyter server and kernel.

On a hub every learner gets a Jupyter server of their own (JupyterLab) and, for each open
notebook, a kernel. This measures both for one learner: a private JupyterLab (this Python's, on a
free port of 127.0.0.1, Jupyter folders of its own) is opened in headless Chromium on the largest
module, every cell is run from JupyterLab's own Run All command, and once the exercises are drawn
and the page has gone quiet, the proportional set size (PSS, ``/proc/PID/smaps_rollup``) of the
server and of the notebook's kernel are read. The baseline is the same with a notebook of one
cell showing one Button, in a server of its own, measured the same way, alternating with the
lesson. The README's sizing guidance uses these figures with The Littlest JupyterHub's formula.

    python benchmarks/bench_lab_memory.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _common import NOTEBOOKS, ROOT, free_port, largest_module, private_env, stop_process_group
from bench_class import descendants, memory_kb
from bench_voila import ONE_WIDGET

from lessonkit.tools.chromium import CHROMIUM, CHROMIUM_FLAGS

ORDER = 75
TARGET = "kernel + server PSS per learner: ratio at most 1.5"
WIDGET = ".jupyter-widgets"


def start_lab(base: Path, served: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    token = "bench"
    log = (base / "lab.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            "--expose-app-in-browser",  # so the page can read the notebook's state
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={served}",
        ],
        cwd=served,
        env=private_env(base),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("JupyterLab stopped at start: " + (base / "lab.log").read_text())
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5):
                return process, f"{url}/lab/tree/{{name}}?token={token}"
        except OSError:
            time.sleep(0.3)
    stop_process_group(process)
    raise RuntimeError("JupyterLab not ready after 120 s")


def one_learner(browser, base: Path, served: Path, name: str, cells: int) -> dict:
    """Open ``name`` in a fresh JupyterLab, run every cell, read the server's and kernel's PSS."""
    process, address = start_lab(base, served)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(address.format(name=name), wait_until="load", timeout=120_000)
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.started", timeout=120_000
        )
        page.locator(".jp-Notebook").first.wait_for(timeout=120_000)
        page.wait_for_function(  # the notebook's kernel has started and is idle
            """() => {
                const panel = window.jupyterapp.shell.currentWidget;
                const session = panel && panel.sessionContext && panel.sessionContext.session;
                return session && session.kernel && session.kernel.status === "idle";
            }""",
            timeout=120_000,
        )
        page.get_by_role("menuitem", name="Run", exact=True).click()  # as a learner does
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        # Every code cell has run (an execution count in the notebook's model: JupyterLab
        # keeps only the cells in view in the page) and the kernel is idle again.
        page.wait_for_function(
            """(cells) => {
                const panel = window.jupyterapp.shell.currentWidget;
                const model = panel && panel.content && panel.content.model;
                if (!model) return false;
                let run = 0;
                for (let i = 0; i < model.cells.length; i++) {
                    const cell = model.cells.get(i);
                    if (cell.type === "code" && cell.executionCount) run++;
                }
                const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
                return run === cells && kernel && kernel.status === "idle";
            }""",
            arg=cells,
            timeout=180_000,
        )
        page.locator(WIDGET).first.wait_for(timeout=60_000)
        time.sleep(3)  # let the page and the kernel go quiet before reading memory
        kernels = [p for p in descendants(process.pid) if "ipykernel" in _cmd(p)]
        server = memory_kb(process.pid)
        kernel = memory_kb(kernels[0]) if kernels else None
        context.close()
        if server is None or kernel is None:
            raise RuntimeError(f"no kernel found under the server ({kernels})")
        return {"server_kb": server[0], "kernel_kb": kernel[0]}
    finally:
        stop_process_group(process)


def _cmd(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def run(repeats: int) -> dict:
    from playwright.sync_api import sync_playwright

    lang, module = largest_module()
    source = NOTEBOOKS / lang / f"{module.id}.ipynb"
    cells = json.loads(source.read_text(encoding="utf-8"))["cells"]
    lesson_cells = sum(1 for c in cells if c["cell_type"] == "code")
    found = {"lesson": [], "bare": [], "module": module.id}
    with tempfile.TemporaryDirectory(prefix="bench-lab-") as folder:
        base = Path(folder)
        served = base / "served"
        served.mkdir()
        shutil.copy(source, served / source.name)
        (served / "one-widget.ipynb").write_text(json.dumps(ONE_WIDGET), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
            )
            try:
                for round_ in range(repeats):
                    for what, name, code_cells in (
                        ("bare", "one-widget.ipynb", 1),
                        ("lesson", source.name, lesson_cells),
                    ):
                        here = base / f"{what}-{round_}"
                        here.mkdir()
                        found[what].append(one_learner(browser, here, served, name, code_cells))
            finally:
                browser.close()
    return found


def summary(found: dict) -> dict:
    def median(what, key):
        return statistics.median(r[key] for r in found[what]) / 1024

    out = {}
    for what in ("lesson", "bare"):
        server, kernel = median(what, "server_kb"), median(what, "kernel_kb")
        out[what] = {"server_mb": server, "kernel_mb": kernel, "learner_mb": server + kernel}
    return out


def measure(repeats: int) -> list[dict]:
    if not CHROMIUM.exists():
        return [_missing(f"{CHROMIUM} not found (Debian package chromium)")]
    try:
        import playwright  # noqa: F401
    except ImportError:
        return [_missing("playwright is not installed (pip install -r requirements-test.txt)")]
    found = run(max(1, min(repeats, 3)))
    s = summary(found)
    lesson, bare = s["lesson"]["learner_mb"], s["bare"]["learner_mb"]
    ratio = lesson / bare
    return [
        {
            "figure": f"JupyterLab, one learner on {found['module']}: server + kernel PSS",
            "value": f"{lesson:.0f} MB (server {s['lesson']['server_mb']:.0f}, "
            f"kernel {s['lesson']['kernel_mb']:.0f})",
            "baseline": f"{bare:.0f} MB (server {s['bare']['server_mb']:.0f}, "
            f"kernel {s['bare']['kernel_mb']:.0f})",
            "ratio": ratio,
            "target": TARGET,
            "ok": ratio <= 1.5,
            "note": (
                f"{len(found['lesson'])} learners each way, a fresh JupyterLab each, the notebook "
                "run with Run All in headless Chromium; baseline: a one-Button notebook."
            ),
        }
    ]


def _missing(why: str) -> dict:
    return {
        "figure": "JupyterLab memory per learner",
        "value": "not measured",
        "baseline": "",
        "ratio": None,
        "target": TARGET,
        "ok": False,
        "note": why,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    for row in measure(args.repeats):
        print(json.dumps(row, indent=1))
    return 0


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
