"""Whether a saved answer is right, judged again from the content (not from the store's flag).

The certificate uses it: a module counts as completed only when, for each of its scored items,
some kept answer is right by the content's own answer key. A store edited by hand to say
"right" (or "completed") proves nothing. One rule per scored kind; the widget tests hold each
rule to what the widget itself says.
"""

from __future__ import annotations

from .records import Branching, Item, Matching, MultipleChoice, MythOrFact, ScenarioSorter


def _quiz(item: MultipleChoice, answer) -> bool:
    return (
        isinstance(answer, list)
        and all(isinstance(i, int) and not isinstance(i, bool) for i in answer)
        and set(answer) == set(item.right)
        and (item.multiple or len(answer) == 1)
    )


def _myth_or_fact(item: MythOrFact, answer) -> bool:
    return answer == item.answer


def _scenario_sorter(item: ScenarioSorter, answer) -> bool:
    return answer == {s.id: s.answer for s in item.scenarios}


def _matching(item: Matching, answer) -> bool:
    return answer == {left.id: left.match for left in item.left}


def _branching(item: Branching, answer) -> bool:
    """A path from the start, each choice good, that ends at an ending."""
    if not isinstance(answer, list) or not answer:
        return False
    steps = {s.id: s for s in item.steps}
    here = item.start
    for entry in answer:
        if not (isinstance(entry, list) and len(entry) == 2 and entry[0] == here):
            return False
        index = entry[1]
        choices = steps[here].choices
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(choices):
            return False
        if choices[index].tone != "good":
            return False
        here = choices[index].next
    return steps[here].ending


RULES = {
    "quiz": _quiz,
    "myth_or_fact": _myth_or_fact,
    "scenario_sorter": _scenario_sorter,
    "matching": _matching,
    "branching": _branching,
}


def judge(item: Item, answer) -> bool | None:
    """True or False for a scored item's answer; None for an item with no right answer."""
    if not item.graded:
        return None
    return RULES[item.kind](item, answer)
