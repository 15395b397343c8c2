"""The certificate of completion: only when every module is completed by the content's own
answer keys, self-contained (no script, nothing from elsewhere), with the learner's name used
for the page only, and saying plainly what it attests."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from lessonkit.content import load_course
from lessonkit.progress import checks
from lessonkit.progress.certificate import (
    CertificateMaker,
    NotComplete,
    certificate_html,
    completion,
)
from lessonkit.progress.knowledge_check import KnowledgeCheck

from .completing import complete, take, wrong_answer


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k in ("src", "href", "action", "srcset")]


def test_no_certificate_before_every_module_is_completed(course, store):
    with pytest.raises(NotComplete):
        certificate_html(course, store, "Ada")
    complete(store, course, course.modules[:-1])
    with pytest.raises(NotComplete) as caught:
        certificate_html(course, store, "Ada")
    assert caught.value.missing == (course.modules[-1],)
    maker = CertificateMaker(course, store)
    assert maker.make_button.disabled and maker.name_box.disabled
    text = unescape(re.sub(r"<[^>]+>", " ", maker.intro.value))
    last = course.modules[-1]
    assert course.ui.cert_not_yet.format(modules=f"{last.number:02d} {last.title}") in text


def test_a_forged_store_makes_no_certificate(course, store):
    # every module marked completed, every answer flagged right, but the answers are wrong
    complete(store, course, answer=wrong_answer, flag=True)
    for module in course.modules:
        store._write(
            ("UPDATE module SET completed = ? WHERE module = ?", ("2026-01-01", module.id))
        )
    assert all(r.completed for r in store.modules().values())
    state = completion(course, store)
    scored = [m for m in course.modules if any(i.graded for i in m.items)]
    assert set(state.missing) == set(scored)
    with pytest.raises(NotComplete):
        certificate_html(course, store, "Ada")


def test_answers_to_another_kind_or_item_do_not_count(course, store):
    complete(store, course)
    module = next(m for m in course.modules if any(i.graded for i in m.items))
    store.start_over(module.id)
    store.mark_opened(module.id)
    item = next(i for i in module.items if i.graded)
    store.record(module.id, item.id + "-forged", item.kind, None, True, True)
    with pytest.raises(NotComplete):
        certificate_html(course, store, "")


def test_the_certificate_is_self_contained_and_says_what_it_attests(course, store):
    complete(store, course)
    take(KnowledgeCheck(course, "before", store), right_concepts=set())
    take(KnowledgeCheck(course, "after", store), right_concepts={i.concept for i in course.checks})
    page = certificate_html(course, store, "Ada <script>alert(1)</script> Tremblay", "2026-12-03")
    parsed = Page()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "link" not in parsed.tags
    assert parsed.links == []
    assert "url(" not in page and "@import" not in page and "http" not in page
    assert "&lt;script&gt;" in page and "<script>" not in page
    text = unescape(re.sub(r"<[^>]+>", " ", page))
    for words in (course.ui.course_title, course.ui.course_edition, course.ui.cert_attests):
        assert words in text
    days = dict((m.id, d) for m, d in completion(course, store).done)
    for module in course.modules:
        assert f"{module.number:02d} {module.title}" in text
        assert days[module.id] in text
    found = checks.results(course, store)
    for name in ("before", "after"):
        r = found[name]
        assert (
            course.ui.kc_result_value.format(right=r.right, total=r.total, date=r.sitting.day)
            in text
        )
    assert '<html lang="en">' in page


def test_the_name_is_used_for_the_page_only(course, store, tmp_path):
    complete(store, course)
    maker = CertificateMaker(course, store)
    assert not maker.make_button.disabled
    target = tmp_path / "mine.html"
    maker.make("Zoë Quinnell-Abara", str(target))
    assert "Zoë Quinnell-Abara" in target.read_text(encoding="utf-8")
    assert maker.name_box.value == ""
    assert "Zoë".encode() not in store.snapshot() and b"Quinnell" not in store.snapshot()
    maker.make("Someone else", str(target))  # never over an existing file
    assert "Zoë Quinnell-Abara" in target.read_text(encoding="utf-8")
    assert course.ui.progress_export_exists.format(path=str(target)) == maker.message


def test_the_french_certificate_is_in_french(store):
    french = load_course("fr")
    complete(store, french)
    page = certificate_html(french, store, "")
    assert '<html lang="fr">' in page and french.ui.cert_attests.replace("'", "&#x27;") in page
