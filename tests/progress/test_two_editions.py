"""One exercise, two languages: answers given in English are found in French, and back.

The progress store keeps ids and option indexes, never words, and an exercise is the same
exercise in both editions (content.parity checks their shapes). So a learner who starts in one
language and goes on in the other finds their answers, their scores and their completed modules.
"""

from __future__ import annotations

import lessonkit
from lessonkit import progress
from lessonkit.content import load_course
from lessonkit.progress.summary import summarize

MODULE = "01-what-is-trafficking"


def right_option(item) -> int:
    return next(i for i, option in enumerate(item.options) if option.correct)


def test_a_quiz_answered_in_english_shows_its_answer_in_french(private_store):
    english = lessonkit.show(MODULE, "core-idea")
    english.select(right_option(english.item))
    english.check()
    assert english.correct

    french = lessonkit.show(MODULE, "core-idea", lang="fr")
    assert french.item.question != english.item.question  # the French words...
    assert french.checked == english.checked  # ...and the learner's own answer
    assert french.correct
    assert french.feedback.startswith(load_course("fr").ui.correct)


def test_an_answer_changed_in_french_is_the_latest_in_english(private_store):
    french = lessonkit.show(MODULE, "core-idea", lang="fr")
    wrong = next(i for i, o in enumerate(french.item.options) if not o.correct)
    french.select(wrong)
    french.check()
    english = lessonkit.show(MODULE, "core-idea")
    assert tuple(english.checked) == (wrong,) and english.correct is False


def an_answer(item):
    """An answer of the stored form for ``item`` (ids and indexes), taken from its record."""
    kind = item.kind
    if kind == "quiz":
        return [i for i, option in enumerate(item.options) if option.correct]
    if kind == "myth_or_fact":
        return item.answer
    if kind == "scenario_sorter":
        return {s.id: s.answer for s in item.scenarios}
    if kind == "matching":
        return {left.id: left.match for left in item.left}
    if kind == "definition_builder":
        return {part.id: part.options[-1].id for part in item.parts}
    if kind == "journey_map":
        return item.stages[-1].id
    if kind == "spectrum":
        return item.steps[-1].id
    if kind == "branching":
        return [[item.start, 0]]  # the first choice of the first step
    if kind == "reflection":
        return "Mes propres mots, <b>gardés</b> tels quels."
    raise AssertionError(f"no answer written for the kind {kind}")


def test_every_exercise_answered_in_one_edition_is_restored_in_the_other(private_store):
    """Each item of each module, answered in English, is restored in French, and back."""
    store = progress.default_store()
    english = load_course("en")
    restored = 0
    for module in english.modules:
        for item in module.items:
            answer = an_answer(item)
            store.record(module.id, item.id, item.kind, answer, None, False)
            for lang in ("en", "fr"):
                built = lessonkit.build(module.id, item.id, lang=lang)
                status = progress.attach(built, module.id, store)
                assert status == "restored", (lang, module.id, item.id)
                assert built.answer() == answer, (lang, module.id, item.id)
                restored += 1
    assert restored == 2 * sum(len(m.items) for m in english.modules)


def test_a_module_completed_in_english_is_completed_in_the_french_overview(private_store):
    english = load_course("en")
    module = english.module(MODULE)
    store = progress.default_store()
    required = progress.graded_items(module)
    store.mark_opened(module.id, list(required))
    for item in module.items:
        if item.id in required:
            store.record(module.id, item.id, item.kind, "kept", True, True, list(required))
    rows, orphans = summarize(load_course("fr"), store)
    (row,) = [r for r in rows if r.module.id == MODULE]
    assert row.completed and row.right == row.total == len(required)
    assert row.module.title == load_course("fr").module(MODULE).title != module.title
    assert orphans == []
