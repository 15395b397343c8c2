"""The knowledge check widget: before the course, after it, and again some weeks later.

    from lessonkit import knowledge_check; knowledge_check("before")

* ``before`` (form a) is not scored and shows no right answer: the learner answers or skips,
  and their starting point is kept for later;
* ``after`` (form b) shows, once finished, the result before and after per concept, in words
  and as a small chart, with the module to revisit for each concept missed, and then the
  answers with why;
* ``again`` draws fresh questions from the whole bank; from some weeks after the course it
  says so, and the learner may take it any time.

Its plain-text form is fixed per sitting and content (never the learner's answers), so a stored
notebook stays the same for everyone.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import secrets
from pathlib import Path

import ipywidgets as widgets

from ..content import Course, core_concepts
from ..render import html
from ..render.answer_key import check_key_html
from ..render.notes import facilitator_box
from ..widgets import shared
from ..widgets.base import Shown, close_tree, digest, mark_language
from ..widgets.facilitator import FacilitatorPanel
from . import checks
from .session import default_store
from .store import now

CHART_WIDTH = 460
ROW = 30
LABEL = 120
BAR = 220
_FILL = {"before": "#8a8a8a", "after": "#1b5e20", "again": "#35506b"}


def sitting_label(ui, name: str) -> str:
    return {"before": ui.kc_before, "after": ui.kc_after, "again": ui.kc_again}[name]


def result_words(ui, result: checks.Result) -> str:
    return ui.kc_result_value.format(
        right=result.right, total=result.total, date=result.sitting.day
    )


def chart(course: Course, found: dict[str, checks.Result]) -> str:
    """One bar per sitting taken: how many concepts were right, with the date, in words too."""
    ui = course.ui
    shown = [n for n in checks.SITTINGS if n in found]
    rows = [
        ui.kc_chart_row.format(sitting=sitting_label(ui, n), result=result_words(ui, found[n]))
        for n in shown
    ]
    height = ROW * max(len(shown), 1) + 8
    parts = [
        f'<svg role="img" xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" '
        f'height="{height}" viewBox="0 0 {CHART_WIDTH} {height}" class="lessonkit-check-chart">'
        f"<title>{html.text(ui.kc_chart_title)}</title><desc>{html.text(' '.join(rows))}</desc>"
    ]
    for index, name in enumerate(shown):
        result = found[name]
        y = 4 + index * ROW
        mid = y + ROW / 2 + 4
        filled = round(BAR * result.right / result.total) if result.total else 0
        parts.append(
            f'<text x="0" y="{mid:g}" font-size="13">{html.text(sitting_label(ui, name))}</text>'
            f'<rect x="{LABEL}" y="{y + 4}" width="{BAR}" height="{ROW - 8}" fill="#f2f2f2" '
            'stroke="#5a5a5a" stroke-width="1"/>'
        )
        if filled:
            parts.append(
                f'<rect x="{LABEL}" y="{y + 4}" width="{filled}" height="{ROW - 8}" '
                f'fill="{_FILL[name]}"/>'
            )
        parts.append(
            f'<text x="{LABEL + BAR + 8}" y="{mid:g}" font-size="13">'
            f"{html.text(ui.score.format(right=result.right, total=result.total))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


CELL = 22
GAP = 10


def concept_chart(course: Course, found: dict[str, checks.Result]) -> str:
    """Per concept (numbered as in the table), one square per check taken: filled and ticked
    when right, hollow and crossed when not. Its description says the same in words."""
    ui = course.ui
    shown = [n for n in checks.SITTINGS if n in found]
    concepts = core_concepts(course.checks)
    label_w, head_h = 34, 20
    width = label_w + len(shown) * (CELL + GAP) + 4
    height = head_h + len(concepts) * (CELL + 6) + 4
    desc = []
    parts = []
    for col, name in enumerate(shown):
        x = label_w + col * (CELL + GAP)
        parts.append(
            f'<text x="{x}" y="14" font-size="11">{html.text(sitting_label(ui, name)[:10])}</text>'
        )
    for row, concept in enumerate(concepts):
        y = head_h + row * (CELL + 6)
        parts.append(f'<text x="0" y="{y + 16}" font-size="13">{row + 1}</text>')
        said = []
        for col, name in enumerate(shown):
            ok = found[name].by_concept.get(concept)
            x = label_w + col * (CELL + GAP)
            fill = "#1b5e20" if ok else "white"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{fill}" '
                'stroke="#1a1a1a" stroke-width="1.5"/>'
            )
            if ok:
                parts.append(
                    f'<path d="M{x + 5} {y + 11} l5 5 l8 -10" stroke="white" stroke-width="2.5" '
                    'fill="none"/>'
                )
            elif ok is False:
                parts.append(
                    f'<path d="M{x + 6} {y + 6} l10 10 M{x + 16} {y + 6} l-10 10" '
                    'stroke="#1a1a1a" stroke-width="1.5"/>'
                )
            words = ui.kc_not_asked if ok is None else (ui.kc_right if ok else ui.kc_not_right)
            said.append(f"{sitting_label(ui, name)}: {words}")
        desc.append(f"{row + 1}. {course.concept(concept).summary} {'; '.join(said)}.")
    return (
        f'<svg role="img" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="lessonkit-check-concepts">'
        f"<title>{html.text(ui.kc_table_caption)}</title><desc>{html.text(' '.join(desc))}</desc>"
        + "".join(parts)
        + "</svg>"
    )


def concept_table(course: Course, found: dict[str, checks.Result]) -> str:
    """Per concept: right or not in each sitting (in words, with a mark), and what to revisit."""
    ui = course.ui
    shown = [n for n in checks.SITTINGS if n in found]
    latest = max(shown, key=lambda n: found[n].sitting.at)
    head = "".join(
        f'<th scope="col">{html.text(h)}</th>'
        for h in (ui.kc_concept, *(sitting_label(ui, n) for n in shown), ui.kc_revisit)
    )
    body = []
    for number, concept in enumerate(core_concepts(course.checks), 1):
        cells = []
        for name in shown:
            ok = found[name].by_concept.get(concept)
            words = ui.kc_not_asked if ok is None else (ui.kc_right if ok else ui.kc_not_right)
            mark = "" if ok is None else ("\u2714 " if ok else "\u2718 ")
            cells.append(f'<td><span aria-hidden="true">{mark}</span>{html.text(words)}</td>')
        revisit = ""
        if found[latest].by_concept.get(concept) is False:
            names = ", ".join(f"{m.number:02d} {m.title}" for m in course.teaching_modules(concept))
            revisit = ui.kc_revisit_modules.format(modules=names)
        summary = course.concept(concept).summary
        body.append(
            f'<tr><th scope="row">{number}. {html.text(summary)}</th>{"".join(cells)}'
            f"<td>{html.text(revisit)}</td></tr>"
        )
    return (
        '<table class="lessonkit-check-table">'
        f"<caption>{html.text(ui.kc_table_caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def comparison_words(course: Course, found: dict[str, checks.Result]) -> str:
    ui = course.ui
    parts = [
        ui.kc_chart_row.format(sitting=sitting_label(ui, n), result=result_words(ui, found[n]))
        for n in checks.SITTINGS
        if n in found
    ]
    return " ".join(parts)


def answers_html(course: Course, result: checks.Result) -> str:
    """Each question of a finished sitting: the learner's answer, the right one, and why."""
    ui = course.ui
    rows = []
    for number, item in enumerate(result.items, 1):
        chosen = result.sitting.answers.get(item.id)
        ok = chosen == item.right
        given = (
            item.options[chosen].text
            if chosen is not None and 0 <= chosen < len(item.options)
            else ui.kc_blank
        )
        lead = f"{ui.kc_question.format(number=number, total=len(result.items))}: "
        lead += ui.correct if ok else ui.not_quite
        body = [
            item.question,
            ui.kc_your_answer.format(answer=given),
            ui.kc_right_answer.format(answer=item.options[item.right].text),
            item.explanation,
            f"{ui.sources}: {course.cite(item.sources)}.",
        ]
        rows.append(html.feedback_block("correct" if ok else "incorrect", lead, body, live=False))
    return f"<details><summary>{html.text(ui.kc_show_answers)}</summary>{''.join(rows)}</details>"


