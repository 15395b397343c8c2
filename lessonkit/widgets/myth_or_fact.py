"""Myth or fact: a statement, two buttons, then the explanation and its sources."""

from __future__ import annotations

import ipywidgets as widgets

from ..content import Course, MythOrFact
from ..render import html
from . import shared
from .base import Exercise


class MythOrFactCard(Exercise):

    def __init__(self, item: MythOrFact, course: Course) -> None:
        super().__init__(item, course)
        ui = self.ui
        self.statement = shared.text(
            f"<p><strong>{html.text(ui.myth_or_fact)}</strong></p>"
            f'<blockquote style="margin: 0.3em 1em">{html.text(item.statement)}</blockquote>'
        )
        self.buttons = {"myth": self._button(ui.myth), "fact": self._button(ui.fact)}
        for choice, button in self.buttons.items():
            button.on_click(lambda _b, choice=choice: self._judge(choice, notify=True))
        self.chosen: str | None = None
        row = widgets.HBox(list(self.buttons.values()), layout=shared.layout())
        self._finish([self.statement, row, self.feedback_html])

    @property
    def correct(self) -> bool | None:
        return None if self.chosen is None else self.chosen == self.item.answer

    @property
    def state(self) -> dict:
        return {"item": self.item.id, "chosen": self.chosen, "correct": self.correct}

    def answer(self):
        return self.chosen

    def choose(self, choice: str) -> None:
        self.buttons[choice].click()

    def restore(self, answer) -> None:
        if answer not in self.buttons:
            raise self.unfit(answer)
        self._judge(answer, notify=False)

    def reset(self) -> None:
        self.chosen = None
        super().reset()

    def _judge(self, choice: str, notify: bool) -> None:
        ui = self.ui
        self.chosen = choice
        answer = {"myth": ui.myth, "fact": ui.fact}[self.item.answer]
        verdict = ui.myth_or_fact_verdict.format(answer=answer.lower())
        lead = ui.correct if self.correct else ui.not_quite
        tone = "correct" if self.correct else "incorrect"
        self._say(tone, lead, [verdict, self.item.explanation], self.item.sources)
        if notify:
            self._answered(choice, self.correct)
