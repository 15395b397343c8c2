"""Glossary: a search box over the course's terms, with definitions and their sources.

The search matches the term, its other names and its definition, ignoring case. Whatever the
learner types is only compared and shown escaped; it never becomes markup.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..content import Course, Term
from ..render import html
from . import shared
from .base import Shown, digest, mark_language


def matches(terms: tuple[Term, ...], query: str) -> list[Term]:
    """Terms whose name, other names or definition contain the query (ignoring case).

    Terms whose name or other names match come first; the rest keep glossary order.
    """
    wanted = " ".join(query.split()).casefold()
    if not wanted:
        return list(terms)
    named, defined = [], []
    for term in terms:
        names = [term.term, *term.also]
        if any(wanted in n.casefold() for n in names):
            named.append(term)
        elif wanted in term.definition.casefold():
            defined.append(term)
    return named + defined


class GlossarySearch(Shown):
    """The glossary, with a search box that narrows it as the learner types."""

    def __init__(self, course: Course) -> None:
        self.course = course
        self.ui = ui = course.ui
        self.terms = tuple(sorted(course.glossary, key=lambda t: t.term.casefold()))
        self.search = widgets.Text(
            value="",
            description=ui.glossary_search,
            continuous_update=True,
            style=shared.style(widgets.Text, description_width="initial"),
            layout=shared.layout(width="95%"),
        )
        self.results_html = shared.text("")
        self.found: list[Term] = []
        self.search.observe(lambda _c: self._update(), names="value")
        self.widget = widgets.VBox([self.search, self.results_html], layout=shared.layout())
        self.widget.add_class("lessonkit-exercise")
        self.widget.add_class("lessonkit-glossary")
        mark_language(self.widget, course.lang)
        self._update()

    @property
    def state(self) -> dict:
        return {"query": self.search.value, "found": [t.id for t in self.found]}

    def type(self, query: str) -> None:
        self.search.value = query

    def _update(self) -> None:
        ui, query = self.ui, self.search.value
        self.found = matches(self.terms, query)
        shown = " ".join(query.split())
        if not shown:
            head = ui.glossary_all.format(count=len(self.found))
        elif self.found:
            head = ui.glossary_found.format(count=len(self.found), query=shown)
        else:
            head = ui.glossary_none.format(query=shown)
        names = {t.id: t.term for t in self.terms}
        rows = []
        for term in self.found:
            see = ""
            if term.see:
                related = ", ".join(names[s] for s in term.see)
                see = f" <em>{html.text(ui.see_also)}: {html.text(related)}.</em>"
            cite = f"{ui.sources}: {self.course.cite(term.sources)}."
            rows.append(
                f"<dt><strong>{html.text(term.term)}</strong></dt>"
                f"<dd>{html.text(term.definition)}{see} <small>{html.text(cite)}</small></dd>"
            )
        self.results_html.value = (
            f'<p role="status">{html.text(head)}</p><dl>' + "".join(rows) + "</dl>"
        )

    @property
    def fingerprint(self) -> str:
        cited = dict.fromkeys(s for t in self.terms for s in t.sources)
        shown = (self.terms, self.ui, tuple(self.course.sources[s] for s in cited))
        return digest(shown)

    def __repr__(self) -> str:
        return f"glossary: {len(self.terms)} terms (content {self.fingerprint})"
