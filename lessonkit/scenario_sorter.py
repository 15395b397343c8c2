"""Scenario sorter: assign each short situation to one of a few categories.

Each situation has its own labelled list of categories (no drag and drop), so it works by
keyboard and with a screen reader. The check gives feedback per situation and a score,
in words and as a bar.
"""

from __future__ import annotations

import ipywidgets as widgets

from . import html
from .content import Course, ScenarioSorter
from .exercise import Exercise

_NONE = ""


class ScenarioSorterExercise(Exercise):
    label = "scenario_sorter"

    def __init__(self, item: ScenarioSorter, course: Course) -> None:
        super().__init__(item, course)
        ui = self.ui
        self.prompt = widgets.HTML(html.paragraph(item.prompt))
        options = [(ui.choose_category, _NONE)] + [(c.label, c.id) for c in item.categories]
        self.pickers: dict[str, widgets.Dropdown] = {}
        rows = []
        for number, scenario in enumerate(item.scenarios, 1):
            name = ui.situation.format(number=number)
            text = widgets.HTML(
                f"<p><strong>{html.text(name)}.</strong> {html.text(scenario.text)}</p>"
            )
            picker = widgets.Dropdown(
                options=options,
                value=_NONE,
                description=name,
                style={"description_width": "8em"},
                layout=widgets.Layout(width="auto"),
            )
            picker.observe(self._on_change, names="value")
            self.pickers[scenario.id] = picker
            rows.append(widgets.VBox([text, picker], layout=widgets.Layout(margin="0 0 0.6em 0")))
        self.check_button = self._button(ui.sorter_check)
        self.check_button.on_click(lambda _b: self._judge(notify=True))
        self.results: dict[str, bool] | None = None
        self._finish([self.prompt, *rows, self.check_button, self.feedback_html])

    @property
    def choices(self) -> dict[str, str | None]:
        return {sid: (p.value or None) for sid, p in self.pickers.items()}

    @property
    def score(self) -> tuple[int, int] | None:
        if self.results is None:
            return None
        return sum(self.results.values()), len(self.results)

    @property
    def state(self) -> dict:
        return {
            "item": self.item.id,
            "choices": self.choices,
            "results": self.results,
            "score": self.score,
        }

    def answer(self):
        return None if self.results is None else dict(self.choices)

    def sort(self, scenario_id: str, category_id: str | None) -> None:
        self.pickers[scenario_id].value = category_id or _NONE

    def check(self) -> None:
        self.check_button.click()

    def restore(self, answer) -> None:
        categories = {c.id for c in self.item.categories}
        if (
            not isinstance(answer, dict)
            or set(answer) != set(self.pickers)
            or not set(answer.values()) <= categories
        ):
            raise self.unfit(answer)
        for scenario_id, category_id in answer.items():
            self.sort(scenario_id, category_id)
        self._judge(notify=False)

    def reset(self) -> None:
        for scenario_id in self.pickers:
            self.sort(scenario_id, None)
        self.results = None
        super().reset()

    def _judge(self, notify: bool) -> None:
        ui = self.ui
        chosen = self.choices
        left = sum(v is None for v in chosen.values())
        if left:
            self.results = None
            self._say("info", ui.sort_all_first.format(left=left))
            return
        self.results = {s.id: chosen[s.id] == s.answer for s in self.item.scenarios}
        right, total = self.score
        rows = []
        for number, s in enumerate(self.item.scenarios, 1):
            ok = self.results[s.id]
            lead = f"{ui.situation.format(number=number)}: {ui.correct if ok else ui.not_quite}"
            rows.append((ok, lead, [f"{self.item.category(s.answer).label}.", s.feedback]))
        self._say_scored(right, total, rows, self.item.sources)
        if notify:
            self._answered(dict(chosen), right == total)

    def _on_change(self, _change) -> None:
        if self.results is not None:
            self.results = None
            self._say("info", self.ui.answer_changed)
