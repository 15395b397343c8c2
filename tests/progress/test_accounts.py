"""Private on a shared server, proved with two real Unix accounts.

Two accounts are made with ``useradd`` (their home folders readable by others, as on many
hubs), each keeps progress under its own home and writes a progress file there; then each
tries to read, change and delete the other's. Needs root (CI runs as root); elsewhere it skips,
saying so, and fails under CI=true. The accounts are removed afterwards.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from ..ci import unavailable

PROGRESS = Path(__file__).resolve().parents[2] / "lessonkit" / "progress"
PYTHON = "/usr/bin/python3"  # the system's: the test's own Python may sit in root's home

LEARNER = r"""
import json, os, sys, types
from pathlib import Path
package = types.ModuleType("lk"); package.__path__ = [sys.argv[1]]; sys.modules["lk"] = package
import lk.store as store, lk.portable as portable
what = sys.argv[2]
if what == "keep":
    kept = store.open_store(store.store_path())
    assert kept.usable and kept.problem is None, kept.problem
    kept.record("m1", "q1", "quiz", "answer of " + os.environ["USER"], True, True)
    export = Path.home() / "my-progress.json"
    portable.write(kept, export)
    print(json.dumps({"store": str(kept.path), "export": str(export)}))
elif what == "share":
    shared = Path(sys.argv[3]) / "shared-progress.json"
    shared.write_bytes(Path(sys.argv[4]).read_bytes())
    shared.chmod(0o644)
    print(json.dumps({"shared": str(shared)}))
else:
    def attempt(action):
        try:
            action()
            return "allowed"
        except PermissionError:
            return "denied"
        except OSError as err:
            return type(err).__name__
    def query(path):
        import sqlite3
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        except sqlite3.Error as err:
            raise PermissionError(str(err))
        try:
            conn.execute("SELECT * FROM answer").fetchall()
        except sqlite3.Error as err:
            raise PermissionError(str(err))
        finally:
            conn.close()
    found = {}
    for name in sys.argv[3:]:
        path = Path(name)
        found[name] = {
            "read": attempt(lambda: path.read_bytes()),
            "change": attempt(lambda: open(path, "r+b").close()),
            "delete": attempt(lambda: path.unlink()),
            "replace": attempt(lambda: (path.parent / "planted").write_text("x")),
        }
        if name.endswith(".sqlite3"):
            found[name]["query"] = attempt(lambda: query(path))
    print(json.dumps(found))
"""


@pytest.fixture
def two_accounts():
    if os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("runuser"):
        unavailable("making real accounts needs root, useradd and runuser (CI runs as root)")
    if not Path(PYTHON).exists():
        unavailable(f"no system Python at {PYTHON} for the accounts to run")
    names = [f"lkt{os.getpid() % 100000}{tag}" for tag in "ab"]
    made = []
    # Outside pytest's own temporary folder, which only root may enter.
    outside = Path(tempfile.mkdtemp(prefix="lessonkit-accounts-"))
    try:
        for name in names:
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", name], check=True)
            made.append(name)
        code = outside / "code"
        code.mkdir()
        shutil.copy(PROGRESS / "store.py", code)
        shutil.copy(PROGRESS / "portable.py", code)
        (code / "learner.py").write_text(LEARNER)
        for path in (outside, code, *code.iterdir()):
            path.chmod(0o755)
        yield names, code
    finally:
        shutil.rmtree(outside, ignore_errors=True)
        for name in made:
            subprocess.run(["userdel", "--remove", name], capture_output=True)


def as_user(name: str, code: Path, *args: str) -> dict:
    home = f"/home/{name}"
    result = subprocess.run(
        [
            "runuser",
            "-u",
            name,
            "--",
            "env",
            "-i",
            f"HOME={home}",
            f"USER={name}",
            "PATH=/usr/bin:/bin",
            PYTHON,
            str(code / "learner.py"),
            str(code),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_two_accounts_cannot_read_change_or_delete_each_others_progress(two_accounts):
    (first, second), code = two_accounts
    mine = as_user(first, code, "keep")
    theirs = as_user(second, code, "keep")
    assert mine["store"] == f"/home/{first}/.local/share/trafficking-lessons/progress.sqlite3"
    assert Path(f"/home/{first}").stat().st_mode & 0o005  # the home itself is open to others

    for me, other in ((first, theirs), (second, mine)):
        found = as_user(me, code, "probe", other["store"], other["export"])
        assert set(found[other["store"]].values()) == {"denied"}, found
        assert found[other["export"]]["read"] == "denied", found
        assert found[other["export"]]["change"] == "denied", found
    for owner, files in ((first, mine), (second, theirs)):  # each still has its own, whole
        for name in files.values():
            info = Path(name).stat()
            assert info.st_mode & 0o777 == 0o600 and info.st_uid == pwd.getpwnam(owner).pw_uid
        assert b"answer of " + owner.encode() in Path(files["export"]).read_bytes()
        store = Path(files["store"])
        assert store.parent.stat().st_mode & 0o777 == 0o700

    # Shared on purpose (copied to a folder both can reach), the file becomes readable.
    shared_folder = code.parent / "shared"
    shared_folder.mkdir()
    shared_folder.chmod(0o1777)
    shared = as_user(first, code, "share", str(shared_folder), mine["export"])["shared"]
    found = as_user(second, code, "probe", shared)
    assert found[shared]["read"] == "allowed"
