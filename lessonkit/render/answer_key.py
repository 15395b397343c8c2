"""The answer key: the answers to each exercise, with their reasoning, as HTML.

Derived from the exercise records themselves, so the key can never drift from what learners
see. One function per kind, in ``ANSWER_KEYS``; the facilitator panel and the paper answer key
both use :func:`answer_key_html`.
"""

from __future__ import annotations

from ..content import Course, Item
from . import html


def good_path(item) -> list[tuple]:
    """The path a learner takes by always choosing the first "good" choice: (step, choice)."""
    path, seen = [], set()
    step = item.step(item.start)
    while not step.ending and step.id not in seen:
        seen.add(step.id)
        choice = next((c for c in step.choices if c.tone == "good"), None)
        if choice is None:
            break
        path.append((step, choice))
        step = item.step(choice.next)
    path.append((step, None))
    return path


def _heading(words: str, level: int) -> str:
    return f"<h{level}>{html.text(words)}</h{level}>"


def _quiz(item, ui, level: int) -> list[str]:
    parts: list[str] = []
    right = [o for o in item.options if o.correct]
    label = ui.key_right_multiple if item.multiple else ui.key_right
    parts.append(
        _heading(label, level)
        + html.items(
            f"<strong>{html.text(o.text)}</strong><br>{html.text(o.feedback)}" for o in right
        )
    )
    others = [o for o in item.options if not o.correct]
    if others:
        parts.append(
            _heading(ui.key_other, level)
            + html.items(f"{html.text(o.text)}<br>{html.text(o.feedback)}" for o in others)
        )
    parts.append(html.paragraph(item.explanation))
    return parts

def _myth_or_fact(item, ui, level: int) -> list[str]:
    parts: list[str] = []
    verdict = ui.myth if item.answer == "myth" else ui.fact
    parts.append(f"<p>{html.labelled(ui.key_right, verdict)}. {html.text(item.explanation)}</p>")
    return parts

def _scenario_sorter(item, ui, level: int) -> list[str]:
    parts: list[str] = []
    parts.append(
        html.items(
            f"{html.text(s.text)}<br><strong>{html.text(item.category(s.answer).label)}</strong>:"
            f" {html.text(s.feedback)}"
            for s in item.scenarios
        )
    )
    return parts

def _matching(item, ui, level: int) -> list[str]:
    parts: list[str] = []
    parts.append(
        html.items(
            f"{html.text(m.text)}<br><strong>{html.text(item.partner(m.match).text)}</strong>: "
            f"{html.text(m.feedback)}"
            + (f"<br>{html.labelled(ui.key_hint, m.hint)}" if m.hint else "")
            for m in item.left
        )
    )
    return parts

def _definition_builder(item, ui, level: int) -> list[str]:
    parts: list[str] = []
    rows = []
    for part in item.parts:
        options = [
            f"{html.text(o.text)}: "
            + html.text(
                ui.key_gives.format(elements=", ".join(o.gives))
                if o.gives
                else ui.key_gives_nothing
            )
            for o in part.options
        ]
        rows.append(f"<strong>{html.text(part.label)}</strong>{html.items(options)}")
    parts.append(html.items(rows))
    for test in item.tests:
        missing = html.items(html.labelled(element, why) for element, why in test.missing)
        parts.append(
            f"<p><strong>{html.text(test.name)}</strong>: "
            + html.text(ui.key_requires.format(elements=", ".join(test.requires)))
            + f" {html.text(test.yes)}</p>{missing}"
        )
    parts.append(html.paragraph(item.caution))
    return parts

def _journey_map(item, ui, level: int) -> list[str]:
    parts: list[str] = []
    parts.append(
        html.items(
            f"<strong>{html.text(stage.label)}</strong>: {html.text(stage.summary)} "
            f"{html.text(ui.who_can_act)}:"
            + html.items(html.labelled(a.name, a.action) for a in stage.actors)
            for stage in item.stages
        )
    )
    return parts

def _spectrum(item, ui, level: int) -> list[str]:
    parts: list[str] = []
    parts.append(html.paragraph(ui.key_order.format(low=item.low, high=item.high)))
    parts.append(
        "<ol>"
        + "".join(f"<li>{html.labelled(s.label, s.description)}</li>" for s in item.steps)
        + "</ol>"
    )
    return parts

def _branching(item, ui, level: int) -> list[str]:
    parts: list[str] = []
    rows = []
    for step, choice in good_path(item):
        row = html.text(step.text)
        if choice is not None:
            row += (
                f"<br><strong>{html.text(choice.text)}</strong>: {html.text(choice.feedback)}"
            )
            others = [c for c in step.choices if c is not choice]
            if others:
                row += f"<br>{html.text(ui.key_other_choices)}:" + html.items(
                    f"{html.text(c.text)}: {html.text(c.feedback)}" for c in others
                )
        rows.append(f"<li>{row}</li>")
    parts.append(
        _heading(ui.key_good_path, level) + f"<ol>{''.join(rows)}</ol>"
    )
    return parts

def _reflection(item, ui, level: int) -> list[str]:
    parts: list[str] = []
    if item.points:
        parts.append(html.paragraph(ui.points_to_consider) + html.bullet_list(item.points))
    if item.guidance:
        parts.append(html.paragraph(item.guidance))
    return parts

# How each kind's answers are written, by the kind's name in the content files.
ANSWER_KEYS = {
    "quiz": _quiz,
    "myth_or_fact": _myth_or_fact,
    "scenario_sorter": _scenario_sorter,
    "matching": _matching,
    "definition_builder": _definition_builder,
    "journey_map": _journey_map,
    "spectrum": _spectrum,
    "branching": _branching,
    "reflection": _reflection,
}


def answer_key_html(course: Course, item: Item, level: int = 5) -> str:
    """The answers to one exercise, with their reasoning, derived from its content record.

    Its own headings (the right answer, the others, the good path) are at ``level``.
    """
    ui = course.ui
    parts = ANSWER_KEYS[item.kind](item, ui, level)
    sources = item.sources
    if sources:
        parts.append(
            f"<p><small>{html.text(ui.sources)}: {html.text(course.cite(sources))}.</small></p>"
        )
    return "".join(parts)




def check_key_html(course: Course, items, level: int = 4) -> str:
    """The answer key of one knowledge-check form: per question, its concept, the right answer
    and why (for the facilitator view and the paper answer key)."""
    ui = course.ui
    rows = []
    for number, item in enumerate(items, 1):
        rows.append(
            _heading(ui.kc_question.format(number=number, total=len(items)), level)
            + html.paragraph(item.question)
            + f"<p>{html.labelled(ui.key_right, item.options[item.right].text)}</p>"
            + html.paragraph(item.explanation)
            + f"<p><small>{html.text(ui.kc_checks_concept)}: "
            + f"{html.text(course.concept(item.concept).summary)} "
            + f"({html.text(ui.sources)}: {html.text(course.cite(item.sources))})</small></p>"
        )
    return "".join(rows)
