"""Every notebook in JupyterLab: Run ▸ Run All Cells shows every widget, and each kind works.

Each notebook runs in a fresh copy with a kernel of its own, shut down after the test. One Lab
page serves the session (it costs seconds to load); each test opens its copy in it.
"""

from __future__ import annotations

import pytest

from . import access
from .conftest import (
    ERROR_OUTPUTS,
    ERROR_WORDS,
    check_clean,
    close_in_lab,
    lab_copy,
    open_in_lab,
    run_all_in_lab,
)
from .lessons import (
    EXERCISE,
    OUTPUT_WIDGET,
    Case,
    all_notebooks,
    case_for,
    example_cases,
    kind_selector,
    read_notebook,
    widget_kinds,
    work,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow(seconds=5)]  # a unit: one notebook

NOTEBOOKS = all_notebooks()  # found on disk at collection time


CASES = example_cases(widget_kinds())
CASE_PAGES = {c.path for c in CASES.values() if isinstance(c, Case)}


@pytest.fixture(scope="module")
def lab_runs(lab, lab_page):
    """Notebooks run in the Lab page and kept open for the module, by notebook: those holding
    the examples of the widget kinds run once (one kernel) for their check and every kind."""
    _, page = lab_page
    opened: dict = {}

    def get(path):
        if path not in opened:
            copy = lab_copy(lab, path)
            opened[path] = (copy, None)
            panel = open_in_lab(page, copy)
            run_all_in_lab(page)
            opened[path] = (copy, panel)
        return opened[path][1]

    yield get
    for copy, _ in opened.values():
        close_in_lab(lab, page, copy)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_all_cells_in_lab(path, lab, lab_page, lab_runs):
    ctx, page = lab_page
    mark = ctx.marks()
    notebook = read_notebook(path)
    kept = path in CASE_PAGES  # its kernel stays for the widget-kind tests below
    copy = None if kept else lab_copy(lab, path)
    try:
        if kept:
            panel = lab_runs(path)
        else:
            panel = open_in_lab(page, copy)
            run_all_in_lab(page)
        widgets = panel.locator(OUTPUT_WIDGET)
        if notebook.widget_outputs:
            widgets.nth(notebook.widget_outputs - 1).wait_for()
        assert widgets.count() == notebook.widget_outputs
        assert panel.locator(EXERCISE).count() == len(notebook.shown)
        for kind in {s.kind for s in notebook.shown}:
            expected = sum(s.kind == kind for s in notebook.shown)
            assert panel.locator(kind_selector(kind)).count() == expected, kind
        assert panel.locator(ERROR_OUTPUTS).count() == 0
        text = panel.inner_text()
        for words in ERROR_WORDS:
            assert words not in text
        check_clean(ctx, mark)
    finally:
        if copy:
            close_in_lab(lab, page, copy)


@pytest.mark.parametrize("name", CASES)
def test_widget_kind_works_with_the_mouse_in_lab(name, lab_page, lab_runs):
    case = case_for(name, CASES)
    ctx, page = lab_page
    mark = ctx.marks()
    panel = lab_runs(case.path)
    page.evaluate("(id) => jupyterapp.shell.activateById(id)", panel.get_attribute("id"))
    # Scoped to the exercise's own output: JupyterLab has "checkpoint" buttons of its own.
    root = panel.locator(".jp-OutputArea-output").locator(kind_selector(case.kind)).nth(case.index)
    root.wait_for()
    root.scroll_into_view_if_needed()
    work(case, "mouse", page, root)
    check_clean(ctx, mark)


def test_the_kit_style_sheet_reaches_jupyterlab(lab_page, lab_runs):
    """The style sheet travels with the widgets, so in JupyterLab too each kit control of the
    widget gallery (one exercise of every kind) gets the 3:1 focus ring (tests/render checks
    that every rule is scoped to the kit or to Voila's page, so Lab's own look is unchanged)."""
    from .lessons import GALLERY

    ctx, page = lab_page
    mark = ctx.marks()
    panel = lab_runs(GALLERY)
    page.evaluate("(id) => jupyterapp.shell.activateById(id)", panel.get_attribute("id"))
    controls = panel.locator(".jp-OutputArea-output").locator(
        ", ".join(
            f"{area} button:visible, {area} select:visible, {area} input:visible"
            for area in (".lessonkit-exercise", ".lessonkit-progress")
        )
    )
    assert controls.count() > 10
    found = []
    for index in range(controls.count()):
        control = controls.nth(index)
        if control.is_disabled():
            continue
        page.keyboard.press("Shift")  # as after a key press, focus() shows :focus-visible
        control.focus()
        found.append(page.evaluate(access.FOCUS_INDICATOR, access.KIT))
    assert None not in found
    assert not access.weak_indicators(found), access.weak_indicators(found)
    check_clean(ctx, mark)
