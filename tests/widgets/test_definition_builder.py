"""The definition builder, driven without a browser: choose, click, read the verdicts."""

from __future__ import annotations

import pytest

import lessonkit

MODULE = "01-what-is-trafficking"
ITEM = "build-a-definition"


def built(act, means, purpose):
    builder = lessonkit.build(MODULE, ITEM)
    builder.choose("act", act)
    builder.choose("means", means)
    builder.choose("purpose", purpose)
    builder.check()
    return builder


@pytest.mark.parametrize(
    "act, means, purpose, protocol, code",
    [
        ("recruit", "threats", "forced-labour", True, True),
        ("harbour", "vulnerability", "sexual-exploitation", True, True),
        ("recruit", "no-means", "forced-labour", False, True),  # the Code has no means element
        ("transport", "deception", "fair-job", False, False),  # no exploitation, no trafficking
        ("advice", "threats", "sexual-exploitation", False, False),  # no act
    ],
)
def test_verdicts_under_protocol_and_criminal_code(act, means, purpose, protocol, code):
    builder = built(act, means, purpose)
    assert builder.state["verdicts"] == {"protocol": protocol, "criminal-code": code}
    assert builder.state["choices"] == {"act": act, "means": means, "purpose": purpose}


def test_feedback_gives_the_reason_for_each_verdict(course):
    builder = built("recruit", "no-means", "forced-labour")
    protocol, code = builder.item.tests
    ui = course.ui
    assert ui.builder_verdict.format(test=protocol.name, verdict=ui.builder_no) in builder.feedback
    assert protocol.why_missing("means") in builder.feedback
    assert ui.builder_verdict.format(test=code.name, verdict=ui.builder_yes) in builder.feedback
    assert code.yes in builder.feedback
    assert builder.item.caution in builder.feedback
    assert "Sources: UN Trafficking in Persons Protocol; Criminal Code" in builder.feedback
    # The verdict is written in words in what the learner sees, not only coloured.
    assert "No, this does not describe trafficking" in builder.feedback_html.value


def test_every_missing_element_is_explained():
    builder = built("advice", "no-means", "fair-job")
    for test in builder.item.tests:
        for element in test.requires:
            assert test.why_missing(element) in builder.feedback


def test_partial_choice_asks_for_all_parts(course):
    builder = lessonkit.build(MODULE, ITEM)
    builder.choose("act", "recruit")
    builder.check()
    assert builder.feedback == course.ui.builder_choose_all
    assert builder.state["verdicts"] is None
    assert builder.state["choices"] == {"act": "recruit", "means": None, "purpose": None}


def test_changing_a_choice_clears_the_verdict_until_checked_again(course):
    builder = built("recruit", "threats", "forced-labour")
    builder.choose("purpose", "fair-job")
    assert builder.state["verdicts"] is None
    assert builder.feedback == course.ui.builder_changed
    builder.check()
    assert builder.state["verdicts"] == {"protocol": False, "criminal-code": False}


def test_every_picker_is_labelled_and_starts_empty(course):
    builder = lessonkit.build(MODULE, ITEM)
    for part in builder.item.parts:
        picker = builder.pickers[part.id]
        assert picker.description == part.label
        assert picker.options[0][0] == course.ui.builder_choose
        assert builder.choices[part.id] is None
    assert builder.check_button.description == course.ui.builder_check


def test_rerun_builds_a_fresh_widget_with_one_handler_each():
    first = lessonkit.show(MODULE, ITEM)
    first.choose("act", "recruit")
    second = lessonkit.show(MODULE, ITEM)
    assert first.widget.comm is None
    assert second.choices == {"act": None, "means": None, "purpose": None}
    assert len(second.check_button._click_handlers.callbacks) == 1
    notifiers = second.pickers["act"]._trait_notifiers["value"]["change"]
    ours = [n for n in notifiers if getattr(n, "__self__", None) is second]
    assert len(ours) == 1
