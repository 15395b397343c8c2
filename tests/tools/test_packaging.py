"""The project's own build backend makes a wheel that holds every subpackage and the content.

The wheel is built from a copy of the project in a temporary folder, so no build/ or egg-info
folder is left in the checkout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

from ..helpers import CONTENT, PACKAGE, PROJECT_ROOT


def test_a_built_wheel_holds_every_subpackage_and_the_content(tmp_path):
    project = tmp_path / "project"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(PACKAGE, project / "lessonkit", ignore=skip)
    shutil.copytree(CONTENT, project / "content", ignore=skip)
    shutil.copyfile(PROJECT_ROOT / "pyproject.toml", project / "pyproject.toml")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-index", "--quiet"]
    command += ["--no-build-isolation", "--disable-pip-version-check"]
    result = subprocess.run(
        [*command, "--wheel-dir", str(tmp_path / "dist"), str(project)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = (tmp_path / "dist").glob("lessonkit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    packages = sorted(p.parent for p in PACKAGE.rglob("__init__.py"))
    assert len(packages) >= 7  # lessonkit, content, render, widgets, progress, tools, tools/lite
    for folder in packages:
        for module in folder.glob("*.py"):
            assert module.relative_to(PROJECT_ROOT).as_posix() in names, module
    data = [p.relative_to(PROJECT_ROOT).as_posix() for p in CONTENT.rglob("*.toml")]
    assert data and set(data) <= names
    assert "content/en/facilitator/guide.md" in names
