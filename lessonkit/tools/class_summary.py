"""``python -m lessonkit class-summary FOLDER``: the room's knowledge-check results, by idea,
with no names and no server.

Learners who want to share their results press "Save my results for the class" after the end
check and give the file to the facilitator (a shared folder, a USB key, email). The files hold
only which ideas were right in each check (``progress.knowledge_check.results_file_data``).
This command counts, per idea, how many were right before, after and when checked again. It
never prints a file's name or anything from inside a file other than those counts, and it
shows nothing at all for fewer than :data:`MINIMUM` files, so no one's results can be told
apart from the class's.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..content import ContentError, Course, core_concepts, load_course
from ..progress.checks import SITTINGS

FORMAT = "lessonkit-check-results"
MINIMUM = 3
MAX_BYTES = 1024 * 1024


def read_results(path: Path, concepts: set[str]) -> dict | None:
    """One results file as {sitting: {concept: bool}}, or None when it is not one."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != 1:
        return None
    sittings = data.get("sittings")
    if not isinstance(sittings, dict):
        return None
    found = {}
    for name, value in sittings.items():
        if name not in SITTINGS or not isinstance(value, dict):
            return None
        marks = value.get("concepts")
        if not isinstance(marks, dict) or not all(isinstance(v, bool) for v in marks.values()):
            return None
        found[name] = {c: ok for c, ok in marks.items() if c in concepts}
    return found


def summarize(course: Course, folder: Path) -> tuple[dict, int, int]:
    """Per concept and sitting, (right, total); the number of files read and left out."""
    concepts = {i.concept for i in course.checks}
    counts = {c: {s: [0, 0] for s in SITTINGS} for c in core_concepts(course.checks)}
    read = left_out = 0
    for path in sorted(folder.glob("*.json")):
        found = read_results(path, concepts)
        if found is None:
            left_out += 1
            continue
        read += 1
        for sitting, marks in found.items():
            for concept, ok in marks.items():
                counts[concept][sitting][0] += ok
                counts[concept][sitting][1] += 1
    return counts, read, left_out


def report(course: Course, folder: Path) -> tuple[str, int]:
    """The summary as text, and the exit code (1: too few files to show anything)."""
    ui = course.ui
    counts, read, left_out = summarize(course, folder)
    lines = [ui.class_title, ""]
    if left_out:
        lines.append(ui.class_unreadable.format(count=left_out))
    if read < MINIMUM:
        lines.append(ui.class_too_few.format(count=read, minimum=MINIMUM))
        return "\n".join(lines), 1
    lines += [ui.class_files.format(count=read, folder=folder), ui.class_anonymous, ""]

    def cell(pair) -> str:
        right, total = pair
        return ui.class_count.format(right=right, total=total) if total else ui.class_none

    for concept, by_sitting in counts.items():
        lines.append(
            "- "
            + ui.class_row.format(
                concept=course.concept(concept).summary,
                before=cell(by_sitting["before"]),
                after=cell(by_sitting["after"]),
                again=cell(by_sitting["again"]),
            )
        )
    return "\n".join(lines), 0


def add_arguments(parser) -> None:
    parser.add_argument("folder", help="the folder holding the learners' results files")
    parser.add_argument("--lang", default="en", help="language of the summary (default: en)")


def run(args) -> int:
    try:
        course = load_course(args.lang)
    except ContentError as err:
        print(f"class-summary: {err}", file=sys.stderr)
        return 1
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"class-summary: {folder} is not a folder", file=sys.stderr)
        return 1
    text, code = report(course, folder)
    print(text)
    return code
