"""The browser kernel's store (JupyterLite): in memory, with a snapshot renamed into place under
the site's drive after each committed write. Here the drive is a folder; the real browser is
tested in tests/tools/test_lite_site.py."""

from __future__ import annotations

import os
import sqlite3

import pytest

from lessonkit import progress
from lessonkit.progress import browser, session


@pytest.fixture
def drive(tmp_path):
    folder = tmp_path / "drive"
    folder.mkdir()
    return folder


def test_each_committed_write_is_in_the_snapshot_and_comes_back(drive):
    store = browser.open_browser_store(drive)
    assert store.usable and store.kept_in == "browser" and store.problem is None
    path = browser.snapshot_path(drive)
    assert path == drive / ".trafficking-lessons" / "progress.sqlite3" and not path.exists()
    store.mark_opened("m1")
    store.record("m1", "q1", "quiz", 2, True, True, required=["q1"])
    store.record("m1", "r1", "reflection", "my words", None, False)
    conn = sqlite3.connect(path)  # the snapshot is a whole SQLite file of ours
    assert conn.execute("SELECT item FROM answer ORDER BY id").fetchall() == [("q1",), ("r1",)]
    conn.close()
    assert not path.with_name(path.name + browser.PARTIAL).exists()

    again = browser.open_browser_store(drive)  # the page reloaded
    assert [(a.item, a.answer) for a in again.answers()] == [("q1", 2), ("r1", "my words")]
    assert again.modules()["m1"].completed is not None and again.problem is None


def test_a_write_cut_short_leaves_the_previous_snapshot(drive, monkeypatch):
    store = browser.open_browser_store(drive)
    store.record("m1", "q1", "quiz", 1, True, True)

    def closed_mid_write(src, dst):
        raise OSError("the page was closed")

    monkeypatch.setattr(browser.os, "replace", closed_mid_write)
    assert store.record("m1", "q2", "quiz", 2, True, True) is False
    assert store.problem.kind == "unavailable"
    monkeypatch.undo()
    assert [a.item for a in browser.open_browser_store(drive).answers()] == ["q1"]
    assert store.record("m1", "q3", "quiz", 3, True, True)  # the next write saves all again
    assert store.problem is None
    kept = [a.item for a in browser.open_browser_store(drive).answers()]
    assert kept == ["q1", "q2", "q3"]


def test_a_damaged_snapshot_is_moved_aside_and_a_fresh_store_started(drive):
    path = browser.snapshot_path(drive)
    path.parent.mkdir()
    path.write_bytes(os.urandom(8192))
    store = browser.open_browser_store(drive)
    assert store.usable and store.problem.kind == "damaged"
    assert progress.damaged_copies(path) and not path.exists()
    store.record("m1", "q1", "quiz", 1, True, True)
    assert [a.item for a in browser.open_browser_store(drive).answers()] == ["q1"]


def test_a_snapshot_from_a_newer_version_is_left_alone(drive):
    path = browser.snapshot_path(drive)
    path.parent.mkdir()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {progress.APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {progress.SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE future (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    store = browser.open_browser_store(drive)
    assert not store.usable and path.read_bytes() == before


def test_no_drive_keeps_nothing_and_says_why(tmp_path, course):
    store = browser.open_browser_store(tmp_path / "no-drive")
    assert not store.usable and store.problem.reason == browser.NO_BROWSER_STORAGE
    assert session.notice_text(store.problem, course.ui) == course.ui.progress_no_browser_storage


def test_delete_all_leaves_nothing_in_the_snapshot(drive):
    store = browser.open_browser_store(drive)
    store.record("m1", "r1", "reflection", "a secret reflection", None, False)
    assert store.delete_all()
    assert b"a secret reflection" not in browser.snapshot_path(drive).read_bytes()
    assert browser.open_browser_store(drive).answers() == []


def test_a_browser_kernel_uses_the_browser_store_and_says_where_once(drive, monkeypatch, course):
    monkeypatch.setattr(session.sys, "platform", "emscripten")
    monkeypatch.setattr(browser, "DRIVE", drive)
    monkeypatch.setattr(session, "open_browser_store", lambda: browser.open_browser_store(drive))
    progress.forget_default_store()
    store = progress.default_store()
    assert isinstance(store, browser.BrowserStore)
    assert progress.session_notice() == course.ui.progress_in_browser
    assert progress.session_notice() is None  # told once
    from lessonkit.progress.overview import ProgressOverview

    view = ProgressOverview(course)
    assert "this browser" in view.summary_html.value and str(drive) not in view.summary_html.value


def test_two_notebooks_open_at_once_keep_both_their_answers(drive):
    first = browser.open_browser_store(drive)  # two notebooks' kernels, open side by side
    second = browser.open_browser_store(drive)
    first.record("m1", "q1", "quiz", 1, True, True)
    second.record("m2", "q2", "quiz", 2, True, True)  # finds first's snapshot, adds it
    first.record("m1", "q3", "quiz", 3, True, True)  # and first, in turn, adds second's
    kept = sorted(a.item for a in browser.open_browser_store(drive).answers())
    assert kept == ["q1", "q2", "q3"]
    assert sorted(a.item for a in first.answers()) == ["q1", "q2", "q3"]
