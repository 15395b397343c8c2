"""Session plans built from the content: ``python -m lessonkit plan --minutes 90``.

A module takes its ``teaching_minutes`` plus ``exercise_minutes`` (module file). Its
facilitator notes give its priority (``required``, ``high`` or ``normal``), the minutes of
its shortest sensible version (``short_minutes``) and how to shorten it. The course-wide
break comes from ``facilitator/session.toml``.

When the modules do not fit, the plan shortens the modules that are not required, lowest
priority first (later modules before earlier ones), then skips them in the same order, and
only then shortens required modules; last, it gives back time, highest priority first,
wherever it allows. Required modules are never skipped. A length shorter than the required
modules, shortened, gets the shortest workable plan instead, marked as such.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from ..content import (
    AUDIENCES,
    ContentError,
    Course,
    FacilitatorNotes,
    Module,
    SessionSettings,
    course_notes,
    load_course,
    session_settings,
)

RANK = {"normal": 0, "high": 1, "required": 2}
CLOSE_MINUTES = 5  # every session ends with learners answering from memory
MOST_MINUTES = 24 * 60  # the longest session a plan is made for


@dataclass(frozen=True)
class Slot:
    start: int
    minutes: int
    mode: str  # "full", "short", "break" or "close" (the retrieval close at the end)
    module: Module | None = None  # None for a break

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(frozen=True)
class Plan:
    minutes: int  # the session length the plan is for
    asked: int  # the length asked for (more than minutes when that was too short)
    slots: tuple[Slot, ...]
    skipped: tuple[Module, ...]
    required: tuple[Module, ...]
    audience: str | None = None

    @property
    def fits(self) -> bool:
        return self.asked >= self.minutes

    @property
    def used(self) -> int:
        return sum(slot.minutes for slot in self.slots)

    @property
    def spare(self) -> int:
        return self.minutes - self.used


def _priority(module: Module, notes: dict[str, FacilitatorNotes]) -> str:
    note = notes.get(module.id)
    return note.priority if note else "normal"


def short_minutes(module: Module, notes: dict[str, FacilitatorNotes]) -> int:
    """The shortest sensible version of a module (without notes: its teaching minutes)."""
    note = notes.get(module.id)
    if note is not None:
        return min(note.short_minutes, module.minutes)
    return min(module.minutes, max(1, module.teaching_minutes))


def shortest_minutes(course: Course, notes: dict[str, FacilitatorNotes]) -> int:
    """The shortest workable session: every required module, shortened, and the close."""
    required = [m for m in course.modules if _priority(m, notes) == "required"]
    return sum(short_minutes(m, notes) for m in required) + CLOSE_MINUTES


def for_audience(module: Module, notes: dict[str, FacilitatorNotes], audience: str | None) -> bool:
    note = notes.get(module.id)
    return bool(audience and note and audience in note.audiences)


def build_plan(
    course: Course,
    notes: dict[str, FacilitatorNotes],
    settings: SessionSettings,
    minutes: int,
    audience: str | None = None,
) -> Plan:
    """The plan for a session of ``minutes``; with ``audience``, the modules the notes name for
    that group are shortened and skipped last among modules of the same priority."""
    if not 1 <= minutes <= MOST_MINUTES:
        raise ValueError(f"minutes must be from 1 to {MOST_MINUTES}, got {minutes}")
    modules = sorted(course.modules, key=lambda m: m.number)
    required = tuple(m for m in modules if _priority(m, notes) == "required")
    shortest = shortest_minutes(course, notes)
    length = max(minutes, shortest)
    pause = settings.break_minutes
    with_break = pause > 0 and length >= settings.break_from and length - pause >= shortest
    budget = length - (pause if with_break else 0) - CLOSE_MINUTES

    cost = {m.id: {"full": m.minutes, "short": short_minutes(m, notes), "skip": 0} for m in modules}
    mode = {m.id: "full" for m in modules}

    def total() -> int:
        return sum(cost[m.id][mode[m.id]] for m in modules)

    lowest_first = sorted(
        modules,
        key=lambda m: (RANK[_priority(m, notes)], for_audience(m, notes, audience), -m.number),
    )
    optional = [m for m in lowest_first if _priority(m, notes) != "required"]
    steps = [(m, "short") for m in optional] + [(m, "skip") for m in optional]
    steps += [(m, "short") for m in lowest_first if m not in optional]
    for module, new in steps:
        if total() <= budget:
            break
        mode[module.id] = new
    level = {"skip": 0, "short": 1, "full": 2}
    for module in reversed(lowest_first):  # give time back, highest priority first
        for better in ("full", "short"):
            if level[better] <= level[mode[module.id]]:
                continue
            spent = total() - cost[module.id][mode[module.id]] + cost[module.id][better]
            if spent <= budget:
                mode[module.id] = better
                break

    kept = [m for m in modules if mode[m.id] != "skip"]
    slots: list[Slot] = []
    start = 0
    # The break goes at the module boundary closest to the middle of the session.
    half, boundary, best = total() / 2, None, None
    running = 0
    for index, module in enumerate(kept[:-1]):
        running += cost[module.id][mode[module.id]]
        if best is None or abs(running - half) < best:
            best, boundary = abs(running - half), index
    for index, module in enumerate(kept):
        minutes_here = cost[module.id][mode[module.id]]
        shown = "full" if minutes_here == module.minutes else mode[module.id]
        slots.append(Slot(start, minutes_here, shown, module))
        start += minutes_here
        if with_break and index == boundary:
            slots.append(Slot(start, pause, "break"))
            start += pause
    slots.append(Slot(start, CLOSE_MINUTES, "close"))
    skipped = tuple(m for m in modules if mode[m.id] == "skip")
    return Plan(length, minutes, tuple(slots), skipped, required, audience)


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def format_plan(course: Course, plan: Plan, notes: dict[str, FacilitatorNotes]) -> str:
    ui = course.ui
    lines = []
    if not plan.fits:
        lines += [ui.plan_too_short.format(minutes=plan.asked, shortest=plan.minutes), ""]
    lines.append(ui.plan_title.format(minutes=plan.minutes))
    if plan.required:
        names = ", ".join(f"{m.number:02d}" for m in plan.required)
        lines.append(ui.plan_required.format(modules=names))
    if plan.audience:
        names = {
            "border": ui.audience_border,
            "police": ui.audience_police,
            "social": ui.audience_social,
            "public": ui.audience_public,
        }
        lines.append(ui.plan_audience.format(audience=names[plan.audience]))
    lines.append("")
    for slot in plan.slots:
        start, end = _clock(slot.start), _clock(slot.end)
        if slot.mode == "break":
            lines.append(ui.plan_break.format(start=start, end=end, minutes=slot.minutes))
            continue
        if slot.mode == "close":
            lines.append(ui.plan_close.format(start=start, end=end, minutes=slot.minutes))
            continue
        module = slot.module
        fields = dict(
            start=start,
            end=end,
            number=f"{module.number:02d}",
            title=module.title,
            minutes=slot.minutes,
            full=module.minutes,
        )
        if slot.mode == "short":
            note = notes.get(module.id)
            how = note.shorten if note else ""
            lines.append(ui.plan_short.format(how=how, **fields).rstrip())
        else:
            lines.append(ui.plan_full.format(**fields))
    if plan.skipped:
        lines.append("")
        for module in plan.skipped:
            lines.append(
                ui.plan_skip.format(
                    number=f"{module.number:02d}", title=module.title, full=module.minutes
                )
            )
    lines += ["", ui.plan_total.format(used=plan.used, minutes=plan.minutes)]
    if plan.spare:
        lines.append(ui.plan_spare.format(spare=plan.spare))
    return "\n".join(lines)


# ---------------------------------------------------------------- command line


def _minutes(value: str) -> int:
    try:
        minutes = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a whole number of minutes, for example 90 (got {value!r})"
        ) from None
    if not 1 <= minutes <= MOST_MINUTES:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MOST_MINUTES} (got {minutes})")
    return minutes


def add_arguments(parser) -> None:
    """The options of ``python -m lessonkit plan``."""
    parser.add_argument(
        "--minutes", type=_minutes, required=True, help="length of the session in minutes"
    )
    parser.add_argument(
        "--audience",
        choices=AUDIENCES,
        help="weight the plan for a group: the modules the facilitator guide names for it last",
    )
    parser.add_argument("--lang", default="en", help="content language (default: en)")


def run(args) -> int:
    """Print the plan. Exit 0; 1 when the content is broken or the length is too short."""
    try:
        course = load_course(args.lang)
        notes = course_notes(course)
        settings = session_settings(args.lang)
    except ContentError as err:
        print(f"plan: {err}", file=sys.stderr)
        print("Fix the content first (python -m lessonkit check).", file=sys.stderr)
        return 1
    plan = build_plan(course, notes, settings, args.minutes, args.audience)
    print(format_plan(course, plan, notes))
    return 0 if plan.fits else 1
