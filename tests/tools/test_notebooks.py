"""The stored notebooks: collected by nbval, tidy and current with the content.

nbval itself (strict mode, configured in pyproject.toml) runs every notebook as
"Restart and Run All" and compares each stored output with a fresh one. That every cell stands
on its own (run backwards, then again in order) is checked in the same kernel run as privacy
(tests/progress/test_privacy.py): one kernel per notebook for both.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lessonkit.content import tomllib  # the standard library's, or its backport on 3.10
from lessonkit.tools.notebooks import WIDGET_VIEW, execute, notebook_paths

from ..helpers import NOTEBOOKS, edit

pytestmark = pytest.mark.slow(seconds=3)  # a unit: one notebook's checks (tests/scheduling.py)

ROOT = NOTEBOOKS.parent
NOTEBOOK_FILES = notebook_paths()
MODULE_01 = NOTEBOOKS / "en" / "01-what-is-trafficking.ipynb"


def run_pytest(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        # -n0: these small runs are quicker in one process than with a worker per core
        [sys.executable, "-m", "pytest", "-n0", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_there_are_notebooks():
    assert MODULE_01 in NOTEBOOK_FILES
    assert NOTEBOOKS / "en" / "00-start-here.ipynb" in NOTEBOOK_FILES


def test_every_notebook_is_collected_by_nbval(request):
    # Every .ipynb under notebooks/, found on disk (not from pytest's own view of the tree).
    on_disk = sorted(
        p.relative_to(ROOT).as_posix()
        for p in NOTEBOOKS.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )
    collected = {
        item.path.relative_to(ROOT).as_posix()
        for item in request.session.items
        if item.path.suffix == ".ipynb"
    }
    if not collected:  # this run was asked for some tests only: ask the full test command
        result = run_pytest("--collect-only", "-q")
        assert result.returncode == 0, result.stdout + result.stderr
        collected = {
            line.split("::")[0] for line in result.stdout.splitlines() if ".ipynb::" in line
        }
    missing = [p for p in on_disk if p not in collected]
    assert on_disk and missing == [], f"not collected by the test command: {missing}"


def test_strict_nbval_is_configured():
    with (ROOT / "pyproject.toml").open("rb") as handle:
        options = tomllib.load(handle)["tool"]["pytest"]["ini_options"]
    assert "--nbval" in options["addopts"].split()
    assert "--nbval-lax" not in options["addopts"]
    assert "notebooks" in options["testpaths"]


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_is_stored_executed_and_tidy(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb["metadata"], "saved widget state (random ids) must be stripped"
    assert "version" not in nb["metadata"].get("language_info", {})
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "a lesson notebook shows at least one thing from content"
    for cell in code:
        text = "".join(cell["source"])
        assert "\n" not in text.strip(), f"a code cell must be one line: {text!r}"
        assert text.startswith("from lessonkit import ")
        assert cell["metadata"]["jupyter"]["source_hidden"] is True
        assert "hide-input" in cell["metadata"]["tags"]
        assert "execution" not in cell["metadata"], "no timing metadata"
        assert cell["outputs"], f"stored without output: {text}"
        assert all(o["output_type"] != "error" for o in cell["outputs"])
        for output in cell["outputs"]:
            if WIDGET_VIEW in output.get("data", {}):
                assert output["data"][WIDGET_VIEW]["model_id"] == ""


def test_execute_reproduces_the_stored_notebook_byte_for_byte(tmp_path: Path):
    copy = tmp_path / MODULE_01.name
    nb = nbformat.read(MODULE_01, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    nbformat.write(nb, copy)
    execute(copy)
    assert copy.read_bytes() == MODULE_01.read_bytes()


def test_stale_notebook_fails_strict_nbval(tmp_path: Path):
    """Change one feedback sentence without re-executing: the test command must fail."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    edit(
        content / "en" / "01-what-is-trafficking.toml",
        "Look again at the element",
        "Think again about the element",
    )
    stale = run_pytest(str(MODULE_01.relative_to(ROOT)), env={"LESSONKIT_CONTENT": str(content)})
    assert stale.returncode == 1, stale.stdout[-2000:]
    assert "protocol-vs-code" in stale.stdout  # the changed exercise is the one reported

