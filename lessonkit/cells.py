"""What a notebook cell calls. Each call is one line, names what to show, and holds no text.

    from lessonkit import show; show("01-what-is-trafficking", "core-idea")

Every call loads the content fresh when it has changed, so cells can be re-run, run out
of order, or after a restart. Re-running a cell closes the exercise it built before and
builds a new one, so handlers never pile up.
"""

from __future__ import annotations

import functools
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from . import progress
from .content import (
    ContentError,
    Course,
    Module,
    content_root,
    gallery_file,
    load_course,
    load_module,
)
from .progress.certificate import CertificateMaker
from .progress.knowledge_check import KnowledgeCheck
from .progress.overview import ProgressOverview
from .render import html
from .render.pages import help_items, local_services, source_items
from .widgets import Exercise, build_exercise, facilitator, shared
from .widgets.base import PAGE_LANG, Shown, in_language, mark_language, style_widget
from .widgets.glossary import GlossarySearch

_live: dict[tuple[str, str, str], Exercise] = {}


class Page:
    """Static HTML built from content: shows as HTML, summarised in plain text."""

    def __init__(self, summary: str, body: str, lang: str = PAGE_LANG) -> None:
        self.summary = summary
        self.html = in_language(body, lang)

    def __repr__(self) -> str:
        return self.summary

    def _repr_html_(self) -> str:
        return self.html


def shown_safely(call):
    """In a notebook, a content problem shows as one clear message instead of a traceback.

    The message names the file, the item and the field (or the missing module or item), so
    whoever edited the content can fix it; the other cells of the lesson still run.
    """

    @functools.wraps(call)
    def wrapper(*args, **kwargs):
        try:
            return call(*args, **kwargs)
        except (ContentError, KeyError) as err:
            message = str(err.args[0]) if err.args else type(err).__name__
            body = (
                '<div class="lessonkit-error" role="alert" style="border: 2px solid #8e2a00; '
                'padding: 0.3em 0.8em;"><p><span aria-hidden="true">\u26a0</span> '
                f"<code>{html.text(message)}</code></p></div>"
            )
            return Page(f"[content problem] {message}", body)

    return wrapper


def _build(module_id: str, item_id: str, lang: str) -> tuple[Module, Exercise]:
    course = load_course(lang, lazy=True)
    module = course.module(module_id)
    item = module.item(item_id)
    return module, build_exercise(item, course)


def build(module_id: str, item_id: str, lang: str = "en") -> Exercise:
    """Build a fresh exercise from content, without showing it."""
    return _build(module_id, item_id, lang)[1]


def _replace(key: tuple[str, str, str], shown):
    """Keep what a cell shows; close what the same cell showed before, so handlers never pile up."""
    previous = _live.pop(key, None)
    if previous is not None:
        previous.close()
    _live[key] = shown
    return shown


@shown_safely
def show(module_id: str, item_id: str, lang: str = "en") -> Exercise | Page:
    """Build an exercise for a notebook cell; the cell shows it.

    The learner's last saved answer comes back (progress store), new answers are kept, and
    the facilitator notes for the exercise sit under it, hidden unless the facilitator view
    is switched on.
    """
    module, exercise = _build(module_id, item_id, lang)
    progress.attach(exercise, module.id)
    notes = facilitator.panel(exercise.course, module, exercise.item)
    exercise.widget.children = (*exercise.widget.children, notes)
    return _replace((lang, module.id, item_id), exercise)


@shown_safely
def glossary(lang: str = "en") -> GlossarySearch | Page:
    """The glossary with its search box."""
    return _replace((lang, "", "glossary"), GlossarySearch(load_course(lang, lazy=True)))


def gallery_module(lang: str = "en") -> tuple[Course, Module]:
    """The example content that shows one exercise of each kind (for authors)."""
    course = load_course(lang, lazy=True)
    root = Path(course.root) if course.root else content_root()
    return course, load_module(gallery_file(lang, root), dict(course.sources))


@shown_safely
def example(item_id: str, lang: str = "en") -> Exercise | Page:
    """One exercise from the widget gallery's example content."""
    course, module = gallery_module(lang)
    item = module.item(item_id)
    exercise = build_exercise(item, course)
    exercise.widget.children = (*exercise.widget.children, style_widget())  # no opening here
    return _replace((lang, module.id, item_id), exercise)


def _sources_list(course: Course, ids) -> str:
    return f"<ul>{source_items(course, ids)}</ul>"


def _help(course: Course, level: int = 3) -> str:
    ui = course.ui
    rows = help_items(course)
    cite = course.cite(tuple(dict.fromkeys(s for line in course.help_lines for s in line.sources)))
    inner = (
        html.paragraph(ui.help_intro)
        + f"<ul>{rows}</ul>"
        + f"<p><small>{html.text(ui.module_sources)}: {html.text(cite)}.</small></p>"
        + local_services(course, level + 1)
    )
    return html.section(ui.help, inner, level)


def _module(module_id: str, lang: str) -> tuple[Course, Module]:
    course = load_course(lang, lazy=True)
    return course, course.module(module_id)


