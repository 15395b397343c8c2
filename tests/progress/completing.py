"""Right answers from the content itself, to fill a progress store as a learner who completed
modules would (used by the certificate and grading tests)."""

from __future__ import annotations

from lessonkit.progress.session import graded_items
from lessonkit.render.answer_key import good_path


def right_answer(item):
    if item.kind == "quiz":
        return sorted(item.right)
    if item.kind == "myth_or_fact":
        return item.answer
    if item.kind == "scenario_sorter":
        return {s.id: s.answer for s in item.scenarios}
    if item.kind == "matching":
        return {left.id: left.match for left in item.left}
    if item.kind == "branching":
        return [[step.id, step.choices.index(c)] for step, c in good_path(item) if c is not None]
    raise AssertionError(f"no right answer for {item.kind}")


def wrong_answer(item):
    if item.kind == "quiz":
        return [next(i for i in range(len(item.options)) if i not in item.right)]
    if item.kind == "myth_or_fact":
        return "fact" if item.answer == "myth" else "myth"
    if item.kind == "scenario_sorter":
        answer = right_answer(item)
        first = item.scenarios[0]
        answer[first.id] = next(c.id for c in item.categories if c.id != first.answer)
        return answer
    if item.kind == "matching":
        answer = right_answer(item)
        a, b = item.left[0].id, item.left[1].id
        answer[a], answer[b] = answer[b], answer[a]
        return answer
    if item.kind == "branching":
        start = item.step(item.start)
        index = next(i for i, c in enumerate(start.choices) if c.tone != "good")
        return [[start.id, index]]
    raise AssertionError(f"no wrong answer for {item.kind}")


def complete(store, course, modules=None, answer=right_answer, flag=True) -> None:
    """Record an answer to every scored item of the modules (all by default), as the widgets
    would, and open each module."""
    for module in modules if modules is not None else course.modules:
        store.mark_opened(module.id, graded_items(module))
        for item in module.items:
            if item.graded:
                store.record(
                    module.id, item.id, item.kind, answer(item), flag, True,
                    required=graded_items(module),
                )  # fmt: skip


def take(check, right_concepts, finish: bool = True) -> None:
    """Answer each question: right for the concepts given, a wrong option for the others."""
    for item in check.items:
        wrong = next(i for i in range(len(item.options)) if i != item.right)
        check.answer(item.id, item.right if item.concept in right_concepts else wrong)
    if finish:
        check.finish()
