"""Debian's Chromium for the browser tests and the benchmark (never imported by lessons).

One place for the browser's path and the flags that keep it headless, quiet and on this
machine: without the background-networking flags Chromium keeps calling Google's hosts.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
