"""Debian's Chromium for the browser tests and the benchmark (never imported by lessons).

One place for the browsers' paths and the flags that keep them headless, quiet and on this
machine: without the background-networking flags Chromium keeps calling Google's hosts.

Two Debian packages from the one Chromium source, always of the same version:

* ``chromium`` (``CHROMIUM``), the browser a learner runs: the benchmarks measure it, and one
  browser test (tests/browser/test_full_chromium.py) opens a lesson in it;
* ``chromium-headless-shell`` (``HEADLESS_SHELL``), the same engine without the browser around
  it, which Playwright itself uses for headless runs: the browser tests drive it. It costs about
  half the CPU of the full browser per page (four Voila pages of module 02, with the browser's
  start, on 2 cores: 5.3 to 7.0 CPU-seconds against 10.9 to 14.0), and the browsers were more
  than half of the test suite's CPU time.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
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
