"""The knowledge check's results: each sitting kept in the store, compared per concept.

A *sitting* is one go at a check: ``before`` (form a, at the start, not scored), ``after``
(form b, at the end) or ``again`` (a later re-check drawn from the whole bank). Each finished
sitting is one answer row of the store, in the pseudo-module :data:`MODULE`:

    item = "before" | "after" | "again", kind = "knowledge_check", graded = false,
    answer = {"items": {"<bank item id>": <option index>, ...}, "skipped": false}

so it is carried to another computer like every answer, and the newest sitting of each name is
the one shown. Right or wrong is judged from the bank when shown, never stored. Standard
library and content only.
"""

from __future__ import annotations

import datetime as _dt
import random

from ..content import AFTER, BEFORE, CheckItem, Course, core_concepts, form_items
from ..content.frozen import record

MODULE = "knowledge-check"
KIND = "knowledge_check"
SITTINGS = ("before", "after", "again")
FORM_OF = {"before": BEFORE, "after": AFTER}
#: A re-check is suggested this many days after the end check (or the last module completed).
RECHECK_AFTER_DAYS = 28


@record
class Sitting:
    name: str  # before, after or again
    at: str  # when it was finished (ISO 8601, UTC)
    skipped: bool
    answers: dict  # bank item id -> chosen option index

    @property
    def day(self) -> str:
        return self.at[:10]


@record
class Result:
    """One sitting judged against the bank: per concept, right or not (None: not asked)."""

    sitting: Sitting
    by_concept: dict  # concept id -> True / False
    items: tuple[CheckItem, ...]  # the items it asked, in order

    @property
    def right(self) -> int:
        return sum(1 for ok in self.by_concept.values() if ok)

    @property
    def total(self) -> int:
        return len(self.by_concept)


def sitting_answer(items: tuple[CheckItem, ...], chosen: dict, skipped: bool = False) -> dict:
    """What the store keeps for a finished sitting (only the answers the learner gave)."""
    kept = {i.id: chosen[i.id] for i in items if chosen.get(i.id) is not None}
    return {"items": kept, "asked": [i.id for i in items], "skipped": bool(skipped)}


def _sitting(answer) -> Sitting | None:
    value = answer.answer
    if not isinstance(value, dict) or not isinstance(value.get("items", {}), dict):
        return None
    items = {
        k: v
        for k, v in value.get("items", {}).items()
        if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
    }
    asked = value.get("asked", list(items))
    if not isinstance(asked, list):
        return None
    answers = {k: items.get(k) for k in asked if isinstance(k, str)}
    return Sitting(answer.item, answer.at, bool(value.get("skipped")), answers)


def sittings(store) -> dict[str, Sitting]:
    """The newest sitting of each name the learner has finished."""
    found: dict[str, Sitting] = {}
    for name, answer in store.module_state(MODULE).items():
        if name in SITTINGS and answer.kind == KIND:
            sitting = _sitting(answer)
            if sitting is not None:
                found[name] = sitting
    return found


def judge_sitting(course: Course, sitting: Sitting) -> Result:
    """Right or not per concept, from the bank of this edition (unknown items are left out)."""
    bank = {i.id: i for i in course.checks}
    asked = tuple(bank[i] for i in sitting.answers if i in bank)
    by_concept = {}
    for item in asked:
        chosen = sitting.answers.get(item.id)
        ok = chosen == item.right
        by_concept[item.concept] = by_concept.get(item.concept, True) and ok
    return Result(sitting, by_concept, asked)


def results(course: Course, store) -> dict[str, Result]:
    """Each finished, not skipped sitting, judged."""
    return {
        name: judge_sitting(course, sitting)
        for name, sitting in sittings(store).items()
        if not sitting.skipped
    }


def items_for(course: Course, name: str, store=None, today: str | None = None):
    """The questions of a sitting: form a before, form b after; a re-check draws, per concept,
    one item the learner did not meet in their last sitting, at random (the same draw all day)."""
    if name in FORM_OF:
        return form_items(course.checks, FORM_OF[name])
    last = set()
    if store is not None:
        done = sittings(store)
        latest = max(done.values(), key=lambda s: s.at, default=None)
        if latest is not None:
            last = set(latest.answers)
    draw = random.Random(today or _dt.date.today().isoformat())
    chosen = []
    for concept in core_concepts(course.checks):
        pool = [i for i in course.checks if i.concept == concept]
        fresh = [i for i in pool if i.id not in last] or pool
        chosen.append(draw.choice(fresh))
    return tuple(chosen)


def recheck_from(course: Course, store) -> str | None:
    """The day from which a re-check is suggested: some weeks after the end check, or after the
    last module completed; None before either."""
    done = sittings(store)
    ends = [done["after"].at] if "after" in done else []
    if not ends:
        records = store.modules()
        completed = [
            r.completed for m in course.modules if (r := records.get(m.id)) and r.completed
        ]
        if len(completed) < len(course.modules):
            return None
        ends = [max(completed)]
    start = _dt.date.fromisoformat(ends[0][:10])
    return (start + _dt.timedelta(days=RECHECK_AFTER_DAYS)).isoformat()


def missed_concepts(result: Result) -> list[str]:
    return [c for c, ok in result.by_concept.items() if not ok]
