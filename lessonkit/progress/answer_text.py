"""A saved answer in words, from the content it answered (for exports a learner can read).

``describe(item, answer, ui)`` gives the chosen options' texts, the categories chosen for each
situation, the pairs matched, and so on; None when the answer no longer fits the content.
"""

from __future__ import annotations


def _quiz(item, answer, _ui):
    return [item.options[i].text for i in answer]


def _myth_or_fact(item, answer, ui):
    return [f"{ {'myth': ui.myth, 'fact': ui.fact}[answer] }: {item.statement}"]


def _scenario_sorter(item, answer, _ui):
    labels = {c.id: c.label for c in item.categories}
    return [f"{s.text} \u2192 {labels[answer[s.id]]}" for s in item.scenarios]


def _definition_builder(item, answer, _ui):
    return [
        f"{part.label}: {next(o.text for o in part.options if o.id == answer[part.id])}"
        for part in item.parts
    ]


def _matching(item, answer, _ui):
    return [f"{m.text} \u2192 {item.partner(answer[m.id]).text}" for m in item.left]


def _journey_map(item, answer, _ui):
    return [next(s.label for s in item.stages if s.id == answer)]


def _spectrum(item, answer, _ui):
    return [next(s.label for s in item.steps if s.id == answer)]


def _branching(item, answer, _ui):
    return [item.step(step_id).choices[index].text for step_id, index in answer]


def _reflection(item, answer, _ui):
    return str(answer).splitlines() or [""]


# Each kind's saved answer in words, by the kind's name in the content files.
IN_WORDS = {
    "quiz": _quiz,
    "myth_or_fact": _myth_or_fact,
    "scenario_sorter": _scenario_sorter,
    "definition_builder": _definition_builder,
    "matching": _matching,
    "journey_map": _journey_map,
    "spectrum": _spectrum,
    "branching": _branching,
    "reflection": _reflection,
}


def describe(item, answer, ui) -> list[str] | None:
    """The answer as lines of words, or None if it does not fit the item's current content."""
    words = IN_WORDS.get(getattr(item, "kind", ""))
    if words is None or answer is None:
        return None
    try:
        return [str(line) for line in words(item, answer, ui)]
    except (KeyError, IndexError, TypeError, ValueError, StopIteration):
        return None
