"""Multiple choice: one question, 2 to 6 options, feedback for each option.

With ``multiple = true`` the learner ticks every right answer (check boxes); otherwise they
choose one (radio buttons). With ``shuffle = true`` the options appear in a mixed order that
is the same on every run. After two wrong tries the learner may reveal the explanation.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..content import Course, MultipleChoice
from ..render import html
from . import shared
from .base import Exercise

REVEAL_AFTER = 2  # wrong tries before the learner may reveal the explanation


class MultipleChoiceQuiz(Exercise):

    def __init__(self, item: MultipleChoice, course: Course) -> None:
        super().__init__(item, course)
        ui = self.ui
        self.order = item.shown_order()
        self.question = shared.text(html.paragraph(item.question))
        if item.multiple:
            self.boxes = {
                i: widgets.Checkbox(
                    value=False,
                    description=item.options[i].text,
                    indent=False,
                    layout=shared.layout(width="auto"),
                    style=shared.style(widgets.Checkbox),
                )
                for i in self.order
            }
            for box in self.boxes.values():
                box.observe(self._on_change, names="value")
            hint = shared.text(html.paragraph(ui.choose_all_that_apply))
            self.choices = widgets.VBox([hint, *self.boxes.values()], layout=shared.layout())
        else:
            self.boxes = {}
            self.choices = widgets.RadioButtons(
                options=[(item.options[i].text, i) for i in self.order],
                value=None,
                description=ui.your_answer,
                style=shared.style(widgets.RadioButtons, description_width="initial"),
                layout=shared.layout(width="auto"),
            )
            self.choices.observe(self._on_change, names="value")
        self.check_button = self._button(ui.check)
        self.reveal_button = self._button(ui.reveal, hides=True)
        self.reveal_button.layout.display = "none"
        self.tries = 0
        self.wrong_tries = 0
        self.checked: tuple[int, ...] | None = None
        self.revealed = False
        self.check_button.on_click(self._on_check)
        self.reveal_button.on_click(self._on_reveal)
        self._finish(
            [self.question, self.choices, self.check_button, self.reveal_button, self.feedback_html]
        )

    # -- what a test or a progress store reads
    @property
    def selected(self) -> tuple[int, ...]:
        """Chosen options as indexes into the content's option list (not the shown order)."""
        if self.item.multiple:
            return tuple(sorted(i for i, box in self.boxes.items() if box.value))
        return () if self.choices.value is None else (self.choices.value,)

    @property
    def correct(self) -> bool | None:
        return None if self.checked is None else set(self.checked) == self.item.right

    @property
    def state(self) -> dict:
        return {
            "item": self.item.id,
            "selected": list(self.selected),
            "checked": None if self.checked is None else list(self.checked),
            "correct": self.correct,
            "tries": self.tries,
            "revealed": self.revealed,
        }

    def answer(self):
        return None if self.checked is None else list(self.checked)

    # -- what a learner does
    def select(self, *indexes: int | None) -> None:
        """Choose options by their index in the content (None clears a single choice)."""
        wanted = {i for i in indexes if i is not None}
        if self.item.multiple:
            for i, box in self.boxes.items():
                box.value = i in wanted
        else:
            self.choices.value = next(iter(wanted), None)

    def check(self) -> None:
        self.check_button.click()

    def reveal(self) -> None:
        self.reveal_button.click()

    def restore(self, answer) -> None:
        if not isinstance(answer, list) or not all(
            isinstance(i, int) and 0 <= i < len(self.item.options) for i in answer
        ):
            raise self.unfit(answer)
        if not self.item.multiple and len(answer) != 1:
            raise self.unfit(answer)
        self.select(*answer)
        self._judge(notify=False)

    def reset(self) -> None:
        self.select(None)
        self.tries = self.wrong_tries = 0
        self.checked = None
        self.revealed = False
        self.reveal_button.layout.display = "none"
        super().reset()

    # -- handlers
    def _on_check(self, _button=None) -> None:
        self._judge(notify=True)

    def _judge(self, notify: bool) -> None:
        ui = self.ui
        chosen = self.selected
        if not chosen:
            self._say("info", ui.choose_first)
            return
        self.tries += 1
        self.checked = chosen
        feedback = [self.item.options[i].feedback for i in chosen]
        if self.correct:
            self._say("correct", ui.correct, feedback, self.item.sources)
        else:
            self.wrong_tries += 1
            some_right = bool(set(chosen) & self.item.right)
            lead = ui.partly if self.item.multiple and some_right else ui.not_quite
            self._say("incorrect", lead, [*feedback, ui.try_again], self.item.sources)
            if self.wrong_tries >= REVEAL_AFTER:
                self.reveal_button.layout.display = None
        if notify:
            self._answered(list(chosen), self.correct)

    def _on_reveal(self, _button=None) -> None:
        self.revealed = True
        self._say("info", self.ui.explanation, [self.item.explanation], self.item.sources)

    def _on_change(self, _change) -> None:
        if self.checked is not None and self.selected != self.checked:
            self.checked = None
            self._say("info", self.ui.answer_changed)
