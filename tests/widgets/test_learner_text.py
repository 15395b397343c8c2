"""Whatever a learner types is shown safely: never as markup, never an exception.

Hypothesis feeds arbitrary text (tags, script, 10,000 characters, right-to-left text, emoji,
control characters, empty) into every text input of the kit: the reflection's text area and
the glossary's search box. Then no HTML value anywhere in the widget holds the text unescaped.
"""

from __future__ import annotations

import html as stdlib_html
import re

import ipywidgets as widgets
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lessonkit import cells as lesson

NASTY = [
    "",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<b>bold</b> & <i>",
    "\u202eright-to-left override \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "emoji \U0001f600\U0001f3f3\ufe0f\u200d\U0001f308",
    "control \x00\x07\x1b[31m\r\n\t",
    "x" * 10_000,
]
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300
) | st.sampled_from(NASTY)


def html_values(widget):
    if isinstance(widget, widgets.HTML):
        yield widget.value
    for child in getattr(widget, "children", ()):
        yield from html_values(child)


def assert_shown_safely(widget, typed: str) -> None:
    # Text with an angle bracket can only reach HTML unchanged if it was not escaped. (A bare
    # "&" or quote cannot be judged this way: "&" is also part of its own escape, "&amp;".)
    risky = any(c in typed for c in "<>")
    for value in html_values(widget):
        # The page's own tags are taken out first, so text such as "<" or "<p>" is not mistaken
        # for the learner's (a "<script" that survives is caught below).
        if risky:
            tags = r"</?(p|strong|small|em|br|ul|li|span|div|dl|dt|dd)( [^<>]*)?/?>"
            page_text = re.sub(tags, "", value)
            assert typed not in page_text, "learner text reached an HTML value unescaped"
    # The escaped form of anything with markup characters never turns back into a tag.
    for value in html_values(widget):
        assert "<script" not in value.lower()
        assert "onerror=" not in value.lower() or "&quot;" in value or "&lt;" in value


SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(typed=TEXT)
@example(typed="<script>alert(1)</script>")
@example(typed="x" * 10_000)
@example(typed="&")
@example(typed="a & b")
def test_glossary_search_shows_any_text_safely(typed):
    glossary = lesson.glossary()
    glossary.type(typed)
    assert_shown_safely(glossary.widget, typed)
    shown = " ".join(typed.split())
    if shown and not glossary.found:
        # the query is echoed back to the learner, escaped
        assert stdlib_html.escape(shown, quote=True).replace("\n", "<br>") in (
            glossary.results_html.value
        )


@SETTINGS
@given(typed=TEXT)
@example(typed='"><img src=x onerror=alert(1)>')
def test_reflection_shows_any_text_safely(typed):
    note = lesson.example("one-thing")
    kept = []
    note.on_answer(lambda _ex, answer, _correct: kept.append(answer))
    note.write(typed)
    note.show_points()
    note.save()
    assert kept == [typed]  # handed on exactly as typed, to be stored, not shown as HTML
    assert note.state["text"] == typed
    assert_shown_safely(note.widget, typed)
