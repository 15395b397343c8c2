"""A real JupyterHub for tests/hub: local Unix accounts, a clone of the lessons, the hub itself.

- The accounts are made with ``useradd -m``, their passwords set with ``chpasswd``; each carries
  MARK as its comment, so an account left by a run that was killed is known as ours and removed.
  Removing one first ends its processes (found by its user id, ended by process id).
- The clone is ``git clone`` of the checkout the tests run in, in a folder the accounts can
  read: it plays the hub administrator's copy (the README's ``/opt/trafficking-lessons``, from
  which the lesson kit is imported) and the repository the nbgitpuller link names.
- The hub is PyPI's ``jupyterhub`` with npm's ``configurable-http-proxy``, on free ports of
  127.0.0.1, with a config file written into a temporary folder; PAM checks the passwords and
  the default LocalProcessSpawner starts each learner's JupyterLab under their own account.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from ..browser.lessons import PROJECT_ROOT
from ..browser.servers import HOST, Server, free_port, start_server

LEARNERS = ("lk-learner-1", "lk-learner-2", "lk-learner-3")
MARK = "lessonkit hub test"  # the accounts' comment (GECOS field)
CLONE_NAME = "trafficking-lessons"  # the repository's name in the link (REPO in the README)
BIN = Path(sys.executable).parent  # the venv's scripts (jupyterhub, jupyterhub-singleuser)
PROXY = "configurable-http-proxy"
README = PROJECT_ROOT / "README.md"
# The nbgitpuller link of README.md, as written there (placeholders HUB, OWNER and REPO).
README_LINK = re.compile(r"^(https://HUB/hub/user-redirect/git-pull\?\S+)$", re.MULTILINE)
TOOLS = ("useradd", "chpasswd", "userdel", "runuser", "git")


def missing_parts() -> str | None:
    """Why the hub test cannot run here, or None."""
    if os.geteuid() != 0:
        return "the hub test makes real Unix accounts: it needs root (CI runs as root)"
    lacking = [tool for tool in TOOLS if not shutil.which(tool)]
    if lacking:
        return f"the hub test needs {', '.join(lacking)} (Debian: passwd, util-linux, git)"
    for module, package in (("jupyterhub", "jupyterhub"), ("nbgitpuller", "nbgitpuller")):
        if importlib.util.find_spec(module) is None:
            return f"the hub test needs {package}: `pip install -r requirements-test.txt`"
    if not (BIN / "jupyterhub-singleuser").exists():
        return f"no jupyterhub-singleuser beside {sys.executable}"
    if not proxy_command():
        return (
            f"the hub test needs {PROXY} on PATH: `npm install -g {PROXY}` "
            "(.ci/run installs it from npm)"
        )
    try:
        import pamela  # noqa: F401  (jupyterhub's PAM binding)
    except ImportError as err:
        return f"the hub's PAM authenticator cannot load: {err}"
    return None


def proxy_command() -> str | None:
    return shutil.which(PROXY, path=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))


# ------------------------------------------------------------------ accounts


@dataclass(frozen=True)
class Learner:
    name: str
    password: str
    uid: int
    home: Path


def _account(name: str):
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def make_account(name: str) -> Learner:
    """A new local account with a home of its own and a random password."""
    found = _account(name)
    if found is not None:
        if found.pw_gecos != MARK:
            raise RuntimeError(f"an account {name} exists and is not this test's: not touched")
        remove_account(name)  # left by an earlier run that was killed
    subprocess.run(
        ["useradd", "--create-home", "--shell", "/bin/bash", "--comment", MARK, name],
        check=True,
        capture_output=True,
    )
    password = secrets.token_urlsafe(18)
    subprocess.run(
        ["chpasswd"], input=f"{name}:{password}\n", text=True, check=True, capture_output=True
    )
    entry = pwd.getpwnam(name)
    return Learner(name, password, entry.pw_uid, Path(entry.pw_dir))


def processes_of(uid: int) -> list[int]:
    """Process ids of every process running as this user id (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def end_processes_of(uid: int, wait: float = 5) -> None:
    """SIGTERM, then SIGKILL, each process of an account this test made, by process id."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in processes_of(uid):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + wait
        while processes_of(uid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not processes_of(uid):
            return


def remove_account(name: str) -> None:
    """End the account's processes, then remove it and its home (only one marked as ours)."""
    found = _account(name)
    if found is None or found.pw_gecos != MARK:
        return
    end_processes_of(found.pw_uid)
    subprocess.run(["userdel", "--remove", name], capture_output=True)
    if _account(name) is None and Path(found.pw_dir).exists():
        shutil.rmtree(found.pw_dir, ignore_errors=True)


def as_learner(learner: Learner, args: list[str], env: dict[str, str] | None = None):
    """Run a command as the learner, with a clean environment like the spawner's."""
    base = {
        "HOME": str(learner.home),
        "USER": learner.name,
        "PATH": learner_path(),
        "LANG": "C.UTF-8",
    }
    command = ["runuser", "-u", learner.name, "--", "env", "-i"]
    command += [f"{k}={v}" for k, v in {**base, **(env or {})}.items()]
    return subprocess.run(
        command + args, capture_output=True, text=True, timeout=120, cwd=str(learner.home)
    )


def learner_path() -> str:
    return os.pathsep.join([str(BIN), "/usr/local/bin", "/usr/bin", "/bin"])


CAN_RUN = (
    "import jupyterhub, jupyterlab, nbgitpuller, ipywidgets, lessonkit, sys;"
    "print(lessonkit.__file__)"
)


def learner_cannot_run(learner: Learner, clone: Path) -> str | None:
    """Why the learner's server could not start here, or None: the learners run this venv's
    Python under their own accounts, so the venv and its Python must be readable by them."""
    result = as_learner(learner, [sys.executable, "-c", CAN_RUN], {"PYTHONPATH": str(clone)})
    if result.returncode != 0:
        said = (result.stderr.strip().splitlines() or [f"exit {result.returncode}"])[-1]
        return (
            f"the learner accounts cannot run {sys.executable} with the hub's packages ({said}): "
            "make the venv from a Python outside /root (e.g. /usr/bin/python3 -m venv) in a "
            "folder others may enter, as .ci/run does"
        )
    where = Path(result.stdout.strip())
    assert clone in where.parents, f"the learners' lesson kit is {where}, not the clone's"
    return None


# ------------------------------------------------------------------ the lessons and the link


def clone_checkout(parent: Path) -> Path:
    """``git clone`` of the checkout (its HEAD commit) with ``main`` at that commit, as the
    README's link names branch main; readable by every account."""
    target = parent / CLONE_NAME
    head = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "rev-parse", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    subprocess.run(
        ["git", "clone", "--quiet", "--no-checkout", str(PROJECT_ROOT), str(target)],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["git", "-C", str(target), "checkout", "--quiet", "-B", "main", head],
        check=True,
        capture_output=True,
    )
    # Readable by every account whatever the umask (the learners import the kit from here).
    parent.chmod(0o755)
    for root, dirs, files in os.walk(target):
        for name in dirs:
            (Path(root) / name).chmod(0o755)
        for name in files:
            path = Path(root) / name
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | 0o444)
    target.chmod(0o755)
    # git refuses a repository owned by another account ("dubious ownership", safe.directory),
    # a local path and a file:// URL alike; the learners' git is told this one is safe.
    # (Only a global or system setting counts, and git drops GIT_CONFIG_COUNT for local pulls.)
    trusted = parent / "gitconfig"
    trusted.write_text(f"[safe]\n\tdirectory = {target / '.git'}\n", encoding="utf-8")
    trusted.chmod(0o644)
    return target


