"""``python -m lessonkit class-summary``: the room's results by idea, counted from the files
learners chose to hand in, with no names and nothing shown for fewer than three files."""

from __future__ import annotations

import json

import pytest

from lessonkit.__main__ import main
from lessonkit.content import load_course
from lessonkit.progress.knowledge_check import KnowledgeCheck, write_results_file
from lessonkit.progress.store import ProgressStore
from lessonkit.tools.class_summary import MINIMUM, report

from ..progress.completing import take


def learner_file(course, folder, name, before, after, tmp_path):
    """One learner's results file, made as the widget makes it."""
    store = ProgressStore.open(tmp_path / f"{name}.sqlite3")
    if before is not None:
        take(KnowledgeCheck(course, "before", store), right_concepts=before)
    take(KnowledgeCheck(course, "after", store), right_concepts=after)
    path = write_results_file(course, store, folder / f"{name}.json")
    store.close()
    return path


@pytest.fixture
def room(course, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    core = [c.id for c in course.concepts if c.core]
    learner_file(course, folder, "amira-haddad", set(core[:1]), set(core[:6]), tmp_path)
    learner_file(course, folder, "jean-tremblay", set(), set(core[:2]), tmp_path)
    learner_file(course, folder, "li-wei", None, set(core), tmp_path)
    return folder, core


def test_the_summary_counts_each_idea_before_and_after(course, room):
    folder, core = room
    text, code = report(course, folder)
    assert code == 0
    ui = course.ui
    first = course.concept(core[0]).summary
    line = ui.class_row.format(
        concept=first,
        before=ui.class_count.format(right=1, total=2),
        after=ui.class_count.format(right=3, total=3),
        again=ui.class_none,
    )
    assert f"- {line}" in text.splitlines()
    last = course.concept(core[-1]).summary
    line = ui.class_row.format(
        concept=last,
        before=ui.class_count.format(right=0, total=2),
        after=ui.class_count.format(right=1, total=3),
        again=ui.class_none,
    )
    assert f"- {line}" in text.splitlines()
    assert ui.class_files.format(count=3, folder=folder) in text


def test_the_summary_never_names_anyone(course, room, capsys):
    folder, _ = room
    planted = json.loads((folder / "li-wei.json").read_text(encoding="utf-8"))
    planted["name"] = "Li Wei"  # a file edited to carry a name
    planted["email"] = "li.wei@example.org"
    (folder / "li-wei.json").write_text(json.dumps(planted), encoding="utf-8")
    (folder / "notes-about-jean.json").write_text("{not json", encoding="utf-8")
    assert main(["class-summary", str(folder)]) == 0
    out = capsys.readouterr()
    shown = (out.out + out.err).lower()
    for name in ("amira", "haddad", "jean", "tremblay", "li wei", "li-wei", "example.org", "notes"):
        assert name not in shown, name
    assert course.ui.class_unreadable.format(count=1).lower() in shown


def test_fewer_than_three_files_show_nothing(course, tmp_path):
    folder = tmp_path / "small"
    folder.mkdir()
    core = [c.id for c in course.concepts if c.core]
    learner_file(course, folder, "only-one", set(core), set(core), tmp_path)
    learner_file(course, folder, "only-two", set(), set(core), tmp_path)
    text, code = report(course, folder)
    assert code == 1
    assert course.ui.class_too_few.format(count=2, minimum=MINIMUM) in text
    assert course.ui.class_count.format(right=2, total=2) not in text
    for concept in core:
        assert course.concept(concept).summary not in text


def test_the_summary_speaks_french(room):
    folder, _ = room
    french = load_course("fr")
    text, code = report(french, folder)
    assert code == 0 and french.ui.class_title in text and french.ui.class_anonymous in text


def test_a_missing_folder_is_one_clear_line(course, tmp_path, capsys):
    assert main(["class-summary", str(tmp_path / "nowhere")]) == 1
    assert "is not a folder" in capsys.readouterr().err
