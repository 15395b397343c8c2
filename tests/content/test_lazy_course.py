"""A lesson reads its own module's file: ``load_course(lang, lazy=True)``, what notebook cells use,
reads each module and the knowledge-check bank when first asked for. ``load_course()`` without it
(tools, checks, tests) still reads and checks everything at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonkit import cells as lesson
from lessonkit.content import ContentError, load_course
from lessonkit.content import bank as bank_module
from lessonkit.content import loader as loader_module

from ..helpers import edit

MODULE_03 = "03-who-traffickers-are"
MODULE_05 = "05-how-the-cbsa-fights-trafficking"


@pytest.fixture
def files_read(content_copy, monkeypatch) -> list[str]:
    """The course files (modules, the bank) the loader parses from now on (names only)."""
    read: list[str] = []
    real = loader_module.read_toml

    def recording(path, *args, **kwargs):
        read.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(loader_module, "read_toml", recording)
    monkeypatch.setattr(bank_module, "read_toml", recording)
    return read


def module_files(read: list[str]) -> set[str]:
    return {name for name in read if name[:2].isdigit()}


def test_a_lesson_notebook_reads_only_its_own_module(files_read):
    lesson.opening(MODULE_03)
    for item in load_course("en", lazy=True).module(MODULE_03).items:
        lesson.show(MODULE_03, item.id)
    lesson.closing(MODULE_03)
    assert module_files(files_read) == {f"{MODULE_03}.toml"}
    assert "knowledge-check.toml" not in files_read


def test_the_whole_course_still_loads_at_once_without_lazy(files_read):
    course = load_course("en")
    assert module_files(files_read) == {f"{m.id}.toml" for m in course.modules}
    assert len(course.modules) == 10 and "knowledge-check.toml" in files_read


def test_lazy_and_whole_give_the_same_modules(content_copy):
    lazy = load_course("en", lazy=True)
    assert lazy.module_ids == tuple(m.id for m in load_course("en").modules)
    assert lazy.module("03") is lazy.module(MODULE_03)  # by number or id, read once
    with pytest.raises(KeyError, match=r'no module "42" in content/en \(modules: 00-start-here, '):
        lazy.module("42")


def test_a_broken_module_breaks_its_own_lesson_only(content_copy):
    edit(
        content_copy / "en" / f"{MODULE_05}.toml",
        f'id = "{MODULE_05}"',
        'id = "not-the-file-name"',
    )
    shown = lesson.opening(MODULE_03)  # another module's lesson goes on
    assert not isinstance(shown, lesson.Page), shown
    broken = lesson.opening(MODULE_05)
    assert isinstance(broken, lesson.Page) and broken.summary.startswith("[content problem] ")
    assert f"{MODULE_05}.toml" in broken.summary
    with pytest.raises(ContentError, match=MODULE_05):
        load_course("en")  # the tools and checks see it at once
    with pytest.raises(ContentError, match=MODULE_05):
        assert load_course("en", lazy=True).modules  # and so does anything listing every module


def test_a_module_with_an_unknown_concept_is_refused_when_it_is_read(content_copy):
    edit(
        content_copy / "en" / "01-what-is-trafficking.toml",
        'concepts = ["acts", "purpose-of-exploitation", "within-borders"]',
        'concepts = ["nope"]',
    )
    course = load_course("en", lazy=True)
    course.module(MODULE_03)  # fine
    with pytest.raises(ContentError, match='unknown concept "nope"'):
        course.module("01")
    with pytest.raises(ContentError, match='unknown concept "nope"'):
        course.module("01")  # a module that failed is not kept: it fails again
