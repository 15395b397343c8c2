"""What every exercise widget shares: its display, its summary line, and closing it cleanly."""

from __future__ import annotations

import hashlib

from .content import Course


class Exercise:
    """Base for exercise widgets. Subclasses build ``self.widget`` and keep their own state.

    An exercise shows as its widget. Its plain-text form (what nbval compares) is a short
    summary with a fingerprint of the content it was built from, so a stored notebook
    fails its check as soon as that content changes.
    """

    label = "exercise"

    def __init__(self, item, course: Course) -> None:
        self.item = item
        self.course = course
        self.ui = course.ui
        self.widget = None

    @property
    def fingerprint(self) -> str:
        # Everything the learner can read in it: the item, the interface words, the source names.
        shown = (self.item, self.ui, tuple(self.course.sources.values()))
        digest = hashlib.sha256(repr(shown).encode("utf-8"))
        return digest.hexdigest()[:12]

    def __repr__(self) -> str:
        return f'{self.label} "{self.item.id}" (content {self.fingerprint})'

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def sources_line(self, source_ids) -> str:
        return f"{self.ui.sources}: {self.course.cite(source_ids)}." if source_ids else ""

    def close(self) -> None:
        """Close the widget and all its children (frees their models in the kernel)."""
        if self.widget is not None:
            for child in self.widget.children:
                child.close()
            self.widget.close()
