"""Content: the schema, the reader that checks it, and the loader of a whole course.

Everything a learner reads in a widget lives in TOML files under ``content/`` (the data folder
beside this package). The loader reads them with the standard library's ``tomllib``, checks
every field, and returns frozen dataclasses. A problem raises :class:`ContentError` with a
message naming the file, the item and the field.

This subpackage imports only the standard library and itself, so it runs in any kernel,
JupyterLite's included, and loads on its own without ipywidgets.

- ``records.py``: the schema (every record, with ``kind``, ``graded`` and ``headline``);
- ``interface.py``: the interface strings of one language;
- ``reader.py``: the field reader and ``ContentError``;
- ``kinds.py``: one parser per exercise kind, and ``ITEM_KINDS``;
- ``loader.py``: sources, help lines, glossary, concepts, modules and ``load_course``;
- ``notes.py``: facilitator notes and session settings;
- ``bank.py``: the knowledge-check bank (before, after, and later re-checks);
- ``local.py``: the local services a facilitator adds (``content/local/services.toml``);
- ``grading.py``: whether a saved answer is right, judged again from the content;
- ``check.py``: checks across files and ``check_all``, for the commands and the tests: it is
  not imported with the package (a lesson's kernel never runs it), so import it by its name.
"""

from .bank import AFTER, BEFORE, FORMS, core_concepts, form_items, load_checks
from .grading import judge
from .interface import UIStrings, load_ui
from .kinds import ITEM_KINDS, RESERVED_ITEM_IDS
from .loader import (
    CONTENT_ENV,
    GALLERY,
    check_references,
    content_root,
    content_stamp,
    gallery_file,
    load_concepts,
    load_course,
    load_glossary,
    load_help_lines,
    load_module,
    load_sources,
    module_files,
)
from .local import load_local_services, read_services, services_file
from .notes import (
    AUDIENCES,
    ExerciseNote,
    FacilitatorNotes,
    Misconception,
    Prompt,
    SessionSettings,
    course_notes,
    load_notes,
    load_session,
    notes_folder,
    notes_for,
    session_settings,
)
from .reader import PROJECT_ROOT, ContentError, FieldReader, display_path, read_toml, tomllib
from .records import (
    Actor,
    BranchChoice,
    Branching,
    BranchStep,
    BuilderTest,
    Category,
    CheckItem,
    CheckOption,
    Claim,
    Concept,
    Contact,
    Course,
    DefinitionBuilder,
    HelpLine,
    Item,
    JourneyMap,
    LocalService,
    Matching,
    MatchLeft,
    MatchRight,
    Module,
    MultipleChoice,
    MythOrFact,
    Option,
    Part,
    PartOption,
    Reflection,
    Scenario,
    ScenarioSorter,
    Section,
    Source,
    Spectrum,
    SpectrumStep,
    Stage,
    Term,
)

__all__ = [
    "AFTER",
    "BEFORE",
    "FORMS",
    "CheckItem",
    "CheckOption",
    "Contact",
    "LocalService",
    "core_concepts",
    "form_items",
    "judge",
    "load_checks",
    "load_local_services",
    "read_services",
    "services_file",
    "AUDIENCES",
    "Actor",
    "BranchChoice",
    "BranchStep",
    "Branching",
    "BuilderTest",
    "CONTENT_ENV",
    "Category",
    "Claim",
    "Concept",
    "ContentError",
    "Course",
    "DefinitionBuilder",
    "ExerciseNote",
    "FacilitatorNotes",
    "FieldReader",
    "GALLERY",
    "gallery_file",
    "HelpLine",
    "ITEM_KINDS",
    "Item",
    "JourneyMap",
    "MatchLeft",
    "MatchRight",
    "Matching",
    "Misconception",
    "Module",
    "MultipleChoice",
    "MythOrFact",
    "Option",
    "PROJECT_ROOT",
    "Part",
    "PartOption",
    "Prompt",
    "RESERVED_ITEM_IDS",
    "Reflection",
    "Scenario",
    "ScenarioSorter",
    "Section",
    "SessionSettings",
    "Source",
    "Spectrum",
    "SpectrumStep",
    "Stage",
    "Term",
    "UIStrings",
    "check_references",
    "content_root",
    "content_stamp",
    "course_notes",
    "display_path",
    "load_concepts",
    "load_course",
    "load_glossary",
    "load_help_lines",
    "load_module",
    "load_notes",
    "load_session",
    "load_sources",
    "load_ui",
    "module_files",
    "notes_folder",
    "notes_for",
    "read_toml",
    "session_settings",
    "tomllib",
]
