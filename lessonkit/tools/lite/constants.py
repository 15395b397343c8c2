"""The JupyterLite build's well-known names and settings, and its one error type."""

from __future__ import annotations

from pathlib import Path

from ...content import PROJECT_ROOT

DEFAULT_OUT = PROJECT_ROOT / "_build" / "lite"
DEFAULT_CACHE = PROJECT_ROOT / "_build" / "lite-cache"
CONTENT = PROJECT_ROOT / "content"
#: What the browser wheel leaves out of the package: the tools and the command line.
BROWSER_LEAVES_OUT = ("tools", "__main__.py")
#: The lesson kit's own folder (this file is lessonkit/tools/lite/constants.py).
PACKAGE = Path(__file__).resolve().parents[2]
SITE_MARKER = ".lessonkit-lite-site"
INSTALL_TOOLS = (
    "python3 -m venv .venv-lite && .venv-lite/bin/pip install -r requirements-lite.txt, "
    "then run this command with .venv-lite/bin/python"
)

#: What the browser kernel loads at start, so no learner ever needs a %pip cell: the packages
#: the Pyodide kernel installs for itself, then ipywidgets and the lesson kit.
KERNEL_PACKAGES = (
    "micropip",
    "piplite",
    "pyodide-kernel",
    "ipykernel",
    "comm",
    "ipython",
    "jedi",
    "ipywidgets",
    "lessonkit",
)

#: Required by ipywidgets, but only browser assets: the site serves the widget extension itself,
#: so the kernel needs neither (the Pyodide kernel ships a shim for the same reason).
FRONT_END_ONLY = frozenset({"widgetsnbextension", "jupyterlab-widgets"})

#: Files of the npm package the site needs (no type definitions, demo pages or source maps).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.js",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "package.json",
)

#: The kernel name of JupyterLite's Pyodide kernel, written into each notebook's site copy.
LITE_KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
#: The name of the browser storage (IndexedDB) that keeps the site's files, the learner's
#: progress snapshot among them. Pinned: JupyterLite's default is derived from the site's address
#: and its version (0.6 changed it), and a new name would hide every file kept under the old one.
STORAGE_NAME = "Trafficking in Persons lessons"
#: Settings of the site's JupyterLab: a notebook starts its kernel without asking which one,
#: and nothing asks the network for news or updates.
SETTINGS = {
    "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


class LiteError(Exception):
    """A piece of the build is missing or wrong. The message names it and how to get it."""


