"""The table of scenarios in content/README.md ("## The scenarios") matches the content.

What counts as a scenario (a made-up situation about particular people), read from the content
with no schema of its own:

1. every scenario of every `[[scenario_sorter]]`: item "<sorter id>/<scenario id>";
2. every left-hand item of a `[[matching]]` whose `left_label` contains "situation":
   item "<matching id>/<left id>";
3. every `[[branching]]`: item "<branching id>" (its start step sets the scene);
4. every `[[journey_map]]`: item "<journey map id>" (one made-up journey);
5. every `[[quiz]]` whose question, before its last sentence, describes a particular person:
   that part names a person with one of the words in PERSON ("An adult works…",
   "At an airport, a young man…", "A 17-year-old…"): item "<quiz id>".

Not scenarios: `[[myth_or_fact]]` statements (general claims, even when they say "a person"),
`[[definition_builder]]` items (the learner builds the situation from parts), other matchings
(organizations and roles), spectrums and reflections.

The table's columns are: module | item | setting | who | kind of exploitation | crosses a border.
Every cell is filled; "crosses a border" is yes or no; "kind of exploitation" is one of KINDS.
The rebalance rule (content audit e1): no single kind of exploitation may be more than half of
all scenarios.
"""

from __future__ import annotations

import re
from collections import Counter

from ..helpers import CONTENT

README = CONTENT / "README.md"
HEADER = ["module", "item", "setting", "who", "kind of exploitation", "crosses a border"]
KINDS = {
    "forced labour",
    "sexual exploitation",
    "organ removal",
    "not stated",  # trafficking or a worry about it, with no form named
    "none: smuggling",  # smuggling that ends on arrival
    "none: hard but free work",  # poor work, but not trafficking
}
PERSON = re.compile(
    r"\b(?:a|an|one|two|three|the)\s+(?:young\s+|new\s+|\d+-year-old\s+)?"
    r"(?:man|woman|men|women|boy|girl|teen|teenager|adult|family|couple|student|worker|"
    r"caregiver|brothers|sisters|mother|father|child|youth|\d+-year-old)\b",
    re.I,
)


def case_stem(question: str) -> str:
    """The part of a question before its last sentence."""
    sentences = re.split(r"(?<=[.?!])\s+", question.strip())
    return " ".join(sentences[:-1])


def scenarios(course) -> dict[tuple[str, str], str]:
    """(module number, item) -> the scenario's text, for every scenario in the content."""
    found = {}
    for module in course.modules:
        number = f"{module.number:02d}"
        for item in module.items:
            if item.kind == "scenario_sorter":
                for s in item.scenarios:
                    found[(number, f"{item.id}/{s.id}")] = s.text
            elif item.kind == "matching" and "situation" in item.left_label.lower():
                for left in item.left:
                    found[(number, f"{item.id}/{left.id}")] = left.text
            elif item.kind == "branching":
                found[(number, item.id)] = item.step(item.start).text
            elif item.kind == "journey_map":
                found[(number, item.id)] = item.description
            elif item.kind == "quiz" and PERSON.search(case_stem(item.question)):
                found[(number, item.id)] = item.question
    return found


def table_rows(text: str) -> list[list[str]]:
    """The rows of the table under "## The scenarios" (header and separator left out)."""
    start = text.index("\n## The scenarios\n")
    end = text.find("\n## ", start + 1)
    section = text[start : end if end != -1 else len(text)]
    lines = [line.strip() for line in section.splitlines() if line.strip().startswith("|")]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    assert cells and [c.lower() for c in cells[0]] == HEADER, (
        f"the scenario table's header must be: | {' | '.join(HEADER)} |"
    )
    return [row for row in cells[2:]]


def row_problems(rows: list[list[str]]) -> list[str]:
    problems = []
    for row in rows:
        name = " | ".join(row)
        if len(row) != len(HEADER):
            problems.append(f"row | {name} |: needs {len(HEADER)} cells, has {len(row)}")
            continue
        for column, cell in zip(HEADER, row, strict=True):
            if not cell:
                problems.append(f"row | {name} |: the cell '{column}' is empty")
        if row[5] and row[5] not in {"yes", "no"}:
            problems.append(f"row | {name} |: 'crosses a border' must be yes or no, not {row[5]!r}")
        if row[4] and row[4] not in KINDS:
            problems.append(
                f"row | {name} |: 'kind of exploitation' must be one of {sorted(KINDS)}, "
                f"not {row[4]!r}"
            )
    return problems


