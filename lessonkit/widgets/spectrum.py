"""Spectrum explorer: a labelled control over an ordered range, with a description per step.

The steps are a labelled group of radio buttons in order, so the arrow keys move along the
range as on a slider, and a screen reader hears each step's name. (ipywidgets' own slider
gives its handle no accessible name; axe-core rates that serious.) The chosen step is named
in words and drawn on an SVG scale from the low end to the high end.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..content import Course, Spectrum
from ..render import html, svg
from . import shared
from .base import Exercise


class SpectrumExplorer(Exercise):

    def __init__(self, item: Spectrum, course: Course) -> None:
        super().__init__(item, course)
        self.prompt = shared.text(html.paragraph(item.prompt))
        self.picture = shared.text("")
        self.scale = widgets.RadioButtons(
            options=[(f"{n}. {s.label}", s.id) for n, s in enumerate(item.steps, 1)],
            value=item.steps[0].id,
            description=item.label,
            style=shared.style(widgets.RadioButtons, description_width="initial"),
            layout=shared.layout(width="auto"),
        )
        self.scale.observe(lambda _c: self._describe(), names="value")
        self._describe()
        self._finish([self.prompt, self.picture, self.scale, self.feedback_html])

    @property
    def index(self) -> int:
        return [s.id for s in self.item.steps].index(self.scale.value)

    @property
    def state(self) -> dict:
        return {"item": self.item.id, "step": self.scale.value, "index": self.index}

    def answer(self):
        return self.scale.value

    def move_to(self, step_id: str) -> None:
        self.scale.value = step_id

    def restore(self, answer) -> None:
        if answer not in {s.id for s in self.item.steps}:
            raise self.unfit(answer)
        self.move_to(answer)

    def reset(self) -> None:
        self.move_to(self.item.steps[0].id)

    def _describe(self) -> None:
        item, index = self.item, self.index
        step = item.steps[index]
        heading = self.ui.spectrum_step.format(
            number=index + 1, total=len(item.steps), label=step.label
        )
        self.picture.value = svg.spectrum(
            [s.label for s in item.steps], index, item.low, item.high, item.label, f"lk-{item.id}"
        )
        self._say("info", heading, [step.description], item.sources)
