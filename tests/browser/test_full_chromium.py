"""One lesson in the full Chromium a learner runs, beside the headless shell the other tests drive.

Both are Debian builds of one Chromium source at the same version (see lessonkit/tools/chromium.py):
this test keeps the full browser covered, with the same guards, by opening a lesson page in Voila
with every widget drawn and working one exercise with the mouse.
"""

from __future__ import annotations

import pytest

from lessonkit.tools.chromium import CHROMIUM, launched_offline

from .conftest import ERROR_OUTPUTS, GuardedContext, check_clean, open_in_voila
from .lessons import (
    EXERCISE,
    OUTPUT_WIDGET,
    case_for,
    example_cases,
    kind_selector,
    read_notebook,
    work,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow(seconds=6)]

CASE = "quiz-one-answer"


@pytest.fixture(scope="module")
def full_chromium(browser):
    """Debian's full Chromium, launched by the Playwright that runs the headless shell."""
    with launched_offline(browser.browser_type, CHROMIUM) as launched:
        yield launched


def test_a_lesson_draws_and_answers_in_the_full_chromium(full_chromium, voila):
    case = case_for(CASE, example_cases([CASE.split("-")[0]]))
    notebook = read_notebook(case.path)
    ctx = GuardedContext(full_chromium)
    try:
        page = ctx.new_page()
        open_in_voila(page, voila, notebook)
        assert page.locator(OUTPUT_WIDGET).count() == notebook.widget_outputs
        assert page.locator(EXERCISE).count() == len(notebook.shown)
        assert page.locator(ERROR_OUTPUTS).count() == 0
        root = page.locator(kind_selector(case.kind)).nth(case.index)
        root.scroll_into_view_if_needed()
        work(case, "mouse", page, root)
        check_clean(ctx, (0, 0))
    finally:
        ctx.close()
