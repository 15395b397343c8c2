"""Multiple choice: one question, 2 to 6 options, feedback for each option."""

from __future__ import annotations

import ipywidgets as widgets

from . import html
from .content import Course, MultipleChoice
from .exercise import Exercise


class MultipleChoiceQuiz(Exercise):
    label = "quiz"

    def __init__(self, item: MultipleChoice, course: Course) -> None:
        super().__init__(item, course)
        ui = self.ui
        self.question = widgets.HTML(html.paragraph(item.question))
        self.choices = widgets.RadioButtons(
            options=[(option.text, index) for index, option in enumerate(item.options)],
            value=None,
            description=ui.your_answer,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.check_button = widgets.Button(description=ui.check, tooltip=ui.check)
        self.feedback_html = widgets.HTML("")
        self.tries = 0
        self.checked: int | None = None
        self.feedback = ""
        self.choices.observe(self._on_change, names="value")
        self.check_button.on_click(self._on_check)
        self.widget = widgets.VBox(
            [self.question, self.choices, self.check_button, self.feedback_html],
            layout=widgets.Layout(margin="0.5em 0"),
        )
        self.widget.add_class("lessonkit-quiz")

    # -- what a test or a progress store reads
    @property
    def state(self) -> dict:
        correct = None if self.checked is None else self.item.options[self.checked].correct
        return {
            "item": self.item.id,
            "selected": self.choices.value,
            "checked": self.checked,
            "correct": correct,
            "tries": self.tries,
        }

    # -- what a learner does
    def select(self, index: int | None) -> None:
        self.choices.value = index

    def check(self) -> None:
        self.check_button.click()

    # -- handlers
    def _show(self, tone: str, lead: str, body: list[str], sources: str = "") -> None:
        self.feedback = " ".join(p for p in [lead, *body, sources] if p)
        self.feedback_html.value = html.feedback_block(tone, lead, body, sources)

    def _on_check(self, _button=None) -> None:
        index = self.choices.value
        if index is None:
            self._show("info", self.ui.choose_first, [])
            return
        self.tries += 1
        self.checked = index
        option = self.item.options[index]
        if option.correct:
            self._show(
                "correct", self.ui.correct, [option.feedback], self.sources_line(self.item.sources)
            )
        else:
            self._show(
                "incorrect",
                self.ui.not_quite,
                [option.feedback, self.ui.try_again],
                self.sources_line(self.item.sources),
            )

    def _on_change(self, change) -> None:
        if self.checked is not None and change["new"] != self.checked:
            self.checked = None
            self._show("info", self.ui.answer_changed, [])
