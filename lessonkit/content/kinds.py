"""One parser per exercise kind: a TOML table in, a checked record out.

``ITEM_KINDS`` maps each kind's TOML table name to its parser; it is the list of kinds every
other layer's ``{kind: ...}`` table must match (a test checks that they do).
"""

from __future__ import annotations

from .reader import ID_PATTERN, FieldReader
from .records import (
    Actor,
    BranchChoice,
    Branching,
    BranchStep,
    BuilderTest,
    Category,
    DefinitionBuilder,
    JourneyMap,
    Matching,
    MatchLeft,
    MatchRight,
    MultipleChoice,
    MythOrFact,
    Option,
    Part,
    PartOption,
    Reflection,
    Scenario,
    ScenarioSorter,
    Source,
    Spectrum,
    SpectrumStep,
    Stage,
)


def parse_quiz(f: FieldReader, item_id: str, known: dict[str, Source]) -> MultipleChoice:
    question = f.text("question")
    multiple = f.boolean("multiple", False)
    options = []
    for index, table in enumerate(f.tables("options", 2, 6, "options"), 1):
        o = f.sub("options", index, table)
        options.append(
            Option(
                text=o.text("text"),
                correct=o.boolean("correct", False),
                feedback=o.text("feedback"),
            )
        )
        o.finish()
    right = sum(o.correct for o in options)
    if right == 0:
        raise f.fail("options", "no option is marked correct = true")
    if right > 1 and not multiple:
        raise f.fail(
            "options",
            f"{right} options are marked correct; a quiz needs exactly 1 (or set multiple = true)",
        )
    return MultipleChoice(
        id=item_id,
        question=question,
        options=tuple(options),
        sources=f.sources("sources", known),
        explanation=f.text("explanation"),
        multiple=multiple,
        shuffle=f.boolean("shuffle", False),
        concepts=f.idents("concepts"),
    )


def parse_myth_or_fact(f: FieldReader, item_id: str, known: dict[str, Source]) -> MythOrFact:
    return MythOrFact(
        id=item_id,
        statement=f.text("statement"),
        answer=f.choice("answer", ("myth", "fact")),
        explanation=f.text("explanation"),
        sources=f.sources("sources", known),
        concepts=f.idents("concepts"),
    )


def parse_scenario_sorter(f: FieldReader, item_id: str, known: dict[str, Source]):
    categories = []
    for category_id, c in f.named_tables("categories", 2, 5, "categories"):
        categories.append(Category(id=category_id, label=c.text("label")))
        c.finish()
    category_ids = tuple(c.id for c in categories)
    scenarios = []
    for scenario_id, c in f.named_tables("scenarios", 2, 12, "scenarios"):
        answer = c.text("answer")
        if answer not in category_ids:
            raise c.fail(
                "answer", f'unknown category "{answer}" (categories: {", ".join(category_ids)})'
            )
        scenarios.append(
            Scenario(
                id=scenario_id, text=c.text("text"), answer=answer, feedback=c.text("feedback")
            )
        )
        c.finish()
    return ScenarioSorter(
        id=item_id,
        prompt=f.text("prompt"),
        categories=tuple(categories),
        scenarios=tuple(scenarios),
        sources=f.sources("sources", known),
        concepts=f.idents("concepts"),
    )


def parse_matching(f: FieldReader, item_id: str, known: dict[str, Source]) -> Matching:
    right = []
    for right_id, r in f.named_tables("right", 2, 8, "items"):
        right.append(MatchRight(id=right_id, text=r.text("text")))
        r.finish()
    right_ids = [r.id for r in right]
    left = []
    for left_id, m in f.named_tables("left", 2, 8, "items"):
        match = m.text("match")
        if match not in right_ids:
            raise m.fail("match", f'no item "{match}" in the right-hand list')
        if any(other.match == match for other in left):
            raise m.fail("match", f'"{match}" is already the partner of another item')
        left.append(
            MatchLeft(
                id=left_id,
                text=m.text("text"),
                match=match,
                feedback=m.text("feedback"),
                hint=m.text("hint", ""),
            )
        )
        m.finish()
    if len(left) != len(right):
        raise f.fail(
            "right",
            f"the lists must be the same length: left has {len(left)} items, "
            f"right has {len(right)}",
        )
    return Matching(
        id=item_id,
        prompt=f.text("prompt"),
        left_label=f.text("left_label"),
        right_label=f.text("right_label"),
        left=tuple(left),
        right=tuple(right),
        sources=f.sources("sources", known),
        concepts=f.idents("concepts"),
    )


