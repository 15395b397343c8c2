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

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ...content import PROJECT_ROOT, check_all, tomllib
from ..notebooks import NOTEBOOKS, WIDGET_VIEW, notebook_paths

DEFAULT_OUT = PROJECT_ROOT / "_build" / "lite"
DEFAULT_CACHE = PROJECT_ROOT / "_build" / "lite-cache"
CONTENT = PROJECT_ROOT / "content"
#: What the browser wheel leaves out of the package: the tools and the command line.
BROWSER_LEAVES_OUT = ("tools", "__main__.py")
PACKAGE = Path(__file__).resolve().parent.parent.parent
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
#: Settings of the site's JupyterLab: a notebook starts its kernel without asking which one,
#: and nothing asks the network for news or updates.
SETTINGS = {
    "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


class LiteError(Exception):
    """A piece of the build is missing or wrong. The message names it and how to get it."""


@dataclass(frozen=True)
class Wheel:
    name: str  # canonical (PEP 503) name
    version: str
    path: Path


# ------------------------------------------------------------------ the tools


def _tools():
    """The JupyterLite build tools, or a clear message saying how to install them."""
    try:
        import jupyterlite_core  # noqa: F401
        import jupyterlite_pyodide_kernel.constants as kernel_constants
        import packaging.markers  # noqa: F401
    except ImportError as err:
        raise LiteError(
            f"the JupyterLite build tools are missing ({err.name} is not installed): "
            f"{INSTALL_TOOLS}"
        ) from None
    return kernel_constants


def _kernel_wheel_folder() -> Path:
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


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _wheel_name(path: Path) -> tuple[str, str, str]:
    """(canonical name, version, tags) from a wheel's file name."""
    parts = path.name[: -len(".whl")].split("-")
    if len(parts) < 5:
        raise LiteError(f"{path}: not a wheel file name (name-version-python-abi-platform.whl)")
    return _canonical(parts[0]), parts[1], "-".join(parts[-3:])


def _is_pure(path: Path) -> bool:
    """A pure-Python wheel: tags ``*-none-any`` and ``Root-Is-Purelib: true``."""
    _, _, tags = _wheel_name(path)
    python, abi, platform = tags.split("-")
    if abi != "none" or platform != "any" or not python.startswith("py"):
        return False
    with zipfile.ZipFile(path) as archive:
        wheel_file = next(n for n in archive.namelist() if n.endswith(".dist-info/WHEEL"))
        text = archive.read(wheel_file).decode("utf-8")
    return "root-is-purelib: true" in text.lower()


def _metadata(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return archive.read(name).decode("utf-8")


def _requirements(path: Path, environment: dict[str, str]):
    """The wheel's own requirements that apply in the browser (no extras)."""
    from packaging.requirements import Requirement

    found = []
    for line in _metadata(path).splitlines():
        if not line.startswith("Requires-Dist:"):
            continue
        requirement = Requirement(line.split(":", 1)[1].strip())
        marker = requirement.marker
        if marker is None or marker.evaluate({**environment, "extra": ""}):
            found.append(requirement)
    return found


def _top_level_imports(path: Path) -> list[str]:
    names = set()
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            top, _, rest = member.partition("/")
            if top.endswith((".dist-info", ".data")):
                continue
            if rest == "__init__.py" or (not rest and top.endswith(".py")):
                names.add(top.removesuffix(".py"))
    return sorted(names)


# ------------------------------------------------------------------ Pyodide


def _pyodide_archive(cache: Path, version: str) -> Path:
    return cache / f"pyodide-{version}.tgz"


def fetch_pyodide(cache: Path, version: str) -> Path:
    """Put the npm package ``pyodide@version`` in the cache (``npm pack``), if not there yet."""
    target = _pyodide_archive(cache, version)
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


def _read_pyodide(source: Path, version: str) -> dict[str, bytes]:
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


# ------------------------------------------------------------------ wheels


def lessonkit_wheel(folder: Path) -> Path:
    """Build the lesson kit as a pure-Python wheel, with ``content/`` beside the package.

    Installed in the browser, ``lessonkit`` and ``content`` land side by side in site-packages,
    so ``content_root()`` finds the content as it does in a checkout: ``content/`` beside the
    package. What only authors and the command line run (``tools/``, ``__main__.py``) stays out.
    """

    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    name, version = project["name"], project["version"]
    dist_info = f"{name}-{version}.dist-info"
    files: list[tuple[str, bytes]] = []
    for base, root in (("lessonkit", PACKAGE), ("content", CONTENT)):
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if (
                path.is_dir()
                or "__pycache__" in relative.parts
                or path.suffix in {".pyc", ".pyo"}
                or (base == "lessonkit" and relative.parts[0] in BROWSER_LEAVES_OUT)
                or any(part.startswith(".") for part in relative.parts)
            ):
                continue
            files.append((f"{base}/{relative.as_posix()}", path.read_bytes()))
    metadata = [
        "Metadata-Version: 2.1",
        f"Name: {name}",
        f"Version: {version}",
        f"Requires-Python: {project.get('requires-python', '>=3.10')}",
        *(f"Requires-Dist: {dep}" for dep in project.get("dependencies", [])),
    ]
    files.append((f"{dist_info}/METADATA", ("\n".join(metadata) + "\n").encode()))
    wheel_info = "Wheel-Version: 1.0\nGenerator: lessonkit.lite\nRoot-Is-Purelib: true\n"
    files.append((f"{dist_info}/WHEEL", (wheel_info + "Tag: py3-none-any\n").encode()))
    files.append((f"{dist_info}/top_level.txt", b"lessonkit\n"))
    record = []
    for arcname, data in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{arcname},sha256={digest},{len(data)}")
    record.append(f"{dist_info}/RECORD,,")
    files.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for arcname, data in files:
            info = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return target


def _browser_environment(lock_info: dict) -> dict[str, str]:
    """PEP 508 marker values of the browser kernel (Pyodide's Python, on Emscripten)."""
    python_full = lock_info.get("python", "3.14.0")
    return {
        "implementation_name": "cpython",
        "implementation_version": python_full,
        "os_name": "posix",
        "platform_machine": "wasm32",
        "platform_python_implementation": "CPython",
        "platform_release": "",
        "platform_system": "Emscripten",
        "platform_version": "",
        "python_full_version": python_full,
        "python_version": ".".join(python_full.split(".")[:2]),
        "sys_platform": "emscripten",
    }


class WheelPlan:
    """Which wheels the browser kernel gets, at which versions, and where each one is.

    A package Pyodide's lock lists ships at the lock's version; the kernel's own wheels and the
    lesson kit come from this machine; any other package (ipywidgets, comm, ...) ships at the
    version installed here, so the kernel's ipywidgets matches the widget extension in the site.
    """

    def __init__(self, lock: dict, kernel_wheels: Path, own: Path, cache: Path) -> None:
        self.lock = {_canonical(k): v for k, v in lock["packages"].items()}
        self.environment = _browser_environment(lock.get("info", {}))
        self.local = {}
        for path in [*sorted(kernel_wheels.glob("*.whl")), own]:
            name, version, _ = _wheel_name(path)
            if name not in FRONT_END_ONLY:
                self.local[name] = Wheel(name, version, path)
        self.cache = cache

    def version(self, name: str, needed_by: str) -> str:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as installed_version

        if name in self.local:
            return self.local[name].version
        if name in self.lock:
            return self.lock[name]["version"]
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
            return self.local[name].path
        for path in sorted(self.cache.glob("*.whl")):
            found_name, found_version, _ = _wheel_name(path)
            if (found_name, found_version) == (name, version):
                return path
        return None

    def resolve(self, fetch: bool) -> tuple[list[Wheel], dict[str, list[str]]]:
        """Every wheel the kernel packages need, and each one's dependencies (closure).

        With ``fetch``, missing wheels are downloaded (one pip call per round: a downloaded
        wheel can name dependencies not seen before) until nothing is missing.
        """
        tried: set[str] = set()
        while True:
            wheels, depends, missing = self._closure()
            if not missing:
                return [wheels[n] for n in sorted(wheels)], depends
            specs = [f"{name}=={version}" for name, version in sorted(missing.items())]
            if not fetch or tried.issuperset(specs):
                raise LiteError(
                    f"wheels missing from {self.cache}: {' '.join(specs)}. Get them with "
                    f"`python -m lessonkit lite --fetch` (pip download of pure-Python wheels)"
                )
            tried.update(specs)
            self._download(specs)

    def _closure(self):
        from packaging.version import Version

        wheels: dict[str, Wheel] = {}
        depends: dict[str, list[str]] = {}
        missing: dict[str, str] = {}
        queue = [(name, "the Pyodide kernel") for name in KERNEL_PACKAGES]
        while queue:
            name, needed_by = queue.pop(0)
            if name in wheels or name in missing:
                continue
            version = self.version(name, needed_by)
            path = self.find(name, version)
            if path is None:
                # Guess its dependencies (the lock's, or those of the copy installed here), so
                # one pip call can fetch nearly all that is missing.
                missing[name] = version
                queue.extend((dep, name) for dep in self._likely_depends(name))
                continue
            if not _is_pure(path):
                raise LiteError(
                    f"{path.name} is not a pure-Python wheel, and the browser kernel can only "
                    f"install pure Python ({name} {version}, needed by {needed_by}): choose a "
                    f"version with a py3-none-any wheel, or drop the package"
                )
            wheels[name] = Wheel(name, version, path)
            deps = set(_canonical(d) for d in self.lock.get(name, {}).get("depends", []))
            for requirement in _requirements(path, self.environment):
                dep = _canonical(requirement.name)
                if dep in FRONT_END_ONLY:
                    continue
                dep_version = self.version(dep, name)
                if not requirement.specifier.contains(Version(dep_version), prereleases=True):
                    raise LiteError(
                        f"{name} {version} needs {requirement}, but the browser gets "
                        f"{dep} {dep_version}: pin versions that fit together"
                    )
                deps.add(dep)
            depends[name] = sorted(deps)
            queue.extend((dep, name) for dep in sorted(deps))
        return wheels, depends, missing

    def _likely_depends(self, name: str) -> list[str]:
        from importlib.metadata import PackageNotFoundError, requires

        from packaging.requirements import Requirement

        if name in self.lock:
            return [_canonical(d) for d in self.lock[name].get("depends", [])]
        try:
            found = [Requirement(line) for line in requires(name) or []]
        except PackageNotFoundError:
            return []
        browser = {**self.environment, "extra": ""}
        wanted = [r for r in found if r.marker is None or r.marker.evaluate(browser)]
        return [d for d in (_canonical(r.name) for r in wanted) if d not in FRONT_END_ONLY]

    def _download(self, specs: list[str]) -> None:
        self.cache.mkdir(parents=True, exist_ok=True)
        python = self.environment["python_version"]
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


def _lock_entry(wheel: Wheel, depends: list[str], original: dict | None) -> dict:
    data = wheel.path.read_bytes()
    entry = dict(original or {})
    entry.update(
        {
            "name": wheel.name,
            "version": wheel.version,
            "file_name": wheel.path.name,
            "install_dir": "site",
            "sha256": hashlib.sha256(data).hexdigest(),
            "package_type": "package",
            "imports": (original or {}).get("imports") or _top_level_imports(wheel.path),
            "depends": depends,
            "unvendored_tests": False,
        }
    )
    return entry


# ------------------------------------------------------------------ notebooks


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
        source = _pyodide_archive(cache, version)
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
    pyodide_files = _read_pyodide(source, version)
    lock = json.loads(pyodide_files["pyodide-lock.json"])

    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        lite_dir = work / "lite"
        static = lite_dir / "static" / "pyodide"
        static.mkdir(parents=True)
        own = lessonkit_wheel(work / "own")
        plan = WheelPlan(lock, _kernel_wheel_folder(), own, cache / "wheels")
        wheels, depends = plan.resolve(fetch)

        for name, data in pyodide_files.items():
            if name != "pyodide-lock.json":
                (static / name).write_bytes(data)
        packages = {}
        for wheel in wheels:
            shutil.copyfile(wheel.path, static / wheel.path.name)
            original = plan.lock.get(wheel.name)
            packages[wheel.name] = _lock_entry(wheel, depends[wheel.name], original)
        new_lock = {**{k: v for k, v in lock.items() if k != "packages"}, "packages": packages}
        (static / "pyodide-lock.json").write_text(json.dumps(new_lock, indent=1), "utf-8")

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
            "jupyter-config-data": {"litePluginSettings": {KERNEL_PLUGIN: settings}},
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
        "wheels": [w.path.name for w in wheels],
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
    if settings.get("disablePyPIFallback") is not True:
        raise LiteError("the built site would fall back to PyPI (disablePyPIFallback not set)")
    lock = json.loads((site / "static/pyodide/pyodide-lock.json").read_text("utf-8"))
    for name, entry in lock["packages"].items():
        path = site / "static/pyodide" / entry["file_name"]
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            raise LiteError(f"the site's Pyodide lock does not match the wheel shipped for {name}")
