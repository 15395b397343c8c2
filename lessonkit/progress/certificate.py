"""The certificate of completion: one self-contained HTML page built from the learner's progress.

    from lessonkit import certificate; certificate()

Available only once every module is completed, and completion is judged again from the
content, not from the store's flags: for each scored item of a module, some kept answer must be
right by the content's own answer key (``content.grading``). A store edited to say "completed"
or "right" therefore makes no certificate. The page holds the course title and edition, each
module with the day it was completed, the knowledge check's results before and after (when
taken), and the name the learner typed, which is used for the page only and never kept. It says
plainly what it attests: a self-paced course completed on the learner's own computer, not an
assessed or proctored qualification. No script, nothing loaded from elsewhere: it prints and
saves as it is.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

import ipywidgets as widgets

from ..content import Course, Module, judge
from ..content.frozen import record
from ..render import html
from ..widgets import shared
from ..widgets.base import Shown, digest, mark_language
from . import checks
from .browser import DRIVE
from .session import default_store


@record
class Completion:
    done: tuple[tuple[Module, str], ...]  # (module, day completed)
    missing: tuple[Module, ...]

    @property
    def complete(self) -> bool:
        return not self.missing and bool(self.done)


class NotComplete(ValueError):
    """No certificate: some module is not completed (by the content's own answer keys)."""

    def __init__(self, missing: tuple[Module, ...]) -> None:
        super().__init__(", ".join(m.id for m in missing))
        self.missing = missing


def completion(course: Course, store) -> Completion:
    """Each module completed (with its day) or not, judged from the answers kept."""
    records = store.modules()
    done, missing = [], []
    for module in course.modules:
        graded = [item for item in module.items if item.graded]
        if not graded:
            record = records.get(module.id)
            (done.append((module, record.first_opened[:10])) if record else missing.append(module))
            continue
        answers = store.answers(module.id)
        times = []
        for item in graded:
            first = next(
                (
                    a.at
                    for a in answers
                    if a.item == item.id and a.kind == item.kind and judge(item, a.answer)
                ),
                None,
            )
            if first is None:
                break
            times.append(first)
        if len(times) == len(graded):
            done.append((module, max(times)[:10]))
        else:
            missing.append(module)
    return Completion(tuple(done), tuple(missing))


PAGE_STYLE = """
body { font-family: Georgia, "Times New Roman", serif; color: #1a1a1a; margin: 2em auto;
  max-width: 46em; line-height: 1.5; padding: 0 1em; }
.frame { border: 6px double #35506b; padding: 1.5em 2em; }
h1 { font-size: 1.7em; margin: 0 0 0.2em; text-align: center; }
.course { text-align: center; font-size: 1.2em; margin: 0.2em 0 1em; }
.name { text-align: center; font-size: 1.6em; font-weight: bold; margin: 0.6em 0; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; }
th, td { border: 1px solid #5a5a5a; padding: 0.25em 0.5em; text-align: left; }
.attests { border-top: 1px solid #5a5a5a; margin-top: 1.2em; padding-top: 0.6em;
  font-size: 0.95em; }
@media print { body { margin: 0; } }
"""


def certificate_html(course: Course, store, name: str, today: str | None = None) -> str:
    """The certificate page. Raises NotComplete unless every module is completed."""
    state = completion(course, store)
    if not state.complete:
        raise NotComplete(state.missing)
    ui = course.ui
    today = today or _dt.date.today().isoformat()
    rows = "".join(
        f'<tr><th scope="row">{html.text(f"{m.number:02d} {m.title}")}</th>'
        f"<td>{html.text(day)}</td></tr>"
        for m, day in state.done
    )
    found = checks.results(course, store)
    check_rows = "".join(
        f'<tr><th scope="row">{html.text(label)}</th><td>'
        f"{html.text(ui.kc_result_value.format(right=r.right, total=r.total, date=r.sitting.day))}"
        "</td></tr>"
        for key, label in (("before", ui.kc_before), ("after", ui.kc_after))
        if (r := found.get(key))
    )
    checks_part = (
        f"<h2>{html.text(ui.cert_checks)}</h2><table>{check_rows}</table>" if check_rows else ""
    )
    completed = ui.cert_completed_course.format(course=ui.course_title)
    person = name.strip()
    who = f'<p class="name">{html.text(person)}</p>' if person else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{html.text(course.lang)}"><head><meta charset="utf-8">'
        f"<title>{html.text(ui.cert_title)}: {html.text(ui.course_title)}</title>"
        f'<style>{PAGE_STYLE}</style></head><body><main class="frame">'
        f"<h1>{html.text(ui.cert_title)}</h1>"
        + html.paragraph(ui.cert_certifies)
        + who
        + f'<p class="course">{html.text(completed)}<br>'
        + f"<small>{html.text(ui.course_edition)}</small></p>"
        + f"<h2>{html.text(ui.cert_modules)}</h2><table><thead><tr>"
        + f'<th scope="col">{html.text(ui.progress_module)}</th>'
        + f'<th scope="col">{html.text(ui.cert_completed_on)}</th></tr></thead>'
        + f"<tbody>{rows}</tbody></table>"
        + checks_part
        + f'<div class="attests">{html.paragraph(ui.cert_attests)}'
        + html.paragraph(ui.cert_issued.format(date=today))
        + "</div></main></body></html>\n"
    )


