"""Privacy: the lessons open no network connection, and no learner answer reaches a notebook file.

Every notebook under notebooks/ runs in a kernel whose sockets are blocked by a first, added
cell; a last added cell reports every blocked attempt. The kernel's store already holds
answers carrying a marker (a saved reflection, checked quizzes), and no cell output may show it.
In between, the notebook's code cells run as learners run them, out of order and again: every
code cell backwards, then every cell in order; no cell may fail (each stands on its own).
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import lessonkit
from lessonkit import progress
from lessonkit.content import load_course
from lessonkit.tools.notebooks import notebook_paths

from ..helpers import NOTEBOOKS

pytestmark = pytest.mark.slow(seconds=25)  # every notebook in a kernel of its own

MARKER = "PRIVATE-4f1c-learner-words"

BLOCK = """
import socket as _socket
_blocked_calls = []
def _no_network(*args, **kwargs):
    _blocked_calls.append(repr(args)[:160])
    raise OSError("network blocked by the privacy test")
for _name in ("connect", "connect_ex", "sendto", "sendmsg"):
    setattr(_socket.socket, _name, _no_network)
_socket.create_connection = _no_network
_socket.getaddrinfo = _no_network
"""

REPORT = """
import json as _json
print(_json.dumps(_blocked_calls))
"""


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory):
    """A progress file with a saved reflection and checked answers, as a real learner leaves."""
    path = tmp_path_factory.mktemp("privacy") / "progress.sqlite3"
    store = progress.open_store(path)
    course = load_course("en")
    for module in course.modules:
        for item in module.items:
            exercise = lessonkit.build(module.id, item.id)
            progress.attach(exercise, module.id, store)
            if hasattr(exercise, "write") and hasattr(exercise, "save"):  # a reflection
                exercise.write(f"{MARKER} in {item.id}")
                exercise.save()
            elif hasattr(exercise, "select") and hasattr(exercise, "check"):  # a quiz
                exercise.select(0)
                exercise.check()
            exercise.close()
    kept = json.dumps([a.answer for a in store.answers()])
    store.close()
    return path, kept


def test_the_seeded_store_holds_what_a_learner_left(seeded_store):
    _, kept = seeded_store
    assert kept != "[]"


@pytest.mark.parametrize(
    "path", notebook_paths(), ids=lambda p: p.relative_to(NOTEBOOKS).as_posix()
)
def test_notebook_runs_offline_in_any_order_and_twice_and_shows_no_answer(
    path: Path, seeded_store, monkeypatch
):
    store_file, _ = seeded_store
    monkeypatch.setenv(progress.PROGRESS_ENV, str(store_file))  # the kernel inherits it
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, path
    nb.cells = [
        nbformat.v4.new_code_cell(BLOCK),
        *(nbformat.from_dict(c) for c in reversed(code)),  # backwards first
        *nb.cells,  # then every cell in order, a second time
        nbformat.v4.new_code_cell(REPORT),
    ]
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    for cell in nb.cells:
        if cell.cell_type == "code":
            errors = [o for o in cell.outputs if o["output_type"] == "error"]
            assert errors == [], f"{cell.source[:80]}: {errors}"
    report = nb.cells[-1].outputs[0]["text"]
    assert json.loads(report) == [], f"blocked network calls: {report}"
    # What a saved notebook keeps of each cell (widget state is not saved by default).
    shown = json.dumps([c.get("outputs", []) for c in nb.cells[1:-1]])
    assert MARKER not in shown
