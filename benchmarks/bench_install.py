"""Size on disk of a fresh `pip install -r requirements.txt`, against the four packages alone.

Two new virtual environments (``python -m venv``, this Python) in a temporary folder:

* figure: ``pip install -r requirements.txt`` from the project folder (as the README says);
* baseline: ``pip install jupyterlab ipywidgets nbval pytest``.

Size on disk is the blocks every file of the environment takes (``du``'s count; hard links
once). Both installs use pip's own cache folder, named explicitly with ``--cache-dir``, so
after the first run nothing is downloaded again (pip still reads the package index). The size
does not depend on timing, so each environment is built once whatever ``--repeats`` says; the
install time is in the note. The per-package table shows what the requirements add, largest
first, so a missed target is explained package by package.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from _common import PYTHON, ROOT, run

ORDER = 70
TARGET = "ratio at most 1.3"
BASELINE_PACKAGES = ["jupyterlab", "ipywidgets", "nbval", "pytest"]

PACKAGE_SIZES = """
import json, os
from importlib import metadata
sizes = {}
for dist in metadata.distributions():
    total = 0
    for f in dist.files or []:
        try:
            total += os.stat(dist.locate_file(f)).st_blocks * 512
        except OSError:
            pass
    sizes[dist.metadata["Name"].lower().replace("_", "-")] = [dist.version, total]
print(json.dumps(sizes))
"""


def pip_cache_dir() -> str:
    configured = os.environ.get("PIP_CACHE_DIR")
    if configured:
        return configured
    return run([PYTHON, "-m", "pip", "cache", "dir"]).stdout.strip()


def disk_usage(folder: Path) -> int:
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        total += info.st_blocks * 512
    return total


def make_env(folder: Path, install: list[str], cache: str) -> dict:
    run([PYTHON, "-m", "venv", str(folder)], timeout=300)
    python = str(folder / "bin" / "python")
    start = time.perf_counter()
    run(
        [python, "-m", "pip", "install", "--quiet", "--cache-dir", cache, *install],
        cwd=ROOT,  # requirements.txt installs the project itself with `-e .`
        timeout=1800,
    )
    took = time.perf_counter() - start
    packages = json.loads(run([python, "-c", PACKAGE_SIZES]).stdout.strip().splitlines()[-1])
    return {"bytes": disk_usage(folder), "seconds": took, "packages": packages}


def mb(n: float) -> str:
    return f"{n / 1e6:.0f} MB"


def measure(repeats: int) -> list[dict]:
    cache = pip_cache_dir()
    with tempfile.TemporaryDirectory(prefix="bench-install-") as folder:
        base = Path(folder)
        full = make_env(base / "full", ["-r", str(ROOT / "requirements.txt")], cache)
        bare = make_env(base / "bare", BASELINE_PACKAGES, cache)
    added = []
    for name, (version, size) in full["packages"].items():
        before = bare["packages"].get(name, [None, 0])[1]
        if size - before > 0 and name not in bare["packages"]:
            added.append((size, f"{name} {version} {mb(size)}"))
    added.sort(reverse=True)
    extra = full["bytes"] - bare["bytes"]
    listing = ", ".join(text for _, text in added[:12]) or "none"
    if len(added) > 12:
        listing += f", and {len(added) - 12} smaller"
    ratio = full["bytes"] / bare["bytes"]
    return [
        {
            "figure": "fresh `pip install -r requirements.txt` in a new venv: size on disk",
            "value": mb(full["bytes"]),
            "baseline": mb(bare["bytes"]),
            "ratio": ratio,
            "target": TARGET,
            "ok": ratio <= 1.3,
            "note": (
                f"baseline: a new venv with `pip install {' '.join(BASELINE_PACKAGES)}`; "
                f"pip cache {cache} (--cache-dir); install took {full['seconds']:.0f} s and "
                f"{bare['seconds']:.0f} s. The requirements add {mb(extra)} on disk: packages "
                f"not in the baseline, largest first: {listing}."
            ),
            "packages": {"full": full["packages"], "baseline": bare["packages"]},
        }
    ]
