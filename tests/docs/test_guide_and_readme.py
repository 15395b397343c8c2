"""The facilitator guide and the README's teaching sections name real lines, commands and paths."""

from __future__ import annotations

import re

import pytest

from lessonkit.content import (
    load_course,
)

from ..helpers import CONTENT, LANGS, NUMBER, PROJECT_ROOT, VERIFIED_NUMBERS

#: Words each edition's guide must hold: the referral plan, local resources, listening without
#: pressing for details, and 911.
GUIDE_WORDS = {
    "en": ["referral plan", "local resources", "without pressing for details", "911"],
    "fr": [
        "plan d'aiguillage",
        "ressources locales",
        "sans insister pour obtenir des détails",
        "911",
    ],
}


def guide_of(lang: str):
    return CONTENT / lang / "facilitator" / "guide.md"


@pytest.mark.parametrize("lang", LANGS)
def test_guide_gives_the_help_lines_and_only_verified_numbers(lang):
    guide = guide_of(lang).read_text(encoding="utf-8")
    numbers = set(NUMBER.findall(guide))
    for line in load_course(lang).help_lines:
        assert set(NUMBER.findall(line.contact)) <= numbers, f"{line.name} missing from the guide"
    assert numbers and numbers <= VERIFIED_NUMBERS


@pytest.mark.parametrize("lang", LANGS)
def test_guide_covers_preparation_disclosure_room_and_audience(lang):
    text = guide_of(lang).read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert len(headings) >= 5
    guide = " ".join(text.split())
    for words in GUIDE_WORDS[lang]:
        assert words in guide, words
    # the guide names the switch as learners see it, in its edition's words
    assert " ".join(load_course(lang).ui.facilitator_switch.split()) in guide
    flag = "" if lang == "en" else f" --lang {lang}"
    assert re.search(rf"python -m lessonkit plan --minutes \d+[^`]*{flag}", guide)
    assert re.search(rf"python -m lessonkit handouts --out \S+[^`]*{flag}", guide)
    if lang != "en":  # the same sections as the English guide
        english = guide_of("en").read_text(encoding="utf-8")
        assert len(headings) == len([h for h in english.splitlines() if h.startswith("## ")])


def readme_section(title: str) -> str:
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def test_readme_voila_commands_name_real_notebooks():
    section = readme_section("Presenting with Voila")
    paths = re.findall(r"\.venv/bin/voila (\S+)", section)
    assert "notebooks/en" in paths and len(paths) == 2
    for path in paths:
        assert (PROJECT_ROOT / path).exists(), path


def test_readme_teaching_section_names_real_commands_and_paths():
    section = readme_section("Teaching a class")
    for path in ["content/en/facilitator/guide.md", "content/en/facilitator/", "requirements.txt"]:
        assert (PROJECT_ROOT / path).exists() and path in section
    assert "nbgitpuller" in section and "hub/user-redirect/git-pull?repo=" in section
    assert "python -m lessonkit plan --minutes" in section
    assert "python -m lessonkit handouts --out" in section
    assert load_course("en").ui.facilitator_switch in " ".join(section.split())
