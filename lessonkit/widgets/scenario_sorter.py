"""Scenario sorter: assign each short situation to one of a few categories.

Each situation has its own labelled list of categories (no drag and drop), so it works by
keyboard and with a screen reader. The check gives feedback per situation and a score,
in words and as a bar.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..content import Course, ScenarioSorter
from ..render import html
from . import shared
from .row_choice import RowChoiceExercise


class ScenarioSorterExercise(RowChoiceExercise):

    def __init__(self, item: ScenarioSorter, course: Course) -> None:
        super().__init__(item, course)
        ui = self.ui
        self._all_first = ui.sort_all_first
        names = [ui.situation.format(number=n) for n in range(1, len(item.scenarios) + 1)]
        self._build_pickers(
            [(s.id, name) for s, name in zip(item.scenarios, names, strict=True)],
            [(c.label, c.id) for c in item.categories],
            ui.choose_category,
            "8em",
        )
        rows = [
            widgets.VBox(
                [
                    shared.text(f"<p><strong>{html.text(name)}.</strong> {html.text(s.text)}</p>"),
                    self.pickers[s.id],
                ],
                layout=shared.layout(margin="0 0 0.6em 0"),
            )
            for s, name in zip(item.scenarios, names, strict=True)
        ]
        self.check_button = self._button(ui.sorter_check)
        self.check_button.on_click(lambda _b: self._judge(notify=True))
        prompt = shared.text(html.paragraph(item.prompt))
        self._finish([prompt, *rows, self.check_button, self.feedback_html])

    @property
    def key(self) -> dict[str, str]:
        return {s.id: s.answer for s in self.item.scenarios}

    @property
    def state(self) -> dict:
        return {
            "item": self.item.id,
            "choices": self.choices,
            "results": self.results,
            "score": self.score,
        }

    def sort(self, scenario_id: str, category_id: str | None) -> None:
        self.assign(scenario_id, category_id)

    def _feedback_rows(self, chosen):
        # The first check with a wrong row gives one more try: wrong rows say so, without the
        # right category; from the next check on, every row shows its category and why.
        ui, rows = self.ui, []
        first_try = self.wrong_checks == 1 and not all(self.results.values())
        for number, s in enumerate(self.item.scenarios, 1):
            ok = self.results[s.id]
            lead = f"{ui.situation.format(number=number)}: {ui.correct if ok else ui.not_quite}"
            if ok or not first_try:
                rows.append((ok, lead, [f"{self.item.category(s.answer).label}.", s.feedback]))
            else:
                rows.append((ok, lead, [ui.sorter_retry]))
        return rows
