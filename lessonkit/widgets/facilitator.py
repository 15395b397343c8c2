"""The facilitator view: one labelled switch, and panels of notes and answers that follow it.

In a notebook, :func:`switch` shows one labelled check box (off by default) and :func:`panel` a
box of notes and answers that stays hidden until the switch is on. Every switch in the kernel
shares one state, ``FACILITATOR_VIEW``, so turning on any of them shows every panel. The panels
share one layout too (one per kernel, see :func:`panel_layout`): the switch shows or hides all of
them with one change, not one per panel.
"""

from __future__ import annotations

import ipywidgets as widgets
import traitlets

from ..content import ContentError, Course, Item, Module, notes_for
from ..render import html
from ..render.answer_key import answer_key_html
from ..render.notes import exercise_notes_html, facilitator_box, module_notes_html
from . import shared
from .base import PAGE_LANG, digest, in_language


class _ViewState(traitlets.HasTraits):
    """One per kernel: whether the facilitator view is on."""

    on = traitlets.Bool(False)


FACILITATOR_VIEW = _ViewState()
_PANEL_LAYOUT: dict[str, widgets.Layout] = {}


def panel_layout() -> widgets.Layout:
    """The layout every facilitator panel of this kernel has: hidden unless the view is on."""
    found = _PANEL_LAYOUT.get("layout")
    if found is None or found.comm is None:  # never made, or closed since
        found = _PANEL_LAYOUT["layout"] = widgets.Layout(display=css_display(FACILITATOR_VIEW.on))
    return found


def _follow_the_view(change) -> None:
    found = _PANEL_LAYOUT.get("layout")
    if found is not None and found.comm is not None:
        found.display = css_display(change["new"])


FACILITATOR_VIEW.observe(_follow_the_view, names="on")


class FacilitatorSwitch(widgets.Checkbox):
    """The labelled switch. Its plain-text form is fixed, so stored notebooks stay stable."""

    def __init__(self, label: str) -> None:
        super().__init__(
            value=FACILITATOR_VIEW.on,
            description=label,
            indent=False,
            layout=shared.layout(width="auto"),
            style=shared.style(widgets.Checkbox),
        )
        self.add_class("lessonkit-facilitator-switch")
        self._link = traitlets.link((FACILITATOR_VIEW, "on"), (self, "value"))

    def __repr__(self) -> str:
        return f"[facilitator switch] {self.description}"

    def close(self) -> None:
        if self._link is not None:
            self._link.unlink()
            self._link = None
        super().close()


class FacilitatorPanel(widgets.HTML):
    """Notes and answers for one module or exercise: hidden unless the facilitator view is on."""

    def __init__(self, value: str, summary: str, lang: str = PAGE_LANG) -> None:
        super().__init__(
            value=in_language(value, lang),
            layout=panel_layout(),
            style=shared.style(widgets.HTML),
        )
        self.add_class("lessonkit-facilitator-panel")
        self._summary = summary

    @property
    def shown(self) -> bool:
        return self.layout.display != "none"

    def __repr__(self) -> str:
        return self._summary


def css_display(on: bool) -> str | None:
    return None if on else "none"


def switch(course: Course) -> FacilitatorSwitch:
    """A fresh switch widget for the facilitator view, tied to the kernel's one shared state."""
    return FacilitatorSwitch(course.ui.facilitator_switch)


def panel(course: Course, module: Module | str, item: Item | str | None = None):
    """The facilitator panel for a module (item None) or for one of its exercises.

    Hidden (``layout.display == "none"``) unless the switch is on; it follows the switch live.
    A module without notes still gets its answer keys. Broken notes never break the lesson:
    the panel shows the content problem (file, item, field) in place of the notes.
    """
    if isinstance(module, str):
        module = course.module(module)
    if isinstance(item, str):
        item = module.item(item)
    problem = ""
    try:
        notes = notes_for(course, module)
    except ContentError as err:
        notes, problem = None, str(err)
    ui = course.ui
    name = ui.facilitator_notes_for.format(title=item.headline if item else module.title)
    if problem:
        inner = f'<p role="alert"><code>{html.text(problem)}</code></p>'
        inner += html.section(ui.answer_key, answer_key_html(course, item), 4) if item else ""
        where = f"{module.id}/{item.id}" if item else module.id
        summary = f"[facilitator notes] {where} (content problem: {problem})"
        return FacilitatorPanel(
            facilitator_box(ui.facilitator_notes, inner, name), summary, course.lang
        )
    if item is None:
        inner = module_notes_html(course, module, notes) if notes else ""
        where, shown = module.id, (notes, module.id, module.minutes, ui)
    else:
        note = notes.exercise(item.id) if notes else None
        inner = exercise_notes_html(course, item, note)
        sources = tuple(course.sources[s] for s in item.sources)
        where, shown = f"{module.id}/{item.id}", (note, item, ui, sources)
    summary = f"[facilitator notes] {where} (content {digest(shown)})"
    return FacilitatorPanel(
        facilitator_box(ui.facilitator_notes, inner, name), summary, course.lang
    )
