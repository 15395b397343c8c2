"""Two requirement files, and the commands that use them.

requirements.txt is what learners, teachers, Binder and a hub install; requirements-test.txt is
that file plus the tools only the test suite uses. These tests hold the split: the README's test
command and .ci/run install the test file; every package the lesson kit imports comes with
requirements.txt alone; every package the tests import comes with requirements-test.txt; and
none of the test-only tools is pulled in by requirements.txt.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
from pathlib import Path

import pytest

from ..helpers import PROJECT_ROOT

REQUIREMENTS = PROJECT_ROOT / "requirements.txt"
TEST_REQUIREMENTS = PROJECT_ROOT / "requirements-test.txt"
#: Built and imported only in the JupyterLite tools' own venv (requirements-lite.txt).
LITE_ONLY = PROJECT_ROOT / "lessonkit" / "tools" / "lite"
#: The project's own modules, imported by their plain names from their folders.
LOCAL = {"lessonkit", "tests", "completing", "progress_writer"} | {
    p.stem for p in (PROJECT_ROOT / "benchmarks").glob("*.py")
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def named_in(path: Path, seen: set[Path] | None = None) -> set[str]:
    """Distribution names a requirements file asks for, following ``-r`` lines."""
    seen = seen if seen is not None else set()
    seen.add(path)
    names = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r"):
            names |= named_in(path.parent / line[2:].strip(), seen)
        elif line == "-e .":
            names.add("lessonkit")  # pyproject.toml's name
        elif not line.startswith("-"):
            names.add(canonical(re.split(r"[\s\[<>=!~;]", line, maxsplit=1)[0]))
    return names


def own_lines(path: Path) -> set[str]:
    """What a file names itself, not through ``-r``."""
    return named_in(path) - {
        n
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("-r")
        for n in named_in(path.parent / line[2:].strip())
    }


def installed_closure(names: set[str]) -> set[str]:
    """The named distributions and everything they depend on, as installed here."""
    from packaging.requirements import Requirement

    found, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(canonical(req.name))
            elif "extra" not in str(req.marker):  # for another Python: named, not installed
                found.add(canonical(req.name))
    return found


def imported_in(files) -> set[str]:
    """Top-level names of the third-party modules these files import (anywhere in them)."""
    names = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in LOCAL}


def missing_from(modules: set[str], closure: set[str]) -> dict[str, list[str]]:
    """Modules no distribution of ``closure`` provides. One named for another Python only
    (``tomli; python_version < "3.11"``) is not installed here, and counts by its name."""
    providers = metadata.packages_distributions()
    missing = {}
    for module in sorted(modules):
        dists = {canonical(d) for d in providers.get(module, [])}
        if not dists and canonical(module) in closure:
            continue
        if not dists & closure:
            missing[module] = sorted(dists) or ["(not installed)"]
    return missing


def test_the_readme_and_ci_install_the_test_requirements():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Run every test**", 1)[1].split("```", 2)[1]
    assert "pip install -r requirements-test.txt" in section, section
    assert section.rstrip().endswith("python -m pytest"), section
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    installs = re.findall(r'"\$venv/bin/python" -m pip install .*-r (\S+)', ci)
    assert installs == ["requirements-test.txt"], installs
    assert re.search(r"^python -m pytest$", ci, re.M), "`.ci/run` must run `python -m pytest`"


def test_the_test_file_starts_from_the_learners_file():
    first = [
        line
        for line in TEST_REQUIREMENTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ][0]
    assert first == "-r requirements.txt"


def test_the_lesson_kit_needs_only_requirements_txt():
    files = [
        p for p in (PROJECT_ROOT / "lessonkit").rglob("*.py") if LITE_ONLY not in p.parents
    ]
    closure = installed_closure(named_in(REQUIREMENTS))
    assert missing_from(imported_in(files), closure) == {}


def test_every_package_the_tests_import_is_in_the_test_requirements():
    files = list((PROJECT_ROOT / "tests").rglob("*.py"))
    files += list((PROJECT_ROOT / "benchmarks").glob("*.py"))
    closure = installed_closure(named_in(TEST_REQUIREMENTS))
    assert missing_from(imported_in(files), closure) == {}


@pytest.mark.parametrize("tool", sorted(own_lines(TEST_REQUIREMENTS)))
def test_a_test_only_tool_is_not_installed_for_learners(tool):
    assert tool not in installed_closure(named_in(REQUIREMENTS)), (
        f"{tool} is in requirements-test.txt, but requirements.txt brings it in too"
    )


def test_the_split_finds_what_is_missing(tmp_path):
    """The checks above can fail: a planted import of a test tool in kit code is caught."""
    planted = tmp_path / "planted.py"
    planted.write_text("def f():\n    import hypothesis\n", encoding="utf-8")
    closure = installed_closure(named_in(REQUIREMENTS))
    assert missing_from(imported_in([planted]), closure) == {"hypothesis": ["hypothesis"]}
