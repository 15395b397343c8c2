"""The knowledge check: the bank, the check before (no answers given away), the check after
(before and after per concept, in words and as a chart, with what to revisit), the later
re-check (a fresh draw, suggested some weeks on), and the overview's three results with dates."""

from __future__ import annotations

import datetime as _dt
import json
import re
from html import unescape

import pytest

from lessonkit.content import AFTER, BEFORE, FORMS, form_items, load_course
from lessonkit.content.parity import parity_problems
from lessonkit.progress import checks, portable
from lessonkit.progress.knowledge_check import KnowledgeCheck, results_file_data
from lessonkit.progress.overview import ProgressOverview
from lessonkit.progress.store import ProgressStore
from lessonkit.widgets.facilitator import FACILITATOR_VIEW

from .completing import take


def words(markup: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", markup))


# ---------------------------------------------------------------- the bank


def test_the_bank_checks_every_core_concept_in_both_forms(edition):
    core = [c.id for c in edition.concepts if c.core]
    assert len(core) >= 10
    for form in (BEFORE, AFTER):
        asked = [i.concept for i in form_items(edition.checks, form)]
        assert asked == core, f"form {form}: {asked}"
    for item in edition.checks:
        assert item.form in FORMS
        assert edition.concept(item.concept).core
        assert item.sources and all(s in edition.sources for s in item.sources)
        assert sum(o.correct for o in item.options) == 1


def test_the_two_forms_ask_different_questions(edition):
    before = {i.concept: i for i in form_items(edition.checks, BEFORE)}
    for item in form_items(edition.checks, AFTER):
        assert item.question != before[item.concept].question, item.id


def test_the_right_answer_does_not_always_show_in_the_same_place(course):
    shown = [i.shown_order().index(i.right) for i in course.checks]
    assert max(shown.count(p) for p in set(shown)) <= len(shown) * 0.6


def move_right_answer(text: str) -> str:
    """The first item's right answer moved to another of its options."""
    lines = text.splitlines(keepends=True)
    first = lines.index("[[item]]\n")
    end = next((n for n in range(first + 1, len(lines)) if lines[n] == "[[item]]\n"), len(lines))
    marked = next(n for n in range(first, end) if lines[n].strip() == "correct = true")
    del lines[marked]
    texts = [n for n in range(first, end - 1) if lines[n].startswith("text = ")]
    other = next(n for n in texts if n != marked - 1)
    lines.insert(other + 1, "correct = true\n")
    return "".join(lines)


def test_the_editions_have_the_same_bank_and_a_planted_difference_is_named(content_copy):
    assert parity_problems("fr", content_copy) == []
    bank = content_copy / "fr" / "knowledge-check.toml"
    bank.write_text(move_right_answer(bank.read_text(encoding="utf-8")), encoding="utf-8")
    problems = parity_problems("fr", content_copy)
    assert any(
        p.startswith("content/fr/knowledge-check.toml: ") and ".correct: " in p for p in problems
    ), problems


# ---------------------------------------------------------------- before


def test_the_check_before_is_marked_not_scored_and_can_be_skipped(course, store):
    check = KnowledgeCheck(course, "before", store)
    intro = words(check.intro.value)
    assert course.ui.kc_before_not_scored in intro
    assert check.skip_button.layout.display != "none"
    check.skip()
    assert checks.sittings(store)["before"].skipped
    assert checks.results(course, store) == {}  # a skipped check is no result
    assert course.ui.kc_skipped in check.message
    again = KnowledgeCheck(course, "before", store)
    assert not again.taking
    assert "skipped" in words(again.results_html.value).lower() or "passé" in words(
        again.results_html.value
    )


def test_the_check_before_gives_no_right_answer_away(course, store):
    check = KnowledgeCheck(course, "before", store)
    take(check, right_concepts={check.items[0].concept})
    shown = words(check.intro.value + check.results_html.value + check.status_html.value)
    for item in check.items:
        assert item.explanation not in shown
        assert course.ui.kc_right_answer.format(answer=item.options[item.right].text) not in shown
    assert course.ui.correct not in shown and course.ui.not_quite not in shown
    assert not check.key_panel.shown  # the answer key is only in the facilitator view
    assert check.save_row.layout.display == "none"


def test_a_check_with_nothing_answered_asks_for_an_answer_and_keeps_nothing(course, store):
    check = KnowledgeCheck(course, "before", store)
    check.finish()
    assert check.message == course.ui.kc_answer_first
    assert checks.sittings(store) == {}


# ---------------------------------------------------------------- after


def test_after_the_end_check_before_and_after_show_per_concept_with_what_to_revisit(course, store):
    core = [c.id for c in course.concepts if c.core]
    take(KnowledgeCheck(course, "before", store), right_concepts=core[:3])
    after = KnowledgeCheck(course, "after", store)
    take(after, right_concepts=core[:8])
    found = checks.results(course, store)
    assert (found["before"].right, found["after"].right) == (3, 8)
    assert found["before"].total == found["after"].total == len(core)
    view = after.results_html.value
    text = words(view)
    # in words ...
    assert (
        course.ui.kc_result_value.format(right=3, total=len(core), date=found["before"].sitting.day)
        in text
    )
    assert (
        course.ui.kc_result_value.format(right=8, total=len(core), date=found["after"].sitting.day)
        in text
    )
    # ... and as a chart that says the same in its description
    svg = re.search(r"<svg.*?</svg>", view, re.S).group(0)
    assert 'role="img"' in svg and "<desc>" in svg
    assert "3" in words(svg) and "8" in words(svg)
    # per concept, a chart of marks (ticked, crossed) that says the same in words
    grid = re.search(r'<svg[^>]*lessonkit-check-concepts.*?</svg>', view, re.S).group(0)
    desc = unescape(re.search(r"<desc>(.*?)</desc>", grid, re.S).group(1))
    ui = course.ui
    assert f"{ui.kc_before}: {ui.kc_right}; {ui.kc_after}: {ui.kc_right}." in desc  # concept 1
    assert f"{ui.kc_before}: {ui.kc_not_right}; {ui.kc_after}: {ui.kc_not_right}." in desc  # last
    assert grid.count("<rect") == 2 * len(core)
    # per concept: right or not right in words, and the modules to revisit for each one missed
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", view, re.S)
    assert len(rows) == len(core)
    for concept, (_summary, cells) in zip(core, rows, strict=True):
        modules = course.teaching_modules(concept)
        pointer = course.ui.kc_revisit_modules.format(
            modules=", ".join(f"{m.number:02d} {m.title}" for m in modules)
        )
        if concept in core[:8]:
            assert pointer not in unescape(cells)
        else:
            assert pointer in unescape(cells)
            assert course.ui.kc_not_right in words(cells)
    # then each question, its right answer and why
    for item in after.items:
        assert item.explanation in text
    assert after.save_row.layout.display != "none"


def test_every_concept_points_to_a_teaching_module(edition):
    last = max(m.number for m in edition.modules)
    for concept in {i.concept for i in edition.checks}:
        modules = edition.teaching_modules(concept)
        assert modules, concept
        assert all(0 < m.number < last for m in modules), concept


def test_results_come_back_when_the_cell_is_run_again_and_in_the_other_edition(course, store):
    take(KnowledgeCheck(course, "after", store), right_concepts=set())
    again = KnowledgeCheck(course, "after", store)
    assert not again.taking
    assert course.ui.kc_no_before in words(again.results_html.value)
    french = load_course("fr")
    shown = KnowledgeCheck(french, "after", store)
    assert french.ui.kc_results_heading in words(shown.results_html.value)


def test_the_end_check_can_be_taken_again_and_the_newest_counts(course, store):
    core = [c.id for c in course.concepts if c.core]
    first = KnowledgeCheck(course, "after", store)
    take(first, right_concepts=core[:2])
    first.retake_button.click()
    assert first.taking and all(v is None for v in first.chosen.values())
    take(first, right_concepts=core)
    assert checks.results(course, store)["after"].right == len(core)


def test_when_nothing_can_be_kept_the_learner_still_sees_their_result(course, tmp_path):
    from lessonkit.progress import NullStore, Problem

    nothing = NullStore(tmp_path / "none.sqlite3", Problem("unavailable", reason="read-only"))
    check = KnowledgeCheck(course, "after", nothing)
    take(check, right_concepts=set())
    assert course.ui.kc_not_kept in check.message
    assert course.ui.kc_results_heading in words(check.results_html.value)


# ---------------------------------------------------------------- again, later


def test_a_recheck_draws_fresh_questions_from_the_bank(course, store):
    take(KnowledgeCheck(course, "after", store), right_concepts=set())
    after_ids = {i.id for i in form_items(course.checks, AFTER)}
    drawn = checks.items_for(course, "again", store, today="2027-01-15")
    assert [i.concept for i in drawn] == [i.concept for i in form_items(course.checks, AFTER)]
    assert not after_ids & {i.id for i in drawn}  # none of the questions just met
    draws = {
        tuple(i.id for i in checks.items_for(course, "again", store, today=f"2027-01-{d:02d}"))
        for d in range(1, 20)
    }
    assert len(draws) > 1  # a draw, not a fixed third form
    assert drawn == checks.items_for(course, "again", store, today="2027-01-15")  # same all day


def test_a_recheck_is_suggested_some_weeks_after_the_end_check(course, store):
    assert checks.recheck_from(course, store) is None
    take(KnowledgeCheck(course, "after", store), right_concepts=set())
    day = checks.sittings(store)["after"].day
    expected = (
        _dt.date.fromisoformat(day) + _dt.timedelta(days=checks.RECHECK_AFTER_DAYS)
    ).isoformat()
    assert checks.recheck_from(course, store) == expected
    soon = KnowledgeCheck(course, "again", store, today=day)
    assert course.ui.kc_again_later.format(date=expected) in words(soon.intro.value)
    assert soon.taking  # it can be taken any time
    later = KnowledgeCheck(course, "again", store, today=expected)
    assert course.ui.kc_again_due.format(date=expected) in words(later.intro.value)


def test_the_overview_shows_the_three_results_side_by_side_with_their_dates(course, store):
    core = [c.id for c in course.concepts if c.core]
    overview = ProgressOverview(course, store)
    assert course.ui.progress_checks_none in words(overview.summary_html.value)
    take(KnowledgeCheck(course, "before", store), right_concepts=core[:1])
    take(KnowledgeCheck(course, "after", store), right_concepts=core[:5])
    take(KnowledgeCheck(course, "again", store), right_concepts=core[:4])
    overview.refresh()
    table = re.search(
        r'<table class="lessonkit-check-overview">.*?</table>', overview.summary_html.value, re.S
    ).group(0)
    text = words(table)
    for name, right in (("before", 1), ("after", 5), ("again", 4)):
        sitting = checks.sittings(store)[name]
        label = {
            "before": course.ui.kc_before,
            "after": course.ui.kc_after,
            "again": course.ui.kc_again,
        }[name]
        assert label in text
        assert (
            course.ui.kc_result_value.format(right=right, total=len(core), date=sitting.day) in text
        )
    assert not overview.orphans  # the check's rows are not answers of a vanished exercise


def test_the_results_travel_with_the_progress_file(course, store, tmp_path):
    take(KnowledgeCheck(course, "after", store), right_concepts=set())
    other = ProgressStore.open(tmp_path / "other.sqlite3")
    portable.bring_in(other, portable.dump(store), [m.id for m in course.modules] + [checks.MODULE])
    assert (
        checks.results(course, other)["after"].total == checks.results(course, store)["after"].total
    )


# ---------------------------------------------------------------- the facilitator's key


def test_the_facilitator_view_shows_the_answer_key_of_both_checks(course, store):
    for name, form in (("before", BEFORE), ("after", AFTER)):
        check = KnowledgeCheck(course, name, store)
        assert not check.key_panel.shown
        key = words(check.key_panel.value)
        for item in form_items(course.checks, form):
            assert item.options[item.right].text in key
            assert item.explanation in key
        FACILITATOR_VIEW.on = True
        try:
            assert check.key_panel.shown
        finally:
            FACILITATOR_VIEW.on = False


def test_the_paper_answer_key_holds_both_checks(course):
    from lessonkit.tools.handouts import answer_key

    page = words(answer_key(course))
    for item in [*form_items(course.checks, BEFORE), *form_items(course.checks, AFTER)]:
        assert item.question in page and item.options[item.right].text in page


# ---------------------------------------------------------------- the results file


def test_the_results_file_holds_no_name_no_path_and_no_time(course, store, tmp_path):
    take(KnowledgeCheck(course, "before", store), right_concepts=set())
    check = KnowledgeCheck(course, "after", store)
    take(check, right_concepts=set())
    check.save_path.value = str(tmp_path / "mine.json")
    check.save_button.click()
    data = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
    assert data == results_file_data(course, store)
    text = json.dumps(data)
    assert str(tmp_path) not in text and str(store.path) not in text
    assert not re.search(r"\d{4}-\d\d-\d\d", text)  # no dates or times
    assert set(data["sittings"]) == {"before", "after"}
    assert all(isinstance(v, bool) for v in data["sittings"]["after"]["concepts"].values())
    check.save_button.click()  # never over an existing file
    assert (
        course.ui.progress_export_exists.format(path=str(tmp_path / "mine.json")) == check.message
    )


@pytest.mark.parametrize("name", ["before", "after", "again"])
def test_the_plain_text_form_never_holds_answers(course, store, name):
    fresh = repr(KnowledgeCheck(course, name, store))
    take(KnowledgeCheck(course, name, store), right_concepts=set())
    assert repr(KnowledgeCheck(course, name, store)) == fresh


def test_the_check_before_can_be_redone_until_the_end_check_is_taken(course, store):
    check = KnowledgeCheck(course, "before", store)
    check.skip()
    assert check.retake_button.layout.display != "none"  # pressed Skip by mistake: undo it
    check.retake_button.click()
    assert check.taking
    take(check, right_concepts=set())
    assert not checks.sittings(store)["before"].skipped
    take(KnowledgeCheck(course, "after", store), right_concepts=set())
    later = KnowledgeCheck(course, "before", store)
    assert not later.taking and later.retake_button.layout.display == "none"