def git_config(clone: Path) -> Path:
    """The git settings the learners' servers use (see clone_checkout)."""
    return clone.parent / "gitconfig"


def readme_link() -> str:
    """The nbgitpuller link as README.md writes it (one, with the HUB placeholder)."""
    found = README_LINK.findall(README.read_text(encoding="utf-8"))
    assert len(found) == 1, f"README.md should give one nbgitpuller link, found {found}"
    return found[0]


# The README's address of one module in Voila through the hub (placeholders HUB and REPO).
README_VOILA = re.compile(r"`(https://HUB/hub/user-redirect/voila/render/REPO/[^`\s]+\.ipynb)`")


def readme_voila_link(hub_url: str, repo_name: str) -> tuple[str, str]:
    """The README's Voila address of a module for this hub; returns it and the notebook's path
    inside the repository."""
    found = README_VOILA.findall(README.read_text(encoding="utf-8"))
    assert len(found) == 1, f"README.md should give one Voila address on the hub, found {found}"
    inside = found[0].split("/REPO/", 1)[1]
    return found[0].replace("https://HUB", hub_url).replace("/REPO/", f"/{repo_name}/"), inside


# The README's settings for the learners' servers (a JSON block after that file's name).
README_SERVER_CONFIG = re.compile(
    r"`(/etc/jupyter/jupyter_server_config\.json)`.*?```json\n(.*?)```", re.DOTALL
)


