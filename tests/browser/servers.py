"""JupyterLab and Voila for the browser tests: private folders, free ports, stopped by process id.

Each test session starts one JupyterLab and one Voila on 127.0.0.1 with no token, each with its
own Jupyter config, data and runtime folders, its own IPython folder and a home folder of its own,
so nothing on the machine (or in the developer's home) changes what the tests see.

Their kernels talk to the server over Unix sockets (jupyter_client's "ipc" transport), not TCP.
With TCP, jupyter_client picks each kernel's five ports by asking the system for free ones and
letting them go; the kernel binds them a moment later. With three test processes, their browsers
and servers all opening local connections, another process sometimes takes such a port first:
the kernel fails with "Address already in use" and is restarted, seconds later. In the culling
test (test_voila_kernels.py, a 6 s timeout) a kernel restarted that way was culled while still
starting, and its page never showed. A socket file of the kernel's own cannot be taken.
"""

from __future__ import annotations

import atexit
import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
# The Unix sockets' transport, for every kernel the servers start (see the module's docstring).
KERNEL_TRANSPORT = ("--KernelManager.transport=ipc",)
# A socket's path may have at most 107 bytes: a kernel's is its runtime folder, then
# "/kernel-<36-character id>-ipc-<n>" (50 bytes).
SOCKET_PATH_MAX, SOCKET_NAME = 107, 50


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def private_environment(base: Path) -> dict[str, str]:
    """Environment for a server: private Jupyter folders, settings that keep JupyterLab quiet.

    Kernel specs and lab extensions (ipywidgets' among them) are still found through
    sys.prefix/share/jupyter, which jupyter_core searches whatever JUPYTER_DATA_DIR says.
    """
    folders = {
        "HOME": base / "home",
        "JUPYTER_CONFIG_DIR": base / "config",
        "JUPYTER_DATA_DIR": base / "data",
        "JUPYTER_RUNTIME_DIR": base / "runtime",
        "IPYTHONDIR": base / "ipython",
        "JUPYTERLAB_SETTINGS_DIR": base / "config" / "lab" / "user-settings",
        "JUPYTERLAB_WORKSPACES_DIR": base / "workspaces",
        "XDG_CACHE_HOME": base / "home" / ".cache",
        "XDG_CONFIG_HOME": base / "home" / ".config",
        "XDG_DATA_HOME": base / "home" / ".local" / "share",
    }
    for path in folders.values():
        path.mkdir(parents=True, exist_ok=True)
    if len(os.fsencode(folders["JUPYTER_RUNTIME_DIR"])) + SOCKET_NAME > SOCKET_PATH_MAX:
        folders["JUPYTER_RUNTIME_DIR"] = short_folder()
    # No "build recommended" check and no build offer: the lab extensions come from pip.
    labconfig = folders["JUPYTER_CONFIG_DIR"] / "labconfig"
    labconfig.mkdir(exist_ok=True)
    (labconfig / "page_config.json").write_text(
        json.dumps({"buildCheck": False, "buildAvailable": False}), encoding="utf-8"
    )
    # No news notice and no update check (both would also ask the network).
    notification = folders["JUPYTERLAB_SETTINGS_DIR"] / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True, exist_ok=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUPYTER", "JPY_", "IPYTHON")) and key != "LESSONKIT_PROGRESS"
    }
    env.update({key: str(path) for key, path in folders.items()})
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONUNBUFFERED"] = "1"
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    # Learner progress (read by the lesson kit's progress store) goes to a file of this session.
    env["LESSONKIT_PROGRESS"] = str(base / "progress.sqlite")
    return env


def short_folder() -> Path:
    """A folder with a short path, for kernels' sockets, removed when the test process ends."""
    path = Path(tempfile.mkdtemp(prefix="lk-", dir="/tmp" if Path("/tmp").is_dir() else None))
    if len(os.fsencode(path)) + SOCKET_NAME > SOCKET_PATH_MAX:
        raise RuntimeError(f"no folder short enough for kernels' sockets: {path} (set TMPDIR)")
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen
    log: Path
    probe: str
    extra: dict = field(default_factory=dict)

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def wait_ready(self, timeout: float = 90) -> None:
        """Poll a static address until it answers 200 (never a page that would start a kernel)."""
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} stopped at start (exit {self.process.returncode}):\n"
                    + self.log_tail()
                )
            try:
                with urllib.request.urlopen(self.url + self.probe, timeout=5) as response:
                    if response.status == 200:
                        return
                    last = f"HTTP {response.status}"
            except (urllib.error.URLError, OSError) as err:
                last = str(err)
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(
            f"{self.name} not ready after {timeout:.0f} s ({last}):\n" + self.log_tail()
        )

    def stop(self) -> None:
        """Stop the server by its process id, then any kernel it leaves behind.

        Kernels run in sessions of their own, so they are found as the server's descendants
        (by process id) before it stops, and ended after it if they outlive it.
        """
        kernels = descendants(self.process.pid)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            alive = [pid for pid in kernels if _alive(pid)]
            for pid in alive:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 5
            while alive and time.monotonic() < deadline:
                time.sleep(0.1)
                alive = [pid for pid in alive if _alive(pid)]


def descendants(pid: int) -> list[int]:
    """Process ids of every descendant of a process (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _end_with_parent() -> None:
    """In the server's process: get SIGTERM when the test process dies, however it dies.

    So a test run that is killed (by a time limit, say) leaves no server behind; the
    server then shuts its kernels down, and a kernel whose server is gone ends too.
    """
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: stop() still ends it in a normal run
        pass


PR_SET_PDEATHSIG = 1


def start_server(
    name: str, args: list[str], env: dict, cwd: Path, log: Path, port: int, probe: str
):
    handle = log.open("w", encoding="utf-8")
    process = subprocess.Popen(
        args,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # a Ctrl-C in the terminal reaches pytest, not the server
        preexec_fn=_end_with_parent,
    )
    handle.close()
    return Server(name, f"http://{HOST}:{port}", process, log, probe)


def start_lab(base: Path, root_dir: Path, env: dict) -> Server:
    port = free_port()
    args = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.allow_root=True",  # the tests run as root here and in CI
        "--IdentityProvider.token=",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.expose_app_in_browser=True",
        *KERNEL_TRANSPORT,
    ]
    return start_server("JupyterLab", args, env, root_dir, base / "lab.log", port, "/api")


def start_voila(
    base: Path, project_root: Path, notebooks: Path, env: dict, extra: tuple[str, ...] = ()
) -> Server:
    """Voila as the README runs it: from the project folder (so it reads its voila.json)."""
    port = free_port()
    args = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        f"--Voila.ip={HOST}",
        f"--port={port}",
        *KERNEL_TRANSPORT,
        *extra,
        str(notebooks),
    ]
    # A static file: the tree and notebook pages would start a kernel per request.
    log = base / ("voila.log" if not extra else f"voila-{port}.log")
    return start_server("Voila", args, env, project_root, log, port, "/voila/static/voila.js")


def kernel_pids(server: Server) -> list[int]:
    """The kernels a server started and that still run: its child processes running ipykernel."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, ValueError, IndexError):
            continue
        if parent == server.process.pid and b"ipykernel" in command:
            found.append(int(entry.name))
    return found
