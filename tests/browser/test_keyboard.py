"""Keyboard only, in Voila: for one example of every widget kind (and of each variant, such as
a one-answer and a several-answer quiz), finish it with Tab, the arrow keys, Space and Enter,
and check the feedback words. Nothing is clicked on these pages."""

from __future__ import annotations

import pytest

from .conftest import GuardedContext, check_clean, open_in_voila
from .lessons import (
    case_for,
    example_cases,
    kind_selector,
    read_notebook,
    widget_kinds,
    work,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow(seconds=17)]

CASES = example_cases(widget_kinds())


@pytest.fixture(scope="module")
def untouched_pages(browser, voila):
    """A fresh Voila page per example notebook, used by keyboard only (never by the mouse)."""
    opened: dict = {}

    def get(path):
        if path not in opened:
            ctx = GuardedContext(browser)
            page = ctx.new_page()
            open_in_voila(page, voila, read_notebook(path))
            opened[path] = (ctx, page)
        return opened[path]

    yield get
    for ctx, _ in opened.values():
        ctx.close()


# Each widget's feedback areas (HTML widgets) that hold a live region, marked, with its text.
REGIONS_BEFORE = """root => [...root.querySelectorAll('.widget-html-content')]
  .map(area => [area, area.querySelector(':scope > [role=status]')]).filter(([, r]) => r)
  .map(([area, region]) => { area.__lkArea = true; region.__lkRegion = true;
    return region.textContent.trim(); })"""
REGIONS_AFTER = """root => [...root.querySelectorAll('.widget-html-content > [role=status]')]
  .filter(r => r.textContent.trim()).map(r => ({text: r.textContent.trim().slice(0, 80),
    made_at_build: !!r.parentElement.__lkArea, same_element: !!r.__lkRegion}))"""


@pytest.mark.parametrize("name", CASES)
def test_widget_kind_can_be_done_by_keyboard_only(name, untouched_pages):
    """The whole exercise by keyboard; the focus never falls to the page's body (lessons.press);
    every message appears in a live region that was on the page before it, with new text."""
    case = case_for(name, CASES)
    ctx, page = untouched_pages(case.path)
    mark = ctx.marks()
    root = page.locator(kind_selector(case.kind)).nth(case.index)
    root.wait_for()
    before = root.evaluate(REGIONS_BEFORE)
    assert before, f"{name}: no live region before the first message"
    work(case, "keyboard", page, root)
    after = root.evaluate(REGIONS_AFTER)
    assert after, f"{name}: no message in a live region"
    assert all(r["made_at_build"] for r in after), f"{name}: a region made with its message"
    assert [r["text"] for r in after] != before[: len(after)], f"{name}: no text changed"
    # What remains (README, "Accessibility"): ipywidgets' HTML widget replaces its content, so
    # the element with role="status" is new each time, inside a feedback area that stays. If
    # this fails because the element now stays, update the README and this line.
    assert not any(r["same_element"] for r in after), after
    check_clean(ctx, mark)
