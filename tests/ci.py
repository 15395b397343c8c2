"""Tests that need parts a developer may lack (Chromium, the JupyterLite tools) skip outside CI
with how to get them, and fail in CI (CI=true), so a missing part can never pass there silently."""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def unavailable(reason: str):
    """Skip with ``reason``; under CI, fail with it instead."""
    if in_ci():
        pytest.fail(f"CI=true: {reason}", pytrace=False)
    pytest.skip(reason)
