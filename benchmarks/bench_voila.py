"""First widget visible after opening a module in Voila, in headless Chromium.

One Voila server (this Python's, started from the project folder so it reads the project's
voila.json, with Jupyter config, data and runtime folders of its own, on a free port of
127.0.0.1) serves a temporary folder holding a copy of the largest module's notebook and a
one-widget notebook (the baseline). Each sample opens one of them in a new browser context
(empty cache, as for a learner opening it the first time) and times from the request to the
first widget on the page being visible; Voila starts a new kernel and runs the notebook for
every opening. Baseline and module openings alternate, after one warm-up of each.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from _common import (
    NOTEBOOKS,
    ROOT,
    free_port,
    interleaved,
    largest_module,
    private_env,
    stop_process_group,
    timed_row,
    voila_command,
)

from lessonkit.tools.chromium import CHROMIUM, CHROMIUM_FLAGS  # the browser tests' settings

ORDER = 60
TARGET = "ratio at most 1.5"
WIDGET = ".jupyter-widgets"  # every ipywidgets view carries this class

ONE_WIDGET = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "one-widget",
            "metadata": {},
            "outputs": [],
            "source": ["import ipywidgets as w\n", 'w.Button(description="Check")'],
        }
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def start_voila(base: Path, served: Path) -> tuple[subprocess.Popen, str, Path]:
    port = free_port()
    log = base / "voila.log"
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(
            voila_command(port, served),
            cwd=ROOT,  # the project's voila.json applies, as when a teacher runs Voila
            env=private_env(base),
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its kernels share its process group: stopped with it
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            raise RuntimeError("Voila stopped at start:\n" + log.read_text()[-1500:])
        try:
            with urllib.request.urlopen(url + "/voila/static/voila.js", timeout=5) as response:
                if response.status == 200:
                    return process, url, log
        except OSError:
            pass
        if time.monotonic() > deadline:
            stop_process_group(process)
            raise RuntimeError("Voila not ready after 90 s:\n" + log.read_text()[-1500:])
        time.sleep(0.25)


def measure(repeats: int) -> list[dict]:
    figure = "first widget visible after opening the largest module in Voila"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [_missing(figure, "playwright is not installed (pip install playwright)")]
    if not CHROMIUM.exists():
        return [_missing(figure, f"{CHROMIUM} not found (Debian package chromium)")]
    try:
        import voila  # noqa: F401
    except ImportError:
        return [_missing(figure, "voila is not installed (pip install voila)")]

    lang, module = largest_module()
    source = NOTEBOOKS / lang / f"{module.id}.ipynb"
    if not source.exists():
        return [_missing(figure, f"no notebook {source.relative_to(ROOT)} for the module")]

    with tempfile.TemporaryDirectory(prefix="bench-voila-") as folder:
        base = Path(folder)
        served = base / "served"
        served.mkdir()
        shutil.copy(source, served / source.name)
        (served / "one-widget.ipynb").write_text(json.dumps(ONE_WIDGET), encoding="utf-8")
        process, url, log = start_voila(base, served)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
                )
                try:

                    def open_page(name: str) -> float:
                        context = browser.new_context()
                        page = context.new_page()
                        try:
                            start = time.perf_counter()
                            page.goto(f"{url}/voila/render/{name}", wait_until="commit")
                            page.locator(WIDGET).first.wait_for(state="visible", timeout=120_000)
                            return time.perf_counter() - start
                        finally:
                            context.close()

                    values, bases = interleaved(
                        max(repeats, 3),
                        lambda: open_page(source.name),
                        lambda: open_page("one-widget.ipynb"),
                    )
                finally:
                    browser.close()
        finally:
            stop_process_group(process)
    return [
        timed_row(
            f"{figure} ({module.id}, {len(module.items)} items), headless Chromium",
            values,
            bases,
            TARGET,
            limit=1.5,
            note=(
                "from the request to the first widget visible, a new browser context each "
                "time (empty cache) and a new kernel for every opening; baseline: a notebook "
                "with one cell showing one Button, served by the same Voila."
            ),
        )
    ]


def _missing(figure: str, why: str) -> dict:
    return {
        "figure": figure,
        "value": "not measured",
        "baseline": "",
        "ratio": None,
        "target": TARGET,
        "ok": False,
        "note": why,
    }
