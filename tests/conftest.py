"""Shared fixtures: the real course content, and a way to build widgets from edited content."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from lessonkit.content import PROJECT_ROOT, load_course

CONTENT = PROJECT_ROOT / "content"
NOTEBOOKS = PROJECT_ROOT / "notebooks"

# Tests never touch a learner's real progress file: this process, its subprocesses and the
# notebook kernels nbval starts (they inherit this environment) all use a private one.
PROGRESS_DIR = tempfile.mkdtemp(prefix="lessonkit-test-progress-")
os.environ["LESSONKIT_PROGRESS"] = os.path.join(PROGRESS_DIR, "progress.sqlite3")
atexit.register(shutil.rmtree, PROGRESS_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def private_progress(tmp_path_factory, monkeypatch):
    """Each test starts with an empty progress file of its own, so no answer saved by one test
    comes back in another's widgets."""
    from lessonkit import progress

    folder = tmp_path_factory.mktemp("progress")
    monkeypatch.setenv("LESSONKIT_PROGRESS", str(folder / "progress.sqlite3"))
    progress.forget_default_store()
    yield
    progress.forget_default_store()


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
