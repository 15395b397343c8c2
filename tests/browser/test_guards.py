"""The guards of the browser tests themselves: they must be able to fail."""

from __future__ import annotations

import pytest

from . import conftest
from .conftest import GuardedContext, require_browser_parts

OFF_MACHINE = "http://fonts.example.invalid/font.woff2"  # a reserved name: never a real host


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
def test_route_guard_blocks_and_reports_a_request_off_this_machine(browser, voila):
    """A page asking another host for a file: blocked before it leaves, and reported."""
    ctx = GuardedContext(browser)
    page = ctx.new_page()
    page.goto(f"{voila.url}/voila/static/voila.js")  # a static file: no kernel is started
    outcome = page.evaluate("url => fetch(url).then(() => 'loaded', () => 'failed')", OFF_MACHINE)
    assert outcome == "failed"
    assert ctx.off_machine == [OFF_MACHINE]
    with pytest.raises(AssertionError, match="request off this machine"):
        ctx.close()
