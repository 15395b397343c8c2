"""The knowledge check and the certificate in Voila, by keyboard only: the check before the
course in the start notebook (answer a question with the arrow keys, finish with Enter: thanked,
no right answer shown), then the end check in module 09 (its results, in words, with the chart
and the table), and the certificate maker says plainly what it still needs. Both editions."""

from __future__ import annotations

import pytest

from lessonkit.content import load_course

from ..helpers import NOTEBOOKS
from .conftest import GuardedContext, check_clean, open_in_voila
from .lessons import labels_of, plain, press, radio_to, read_notebook, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow(seconds=22)]

STARTS = {"en": "en/00-start-here.ipynb", "fr": "fr/00-commencer-ici.ipynb"}
ENDS = {"en": "en/09-review-and-reflect.ipynb", "fr": "fr/09-revision-et-reflexion.ipynb"}


def words(text: str) -> str:
    return plain(text.split("{")[0])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_checks_can_be_taken_by_keyboard_and_say_what_they_show(lang, browser, voila):
    """The Voila server keeps one progress file for both editions: the edition that runs second
    finds the check before already taken, and says so."""
    ui = load_course(lang).ui
    ctx = GuardedContext(browser)
    mark = ctx.marks()
    page = ctx.new_page()
    open_in_voila(page, voila, read_notebook(NOTEBOOKS / STARTS[lang]))
    before = page.locator(".lessonkit-knowledge-check").first
    before.wait_for()
    assert words(ui.kc_before_not_scored) in plain(before.inner_text())
    radios = before.locator(".widget-radio-box").first.locator("input[type=radio]")
    if radios.first.is_visible():
        radio_to(page, radios, labels_of(radios)[0])
        press(page, before.get_by_role("button", name=ui.kc_finish, exact=True))
        settle(page)
        assert words(ui.kc_before_thanks) in plain(before.inner_text())
    else:
        assert words(ui.kc_before_done) in plain(before.inner_text())
    assert words(ui.kc_right_answer) not in plain(before.inner_text())  # nothing given away
    page.close()

    page = ctx.new_page()
    open_in_voila(page, voila, read_notebook(NOTEBOOKS / ENDS[lang]))
    after = page.locator(".lessonkit-knowledge-check").first
    after.wait_for()
    again = after.get_by_role("button", name=ui.kc_take_again, exact=True)
    if again.is_visible():
        press(page, again)
    radios = after.locator(".widget-radio-box").first.locator("input[type=radio]")
    radio_to(page, radios, labels_of(radios)[-1])
    press(page, after.get_by_role("button", name=ui.kc_finish, exact=True))
    settle(page)
    shown = plain(after.inner_text())
    assert words(ui.kc_results_heading) in shown and words(ui.kc_table_caption) in shown
    assert after.locator("svg[role=img] title").count() == 2
    maker = page.locator(".lessonkit-certificate")
    assert words(ui.cert_not_yet) in plain(maker.inner_text())
    assert maker.get_by_role("button", name=ui.cert_make, exact=True).is_disabled()
    check_clean(ctx, mark)
    ctx.close()
