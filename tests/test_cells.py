"""The notebook calls that are pages, not exercises: the closing asks before it tells."""

from __future__ import annotations

import lessonkit

from .helpers import esc


def test_closing_asks_the_questions_before_it_shows_the_key_points(course):
    for module in course.modules:
        page = lessonkit.closing(module.id)._repr_html_()
        ui = course.ui
        first = page.index(esc(ui.closing_first))
        for question in module.questions:
            assert first < page.index(esc(question)), question
        folded = page.index("<details><summary>" + esc(ui.closing_show_key_points))
        assert first < folded < page.index(esc(module.key_points[0].text))
        assert page.index("</details>") < page.index(esc(ui.closing_can_you))
        for objective in module.objectives:
            assert page.index(esc(ui.closing_can_you)) < page.index(esc(objective.text))
        assert esc(ui.closing_glossary) in page and esc(ui.help) in page
