"""The guards of the browser tests themselves: they must be able to fail."""

from __future__ import annotations

import pytest

from . import conftest
from .conftest import GuardedContext, require_browser_parts

OFF_MACHINE = "http://fonts.example.invalid/font.woff2"  # a reserved name: never a real host
SOCKET_OFF_MACHINE = "ws://sockets.example.invalid/channel"


@pytest.mark.parametrize("which", ["CHROMIUM", "HEADLESS_SHELL"])
def test_missing_chromium_skips_with_how_to_install(monkeypatch, tmp_path, which):
    monkeypatch.setattr(conftest, which, tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    words = "no-chromium: install it with `sudo apt-get install -y chromium chromium-headless-"
    with pytest.raises(pytest.skip.Exception, match=words):
        require_browser_parts()


@pytest.mark.parametrize("which", ["CHROMIUM", "HEADLESS_SHELL"])
@pytest.mark.parametrize("value", ["true", "1"])
def test_missing_chromium_fails_under_ci(monkeypatch, tmp_path, value, which):
    monkeypatch.setattr(conftest, which, tmp_path / "no-chromium")
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI=true: .*apt-get install -y chromium"):
        require_browser_parts()


@pytest.mark.browser
def test_guard_stops_and_reports_a_request_and_a_socket_off_this_machine(browser, voila):
    """A page asking another host for a file, then opening a web socket to one: both fail
    inside the browser (its proxy refuses them), and both are reported."""
    ctx = GuardedContext(browser)
    page = ctx.new_page()
    page.goto(f"{voila.url}/voila/static/voila.js")  # a static file: no kernel is started
    with page.expect_event("requestfailed") as failed:
        outcome = page.evaluate(
            "url => fetch(url).then(() => 'loaded', () => 'failed')", OFF_MACHINE
        )
    assert outcome == "failed"
    # Stopped by the proxy, not by the name failing to resolve (it is a reserved one).
    assert failed.value.failure == "net::ERR_PROXY_CONNECTION_FAILED"
    opened = page.evaluate(
        """url => new Promise(done => { const socket = new WebSocket(url);
            socket.onopen = () => done('open'); socket.onerror = () => done('failed'); })""",
        SOCKET_OFF_MACHINE,
    )
    assert opened == "failed"
    assert ctx.off_machine == [OFF_MACHINE, SOCKET_OFF_MACHINE]
    with pytest.raises(AssertionError, match="request off this machine"):
        ctx.close()
