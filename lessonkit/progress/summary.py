"""Where the learner stands in each module: opened, completed and score, from the store."""

from __future__ import annotations

from ..content import Course, Module
from ..content.frozen import record
from .checks import MODULE as CHECK_MODULE
from .checks import SITTINGS
from .session import graded_items
from .store import Answer


@record
class ModuleSummary:
    module: Module
    opened: bool
    completed: bool
    right: int  # graded items whose latest answer is correct
    total: int  # graded items

    @property
    def number(self) -> str:
        return f"{self.module.number:02d}"


def summarize(course: Course, store) -> tuple[list[ModuleSummary], list[Answer]]:
    """Per module: opened, completed, score; and the answers kept for items that are gone."""
    records = store.modules()
    rows = []
    known: set[tuple[str, str]] = {(CHECK_MODULE, name) for name in SITTINGS}
    for module in course.modules:
        graded = graded_items(module)
        latest = store.module_state(module.id)
        ever_right = store.ever_right(module.id)
        known.update((module.id, item.id) for item in module.items)
        opened = module.id in records or bool(latest)
        completed = (set(graded) <= ever_right) if graded else opened
        rows.append(
            ModuleSummary(
                module=module,
                opened=opened,
                completed=opened and completed,
                right=sum(1 for i in graded if i in latest and latest[i].correct),
                total=len(graded),
            )
        )
    orphans = [
        a
        for a in store.answers()
        if (a.module, a.item) not in known or (a.module, a.item) in store.unfit
    ]
    return rows, orphans


def score_words(ui, row: ModuleSummary) -> str:
    if not row.total:
        return ui.progress_no_checks
    return ui.progress_score_value.format(right=row.right, total=row.total)


def status_words(ui, row: ModuleSummary) -> str:
    return ui.progress_yes if row.completed else ui.progress_not_yet


