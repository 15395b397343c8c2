"""What a facilitator or learner produces in French is in French: handouts and their answer key,
the session plan, the facilitator view, the progress overview and its export, error notices.

"In French" is checked against the English: no interface sentence of the English edition may
appear where the French one says something else, and every page declares ``lang="fr"``.
"""

from __future__ import annotations

import html
import re
from dataclasses import fields

import pytest

import lessonkit
from lessonkit.__main__ import main
from lessonkit.content import UIStrings, load_course
from lessonkit.tools.handouts import ANSWER_KEY, write_handouts


@pytest.fixture(scope="module")
def en():
    return load_course("en")


@pytest.fixture(scope="module")
def fr():
    return load_course("fr")


def english_left(en, fr, text: str) -> list[str]:
    """Interface sentences of the English edition found in ``text`` (their French differs)."""
    found = []
    for f in fields(UIStrings):
        english, french = getattr(en.ui, f.name), getattr(fr.ui, f.name)
        for piece in re.split(r"\{[a-z_]+\}", english):
            piece = piece.strip(" .:,()")
            if len(piece) >= 12 and english != french and piece not in french and piece in text:
                found.append(f"{f.name}: {piece!r}")
    return found


def test_english_left_in_a_page_is_found(en, fr):
    assert english_left(en, fr, f"<p>{en.ui.choose_first}</p>")
    assert not english_left(en, fr, f"<p>{fr.ui.choose_first}</p>")


@pytest.fixture(scope="module")
def handouts_fr(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts-fr")
    write_handouts(out, "fr")
    return out


def test_french_handouts_declare_french_and_hold_the_french_words(handouts_fr, en, fr):
    pages = sorted(handouts_fr.glob("*.html"))
    assert len(pages) == len(fr.modules) + 2  # one per module, the answer key, the referral plan
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<html lang="fr">' in text, page.name
        assert not english_left(en, fr, text), (page.name, english_left(en, fr, text))
    text = html.unescape(" ".join(p.read_text(encoding="utf-8") for p in pages))
    for module in fr.modules:
        assert module.title in text  # escaped in the page ("Qu&#x27;est-ce…")


def test_the_french_answer_key_gives_the_french_answers(handouts_fr, fr):
    key = (handouts_fr / ANSWER_KEY).read_text(encoding="utf-8")
    quiz = fr.module("01-what-is-trafficking").item("core-idea")
    right = next(o.text for o in quiz.options if o.correct)
    assert right.split()[0] in key and quiz.question.split()[0] in key


def test_the_french_plan_is_in_french(capsys, en, fr):
    assert main(["plan", "--lang", "fr", "--minutes", "90", "--audience", "police"]) == 0
    text = capsys.readouterr().out
    assert fr.ui.plan_audience.format(audience=fr.ui.audience_police) in text
    assert fr.module("00-start-here").title in text
    assert not english_left(en, fr, text), english_left(en, fr, text)
    assert en.module("00-start-here").title not in text


def test_the_french_facilitator_view_and_overview_are_in_french(private_store, en, fr):
    from lessonkit.widgets import facilitator

    panel = facilitator.panel(fr, "01-what-is-trafficking")
    overview = lessonkit.progress_overview("fr")
    for shown in (panel.value, overview.summary_html.value):
        assert shown.startswith('<div lang="fr">'), shown[:60]
        assert not english_left(en, fr, shown), english_left(en, fr, shown)


def test_the_french_export_is_in_french(private_store, en, fr, tmp_path):
    from lessonkit.progress import default_store
    from lessonkit.progress.export import export

    english = lessonkit.show("01-what-is-trafficking", "core-idea")
    english.select(0)
    english.check()
    md, data = export(fr, default_store(), str(tmp_path / "mes-progres"))
    text = md.read_text(encoding="utf-8")
    assert fr.module("01-what-is-trafficking").title in text
    assert not english_left(en, fr, text), english_left(en, fr, text)


def test_a_content_problem_in_french_is_one_notice(content_copy):
    target = content_copy / "fr" / "01-what-is-trafficking.toml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('id = "core-idea"', 'id = "Core"', 1), encoding="utf-8")
    shown = lessonkit.show("01-what-is-trafficking", "core-idea", lang="fr")
    notice = repr(shown)  # the copy's path is the file's own, wherever the content folder is
    assert notice.startswith("[content problem] ") and notice.count("[content problem]") == 1
    assert 'content/fr/01-what-is-trafficking.toml: quiz #1: id: "Core" is not a valid id' in notice
