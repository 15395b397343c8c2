"""Definition builder: pick one element from each list; learn what the combination means.

Each option gives zero or more elements (for example "act", "means", "purpose").
Each test (for example the UN Protocol, the Criminal Code) requires some elements;
the feedback says, per test, whether the combination meets it and, if not, why.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..content import Course, DefinitionBuilder
from ..render import html
from . import shared
from .base import Exercise

_NOTHING = ""


class DefinitionBuilderExercise(Exercise):

    def __init__(self, item: DefinitionBuilder, course: Course) -> None:
        super().__init__(item, course)
        ui = self.ui
        self.prompt = shared.text(html.paragraph(item.prompt))
        self.pickers = {
            part.id: widgets.Dropdown(
                options=[(ui.builder_choose, _NOTHING)] + [(o.text, o.id) for o in part.options],
                value=_NOTHING,
                description=part.label,
                style=shared.style(widgets.Dropdown, description_width="10em"),
                layout=shared.layout(width="95%"),
            )
            for part in item.parts
        }
        self.check_button = self._button(ui.builder_check)
        self.verdicts: dict[str, bool] | None = None
        for picker in self.pickers.values():
            picker.observe(self._on_change, names="value")
        self.check_button.on_click(self._on_check)
        self._finish([self.prompt, *self.pickers.values(), self.check_button, self.feedback_html])

    @property
    def choices(self) -> dict[str, str | None]:
        return {part: (p.value or None) for part, p in self.pickers.items()}

    @property
    def state(self) -> dict:
        return {"item": self.item.id, "choices": self.choices, "verdicts": self.verdicts}

    def choose(self, part_id: str, option_id: str | None) -> None:
        self.pickers[part_id].value = option_id or _NOTHING

    def check(self) -> None:
        self.check_button.click()

    def answer(self):
        return None if self.verdicts is None else dict(self.choices)

    def restore(self, answer) -> None:
        known = {part.id: {o.id for o in part.options} for part in self.item.parts}
        if not isinstance(answer, dict) or any(
            answer.get(part) not in options for part, options in known.items()
        ):
            raise self.unfit(answer)
        for part in known:
            self.choose(part, answer[part])
        self._judge(notify=False)

    def reset(self) -> None:
        for part in self.pickers:
            self.choose(part, None)
        self.verdicts = None
        super().reset()

    def elements(self) -> set[str]:
        chosen = self.choices
        found: set[str] = set()
        for part in self.item.parts:
            for option in part.options:
                if option.id == chosen[part.id]:
                    found.update(option.gives)
        return found

    def _on_check(self, _button=None) -> None:
        self._judge(notify=True)

    def _judge(self, notify: bool) -> None:
        ui = self.ui
        if None in self.choices.values():
            self.verdicts = None
            self.feedback = ui.builder_choose_all
            self.feedback_html.value = html.feedback_block("info", ui.builder_choose_all, [])
            return
        present = self.elements()
        self.verdicts = {}
        blocks, plain = [], []
        sources: list[str] = []
        for test in self.item.tests:
            missing = [e for e in test.requires if e not in present]
            ok = not missing
            self.verdicts[test.id] = ok
            lead = ui.builder_verdict.format(
                test=test.name, verdict=ui.builder_yes if ok else ui.builder_no
            )
            body = [test.yes] if ok else [test.why_missing(e) for e in missing]
            blocks.append(
                html.feedback_block("correct" if ok else "incorrect", lead, body, live=False)
            )
            plain.append(" ".join([lead, *body]))
            sources += [s for s in test.sources if s not in sources]
        note = html.paragraph(self.item.caution)
        cite = self.sources_line(tuple(sources))
        self.feedback = " ".join([*plain, self.item.caution, cite])
        self.feedback_html.value = (
            '<div role="status">'
            + "".join(blocks)
            + note
            + f"<p><small>{html.text(cite)}</small></p></div>"
        )
        if notify:
            self._answered(dict(self.choices), None)

    def _on_change(self, _change) -> None:
        if self.verdicts is not None:
            self.verdicts = None
            self.feedback = self.ui.builder_changed
            self.feedback_html.value = html.feedback_block("info", self.ui.builder_changed, [])
