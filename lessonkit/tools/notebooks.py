"""Author tool: re-execute every notebook from the current content, with deterministic output.

Run it after any change to content or notebooks::

    python -m lessonkit execute

The stored notebooks then match the content, which strict nbval checks in the tests.
This module needs nbclient and nbformat (author tools, not needed in a learner's kernel).
"""

from __future__ import annotations

from pathlib import Path

from ..content import PROJECT_ROOT
from .deferred_imports import defer_slow_imports

NOTEBOOKS = PROJECT_ROOT / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def notebook_paths(root: Path = NOTEBOOKS) -> list[Path]:
    return sorted(p for p in root.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def tidy(nb) -> None:
    """Make a notebook's stored form depend on its content only.

    Drops timing metadata and saved widget state (random model ids). Widget outputs keep
    their plain-text summary; their model id is emptied, so JupyterLab hides them until
    the learner runs the cell rather than showing "model not found".
    """
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNEL)
    nb.metadata.get("language_info", {}).pop("version", None)  # the same on every Python
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
        tags = cell.metadata.setdefault("tags", [])
        if "hide-input" not in tags:
            tags.append("hide-input")
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                view["model_id"] = ""


def execute(path: Path, timeout: int = 120) -> None:
    defer_slow_imports()  # nbformat's jsonschema would build a parser it never uses (~2 s)
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    tidy(nb)
    nbformat.write(nb, path)


def execute_all(paths: list[Path] | None = None, echo=print) -> None:
    """Execute notebooks with a private, empty progress file, so that nothing from the author's
    own progress (answers, a notice naming a folder) can reach the stored notebooks."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory(prefix="lessonkit-execute-") as private:
        before = os.environ.get("LESSONKIT_PROGRESS")
        os.environ["LESSONKIT_PROGRESS"] = os.path.join(private, "progress.sqlite3")
        try:
            for path in paths or notebook_paths():
                echo(f"executing {path.relative_to(PROJECT_ROOT)}")
                execute(path)
        finally:
            if before is None:
                del os.environ["LESSONKIT_PROGRESS"]
            else:
                os.environ["LESSONKIT_PROGRESS"] = before
