"""Runs inside a real ipykernel (started by bench_widgets.py): builds and clicks widgets.

Inside a kernel every widget has a live comm, so building one sends its state out and every
feedback change sends a message, as in a lesson. Each function returns plain data (JSON-able).
"""

from __future__ import annotations

import gc
import sys
import time
from collections import Counter

import ipywidgets as widgets
from ipywidgets.widgets import widget as widget_module

import lessonkit
from lessonkit.content import load_course


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from walk(child)


def live_widgets() -> set:
    return set(widget_module._instances)


def close_all(exercises) -> None:
    for exercise in exercises:
        for w in list(walk(exercise.widget)):
            w.close()


# ---------------------------------------------------------------- building


def build_module(module_id: str, item_ids: list[str], lang: str):
    return [lessonkit.build(module_id, item_id, lang) for item_id in item_ids]


def build_figures(module_id: str, lang: str, repeats: int) -> dict:
    course = load_course(lang)
    module = course.module(module_id)
    item_ids = [item.id for item in module.items]

    # Warm-up, and the census of what building the module creates.
    before = live_widgets()
    exercises = build_module(module_id, item_ids, lang)
    created = [widget_module._instances[k] for k in live_widgets() - before]
    close_all(exercises)
    kinds = [type(w) for w in created if isinstance(w, widgets.DOMWidget)]
    census = Counter(cls.__name__ for cls in kinds)

    def bare():
        start = time.perf_counter()
        made = [cls() for cls in kinds]
        took = time.perf_counter() - start
        for w in made:
            w.close()
        return took

    def built():
        start = time.perf_counter()
        made = build_module(module_id, item_ids, lang)
        took = time.perf_counter() - start
        close_all(made)
        return took

    bare()
    values, bases = [], []
    for _ in range(repeats):
        bases.append(bare())
        values.append(built())
    return {
        "module": module_id,
        "lang": lang,
        "items": len(item_ids),
        "item_kinds": dict(Counter(item.kind for item in module.items)),
        "widgets": len(kinds),
        "census": dict(census),
        "values": values,
        "bases": bases,
    }


# ---------------------------------------------------------------- clicking


def _option_count(w) -> int:
    return len(getattr(w, "_options_values", ()) or ())


def _pick(w, k: int) -> int:
    count = _option_count(w)  # read now: some widgets change their options as you go
    return count - 1 - k % count  # the last options first: the first is often a placeholder


def _choose(w, index) -> None:
    if _option_count(w):
        w.set_state({"index": index})


def answer_setters(root) -> list:
    """Functions that answer every input of an exercise the way the browser does: variant k.

    Each sends the new state as the front end would (``set_state``, with ipywidgets' echo
    and the exercise's observers), for any widget kind built from ipywidgets' selection,
    toggle and text inputs, so widget kinds added later are measured too.
    """
    setters = []
    for w in walk(root):
        if getattr(w, "disabled", False):
            continue
        if isinstance(w, widgets.SelectMultiple):
            setters.append(lambda k, w=w: _choose(w, [_pick(w, k)]))
        elif hasattr(w, "_options_values"):
            setters.append(lambda k, w=w: _choose(w, _pick(w, k)))
        elif isinstance(w, (widgets.Checkbox, widgets.ToggleButton)):
            setters.append(lambda k, w=w: w.set_state({"value": k % 2 == 0}))
        elif isinstance(w, (widgets.Text, widgets.Textarea)):
            setters.append(lambda k, w=w: w.set_state({"value": f"answer {k % 2}"}))
    return setters


class MessageCounter:
    """Counts the comm messages widgets send (state updates, echoes) while it is on."""

    def __init__(self) -> None:
        self.count = 0
        self._send = widgets.Widget._send

    def __enter__(self):
        counter, send = self, self._send

        def counted(widget, msg, buffers=None):
            counter.count += 1
            return send(widget, msg, buffers)

        widgets.Widget._send = counted
        return self

    def __exit__(self, *exc) -> None:
        widgets.Widget._send = self._send


def buttons(root) -> list:
    return [w for w in walk(root) if isinstance(w, widgets.Button)]


