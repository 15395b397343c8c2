"""Journey map: the stages of a route as a picture and a list; choosing one shows who can act.

The picture is SVG built in Python with a title and description. The same stages are listed
as plain text beside it, and a labelled list of the stages is the control, so the map works
by keyboard and with a screen reader.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..content import Course, JourneyMap
from ..render import html, svg
from . import shared
from .base import Exercise


class JourneyMapExercise(Exercise):

    def __init__(self, item: JourneyMap, course: Course) -> None:
        super().__init__(item, course)
        ui = self.ui
        self.prompt = shared.text(html.paragraph(item.prompt))
        self.picture = shared.text(self._picture(None))
        listing = "".join(
            f"<li><strong>{html.text(s.label)}</strong>: {html.text(s.summary)}</li>"
            for s in item.stages
        )
        self.text_list = shared.text(f"<p>{html.text(ui.stages_in_order)}:</p><ol>{listing}</ol>")
        self.stages = widgets.RadioButtons(
            options=[(f"{n}. {s.label}", s.id) for n, s in enumerate(item.stages, 1)],
            value=None,
            description=ui.choose_stage,
            style=shared.style(widgets.RadioButtons, description_width="initial"),
            layout=shared.layout(width="auto"),
        )
        self.stages.observe(self._on_stage, names="value")
        self._finish([self.prompt, self.picture, self.text_list, self.stages, self.feedback_html])

    @property
    def chosen(self) -> str | None:
        return self.stages.value

    @property
    def state(self) -> dict:
        return {"item": self.item.id, "stage": self.chosen}

    def answer(self):
        return self.chosen

    def choose(self, stage_id: str | None) -> None:
        self.stages.value = stage_id

    def restore(self, answer) -> None:
        if answer not in {s.id for s in self.item.stages}:
            raise self.unfit(answer)
        self.choose(answer)

    def reset(self) -> None:
        self.choose(None)
        super().reset()

    def _picture(self, selected: int | None) -> str:
        labels = [s.label for s in self.item.stages]
        return svg.route(
            labels, selected, self.item.title, self.item.description, f"lk-{self.item.id}"
        )

    def _on_stage(self, change) -> None:
        ids = [s.id for s in self.item.stages]
        index = ids.index(change["new"]) if change["new"] in ids else None
        self.picture.value = self._picture(index)
        if index is None:
            self.clear_feedback()
            return
        stage = self.item.stages[index]
        sources = tuple(dict.fromkeys(s for a in stage.actors for s in a.sources))
        cite = self.sources_line(sources)
        actors = "".join(
            f"<li><strong>{html.text(a.name)}</strong>: {html.text(a.action)}</li>"
            for a in stage.actors
        )
        self.feedback = " ".join(
            [f"{index + 1}. {stage.label}.", stage.summary, f"{self.ui.who_can_act}:"]
            + [f"{a.name}: {a.action}" for a in stage.actors]
            + [cite]
        )
        self.feedback_html.value = (
            '<div class="lessonkit-stage" role="status" style="border-left: 4px solid #0b5cad; '
            'padding: 0.1em 0.8em;">'
            f"<p><strong>{index + 1}. {html.text(stage.label)}</strong>: "
            f"{html.text(stage.summary)}</p><p>{html.text(self.ui.who_can_act)}:</p>"
            f"<ul>{actors}</ul><p><small>{html.text(cite)}</small></p></div>"
        )
