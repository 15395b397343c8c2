"""The lesson kit's layers, as a rule the code must follow, and one table per kind in each layer.

Layers, lowest first: content, render, widgets, progress, cells (the notebook calls, with the
package's ``__init__``). A module may import its own layer and the layers below it, never one
above. ``progress/store.py`` imports nothing from the lesson kit (tests load it on its own).
``tools/`` (and ``__main__.py``, the command line) may import anything; nothing else imports it.
No module imports another part of the lesson kit inside a function (a way to hide a circle);
inside functions, only the tools import, and only libraries from outside the lesson kit.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from .helpers import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "lessonkit"
LAYERS = ["content", "render", "widgets", "progress", "cells"]
TOOLS = "tools"
ALONE = {"progress/store.py"}  # loaded by path on its own: no import from the lesson kit


def layer_of(parts: tuple[str, ...]) -> str:
    """The layer of a module, from its path inside the package (``("widgets", "quiz")``)."""
    head = parts[0] if parts else "__init__"
    if head in ("__init__", "cells"):
        return "cells"
    if head == "__main__":
        return TOOLS
    return head


def imported(node: ast.AST, parts: tuple[str, ...], is_package: bool) -> list[tuple[str, ...]]:
    """The lesson-kit modules an import statement names, as paths inside the package."""
    if isinstance(node, ast.Import):
        names = [a.name.split(".") for a in node.names]
        return [tuple(n[1:]) for n in names if n[0] == "lessonkit"]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level == 0:
        if (node.module or "").split(".")[0] != "lessonkit":
            return []
        base = tuple(node.module.split(".")[1:])
    else:
        here = parts if is_package else parts[:-1]
        if node.level - 1 > len(here):
            raise ValueError(f"relative import above the package: {parts}")
        named = tuple(node.module.split(".")) if node.module else ()
        base = here[: len(here) - (node.level - 1)] + named
    if node.module is None or not base:
        # "from . import html" or "from .. import progress": each name is a module
        return [base + (a.name,) for a in node.names]
    return [base]


def import_problems(package: Path) -> list[str]:
    """Every import that goes against the layer order, one message each."""
    problems = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        is_package = relative.name == "__init__.py"
        parts = relative.with_suffix("").parts
        if is_package:
            parts = parts[:-1]
        mine = layer_of(parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        top_level = {id(n) for n in tree.body}
        top_level |= {
            id(inner)
            for n in tree.body
            if isinstance(n, ast.If | ast.Try)
            for inner in ast.walk(n)
            if isinstance(inner, ast.Import | ast.ImportFrom)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            where = f"lessonkit/{relative.as_posix()}:{node.lineno}"
            targets = imported(node, parts, is_package)
            if id(node) not in top_level:
                if targets:
                    problems.append(f"{where}: imports the lesson kit inside a function")
                elif mine != TOOLS:
                    problems.append(f"{where}: imports inside a function outside tools/")
                continue
            for target in targets:
                theirs = layer_of(target)
                name = "lessonkit." + ".".join(target)
                if relative.as_posix() in ALONE:
                    problems.append(f"{where}: must import nothing from the lesson kit ({name})")
                elif mine == TOOLS:
                    continue  # tools may import anything
                elif theirs == TOOLS:
                    problems.append(f"{where}: imports {name}, but only tools import tools")
                elif theirs not in LAYERS:
                    problems.append(f"{where}: imports {name}, which is in no layer")
                elif LAYERS.index(theirs) > LAYERS.index(mine):
                    problems.append(f"{where}: {mine} imports {name}, from the layer above it")
    return problems


def test_every_import_follows_the_layer_order():
    assert import_problems(PACKAGE) == []


def test_every_module_sits_in_a_known_layer():
    known = set(LAYERS) | {TOOLS}
    strays = [
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if layer_of(p.relative_to(PACKAGE).with_suffix("").parts) not in known
    ]
    assert strays == []


@pytest.fixture
def package_copy(tmp_path):
    copy = tmp_path / "lessonkit"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def plant(path: Path, line: str, at_end: bool = False) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line if at_end else text.replace("\nfrom ", f"\n{line}\nfrom ", 1))


@pytest.mark.parametrize(
    ("file", "line", "expected"),
    [
        ("widgets/quiz.py", "from ..cells import show", "widgets imports lessonkit.cells"),
        ("render/html.py", "from ..widgets import WIDGETS", "render imports lessonkit.widgets"),
        ("content/records.py", "from ..render import html", "content imports lessonkit.render"),
        ("progress/summary.py", "from .. import cells", "progress imports lessonkit.cells"),
        ("cells.py", "from .tools import plan", "only tools import tools"),
        ("progress/store.py", "from ..content import load_course", "must import nothing"),
    ],
)
def test_a_back_edge_is_caught(package_copy, file, line, expected):
    plant(package_copy / file, line)
    problems = import_problems(package_copy)
    assert len(problems) == 1 and expected in problems[0], problems


def test_an_import_hidden_in_a_function_is_caught(package_copy):
    plant(
        package_copy / "progress/session.py",
        "\n\ndef _dodge():\n    from ..widgets import WIDGETS\n\n    return WIDGETS\n",
        at_end=True,
    )
    lines = (package_copy / "progress/session.py").read_text().splitlines()
    line = lines.index("    from ..widgets import WIDGETS") + 1
    problems = import_problems(package_copy)
    assert problems == [
        f"lessonkit/progress/session.py:{line}: imports the lesson kit inside a function"
    ]


def test_tools_may_import_anything_and_heavy_libraries_late():
    from lessonkit.tools import readability

    tree = ast.parse(Path(readability.__file__).read_text(encoding="utf-8"))
    late = [
        n
        for f in ast.walk(tree)
        if isinstance(f, ast.FunctionDef)
        for n in ast.walk(f)
        if isinstance(n, ast.Import) and n.names[0].name == "textstat"
    ]
    assert late, "textstat is imported only when the report runs"
    assert import_problems(PACKAGE) == []


# ---------------------------------------------------------------- one table per kind


def kind_tables() -> dict[str, dict]:
    from lessonkit.content import ITEM_KINDS
    from lessonkit.progress.answer_text import IN_WORDS
    from lessonkit.render.answer_key import ANSWER_KEYS
    from lessonkit.tools.handouts import ON_PAPER
    from lessonkit.widgets import WIDGETS

    return {
        "content ITEM_KINDS": ITEM_KINDS,
        "widgets WIDGETS": WIDGETS,
        "render ANSWER_KEYS": ANSWER_KEYS,
        "progress IN_WORDS": IN_WORDS,
        "tools ON_PAPER": ON_PAPER,
    }


def test_every_layer_has_one_entry_per_kind_of_the_schema():
    tables = kind_tables()
    schema = set(tables.pop("content ITEM_KINDS"))
    assert len(schema) == 9
    assert {name: sorted(set(t) ^ schema) for name, t in tables.items()} == {
        name: [] for name in tables
    }


def test_every_kind_of_record_has_a_headline(course):
    from lessonkit.cells import gallery_module

    _, gallery = gallery_module()
    items = [i for m in course.modules for i in m.items] + list(gallery.items)
    assert {i.kind for i in items} == set(kind_tables()["content ITEM_KINDS"])
    for item in items:
        assert isinstance(item.headline, str) and item.headline.strip(), item.id
        assert item.headline != item.id


def test_test_modules_share_helpers_never_each_other():
    tests = PROJECT_ROOT / "tests"
    borrowed = []
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                last = (node.module or "").split(".")[-1]
                names = [last] if node.module else [a.name for a in node.names]
                borrowed += [
                    f"{path.relative_to(tests)}: {n}" for n in names if n.startswith("test_")
                ]
    assert borrowed == []


def test_modules_stay_small_and_say_what_they_are():
    import re

    too_long, cites = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(PACKAGE).as_posix()
        if len(text.splitlines()) > 600:
            too_long.append(name)
        if re.search(r"\bissues? #?\d+|\(#\d+\)", text, re.IGNORECASE):
            cites.append(name)
    assert too_long == [], "split these along their jobs"
    assert cites == [], "say what the code is, not which issue asked for it"
