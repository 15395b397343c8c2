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

import contextlib
import socket
from collections.abc import Iterator
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


@contextlib.contextmanager
def offline_flags(host: str = "127.0.0.1") -> Iterator[list[str]]:
    """:data:`CHROMIUM_FLAGS` and a proxy that refuses every connection, for a browser that must
    reach nothing but this machine (the browser tests' guard; tests/browser/conftest.py).

    Chromium always reaches 127.0.0.1 directly, and sends every other request to the proxy named
    by ``--proxy-server``; it never falls back to a direct connection. The proxy's port is one
    this process holds bound and never listens on, so no other program can take it, and a
    connection to it is refused at once: the request fails (``net::ERR_PROXY_CONNECTION_FAILED``)
    before anything leaves the machine, and the page sees it fail. Unlike a route on a browser
    context, this costs nothing per request and leaves the browser's cache on (a route cost the
    tests' Voila pages about a third of their browser CPU).
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as closed:
        closed.bind((host, 0))
        yield [*CHROMIUM_FLAGS, f"--proxy-server=http://{host}:{closed.getsockname()[1]}"]


@contextlib.contextmanager
def launched_offline(browser_type, executable: Path) -> Iterator[object]:
    """A headless browser of Playwright's ``browser_type`` from ``executable``, with
    :func:`offline_flags`, closed (and its proxy port let go) when the block ends."""
    with offline_flags() as flags:
        browser = browser_type.launch(executable_path=str(executable), args=flags, headless=True)
        try:
            yield browser
        finally:
            browser.close()
