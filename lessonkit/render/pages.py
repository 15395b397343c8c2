"""Pieces of page shared by the lessons and the handouts: the sources list and the help lines."""

from __future__ import annotations

from ..content import Course
from . import html


def source_items(course: Course, ids, strong: bool = True) -> str:
    """One ``<li>`` per source: short name, publisher, title, date and address."""
    rows = []
    ui = course.ui
    for source_id in ids:
        s = course.sources[source_id]
        where = f" {s.url}" if s.url else ""
        short = f"<strong>{html.text(s.short)}</strong>" if strong else html.text(s.short)
        title = f"<em>{html.text(s.title)}</em>"
        if s.title_lang:  # an English title in another edition: marked up and said so
            marked = f'<em lang="{s.title_lang}">{html.text(s.title)}</em>'
            title = f"{marked} {html.text(ui.title_in_english)}"
        rows.append(
            f"<li>{short}: {html.text(s.publisher)}, {title}, "
            f"{html.text(s.date)}.{html.text(where)}</li>"
        )
    return "".join(rows)


def help_items(course: Course) -> str:
    """One ``<li>`` per help line: its name, how to reach it and when to call."""
    return "".join(
        f"<li><strong>{html.text(line.name)}</strong>: {html.text(line.contact)}. "
        f"{html.text(line.when)}</li>"
        for line in course.help_lines
    )
