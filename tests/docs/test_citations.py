"""Every citation in the prose resolves to a source of content/sources.toml by its short name.

A citation is "(Source: X)" or "(Sources: X; Y)", with the names separated by "; " exactly as
sources.toml spells them in `short` (the French edition: "(Source\u00a0: X)", by the French short
name of the source's [source.fr] table). Checked here, in each edition: the facilitator guide
(content/<lang>/facilitator/guide.md) and the facilitator notes (every text of
content/<lang>/facilitator/*.toml). A citation may wrap across lines in the guide: line breaks and
runs of spaces count as one space. The notebooks' citations are checked, more strictly, against each
module's own sources list by tests/test_content.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tomllib

from lessonkit.content import load_sources

from ..helpers import CITATION, CONTENT, LANGS, flatten

ROOT = CONTENT.parent
GUIDE = CONTENT / "en" / "facilitator" / "guide.md"
NOTES = CONTENT / "en" / "facilitator"


def short_names(lang: str = "en") -> set[str]:
    return {s.short for s in load_sources(CONTENT / "sources.toml", lang).values()}


def strings(value):
    """Every string inside a TOML value, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def where(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def texts(lang: str = "en") -> list[tuple[str, str]]:
    """(where, text) for every place a citation may appear in one edition."""
    guide = GUIDE if lang == "en" else CONTENT / lang / "facilitator" / "guide.md"
    notes = NOTES if lang == "en" else CONTENT / lang / "facilitator"
    found = [(where(guide), guide.read_text(encoding="utf-8"))]
    for path in sorted(notes.glob("*.toml")):
        with open(path, "rb") as f:
            found += [(where(path), t) for t in strings(tomllib.load(f))]
    return found


def citations(text: str) -> list[tuple[str, list[str]]]:
    """(the citation as written, its source names) for each citation in a text."""
    flat = flatten(text)  # keeps the non-breaking space of "(Source\u00a0: …)"
    out = []
    for match in CITATION.finditer(flat):
        label, cited = match.groups()
        names = cited.split("; ")
        if label == "Source" and len(names) > 1:
            names = [cited]  # "Source:" names one source; a "; " in it is a mistake reported below
        out.append((match.group(0), names))
    return out


def unresolved(pairs: list[tuple[str, str]], known: set[str]) -> list[str]:
    problems = []
    for place, text in pairs:
        for written, names in citations(text):
            for name in names:
                if name not in known:
                    problems.append(
                        f"{place}: {written} names {name!r}, not a short name in sources.toml"
                    )
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_every_citation_resolves_to_a_source_by_its_short_name(lang):
    problems = unresolved(texts(lang), short_names(lang))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_cites_its_sources(lang):
    guide = CONTENT / lang / "facilitator" / "guide.md"
    found = citations(guide.read_text(encoding="utf-8"))
    assert len(found) >= 10, "the guide should cite its sources"
    if lang != "en":  # as many citations as the English guide, each naming as many sources
        english = citations(GUIDE.read_text(encoding="utf-8"))
        assert [len(names) for _, names in found] == [len(n) for _, n in english]


def test_an_english_short_name_in_a_french_citation_is_reported():
    text = "Texte. (Source\u00a0: Criminal Code) Plus. (Source\u00a0: Code criminel)"
    assert unresolved([("planted", text)], short_names("fr")) == [
        "planted: (Source\u00a0: Criminal Code) names 'Criminal Code', not a short name in "
        "sources.toml"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Text. (Source: A source that does not exist)",
        "Text. (Sources: Criminal Code; Nowhere at all)",
        "Text. (Sources: Criminal Code, Kids Help Phone)",  # wrong separator
        "Text. (Source: Criminal\n  Code; Kids Help Phone)",  # "Source:" with two names
    ],
)
def test_a_bad_citation_is_reported(text):
    assert unresolved([("planted", text)], short_names())


def test_a_good_citation_wrapped_over_lines_passes():
    text = "Text. (Sources: Criminal\n  Code; Kids Help Phone) More. (Source: Kids Help Phone)"
    assert unresolved([("planted", text)], short_names()) == []
    assert len(citations(text)) == 2


def test_a_bad_citation_planted_in_the_guide_fails_the_check(tmp_path, monkeypatch):
    planted = tmp_path / "guide.md"
    text = GUIDE.read_text(encoding="utf-8") + "\n(Source: RCMP Gazette)\n"
    planted.write_text(text, encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.GUIDE", planted)
    problems = unresolved(texts(), short_names())
    assert any("'RCMP Gazette'" in p for p in problems)
