"""Every citation in the prose resolves to a source of content/sources.toml by its short name.

A citation is "(Source: X)" or "(Sources: X; Y)", with the names separated by "; " exactly as
sources.toml spells them in `short`. Checked here: the facilitator guide
(content/en/facilitator/guide.md) and the facilitator notes (every text of
content/en/facilitator/*.toml). A citation may wrap across lines in the guide: line breaks and runs
of spaces count as one space. The notebooks' citations are checked, more strictly, against each
module's own sources list by tests/test_content.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tomllib

from ..helpers import CITATION, CONTENT

ROOT = CONTENT.parent
GUIDE = CONTENT / "en" / "facilitator" / "guide.md"
NOTES = CONTENT / "en" / "facilitator"


def short_names() -> set[str]:
    with open(CONTENT / "sources.toml", "rb") as f:
        return {s["short"] for s in tomllib.load(f)["source"]}


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


def texts() -> list[tuple[str, str]]:
    """(where, text) for every place a citation may appear."""
    found = [(where(GUIDE), GUIDE.read_text(encoding="utf-8"))]
    for path in sorted(NOTES.glob("*.toml")):
        with open(path, "rb") as f:
            found += [(where(path), t) for t in strings(tomllib.load(f))]
    return found


def citations(text: str) -> list[tuple[str, list[str]]]:
    """(the citation as written, its source names) for each citation in a text."""
    flat = " ".join(text.split())
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


def test_every_citation_resolves_to_a_source_by_its_short_name():
    problems = unresolved(texts(), short_names())
    assert not problems, "\n".join(problems)


def test_the_guide_cites_its_sources():
    found = citations(GUIDE.read_text(encoding="utf-8"))
    assert len(found) >= 10, "the guide should cite its sources"


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
