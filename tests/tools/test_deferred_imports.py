"""The deferred slow import (lessonkit/tools/deferred_imports.py): unused by notebooks, same result.

No timings here: the time it saves is measured by benchmarks/run.py, not asserted in tests.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from lessonkit.content import tomllib
from lessonkit.tools.deferred_imports import defer_slow_imports, is_deferred

from ..helpers import NOTEBOOKS, PROJECT_ROOT

needs_the_slow_module = pytest.mark.skipif(
    importlib.util.find_spec("rfc3987_syntax") is None,
    reason="rfc3987_syntax is not installed here, so there is nothing to defer",
)


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@needs_the_slow_module
def test_reading_and_validating_every_notebook_never_builds_the_iri_parser():
    notebooks = [str(p) for p in sorted(NOTEBOOKS.rglob("*.ipynb"))]
    code = f"""
import sys
import lessonkit.tools.deferred_imports as deferred
import nbformat
for path in {notebooks!r}:
    nbformat.validate(nbformat.read(path, as_version=4))
print(deferred.is_deferred(), "rfc3987_syntax.syntax_helpers" in sys.modules)
"""
    assert notebooks
    assert run_python(code).split() == ["True", "False"]


FAKE_SLOW = """
import os
with open(os.environ["FAKE_SLOW_LOG"], "a", encoding="utf-8") as log:
    log.write("loaded\\n")
CONSTANT = 42
def is_valid_syntax(term, value):
    return f"{term}:{value}:{len(value) % 2 == 0}"
"""

AS_JSONSCHEMA_DOES = """
import json, os, sys
from lessonkit.tools.deferred_imports import defer_slow_imports, is_deferred
log = os.environ["FAKE_SLOW_LOG"]
installed = defer_slow_imports("fake_slow")
from fake_slow import is_valid_syntax  # what jsonschema does at import time
holder = sys.modules["fake_slow"]  # a reference taken before the real module loads
loads_before = open(log, encoding="utf-8").read().count("loaded")
answers = [is_valid_syntax("iri", "abc"), is_valid_syntax("iri-reference", "abcd")]
print(json.dumps({
    "installed": installed,
    "loads_before": loads_before,
    "answers": answers,
    "loads_after": open(log, encoding="utf-8").read().count("loaded"),
    "deferred_after": is_deferred("fake_slow"),
    "constant_through_old_reference": holder.CONSTANT,
    "again": defer_slow_imports("fake_slow"),
}))
"""


def test_the_stand_in_loads_the_real_module_once_on_first_use_and_answers_the_same(tmp_path):
    # A stand-in for a slow module of our own, so the test builds no real parser.
    (tmp_path / "fake_slow.py").write_text(FAKE_SLOW, encoding="utf-8")
    log = tmp_path / "loads.log"
    log.write_text("", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "FAKE_SLOW_LOG": str(log)}
    result = subprocess.run(
        [sys.executable, "-c", AS_JSONSCHEMA_DOES],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["installed"] is True
    assert seen["loads_before"] == 0  # importing names from it ran none of its code
    assert seen["answers"] == ["iri:abc:False", "iri-reference:abcd:True"]  # the real answers
    assert seen["loads_after"] == 1  # loaded once, on the first call
    assert seen["deferred_after"] is False
    assert seen["constant_through_old_reference"] == 42
    assert seen["again"] is False  # the real module is in place: nothing more to defer


def test_nothing_is_deferred_when_the_module_is_missing_or_already_loaded():
    assert defer_slow_imports("no_such_module_for_lessonkit_tests") is False
    assert "no_such_module_for_lessonkit_tests" not in sys.modules
    assert defer_slow_imports("json") is False  # loaded already: left as it is
    assert not is_deferred("json")


def test_the_test_command_loads_the_deferral_as_an_early_plugin():
    # pytest imports `-p` plugins before the plugins it finds installed (nbval, which imports
    # nbformat), so the stand-in is in place in time.
    with (PROJECT_ROOT / "pyproject.toml").open("rb") as handle:
        addopts = tomllib.load(handle)["tool"]["pytest"]["ini_options"]["addopts"].split()
    assert "lessonkit.tools.deferred_imports" in addopts
    assert addopts[addopts.index("lessonkit.tools.deferred_imports") - 1] == "-p"