def coverage_problems(found: dict[tuple[str, str], str], rows: list[list[str]]) -> list[str]:
    listed = Counter((row[0], row[1]) for row in rows if len(row) >= 2)
    problems = []
    missing = [key for key in found if key not in listed]
    if missing:
        problems.append(
            "Add these rows to the scenario table in content/README.md (fill in each cell):\n"
            + "\n".join(
                f"| {number} | {item} | ? | ? | ? | ? |   <- {found[(number, item)][:70]}"
                for number, item in missing
            )
        )
    extra = [key for key in listed if key not in found]
    if extra:
        problems.append(
            "Remove these rows from the scenario table (no such scenario in the content):\n"
            + "\n".join(f"| {number} | {item} | …" for number, item in extra)
        )
    twice = [key for key, n in listed.items() if n > 1]
    if twice:
        problems.append("These scenarios have more than one row: " + ", ".join(map(str, twice)))
    return problems


def balance_problems(rows: list[list[str]]) -> list[str]:
    kinds = Counter(row[4] for row in rows if len(row) == len(HEADER))
    total = sum(kinds.values())
    return [
        f"{kind!r} is {n} of {total} scenarios, more than half: rebalance the scenarios "
        f"(content audit e1). Counts: {dict(kinds.most_common())}"
        for kind, n in kinds.items()
        if n * 2 > total
    ]


def readme_rows() -> list[list[str]]:
    return table_rows(README.read_text(encoding="utf-8"))


def test_every_scenario_has_one_row_and_every_row_a_scenario(course):
    problems = coverage_problems(scenarios(course), readme_rows())
    assert not problems, "\n\n".join(problems)


def test_every_row_is_filled_in_with_allowed_values():
    problems = row_problems(readme_rows())
    assert not problems, "\n".join(problems)


def test_no_kind_of_exploitation_is_more_than_half_of_the_scenarios():
    problems = balance_problems(readme_rows())
    assert not problems, "\n".join(problems)


def test_the_definition_finds_scenarios_of_every_counted_kind(course):
    found = scenarios(course)
    assert len(found) >= 10
    assert any("/" in item for _, item in found)  # sorter scenarios and matching situations


# ------------------------------------------------------------ the checks can fail


def test_a_missing_and_an_extra_row_are_named(course):
    found = scenarios(course)
    rows = [[n, i, "s", "w", "not stated", "no"] for n, i in list(found)[1:]]
    rows.append(["03", "no-such-item", "s", "w", "not stated", "no"])
    problems = coverage_problems(found, rows)
    first = next(iter(found))
    assert any(f"| {first[0]} | {first[1]} | ? |" in p for p in problems)
    assert any("| 03 | no-such-item |" in p for p in problems)


def test_bad_cells_are_named():
    rows = [
        ["02", "x/a", "", "a man", "forced labour", "yes"],
        ["02", "x/b", "a farm", "a woman", "forced labour", "maybe"],
        ["02", "x/c", "a farm", "a woman", "labour trafficking", "no"],
        ["02", "x/d", "a farm"],
    ]
    text = "\n".join(row_problems(rows))
    assert "'setting' is empty" in text
    assert "must be yes or no, not 'maybe'" in text
    assert "not 'labour trafficking'" in text
    assert "needs 6 cells, has 3" in text


def test_one_kind_over_half_fails_the_rebalance_rule():
    rows = [["02", f"x/{i}", "s", "w", "forced labour", "no"] for i in range(3)]
    rows += [["02", f"y/{i}", "s", "w", "sexual exploitation", "no"] for i in range(2)]
    assert balance_problems(rows) and "'forced labour' is 3 of 5" in balance_problems(rows)[0]
    rows.append(["02", "z/1", "s", "w", "sexual exploitation", "no"])
    assert balance_problems(rows) == []  # exactly half is allowed


def test_quiz_cases_are_found_by_the_person_in_their_stem():
    assert PERSON.search(case_stem("A 17-year-old's new boyfriend buys her gifts. What is this?"))
    assert PERSON.search(case_stem("At an airport, a young man seems afraid. What first?"))
    assert not PERSON.search(case_stem("Someone is in immediate danger. What should you do first?"))
    assert not PERSON.search(case_stem("Which of these is true of a man who is trafficked?"))
