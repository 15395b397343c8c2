"""Shared fixtures: the real course content, and a way to build widgets from edited content."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from lessonkit.content import PROJECT_ROOT, load_course

CONTENT = PROJECT_ROOT / "content"
NOTEBOOKS = PROJECT_ROOT / "notebooks"

# A citation in prose: "(Source: X)" or "(Sources: X; Y)", by the sources' short names.
CITATION = re.compile(r"\((Sources?): ([^)]*)\)")
# Phone numbers that the fact inventory marks VERIFIED, with their items. A new number must be
# checked there first and added here with its item code: we never print a number from memory.
VERIFIED_NUMBERS = {
    "911",  # E9
    "1-833-900-1010",  # E1
    "1-800-668-6868",  # E10
    "686868",  # E10 (text CONNECT)
    "9-8-8",  # E12, K4
}
# Ten- and eleven-digit numbers, 911 and 988, six-digit text numbers, and three digits written
# with hyphens (9-8-8).
NUMBER = re.compile(
    r"(?<![\w.-])(?:\d-\d{3}-\d{3}-\d{4}|\d{3}-\d{3}-\d{4}|\d-\d-\d|911|988|\d{6})(?![\w-])"
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


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch) -> Path:
    """A private copy of content/, used by the lesson kit for this test (via LESSONKIT_CONTENT)."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    monkeypatch.setenv("LESSONKIT_CONTENT", str(target))
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of text in a file; fail loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"expected exactly one {old!r} in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
