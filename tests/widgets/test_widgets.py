"""Every exercise kind, driven without a browser: right, wrong, partial and changed answers,
reset, restore (what the progress store uses) and re-running the cell.

The examples come from the widget gallery's content (content/authoring/en/90-widget-gallery.toml).
"""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from lessonkit import cells as lesson
from lessonkit.cells import example, gallery_module
from lessonkit.widgets import WIDGETS as BUILDERS


@pytest.fixture(scope="module")
def gallery():
    return gallery_module()


def build(item_id):
    shown = example(item_id)
    assert not isinstance(shown, lesson.Page), shown.summary
    return shown


def recorder(exercise):
    calls = []
    exercise.on_answer(lambda ex, answer, correct: calls.append((answer, correct)))
    return calls


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def test_gallery_has_one_example_of_every_kind(gallery):
    _, module = gallery
    assert sorted({item.kind for item in module.items}) == sorted(BUILDERS)


def test_every_kind_is_labelled_and_marked(gallery):
    _, module = gallery
    for item in module.items:
        exercise = build(item.id)
        classes = exercise.widget._dom_classes
        assert (
            "lessonkit-exercise" in classes
            and f"lessonkit-{item.kind.replace('_', '-')}" in classes
        )
        for w in descendants(exercise.widget):
            if isinstance(w, widgets.Button):
                assert w.description.strip(), f"{item.id}: a button without a label"
            elif isinstance(w, widgets.ValueWidget) and not isinstance(w, widgets.HTML):
                assert w.description.strip(), f"{item.id}: {type(w).__name__} without a label"


# ------------------------------------------------------------------ multiple choice


def test_quiz_several_answers_partial_then_right():
    quiz = build("several-answers")
    calls = recorder(quiz)
    quiz.select(0)
    quiz.check()
    assert quiz.state["correct"] is False
    assert quiz.feedback.startswith("Partly right.")
    quiz.select(0, 1)
    quiz.check()
    assert quiz.state["correct"] is True and quiz.feedback.startswith("Correct.")
    assert calls == [([0], False), ([0, 1], True)]


def test_quiz_wrong_answer_among_right_ones_is_not_right():
    quiz = build("several-answers")
    quiz.select(0, 1, 2)
    quiz.check()
    assert quiz.state["correct"] is False
    assert quiz.item.options[2].feedback in quiz.feedback


def test_quiz_shuffle_is_fixed_by_the_item_id(gallery):
    quiz = build("several-answers")
    first = [box.description for box in quiz.boxes.values()]
    again = [box.description for box in build("several-answers").boxes.values()]
    assert first == again
    assert quiz.order == quiz.item.shown_order()
    assert sorted(quiz.order) == list(range(len(quiz.item.options)))


def test_quiz_reveal_after_two_wrong_tries():
    quiz = build("several-answers")
    assert quiz.reveal_button.layout.display == "none"
    quiz.select(2)
    quiz.check()
    assert quiz.reveal_button.layout.display == "none"
    quiz.select(2, 0)
    quiz.check()
    assert quiz.reveal_button.layout.display is None
    quiz.reveal()
    assert quiz.state["revealed"] is True
    assert quiz.feedback.startswith("Explanation:")
    assert quiz.item.explanation in quiz.feedback


def test_quiz_changed_answer_clears_feedback_and_reset():
    quiz = build("several-answers")
    quiz.select(0, 1)
    quiz.check()
    quiz.select(0)
    assert quiz.state["checked"] is None and "changed your answer" in quiz.feedback
    quiz.reset()
    assert quiz.state["selected"] == [] and quiz.feedback == "" and quiz.tries == 0


def test_quiz_restore_shows_feedback_without_recording():
    quiz = build("several-answers")
    calls = recorder(quiz)
    quiz.restore([0, 1])
    assert quiz.state["correct"] is True and quiz.feedback.startswith("Correct.")
    assert calls == []
    with pytest.raises(ValueError):
        quiz.restore([7])


# ------------------------------------------------------------------ myth or fact


def test_myth_or_fact_right_and_wrong():
    card = build("only-foreigners")
    calls = recorder(card)
    card.choose("fact")
    assert card.state == {"item": "only-foreigners", "chosen": "fact", "correct": False}
    assert card.feedback.startswith("Not quite. This statement is a myth.")
    assert "Sources: RCMP, Know the signs" in card.feedback
    card.choose("myth")
    assert card.state["correct"] is True and card.feedback.startswith("Correct.")
    assert calls == [("fact", False), ("myth", True)]
    card.reset()
    assert card.state["chosen"] is None and card.feedback == ""
    card.restore("myth")
    assert card.state["correct"] is True
    with pytest.raises(ValueError):
        card.restore("maybe")


# ------------------------------------------------------------------ scenario sorter


