"""What several test modules share and is not a fixture: paths, patterns and small helpers.

Test modules import these from here, never from one another (fixtures stay in conftest.py).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from html import escape
from pathlib import Path

from lessonkit.content import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "lessonkit"
CONTENT = PROJECT_ROOT / "content"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
#: The course's editions. Each has the same modules; its notebooks have their own names.
LANGS = ("en", "fr")


def edition_of(module) -> str:
    """The language of a module record: the folder its content file is in."""
    return Path(module.path).parent.name


def module_notebook(module) -> Path:
    """The notebook that shows ``module`` in its own edition: notebooks/<lang>/NN-*.ipynb."""
    found = sorted((NOTEBOOKS / edition_of(module)).glob(f"{module.number:02d}-*.ipynb"))
    assert len(found) == 1, f"{module.id}: expected one notebook numbered {module.number:02d}"
    return found[0]


# A citation in prose: "(Source: X)" or "(Sources: X; Y)", by the sources' short names; in
# French, with a non-breaking space before the colon: "(Source : X)".
CITATION = re.compile(r"\((Sources?)\u00a0?: ([^)]*)\)")
# Phone numbers that the fact inventory marks VERIFIED, with their items. A new number must be
# checked there first and added here with its item code: we never print a number from memory.
VERIFIED_NUMBERS = {
    "911",  # E9
    "1-833-900-1010",  # E1
    "1-800-668-6868",  # E10
    "686868",  # E10 (text CONNECT)
    "9-8-8",  # E12, K4
}
# Ten- and eleven-digit numbers, 911 and 988, six-digit text numbers, and three digits written
# with hyphens (9-8-8).
NUMBER = re.compile(
    r"(?<![\w.-])(?:\d-\d{3}-\d{3}-\d{4}|\d{3}-\d{3}-\d{4}|\d-\d-\d|911|988|\d{6})(?![\w-])"
)


def flatten(text: str) -> str:
    """Runs of ordinary white space as one space. A non-breaking space is kept: the French rules
    look for it, and ``str.split()`` would take it for a plain space."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of text in a file; fail loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"expected exactly one {old!r} in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def esc(text: str) -> str:
    """Text as the lesson kit puts it in HTML (escaped, line breaks as <br>)."""
    return escape(text, quote=True).replace("\n", "<br>")


def string_constants(path: Path) -> list[str]:
    """The string literals of a Python file, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


# ---------------------------------------------------------------- kernel purity

# What ipywidgets alone loads, to compare the lesson kit against.
BASELINE = """
import sys, ipywidgets as w
w.VBox([w.HTML(), w.RadioButtons(options=["a"]), w.Dropdown(options=["a"]), w.Button()])
print("\\n".join(sorted({m.split(".")[0] for m in sys.modules})))
"""

# Put first in a script run with top_level_modules: any network connection fails the script.
NO_NETWORK = """
import socket

class NoNetwork(socket.socket):
    def connect(self, *args):
        raise AssertionError(f"the lesson kit tried to connect to {args}")
    connect_ex = connect

socket.socket = NoNetwork
socket.create_connection = lambda *a, **k: NoNetwork().connect(a)
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
