"""Shared fixtures: the real course content, a private copy of it, and a private progress store.

Helpers that are not fixtures (paths, patterns, small functions) live in ``helpers.py``.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from lessonkit.content import load_course

from .helpers import CONTENT, LANGS
from .scheduling import (  # noqa: F401 (hooks: how xdist shares the work, see scheduling.py)
    pytest_collection_modifyitems,
    pytest_xdist_auto_num_workers,
    pytest_xdist_make_scheduler,
)

# Tests never touch a learner's real progress file: this process, its subprocesses and the
# notebook kernels nbval starts (they inherit this environment) all use a private one.
PROGRESS_DIR = tempfile.mkdtemp(prefix="lessonkit-test-progress-")
os.environ["LESSONKIT_PROGRESS"] = os.path.join(PROGRESS_DIR, "progress.sqlite3")
atexit.register(shutil.rmtree, PROGRESS_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def private_store(tmp_path, monkeypatch):
    """Each test starts with an empty progress file of its own (its folder not yet made), so no
    answer saved by one test comes back in another's widgets. Yields the file's path."""
    from lessonkit import progress

    path = tmp_path / "data" / "progress.sqlite3"
    monkeypatch.setenv(progress.PROGRESS_ENV, str(path))
    progress.forget_default_store()
    yield path
    progress.forget_default_store()


@pytest.fixture
def store(private_store):
    """The progress store at the test's private path."""
    from lessonkit.progress import open_store

    opened = open_store(private_store)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def course():
    return load_course("en")


@pytest.fixture(scope="session", params=LANGS)
def edition(request):
    """Each edition of the course in turn, for the checks every edition must pass."""
    return load_course(request.param)


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch) -> Path:
    """A private copy of content/, used by the lesson kit for this test (via LESSONKIT_CONTENT)."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    monkeypatch.setenv("LESSONKIT_CONTENT", str(target))
    return target


# One headless Chromium (Debian's headless shell) per test process, shared by every folder that
# drives a browser (the browser tests and the hub test): Playwright's sync API allows one at a
# time in a thread.
@pytest.fixture(scope="session")
def browser_parts() -> None:
    from .browser.conftest import require_browser_parts

    require_browser_parts()


@pytest.fixture(scope="session")
def browser(browser_parts):
    from playwright.sync_api import sync_playwright

    from lessonkit.tools.chromium import HEADLESS_SHELL, launched_offline

    # Never let Playwright fetch a browser of its own, whatever happens below.
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    # Requests for any host but 127.0.0.1 fail inside the browser (see offline_flags). Playwright
    # gives every launch a new, empty user-data-dir of its own.
    with sync_playwright() as playwright:
        with launched_offline(playwright.chromium, HEADLESS_SHELL) as chromium:
            yield chromium
