"""Saved answers read back in words, from the content they answered."""

from __future__ import annotations

from lessonkit.cells import gallery_module
from lessonkit.progress.answer_text import describe

UI = gallery_module()[0].ui


def items():
    _, module = gallery_module()
    return {item.kind: item for item in module.items}


def test_each_kind_in_words():
    by_kind = items()
    assert describe(by_kind["quiz"], [0, 1], UI) == [
        by_kind["quiz"].options[0].text,
        by_kind["quiz"].options[1].text,
    ]
    assert describe(by_kind["myth_or_fact"], "myth", UI) == [
        f"Myth: {by_kind['myth_or_fact'].statement}"
    ]
    sorted_ = describe(
        by_kind["scenario_sorter"], {"city-to-city": "within", "job-abroad": "across"}, UI
    )
    assert sorted_[0].endswith("\u2192 Within Canada") and sorted_[1].endswith(
        "\u2192 Across a border"
    )
    assert describe(
        by_kind["definition_builder"], {"act": "harbour", "purpose": "exploit"}, UI
    ) == [
        "What they do: Houses the person",
        "Why: To exploit the person's work",
    ]
    assert describe(by_kind["matching"], {"danger": "call-911", "unsure": "hotline"}, UI)[0] == (
        "Someone is in immediate danger \u2192 Call 911"
    )
    assert describe(by_kind["journey_map"], "border", UI) == ["At the border"]
    assert describe(by_kind["spectrum"], "gang", UI) == ["A criminal gang"]
    assert describe(by_kind["branching"], [["notice", 1]], UI) == [
        "Call the Canadian Human Trafficking Hotline to talk it through"
    ]
    assert describe(by_kind["reflection"], "one\ntwo", UI) == ["one", "two"]


def test_an_answer_that_no_longer_fits_gives_none():
    by_kind = items()
    assert describe(by_kind["quiz"], [9], UI) is None
    assert describe(by_kind["matching"], {"danger": "gone"}, UI) is None
    assert describe(by_kind["branching"], [["nowhere", 0]], UI) is None
    assert describe(by_kind["spectrum"], "nowhere", UI) is None
    assert describe(by_kind["quiz"], None, UI) is None
