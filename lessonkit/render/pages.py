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


def local_services(course: Course, level: int = 3) -> str:
    """"In your area": the services a facilitator added in content/local/services.toml, each
    marked as added locally and not checked by the course. Empty when there are none."""
    if not course.local_services:
        return ""
    ui = course.ui
    how = {
        "phone": ui.local_phone,
        "tty": ui.local_tty,
        "text": ui.local_text,
        "email": ui.local_email,
        "website": ui.local_website,
        "address": ui.local_address,
    }
    rows = []
    for s in course.local_services:
        reach = "; ".join(f"{how[c.how]}: {c.value}" for c in s.contacts)
        lines = [
            f"<strong>{html.text(s.name)}</strong>: {html.text(s.offers)}",
            html.text(reach),
            html.labelled(ui.local_hours, s.hours),
            html.labelled(ui.local_languages, ", ".join(s.languages)),
            f"<small>{html.text(ui.local_added.format(who=s.added_by, date=s.added))}</small>",
        ]
        rows.append("<li>" + "<br>".join(lines) + "</li>")
    marked = f' lang="{html.text(course.local_lang)}"' if course.local_lang != course.lang else ""
    inner = html.paragraph(ui.local_not_checked) + f"<ul{marked}>{''.join(rows)}</ul>"
    return (
        f'<section class="lessonkit-local keep"><h{level}>{html.text(ui.local_heading)}'
        f"</h{level}>{inner}</section>"
    )
