"""Kernel code stays pure: the lesson kit loads nothing third-party beyond what ipywidgets needs.

This keeps the lessons able to run in JupyterLite (Pyodide), where only ipywidgets is installed.
"""

from __future__ import annotations

from .helpers import BASELINE, NO_NETWORK, standard, top_level_modules

EVERYTHING = """
import contextlib, io, sys, lessonkit
from lessonkit.content import load_course
course = load_course("en")
with contextlib.redirect_stdout(io.StringIO()):  # display() outside a kernel prints
    for module in course.modules:
        lessonkit.opening(module.id).page._repr_html_()
        lessonkit.closing(module.id)._repr_html_()
        for item in module.items:
            lessonkit.show(module.id, item.id)._repr_mimebundle_()
    lessonkit.course_overview()._repr_html_()
    lessonkit.help_lines()._repr_html_()
    lessonkit.glossary()._repr_mimebundle_()
    lessonkit.progress_overview()._repr_mimebundle_()
print("\\n".join(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_lessonkit_needs_nothing_beyond_ipywidgets_and_the_standard_library():
    allowed = top_level_modules(BASELINE) | standard() | {"lessonkit"}
    loaded = top_level_modules(EVERYTHING)
    assert "lessonkit" in loaded and "ipywidgets" in loaded
    assert sorted(loaded - allowed) == []


def test_lessons_never_load_the_tools():
    # What only authors, tests and the command line run lives in lessonkit/tools/, as a folder.
    code = EVERYTHING.replace('{m.split(".")[0] for m in sys.modules}', "set(sys.modules)")
    loaded = top_level_modules(code)
    assert "lessonkit.cells" in loaded and "lessonkit.widgets.quiz" in loaded
    assert sorted(m for m in loaded if m.startswith("lessonkit.tools")) == []
    # Nor the whole-course checks that `python -m lessonkit check` runs: a lesson loads and
    # checks its own module's file, and the import of the package stays short.
    assert {"lessonkit.content.check", "lessonkit.content.parity"} & loaded == set()


def test_content_loading_alone_needs_only_the_standard_library():
    code = """
import sys, importlib.util
spec = importlib.util.spec_from_file_location(
    "content", "lessonkit/content/__init__.py", submodule_search_locations=["lessonkit/content"]
)
module = importlib.util.module_from_spec(spec); sys.modules["content"] = module
spec.loader.exec_module(module)
module.load_course("en")
print("\\n".join(sorted({m.split(".")[0] for m in sys.modules})))
"""
    loaded = top_level_modules(code) - {"content"}
    assert "tomllib" in loaded or "tomli" in loaded
    assert sorted(loaded - standard()) == []


def test_building_every_exercise_opens_no_network_connection():
    blocked = NO_NETWORK + EVERYTHING
    assert "lessonkit" in top_level_modules(blocked)
