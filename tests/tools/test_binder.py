"""What Binder would build, checked with Binder's own tool.

repo2docker (from PyPI) is what mybinder.org runs on a repository. With ``--no-build --debug``
it writes out the Dockerfile it would build, without Docker. These tests read that Dockerfile:
the Python version is the one pinned in runtime.txt (without it repo2docker falls back to its
default, 3.10 today, and warns that the default will change), the lesson kit is installed from
the repository's own files, and the environment is the learners' one, requirements.txt, not the
test suite's.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from ..ci import unavailable
from ..helpers import PROJECT_ROOT

RUNTIME = PROJECT_ROOT / "runtime.txt"


def render(folder) -> subprocess.CompletedProcess:
    if importlib.util.find_spec("repo2docker") is None:
        unavailable("repo2docker is missing: pip install -r requirements-test.txt")
    result = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.fixture(scope="module")
def rendered() -> subprocess.CompletedProcess:
    return render(PROJECT_ROOT)


def pinned() -> str:
    text = RUNTIME.read_text(encoding="utf-8").strip()
    found = re.fullmatch(r"python-(3\.\d+)", text)
    assert found, f"runtime.txt should read python-3.X, not {text!r}"
    return found.group(1)


def test_runtime_txt_pins_a_python_the_kit_supports():
    from packaging.specifiers import SpecifierSet

    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pinned() in SpecifierSet(project["project"]["requires-python"])


def test_binder_builds_the_pinned_python_without_a_warning(rendered):
    log = rendered.stdout + rendered.stderr
    assert "Python version unspecified" not in log, log[:2000]
    assert f"python={pinned()}" in log, log[:2000]


def test_without_the_pin_binder_falls_back_and_warns(tmp_path):
    """The check above can fail: the same repository without runtime.txt gets the warning."""
    for name in ("requirements.txt", "pyproject.toml"):
        (tmp_path / name).write_bytes((PROJECT_ROOT / name).read_bytes())
    result = render(tmp_path)
    assert "Python version unspecified" in result.stdout + result.stderr


def test_binder_installs_the_learners_requirements_and_the_kit_from_the_repository(rendered):
    steps = [line for line in rendered.stdout.splitlines() if line.startswith(("COPY", "RUN"))]
    whole_repo = next(i for i, line in enumerate(steps) if re.match(r"COPY .* src/ ", line))
    installs = [i for i, line in enumerate(steps) if 'pip install --no-cache-dir -r "' in line]
    assert [steps[i].rsplit(" ", 1)[-1] for i in installs] == ['"requirements.txt"']
    # requirements.txt's `-e .` needs the repository's files: installed only after they are in
    assert installs[0] > whole_repo, steps
    assert "requirements-test.txt" not in rendered.stdout
    requirements = (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^-e \.$", requirements, re.M), "requirements.txt no longer installs the kit"