def readme_server_config() -> tuple[str, dict]:
    """The file the README tells the administrator to save, and its settings."""
    found = README_SERVER_CONFIG.findall(README.read_text(encoding="utf-8"))
    assert len(found) == 1, "README.md should give one jupyter_server_config.d file"
    name, text = found[0]
    return name, json.loads(text)


def write_server_config(folder: Path) -> Path:
    """The README's settings file, in a Jupyter config folder of the test's for the learners'
    servers (on JUPYTER_CONFIG_PATH, read as /etc/jupyter is: the test leaves /etc alone)."""
    name, settings = readme_server_config()
    folder.mkdir()
    folder.chmod(0o755)
    target = folder / Path(name).name
    target.write_text(json.dumps(settings), encoding="utf-8")
    target.chmod(0o644)
    return folder


def learner_link(template: str, hub_url: str, repo_url: str, urlpath: str | None = None):
    """The README's link for this hub and repository; returns it and the ``urlpath`` it opens.

    ``urlpath`` (written with REPO, as in the README) replaces the template's own. The template
    is taken apart and put back together with the same encoding, so a link written with a
    mistake (a missing parameter, a wrong placeholder) fails here.
    """
    parts = urllib.parse.urlsplit(template)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True)
    params = dict(query)
    assert [k for k, _ in query] == ["repo", "branch", "urlpath"], query
    assert urllib.parse.urlencode(query, quote_via=urllib.parse.quote) == parts.query, (
        "the README's link is not encoded as nbgitpuller's link generator writes it"
    )
    assert params["repo"].startswith("https://") and params["repo"].endswith("/OWNER/REPO")
    folder = params["repo"].rsplit("/", 1)[1]  # nbgitpuller names the folder after the repo
    assert params["urlpath"].startswith(f"lab/tree/{folder}/"), params["urlpath"]
    repo_name = urllib.parse.urlsplit(repo_url).path.rstrip("/").rsplit("/", 1)[1]
    opened = (urlpath or params["urlpath"]).replace(f"/{folder}/", f"/{repo_name}/", 1)
    filled = [("repo", repo_url), ("branch", params["branch"]), ("urlpath", opened)]
    hub = urllib.parse.urlsplit(hub_url)
    query_text = urllib.parse.urlencode(filled, quote_via=urllib.parse.quote)
    return urllib.parse.urlunsplit((hub.scheme, hub.netloc, parts.path, query_text, "")), opened


# The README's urlpath for opening the lessons in Voila through the nbgitpuller link.
README_VOILA_URLPATH = re.compile(r"use `(voila/render/REPO/[^`\s]+\.ipynb)`\s+as the `urlpath`")


def readme_voila_urlpath() -> str:
    found = README_VOILA_URLPATH.findall(" ".join(README.read_text(encoding="utf-8").split()))
    assert len(found) == 1, f"README.md should give one Voila urlpath, found {found}"
    return found[0]


def publish_update(clone: Path, line: str) -> None:
    """The teacher's update: a commit on the repository's main (a line added to README.md)."""
    readme = clone / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    readme.chmod(0o644)
    subprocess.run(
        ["git", "-C", str(clone), "-c", "user.name=Hub test", "-c", "user.email=hub@test.invalid"]
        + ["commit", "--quiet", "--all", "--message", "An update from the teacher"],
        check=True,
        capture_output=True,
    )


# ------------------------------------------------------------------ the hub