def test_sorter_needs_every_situation_then_scores():
    sorter = build("border-or-not")
    calls = recorder(sorter)
    sorter.sort("city-to-city", "within")
    sorter.check()
    assert sorter.feedback == "Choose a category for every situation first (1 left)."
    assert calls == []
    sorter.sort("job-abroad", "within")
    sorter.check()
    assert sorter.state["score"] == (1, 2)
    assert sorter.feedback.startswith("1 of 2 right. Situation 1: Correct.")
    # The first wrong check gives one more try: the wrong row does not show its category yet.
    retry = sorter.ui.sorter_retry
    assert f"Situation 2: Not quite. {retry}" in sorter.feedback
    assert "Across a border." not in sorter.feedback
    assert "<svg" in sorter.feedback_html.value and "<title" in sorter.feedback_html.value
    sorter.check()  # the next check shows every category
    assert "Situation 2: Not quite. Across a border." in sorter.feedback
    assert retry not in sorter.feedback
    sorter.sort("job-abroad", "across")
    assert sorter.state["results"] is None and "changed your answer" in sorter.feedback
    sorter.check()
    assert sorter.state["score"] == (2, 2)
    assert calls[-1] == ({"city-to-city": "within", "job-abroad": "across"}, True)


def test_sorter_reset_and_restore():
    sorter = build("border-or-not")
    sorter.restore({"city-to-city": "within", "job-abroad": "across"})
    assert sorter.state["score"] == (2, 2)
    sorter.reset()
    assert sorter.state["choices"] == {"city-to-city": None, "job-abroad": None}
    with pytest.raises(ValueError):
        sorter.restore({"city-to-city": "nowhere", "job-abroad": "across"})


# ------------------------------------------------------------------ definition builder


def test_builder_in_the_kit_reports_and_restores():
    builder = build("act-and-purpose")
    calls = recorder(builder)
    builder.choose("act", "harbour")
    builder.choose("purpose", "shelter")
    builder.check()
    assert builder.verdicts == {"criminal-code": False}
    builder.reset()
    assert builder.verdicts is None and builder.choices == {"act": None, "purpose": None}
    builder.restore({"act": "harbour", "purpose": "exploit"})
    assert builder.verdicts == {"criminal-code": True}
    assert calls == [({"act": "harbour", "purpose": "shelter"}, None)]
    with pytest.raises(ValueError):
        builder.restore({"act": "harbour"})


# ------------------------------------------------------------------ matching


def test_matching_per_pair_feedback_and_score():
    matching = build("where-to-call")
    calls = recorder(matching)
    matching.pair("danger", "call-911")
    matching.check()
    assert matching.feedback == "Choose a match for every item first (1 left)."
    matching.pair("unsure", "call-911")
    matching.check()
    assert matching.state["score"] == (1, 2)
    assert "Someone is in immediate danger goes with: Call 911." in matching.feedback
    assert "does not go with: Call 911." in matching.feedback
    hint = matching.item.left[1].hint
    assert hint and f"does not go with: Call 911. {hint}" in matching.feedback  # a wrong pair
    assert matching.item.left[0].hint not in matching.feedback or not matching.item.left[0].hint
    matching.pair("unsure", "hotline")
    matching.check()
    assert matching.state["score"] == (2, 2)
    assert [c[1] for c in calls] == [False, True]
    matching.reset()
    assert matching.pairs == {"danger": None, "unsure": None}


def test_matching_options_do_not_follow_the_written_order():
    matching = build("where-to-call")
    shown = [value for _, value in matching.pickers["danger"].options[1:]]
    assert sorted(shown) == sorted(r.id for r in matching.item.right)


# ------------------------------------------------------------------ journey map


def test_journey_map_picture_text_and_stage():
    journey = build("two-stages")
    picture = journey.picture.value
    assert 'role="img"' in picture and "<title" in picture and "<desc" in picture
    assert (
        "Before arrival" in journey.text_list.value and "At the border" in journey.text_list.value
    )
    journey.choose("before")
    assert journey.state["stage"] == "before"
    assert "CBSA officers posted abroad" in journey.feedback
    assert 'stroke-width="4"' in journey.picture.value  # the chosen stage is ringed
    journey.reset()
    assert journey.state["stage"] is None and journey.feedback == ""
    with pytest.raises(ValueError):
        journey.restore("moon")


# ------------------------------------------------------------------ spectrum


def test_spectrum_describes_each_step():
    spectrum = build("range-of-traffickers")
    assert spectrum.feedback.startswith("Step 1 of 3: An individual.")
    spectrum.move_to("network")
    assert spectrum.state == {"item": "range-of-traffickers", "step": "network", "index": 2}
    assert "At the highest level" in spectrum.feedback
    assert spectrum.scale.description == "Who the trafficker is"
    spectrum.reset()
    assert spectrum.state["index"] == 0


# ------------------------------------------------------------------ branching


