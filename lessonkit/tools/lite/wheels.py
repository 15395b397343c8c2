"""The wheels of the browser kernel, and the Pyodide lock that lists them.

* The lesson kit's own wheel is built by the project's build backend (``pip wheel``, which runs
  setuptools with the settings in ``pyproject.toml``) from a copy of the project that leaves out
  what only authors and the command line run (``BROWSER_LEAVES_OUT``). ``content/`` is package
  data, so in the browser it lands beside ``lessonkit/`` in site-packages, as in a checkout.
* Which wheels ship is worked out by ``pyodide-lock``, the Pyodide project's tool for
  ``pyodide-lock.json``: it reads each wheel's requirements with the browser's markers and
  writes its lock entry (file, sha256, imports, depends). This module only decides the versions
  (Pyodide's lock, else the one installed here) and fetches what is missing.

The JupyterLite tools, ``pyodide-lock`` and ``packaging`` come from ``requirements-lite.txt``;
they are imported inside the functions, so the rest of the command line works without them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .constants import (
    BROWSER_LEAVES_OUT,
    CONTENT,
    FRONT_END_ONLY,
    INSTALL_TOOLS,
    KERNEL_PACKAGES,
    PACKAGE,
    LiteError,
)

#: What the wheel build needs besides the package and its content.
PROJECT_FILES = ("pyproject.toml",)


def lessonkit_wheel(folder: Path) -> Path:
    """Build the browser's lesson-kit wheel into ``folder`` and return its path."""
    with tempfile.TemporaryDirectory(prefix="lessonkit-wheel-") as staging:
        root = Path(staging)
        for name in PROJECT_FILES:
            shutil.copyfile(PACKAGE.parent / name, root / name)
        skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
        shutil.copytree(CONTENT, root / "content", ignore=skip)
        shutil.copytree(
            PACKAGE,
            root / "lessonkit",
            ignore=lambda where, names: set(skip(where, names))
            | ({n for n in names if n in BROWSER_LEAVES_OUT} if Path(where) == PACKAGE else set()),
        )
        folder.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index"]
        command += ["--no-build-isolation", "--disable-pip-version-check", "--wheel-dir"]
        result = subprocess.run([*command, str(folder), str(root)], capture_output=True, text=True)
    wheels = sorted(folder.glob("lessonkit-*.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no wheel made"]
        raise LiteError(f"building the lesson kit's wheel failed: {detail[0]} ({INSTALL_TOOLS})")
    return wheels[0]


def wheel_name(path: Path) -> tuple[str, str]:
    """(canonical name, version) from a wheel's file name."""
    from packaging.utils import InvalidWheelFilename, parse_wheel_filename

    try:
        name, version, _, _ = parse_wheel_filename(path.name)
    except InvalidWheelFilename as err:
        raise LiteError(f"{path}: {err}") from None
    return name, str(version)


def is_pure(path: Path) -> bool:
    """A pure-Python wheel: no ABI, any platform, and Python 3 among its interpreters."""
    from packaging.utils import parse_wheel_filename

    tags = parse_wheel_filename(path.name)[3]
    pure = all(t.abi == "none" and t.platform == "any" for t in tags)
    return pure and any(t.interpreter.startswith("py3") for t in tags)


def kernel_wheel_folder() -> Path:
    """The wheels the Pyodide kernel ships for itself (its kernel, piplite and shims)."""
    import jupyterlite_pyodide_kernel

    extension = "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension"
    from_env = Path(sys.prefix) / extension
    bundled = Path(jupyterlite_pyodide_kernel.__file__).parent / "labextension"
    for root in (from_env, bundled):
        folder = root / "static" / "pypi"
        if folder.is_dir():
            return folder
    raise LiteError(
        "the Pyodide kernel's own wheels (static/pypi of jupyterlite-pyodide-kernel's lab "
        f"extension) were not found in {from_env}: reinstall the build tools ({INSTALL_TOOLS})"
    )


def read_lock(data: dict, pyodide_version: str):
    """Pyodide's lock as a ``PyodideLockSpec``, with no packages yet.

    Recent Pyodide locks leave ``info.version`` out, which pyodide-lock 0.1 requires: it is
    filled in from the npm package (and left out again when the lock is written).
    """
    from pyodide_lock import PyodideLockSpec

    info = {"version": pyodide_version, **data.get("info", {})}
    return PyodideLockSpec(info=info, packages={})


class WheelPlan:
    """Which wheels the browser kernel gets, at which versions, and where each one is.

    A package Pyodide's lock lists ships at the lock's version; the kernel's own wheels and the
    lesson kit come from this machine; any other package (ipywidgets, comm, ...) ships at the
    version installed here, so the kernel's ipywidgets matches the widget extension in the site.
    """

    def __init__(self, lock: dict, kernel_wheels: Path, own: Path, cache: Path) -> None:
        from packaging.utils import canonicalize_name

        self.versions = {canonicalize_name(k): v["version"] for k, v in lock["packages"].items()}
        self.local = {}
        for path in [*sorted(kernel_wheels.glob("*.whl")), own]:
            name, _ = wheel_name(path)
            if name not in FRONT_END_ONLY:
                self.local[name] = path
        self.cache = cache

    def version(self, name: str, needed_by: str) -> str:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as installed_version

        if name in self.local:
            return wheel_name(self.local[name])[1]
        if name in self.versions:
            return self.versions[name]
        try:
            return installed_version(name)
        except PackageNotFoundError:
            raise LiteError(
                f"{name} (needed by {needed_by} in the browser) is neither in Pyodide's lock nor "
                f"installed here, so the build cannot tell which version to ship: add it to "
                f"requirements-lite.txt and reinstall ({INSTALL_TOOLS})"
            ) from None

    def find(self, name: str, version: str) -> Path | None:
        if name in self.local:
            return self.local[name]
        for path in sorted(self.cache.glob("*.whl")):
            if wheel_name(path) == (name, version):
                return path
        return None

    def resolve(self, base, fetch: bool):
        """The lock of every wheel the kernel packages need, their dependencies included.

        Each round adds the wheels found so far to the lock (pyodide-lock reads their
        requirements) and looks for dependencies not yet shipped. With ``fetch``, what is
        missing is downloaded, one pip call per round, until nothing is missing.
        """
        from pyodide_lock.utils import add_wheels_to_spec

        wanted = {name: "the Pyodide kernel" for name in KERNEL_PACKAGES}
        tried: set[str] = set()
        while True:
            chosen, missing = {}, {}
            for name, needed_by in wanted.items():
                version = self.version(name, needed_by)
                path = self.find(name, version)
                if path is None:
                    missing[name] = version
                elif not is_pure(path):
                    raise LiteError(
                        f"{path.name} is not a pure-Python wheel, and the browser kernel can "
                        f"only install pure Python ({name} {version}, needed by {needed_by}): "
                        f"choose a version with a py3-none-any wheel, or drop the package"
                    )
                else:
                    chosen[name] = path
            if missing:
                specs = [f"{name}=={version}" for name, version in sorted(missing.items())]
                if not fetch or tried.issuperset(specs):
                    raise LiteError(
                        f"wheels missing from {self.cache}: {' '.join(specs)}. Get them with "
                        f"`python -m lessonkit lite --fetch` (pip download of pure-Python wheels)"
                    )
                tried.update(specs)
                self._download(specs, base.info.python)
                continue
            lock = add_wheels_to_spec(
                base, list(chosen.values()), base_path=Path("/"), ignore_missing_dependencies=True
            )
            new = {}
            for name, entry in lock.packages.items():
                entry.depends = sorted(set(entry.depends) - FRONT_END_ONLY)
                entry.file_name = Path(entry.file_name).name
                new.update({dep: name for dep in entry.depends if dep not in wanted})
            if not new:
                self._check_versions(lock, chosen)
                return lock, chosen
            wanted.update(new)

    def _check_versions(self, lock, chosen: dict[str, Path]) -> None:
        """Every requirement of a shipped wheel accepts the version of its dependency shipped."""
        from packaging.markers import default_environment
        from packaging.requirements import Requirement
        from pkginfo import Wheel as WheelInfo

        python = lock.info.python
        browser = {
            **default_environment(),
            "sys_platform": "emscripten",
            "platform_system": "Emscripten",
            "platform_machine": lock.info.arch,
            "python_version": ".".join(python.split(".")[:2]),
            "python_full_version": python,
            "extra": "",
        }
        for name, path in chosen.items():
            for line in WheelInfo(str(path)).requires_dist:
                requirement = Requirement(line)
                dep = lock.packages.get(requirement.name.lower().replace("_", "-"))
                if dep is None or (requirement.marker and not requirement.marker.evaluate(browser)):
                    continue
                if not requirement.specifier.contains(dep.version, prereleases=True):
                    raise LiteError(
                        f"{name} {lock.packages[name].version} needs {requirement}, but the "
                        f"browser gets {dep.name} {dep.version}: pin versions that fit together"
                    )

    def _download(self, specs: list[str], python_full: str) -> None:
        self.cache.mkdir(parents=True, exist_ok=True)
        python = ".".join(python_full.split(".")[:2])
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        command += ["--disable-pip-version-check", "--only-binary=:all:"]
        command += ["--python-version", python, "--dest", str(self.cache), *specs]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            lines = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
            raise LiteError(
                f"pip could not download wheels for Python {python} ({' '.join(specs)}): "
                + (lines[-1] if lines else result.stderr.strip()[-300:])
            )


def lock_json(lock, original: dict) -> dict:
    """The lock to write: Pyodide's own ``info`` as it came, and one entry per shipped wheel."""
    packages = {name: entry.model_dump() for name, entry in sorted(lock.packages.items())}
    return {**{k: v for k, v in original.items() if k != "packages"}, "packages": packages}
