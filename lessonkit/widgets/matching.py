"""Matching: pair each item of one list with its partner in the other.

Each left-hand item has a labelled list of the right-hand items (in a fixed mixed order, so
the written order gives nothing away). The check gives feedback per pair and a score.
"""

from __future__ import annotations

import random

from ..content import Course, Matching
from ..render import html
from . import shared
from .row_choice import RowChoiceExercise


class MatchingExercise(RowChoiceExercise):

    def __init__(self, item: Matching, course: Course) -> None:
        super().__init__(item, course)
        ui = self.ui
        self._all_first = ui.match_all_first
        partners = list(item.right)
        random.Random(item.id).shuffle(partners)
        self._build_pickers(
            [(m.id, m.text) for m in item.left],
            [(r.text, r.id) for r in partners],
            ui.choose_match,
            "initial",
        )
        heading = shared.text(
            f"<p><strong>{html.text(item.left_label)}</strong> \u2192 "
            f"<strong>{html.text(item.right_label)}</strong></p>"
        )
        self.check_button = self._button(ui.matching_check)
        self.check_button.on_click(lambda _b: self._judge(notify=True))
        prompt = shared.text(html.paragraph(item.prompt))
        self._finish(
            [prompt, heading, *self.pickers.values(), self.check_button, self.feedback_html]
        )

    @property
    def key(self) -> dict[str, str]:
        return {m.id: m.match for m in self.item.left}

    @property
    def pairs(self) -> dict[str, str | None]:
        return self.choices

    @property
    def state(self) -> dict:
        return {
            "item": self.item.id,
            "pairs": self.pairs,
            "results": self.results,
            "score": self.score,
        }

    def pair(self, left_id: str, right_id: str | None) -> None:
        self.assign(left_id, right_id)

    def _feedback_rows(self, chosen):
        ui, rows = self.ui, []
        for m in self.item.left:
            ok = self.results[m.id]
            said = (ui.match_right if ok else ui.match_wrong).format(
                left=m.text, right=self.item.partner(chosen[m.id]).text
            )
            hint = [m.hint] if m.hint else []
            body = [said, m.feedback] if ok else [said, *hint, ui.try_again]
            rows.append((ok, ui.correct if ok else ui.not_quite, body))
        return rows
