"""Build the lessons as a JupyterLite site: every notebook, running in the browser with Pyodide.

    python -m lessonkit lite --fetch --out _build/lite

An authoring tool, never imported by a notebook: it imports the JupyterLite build tools
(``requirements-lite.txt``, in their own virtual environment) only inside its functions.

The site is offline by design. Pyodide comes from the npm package ``pyodide`` at the version
``jupyterlite-pyodide-kernel`` expects; the pure-Python wheels the browser kernel needs
(IPython and its dependencies, ipywidgets, the kernel's own shims and the lesson kit itself,
with ``content/`` inside its wheel) are served from the site. Pyodide's lock is rewritten to
list exactly the wheels shipped, with their real sha256, and the fallback to PyPI is off.

Two stages keep the build itself offline:

* fetching (``--fetch``) puts the missing pieces in a cache folder with the ordinary clients
  (``npm pack`` for Pyodide, ``pip download`` for wheels); nothing is fetched without it;
* building reads only local files and writes the site into a temporary folder beside
  ``--out``, moved into place only when complete: a failed build leaves no half-built site.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ...content.check import check_all
from ..notebooks import NOTEBOOKS, WIDGET_VIEW, notebook_paths
from .constants import (
    DEFAULT_CACHE,
    DEFAULT_OUT,
    INSTALL_TOOLS,
    KERNEL_PACKAGES,
    KERNEL_PLUGIN,
    LITE_KERNELSPEC,
    SETTINGS,
    SITE_MARKER,
    STORAGE_NAME,
    LiteError,
)
from .pyodide import fetch_pyodide, pyodide_archive, read_pyodide
from .wheels import WheelPlan, kernel_wheel_folder, lessonkit_wheel, lock_json, read_lock

__all__ = ["DEFAULT_CACHE", "DEFAULT_OUT", "LiteError", "build_site", "site_notebook"]


def _tools():
    """The JupyterLite build tools, or a clear message saying how to install them."""
    try:
        import jupyterlite_core  # noqa: F401
        import jupyterlite_pyodide_kernel.constants as kernel_constants
        import packaging.markers  # noqa: F401
        import pkginfo  # noqa: F401
        import pyodide_lock  # noqa: F401
    except ImportError as err:
        raise LiteError(
            f"the JupyterLite build tools are missing ({err.name} is not installed): "
            f"{INSTALL_TOOLS}"
        ) from None
    return kernel_constants


def site_notebook(path: Path) -> dict:
    """The site copy of a notebook: Lite's kernel, and no stale widget views.

    A stored widget view has no live model until the cell runs, so it is dropped (its
    plain-text twin too); HTML outputs such as a module's opening stay readable.
    """
    notebook = json.loads(path.read_text("utf-8"))
    notebook.setdefault("metadata", {})["kernelspec"] = dict(LITE_KERNELSPEC)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        outputs = cell.get("outputs", [])
        cell["outputs"] = [o for o in outputs if WIDGET_VIEW not in o.get("data", {})]
    return notebook


# ------------------------------------------------------------------ the build


def _site_weight(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and p.suffix != ".map")


def _check_out(out: Path) -> None:
    if out.exists() and not (out / SITE_MARKER).exists() and any(out.iterdir()):
        raise LiteError(
            f"{out} exists and is not a site built by this command: choose an empty or new folder"
        )


def build_site(
    out: Path = DEFAULT_OUT,
    *,
    cache: Path = DEFAULT_CACHE,
    pyodide: Path | None = None,
    fetch: bool = False,
    log=print,
) -> dict:
    """Build the site into ``out`` (replacing an earlier build there). Returns a summary."""
    constants = _tools()
    out = Path(out).resolve()
    cache = Path(cache).resolve()
    _check_out(out)
    version = constants.PYODIDE_VERSION


    problems = check_all()
    if problems:
        raise LiteError(
            "the content has problems; fix them first (python -m lessonkit check):\n"
            + "\n".join(problems)
        )
    notebooks = notebook_paths()
    if not notebooks:
        raise LiteError(f"no notebooks found under {NOTEBOOKS}")

    if pyodide is None:
        source = pyodide_archive(cache, version)
        if fetch:
            source = fetch_pyodide(cache, version)
        elif not source.exists():
            raise LiteError(
                f"Pyodide {version} (npm package pyodide@{version}) is missing: expected "
                f"{source}. Get it with `python -m lessonkit lite --fetch` (runs npm pack), "
                f"or pass --pyodide with an unpacked node_modules/pyodide"
            )
    else:
        source = Path(pyodide).resolve()
        if not source.exists():
            raise LiteError(f"--pyodide {source}: no such file or folder")
    pyodide_files = read_pyodide(source, version)
    lock = json.loads(pyodide_files["pyodide-lock.json"])

    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        lite_dir = work / "lite"
        static = lite_dir / "static" / "pyodide"
        static.mkdir(parents=True)
        own = lessonkit_wheel(work / "own")
        plan = WheelPlan(lock, kernel_wheel_folder(), own, cache / "wheels")
        new_lock, wheels = plan.resolve(read_lock(lock, version), fetch)

        for name, data in pyodide_files.items():
            if name != "pyodide-lock.json":
                (static / name).write_bytes(data)
        for path in wheels.values():
            shutil.copyfile(path, static / path.name)
        written = json.dumps(lock_json(new_lock, lock), indent=1)
        (static / "pyodide-lock.json").write_text(written, "utf-8")

        files = lite_dir / "files"
        for path in notebooks:
            target = files / path.relative_to(NOTEBOOKS)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(site_notebook(path), indent=1) + "\n", "utf-8")

        settings = {
            "disablePyPIFallback": True,
            "loadPyodideOptions": {"packages": list(KERNEL_PACKAGES)},
        }
        config = {
            "jupyter-lite-schema-version": 0,
            "jupyter-config-data": {
                "contentsStorageName": STORAGE_NAME,
                "litePluginSettings": {KERNEL_PLUGIN: settings},
            },
        }
        (lite_dir / "jupyter-lite.json").write_text(json.dumps(config, indent=1), "utf-8")
        (lite_dir / "overrides.json").write_text(json.dumps(SETTINGS, indent=1), "utf-8")

        site = work / "site"
        command = [sys.executable, "-m", "jupyterlite_core", "build"]
        command += ["--lite-dir", str(lite_dir), "--output-dir", str(site)]
        command += ["--contents", str(files), "--no-sourcemaps", "--no-unused-shared-packages"]
        command += ["--apps", "lab", "--apps", "notebooks", "--apps", "tree"]
        command += ["--settings-overrides", str(lite_dir / "overrides.json")]
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTERLITE_")}
        result = subprocess.run(command, cwd=lite_dir, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
            raise LiteError(f"jupyter lite build failed:\n{tail}")
        _verify(site)
        (site / SITE_MARKER).write_text("built by python -m lessonkit lite\n", "utf-8")

        if out.exists():
            old = work / "previous"
            out.replace(old)
        site.replace(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    summary = {
        "out": out,
        "notebooks": len(notebooks),
        "wheels": sorted(p.name for p in wheels.values()),
        "bytes": _site_weight(out),
        "pyodide": version,
    }
    log(
        f"Built the JupyterLite site in {out}: {summary['notebooks']} notebooks, "
        f"{len(wheels)} wheels for the browser kernel, Pyodide {version}, "
        f"{summary['bytes'] / 1e6:.1f} MB (no source maps).\n"
        f"Try it: python3 -m http.server --bind 127.0.0.1 --directory {out} 8000, then open "
        f"http://127.0.0.1:8000/lab/index.html?path=en/00-start-here.ipynb"
    )
    return summary


def _verify(site: Path) -> None:
    """The built site points the kernel at its own Pyodide, with PyPI off."""
    config = json.loads((site / "jupyter-lite.json").read_text("utf-8"))
    settings = config["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]
    url = settings.get("pyodideUrl", "")
    if not url.startswith("./") or not (site / url).is_file():
        raise LiteError(f"the built site does not use its own Pyodide (pyodideUrl {url!r})")
    if config["jupyter-config-data"].get("contentsStorageName") != STORAGE_NAME:
        raise LiteError("the built site does not pin the name of its browser storage")
    if settings.get("disablePyPIFallback") is not True:
        raise LiteError("the built site would fall back to PyPI (disablePyPIFallback not set)")
    lock = json.loads((site / "static/pyodide/pyodide-lock.json").read_text("utf-8"))
    for name, entry in lock["packages"].items():
        path = site / "static/pyodide" / entry["file_name"]
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            raise LiteError(f"the site's Pyodide lock does not match the wheel shipped for {name}")
