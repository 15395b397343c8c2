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

pytestmark = pytest.mark.browser

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


@pytest.mark.parametrize("name", CASES)
def test_widget_kind_can_be_done_by_keyboard_only(name, untouched_pages):
    case = case_for(name, CASES)
    ctx, page = untouched_pages(case.path)
    mark = ctx.marks()
    root = page.locator(kind_selector(case.kind)).nth(case.index)
    work(case, "keyboard", page, root)
    check_clean(ctx, mark)
