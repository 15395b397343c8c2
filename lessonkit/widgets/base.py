"""What every exercise widget shares: its display, feedback, answers as values, and a reset.

An exercise is a small class that takes one content record and the interface strings and
builds ``self.widget``. Tests and the progress store read it through plain values:

- ``state`` (a dict) and ``feedback`` (the words the learner sees, as plain text);
- ``answer()`` (the learner's answer as a JSON value) and ``restore(answer)``;
- ``on_answer(callback)``: ``callback(exercise, answer, correct)`` after each check;
  ``correct`` is True or False, or None where there is no right answer;
- ``reset()``: back to a fresh exercise.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from dataclasses import fields, is_dataclass

import ipywidgets as widgets

from ..content import Course
from ..render import html, style, svg
from . import shared


def digest(value) -> str:
    """A short fingerprint of what a widget shows: it changes when any of its content does."""
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()[:12]


class Shown:
    """What a notebook cell shows as a widget, with a fixed plain-text form.

    The plain text (``repr``) is what nbval compares and what a saved notebook keeps, so it
    names what is shown and a fingerprint of its content, never a learner's answers.
    """

    widget = None

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def close(self) -> None:
        """Close the widget and all its descendants (frees their models in the kernel)."""
        if self.widget is not None:
            close_tree(self.widget)


class Exercise(Shown):
    """Base for exercise widgets. Subclasses build their controls and call ``_finish``.

    An exercise shows as its widget. Its plain-text form (what nbval compares) is a short
    summary with a fingerprint of the content it was built from, so a stored notebook
    fails its check as soon as that content changes.
    """

    def __init__(self, item, course: Course) -> None:
        self.item = item
        self.course = course
        self.ui = course.ui
        self.widget: widgets.Box | None = None
        self.feedback = ""
        self.feedback_html = shared.text(html.EMPTY_FEEDBACK)
        self._listeners: list = []

    # -- what every kind offers
    @property
    def graded(self) -> bool:
        return self.item.graded

    def answer(self):
        """The learner's current answer as a JSON value (None before any answer)."""
        return None

    def restore(self, answer) -> None:
        """Put the widget back to a saved answer and show its feedback.

        Raises ValueError when the answer does not fit the current content.
        """
        raise self.unfit(answer)

    def unfit(self, answer) -> ValueError:
        """The error for a saved answer that no longer fits this exercise's content."""
        return ValueError(f"{self.item.kind} {self.item.id!r}: saved answer {answer!r} unfit")

    def reset(self) -> None:
        """Back to a fresh exercise."""
        self.clear_feedback()

    def clear_feedback(self) -> None:
        """No message: the feedback region stays, empty."""
        self.feedback = ""
        self.feedback_html.value = html.EMPTY_FEEDBACK

    def on_answer(self, callback) -> None:
        self._listeners.append(callback)

    def _answered(self, answer, correct: bool | None) -> None:
        for callback in list(self._listeners):
            callback(self, answer, correct)

    # -- helpers for subclasses
    def _say(self, tone: str, lead: str, body=(), sources: tuple[str, ...] = ()) -> None:
        """Show feedback: words first (lead, body, sources), in the widget and as plain text."""
        cite = self.sources_line(sources)
        body = [b for b in body if b]
        self.feedback = " ".join(p for p in [lead, *body, cite] if p)
        self.feedback_html.value = html.feedback_block(tone, lead, body, cite)

    def _say_scored(self, right: int, total: int, rows, sources: tuple[str, ...]) -> None:
        """Feedback for a set of answers: the score in words and as a bar, then one block each.

        ``rows`` holds (ok, lead, body) per answer.
        """
        score = self.ui.score.format(right=right, total=total)
        blocks, plain = [], [score]
        for ok, lead, body in rows:
            tone = "correct" if ok else "incorrect"
            blocks.append(html.feedback_block(tone, lead, body, live=False))
            plain.append(" ".join([lead, *body]))
        cite = self.sources_line(sources)
        bar = svg.score_bar(right, total, score, f"lk-{self.item.id}-score")
        self.feedback = " ".join([*plain, cite])
        self.feedback_html.value = (
            f'<div role="status"><p><strong>{html.text(score)}</strong></p>{bar}'
            + "".join(blocks)
            + f"<p><small>{html.text(cite)}</small></p></div>"
        )

    def _button(self, text: str, hides: bool = False) -> widgets.Button:
        """A button; ``hides``: it is hidden and shown, so it needs a layout of its own."""
        look = {"width": "auto", "align_self": "flex-start"}
        return widgets.Button(
            description=text,
            tooltip=text,
            layout=widgets.Layout(**look) if hides else shared.layout(**look),
            style=shared.style(widgets.Button),
        )

    def _finish(self, children: list) -> None:
        self.widget = widgets.VBox(children, layout=shared.layout(margin="0.5em 0"))
        self.widget.add_class("lessonkit-exercise")
        self.widget.add_class(f"lessonkit-{self.item.kind.replace('_', '-')}")
        mark_language(self.widget, self.course.lang)

    @property
    def fingerprint(self) -> str:
        # Everything the learner can read in it: the item, the interface words, and the names of
        # the sources it cites (not the whole source list: adding a source changes nothing here).
        cited = tuple(self.course.sources[s] for s in cited_sources(self.item))
        words = tuple((name, getattr(self.ui, name)) for name in interface_words(type(self)))
        return digest((self.item, words, cited))

    def __repr__(self) -> str:
        return f'{self.item.kind} "{self.item.id}" (content {self.fingerprint})'

    def sources_line(self, source_ids) -> str:
        return f"{self.ui.sources}: {self.course.cite(source_ids)}." if source_ids else ""

    def close(self) -> None:
        super().close()
        self._listeners.clear()


