"""The learner's progress overview: a bar chart and a table, export, the progress file to carry
to another computer (download and bring in), Start over, delete-all.

    from lessonkit import progress_overview; progress_overview()

Shown as a widget. Its plain-text form (what nbval compares, and what a saved notebook keeps as
the cell's output) is always ``progress overview``: it never depends on the learner's answers,
so no answer is written into a notebook file.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

import ipywidgets as widgets

from ..content import Course
from ..render import html
from ..widgets import shared
from ..widgets.base import Shown, mark_language
from . import portable
from .browser import DRIVE
from .checks import MODULE as CHECK_MODULE
from .export import default_export_name, export, export_paths
from .knowledge_check import overview_section
from .session import default_store, notice_text, reset_attached
from .summary import ModuleSummary, score_words, status_words, summarize

REPR = "progress overview"
CHART_WIDTH = 420
LABEL_WIDTH = 34
BAR_WIDTH = 240
ROW_HEIGHT = 28
_COLOURS = {True: "#1b5e20", False: "#35506b"}


def chart(course: Course, rows: list[ModuleSummary]) -> str:
    """An SVG bar chart of the score per module, with a title and a description in words."""
    ui = course.ui
    done = sum(r.completed for r in rows)
    desc = " ".join(
        [ui.progress_chart_summary.format(completed=done, total=len(rows))]
        + [
            ui.progress_chart_row.format(
                number=r.number, score=score_words(ui, r), status=status_words(ui, r)
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
        label = score_words(ui, row) + (" \u2714" if row.completed else "")
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
        f"<td>{html.text(status_words(ui, r))}</td><td>{html.text(score_words(ui, r))}</td></tr>"
        for r in rows
    )
    return (
        '<table class="lessonkit-progress-table">'
        f"<caption>{html.text(ui.progress_chart_title)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


# ---------------------------------------------------------------- the widget


class ProgressOverview(Shown):
    """Chart and table, then the controls: export, Start over (one module), delete all."""

    def __init__(self, course: Course, store=None) -> None:
        self.course = course
        self.ui = ui = course.ui
        self.store = store if store is not None else default_store()
        self.message = ""
        self.pending: str | None = None
        wide = shared.style(widgets.Text, description_width="initial")
        self.summary_html = shared.text()
        self.export_path = widgets.Text(
            value=default_export_name(ui),
            description=ui.progress_export_label,
            style=wide,
            layout=shared.layout(width="32em"),
        )
        self.export_button = widgets.Button(
            description=ui.progress_export,
            tooltip=ui.progress_export,
            **shared.look(widgets.Button, width="auto"),
        )
        self.carry_path = widgets.Text(
            value=ui.progress_carry_name.format(date=_dt.date.today().isoformat()),
            description=ui.progress_carry_label,
            style=wide,
            layout=shared.layout(width="32em"),
        )
        self.download_button = widgets.Button(
            description=ui.progress_download,
            tooltip=ui.progress_download,
            **shared.look(widgets.Button, width="auto"),
        )
        self.bring_in_button = widgets.Button(
            description=ui.progress_bring_in,
            tooltip=ui.progress_bring_in,
            **shared.look(widgets.Button, width="auto"),
        )
        self.module_picker = widgets.Dropdown(
            options=[(f"{m.number:02d} {m.title}", m.id) for m in course.modules],
            description=ui.progress_start_over_module,
            style=shared.style(widgets.Dropdown, description_width="initial"),
            layout=shared.layout(width="32em"),
        )
        self.start_over_button = widgets.Button(
            description=ui.progress_start_over,
            tooltip=ui.progress_start_over,
            **shared.look(widgets.Button, width="auto"),
        )
        self.delete_button = widgets.Button(
            description=ui.progress_delete,
            tooltip=ui.progress_delete,
            **shared.look(widgets.Button, width="auto"),
        )
        self.confirm_text = shared.text()
        self.confirm_yes = widgets.Button(  # named before it is first shown
            description=ui.progress_delete_yes,
            tooltip=ui.progress_delete_yes,
            **shared.look(widgets.Button, width="auto"),
        )
        self.confirm_no = widgets.Button(
            description=ui.progress_cancel,
            tooltip=ui.progress_cancel,
            **shared.look(widgets.Button, width="auto"),
        )
        self.confirm_box = widgets.VBox(
            [
                self.confirm_text,
                widgets.HBox([self.confirm_yes, self.confirm_no], layout=shared.layout()),
            ],
            layout=widgets.Layout(display="none"),
        )
        self.status_html = shared.text(html.EMPTY_FEEDBACK)
        self.export_button.on_click(self._on_export)
        self.download_button.on_click(self._on_download)
        self.bring_in_button.on_click(self._on_bring_in)
        self.start_over_button.on_click(self._on_start_over)
        self.delete_button.on_click(self._on_delete)
        self.confirm_yes.on_click(self._on_confirm)
        self.confirm_no.on_click(self._on_cancel)
        usable = self.store.usable
        for control in (
            self.export_path,
            self.export_button,
            self.carry_path,
            self.download_button,
            self.bring_in_button,
            self.module_picker,
            self.start_over_button,
            self.delete_button,
        ):
            control.disabled = not usable
        self.widget = widgets.VBox(
            [
                self.summary_html,
                widgets.HBox([self.export_path, self.export_button], layout=shared.layout()),
                widgets.HBox(
                    [self.carry_path, self.download_button, self.bring_in_button],
                    layout=shared.layout(),
                ),
                widgets.HBox([self.module_picker, self.start_over_button], layout=shared.layout()),
                self.delete_button,
                self.confirm_box,
                self.status_html,
            ],
            layout=shared.layout(margin="0.5em 0"),
        )
        mark_language(self.widget, course.lang)
        self.widget.add_class("lessonkit-progress")
        self.refresh()

    # -- display
    def __repr__(self) -> str:
        return REPR

    def refresh(self) -> None:
        ui = self.ui
        rows, orphans = summarize(self.course, self.store)
        self.rows, self.orphans = rows, orphans
        notice = notice_text(self.store.problem, ui)
        lines = []
        if self.store.kept_in == "browser":
            lines.append(html.paragraph(ui.progress_in_browser))
        elif self.store.usable:
            lines.append(html.paragraph(ui.progress_where.format(path=str(self.store.path))))
        if notice:
            lines.append(html.feedback_block("info", notice, [], live=False))
        body = (
            '<div style="display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start;">'
            + chart(self.course, rows)
            + table(self.course, rows)
            + "</div>"
        )
        body += overview_section(self.course, self.store)
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

    def _carry_file(self) -> tuple[Path, str]:
        """The progress file the learner named, and its name as the learner sees it (in a
        browser, as the file browser shows it)."""
        text = self.carry_path.value.strip()
        today = _dt.date.today().isoformat()
        path = Path(os.path.expanduser(text or self.ui.progress_carry_name.format(date=today)))
        if not path.suffix:
            path = path.with_name(path.name + ".json")
        full = Path(os.path.abspath(path))
        if self.store.kept_in == "browser" and full.is_relative_to(DRIVE):
            return path, full.relative_to(DRIVE).as_posix()
        return path, str(path)

    def _on_download(self, _button=None) -> None:
        ui = self.ui
        path, shown = self._carry_file()
        try:
            portable.write(self.store, path)
        except FileExistsError:
            self._say("info", ui.progress_carry_exists.format(path=shown))
        except OSError as err:
            reason = err.strerror or str(err)
            self._say("incorrect", ui.progress_download_failed.format(path=shown, reason=reason))
        else:
            done = ui.progress_downloaded
            if self.store.kept_in == "browser":
                done = ui.progress_downloaded_browser
            self._say("correct", done.format(path=shown))

    def _on_bring_in(self, _button=None) -> None:
        ui = self.ui
        path, shown = self._carry_file()
        if not path.exists() and Path(self.carry_path.value.strip()).exists():
            path = Path(self.carry_path.value.strip())  # a name without .json, as typed
        refused = {
            "damaged": ui.progress_refused_damaged,
            "changed": ui.progress_refused_changed,
            "newer": ui.progress_refused_newer,
            "other": ui.progress_refused_other,
        }
        try:
            with open(path, "rb") as handle:
                data = handle.read(portable.MAX_BYTES + 1)
        except FileNotFoundError:
            return self._say("incorrect", ui.progress_bring_in_missing.format(path=shown))
        except OSError as err:
            reason = err.strerror or str(err)
            text = ui.progress_bring_in_unreadable.format(path=shown, reason=reason)
            return self._say("incorrect", text)
        before = self.store.modules()
        try:
            came = portable.bring_in(
                self.store, data, [m.id for m in self.course.modules] + [CHECK_MODULE]
            )
        except portable.Refused as err:
            return self._say("incorrect", refused[err.reason].format(path=shown))
        except OSError:
            return self._say("incorrect", ui.progress_action_failed)
        self.refresh()
        if not came.answers and self.store.modules() == before:
            return self._say("info", ui.progress_brought_nothing.format(path=shown))
        names = []
        for module_id in came.modules:
            try:
                module = self.course.module(module_id)
                names.append(f"{module.number:02d} {module.title}")
            except KeyError:
                names.append(module_id)
        text = ui.progress_brought_in.format(
            count=came.answers, path=shown, modules=", ".join(names)
        )
        self._say("correct", text)

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

    def _return_focus(self, action: str | None) -> None:
        """The question's buttons are hidden: the focus goes back to the button that asked."""
        if action is not None:
            asker = self.delete_button if action == "delete_all" else self.start_over_button
            asker.focus()

    def _on_cancel(self, _button=None) -> None:
        action = self._close_question()
        self._say("info", self.ui.progress_cancelled)
        self._return_focus(action)

    def _on_confirm(self, _button=None) -> None:
        ui = self.ui
        action = self._close_question()
        if action is None:
            return
        if action == "delete_all":
            ok = self.store.delete_all()
            reset_attached(None)
            done = ui.progress_deleted
        else:
            module_id = action.split(":", 1)[1]
            title = self.course.module(module_id)
            ok = self.store.start_over(module_id)
            reset_attached(module_id)
            done = ui.progress_started_over.format(module=f"{title.number:02d} {title.title}")
        self.refresh()
        if ok:
            self._say("correct", done)
        else:
            self._say("incorrect", ui.progress_action_failed)
        self._return_focus(action)


def overview(course: Course, store=None) -> ProgressOverview:
    """The progress overview for ``course``, from the kernel's store unless one is given."""
    return ProgressOverview(course, store)
