"""The learner's progress overview: a bar chart and a table, export, Start over, delete-all.

    from lessonkit.progress_view import progress_overview; progress_overview()

Shown as a widget. Its plain-text form (what nbval compares, and what a saved notebook keeps as
the cell's output) is always ``progress overview``: it never depends on the learner's answers,
so no answer is written into a notebook file.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets

from . import html, progress
from .answers import describe
from .content import Course, Module

REPR = "progress overview"
CHART_WIDTH = 420
LABEL_WIDTH = 34
BAR_WIDTH = 240
ROW_HEIGHT = 28
_COLOURS = {True: "#1b5e20", False: "#35506b"}


@dataclass(frozen=True)
class ModuleSummary:
    module: Module
    opened: bool
    completed: bool
    right: int  # graded items whose latest answer is correct
    total: int  # graded items

    @property
    def number(self) -> str:
        return f"{self.module.number:02d}"


def summarize(course: Course, store) -> tuple[list[ModuleSummary], list[progress.Answer]]:
    """Per module: opened, completed, score; and the answers kept for items that are gone."""
    records = store.modules()
    rows = []
    known: set[tuple[str, str]] = set()
    for module in course.modules:
        graded = progress.graded_items(module, course)
        latest = store.module_state(module.id)
        ever_right = store.ever_right(module.id)
        known.update((module.id, item.id) for item in module.items)
        opened = module.id in records or bool(latest)
        completed = (set(graded) <= ever_right) if graded else opened
        rows.append(
            ModuleSummary(
                module=module,
                opened=opened,
                completed=opened and completed,
                right=sum(1 for i in graded if i in latest and latest[i].correct),
                total=len(graded),
            )
        )
    orphans = [
        a
        for a in store.answers()
        if (a.module, a.item) not in known or (a.module, a.item) in store.unfit
    ]
    return rows, orphans


def _score(ui, row: ModuleSummary) -> str:
    if not row.total:
        return ui.progress_no_checks
    return ui.progress_score_value.format(right=row.right, total=row.total)


def _status(ui, row: ModuleSummary) -> str:
    return ui.progress_yes if row.completed else ui.progress_not_yet


def chart(course: Course, rows: list[ModuleSummary]) -> str:
    """An SVG bar chart of the score per module, with a title and a description in words."""
    ui = course.ui
    done = sum(r.completed for r in rows)
    desc = " ".join(
        [ui.progress_chart_summary.format(completed=done, total=len(rows))]
        + [
            ui.progress_chart_row.format(
                number=r.number, score=_score(ui, r), status=_status(ui, r)
            )
            for r in rows
        ]
    )
    height = ROW_HEIGHT * max(len(rows), 1) + 8
    parts = [
        f'<svg role="img" xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" '
        f'height="{height}" viewBox="0 0 {CHART_WIDTH} {height}" class="lessonkit-progress-chart">'
        f"<title>{html.text(ui.progress_chart_title)}</title><desc>{html.text(desc)}</desc>"
    ]
    for index, row in enumerate(rows):
        y = 4 + index * ROW_HEIGHT
        mid = y + ROW_HEIGHT / 2 + 4
        parts.append(f'<text x="0" y="{mid:g}" font-size="13">{html.text(row.number)}</text>')
        label = _score(ui, row) + (" \u2714" if row.completed else "")
        if row.total:
            filled = round(BAR_WIDTH * row.right / row.total)
            colour = _COLOURS[row.completed]
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{BAR_WIDTH}" '
                f'height="{ROW_HEIGHT - 8}" fill="#f2f2f2" stroke="#5a5a5a" stroke-width="1"/>'
            )
            if filled:
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{filled}" '
                    f'height="{ROW_HEIGHT - 8}" fill="{colour}"/>'
                )
        parts.append(
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{mid:g}" font-size="13">'
            f"{html.text(label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def table(course: Course, rows: list[ModuleSummary]) -> str:
    """The same facts as the chart, as a plain table."""
    ui = course.ui
    head = "".join(
        f'<th scope="col">{html.text(h)}</th>'
        for h in (ui.progress_module, ui.progress_completed, ui.progress_score)
    )
    body = "".join(
        f'<tr><th scope="row">{html.text(r.number)} {html.text(r.module.title)}</th>'
        f"<td>{html.text(_status(ui, r))}</td><td>{html.text(_score(ui, r))}</td></tr>"
        for r in rows
    )
    return (
        '<table class="lessonkit-progress-table">'
        f"<caption>{html.text(ui.progress_chart_title)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


# ---------------------------------------------------------------- export


def default_export_name(ui) -> str:
    return ui.progress_export_name.format(date=_dt.date.today().isoformat())


def export_paths(text: str, ui) -> tuple[Path, Path]:
    """The Markdown and JSON files for what the learner typed (a name, or a path without end)."""
    base = Path(os.path.expanduser(text.strip() or default_export_name(ui)))
    if base.suffix.lower() in (".md", ".json"):
        base = base.with_suffix("")
    return Path(f"{base}.md"), Path(f"{base}.json")


def _question(item) -> str:
    for name in ("question", "prompt", "text"):
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return item.id


def _result(ui, answer: progress.Answer) -> str:
    if answer.correct is None:
        return ui.progress_saved
    return ui.progress_right if answer.correct else ui.progress_wrong


def _markdown_answer(ui, answer: progress.Answer, item=None) -> list[str]:
    lines = [f"- {ui.progress_answer_line.format(when=answer.at, result=_result(ui, answer))}"]
    words = describe(item, answer.answer, ui) if item is not None else None
    if words is not None:
        lines += ["", *[f"  > {line}" for line in words], ""]
    elif isinstance(answer.answer, str):
        lines += ["", *[f"  > {line}" for line in answer.answer.splitlines() or [""]], ""]
    else:
        lines += ["", "  ```json", f"  {json.dumps(answer.answer, ensure_ascii=False)}", "  ```"]
    return lines


def export_data(course: Course, store) -> dict:
    """Everything kept about the learner, as plain data (what the JSON file holds)."""
    rows, orphans = summarize(course, store)
    records = store.modules()
    orphan_ids = {a.id for a in orphans}
    return {
        "format": "lessonkit-progress",
        "version": 1,
        "exported": progress.now(),
        "store": str(store.path),
        "modules": [
            {
                "id": r.module.id,
                "title": r.module.title,
                "opened": r.opened,
                "completed": r.completed,
                "score": {"right": r.right, "total": r.total},
                "first_opened": getattr(records.get(r.module.id), "first_opened", None),
                "last_opened": getattr(records.get(r.module.id), "last_opened", None),
                "completed_at": getattr(records.get(r.module.id), "completed", None),
            }
            for r in rows
        ],
        "answers": [
            {
                "module": a.module,
                "item": a.item,
                "kind": a.kind,
                "answer": a.answer,
                "correct": a.correct,
                "graded": a.graded,
                "at": a.at,
                "orphaned": a.id in orphan_ids,
            }
            for a in store.answers()
        ],
    }


def export_markdown(course: Course, store, data: dict) -> str:
    ui = course.ui
    rows, orphans = summarize(course, store)
    lines = [
        f"# {ui.progress_export_title}",
        "",
        ui.progress_exported_on.format(date=data["exported"][:10], path=data["store"]),
        "",
    ]
    for r in rows:
        lines += [
            f"## {r.number} {r.module.title}",
            "",
            f"- {ui.progress_completed}: {_status(ui, r)}",
            f"- {ui.progress_score}: {_score(ui, r)}",
            "",
        ]
        answers = store.answers(r.module.id)
        for item in r.module.items:
            mine = [a for a in answers if a.item == item.id]
            if mine:
                lines += [f"### {_question(item)}", ""]
                for answer in mine:
                    lines += _markdown_answer(ui, answer, item)
                lines.append("")
    if orphans:
        items = ", ".join(sorted({f"{a.module}/{a.item}" for a in orphans}))
        lines += [f"## {ui.progress_orphaned_heading}", ""]
        lines += [ui.progress_orphaned.format(items=items), ""]
        for answer in orphans:
            lines += [f"### {answer.module} / {answer.item}", "", *_markdown_answer(ui, answer), ""]
    return "\n".join(lines).rstrip() + "\n"


def export(course: Course, store, text: str) -> tuple[Path, Path]:
    """Write the Markdown and JSON files. Never overwrites: raises FileExistsError instead."""
    md_path, json_path = export_paths(text, course.ui)
    for path in (md_path, json_path):
        if path.exists():
            raise FileExistsError(0, "exists", str(path))
    data = export_data(course, store)
    markdown = export_markdown(course, store, data)
    with md_path.open("x", encoding="utf-8") as handle:
        handle.write(markdown)
    try:
        with json_path.open("x", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except BaseException:
        md_path.unlink()  # no half export left behind
        raise
    return md_path, json_path


# ---------------------------------------------------------------- the widget


class ProgressOverview:
    """Chart and table, then the controls: export, Start over (one module), delete all."""

    def __init__(self, course: Course, store=None) -> None:
        self.course = course
        self.ui = ui = course.ui
        self.store = store if store is not None else progress.default_store()
        self.message = ""
        self.pending: str | None = None
        wide = {"description_width": "initial"}
        self.summary_html = widgets.HTML()
        self.export_path = widgets.Text(
            value=default_export_name(ui),
            description=ui.progress_export_label,
            style=wide,
            layout=widgets.Layout(width="32em"),
        )
        self.export_button = widgets.Button(
            description=ui.progress_export,
            tooltip=ui.progress_export,
            layout=widgets.Layout(width="auto"),
        )
        self.module_picker = widgets.Dropdown(
            options=[(f"{m.number:02d} {m.title}", m.id) for m in course.modules],
            description=ui.progress_start_over_module,
            style=wide,
            layout=widgets.Layout(width="32em"),
        )
        self.start_over_button = widgets.Button(
            description=ui.progress_start_over,
            tooltip=ui.progress_start_over,
            layout=widgets.Layout(width="auto"),
        )
        self.delete_button = widgets.Button(
            description=ui.progress_delete,
            tooltip=ui.progress_delete,
            layout=widgets.Layout(width="auto"),
        )
        self.confirm_text = widgets.HTML()
        self.confirm_yes = widgets.Button(layout=widgets.Layout(width="auto"))
        self.confirm_no = widgets.Button(
            description=ui.progress_cancel,
            tooltip=ui.progress_cancel,
            layout=widgets.Layout(width="auto"),
        )
        self.confirm_box = widgets.VBox(
            [self.confirm_text, widgets.HBox([self.confirm_yes, self.confirm_no])],
            layout=widgets.Layout(display="none"),
        )
        self.status_html = widgets.HTML()
        self.export_button.on_click(self._on_export)
        self.start_over_button.on_click(self._on_start_over)
        self.delete_button.on_click(self._on_delete)
        self.confirm_yes.on_click(self._on_confirm)
        self.confirm_no.on_click(self._on_cancel)
        usable = self.store.usable
        for control in (
            self.export_path,
            self.export_button,
            self.module_picker,
            self.start_over_button,
            self.delete_button,
        ):
            control.disabled = not usable
        self.widget = widgets.VBox(
            [
                self.summary_html,
                widgets.HBox([self.export_path, self.export_button]),
                widgets.HBox([self.module_picker, self.start_over_button]),
                self.delete_button,
                self.confirm_box,
                self.status_html,
            ],
            layout=widgets.Layout(margin="0.5em 0"),
        )
        self.widget.add_class("lessonkit-progress")
        self.refresh()

    # -- display
    def __repr__(self) -> str:
        return REPR

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = REPR
        return bundle

    def refresh(self) -> None:
        ui = self.ui
        rows, orphans = summarize(self.course, self.store)
        self.rows, self.orphans = rows, orphans
        notice = progress.notice_text(self.store.problem, ui)
        lines = []
        if self.store.usable:
            lines.append(html.paragraph(ui.progress_where.format(path=str(self.store.path))))
        if notice:
            lines.append(html.feedback_block("info", notice, [], live=False))
        body = (
            '<div style="display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start;">'
            + chart(self.course, rows)
            + table(self.course, rows)
            + "</div>"
        )
        if orphans:
            items = ", ".join(sorted({f"{a.module}/{a.item}" for a in orphans}))
            lines.append(html.paragraph(ui.progress_orphaned.format(items=items)))
        self.summary_html.value = html.section(ui.progress_heading, "".join(lines) + body, 2)

    def _say(self, tone: str, text: str) -> None:
        self.message = text
        self.status_html.value = html.feedback_block(tone, text, [])

    # -- what a learner does
    def _on_export(self, _button=None) -> None:
        ui = self.ui
        md_path, json_path = export_paths(self.export_path.value, ui)
        try:
            md_path, json_path = export(self.course, self.store, self.export_path.value)
        except FileExistsError as err:
            self._say("info", ui.progress_export_exists.format(path=err.filename))
        except OSError as err:
            reason = err.strerror or str(err)
            self._say("incorrect", ui.progress_export_failed.format(path=md_path, reason=reason))
        else:
            self._say("correct", ui.progress_exported.format(markdown=md_path, json=json_path))

    def _ask(self, action: str, question: str, yes: str) -> None:
        self.pending = action
        self.confirm_text.value = html.paragraph(question)
        self.confirm_yes.description = yes
        self.confirm_yes.tooltip = yes
        self.confirm_box.layout.display = "flex"
        self.message = question

    def _module_title(self) -> str:
        module = self.course.module(self.module_picker.value)
        return f"{module.number:02d} {module.title}"

    def _on_start_over(self, _button=None) -> None:
        ui = self.ui
        self._ask(
            "start_over:" + self.module_picker.value,
            ui.progress_start_over_confirm.format(module=self._module_title()),
            ui.progress_start_over_yes,
        )

    def _on_delete(self, _button=None) -> None:
        ui = self.ui
        self._ask(
            "delete_all",
            ui.progress_delete_confirm.format(path=str(self.store.path)),
            ui.progress_delete_yes,
        )

    def _close_question(self) -> str | None:
        action, self.pending = self.pending, None
        self.confirm_box.layout.display = "none"
        self.confirm_text.value = ""
        return action

    def _on_cancel(self, _button=None) -> None:
        self._close_question()
        self._say("info", self.ui.progress_cancelled)

    def _on_confirm(self, _button=None) -> None:
        ui = self.ui
        action = self._close_question()
        if action is None:
            return
        if action == "delete_all":
            ok = self.store.delete_all()
            progress.reset_attached(None)
            done = ui.progress_deleted
        else:
            module_id = action.split(":", 1)[1]
            title = self.course.module(module_id)
            ok = self.store.start_over(module_id)
            progress.reset_attached(module_id)
            done = ui.progress_started_over.format(module=f"{title.number:02d} {title.title}")
        self.refresh()
        if ok:
            self._say("correct", done)
        else:
            self._say("incorrect", ui.progress_action_failed)


def overview(course: Course, store=None) -> ProgressOverview:
    """The progress overview for ``course``, from the kernel's store unless one is given."""
    return ProgressOverview(course, store)


def progress_overview(lang: str = "en"):
    """The one-line call for a notebook cell (the start and final notebooks)."""
    from .lesson import shown_safely

    @shown_safely
    def build():
        from .content import load_course

        return overview(load_course(lang))

    return build()