@functools.cache
def interface_words(cls) -> tuple[str, ...]:
    """The interface strings an exercise class can show: each ``ui.<name>`` in its module's code
    and in this base module's. Only these belong in its fingerprint."""
    names: set[str] = set()
    for klass in cls.__mro__:
        module = sys.modules.get(klass.__module__)
        path = getattr(module, "__file__", None)
        if path and path.endswith(".py"):
            with open(path, encoding="utf-8") as handle:
                names.update(re.findall(r"\bui\.([a-z_]+)\b", handle.read()))
    return tuple(sorted(names))


def cited_sources(record) -> tuple[str, ...]:
    """The source ids a content record cites anywhere inside it, in order, once each."""
    found: dict[str, None] = {}

    def walk(value) -> None:
        if is_dataclass(value):
            for spec in fields(value):
                inner = getattr(value, spec.name)
                if spec.name == "sources":
                    found.update(dict.fromkeys(inner))
                else:
                    walk(inner)
        elif isinstance(value, tuple):
            for inner in value:
                walk(inner)

    walk(record)
    return tuple(found)


#: The language of the pages the kit's output sits in (JupyterLab's and Voila's own words).
PAGE_LANG = "en"


def in_language(markup: str, lang: str) -> str:
    """``markup`` inside a block that says its language, when it is not the page's (WCAG 3.1.2)."""
    if lang == PAGE_LANG or not markup or markup.startswith(f'<div lang="{lang}"'):
        return markup
    return f'<div lang="{lang}">{html.typeset(markup, lang)}</div>'


def mark_language(widget, lang: str) -> None:
    """Every block of text in ``widget``'s tree says it is in ``lang``, now and after updates.

    ipywidgets gives a control's own label (a button, a drop-down) no ``lang`` attribute; the
    text blocks (HTML widgets: questions, feedback, steps) get one here.
    """
    if lang == PAGE_LANG:
        return

    def wrap(change) -> None:
        marked = in_language(change["new"], lang)
        if marked != change["new"]:
            change["owner"].value = marked

    stack = [widget]
    while stack:
        current = stack.pop()
        stack.extend(getattr(current, "children", ()))
        if isinstance(current, widgets.HTML) and "lessonkit-style" not in current._dom_classes:
            current.value = in_language(current.value, lang)
            current.observe(wrap, "value")


def style_widget() -> widgets.HTML:
    """The kit's style sheet in a hidden HTML widget (a ``<style>`` applies wherever it sits).

    Shown once per page by the opening controls; a second copy changes nothing.
    """
    sheet = widgets.HTML(
        style.style_element(),
        layout=shared.layout(display="none"),
        style=shared.style(widgets.HTML),
    )
    sheet.add_class("lessonkit-style")
    return sheet


def close_tree(widget) -> None:
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()
