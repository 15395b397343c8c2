"""Printable handouts, built from content: ``python -m lessonkit handouts --out DIR``.

One self-contained HTML file per module (questions with space to answer, key points, sources
as plain text, help lines) and ``answer-key.html`` for facilitators. The files need nothing
else: no script, no style sheet, font or picture to fetch, so they open and print offline.
An authoring tool: notebooks never import it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..content import (
    AFTER,
    BEFORE,
    ContentError,
    Course,
    Item,
    Module,
    course_notes,
    form_items,
    load_course,
)
from ..render import html
from ..render.answer_key import answer_key_html, check_key_html
from ..render.pages import help_items, local_services, source_items

GENERATOR = "lessonkit handouts"
ANSWER_KEY = "answer-key.html"
REFERRAL_PLAN = "referral-plan.html"
BOX = "\u2610"  # a tick box that prints

# Print CSS: black on white, wide margins, an exercise never split across pages if it fits.
STYLE = """
body { font-family: Georgia, "Times New Roman", serif; font-size: 12pt; line-height: 1.45;
       color: #000; background: #fff; max-width: 46em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #000; margin-top: 1.4em; }
h3 { font-size: 1.05em; margin-bottom: 0.3em; }
.note { border: 2px solid #000; padding: 0.2em 0.8em; }
.exercise { margin: 1em 0 1.4em; }
.choices { list-style: none; padding-left: 0.5em; }
.line { border-bottom: 1px solid #555; height: 1.9em; }
.blank { display: inline-block; width: 4em; border-bottom: 1px solid #555; }
.small { font-size: 0.9em; }
@page { margin: 2cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  .exercise, .keep { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
"""


def _lines(count: int) -> str:
    return '<div class="answer-space">' + '<div class="line"></div>' * count + "</div>"


def _choices(texts) -> str:
    # The box is for the pen: a screen reader reads the choice, not "ballot box".
    rows = "".join(f'<li><span aria-hidden="true">{BOX}</span> {html.text(t)}</li>' for t in texts)
    return f'<ul class="choices">{rows}</ul>'


def _page(lang: str, title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.text(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.text(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{html.typeset(body, lang)}\n</main>\n</body>\n</html>\n"
    )


def _title(course: Course, module: Module) -> str:
    return course.ui.handout_title.format(number=f"{module.number:02d}", title=module.title)


def _quiz(item, ui) -> str:
    body = ""
    hint = ui.handout_tick_all if item.multiple else ui.handout_tick_one
    body = html.paragraph(hint) + _choices(item.options[i].text for i in item.shown_order())
    body += html.paragraph(ui.handout_why) + _lines(2)
    return body


def _myth_or_fact(item, ui) -> str:
    body = ""
    body = html.paragraph(ui.myth_or_fact) + _choices([ui.myth, ui.fact])
    body += html.paragraph(ui.handout_why) + _lines(3)
    return body


def _scenario_sorter(item, ui) -> str:
    body = ""
    labels = [c.label for c in item.categories]
    rows = "".join(
        f"<li><p>{html.text(s.text)}</p>{_choices(labels)}</li>" for s in item.scenarios
    )
    body = f"<ol>{rows}</ol>"
    return body


def _matching(item, ui) -> str:
    body = ""
    letters = [chr(ord("A") + i) for i in range(len(item.right))]
    left = "".join(
        f'<li>{html.text(m.text)} <span class="blank"></span></li>' for m in item.left
    )
    right = "".join(
        f"<li>{letter}. {html.text(r.text)}</li>"
        for letter, r in zip(letters, item.right, strict=True)
    )
    body = (
        html.paragraph(ui.handout_write_letter)
        + f"<h4>{html.text(item.left_label)}</h4><ol>{left}</ol>"
        + f'<h4>{html.text(item.right_label)}</h4><ul class="choices">{right}</ul>'
    )
    return body


def _definition_builder(item, ui) -> str:
    body = ""
    for part in item.parts:
        body += f"<h4>{html.text(part.label)}</h4>" + _choices(o.text for o in part.options)
    for test in item.tests:
        body += f"<h4>{html.text(test.name)}</h4>" + _choices([ui.builder_yes, ui.builder_no])
        body += html.paragraph(ui.handout_why) + _lines(2)
    body += f'<p class="small">{html.text(item.caution)}</p>'
    return body


def _journey_map(item, ui) -> str:
    body = ""
    body = html.paragraph(item.description)
    for stage in item.stages:
        body += f"<h4>{html.text(stage.label)}</h4>" + html.paragraph(stage.summary)
        body += html.paragraph(ui.who_can_act) + _lines(2)
    return body


def _spectrum(item, ui) -> str:
    body = ""
    body = html.paragraph(ui.key_order.format(low=item.low, high=item.high))
    body += (
        "<ol>"
        + "".join(
            f"<li><strong>{html.text(s.label)}</strong>: {html.text(s.description)}</li>"
            for s in item.steps
        )
        + "</ol>"
    )
    body += html.paragraph(ui.handout_notes) + _lines(3)
    return body


def _branching(item, ui) -> str:
    start = item.step(item.start)
    body = html.paragraph(start.text)
    if ui.what_do_you_do not in start.text:  # the step may already ask it
        body += html.paragraph(ui.what_do_you_do)
    body += _choices(c.text for c in start.choices)
    body += html.paragraph(ui.handout_why) + _lines(3)
    body += f'<div class="note">{html.paragraph(ui.handout_procedure)}{_lines(2)}</div>'
    return body


def _reflection(item, ui) -> str:
    body = ""
    if item.guidance:
        body = html.paragraph(item.guidance)
    body += _lines(6)
    return body


# How each kind is printed, by the kind's name in the content files.
ON_PAPER = {
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


def exercise_html(course: Course, item: Item, number: int) -> str:
    """One exercise on paper: what to answer, the choices, and space to write."""
    head = f"<h3>{number}. {html.text(item.headline)}</h3>"
    body = ON_PAPER[item.kind](item, course.ui)
    return f'<section class="exercise">{head}{body}</section>'


def _help(course: Course) -> str:
    ui = course.ui
    return (
        f'<section class="keep"><h2>{html.text(ui.help)}</h2>'
        + html.paragraph(ui.help_intro)
        + f"<ul>{help_items(course)}</ul>"
        + local_services(course, 3)
        + "</section>"
    )


def _sources(course: Course, ids) -> str:
    return f'<ul class="small">{source_items(course, ids, strong=False)}</ul>'


def module_handout(course: Course, module: Module) -> str:
    """The learner's handout for one module, as a complete HTML page."""
    ui = course.ui
    title = _title(course, module)
    minutes = ui.minutes.format(
        teaching=module.teaching_minutes, exercises=module.exercise_minutes, total=module.minutes
    )
    exercises = "".join(exercise_html(course, item, n) for n, item in enumerate(module.items, 1))
    points = "".join(
        f'<li>{html.text(p.text)} <span class="small">({html.text(course.cite(p.sources))})'
        "</span></li>"
        for p in module.key_points
    )
    body = (
        f"<h1>{html.text(title)}</h1>"
        + html.paragraph(minutes)
        + f'<section class="note keep"><h2>{html.text(ui.content_note)}</h2>'
        + html.paragraph(module.content_note)
        + "</section>"
        + f"<section><h2>{html.text(ui.questions)}</h2>{html.bullet_list(module.questions)}"
        + "</section>"
        + f"<section><h2>{html.text(ui.objectives)}</h2>"
        + html.bullet_list(o.text for o in module.objectives)
        + "</section>"
        + f"<section><h2>{html.text(ui.handout_exercises)}</h2>{exercises}</section>"
        + f'<section class="keep"><h2>{html.text(ui.key_points)}</h2><ul>{points}</ul></section>'
        + f"<section><h2>{html.text(ui.module_sources)}</h2>"
        + _sources(course, module.sources)
        + "</section>"
        + _help(course)
    )
    return _page(course.lang, title, body)


def answer_key(course: Course) -> str:
    """Every module's answers with their reasoning, and the discussion prompts, for facilitators."""
    ui = course.ui
    notes = course_notes(course)
    body = f"<h1>{html.text(ui.answer_key_title)}</h1>" + html.paragraph(ui.answer_key_intro)
    for module in sorted(course.modules, key=lambda m: m.number):
        note = notes.get(module.id)
        body += f"<h2>{html.text(_title(course, module))}</h2>"
        for number, item in enumerate(module.items, 1):
            extra = ""
            exercise = note.exercise(item.id) if note else None
            if exercise is not None:
                for label, value in (
                    (ui.fac_reasoning, exercise.reasoning),
                    (ui.fac_discuss, exercise.discuss),
                ):
                    if value:
                        extra += f"<p><strong>{html.text(label)}</strong>: {html.text(value)}</p>"
            body += (
                f'<section class="exercise"><h3>{number}. {html.text(item.headline)}</h3>'
                + answer_key_html(course, item, 4)
                + extra
                + "</section>"
            )
        if note is not None:
            prompts = "".join(
                f"<li>{html.text(p.question)}{html.bullet_list(p.points)}</li>"
                for p in note.prompts
            )
            body += f'<section class="keep"><h3>{html.text(ui.fac_prompts)}</h3><ol>{prompts}</ol>'
            body += "</section>"
    body += f"<h2>{html.text(ui.kc_key_title)}</h2>" + html.paragraph(ui.kc_key_intro)
    for form, label in ((BEFORE, ui.kc_before), (AFTER, ui.kc_after)):
        body += (
            f'<section class="exercise"><h3>{html.text(label)}</h3>'
            + check_key_html(course, form_items(course.checks, form), 4)
            + "</section>"
        )
    body += _help(course)
    return _page(course.lang, ui.answer_key_title, body)


def referral_plan(course: Course) -> str:
    """The one page a facilitator keeps at hand: the help lines, the local services added in
    content/local/services.toml, and room for their own organization's procedure."""
    ui = course.ui
    body = (
        f"<h1>{html.text(ui.referral_title)}</h1>"
        + html.paragraph(ui.referral_intro)
        + _help(course)
        + (html.paragraph(ui.referral_no_local) if not course.local_services else "")
        + f'<section class="keep"><h2>{html.text(ui.referral_procedure)}</h2>{_lines(6)}</section>'
    )
    return _page(course.lang, ui.referral_title, body)


class HandoutError(Exception):
    """The handouts cannot be written; the message says why in one line."""


def file_name(module: Module) -> str:
    return f"{module.id}.html"


def write_handouts(out: Path, lang: str = "en") -> list[Path]:
    """Write every module's handout and the answer key into ``out``; return the paths written.

    Files of the same name are replaced only when this tool wrote them; anything else in the
    folder is left alone.
    """
    course = load_course(lang)
    pages = {file_name(m): module_handout(course, m) for m in course.modules}
    pages[ANSWER_KEY] = answer_key(course)
    pages[REFERRAL_PLAN] = referral_plan(course)
    if out.exists() and not out.is_dir():
        raise HandoutError(f"{out} is a file, not a folder")
    for name in pages:
        target = out / name
        ours = target.exists() and GENERATOR in target.read_text("utf-8", errors="replace")
        if target.exists() and not ours:
            raise HandoutError(f"{target} exists and was not written by this tool; nothing written")
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, page in pages.items():
            (out / name).write_text(page, encoding="utf-8")
            written.append(out / name)
    except OSError as err:
        raise HandoutError(f"cannot write to {out}: {err.strerror}") from None
    return written


# ---------------------------------------------------------------- command line

DEFAULT_OUT = "_build/handouts"


def add_arguments(parser) -> None:
    """The options of ``python -m lessonkit handouts``."""
    parser.add_argument("--out", default=DEFAULT_OUT, help=f"folder (default: {DEFAULT_OUT})")
    parser.add_argument("--lang", default="en", help="content language (default: en)")


def run(args) -> int:
    try:
        written = write_handouts(Path(args.out), args.lang)
    except ContentError as err:
        print(f"handouts: {err}", file=sys.stderr)
        print("Fix the content first (python -m lessonkit check).", file=sys.stderr)
        return 1
    except HandoutError as err:
        print(f"handouts: {err}", file=sys.stderr)
        return 1
    print(
        f"Wrote {len(written)} files to {args.out}: one handout per module, {ANSWER_KEY} "
        f"and {REFERRAL_PLAN}."
    )
    return 0