def parse_journey_map(f: FieldReader, item_id: str, known: dict[str, Source]) -> JourneyMap:
    stages = []
    for stage_id, s in f.named_tables("stages", 2, 8, "stages"):
        actors = []
        for index, table in enumerate(s.tables("actors", 1, 6, "actors"), 1):
            a = s.sub("actors", index, table)
            actors.append(
                Actor(
                    name=a.text("name"),
                    action=a.text("action"),
                    sources=a.sources("sources", known),
                )
            )
            a.finish()
        stages.append(
            Stage(
                id=stage_id, label=s.text("label"), summary=s.text("summary"), actors=tuple(actors)
            )
        )
        s.finish()
    return JourneyMap(
        id=item_id,
        title=f.text("title"),
        description=f.text("description"),
        prompt=f.text("prompt"),
        stages=tuple(stages),
        sources=f.sources("sources", known),
        concepts=f.idents("concepts"),
    )


def parse_spectrum(f: FieldReader, item_id: str, known: dict[str, Source]) -> Spectrum:
    steps = []
    for step_id, s in f.named_tables("steps", 2, 8, "steps"):
        steps.append(
            SpectrumStep(id=step_id, label=s.text("label"), description=s.text("description"))
        )
        s.finish()
    return Spectrum(
        id=item_id,
        label=f.text("label"),
        prompt=f.text("prompt"),
        low=f.text("low"),
        high=f.text("high"),
        steps=tuple(steps),
        sources=f.sources("sources", known),
        concepts=f.idents("concepts"),
    )


def parse_branching(f: FieldReader, item_id: str, known: dict[str, Source]) -> Branching:
    start = f.ident("start")
    steps = []
    where: dict[str, FieldReader] = {}
    for step_id, s in f.named_tables("steps", 2, 20, "steps"):
        choices = []
        for index, table in enumerate(
            s.tables("choices", 0, 4, "choices") if "choices" in s.data else [], 1
        ):
            c = s.sub("choices", index, table)
            choices.append(
                BranchChoice(
                    text=c.text("text"),
                    feedback=c.text("feedback"),
                    next=c.ident("next"),
                    tone=c.choice("tone", ("good", "caution", "neutral"), "neutral"),
                )
            )
            where[f"{step_id}/{index}"] = c
            c.finish()
        s.used.add("choices")
        steps.append(BranchStep(id=step_id, text=s.text("text"), choices=tuple(choices)))
        s.finish()
    ids = [step.id for step in steps]
    if start not in ids:
        raise f.fail("start", f'no step "{start}" (steps: {", ".join(ids)})')
    for step in steps:
        for index, choice in enumerate(step.choices, 1):
            if choice.next not in ids:
                raise where[f"{step.id}/{index}"].fail(
                    "next", f'leads nowhere: no step "{choice.next}"'
                )
    if not any(step.ending for step in steps):
        raise f.fail("steps", "no ending: at least one step must have no choices")
    follows = {step.id: {c.next for c in step.choices} for step in steps}
    reached, todo = {start}, [start]
    while todo:
        for nxt in follows[todo.pop()] - reached:
            reached.add(nxt)
            todo.append(nxt)
    unreached = [i for i in ids if i not in reached]
    if unreached:
        raise f.fail("steps", f'step "{unreached[0]}" cannot be reached from "{start}"')
    ends = {step.id for step in steps if step.ending}
    changed = True
    while changed:
        changed = False
        for step_id, nexts in follows.items():
            if step_id not in ends and nexts & ends:
                ends.add(step_id)
                changed = True
    stuck = [i for i in ids if i not in ends]
    if stuck:
        raise f.fail(
            "steps", f'step "{stuck[0]}" never leads to an ending (a loop with no way out)'
        )
    by_id = {step.id: step for step in steps}
    good, todo = {start}, [start]
    while todo:
        for choice in by_id[todo.pop()].choices:
            if choice.tone == "good" and choice.next not in good:
                good.add(choice.next)
                todo.append(choice.next)
    if not any(by_id[i].ending for i in good):
        raise f.fail(
            "steps", f'no ending can be reached from "{start}" by choices whose tone is "good"'
        )
    return Branching(
        id=item_id,
        title=f.text("title"),
        start=start,
        steps=tuple(steps),
        sources=f.sources("sources", known),
        concepts=f.idents("concepts"),
    )


