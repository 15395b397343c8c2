"""The deferred slow import (lessonkit/deferred_imports.py): unused by notebooks, same answers.

No timings here: the time it saves is measured by benchmarks/run.py, not asserted in tests.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from lessonkit.content import tomllib

from .conftest import NOTEBOOKS, PROJECT_ROOT

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
import lessonkit.deferred_imports as deferred
import nbformat
for path in {notebooks!r}:
    nbformat.validate(nbformat.read(path, as_version=4))
print(deferred.is_deferred(), "rfc3987_syntax.syntax_helpers" in sys.modules)
"""
    assert notebooks
    assert run_python(code).split() == ["True", "False"]


@needs_the_slow_module
def test_iri_checks_give_the_same_answers_with_the_stand_in():
    # One process (the real parser takes seconds to build): jsonschema's checks, made through
    # the stand-in, against the real module's own answers once the stand-in has loaded it.
    code = """
import json, sys
import lessonkit.deferred_imports as deferred
import jsonschema
checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
values = ["https://example.org/caf\\u00e9", "not an iri", "http://[::1", "a:b", "//x", "%zz", ""]
deferred_before = deferred.is_deferred()
through = [[checker.conforms(v, "iri"), checker.conforms(v, "iri-reference")] for v in values]
real = sys.modules["rfc3987_syntax"]
direct = [[real.is_valid_syntax("iri", v), real.is_valid_syntax("iri_reference", v)]
          for v in values]
print(json.dumps([deferred_before, deferred.is_deferred(), through, direct]))
"""
    before, after, through, direct = json.loads(run_python(code).splitlines()[-1])
    assert before is True and after is False  # deferred until the first IRI check, then real
    assert through == direct
    assert [False, False] in direct and [True, True] in direct  # the checks judge something


def test_the_test_command_loads_the_deferral_as_an_early_plugin():
    # pytest imports `-p` plugins before the plugins it finds installed (nbval, which imports
    # nbformat), so the stand-in is in place in time.
    with (PROJECT_ROOT / "pyproject.toml").open("rb") as handle:
        addopts = tomllib.load(handle)["tool"]["pytest"]["ini_options"]["addopts"].split()
    assert "lessonkit.deferred_imports" in addopts
    assert addopts[addopts.index("lessonkit.deferred_imports") - 1] == "-p"
