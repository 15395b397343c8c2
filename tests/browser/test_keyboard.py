"""Keyboard only, in Voila: for one example of every widget kind, finish it with Tab, the arrow
keys, Space and Enter, and check the feedback words. Nothing is clicked on these pages."""

from __future__ import annotations

import pytest

from .conftest import GuardedContext, check_clean, open_in_voila
from .lessons import (
    example_for,
    example_of_each_kind,
    in_page_order,
    kind_selector,
    read_notebook,
    widget_kinds,
    work,
)

pytestmark = pytest.mark.browser

EXAMPLES = example_of_each_kind(widget_kinds())


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


@pytest.mark.parametrize("kind", in_page_order(EXAMPLES))
def test_widget_kind_can_be_done_by_keyboard_only(kind, untouched_pages):
    path, index, shown = example_for(kind, EXAMPLES)
    ctx, page = untouched_pages(path)
    mark = ctx.marks()
    root = page.locator(kind_selector(kind)).nth(index)
    work(kind, "keyboard", page, root, shown)
    check_clean(ctx, mark)