class OpeningControls(Shown):
    """What follows a module's opening page: a progress notice (only when there is one), the
    facilitator switch and the module's facilitator notes (hidden unless the switch is on).

    It is a widget, so the notice (which may name a folder on this computer) never becomes
    part of the stored notebook; its plain-text form is fixed.
    """

    def __init__(self, page: Page, notice: str | None, course: Course, module: Module) -> None:
        self.page = page
        self.summary = f"[opening controls] {module.id}"
        self.notice = shared.text(
            '<p class="lessonkit-notice" role="status" style="border: 2px dotted #35506b; '
            f'padding: 0.3em 0.8em;">{html.text(notice)}</p>'
            if notice
            else ""
        )
        self.switch = facilitator.switch(course)
        self.notes = facilitator.panel(course, module)
        self.widget = widgets.VBox(
            [style_widget(), self.notice, self.switch, self.notes], layout=shared.layout()
        )
        self.widget.add_class("lessonkit-opening-controls")
        mark_language(self.widget, course.lang)

    def __repr__(self) -> str:
        return self.summary


@shown_safely
def opening(module_id: str, lang: str = "en") -> OpeningControls | Page:
    """The module's content note, questions, objectives and time, then its controls.

    Shows the opening page (static HTML from content), notes that the module was opened, and
    returns the controls: a one-line notice when progress cannot be kept as usual this
    session, and the facilitator switch and notes.
    """
    course, module = _module(module_id, lang)
    ui = course.ui
    progress.module_opened(module.id, lang)
    notice = progress.session_notice(lang)
    minutes = ui.minutes.format(
        teaching=module.teaching_minutes, exercises=module.exercise_minutes, total=module.minutes
    )
    note = (
        '<section class="lessonkit-content-note" aria-label="'
        + html.text(ui.content_note)
        + '" style="border: 2px solid #5a5a5a; padding: 0.2em 0.9em; margin-bottom: 0.6em;">'
        + f"<h2>{html.text(ui.content_note)}</h2>{html.paragraph(module.content_note)}</section>"
    )
    body = (
        '<div class="lessonkit-opening">'
        + note
        + html.section(ui.questions, html.bullet_list(module.questions), level=2)
        + html.section(ui.objectives, html.bullet_list(o.text for o in module.objectives), level=2)
        + html.section(ui.time, html.paragraph(minutes), level=2)
        + "</div>"
    )
    page = Page(f"[opening] {module.id}", body, lang)
    display(page)
    return _replace((lang, module.id, "opening"), OpeningControls(page, notice, course, module))


@shown_safely
def closing(module_id: str, lang: str = "en") -> Page:
    """The module's questions to answer from memory, then its key points (folded, to open) with
    their sources, what the learner can now do, its reading list, and where to get help."""
    course, module = _module(module_id, lang)
    ui = course.ui
    points = "".join(
        f"<li>{html.text(p.text)} <small>({html.text(course.cite(p.sources))})</small></li>"
        for p in module.key_points
    )
    recall = html.paragraph(ui.closing_first) + html.bullet_list(module.questions)
    body = (
        '<div class="lessonkit-closing">'
        + html.section(ui.questions, recall)
        + f"<details><summary>{html.text(ui.closing_show_key_points)}</summary>"
        + html.section(ui.key_points, f"<ul>{points}</ul>")
        + "</details>"
        + html.paragraph(ui.closing_can_you)
        + html.bullet_list(o.text for o in module.objectives)
        + html.paragraph(ui.closing_glossary)
        + html.section(ui.module_sources, _sources_list(course, module.sources))
        + _help(course)
        + "</div>"
    )
    return Page(f"[closing] {module.id}", body, lang)


@shown_safely
def course_overview(lang: str = "en") -> Page:
    """The list of modules with their times, for the start notebook."""
    course = load_course(lang, lazy=True)
    ui = course.ui
    rows = [
        ui.module_line.format(number=f"{m.number:02d}", title=m.title, minutes=m.minutes)
        for m in course.modules
    ]
    body = '<div class="lessonkit-overview">' + html.section(ui.modules, html.bullet_list(rows), 2)
    return Page(f"[overview] {lang}: {len(rows)} modules", body + "</div>", lang)


@shown_safely
def help_lines(lang: str = "en") -> Page:
    """Where to get help, on its own."""
    course = load_course(lang, lazy=True)
    body = '<div class="lessonkit-help">' + _help(course, 2) + "</div>"
    return Page(f"[help] {lang}", body, lang)


@shown_safely
def progress_overview(lang: str = "en") -> ProgressOverview | Page:
    """The learner's progress overview, for the start and final notebooks."""
    return ProgressOverview(load_course(lang, lazy=True))


@shown_safely
def knowledge_check(sitting: str, lang: str = "en") -> KnowledgeCheck | Page:
    """The knowledge check: "before" (start notebook), "after" (last module) or "again"."""
    course = load_course(lang, lazy=True)
    return _replace((lang, "knowledge-check", sitting), KnowledgeCheck(course, sitting))


@shown_safely
def certificate(lang: str = "en") -> CertificateMaker | Page:
    """The certificate of completion, once every module is completed."""
    course = load_course(lang, lazy=True)
    return _replace((lang, "knowledge-check", "certificate"), CertificateMaker(course))
