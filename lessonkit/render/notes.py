"""Facilitator notes as HTML: a module's notes, and one exercise's notes with its answer key."""

from __future__ import annotations

from ..content import Course, ExerciseNote, FacilitatorNotes, Item, Module
from . import html
from .answer_key import answer_key_html


def module_notes_html(course: Course, module: Module, notes: FacilitatorNotes) -> str:
    ui = course.ui
    minutes = ui.minutes.format(
        teaching=module.teaching_minutes, exercises=module.exercise_minutes, total=module.minutes
    )
    priority = {
        "required": ui.priority_required,
        "high": ui.priority_high,
        "normal": ui.priority_normal,
    }[notes.priority]
    prompts = html.items(
        f"{html.text(p.question)}<br>{html.text(ui.fac_points)}:{html.bullet_list(p.points)}"
        for p in notes.prompts
    )
    body = (
        html.section(ui.fac_purpose, html.paragraph(notes.purpose), 4)
        + html.section(ui.fac_introduce, html.paragraph(notes.introduce), 4)
        + html.section(
            ui.fac_timing,
            html.paragraph(minutes)
            + html.paragraph(notes.timing)
            + html.paragraph(priority)
            + f"<p>{html.labelled(ui.fac_shorten, notes.shorten)}</p>",
            4,
        )
        + html.section(ui.fac_prompts, prompts, 4)
    )
    if notes.misconceptions:
        body += html.section(
            ui.fac_misconceptions,
            html.items(
                f"<em>{html.text(m.belief)}</em> {html.text(m.response)}"
                for m in notes.misconceptions
            ),
            4,
        )
    body += html.section(
        ui.fac_care, html.paragraph(notes.care) + _labelled_p(ui.fac_pause, notes.pause), 4
    )
    if notes.sources:
        cite = f"{ui.sources}: {course.cite(notes.sources)}."
        body += f"<p><small>{html.text(cite)}</small></p>"
    return body


def _labelled_p(label: str, value: str) -> str:
    return f"<p>{html.labelled(label, value)}</p>"


def exercise_notes_html(course: Course, item: Item, note: ExerciseNote | None) -> str:
    ui = course.ui
    body = ""
    if note is not None:
        body += _labelled_p(ui.fac_run, note.run)
        if note.reasoning:
            body += _labelled_p(ui.fac_reasoning, note.reasoning)
        if note.discuss:
            body += _labelled_p(ui.fac_discuss, note.discuss)
    return body + html.section(ui.answer_key, answer_key_html(course, item), 4)


def facilitator_box(label: str, inner: str, name: str = "") -> str:
    """The notes as a landmark; ``name`` (its own on the page) labels it, else ``label``."""
    return (
        f'<section class="lessonkit-facilitator" aria-label="{html.text(name or label)}" '
        'style="border: 2px dashed #35506b; padding: 0.2em 0.9em; margin: 0.4em 0;">'
        f"<h3>{html.text(label)}</h3>{inner}</section>"
    )