def write_certificate(course: Course, store, name: str, path: Path) -> Path:
    page = certificate_html(course, store, name)
    path = Path(os.path.expanduser(str(path)))
    if not path.suffix:
        path = path.with_name(path.name + ".html")
    with open(path, "x", encoding="utf-8") as handle:  # never over an existing file
        handle.write(page)
    return path


class CertificateMaker(Shown):
    """The learner types a name (or none) and a file name, and gets their certificate page."""

    def __init__(self, course: Course, store=None) -> None:
        self.course = course
        self.ui = ui = course.ui
        self.store = store if store is not None else default_store()
        self.message = ""
        wide = shared.style(widgets.Text, description_width="initial")
        self.intro = shared.text()
        self.name_box = widgets.Text(
            value="",
            description=ui.cert_name_label,
            placeholder=ui.cert_name_placeholder,
            style=wide,
            layout=shared.layout(width="32em"),
        )
        self.path_box = widgets.Text(
            value=ui.cert_file_name.format(date=_dt.date.today().isoformat()),
            description=ui.cert_file_label,
            style=wide,
            layout=shared.layout(width="32em"),
        )
        self.make_button = widgets.Button(
            description=ui.cert_make,
            tooltip=ui.cert_make,
            **shared.look(widgets.Button, width="auto"),
        )
        self.make_button.on_click(self._on_make)
        self.status_html = shared.text(html.EMPTY_FEEDBACK)
        self.widget = widgets.VBox(
            [self.intro, self.name_box, self.path_box, self.make_button, self.status_html],
            layout=shared.layout(margin="0.5em 0"),
        )
        self.widget.add_class("lessonkit-certificate")
        mark_language(self.widget, course.lang)
        self.refresh()

    def __repr__(self) -> str:
        ui = self.ui
        return f"certificate maker (content {digest((ui.cert_intro, ui.cert_attests))})"

    def refresh(self) -> None:
        ui = self.ui
        state = completion(self.course, self.store)
        lines = [ui.cert_intro, ui.cert_attests]
        if not state.complete:
            names = ", ".join(f"{m.number:02d} {m.title}" for m in state.missing)
            lines.append(ui.cert_not_yet.format(modules=names))
        for control in (self.name_box, self.path_box, self.make_button):
            control.disabled = not state.complete
        self.intro.value = html.section(
            ui.cert_heading, "".join(html.paragraph(t) for t in lines), 3
        )
        self.complete = state.complete

    def make(self, name: str = "", path: str | None = None) -> None:
        self.name_box.value = name
        if path is not None:
            self.path_box.value = path
        self._on_make()

    def _say(self, tone: str, text: str) -> None:
        self.message = text
        self.status_html.value = html.feedback_block(tone, text, [])

    def _on_make(self, _button=None) -> None:
        ui = self.ui
        text = self.path_box.value.strip() or ui.cert_file_name.format(
            date=_dt.date.today().isoformat()
        )
        path = Path(text)
        try:
            written = write_certificate(self.course, self.store, self.name_box.value, path)
        except NotComplete as err:
            names = ", ".join(f"{m.number:02d} {m.title}" for m in err.missing)
            return self._say("info", ui.cert_not_yet.format(modules=names))
        except FileExistsError:
            return self._say("info", ui.progress_export_exists.format(path=text))
        except OSError as err:
            reason = err.strerror or str(err)
            return self._say(
                "incorrect", ui.progress_export_failed.format(path=text, reason=reason)
            )
        shown = str(written)
        full = Path(os.path.abspath(written))
        if self.store.kept_in == "browser" and full.is_relative_to(DRIVE):
            shown = full.relative_to(DRIVE).as_posix()
        self.name_box.value = ""  # the name was for the page only
        self._say("correct", ui.cert_made.format(path=shown))