def parse_reflection(f: FieldReader, item_id: str, known: dict[str, Source]) -> Reflection:
    return Reflection(
        id=item_id,
        question=f.text("question"),
        guidance=f.text("guidance", ""),
        points=f.texts("points", 0, 8, default=[]),
        concepts=f.idents("concepts"),
        sources=f.sources("sources", known, low=0),
    )


def parse_definition_builder(f: FieldReader, item_id: str, known: dict[str, Source]):
    prompt = f.text("prompt")
    parts: list[Part] = []
    given: set[str] = set()
    for index, table in enumerate(f.tables("parts", 2, 6, "parts"), 1):
        p = f.sub("parts", index, table)
        part_id = p.ident()
        if any(part.id == part_id for part in parts):
            raise p.fail("id", f'duplicate part id "{part_id}"')
        options = []
        for o_index, o_table in enumerate(p.tables("options", 2, 8, "options"), 1):
            o = p.sub("options", o_index, o_table)
            option = PartOption(id=o.ident(), text=o.text("text"), gives=o.texts("gives", 0, 10))
            if any(existing.id == option.id for existing in options):
                raise o.fail("id", f'duplicate option id "{option.id}"')
            for element in option.gives:
                if not ID_PATTERN.match(element):
                    raise o.fail("gives", f'"{element}" is not a valid element name')
            given.update(option.gives)
            options.append(option)
            o.finish()
        parts.append(Part(id=part_id, label=p.text("label"), options=tuple(options)))
        p.finish()
    tests = []
    for index, table in enumerate(f.tables("tests", 1, 4, "tests"), 1):
        t = f.sub("tests", index, table)
        test_id = t.ident()
        requires = t.texts("requires", 1, 10)
        for element in requires:
            if element not in given:
                raise t.fail("requires", f'no option gives "{element}"')
        m = t.table("missing")
        why = tuple((element, m.text(element)) for element in requires)
        m.finish()
        tests.append(
            BuilderTest(
                id=test_id,
                name=t.text("name"),
                requires=requires,
                yes=t.text("yes"),
                missing=why,
                sources=t.sources("sources", known),
            )
        )
        t.finish()
    return DefinitionBuilder(
        id=item_id,
        prompt=prompt,
        parts=tuple(parts),
        tests=tuple(tests),
        caution=f.text("caution"),
        concepts=f.idents("concepts"),
    )


# How an item checks what it checks (revised Bloom). Classifying a new case or choosing an
# action is "apply"; separating what evidence does and does not support is "analyse".
LEVELS = ("remember", "understand", "apply", "analyse", "evaluate", "create")
APPLY_OR_ABOVE = frozenset(LEVELS[2:])

# The widget kinds a module file may hold, by their TOML table name.
ITEM_KINDS = {
    "quiz": parse_quiz,
    "myth_or_fact": parse_myth_or_fact,
    "scenario_sorter": parse_scenario_sorter,
    "definition_builder": parse_definition_builder,
    "matching": parse_matching,
    "journey_map": parse_journey_map,
    "spectrum": parse_spectrum,
    "branching": parse_branching,
    "reflection": parse_reflection,
}
RESERVED_ITEM_IDS = {"opening", "closing"}
