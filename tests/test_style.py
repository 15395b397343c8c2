"""Code style: ruff, with the settings in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from .helpers import PROJECT_ROOT


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "lessonkit", "tests"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
