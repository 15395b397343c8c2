"""Printable handouts: every question and key point is there, nothing loads from outside, text is
escaped, and the answer key holds every answer."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lessonkit.__main__ import main
from lessonkit.content import load_course
from lessonkit.render.answer_key import answer_key_html
from lessonkit.tools.handouts import (
    ANSWER_KEY,
    GENERATOR,
    REFERRAL_PLAN,
    answer_key,
    file_name,
    module_handout,
    write_handouts,
)

from ..helpers import edit


def esc(text: str) -> str:
    return escape(text, quote=True).replace("\n", "<br>")


@pytest.fixture(scope="module")
def written(tmp_path_factory, course) -> Path:
    out = tmp_path_factory.mktemp("handouts")
    write_handouts(out, "en")
    return out


def asked(item) -> list[str]:
    """Everything a learner must read to answer an exercise on paper."""
    texts = [item.headline]
    kind = item.kind
    if kind == "quiz":
        texts += [o.text for o in item.options]
    elif kind == "myth_or_fact":
        texts += [item.statement]
    elif kind == "scenario_sorter":
        texts += [s.text for s in item.scenarios] + [c.label for c in item.categories]
    elif kind == "matching":
        texts += [m.text for m in item.left] + [r.text for r in item.right]
    elif kind == "definition_builder":
        texts += [p.label for p in item.parts] + [o.text for p in item.parts for o in p.options]
        texts += [t.name for t in item.tests]
    elif kind == "journey_map":
        texts += [item.description] + [s.label for s in item.stages]
    elif kind == "spectrum":
        texts += [s.label for s in item.steps]
    elif kind == "branching":
        start = item.step(item.start)
        texts += [start.text] + [c.text for c in start.choices]
    elif kind == "reflection":
        texts += [item.question]
    return texts


def test_one_handout_per_module_and_an_answer_key(written, course):
    names = sorted(p.name for p in written.iterdir())
    assert names == sorted([file_name(m) for m in course.modules] + [ANSWER_KEY, REFERRAL_PLAN])


def test_every_question_and_key_point_is_in_its_handout(written, course):
    for module in course.modules:
        page = (written / file_name(module)).read_text(encoding="utf-8")
        texts = [module.title, module.content_note, *module.questions]
        texts += [o.text for o in module.objectives]
        texts += [p.text for p in module.key_points]
        for item in module.items:
            texts += asked(item)
        for text in texts:
            assert esc(text) in page, f"{module.id}: {text!r} missing from its handout"


def test_every_exercise_has_space_to_answer(written, course):
    for module in course.modules:
        page = (written / file_name(module)).read_text(encoding="utf-8")
        sections = page.split('<section class="exercise">')[1:]
        assert len(sections) == len(module.items)
        for item, section in zip(module.items, sections, strict=True):
            space = ['<div class="line">', '<span class="blank">', "\u2610"]
            assert any(mark in section for mark in space), item.id


def test_handouts_give_the_help_lines_and_no_answers(written, course):
    for module in course.modules:
        page = (written / file_name(module)).read_text(encoding="utf-8")
        for line in course.help_lines:
            assert esc(line.contact) in page and esc(line.name) in page
        assert esc(course.ui.answer_key) not in page
        for item in module.items:
            if item.kind == "quiz":
                for option in item.options:
                    assert esc(option.feedback) not in page


class Loads(HTMLParser):
    """Collects everything in a page that could fetch something from elsewhere."""

    FETCHING_TAGS = {"script", "link", "img", "iframe", "object", "embed", "audio", "video"}
    FETCHING_TAGS |= {"source", "track", "input", "form", "base", "svg", "image", "use", "meta"}

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        if tag in self.FETCHING_TAGS and not (tag == "meta" and _harmless_meta(attrs)):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name in {"src", "srcset", "href", "data", "poster", "action", "background"}:
                self.found.append(f"{tag} {name}={value}")
            if name == "style":
                self.styles.append(value or "")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def _harmless_meta(attrs) -> bool:
    names = {name for name, _ in attrs}
    return names in ({"charset"}, {"name", "content"})


def check_loads_nothing(page: str) -> None:
    parser = Loads()
    parser.feed(page)
    assert parser.found == []
    for css in parser.styles:
        assert not re.search(r"url\s*\(|@import|expression\s*\(", css, re.I), css
    assert parser.styles, "the page carries its own (print) CSS"


def test_files_load_nothing_from_outside(written):
    for path in written.iterdir():
        page = path.read_text(encoding="utf-8")
        check_loads_nothing(page)
        assert page.startswith("<!DOCTYPE html>") and "@media print" in page
        assert f'<meta name="generator" content="{GENERATOR}">' in page


def test_the_check_catches_what_would_load(written):
    for bad in [
        '<img src="http://example.org/x.png">',
        '<link rel="stylesheet" href="https://example.org/x.css">',
        "<script>fetch('/x')</script>",
        "<style>body { background: url(http://example.org/x.png) }</style>",
        '<p style="background: url(x.png)">x</p>',
        "<style>@import 'x.css';</style>",
    ]:
        with pytest.raises(AssertionError):
            check_loads_nothing("<style>p {}</style>" + bad)


def test_text_is_escaped(content_copy):
    edit(
        content_copy / "en" / "01-what-is-trafficking.toml",
        'question = "Which of these best matches',
        "question = \"<script>alert('x')</script> & <b>Which</b> of these best matches",
    )
    course = load_course("en")
    module = course.module("01-what-is-trafficking")
    for page in (module_handout(course, module), answer_key(course)):
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;Which" in page
        assert "<script>" not in page and "<b>Which" not in page
        check_loads_nothing(page)


def test_answer_key_holds_every_answer(written, course):
    page = (written / ANSWER_KEY).read_text(encoding="utf-8")
    assert esc(course.ui.answer_key_title) in page
    for module in course.modules:
        for item in module.items:
            assert esc(item.headline) in page
            assert answer_key_html(course, item, 4) in page


def test_writing_again_replaces_only_our_own_files(written, tmp_path):
    out = tmp_path / "out"
    write_handouts(out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    first = sorted(p.name for p in out.iterdir())
    write_handouts(out)
    assert sorted(p.name for p in out.iterdir()) == first
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_foreign_file_of_the_same_name_is_never_overwritten(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / ANSWER_KEY).write_text("<p>my own key</p>", encoding="utf-8")
    assert main(["handouts", "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"handouts: {out / ANSWER_KEY} exists and was not written by this tool; nothing written"
    ]
    assert [p.name for p in out.iterdir()] == [ANSWER_KEY]
    assert (out / ANSWER_KEY).read_text(encoding="utf-8") == "<p>my own key</p>"


def test_handouts_command(tmp_path, capsys, course):
    out = tmp_path / "handouts"
    assert main(["handouts", "--out", str(out)]) == 0
    assert f"Wrote {len(course.modules) + 2} files to {out}" in capsys.readouterr().out
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    assert main(["handouts", "--out", str(target)]) == 1
    assert capsys.readouterr().err == f"handouts: {target} is a file, not a folder\n"


def test_handouts_command_reports_broken_content(content_copy, tmp_path, capsys):
    edit(content_copy / "en" / "01-what-is-trafficking.toml", 'id = "core-idea"', 'id = "Core"')
    assert main(["handouts", "--out", str(tmp_path / "h")]) == 1
    assert 'quiz #1: id: "Core" is not a valid id' in capsys.readouterr().err
    assert not (tmp_path / "h").exists()


def test_every_scenario_leaves_room_for_the_local_procedure(course, tmp_path):
    written = write_handouts(tmp_path / "out")
    pages = {p.name: p.read_text(encoding="utf-8") for p in written}
    box = escape(course.ui.handout_procedure, quote=True)
    for module in course.modules:
        page = pages[file_name(module)]
        scenarios = [i for i in module.items if i.kind == "branching"]
        assert page.count(box) == len(scenarios), module.id


def test_pages_have_a_main_landmark_and_tick_boxes_hidden_from_screen_readers(course):
    from lessonkit.tools.handouts import BOX, answer_key, module_handout

    pages = [module_handout(course, m) for m in course.modules] + [answer_key(course)]
    for page in pages:
        assert page.count("<main>") == 1 and page.count("</main>") == 1
        assert "<body>\n<main>" in page and "</main>\n</body>" in page
        assert page.count(BOX) == page.count(f'<span aria-hidden="true">{BOX}</span>')


def test_answer_key_uses_headings_not_bold_paragraphs(course):
    from lessonkit.tools.handouts import answer_key

    page = answer_key(course)
    assert f"<h4>{escape(course.ui.key_right)}</h4>" in page
    assert f"<h4>{escape(course.ui.key_good_path)}</h4>" in page
    assert "<p><strong>" + escape(course.ui.key_right) + "</strong></p>" not in page
