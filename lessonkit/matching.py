"""Matching: pair each item of one list with its partner in the other.

Each left-hand item has a labelled list of the right-hand items (in a fixed mixed order, so
the written order gives nothing away). The check gives feedback per pair and a score.
"""

from __future__ import annotations

import random

import ipywidgets as widgets

from . import html
from .content import Course, Matching
from .exercise import Exercise

_NONE = ""


class MatchingExercise(Exercise):
    label = "matching"

    def __init__(self, item: Matching, course: Course) -> None:
        super().__init__(item, course)
        ui = self.ui
        self.prompt = widgets.HTML(html.paragraph(item.prompt))
        partners = list(item.right)
        random.Random(item.id).shuffle(partners)
        options = [(ui.choose_match, _NONE)] + [(r.text, r.id) for r in partners]
        heading = widgets.HTML(
            f"<p><strong>{html.text(item.left_label)}</strong> \u2192 "
            f"<strong>{html.text(item.right_label)}</strong></p>"
        )
        self.pickers: dict[str, widgets.Dropdown] = {}
        for left in item.left:
            picker = widgets.Dropdown(
                options=options,
                value=_NONE,
                description=left.text,
                description_allow_html=False,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="auto"),
            )
            picker.observe(self._on_change, names="value")
            self.pickers[left.id] = picker
        self.check_button = self._button(ui.matching_check)
        self.check_button.on_click(lambda _b: self._judge(notify=True))
        self.results: dict[str, bool] | None = None
        self._finish(
            [self.prompt, heading, *self.pickers.values(), self.check_button, self.feedback_html]
        )

    @property
    def pairs(self) -> dict[str, str | None]:
        return {left: (p.value or None) for left, p in self.pickers.items()}

    @property
    def score(self) -> tuple[int, int] | None:
        if self.results is None:
            return None
        return sum(self.results.values()), len(self.results)

    @property
    def state(self) -> dict:
        return {
            "item": self.item.id,
            "pairs": self.pairs,
            "results": self.results,
            "score": self.score,
        }

    def answer(self):
        return None if self.results is None else dict(self.pairs)

    def pair(self, left_id: str, right_id: str | None) -> None:
        self.pickers[left_id].value = right_id or _NONE

    def check(self) -> None:
        self.check_button.click()

    def restore(self, answer) -> None:
        right_ids = {r.id for r in self.item.right}
        if (
            not isinstance(answer, dict)
            or set(answer) != set(self.pickers)
            or not set(answer.values()) <= right_ids
        ):
            raise self.unfit(answer)
        for left_id, right_id in answer.items():
            self.pair(left_id, right_id)
        self._judge(notify=False)

    def reset(self) -> None:
        for left_id in self.pickers:
            self.pair(left_id, None)
        self.results = None
        super().reset()

    def _judge(self, notify: bool) -> None:
        ui = self.ui
        pairs = self.pairs
        left = sum(v is None for v in pairs.values())
        if left:
            self.results = None
            self._say("info", ui.match_all_first.format(left=left))
            return
        self.results = {m.id: pairs[m.id] == m.match for m in self.item.left}
        right, total = self.score
        rows = []
        for m in self.item.left:
            ok = self.results[m.id]
            chosen = self.item.partner(pairs[m.id]).text
            said = (ui.match_right if ok else ui.match_wrong).format(left=m.text, right=chosen)
            rows.append(
                (ok, ui.correct if ok else ui.not_quite, [said, m.feedback if ok else ui.try_again])
            )
        self._say_scored(right, total, rows, self.item.sources)
        if notify:
            self._answered(dict(pairs), right == total)

    def _on_change(self, _change) -> None:
        if self.results is not None:
            self.results = None
            self._say("info", self.ui.answer_changed)
