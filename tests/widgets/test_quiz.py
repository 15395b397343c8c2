"""The multiple-choice widget, driven without a browser: select, click, read the feedback."""

from __future__ import annotations

from html import escape as html_escape

import pytest

import lessonkit
from lessonkit.content import ContentError, load_course
from lessonkit.widgets.quiz import MultipleChoiceQuiz

from ..helpers import edit

MODULE = "01-what-is-trafficking"


def quizzes(course):
    return [item for m in course.modules for item in m.items if item.kind == "quiz"]


def test_every_option_of_every_quiz_gives_its_own_feedback(course):
    for item in quizzes(course):
        for index, option in enumerate(item.options):
            quiz = MultipleChoiceQuiz(item, course)
            quiz.select(index)
            quiz.check()
            assert option.feedback in quiz.feedback
            if {index} == item.right:
                lead = course.ui.correct
            elif item.multiple and option.correct:
                lead = course.ui.partly  # one right answer of several
            else:
                lead = course.ui.not_quite
            assert quiz.feedback.startswith(lead)
            assert quiz.state["correct"] is ({index} == item.right)
            assert option.feedback.split(".")[0] in quiz.feedback_html.value.replace("&#x27;", "'")


def test_right_answer(course):
    quiz = lessonkit.build(MODULE, "core-idea")
    right = next(i for i, o in enumerate(quiz.item.options) if o.correct)
    quiz.select(right)
    quiz.check()
    assert quiz.state == {
        "item": "core-idea",
        "selected": [right],
        "checked": [right],
        "correct": True,
        "tries": 1,
        "revealed": False,
    }
    assert quiz.feedback.startswith("Correct.")
    assert "Sources: CBSA fact sheet, 2009" in quiz.feedback
    # Feedback is in words, not colour alone: the word is in the HTML the learner sees.
    assert "<strong>Correct.</strong>" in quiz.feedback_html.value


def test_wrong_answer_explains_and_invites_another_try(course):
    quiz = lessonkit.build(MODULE, "core-idea")
    quiz.select(1)
    quiz.check()
    assert quiz.state["correct"] is False
    assert quiz.feedback.startswith("Not quite.")
    assert "migrant smuggling" in quiz.feedback
    assert course.ui.try_again in quiz.feedback
    assert "<strong>Not quite.</strong>" in quiz.feedback_html.value


def test_check_without_an_answer_asks_for_one(course):
    quiz = lessonkit.build(MODULE, "core-idea")
    quiz.check()
    assert quiz.feedback == course.ui.choose_first
    assert quiz.state["tries"] == 0
    assert quiz.state["checked"] is None


def test_changing_the_answer_clears_old_feedback_then_a_new_check_counts(course):
    quiz = lessonkit.build(MODULE, "core-idea")
    quiz.select(1)
    quiz.check()
    quiz.select(0)
    assert quiz.feedback == course.ui.answer_changed
    assert quiz.state["checked"] is None and quiz.state["correct"] is None
    quiz.check()
    assert quiz.state == {
        "item": "core-idea",
        "selected": [0],
        "checked": [0],
        "correct": True,
        "tries": 2,
        "revealed": False,
    }


def test_controls_are_labelled(course):
    quiz = lessonkit.build(MODULE, "core-idea")
    assert quiz.choices.description == course.ui.your_answer
    assert quiz.check_button.description == course.ui.check
    shown = [quiz.item.options[i].text for i in quiz.item.shown_order()]
    assert [label for label, _ in quiz.choices.options] == shown


def test_rerunning_a_cell_gives_a_fresh_widget_and_closes_the_old_one():
    first = lessonkit.show(MODULE, "core-idea")
    first.select(1)
    second = lessonkit.show(MODULE, "core-idea")
    assert second is not first
    assert first.widget.comm is None, "the earlier widget should be closed"
    assert second.state["selected"] == [] and second.feedback == ""
    # One handler each: clicking once counts one try.
    assert len(second.check_button._click_handlers.callbacks) == 1
    second.select(0)
    second.check()
    assert second.state["tries"] == 1
    # The short numeric form of a module id names the same module.
    third = lessonkit.show("01", "core-idea")
    assert second.widget.comm is None and third.widget.comm is not None


def test_content_text_is_escaped(content_copy):
    path = content_copy / "en" / f"{MODULE}.toml"
    edit(
        path,
        'feedback = "Yes. The heart',
        'feedback = "<script>alert(1)</script> <b>Yes</b>. The heart',
    )
    course = load_course("en")
    quiz = MultipleChoiceQuiz(course.module(MODULE).item("core-idea"), course)
    quiz.select(0)
    quiz.check()
    assert "<script>" not in quiz.feedback_html.value
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;Yes&lt;/b&gt;" in quiz.feedback_html.value
    )
    assert "<script>alert(1)</script>" in quiz.feedback  # the plain-text value keeps the text


def test_repr_is_a_short_summary_that_changes_with_the_content(content_copy):
    before = lessonkit.build(MODULE, "core-idea")
    assert repr(before).startswith('quiz "core-idea" (content ')
    assert len(repr(before)) < 110  # ipywidgets would cut a longer plain-text form
    edit(
        content_copy / "en" / f"{MODULE}.toml",
        'text = "Recruiting, moving or housing a person in order to exploit them"',
        'text = "Recruiting, moving or housing a person so as to exploit them"',
    )
    after = lessonkit.build(MODULE, "core-idea")
    assert repr(after) != repr(before)
    edit(content_copy / "sources.toml", 'short = "CBSA fact sheet, 2009"', 'short = "CBSA, 2009"')
    renamed = lessonkit.build(MODULE, "core-idea")
    renamed.select(0)
    renamed.check()
    assert "Sources: CBSA, 2009;" in renamed.feedback
    assert repr(renamed) != repr(after)  # a renamed source changes what the learner reads
    assert before._repr_mimebundle_()["text/plain"] == repr(before)


def test_unknown_item_names_what_exists():
    with pytest.raises(KeyError, match="its items: core-idea, protocol-vs-code"):
        lessonkit.build(MODULE, "no-such-item")
    with pytest.raises(KeyError, match='no module "99"'):
        lessonkit.build("99", "core-idea")


def test_broken_content_shows_one_clear_message_in_the_notebook(content_copy):
    edit(content_copy / "en" / f"{MODULE}.toml", 'id = "core-idea"', 'id = "Core idea"')
    shown = lessonkit.show(MODULE, "protocol-vs-code")
    message = (
        f'{content_copy}/en/{MODULE}.toml: quiz #1: id: "Core idea" is not a valid id '
        "(use lowercase letters, digits and hyphens)"
    )
    assert repr(shown) == f"[content problem] {message}"
    assert 'role="alert"' in shown._repr_html_()
    assert html_escape(message) in shown._repr_html_()
    # Building outside a notebook still raises, for tests and tools.
    with pytest.raises(ContentError):
        lessonkit.build(MODULE, "protocol-vs-code")


def test_a_missing_item_shows_what_exists(course):
    shown = lessonkit.show(MODULE, "no-such-item")
    items = ", ".join(i.id for i in course.module(MODULE).items)
    assert f"its items: {items}" in repr(shown)
    assert "lessonkit-error" in lessonkit.opening("99")._repr_html_()