def test_branching_choices_back_and_restart():
    story = build("worried-neighbour")
    calls = recorder(story)
    assert story.state["step"] == "notice" and story.back_button.disabled
    story.choose(0)
    assert story.feedback.startswith("Think again.")
    assert story.state["step"] == "notice"
    story.choose(1)
    assert story.state["ended"] is True and story.feedback.startswith("A helpful step.")
    assert story.choices.layout.display == "none"
    # The run went through a "caution" choice, so it does not count as done yet.
    assert calls == [([["notice", 0], ["notice", 1]], False)]
    assert story.ui.branching_other_run in story.step_text.value
    story.back()
    assert story.state["path"] == [["notice", 0]] and not story.state["ended"]
    story.reset()
    assert story.state["path"] == [] and story.back_button.disabled
    story.restore([["notice", 1]])
    assert story.state["ended"] is True
    with pytest.raises(ValueError):
        story.restore([["advised", 0]])


def test_branching_counts_as_done_only_through_good_choices():
    story = build("worried-neighbour")
    calls = recorder(story)
    good = next(i for i, c in enumerate(story.item.step("notice").choices) if c.tone == "good")
    story.choose(good)
    assert story.state["ended"] and story.good_run
    assert calls == [([["notice", good]], True)]
    assert story.ui.branching_good_run in story.step_text.value
    assert story.item.graded


def focus_moves(monkeypatch, *buttons):
    """Record which of these widgets is asked to take the focus (a message to the browser)."""
    moved = []
    for button in buttons:
        monkeypatch.setattr(button, "focus", lambda b=button: moved.append(b.description))
    return moved


def test_branching_never_hides_or_disables_the_focused_button_without_moving_focus(monkeypatch):
    story = build("worried-neighbour")
    moved = focus_moves(monkeypatch, story.take_button, story.back_button, story.restart_button)
    ui = story.ui
    story.choices.value = 0
    story.take_button.click()  # not an ending: the pressed button stays, so does the focus
    assert moved == []
    story.back_button.click()  # back at the first step: this button is now disabled
    assert story.back_button.disabled and moved == [ui.take_choice]
    story.choices.value = 1
    story.take_button.click()  # an ending: this button is now hidden
    assert story.take_button.layout.display == "none" and moved[-1] == ui.start_again


def test_branching_take_without_choice_asks_first():
    story = build("worried-neighbour")
    story.take_button.click()
    assert story.feedback.startswith("Choose an answer first")
    assert story.state["path"] == []


# ------------------------------------------------------------------ reflection


def test_reflection_keeps_nothing_unless_saved():
    note = build("one-thing")
    calls = recorder(note)
    note.write("I would call the hotline.")
    assert calls == [] and note.state["saved"] is False
    note.save()
    assert calls == [("I would call the hotline.", None)]
    assert note.state["saved"] is True and note.feedback.startswith(
        "Saved in your own progress file"
    )
    note.show_points()
    assert "Who you could call for advice" in note.points_html.value
    note.reset()
    assert note.state == {"item": "one-thing", "text": "", "saved": False}


def test_reflection_without_a_store_says_so():
    note = build("one-thing")
    note.write("Something.")
    note.save()
    assert note.state["saved"] is False
    assert note.feedback.startswith("Your reflection could not be saved")


# ------------------------------------------------------------------ glossary


def test_glossary_search():
    glossary = lesson.glossary()
    everything = len(glossary.found)
    assert everything == len(glossary.terms) and everything >= 10
    glossary.type("SMUGGL")
    assert glossary.state["found"][0] == "migrant-smuggling"
    glossary.type("IRCC")  # another name of a term
    assert "ircc" in glossary.state["found"]
    glossary.type("no such word at all")
    assert glossary.state["found"] == []
    assert "No term matches" in glossary.results_html.value


# ------------------------------------------------------------------ re-running a cell


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_rerunning_a_cell_gives_a_fresh_widget_and_closes_the_old(kind, gallery):
    _, module = gallery
    item = next(i for i in module.items if i.kind == kind)
    first = build(item.id)
    second = build(item.id)
    assert first is not second
    assert first.widget.comm is None  # closed
    assert second.widget.comm is not None
    fresh = second.item.steps[0].id if kind == "spectrum" else None  # a slider is never empty
    assert second.answer() == fresh


def test_fingerprint_follows_only_the_words_an_exercise_shows(content_copy):
    from ..helpers import edit

    before = repr(lesson.build("01-what-is-trafficking", "core-idea"))
    interface = content_copy / "en" / "interface.toml"
    edit(interface, 'modules = "The modules"', 'modules = "All the modules"')
    assert repr(lesson.build("01-what-is-trafficking", "core-idea")) == before
    edit(interface, 'check = "Check my answer"', 'check = "Check"')
    assert repr(lesson.build("01-what-is-trafficking", "core-idea")) != before
