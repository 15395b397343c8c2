"""The progress overview, driven without a browser: chart, table, export, Start over, delete."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest

import lessonkit
from lessonkit import progress
from lessonkit.progress import export as progress_export
from lessonkit.progress import overview as progress_view
from lessonkit.progress import summary as progress_summary

from ..helpers import PACKAGE, string_constants

MODULE = "01-what-is-trafficking"


@pytest.fixture
def graded(monkeypatch, course):
    """Module 01's items, all counted as graded: the tests choose, not the widgets' defaults."""
    ids = tuple(item.id for item in course.module(MODULE).items)
    assert len(ids) >= 2
    monkeypatch.setattr(
        progress_summary, "graded_items", lambda module: ids if module.id == MODULE else ()
    )
    return ids


def text(value: str) -> str:
    """What a screen reader reads: tags dropped, entities kept simple."""
    return re.sub(r"<[^>]+>", " ", value).replace("&#x27;", "'")


def test_plain_text_never_shows_learner_data(course, store, graded):
    empty = progress_view.overview(course, store)
    store.record(MODULE, graded[0], "quiz", "my private words", True, True)
    full = progress_view.overview(course, store)
    for view in (empty, full):
        assert repr(view) == "progress overview"
        assert view._repr_mimebundle_()["text/plain"] == "progress overview"
    assert "my private words" not in full.summary_html.value  # answers are not shown, only scores


def test_chart_and_table_show_score_and_completion_in_words(course, store, graded):
    ui = course.ui
    first, second = graded[0], graded[1]
    store.record(MODULE, first, "quiz", 1, True, True)
    store.record(MODULE, second, "quiz", 0, False, True)
    view = progress_view.overview(course, store)
    page = view.summary_html.value
    svg = re.search(r"<svg[^>]*>.*</svg>", page).group(0)
    assert 'role="img"' in svg
    assert f"<title>{ui.progress_chart_title}</title>" in svg
    score = ui.progress_score_value.format(right=1, total=len(graded))
    desc = re.search(r"<desc>(.*)</desc>", svg).group(1)
    assert ui.progress_chart_summary.format(completed=0, total=len(course.modules)) in desc
    assert score in desc and ui.progress_not_yet in desc
    filled = [int(w) for w in re.findall(r'<rect [^>]*width="(\d+)"[^>]*fill="#35506b"', svg)]
    assert filled == [round(progress_view.BAR_WIDTH / len(graded))]
    row = re.search(r"<tr><th scope=\"row\">01 [^<]*</th>(.*?)</tr>", page).group(1)
    assert text(row).split() == (ui.progress_not_yet + " " + score).split()

    for item in graded[1:]:
        store.record(MODULE, item, "quiz", 2, True, True)
    view.refresh()
    page = view.summary_html.value
    done = ui.progress_score_value.format(right=len(graded), total=len(graded))
    assert f"{done} \u2714" in page  # completed: said in words and with a symbol, not by colour
    assert ui.progress_yes in text(page)
    assert 'fill="#1b5e20"' in page


def test_completed_means_right_once_and_score_is_the_latest_answers(course, store, graded):
    for item in graded:
        store.record(MODULE, item, "quiz", 1, True, True)
    store.record(MODULE, graded[0], "quiz", 0, False, True)  # changed to a wrong answer later
    rows, _ = progress_summary.summarize(course, store)
    row = next(r for r in rows if r.module.id == MODULE)
    assert row.completed is True
    assert (row.right, row.total) == (len(graded) - 1, len(graded))


def test_module_never_opened_is_not_completed(course, store, graded):
    rows, orphans = progress_summary.summarize(course, store)
    assert all(not r.opened and not r.completed for r in rows)
    assert orphans == []


def test_answers_to_removed_items_are_listed_as_orphaned(course, store, graded):
    store.record(MODULE, "a-question-since-removed", "quiz", 3, True, True)
    store.record("99-old-module", "<b>q</b>", "quiz", 1, False, True)
    store.unfit.add((MODULE, graded[0]))
    store.record(MODULE, graded[0], "quiz", 7, True, True)
    _, orphans = progress_summary.summarize(course, store)
    assert {(a.module, a.item) for a in orphans} == {
        (MODULE, "a-question-since-removed"),
        ("99-old-module", "<b>q</b>"),
        (MODULE, graded[0]),
    }
    page = progress_view.overview(course, store).summary_html.value
    assert "a-question-since-removed" in page
    assert "<b>q</b>" not in page and "&lt;b&gt;q&lt;/b&gt;" in page  # escaped


# ---------------------------------------------------------------- export


def test_export_writes_markdown_and_json(course, store, graded, tmp_path):
    store.mark_opened(MODULE)
    store.record(MODULE, graded[0], "quiz", 2, False, True)
    store.record(MODULE, graded[0], "quiz", 1, True, True)
    store.record(MODULE, "gone", "reflection", "Line one\nLine two", None, False)
    view = progress_view.overview(course, store)
    view.export_path.value = str(tmp_path / "out" / "my-export.md")  # the ending is optional
    (tmp_path / "out").mkdir()
    view.export_button.click()
    md, js = tmp_path / "out" / "my-export.md", tmp_path / "out" / "my-export.json"
    assert view.message == course.ui.progress_exported.format(markdown=md, json=js)
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["format"] == "lessonkit-progress" and data["store"] == str(store.path)
    assert [(a["item"], a["answer"], a["correct"], a["orphaned"]) for a in data["answers"]] == [
        (graded[0], 2, False, False),
        (graded[0], 1, True, False),
        ("gone", "Line one\nLine two", None, True),
    ]
    module = next(m for m in data["modules"] if m["id"] == MODULE)
    assert module["opened"] is True and module["score"] == {"right": 1, "total": len(graded)}
    markdown = md.read_text(encoding="utf-8")
    assert markdown.startswith(f"# {course.ui.progress_export_title}\n")
    assert f"## 01 {course.module(MODULE).title}" in markdown
    assert "  > Line one\n  > Line two" in markdown
    assert course.ui.progress_orphaned_heading in markdown


def test_export_default_name_is_dated(course, store):
    view = progress_view.overview(course, store)
    assert re.fullmatch(r"my-lesson-progress-\d{4}-\d\d-\d\d", view.export_path.value)
    md, js = progress_export.export_paths("", course.ui)
    assert md.name == view.export_path.value + ".md" and js.suffix == ".json"


def test_export_never_overwrites(course, store, tmp_path):
    existing = tmp_path / "mine.json"
    existing.write_text("an earlier export")
    view = progress_view.overview(course, store)
    view.export_path.value = str(tmp_path / "mine")
    view.export_button.click()
    assert view.message == course.ui.progress_export_exists.format(path=existing)
    assert existing.read_text() == "an earlier export"
    assert not (tmp_path / "mine.md").exists()


def test_export_to_a_missing_folder_is_one_clear_line(course, store, tmp_path):
    view = progress_view.overview(course, store)
    view.export_path.value = str(tmp_path / "no-such-folder" / "x")
    view.export_button.click()
    assert view.message.startswith(course.ui.progress_export_failed.split("{")[0])
    assert "No such file or directory" in view.message and "\n" not in view.message
    assert "Traceback" not in view.status_html.value
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


# ---------------------------------------------------------------- start over and delete


class Live:
    """A live exercise on screen, attached to the store."""

    def __init__(self, item_id):
        self.item = SimpleNamespace(id=item_id, kind="quiz")
        self.graded = True
        self.resets = 0
        self.callbacks = []

    def restore(self, answer):
        pass

    def on_answer(self, callback):
        self.callbacks.append(callback)

    def reset(self):
        self.resets += 1


def test_delete_all_needs_confirmation_and_cancel_changes_nothing(course, store, graded):
    store.record(MODULE, graded[0], "quiz", 1, True, True)
    view = progress_view.overview(course, store)
    assert view.confirm_box.layout.display == "none"
    view.delete_button.click()
    assert view.confirm_box.layout.display == "flex"
    assert view.confirm_yes.description == course.ui.progress_delete_yes
    assert str(store.path) in view.confirm_text.value
    assert len(store.answers()) == 1  # nothing yet
    view.confirm_no.click()
    assert view.confirm_box.layout.display == "none"
    assert view.message == course.ui.progress_cancelled
    assert len(store.answers()) == 1


def test_the_hidden_confirmation_is_named_and_closing_it_gives_the_focus_back(course, store):
    view = progress_view.overview(course, store)
    assert view.confirm_yes.description  # a name before it is ever shown
    moved = []
    for button in (view.delete_button, view.start_over_button):
        button.focus = lambda b=button: moved.append(b)
    view.delete_button.click()
    view.confirm_no.click()
    assert moved == [view.delete_button]
    view.start_over_button.click()
    view.confirm_yes.click()
    assert moved == [view.delete_button, view.start_over_button]


def test_delete_all_after_confirmation(course, store, graded):
    live = Live(graded[0])
    progress.attach(live, MODULE, store)
    store.record(MODULE, graded[0], "quiz", 1, True, True)
    view = progress_view.overview(course, store)
    view.delete_button.click()
    view.confirm_yes.click()
    assert store.answers() == [] and store.modules() == {}
    assert live.resets == 1
    assert view.message == course.ui.progress_deleted
    assert view.confirm_box.layout.display == "none"


def test_start_over_one_module_after_confirmation(course, store, graded):
    live = Live(graded[0])
    progress.attach(live, MODULE, store)
    store.record(MODULE, graded[0], "quiz", 1, True, True)
    store.record("another-module", "q", "quiz", 1, True, True)
    view = progress_view.overview(course, store)
    view.module_picker.value = MODULE
    view.start_over_button.click()
    title = f"01 {course.module(MODULE).title}"
    assert view.message == course.ui.progress_start_over_confirm.format(module=title)
    assert len(store.answers()) == 2
    view.confirm_yes.click()
    assert [a.module for a in store.answers()] == ["another-module"]
    assert live.resets == 1
    assert view.message == course.ui.progress_started_over.format(module=title)


def test_failed_delete_says_so_and_loses_nothing(course, store, graded, monkeypatch):
    store.record(MODULE, graded[0], "quiz", 1, True, True)
    monkeypatch.setattr(store, "delete_all", lambda: False)
    view = progress_view.overview(course, store)
    view.delete_button.click()
    view.confirm_yes.click()
    assert view.message == course.ui.progress_action_failed
    assert len(store.answers()) == 1


def test_controls_are_labelled(course, store):
    view = progress_view.overview(course, store)
    for button in (
        view.export_button,
        view.start_over_button,
        view.delete_button,
        view.confirm_no,
    ):
        assert button.description and button.tooltip == button.description
    assert view.export_path.description and view.module_picker.description


def test_without_a_store_the_overview_says_so_and_offers_no_actions(course):
    store = progress.NullStore(None, progress.Problem("unavailable", reason="test"))
    view = progress_view.overview(course, store)
    assert course.ui.progress_unavailable in text(view.summary_html.value)
    assert view.delete_button.disabled and view.export_button.disabled
    assert repr(view) == "progress overview"


def test_progress_overview_call_for_notebooks():
    view = lessonkit.progress_overview("en")
    assert repr(view) == "progress overview"
    assert repr(lessonkit.progress_overview("xx")).startswith("[content problem]")


def test_no_learner_facing_text_in_the_progress_code():
    files = sorted((PACKAGE / "progress").glob("*.py"))
    assert len(files) >= 6
    for name in files:
        sentences = [
            s
            for s in string_constants(name)
            if re.search(r"[A-Za-z]+ [a-z]+ [a-z]+", s)
            and "<" not in s
            and not re.match(r"^(CREATE|ALTER|UPDATE|INSERT|SELECT|DELETE|PRAGMA) ", s)
        ]
        assert sentences == [], f"{name}: {sentences}"


def test_every_progress_string_is_in_the_interface_file(course):
    fields = [f for f in vars(course.ui) if f.startswith("progress_")]
    assert len(fields) >= 30
    toml = (PACKAGE.parent / "content/en/interface.toml").read_text()
    assert all(re.search(rf"^{f} = ", toml, re.M) for f in fields)
