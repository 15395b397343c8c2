"""Widgets: one exercise class per kind, built from a content record and the interface strings.

``WIDGETS`` maps each kind's name in the content files to its class; :func:`build_exercise`
builds the right one for an item. ``base.py`` holds what every exercise shares,
``row_choice.py`` what the sorter and the matching exercise share, ``glossary.py`` the searchable
glossary and ``facilitator.py`` the facilitator switch and panels.
"""

from __future__ import annotations

from ..content import Course, Item
from .base import Exercise
from .branching import BranchingScenario
from .definition_builder import DefinitionBuilderExercise
from .journey_map import JourneyMapExercise
from .matching import MatchingExercise
from .myth_or_fact import MythOrFactCard
from .quiz import MultipleChoiceQuiz
from .reflection import ReflectionPrompt
from .scenario_sorter import ScenarioSorterExercise
from .spectrum import SpectrumExplorer

# The widget class of each kind, by the kind's name in the content files.
WIDGETS: dict[str, type[Exercise]] = {
    "quiz": MultipleChoiceQuiz,
    "myth_or_fact": MythOrFactCard,
    "scenario_sorter": ScenarioSorterExercise,
    "definition_builder": DefinitionBuilderExercise,
    "matching": MatchingExercise,
    "journey_map": JourneyMapExercise,
    "spectrum": SpectrumExplorer,
    "branching": BranchingScenario,
    "reflection": ReflectionPrompt,
}


def build_exercise(item: Item, course: Course) -> Exercise:
    """A fresh exercise widget for one content item."""
    return WIDGETS[item.kind](item, course)


__all__ = ["WIDGETS", "Exercise", "build_exercise"]
