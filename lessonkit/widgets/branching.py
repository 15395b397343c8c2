"""Branching scenario ("What would you do?"): steps with choices that lead on.

Each choice shows its feedback (a word for its tone first) and leads to another step; a step
with no choices is an ending. The learner can go back one step or start again at any time.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..content import Branching, Course
from ..render import html
from . import shared
from .base import Exercise

_TONE_STYLE = {"good": "correct", "caution": "incorrect", "neutral": "info"}


class BranchingScenario(Exercise):

    def __init__(self, item: Branching, course: Course) -> None:
        super().__init__(item, course)
        ui = self.ui
        self.title = shared.text(f"<p><strong>{html.text(item.title)}</strong></p>")
        self.step_text = shared.text("")
        self.choices = widgets.RadioButtons(
            options=[],
            value=None,
            description=ui.what_do_you_do,
            style=shared.style(widgets.RadioButtons, description_width="initial"),
            layout=widgets.Layout(width="auto"),
        )
        self.take_button = self._button(ui.take_choice, hides=True)
        self.back_button = self._button(ui.go_back)
        self.restart_button = self._button(ui.start_again)
        self.path_html = shared.text("")
        self.take_button.on_click(lambda _b: self._on_take())
        self.back_button.on_click(lambda _b: self._on_back())
        self.restart_button.on_click(lambda _b: self.reset())
        self.path: list[tuple[str, int]] = []  # (step id, index of the choice taken there)
        self._finish(
            [
                self.title,
                self.feedback_html,
                self.step_text,
                self.choices,
                self.take_button,
                widgets.HBox([self.back_button, self.restart_button], layout=shared.layout()),
                self.path_html,
            ]
        )
        self._show_step()

    @property
    def current(self) -> str:
        """The id of the step the learner is at."""
        if not self.path:
            return self.item.start
        step_id, index = self.path[-1]
        return self.item.step(step_id).choices[index].next

    @property
    def ended(self) -> bool:
        return self.item.step(self.current).ending

    @property
    def state(self) -> dict:
        return {
            "item": self.item.id,
            "step": self.current,
            "path": [list(p) for p in self.path],
            "ended": self.ended,
        }

    def answer(self):
        return [list(p) for p in self.path] if self.path else None

    # -- what a learner does
    def choose(self, index: int) -> None:
        """Pick the choice at this index of the current step and go on."""
        self.choices.value = index
        self.take_button.click()

    def back(self) -> None:
        if self.path:
            self.path.pop()
        self.clear_feedback()
        self._show_step()

    def reset(self) -> None:
        self.path = []
        super().reset()
        self._show_step()

    def restore(self, answer) -> None:
        path: list[tuple[str, int]] = []
        step_id = self.item.start
        steps = {s.id: s for s in self.item.steps}
        for entry in answer if isinstance(answer, list) else [None]:
            ok = isinstance(entry, list) and len(entry) == 2 and entry[0] == step_id
            if not ok or not 0 <= entry[1] < len(steps[step_id].choices):
                raise self.unfit(answer)
            path.append((step_id, entry[1]))
            step_id = steps[step_id].choices[entry[1]].next
        self.path = path
        self._show_choice()
        self._show_step()

    # -- handlers: a pressed button that is hidden or disabled passes the focus on, so it never
    # falls to the page's body
    def _on_take(self) -> None:
        self._take()
        if self.ended:
            self.restart_button.focus()

    def _on_back(self) -> None:
        self.back()
        if not self.path:
            self.take_button.focus()

    # -- drawing
    def _take(self) -> None:
        index = self.choices.value
        if index is None or self.ended:
            self._say("info", self.ui.choose_first)
            return
        self.path.append((self.current, index))
        self._show_choice()
        self._show_step()
        if self.ended:
            self._answered(self.answer(), self.good_run)

    def _show_choice(self) -> None:
        step_id, index = self.path[-1]
        choice = self.item.step(step_id).choices[index]
        ui = self.ui
        lead = {"good": ui.tone_good, "caution": ui.tone_caution, "neutral": ui.tone_neutral}[
            choice.tone
        ]
        sources = self.item.sources if self.ended_after(choice) else ()
        self._say(_TONE_STYLE[choice.tone], lead, [choice.feedback], sources)

    @property
    def good_run(self) -> bool:
        """Right: an ending reached through choices that were all good."""
        steps = self.item
        return self.ended and all(
            steps.step(step_id).choices[index].tone == "good" for step_id, index in self.path
        )

    def ended_after(self, choice) -> bool:
        return self.item.step(choice.next).ending

    def _show_step(self) -> None:
        step = self.item.step(self.current)
        self.step_text.value = html.paragraph(step.text)
        if step.ending:
            self.step_text.value += html.paragraph(self.ui.ending)
            after = self.ui.branching_good_run if self.good_run else self.ui.branching_other_run
            self.step_text.value += html.paragraph(after)
        self.choices.options = [(c.text, i) for i, c in enumerate(step.choices)]
        self.choices.value = None
        shown = None if step.choices else "none"
        self.choices.layout.display = shown
        self.take_button.layout.display = shown
        self.back_button.disabled = not self.path
        taken = [self.item.step(s).choices[i].text for s, i in self.path]
        self.path_html.value = (
            f"<p>{html.text(self.ui.your_path)}:</p>" + html.bullet_list(taken) if taken else ""
        )
