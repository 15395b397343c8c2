"""Pyodide for the site: the npm package ``pyodide`` at the version the Pyodide kernel expects.

Fetched with ``npm pack`` into the cache (only with ``--fetch``), then read from there.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .constants import PYODIDE_FILES, LiteError


def pyodide_archive(cache: Path, version: str) -> Path:
    return cache / f"pyodide-{version}.tgz"


def fetch_pyodide(cache: Path, version: str) -> Path:
    """Put the npm package ``pyodide@version`` in the cache (``npm pack``), if not there yet."""
    target = pyodide_archive(cache, version)
    if target.exists():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise LiteError(
            f"npm is not installed, and it fetches Pyodide (npm package pyodide@{version}): "
            f"install Node.js with npm (Debian: apt-get install npm), or put the file made by "
            f"`npm pack pyodide@{version}` at {target}"
        )
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as work:
        result = subprocess.run(
            [npm, "pack", f"pyodide@{version}", "--pack-destination", work, "--silent"],
            capture_output=True,
            text=True,
        )
        packed = Path(work) / target.name
        if result.returncode != 0 or not packed.exists():
            detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            raise LiteError(f"`npm pack pyodide@{version}` failed: {detail[0]}")
        packed.replace(target)
    return target


def read_pyodide(source: Path, version: str) -> dict[str, bytes]:
    """The files the site needs from a Pyodide npm package (its .tgz or an unpacked folder)."""
    files: dict[str, bytes] = {}
    if source.is_dir():
        for name in PYODIDE_FILES:
            if (source / name).is_file():
                files[name] = (source / name).read_bytes()
    elif source.is_file():
        try:
            with tarfile.open(source, "r:gz") as archive:
                for member in archive.getmembers():
                    name = member.name.removeprefix("package/")
                    if member.isfile() and name in PYODIDE_FILES:
                        handle = archive.extractfile(member)
                        files[name] = handle.read() if handle else b""
        except (tarfile.TarError, OSError) as err:
            raise LiteError(f"{source}: not a readable npm package archive ({err})") from None
    missing = [n for n in ("pyodide.mjs", "pyodide-lock.json", "package.json") if n not in files]
    if missing:
        raise LiteError(
            f"{source}: not the npm package pyodide@{version} (missing {', '.join(missing)}): "
            f"use `python -m lessonkit lite --fetch` or `npm pack pyodide@{version}`"
        )
    found = json.loads(files["package.json"]).get("version")
    if found != version:
        raise LiteError(
            f"{source}: Pyodide {found}, but jupyterlite-pyodide-kernel expects {version}: "
            f"use `npm pack pyodide@{version}` (or --fetch with no --pyodide)"
        )
    return files
