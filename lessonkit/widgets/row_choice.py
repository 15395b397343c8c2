"""What the scenario sorter and the matching exercise share: each row gets one choice from a
labelled list (no drag and drop), then one check gives feedback per row and a score."""

from __future__ import annotations

import ipywidgets as widgets

from . import shared
from .base import Exercise

_NONE = ""


class RowChoiceExercise(Exercise):
    """Rows, each with a labelled drop-down of the same options; subclasses say what is right.

    Subclasses call ``_build_pickers`` and ``_finish`` and define ``key`` (row id -> the right
    option id), ``_feedback_rows`` and the interface words ``_all_first`` (with ``{left}``).
    """

    def _build_pickers(self, rows, options, placeholder: str, width: str) -> None:
        """``rows`` holds (row id, label); ``options`` holds (text, option id)."""
        self.pickers: dict[str, widgets.Dropdown] = {}
        for row_id, label in rows:
            picker = widgets.Dropdown(
                options=[(placeholder, _NONE), *options],
                value=_NONE,
                description=label,
                style=shared.style(widgets.Dropdown, description_width=width),
                layout=shared.layout(width="auto"),
            )
            picker.observe(self._on_change, names="value")
            self.pickers[row_id] = picker
        self.results: dict[str, bool] | None = None
        self.wrong_checks = 0  # checks a learner made with at least one wrong row

    @property
    def key(self) -> dict[str, str]:
        raise NotImplementedError

    @property
    def choices(self) -> dict[str, str | None]:
        return {row: (p.value or None) for row, p in self.pickers.items()}

    @property
    def score(self) -> tuple[int, int] | None:
        if self.results is None:
            return None
        return sum(self.results.values()), len(self.results)

    def answer(self):
        return None if self.results is None else dict(self.choices)

    def assign(self, row_id: str, option_id: str | None) -> None:
        self.pickers[row_id].value = option_id or _NONE

    def check(self) -> None:
        self.check_button.click()

    def restore(self, answer) -> None:
        options = set(self.key.values())
        if (
            not isinstance(answer, dict)
            or set(answer) != set(self.pickers)
            or not set(answer.values()) <= options
        ):
            raise self.unfit(answer)
        for row_id, option_id in answer.items():
            self.assign(row_id, option_id)
        self._judge(notify=False)

    def reset(self) -> None:
        for row_id in self.pickers:
            self.assign(row_id, None)
        self.results = None
        self.wrong_checks = 0
        super().reset()

    def _judge(self, notify: bool) -> None:
        chosen = self.choices
        left = sum(v is None for v in chosen.values())
        if left:
            self.results = None
            self._say("info", self._all_first.format(left=left))
            return
        self.results = {row: chosen[row] == right for row, right in self.key.items()}
        right, total = self.score
        if right < total:
            self.wrong_checks += 1 if notify else 2  # a restored answer shows everything
        self._say_scored(right, total, self._feedback_rows(chosen), self.item.sources)
        if notify:
            self._answered(dict(chosen), right == total)

    def _on_change(self, _change) -> None:
        if self.results is not None:
            self.results = None
            self._say("info", self.ui.answer_changed)
