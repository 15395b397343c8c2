"""The learner's progress as two files they can keep or show: Markdown to read, JSON as data.

Each file is written next to nothing else, never over an existing file, and readable by its owner
only (on a shared server, another account cannot read it unless the learner shares it).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path

from ..content import Course
from .answer_text import describe
from .store import Answer, now
from .summary import score_words, status_words, summarize


def default_export_name(ui) -> str:
    return ui.progress_export_name.format(date=_dt.date.today().isoformat())


def export_paths(text: str, ui) -> tuple[Path, Path]:
    """The Markdown and JSON files for what the learner typed (a name, or a path without end)."""
    base = Path(os.path.expanduser(text.strip() or default_export_name(ui)))
    if base.suffix.lower() in (".md", ".json"):
        base = base.with_suffix("")
    return Path(f"{base}.md"), Path(f"{base}.json")


def _result(ui, answer: Answer) -> str:
    if answer.correct is None:
        return ui.progress_saved
    return ui.progress_right if answer.correct else ui.progress_wrong


def _markdown_answer(ui, answer: Answer, item=None) -> list[str]:
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
        "exported": now(),
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
            f"- {ui.progress_completed}: {status_words(ui, r)}",
            f"- {ui.progress_score}: {score_words(ui, r)}",
            "",
        ]
        answers = store.answers(r.module.id)
        for item in r.module.items:
            mine = [a for a in answers if a.item == item.id]
            if mine:
                lines += [f"### {item.headline}", ""]
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


def _private(path: Path):
    """A new text file, open for writing, that only its owner can read (raises if it exists)."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", -1, "utf-8")


def export(course: Course, store, text: str) -> tuple[Path, Path]:
    """Write the Markdown and JSON files. Never overwrites: raises FileExistsError instead."""
    md_path, json_path = export_paths(text, course.ui)
    for path in (md_path, json_path):
        if path.exists():
            raise FileExistsError(0, "exists", str(path))
    data = export_data(course, store)
    markdown = export_markdown(course, store, data)
    with _private(md_path) as handle:
        handle.write(markdown)
    try:
        with _private(json_path) as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except BaseException:
        md_path.unlink()  # no half export left behind
        raise
    return md_path, json_path


