"""Kernel code stays pure: the lesson kit loads nothing third-party beyond what ipywidgets needs.

This keeps the lessons able to run in JupyterLite (Pyodide), where only ipywidgets is installed.
"""

from __future__ import annotations

import subprocess
import sys

BASELINE = """
import sys, ipywidgets as w
w.VBox([w.HTML(), w.RadioButtons(options=["a"]), w.Dropdown(options=["a"]), w.Button()])
print("\\n".join(sorted({m.split(".")[0] for m in sys.modules})))
"""

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


def top_level_modules(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


STARTUP = """
import sys
print("\\n".join(sorted({m.split(".")[0] for m in sys.modules})))
"""


def standard() -> set[str]:
    # The standard library, plus what the interpreter loads at start-up (site hooks, .pth files).
    # On Python 3.10, tomli stands in for the standard library's tomllib (3.11+).
    backport = {"tomli"} if sys.version_info < (3, 11) else set()
    return set(sys.stdlib_module_names) | top_level_modules(STARTUP) | backport


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
    blocked = (
        """
import socket

class NoNetwork(socket.socket):
    def connect(self, *args):
        raise AssertionError(f"the lesson kit tried to connect to {args}")
    connect_ex = connect

socket.socket = NoNetwork
socket.create_connection = lambda *a, **k: NoNetwork().connect(a)
"""
        + EVERYTHING
    )
    assert "lessonkit" in top_level_modules(blocked)
