"""What the browser tests expect of each notebook, and how a learner works each widget kind.

Everything here is read from the stored notebooks and from content/, never written down twice:
- which notebooks exist: a glob at collection time, so new modules are tested as they land;
- which widgets a notebook shows: its stored outputs (one widget view per exercise cell) and
  its one-line calls (`show(module, item)`, `example(item)`, `glossary()`), whose kinds come
  from the content files;
- what feedback a learner must read: the item's own text and the interface strings.

A widget kind is one entry in INTERACTIONS: how to work it with the mouse, how to work it with
the keyboard only, and the words the feedback must then contain. Each interaction starts from
whatever the widget shows (a saved answer may have been restored), as a learner would.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lessonkit.content import load_course
from lessonkit.tools.notebooks import NOTEBOOKS, WIDGET_VIEW, notebook_paths

PROJECT_ROOT = NOTEBOOKS.parent
GALLERY = NOTEBOOKS / "authoring" / "widget-gallery.ipynb"
OUTPUT_WIDGET = ".jp-OutputArea-output > .jupyter-widgets"
EXERCISE = ".lessonkit-exercise"
DECORATIVE = "\u2714\u2716\u2139\u2192"  # aria-hidden marks beside feedback words
# Kinds a notebook shows through a call other than show()/example(), with no content item.
STANDALONE_KINDS = {"glossary": "glossary"}


@dataclass(frozen=True)
class Shown:
    """One exercise a notebook shows, in page order: its kind and its content record."""

    kind: str
    item: object  # the content record (None for the glossary, which shows the whole course's)
    call: str


@dataclass(frozen=True)
class Notebook:
    path: Path
    widget_outputs: int  # stored outputs that are widget views
    shown: tuple[Shown, ...]
    code: tuple[str, ...]  # the source of every code cell (must never be visible in Voila)
    lang: str = "en"  # the edition it shows

    @property
    def id(self) -> str:
        return self.path.relative_to(NOTEBOOKS).as_posix().removesuffix(".ipynb")


def kind_selector(kind: str) -> str:
    """CSS selector of an exercise's outer widget of this kind: `lessonkit-<kind>`.

    The kit writes the kind with hyphens (lessonkit-definition-builder); underscores match too.
    """
    names = {f"lessonkit-{kind}", f"lessonkit-{kind.replace('_', '-')}"}
    return ", ".join(f".{name}" for name in sorted(names))


def _calls(source: str):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            yield node.func.id, args, ast.unparse(node)


def notebook_lang(nb: dict) -> str:
    """The edition a notebook shows: the ``lang=`` its calls pass (English when none does)."""
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            for node in ast.walk(ast.parse("".join(cell["source"]))):
                for keyword in getattr(node, "keywords", ()):
                    if keyword.arg == "lang" and isinstance(keyword.value, ast.Constant):
                        return keyword.value.value
    return "en"


def read_notebook(path: Path, lang: str | None = None) -> Notebook:
    from lessonkit.cells import gallery_module

    nb = json.loads(path.read_text(encoding="utf-8"))
    lang = lang or notebook_lang(nb)
    course = load_course(lang)
    widget_outputs = 0
    shown: list[Shown] = []
    code: list[str] = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        code.append(source)
        widget_outputs += sum(WIDGET_VIEW in o.get("data", {}) for o in cell.get("outputs", []))
        for name, args, call in _calls(source):
            if name == "show" and len(args) >= 2:
                item = course.module(args[0]).item(args[1])
                shown.append(Shown(item.kind, item, call))
            elif name == "example" and args:
                item = gallery_module(lang)[1].item(args[0])
                shown.append(Shown(item.kind, item, call))
            elif name in STANDALONE_KINDS:
                shown.append(Shown(STANDALONE_KINDS[name], None, call))
    return Notebook(path, widget_outputs, tuple(shown), tuple(code), lang)


def all_notebooks() -> list[Path]:
    """Every notebook under notebooks/, found on disk when pytest collects."""
    return notebook_paths()


def widget_kinds() -> list[str]:
    """Every kind the kit builds, and the glossary."""
    from lessonkit.widgets import WIDGETS as BUILDERS

    return sorted({*BUILDERS, *STANDALONE_KINDS.values()})


# Kinds whose items come in variants that a learner works differently (one case for each).
VARIANTS: dict[str, Callable] = {
    "quiz": lambda item: "several-answers" if item.multiple else "one-answer",
}


@dataclass(frozen=True)
class Case:
    """One widget to work in the browser: its kind, the notebook, its index among that kind's
    widgets on the page, and what the notebook shows there."""

    kind: str
    path: Path
    index: int
    shown: Shown


def example_cases(kinds) -> dict[str, Case | None | Exception]:
    """The first example of every kind (and of every variant of a kind), by case name.

    The widget gallery (one example of every kind) comes first; then the modules in order.
    A kind that no notebook shows gets None: its test then fails and says so. If the notebooks
    or the content cannot be read, the one case is the error: its test fails with it, and
    pytest still collects (and runs) every other test.
    """
    try:
        return _example_cases(kinds)
    except Exception as err:  # noqa: BLE001 - reported by the test, not at collection
        return {"reading-the-notebooks": err}


def _example_cases(kinds) -> dict[str, Case | None]:
    paths = all_notebooks()
    if GALLERY in paths:
        paths.remove(GALLERY)
        paths.insert(0, GALLERY)
    cases: dict[str, Case | None] = {}
    for path in paths:
        seen: dict[str, int] = {}
        for shown in read_notebook(path).shown:
            index = seen.get(shown.kind, 0)
            seen[shown.kind] = index + 1
            variant = VARIANTS.get(shown.kind)
            name = f"{shown.kind}-{variant(shown.item)}" if variant else shown.kind
            if shown.kind in kinds and name not in cases:
                cases[name] = Case(shown.kind, path, index, shown)
    for kind in kinds:
        if not any(c.kind == kind for c in cases.values()):
            cases[kind] = None
    # In page order: one case after another needs few presses of Tab.
    order = {path: n for n, path in enumerate(paths)}
    return dict(
        sorted(
            cases.items(),
            key=lambda kv: (1, 0, 0) if kv[1] is None else _page_position(kv[1], order),
        )
    )


def _page_position(case: Case, order: dict) -> tuple[int, int, int]:
    return 0, order[case.path], read_notebook(case.path).shown.index(case.shown)


def plain(text: str) -> str:
    """Text as a learner reads it: decorative symbols dropped, spaces collapsed."""
    return " ".join(text.translate({ord(c): " " for c in DECORATIVE}).split())


# ----------------------------------------------------------------- checking what is shown


@dataclass(frozen=True)
class Step:
    """After one learner action: words the feedback must contain.

    `expect` must appear in the widget's live regions (role="status", which a screen reader
    announces); `on_page` anywhere in the widget; one of `any_of` in the live regions.
    """

    expect: tuple[str, ...] = ()
    on_page: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()


def check_step(root, step: Step, timeout_ms: int = 15_000) -> Step:
    """Wait until the widget shows the step's words; fail naming the missing ones."""
    regions = root.locator('[role="status"]')
    wanted = [plain(w) for w in step.expect if w]
    anywhere = [plain(w) for w in step.on_page if w]
    alternatives = [plain(w) for w in step.any_of if w]
    live = whole = ""
    for _ in range(timeout_ms // 100 + 1):
        live = plain(" ".join(regions.all_inner_texts()))
        whole = plain(root.inner_text())
        if (
            all(w in live for w in wanted)
            and all(w in whole for w in anywhere)
            and (not alternatives or any(w in live for w in alternatives))
        ):
            return step
        root.page.wait_for_timeout(100)
    missing = [w for w in wanted if w not in live] + [w for w in anywhere if w not in whole]
    if alternatives and not any(w in live for w in alternatives):
        missing.append(f"one of {alternatives}")
    raise AssertionError(f"the widget lacks {missing!r}; its live regions read: {live!r}")


# ----------------------------------------------------------------- keyboard moves


def focused_in(locator) -> int:
    """Index of the focused element among the locator's matches, or -1."""
    return locator.evaluate_all("els => els.indexOf(document.activeElement)")


def tab_until(page, locator, limit: int = 300, key: str = "Tab") -> int:
    """Press Tab (or Shift+Tab) until one of the locator's elements has the focus; its index."""
    locator.first.wait_for()
    for _ in range(limit):
        index = focused_in(locator)
        if index >= 0:
            return index
        page.keyboard.press(key)
    raise AssertionError(f"{limit} presses of {key} never reached {locator}")


def focus_kept(page, timeout_ms: int = 5_000) -> str:
    """After an action: the focus is on a control, never dropped to the page's body."""
    settle(page)
    for _ in range(timeout_ms // 100 + 1):
        where = page.evaluate(
            "() => { const e = document.activeElement;"
            " return !e || e === document.body ? '' : e.tagName + ' ' + e.textContent.trim(); }"
        )
        if where:
            return where
        page.wait_for_timeout(100)
    raise AssertionError("after the action the focus fell to the page's body")


def settle(page, quiet_ms: int = 300, timeout_ms: int = 20_000) -> None:
    """Wait until no kernel message has come or gone for a moment.

    ipywidgets holds back a control's next change while its last one is still with the kernel,
    but sends a button press at once; a test that acts faster than a person could press the
    button before the kernel has the answer. Learners never act that fast.
    """
    page.wait_for_function(
        "q => performance.now() - (window.__wsLast || 0) > q",
        arg=quiet_ms,
        timeout=timeout_ms,
        polling=50,
    )


def press(page, locator, key: str = "Tab") -> None:
    """Tab to a button and press Enter (once the kernel has every change); the focus must then
    still be on a control (a button that hides or disables itself passes it on)."""
    tab_until(page, locator, key=key)
    settle(page)
    page.keyboard.press("Enter")
    focus_kept(page)


def click(root, name: str) -> None:
    """Click a button of the widget (once the kernel has every change)."""
    settle(root.page)
    _button(root, name).click()


def labels_of(locator) -> list[str]:
    """Visible labels of radio buttons or check boxes, in page order."""
    return locator.evaluate_all(
        "els => els.map(e => (e.closest('label') || e.parentElement).textContent"
        ".replace(/\\u00a0/g, ' ').trim())"
    )


def radio_to(page, radios, label: str) -> None:
    """Tab into a radio group, then use the arrow keys (or Space) to choose one answer."""
    labels = labels_of(radios)
    target = labels.index(label)
    at = tab_until(page, radios)  # the checked answer, or the first if none is checked
    key = "ArrowDown" if target > at else "ArrowUp"
    for _ in range(abs(target - at)):
        page.keyboard.press(key)
    if target == at and not radios.nth(target).is_checked():
        page.keyboard.press("Space")


def tick(page, boxes, wanted: set[str]) -> None:
    """Tab through check boxes; Space on each whose state is not the wanted one."""
    labels = labels_of(boxes)
    for index, label in enumerate(labels):
        box = boxes.nth(index)
        tab_until(page, box)
        if box.is_checked() != (label in wanted):
            page.keyboard.press("Space")


def select_to(page, select, label: str) -> None:
    """Tab to a list (a closed <select>) and move through it with the arrow keys."""
    # ipywidgets writes the spaces of option labels as no-break spaces.
    options = select.evaluate(
        "s => [...s.options].map(o => o.textContent.replace(/\\u00a0/g, ' ').trim())"
    )
    target = options.index(label)
    tab_until(page, select)
    at = select.evaluate("s => s.selectedIndex")
    key = "ArrowDown" if target > at else "ArrowUp"
    for _ in range(abs(target - at)):
        page.keyboard.press(key)


# ----------------------------------------------------------------- the kinds


def _button(root, name: str):
    # exact=True: JupyterLab's own "Save and create checkpoint" must never match "Check".
    return root.get_by_role("button", name=name, exact=True)


def _choices(root, item):
    return root.get_by_role("checkbox" if item.multiple else "radio")


def quiz_step(item, ui, chosen) -> Step:
    right = {i for i, o in enumerate(item.options) if o.correct}
    picked = {i for i, o in enumerate(item.options) if o.text in chosen}
    feedback = [item.options[i].feedback for i in sorted(picked)]
    if picked == right:
        return Step((ui.correct, *feedback))
    lead = ui.partly if item.multiple and picked & right else ui.not_quite
    return Step((lead, *feedback, ui.try_again))


def _quiz_rounds(item) -> list[set[str]]:
    """A wrong answer first (when there is one), then the right one(s)."""
    wrong = [o.text for o in item.options if not o.correct]
    right = {o.text for o in item.options if o.correct}
    return ([{wrong[0]}] if wrong else []) + [right]


def quiz_mouse(page, root, item, course) -> list[Step]:
    ui, steps = course.ui, []
    for round_number, chosen in enumerate(_quiz_rounds(item)):
        if item.multiple:
            for label in labels_of(_choices(root, item)):
                root.get_by_role("checkbox", name=label, exact=True).set_checked(label in chosen)
        else:
            root.get_by_role("radio", name=next(iter(chosen)), exact=True).check()
        if round_number:
            check_step(root, Step((ui.answer_changed,)))
        click(root, ui.check)
        steps.append(check_step(root, quiz_step(item, ui, chosen)))
    return steps


def quiz_keyboard(page, root, item, course) -> list[Step]:
    ui = course.ui
    right = {o.text for o in item.options if o.correct}
    if item.multiple:
        tick(page, _choices(root, item), right)
    else:
        radio_to(page, _choices(root, item), next(iter(right)))
    press(page, _button(root, ui.check))
    return [check_step(root, quiz_step(item, ui, right))]


def _myth_step(item, ui, choice: str) -> Step:
    answer = {"myth": ui.myth, "fact": ui.fact}[item.answer]
    verdict = ui.myth_or_fact_verdict.format(answer=answer.lower())
    lead = ui.correct if choice == item.answer else ui.not_quite
    return Step((lead, verdict, item.explanation))


def myth_or_fact_mouse(page, root, item, course) -> list[Step]:
    ui, steps = course.ui, []
    wrong = "fact" if item.answer == "myth" else "myth"
    for choice in (wrong, item.answer):
        click(root, {"myth": ui.myth, "fact": ui.fact}[choice])
        steps.append(check_step(root, _myth_step(item, ui, choice)))
    return steps


def myth_or_fact_keyboard(page, root, item, course) -> list[Step]:
    ui = course.ui
    press(page, _button(root, {"myth": ui.myth, "fact": ui.fact}[item.answer]))
    return [check_step(root, _myth_step(item, ui, item.answer))]


def _sorter_rounds(item) -> list[dict[str, str]]:
    """All right; then the first situation in a wrong category (one change)."""
    right = {s.id: s.answer for s in item.scenarios}
    rounds = [right]
    others = [c.id for c in item.categories if c.id != item.scenarios[0].answer]
    if others:
        rounds.append({**right, item.scenarios[0].id: others[0]})
    return rounds


def _sorter_step(item, ui, chosen: dict[str, str], retry: bool = False) -> Step:
    """What a check shows; with ``retry`` (the first check with a wrong row) a wrong row asks
    the learner to look again instead of showing its category."""
    ok = {s.id: chosen[s.id] == s.answer for s in item.scenarios}
    words = [ui.score.format(right=sum(ok.values()), total=len(ok))]
    for number, s in enumerate(item.scenarios, 1):
        verdict = ui.correct if ok[s.id] else ui.not_quite
        words.append(f"{ui.situation.format(number=number)}: {verdict}")
        if retry and not ok[s.id]:
            words.append(ui.sorter_retry)
        else:
            words += [s.feedback, f"{item.category(s.answer).label}."]
    return Step(tuple(words))


def _sorter_lists(root, item, ui):
    names = [ui.situation.format(number=n) for n in range(1, len(item.scenarios) + 1)]
    return {
        s.id: root.get_by_role("combobox", name=name, exact=True)
        for s, name in zip(item.scenarios, names, strict=True)
    }


def scenario_sorter_mouse(page, root, item, course) -> list[Step]:
    ui, steps = course.ui, []
    labels = {c.id: c.label for c in item.categories}
    lists = _sorter_lists(root, item, ui)
    before: dict[str, str] = {}
    for round_number, chosen in enumerate(_sorter_rounds(item)):
        for scenario_id, category in chosen.items():
            if before.get(scenario_id) != category:
                lists[scenario_id].select_option(label=labels[category])
        before = chosen
        if round_number:
            check_step(root, Step((ui.answer_changed,)))
        click(root, ui.sorter_check)
        wrong = chosen != {s.id: s.answer for s in item.scenarios}
        steps.append(check_step(root, _sorter_step(item, ui, chosen, retry=wrong)))
        if wrong:  # the next check shows every category
            click(root, ui.sorter_check)
            steps.append(check_step(root, _sorter_step(item, ui, chosen)))
    return steps


def scenario_sorter_keyboard(page, root, item, course) -> list[Step]:
    ui = course.ui
    labels = {c.id: c.label for c in item.categories}
    chosen = {s.id: s.answer for s in item.scenarios}
    for scenario_id, select in _sorter_lists(root, item, ui).items():
        select_to(page, select, labels[chosen[scenario_id]])
    press(page, _button(root, ui.sorter_check))
    return [check_step(root, _sorter_step(item, ui, chosen))]


def _builder_step(item, ui, chosen: dict[str, str]) -> Step:
    present = set()
    for part in item.parts:
        for option in part.options:
            if option.id == chosen[part.id]:
                present.update(option.gives)
    words = []
    for test in item.tests:
        missing = [e for e in test.requires if e not in present]
        verdict = ui.builder_no if missing else ui.builder_yes
        words.append(ui.builder_verdict.format(test=test.name, verdict=verdict))
        words += [test.why_missing(e) for e in missing] if missing else [test.yes]
    return Step((*words, item.caution))


def _builder_rounds(item) -> list[dict[str, str]]:
    """The first option of every list; then the first list's last option (one change)."""
    first = {part.id: part.options[0].id for part in item.parts}
    head = item.parts[0]
    return [first, {**first, head.id: head.options[-1].id}]


def _option_text(part, option_id: str) -> str:
    return next(o.text for o in part.options if o.id == option_id)


def definition_builder_mouse(page, root, item, course) -> list[Step]:
    ui, steps = course.ui, []
    before: dict[str, str] = {}
    for round_number, chosen in enumerate(_builder_rounds(item)):
        for part in item.parts:
            if before.get(part.id) != chosen[part.id]:
                root.get_by_role("combobox", name=part.label, exact=True).select_option(
                    label=_option_text(part, chosen[part.id])
                )
        before = chosen
        if round_number:
            check_step(root, Step((ui.builder_changed,)))
        click(root, ui.builder_check)
        steps.append(check_step(root, _builder_step(item, ui, chosen)))
    return steps


def definition_builder_keyboard(page, root, item, course) -> list[Step]:
    ui = course.ui
    chosen = _builder_rounds(item)[0]
    for part in item.parts:
        select = root.get_by_role("combobox", name=part.label, exact=True)
        select_to(page, select, _option_text(part, chosen[part.id]))
    press(page, _button(root, ui.builder_check))
    return [check_step(root, _builder_step(item, ui, chosen))]


def _matching_rounds(item) -> list[dict[str, str]]:
    """Every pair right; then the first item paired with the second's partner (one change).

    After the first round each round changes one list only, so the "you changed your answer"
    notice shows that the kernel has the change before the button is pressed.
    """
    right = {m.id: m.match for m in item.left}
    rounds = [right]
    if len(item.left) > 1 and item.left[0].match != item.left[1].match:
        rounds.append({**right, item.left[0].id: item.left[1].match})
    return rounds


def _matching_step(item, ui, pairs: dict[str, str]) -> Step:
    ok = {m.id: pairs[m.id] == m.match for m in item.left}
    words = [ui.score.format(right=sum(ok.values()), total=len(ok))]
    for m in item.left:
        partner = item.partner(pairs[m.id]).text
        said = ui.match_right if ok[m.id] else ui.match_wrong
        words += [
            ui.correct if ok[m.id] else ui.not_quite,
            said.format(left=m.text, right=partner),
            m.feedback if ok[m.id] else ui.try_again,
        ]
    return Step(tuple(words))


def matching_mouse(page, root, item, course) -> list[Step]:
    ui, steps = course.ui, []
    before: dict[str, str] = {}
    for round_number, pairs in enumerate(_matching_rounds(item)):
        for m in item.left:
            if before.get(m.id) != pairs[m.id]:
                select = root.get_by_role("combobox", name=m.text, exact=True)
                select.select_option(label=item.partner(pairs[m.id]).text)
        before = pairs
        if round_number:
            check_step(root, Step((ui.answer_changed,)))
        click(root, ui.matching_check)
        steps.append(check_step(root, _matching_step(item, ui, pairs)))
    return steps


def matching_keyboard(page, root, item, course) -> list[Step]:
    ui = course.ui
    pairs = {m.id: m.match for m in item.left}
    for m in item.left:
        select = root.get_by_role("combobox", name=m.text, exact=True)
        select_to(page, select, item.partner(pairs[m.id]).text)
    press(page, _button(root, ui.matching_check))
    return [check_step(root, _matching_step(item, ui, pairs))]


def _stage_step(item, ui, index: int) -> Step:
    stage = item.stages[index]
    actors = [f"{a.name}: {a.action}" for a in stage.actors]
    return Step((f"{index + 1}. {stage.label}", stage.summary, f"{ui.who_can_act}:", *actors))


def _numbered_choice(entries, step_of):
    """Mouse and keyboard interactions for a numbered radio list ("1. label", …) whose choice
    shows a step of text: the journey map's stages, the spectrum's steps.

    ``entries(item)`` gives the listed records (each with a ``label``); ``step_of(item, ui, i)``
    the Step the i-th choice should show.
    """

    def label(item, index: int) -> str:
        return f"{index + 1}. {entries(item)[index].label}"

    def mouse(page, root, item, course) -> list[Step]:
        """Choose the last entry, then the first."""
        steps = []
        for index in (len(entries(item)) - 1, 0):
            root.get_by_role("radio", name=label(item, index), exact=True).check()
            steps.append(check_step(root, step_of(item, course.ui, index)))
        return steps

    def keyboard(page, root, item, course) -> list[Step]:
        """Tab into the list; the arrow keys move to the second entry."""
        index = 1 if len(entries(item)) > 1 else 0
        radio_to(page, root.get_by_role("radio"), label(item, index))
        return [check_step(root, step_of(item, course.ui, index))]

    return mouse, keyboard


journey_map_mouse, journey_map_keyboard = _numbered_choice(lambda item: item.stages, _stage_step)


def _spectrum_step(item, ui, index: int) -> Step:
    step = item.steps[index]
    heading = ui.spectrum_step.format(number=index + 1, total=len(item.steps), label=step.label)
    return Step((heading, step.description))


spectrum_mouse, spectrum_keyboard = _numbered_choice(lambda item: item.steps, _spectrum_step)


def _branch_step(item, ui, choice) -> Step:
    tone = {"good": ui.tone_good, "caution": ui.tone_caution, "neutral": ui.tone_neutral}
    after = item.step(choice.next)
    on_page = (after.text, ui.ending) if after.ending else (after.text,)
    return Step((tone[choice.tone], choice.feedback), on_page=on_page)


def branching_mouse(page, root, item, course) -> list[Step]:
    ui, steps = course.ui, []
    click(root, ui.start_again)  # from the start, whatever was restored
    start = item.step(item.start)
    for choice in start.choices[:2]:
        root.get_by_role("radio", name=choice.text, exact=True).check()
        click(root, ui.take_choice)
        steps.append(check_step(root, _branch_step(item, ui, choice)))
        click(root, ui.start_again)
    return steps


def branching_keyboard(page, root, item, course) -> list[Step]:
    ui = course.ui
    press(page, _button(root, ui.start_again))  # from the start, whatever was restored
    start = item.step(item.start)
    choice = next((c for c in start.choices if c.tone == "good"), start.choices[0])
    radio_to(page, root.get_by_role("radio"), choice.text)
    take = _button(root, ui.take_choice)
    press(page, take)
    steps = [check_step(root, _branch_step(item, ui, choice))]
    if item.step(choice.next).ending:  # "Go with this choice" is hidden: focus moved on
        assert focused_in(_button(root, ui.start_again)) == 0, "focus not on Start again"
    # Back to the first step: "Go back one step" is disabled, the focus goes to the choice.
    press(page, _button(root, ui.go_back), key="Shift+Tab")
    take.wait_for()
    for _ in range(50):
        if focused_in(take) == 0:
            break
        page.wait_for_timeout(100)
    assert focused_in(take) == 0, "after going back to the first step, focus is not on the choice"
    settle(page)
    page.keyboard.press("Enter")  # no choice made yet: the learner is asked for one
    steps.append(check_step(root, Step((ui.choose_first,))))
    return steps


def _reflection_saved(ui) -> Step:
    # Kept only if a progress store listens; either way the learner is told in words.
    return Step(any_of=(ui.reflection_saved, ui.reflection_unsaved))


WRITTEN = "A few words typed in a browser test."


def reflection_mouse(page, root, item, course) -> list[Step]:
    ui, steps = course.ui, []
    box = root.get_by_role("textbox", name=ui.your_thoughts, exact=True)
    box.click()
    box.fill(WRITTEN)
    if item.points:
        click(root, ui.show_points)
        steps.append(check_step(root, Step(on_page=(ui.points_to_consider, *item.points))))
    click(root, ui.reflection_save)
    steps.append(check_step(root, _reflection_saved(ui)))
    assert box.input_value() == WRITTEN
    return steps


def reflection_keyboard(page, root, item, course) -> list[Step]:
    ui, steps = course.ui, []
    box = root.get_by_role("textbox", name=ui.your_thoughts, exact=True)
    tab_until(page, box)
    page.keyboard.press("Control+A")
    page.keyboard.type(WRITTEN)
    if item.points:
        press(page, _button(root, ui.show_points))
        steps.append(check_step(root, Step(on_page=(ui.points_to_consider, *item.points))))
    press(page, _button(root, ui.reflection_save))
    steps.append(check_step(root, _reflection_saved(ui)))
    assert box.input_value() == WRITTEN
    return steps


NO_SUCH_TERM = "zzqx"


def _glossary_step(course, query: str) -> Step:
    from lessonkit.widgets.glossary import matches

    ui = course.ui
    found = matches(course.glossary, query)
    if not found:
        return Step((ui.glossary_none.format(query=query),))
    head = ui.glossary_found.format(count=len(found), query=query)
    return Step((head,), on_page=(found[0].term, found[0].definition))


def _glossary_queries(course) -> list[str]:
    return [course.glossary[0].term, NO_SUCH_TERM]


def glossary_mouse(page, root, item, course) -> list[Step]:
    steps = []
    box = root.get_by_role("textbox", name=course.ui.glossary_search, exact=True)
    for query in _glossary_queries(course):
        box.click()
        box.fill(query)
        steps.append(check_step(root, _glossary_step(course, query)))
    return steps


def glossary_keyboard(page, root, item, course) -> list[Step]:
    box = root.get_by_role("textbox", name=course.ui.glossary_search, exact=True)
    tab_until(page, box)
    page.keyboard.press("Control+A")
    query = _glossary_queries(course)[0]
    page.keyboard.type(query)
    return [check_step(root, _glossary_step(course, query))]


@dataclass(frozen=True)
class Interaction:
    mouse: Callable
    keyboard: Callable


# One entry per widget kind (the kind's name in the content files).
INTERACTIONS: dict[str, Interaction] = {
    "quiz": Interaction(quiz_mouse, quiz_keyboard),
    "myth_or_fact": Interaction(myth_or_fact_mouse, myth_or_fact_keyboard),
    "scenario_sorter": Interaction(scenario_sorter_mouse, scenario_sorter_keyboard),
    "definition_builder": Interaction(definition_builder_mouse, definition_builder_keyboard),
    "matching": Interaction(matching_mouse, matching_keyboard),
    "journey_map": Interaction(journey_map_mouse, journey_map_keyboard),
    "spectrum": Interaction(spectrum_mouse, spectrum_keyboard),
    "branching": Interaction(branching_mouse, branching_keyboard),
    "reflection": Interaction(reflection_mouse, reflection_keyboard),
    "glossary": Interaction(glossary_mouse, glossary_keyboard),
}


def case_for(name: str, cases) -> Case:
    """The widget to work for a case; fails plainly if there is none or no way to work it."""
    case = cases[name]
    if isinstance(case, Exception):
        raise AssertionError(f"could not find the widgets in the notebooks: {case}") from case
    kind = name.split("-")[0]
    assert kind in INTERACTIONS, f"no browser interaction written for the widget kind {kind!r}"
    assert case, f"no notebook shows a {kind!r}: the widget gallery should show one"
    return case


def work(case: Case, how: str, page, root, lang: str = "en") -> list[Step]:
    """Work one exercise the way a learner would ("mouse" or "keyboard"); return its steps."""
    interaction = getattr(INTERACTIONS[case.kind], how)
    steps = interaction(page, root, case.shown.item, load_course(lang))
    assert steps, "the interaction checked no feedback"
    return steps