def usable(button) -> bool:
    return not button.disabled and button.layout.display != "none"


def shown_text(root) -> tuple:
    kinds = (widgets.HTML, widgets.Label, widgets.HTMLMath)
    return tuple(w.value for w in walk(root) if isinstance(w, kinds))


class Learner:
    """Clicks one exercise the way a learner would, click after click.

    Untimed: start the exercise again (its ``reset()``, the learner's "start again") and answer
    every input, alternating between two answers. Timed: with buttons, a click on the next
    usable button; without (a choice shows its feedback at once), choosing an option. So
    every timed click starts from a blank exercise and puts new feedback on the screen.
    """

    def __init__(self, exercise) -> None:
        self.exercise = exercise
        self.setters = answer_setters(exercise.widget)
        self.buttons = buttons(exercise.widget)
        self.k = 0

    @property
    def action(self) -> str:
        if self.buttons:
            return "button " + " / ".join(repr(b.description) for b in self.buttons)
        return "choosing an option" if self.setters else "nothing to click"

    def prepare(self):
        """Untimed: start again and answer; returns the click to time (a no-argument call)."""
        k = self.k
        self.k += 1
        reset = getattr(self.exercise, "reset", None)
        if reset is not None:
            reset()
        enabled = [b for b in self.buttons if usable(b)]
        if enabled:
            for setter in self.setters:
                setter(k // len(enabled))
            return enabled[k % len(enabled)].click
        if not self.setters:
            return lambda: None
        for setter in self.setters[1:]:
            setter(k)
        return lambda: self.setters[0](k)

    def click(self) -> float:
        action = self.prepare()
        start = time.perf_counter()
        action()
        return time.perf_counter() - start


def click_figures(clicks: int, repeats: int, lang: str = "en") -> dict:
    """Per widget kind, over every item of that kind: one click to its feedback.

    The baseline is a bare Button whose handler sets a Label; baseline and exercise clicks
    alternate. Between clicks (untimed) the answer changes, so every click changes the text.
    """
    label = widgets.Label()
    button = widgets.Button(description="Check")
    counter = [0]

    def on_click(_button):
        counter[0] += 1
        label.value = f"clicked {counter[0]}"

    button.on_click(on_click)

    # A second reference for kinds whose click is a choice (no button): a bare RadioButtons
    # whose observer sets a Label, chosen the way the browser does (echo included).
    radio = widgets.RadioButtons(options=["a", "b", "c"])
    radio.observe(lambda change: setattr(label, "value", f"chose {change['new']}"), names="value")

    def choose_bare(k: int) -> float:
        start = time.perf_counter()
        radio.set_state({"index": k % 3})
        return time.perf_counter() - start

    by_kind: dict[str, list[Learner]] = {}
    for module in load_course(lang).modules:
        for item in module.items:
            exercise = lessonkit.build(module.id, item.id, lang)
            by_kind.setdefault(item.kind, []).append(Learner(exercise))

    result = {}
    for kind, learners in sorted(by_kind.items()):
        changed, messages = [], []
        for learner in learners:  # what one click changes on screen, and what it sends
            action = learner.prepare()
            shown = shown_text(learner.exercise.widget)
            with MessageCounter() as sent:
                action()
            messages.append(sent.count)
            changed.append(shown_text(learner.exercise.widget) != shown)
        with MessageCounter() as sent_by_baseline:
            button.click()
        runs = []
        for _ in range(repeats):
            values, bases, choices = [], [], []
            by_choice = not learners[0].buttons
            gc.collect()
            for k in range(clicks):
                start = time.perf_counter()
                button.click()
                bases.append(time.perf_counter() - start)
                values.append(learners[k % len(learners)].click())
                if by_choice:
                    choices.append(choose_bare(k))
            runs.append({"values": values, "bases": bases, "choices": choices})
        result[kind] = {
            "items": len(learners),
            "actions": sorted({learner.action for learner in learners}),
            "feedback_changed": changed,
            "messages": messages,
            "baseline_messages": sent_by_baseline.count,
            "runs": runs,
        }
    for learners in by_kind.values():
        close_all([learner.exercise for learner in learners])
    return {"python": sys.executable, "kinds": result}