def results_file_data(course: Course, store) -> dict:
    """The learner's check results for a class summary: per concept, right or not, per sitting.

    No name, no path, no time of day, no answer text: only what a facilitator's count needs.
    """
    found = checks.results(course, store)
    return {
        "format": "lessonkit-check-results",
        "version": 1,
        "sittings": {
            name: {"concepts": {c: bool(ok) for c, ok in result.by_concept.items()}}
            for name, result in found.items()
        },
    }


def write_results_file(course: Course, store, path: Path) -> Path:
    data = json.dumps(results_file_data(course, store), ensure_ascii=False, indent=2)
    path = Path(os.path.expanduser(str(path)))
    with open(path, "x", encoding="utf-8") as handle:  # never over an existing file
        handle.write(data + "\n")
    return path


class KnowledgeCheck(Shown):
    """One sitting of the knowledge check, or its results once taken."""

    def __init__(self, course: Course, name: str, store=None, today: str | None = None) -> None:
        if name not in checks.SITTINGS:
            raise KeyError(f"knowledge_check: {name!r} not in {checks.SITTINGS}")
        self.course, self.name = course, name
        self.ui = ui = course.ui
        self.store = store if store is not None else default_store()
        self.today = today or _dt.date.today().isoformat()
        self.items = checks.items_for(course, name, self.store, self.today)
        self.message = ""
        self.intro = shared.text()
        self.questions: dict[str, widgets.RadioButtons] = {}
        self.form = widgets.VBox()
        self._build_form()
        self.finish_button = self._button(ui.kc_finish)
        self.skip_button = self._button(ui.kc_skip)
        self.retake_button = self._button(ui.kc_take_again)
        self.finish_button.on_click(self._on_finish)
        self.skip_button.on_click(self._on_skip)
        self.retake_button.on_click(self._on_retake)
        self.results_html = shared.text()
        self.status_html = shared.text(html.EMPTY_FEEDBACK)
        self.save_path = widgets.Text(
            value=ui.kc_results_name.format(code=secrets.token_hex(3)),
            description=ui.kc_results_label,
            style=shared.style(widgets.Text, description_width="initial"),
            layout=shared.layout(width="32em"),
        )
        self.save_button = self._button(ui.kc_results_save)
        self.save_button.on_click(self._on_save)
        self.save_row = widgets.HBox([self.save_path, self.save_button])
        key = check_key_html(course, self.items) if name != "again" else ""
        self.key_panel = FacilitatorPanel(
            facilitator_box(
                ui.facilitator_notes, key, ui.kc_key_for.format(check=sitting_label(ui, name))
            ),
            f"[facilitator notes] knowledge check {name} (content {digest(self.items)})",
            course.lang,
        )
        buttons = [self.finish_button] + ([self.skip_button] if name == "before" else [])
        self.widget = widgets.VBox(
            [
                self.intro,
                self.form,
                widgets.HBox(buttons, layout=shared.layout()),
                self.status_html,
                self.results_html,
                self.save_row,
                self.retake_button,
                self.key_panel,
            ],
            layout=shared.layout(margin="0.5em 0"),
        )
        self.widget.add_class("lessonkit-knowledge-check")
        mark_language(self.widget, course.lang)
        self.usable = self.store.usable
        done = checks.sittings(self.store)
        self._show(taking=name not in done or name == "again")

    def _build_form(self) -> None:
        ui = self.ui
        blocks = []
        self.questions = {}
        for number, item in enumerate(self.items, 1):
            label = ui.kc_question.format(number=number, total=len(self.items))
            text = shared.text(
                f"<p><strong>{html.text(label)}</strong> {html.text(item.question)}</p>"
            )
            picker = widgets.RadioButtons(
                options=[(item.options[i].text, i) for i in item.shown_order()],
                value=None,
                description=label,
                style=shared.style(widgets.RadioButtons, description_width="initial"),
                layout=shared.layout(width="auto"),
            )
            self.questions[item.id] = picker
            blocks.append(widgets.VBox([text, picker], layout=shared.layout()))
        old = self.form.children
        self.form.children = blocks
        for box in old:
            close_tree(box)
        mark_language(self.form, self.course.lang)

    def __repr__(self) -> str:
        drawn = self.course.checks if self.name == "again" else self.items  # not the day's draw
        return f"knowledge check {self.name!r} (content {digest((drawn, self.course.ui))})"

    def _button(self, text: str) -> widgets.Button:
        # Each is hidden and shown (layout.display): a layout of its own, the shared style.
        return widgets.Button(
            description=text,
            tooltip=text,
            layout=widgets.Layout(width="auto"),
            style=shared.style(widgets.Button),
        )

    # -- what a test reads
    @property
    def chosen(self) -> dict:
        return {item_id: picker.value for item_id, picker in self.questions.items()}

    @property
    def taking(self) -> bool:
        return self.form.layout.display != "none"

    # -- what a learner does
    def answer(self, item_id: str, option: int | None) -> None:
        self.questions[item_id].value = option

    def finish(self) -> None:
        self.finish_button.click()

    def skip(self) -> None:
        self.skip_button.click()

    # -- display
    def _intro(self) -> str:
        ui = self.ui
        lines = {
            "before": [ui.kc_before_intro, ui.kc_before_not_scored],
            "after": [ui.kc_after_intro],
            "again": [ui.kc_again_intro],
        }[self.name]
        if self.name == "again":
            start = checks.recheck_from(self.course, self.store)
            if start is None:
                lines.append(ui.kc_again_any_time)
            elif start <= self.today:
                lines.append(ui.kc_again_due.format(date=start))
            else:
                lines.append(ui.kc_again_later.format(date=start))
        if not self.store.usable:
            lines.append(ui.kc_not_kept)
        heading = ui.kc_heading.format(check=sitting_label(ui, self.name))
        return html.section(heading, "".join(html.paragraph(t) for t in lines), 3)

    def _show(self, taking: bool) -> None:
        self.intro.value = self._intro()
        display = None if taking else "none"
        self.form.layout.display = display
        self.finish_button.layout.display = display
        self.skip_button.layout.display = display if self.name == "before" else "none"
        found = checks.results(self.course, self.store)
        done = checks.sittings(self.store)
        # The check before may be taken again until the end check is taken, not after.
        can_retake = not taking and (self.name != "before" or "after" not in done)
        self.retake_button.layout.display = None if can_retake else "none"
        show_results = not taking and self.name != "before" and self.name in found
        self.save_row.layout.display = None if show_results and self.store.usable else "none"
        if not taking and self.name == "before" and "before" in done:
            sitting = done["before"]
            words = self.ui.kc_before_skipped if sitting.skipped else self.ui.kc_before_done
            self.results_html.value = html.paragraph(words.format(date=sitting.day))
        elif show_results:
            self.results_html.value = self.results_view(found)
        else:
            self.results_html.value = ""

    def results_view(self, found: dict[str, checks.Result]) -> str:
        ui = self.ui
        mine = found[self.name]
        missed = checks.missed_concepts(mine)
        lines = [html.paragraph(comparison_words(self.course, found))]
        if "before" not in found and self.name == "after":
            lines.append(html.paragraph(ui.kc_no_before))
        lines.append(
            html.paragraph(ui.kc_missed.format(count=len(missed)) if missed else ui.kc_all_right)
        )
        body = (
            "".join(lines)
            + '<div style="display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start;">'
            + chart(self.course, found)
            + concept_chart(self.course, found)
            + "</div>"
            + concept_table(self.course, found)
            + answers_html(self.course, mine)
        )
        return html.section(ui.kc_results_heading, body, 3)

    def _say(self, tone: str, text: str) -> None:
        self.message = text
        self.status_html.value = html.feedback_block(tone, text, [])

    # -- handlers
    def _keep(self, skipped: bool) -> bool:
        answer = checks.sitting_answer(self.items, {} if skipped else self.chosen, skipped)
        return self.store.record(checks.MODULE, self.name, checks.KIND, answer, None, False)

    def _on_finish(self, _button=None) -> None:
        ui = self.ui
        blank = sum(1 for v in self.chosen.values() if v is None)
        if blank == len(self.items):
            return self._say("info", ui.kc_answer_first)
        kept = self._keep(skipped=False)
        if self.name == "before":
            words = ui.kc_before_thanks
        else:
            words = ui.kc_finished
        if blank:
            words += " " + ui.kc_left_blank.format(count=blank)
        if not kept:
            words += " " + ui.kc_not_kept
        self._show(taking=False)
        if not kept and self.name != "before":  # nothing kept: show this sitting's result anyway
            sitting = checks.Sitting(self.name, now(), False, dict(self.chosen))
            found = checks.results(self.course, self.store)
            found[self.name] = checks.judge_sitting(self.course, sitting)
            self.results_html.value = self.results_view(found)
        self._say("correct" if kept else "info", words)
        self._focus_after()

    def _focus_after(self) -> None:
        """The buttons just pressed are hidden: the focus goes to one that stays."""
        if self.retake_button.layout.display != "none":
            self.retake_button.focus()
        elif self.save_row.layout.display != "none":
            self.save_button.focus()

    def _on_skip(self, _button=None) -> None:
        kept = self._keep(skipped=True)
        self._show(taking=False)
        words = self.ui.kc_skipped
        self._say("info", words if kept else f"{words} {self.ui.kc_not_kept}")
        self._focus_after()

    def _on_retake(self, _button=None) -> None:
        if self.name == "again":  # a fresh draw, avoiding the questions just met
            self.today = now()
            self.items = checks.items_for(self.course, self.name, self.store, self.today)
            self._build_form()
        for picker in self.questions.values():
            picker.value = None
        self.status_html.value = html.EMPTY_FEEDBACK
        self._show(taking=True)
        first = next(iter(self.questions.values()), None)
        if first is not None:
            first.focus()

    def _on_save(self, _button=None) -> None:
        ui = self.ui
        text = self.save_path.value.strip() or ui.kc_results_name.format(code=secrets.token_hex(3))
        path = Path(text if text.endswith(".json") else text + ".json")
        try:
            written = write_results_file(self.course, self.store, path)
        except FileExistsError:
            return self._say("info", ui.progress_export_exists.format(path=str(path)))
        except OSError as err:
            reason = err.strerror or str(err)
            return self._say(
                "incorrect", ui.progress_export_failed.format(path=str(path), reason=reason)
            )
        self._say("correct", ui.kc_results_saved.format(path=str(written)))


def overview_section(course: Course, store) -> str:
    """For the progress overview: the results of the checks taken, side by side, with dates."""
    ui = course.ui
    found = checks.results(course, store)
    if not found:
        body = html.paragraph(ui.progress_checks_none)
    else:
        head = "".join(
            f'<th scope="col">{html.text(sitting_label(ui, n))}</th>'
            for n in checks.SITTINGS
            if n in found
        )
        cells = "".join(
            f"<td>{html.text(result_words(ui, found[n]))}</td>"
            for n in checks.SITTINGS
            if n in found
        )
        body = (
            '<table class="lessonkit-check-overview">'
            f"<caption>{html.text(ui.kc_chart_title)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody><tr>{cells}</tr></tbody></table>"
            + chart(course, found)
        )
        start = checks.recheck_from(course, store)
        if start is not None and "again" not in found:
            words = ui.kc_again_due if start <= _dt.date.today().isoformat() else ui.kc_again_later
            body += html.paragraph(words.format(date=start))
    return html.section(ui.progress_checks_heading, body, 3)
