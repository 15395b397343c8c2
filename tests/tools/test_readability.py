"""The readability report: which prose it measures, and that its figures are computed from it."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import textstat

from lessonkit.__main__ import main
from lessonkit.tools import readability

from ..helpers import CONTENT

MODULE = """[module]
id = "{id}"
number = {number}
title = "{title}"
teaching_minutes = 5
exercise_minutes = 5
questions = ["{question}"]
content_note = "{note}"
sources = ["cbsa-2009"]

[[module.objectives]]
text = "{objective}"
checked_by = ["card"]

[[module.key_points]]
text = "{point}"
sources = ["cbsa-2009"]

[[myth_or_fact]]
id = "card"
level = "remember"
statement = "{statement}"
answer = "myth"
explanation = "{explanation}"
sources = ["cbsa-2009"]
"""

EASY = {
    "id": "01-easy",
    "number": 1,
    "title": "A short walk",
    "question": "Who sat on the mat?",
    "objective": "Say who sat on the mat.",
    "note": "This page is calm.",
    "point": "The cat sat on the mat.",
    "statement": "The dog sat on the mat.",
    "explanation": "It was the cat. The dog ran.",
}
HARD = {
    "id": "02-hard",
    "number": 2,
    "title": "Institutional considerations",
    "question": "Which organizational responsibilities characterize intergovernmental cooperation?",
    "objective": "Differentiate administrative, investigative and prosecutorial responsibilities.",
    "note": "Considerable terminological complexity accompanies jurisdictional discussions.",
    "point": (
        "International organizations coordinate comprehensive administrative responsibilities "
        "among governmental institutions, notwithstanding considerable jurisdictional variation."
    ),
    "statement": "Intergovernmental coordination eliminates institutional fragmentation entirely.",
    "explanation": (
        "Institutional fragmentation persists, notwithstanding extraordinary organizational "
        "investment and considerable administrative harmonization."
    ),
}
EASY_NOTEBOOK = [
    "# A short walk\n\nThe cat sat on the mat. (Source: CBSA fact sheet, 2009)",
    "## 1. The mat\n\n- a red mat\n- a **big** cat\n\n"
    "| Who | Where |\n| --- | --- |\n| cat | mat |",
]
# What the report should measure for the easy module: the notebook's prose made plain (citation
# dropped, each heading, list item and table cell a sentence), then the content file's prose.
EASY_PROSE = (
    "A short walk.\nThe cat sat on the mat.\nThe mat.\na red mat.\na big cat.\nWho.\nWhere.\n"
    "cat.\nmat.\n"
    "A short walk.\nWho sat on the mat?\nSay who sat on the mat.\nThis page is calm.\n"
    "The cat sat on the mat.\nThe dog sat on the mat.\nIt was the cat. The dog ran."
)


def write_notebook(path: Path, markdown: list[str]) -> None:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": text} for text in markdown]
    cells.append(
        {
            "cell_type": "code",
            "metadata": {},
            "source": 'from lessonkit import show; show("x", "card")',
            "outputs": [],
            "execution_count": None,
        }
    )
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")


@pytest.fixture
def course_copy(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """A small course with known text: an easy module and a hard one, each with a notebook."""
    content, notebooks = tmp_path / "content", tmp_path / "notebooks"
    (content / "en").mkdir(parents=True)
    (notebooks / "en").mkdir(parents=True)
    shutil.copy(CONTENT / "sources.toml", content / "sources.toml")
    for fields in (EASY, HARD):
        text = MODULE.format(**fields)
        (content / "en" / f"{fields['id']}.toml").write_text(text, encoding="utf-8")
    write_notebook(notebooks / "en" / "01-easy.ipynb", EASY_NOTEBOOK)
    write_notebook(notebooks / "en" / "02-hard.ipynb", [f"# {HARD['title']}"])
    monkeypatch.setenv("LESSONKIT_CONTENT", str(content))
    monkeypatch.setattr(readability, "NOTEBOOKS", notebooks)
    return content, notebooks


def report_lines(capsys) -> dict[str, str]:
    assert main(["readability"]) == 0
    lines = capsys.readouterr().out.splitlines()
    return {line.split()[0]: line for line in lines[2:-1]} | {"summary": lines[-1]}


def test_plain_markdown_drops_citations_and_marks_and_ends_each_unit():
    markdown = (
        "## 2. Two laws\n\nIn Canada it is a crime under two laws:\n\n"
        "- the **Criminal Code**;\n- the *IRPA*, see [the Act](https://example.org)\n\n"
        "A [link](x) stays. (Sources: CBSA fact sheet, 2009; Criminal Code)"
    )
    assert readability.plain_markdown(markdown) == (
        "Two laws.\nIn Canada it is a crime under two laws.\nthe Criminal Code.\n"
        "the IRPA, see the Act.\nA link stays."
    )


def test_the_report_measures_notebook_and_content_prose(course_copy):
    texts = {name: (text, problem) for name, text, problem in readability.module_texts()}
    assert sorted(texts) == ["01-easy", "02-hard"]
    text, problem = texts["01-easy"]
    assert problem == ""
    assert sorted(text.splitlines()) == sorted(EASY_PROSE.splitlines())
    assert "card" not in text and "myth" not in text and "cbsa-2009" not in text  # ids, answers


def test_figures_are_computed_from_the_text_and_hard_prose_is_marked(course_copy, capsys):
    rows = report_lines(capsys)
    easy = rows["01-easy"].split()
    assert float(easy[1]) == pytest.approx(textstat.flesch_kincaid_grade(EASY_PROSE), abs=0.05)
    assert float(easy[2]) == pytest.approx(textstat.coleman_liau_index(EASY_PROSE), abs=0.05)
    assert int(easy[3]) == textstat.lexicon_count(EASY_PROSE) == 58  # counted by hand
    assert int(easy[4]) == textstat.sentence_count(EASY_PROSE)
    assert "above grade 9" not in rows["01-easy"]
    hard = rows["02-hard"].split()
    assert float(hard[1]) > 9 and float(easy[1]) < 9
    assert rows["02-hard"].endswith("above grade 9")
    both = int(easy[3]) + int(hard[3])
    assert int(rows["all"].split()[4]) == both  # "all modules": words are the two modules' sum
    assert rows["summary"] == "1 of 2 modules above grade 9: 02-hard"


def test_a_broken_module_is_named_and_the_others_still_reported(course_copy, capsys):
    content, _ = course_copy
    hard = content / "en" / "02-hard.toml"
    hard.write_text(hard.read_text(encoding="utf-8").replace("[[myth_or_fact]]", "[[myth]]"))
    rows = report_lines(capsys)
    assert 'unknown widget kind "myth"' in rows["02-hard"]
    assert int(rows["02-hard"].split()[3]) == textstat.lexicon_count(HARD["title"] + ".")
    assert int(rows["01-easy"].split()[3]) == 58  # counted by hand


def test_without_textstat_one_clear_line(course_copy, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "textstat", None)  # import textstat now fails
    assert main(["readability"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "readability: needs textstat, an authoring tool: pip install -r requirements.txt"
    ]


FACILE = EASY | {
    "title": "Une courte promenade",
    "question": "Qui est sur le tapis?",
    "objective": "Dire qui est sur le tapis.",
    "note": "Cette page est calme.",
    "point": "Le chat dort sur le tapis.",
    "statement": "Le chien dort sur le tapis.",
    "explanation": "C'est le chat. Le chien court.",
}
DIFFICILE = HARD | {
    "title": "Considérations institutionnelles",
    "question": "Quelles responsabilités organisationnelles caractérisent la coopération "
    "intergouvernementale?",
    "objective": "Différencier les responsabilités administratives, investigatrices et "
    "juridictionnelles.",
    "note": "Une considérable complexité terminologique accompagne les discussions "
    "juridictionnelles.",
    "point": "Les organisations internationales coordonnent des responsabilités administratives "
    "particulièrement considérables entre institutions gouvernementales.",
    "statement": "La coordination intergouvernementale élimine intégralement la fragmentation "
    "institutionnelle.",
    "explanation": "La fragmentation institutionnelle persiste, nonobstant l'investissement "
    "organisationnel extraordinairement considérable.",
}


def test_french_is_scored_by_its_own_reading_ease_and_matched_by_number(course_copy, capsys):
    content, notebooks = course_copy
    (content / "fr").mkdir()
    (notebooks / "fr").mkdir()
    for fields in (FACILE, DIFFICILE):
        text = MODULE.format(**fields)
        (content / "fr" / f"{fields['id']}.toml").write_text(text, encoding="utf-8")
    # French notebook names differ from the module ids: each goes with the file of its number
    write_notebook(
        notebooks / "fr" / "01-promenade.ipynb",
        ["# Une courte promenade\n\nLe chat dort. (Source\u00a0: fiche de l'ASFC, 2009)"],
    )
    texts = {name: text for name, text, _ in readability.module_texts("fr")}
    assert sorted(texts) == ["01-easy", "02-hard"]
    assert texts["01-easy"].startswith("Une courte promenade.\nLe chat dort.\nUne courte")
    assert "Source" not in texts["01-easy"]  # the French citation is left out too

    assert main(["readability", "--lang", "fr"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Kandel-Moles" in lines[0]
    rows = {line.split()[0]: line for line in lines[2:-1]}
    textstat.set_lang("fr")
    try:
        expected = textstat.flesch_reading_ease(texts["01-easy"])
    finally:
        textstat.set_lang("en")
    assert expected != pytest.approx(textstat.flesch_reading_ease(texts["01-easy"]), abs=0.05)
    easy, hard = float(rows["01-easy"].split()[1]), float(rows["02-hard"].split()[1])
    assert easy == pytest.approx(expected, abs=0.05)
    assert easy > 60 > hard
    assert rows["02-hard"].endswith("below reading ease 60")
    assert lines[-1] == "1 of 2 modules below reading ease 60: 02-hard"
