"""Reflection prompt: a question, a text area, and points to consider on request.

Nothing the learner writes is kept unless they press "Save my reflection"; then whoever
listens (the progress store) keeps it on this computer. The text is never shown back as HTML.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..content import Course, Reflection
from ..render import html
from . import shared
from .base import Exercise


class ReflectionPrompt(Exercise):

    def __init__(self, item: Reflection, course: Course) -> None:
        super().__init__(item, course)
        ui = self.ui
        guidance = html.paragraph(item.guidance) if item.guidance else ""
        self.question = shared.text(
            f"<p><strong>{html.text(item.question)}</strong></p>{guidance}"
            f"<p><small>{html.text(ui.not_kept)}</small></p>"
        )
        self.text = widgets.Textarea(
            value="",
            description=ui.your_thoughts,
            style=shared.style(widgets.Textarea, description_width="initial"),
            layout=shared.layout(width="95%", height="8em"),
        )
        self.points_button = self._button(ui.show_points, hides=True)
        self.points_button.layout.display = None if item.points else "none"
        self.points_html = shared.text("")
        self.save_button = self._button(ui.reflection_save)
        self.points_button.on_click(lambda _b: self.show_points())
        self.save_button.on_click(lambda _b: self.save())
        self.saved = False
        self._finish(
            [
                self.question,
                self.text,
                self.points_button,
                self.points_html,
                self.save_button,
                self.feedback_html,
            ]
        )

    @property
    def state(self) -> dict:
        return {"item": self.item.id, "text": self.text.value, "saved": self.saved}

    def answer(self):
        return self.text.value or None

    def write(self, text: str) -> None:
        self.text.value = text

    def show_points(self) -> None:
        self.points_html.value = (
            f"<p>{html.text(self.ui.points_to_consider)}</p>" + html.bullet_list(self.item.points)
        )

    def save(self) -> None:
        """Hand the text to whoever keeps it (the progress store); say plainly if nobody does."""
        if not self._listeners:
            self.saved = False
            self._say("info", self.ui.reflection_unsaved)
            return
        try:
            self._answered(self.text.value, None)
        except OSError:
            self.saved = False
            self._say("info", self.ui.reflection_unsaved)
            return
        self.saved = True
        self._say("correct", self.ui.reflection_saved)

    def restore(self, answer) -> None:
        if not isinstance(answer, str):
            raise self.unfit(answer)
        self.text.value = answer
        self.saved = True

    def reset(self) -> None:
        self.text.value = ""
        self.points_html.value = ""
        self.saved = False
        super().reset()