def write_config(base: Path, hub_url: str, learners, clone: Path) -> Path:
    """jupyterhub_config.py in the hub's temporary folder: everything it keeps stays there."""
    environment = {
        "PATH": learner_path(),
        # The administrator's copy of the lesson kit (the README's /opt/trafficking-lessons).
        "PYTHONPATH": str(clone),
        "GIT_CONFIG_GLOBAL": str(git_config(clone)),
        # The README's settings for the learners' servers (Voila's page policy).
        "JUPYTER_CONFIG_PATH": str(write_server_config(clone.parent / "jupyter-config")),
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
    }
    args = [
        # Nothing in a learner's JupyterLab asks the network (news, update checks).
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        # The test drives Lab through window.jupyterapp, as tests/browser does.
        "--LabApp.expose_app_in_browser=True",
    ]
    settings = {
        "JupyterHub.bind_url": hub_url,
        "JupyterHub.hub_bind_url": f"http://{HOST}:{free_port()}",
        "JupyterHub.db_url": f"sqlite:///{base / 'jupyterhub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(base / "jupyterhub_cookie_secret"),
        "JupyterHub.pid_file": str(base / "jupyterhub.pid"),
        "JupyterHub.cleanup_servers": True,
        "JupyterHub.cleanup_proxy": True,
        "JupyterHub.authenticator_class": "pam",
        "Authenticator.allowed_users": sorted(learner.name for learner in learners),
        "PAMAuthenticator.service": "login",
        "JupyterHub.spawner_class": "localprocess",
        "ConfigurableHTTPProxy.command": [proxy_command()],
        "ConfigurableHTTPProxy.api_url": f"http://{HOST}:{free_port()}",
        "ConfigurableHTTPProxy.pid_file": str(base / "proxy.pid"),
        "Spawner.cmd": [str(BIN / "jupyterhub-singleuser")],
        "Spawner.args": args,
        "Spawner.default_url": "/lab",
        "Spawner.environment": environment,
        "Spawner.start_timeout": 120,
        "Spawner.http_timeout": 120,
    }
    lines = ["# Written by tests/hub/hub.py for one test run.", "c = get_config()  # noqa"]
    for key, value in settings.items():
        if key == "Authenticator.allowed_users":
            lines.append(f"c.{key} = set({json.dumps(value)})")
        else:
            lines.append(f"c.{key} = {value!r}")
    config = base / "jupyterhub_config.py"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def hub_environment() -> dict[str, str]:
    """The hub's own environment: this one less anything Jupyter or lesson kit would read."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUPYTER", "JPY_", "IPYTHON", "LESSONKIT_", "CONFIGPROXY_"))
    }
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    env["PYTHONUNBUFFERED"] = "1"
    return env


def start_hub(base: Path, learners, clone: Path) -> Server:
    port = free_port()
    hub_url = f"http://{HOST}:{port}"
    config = write_config(base, hub_url, learners, clone)
    args = [str(BIN / "jupyterhub"), "-f", str(config)]
    return start_server(
        "JupyterHub", args, hub_environment(), base, base / "hub.log", port, "/hub/api"
    )


# ------------------------------------------------------------------ what a learner kept

READ_STORE = r"""
import json, sys, importlib.util
spec = importlib.util.spec_from_file_location("store_alone", sys.argv[1])
store = importlib.util.module_from_spec(spec)
sys.modules["store_alone"] = store
spec.loader.exec_module(store)
path = store.store_path()
if not path.exists():
    print(json.dumps({"store": str(path), "answers": None}))
    raise SystemExit
kept = store.open_store(path)
assert kept.usable and kept.problem is None, kept.problem
answers = [
    {"module": a.module, "item": a.item, "kind": a.kind, "answer": a.answer, "correct": a.correct}
    for a in kept.answers()
]
kept.close()
print(json.dumps({"store": str(path), "answers": answers}))
"""


def stored_answers(learner: Learner, clone: Path) -> dict:
    """The learner's progress store, read as the learner (where it is, and every answer)."""
    store = clone / "lessonkit" / "progress" / "store.py"
    result = as_learner(learner, [sys.executable, "-c", READ_STORE, str(store)])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def files_owned_by(uid: int, folder: Path) -> list[Path]:
    """Every file and folder under ``folder`` owned by this user id (read as root)."""
    found = []
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            try:
                if path.lstat().st_uid == uid:
                    found.append(path)
            except OSError:
                continue
    return found
