"""A class on one server, for real: test accounts, a JupyterHub run from the recipe, students.

Used by the tests in this folder and by ``benchmarks/hub_login.py``; nothing here asserts.

What is here
    * :func:`missing_pieces` -- what this machine lacks to run the recipe (root, useradd,
      git, chromium, configurable-http-proxy in node_modules/, jupyterhub, nbgitpuller).
    * :class:`Accounts` -- two students and a teacher made with ``useradd`` (private homes,
      mode 700), removed with ``userdel -r`` (their processes stopped first, by PID).
      Accounts left by an interrupted run are recognised by their comment and removed first;
      an account of those names that this code did not make is never touched.
    * :func:`student_python` -- the Python the students' servers run: the project's
      ``.venv/bin/python`` when the students can run it, else a small "bridge" environment
      from the system's Python of the same version that loads the project's .venv
      site-packages (a .venv made from a Python under /root cannot be run by other accounts).
    * :func:`bare_repo` -- a bare git repository made from the current HEAD, served to
      nbgitpuller as a ``file://`` URL.
    * :func:`make_handin` -- the hand-in folder, as the recipe says (teacher's, mode 3733).
    * :class:`Hub` / :func:`start_hub` -- JupyterHub from this environment, on 127.0.0.1,
      reading deploy/jupyterhub/jupyterhub_config.py and changing only ports, logins and
      folders; stopped by PID (its process group) with the servers it started.
    * :func:`visit` -- one student in Chromium: follow the nbgitpuller link, log in, wait for
      the lesson, run it, wait for the map, answer a quiz question, hand in; timed.
    * :func:`run_as` -- run a command as one of the accounts (``runuser``), clean environment.
    * :func:`class_machine` -- all of the above but the Hub, made and removed again; one run
      at a time per machine (:func:`machine_lock`), so that two developers' ``make test`` never
      remove each other's accounts.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pwd
import tempfile
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import lab  # noqa: E402

RECIPE = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"

STUDENTS = ("ml_student_a", "ml_student_b")
TEACHER = "ml_teacher"
USERS = (*STUDENTS, TEACHER)
#: The comment (GECOS field) of every account made here; only such accounts are removed.
MARKER = "mali_lessons test user"

#: The bare repository's folder name, so the students' copy is ~/mali-lessons (the recipe's).
REPO_NAME = "mali-lessons"
LESSON = "00_start_here.ipynb"
LESSON_BANK = "00_start_here"

#: How long a student may wait, at most, from login to a lesson that answers (seconds).
VISIT_TIMEOUT_S = 240


# ---------------------------------------------------------------------------------------------
# What is needed
# ---------------------------------------------------------------------------------------------


def missing_pieces() -> list[str]:
    """What this machine lacks to run the recipe, each with how to get it (empty: all there)."""
    missing = []
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        missing.append("root (the Hub starts each student's server as that student)")
    for tool, package in (("useradd", "passwd"), ("userdel", "passwd"), ("runuser", "util-linux"),
                          ("git", "git")):
        if shutil.which(tool) is None:
            missing.append(f"{tool} (sudo apt-get install {package})")
    if lab.find_chromium() is None:
        missing.append(f"chromium ({lab.INSTALL_HINT})")
    if not PROXY.exists():
        missing.append("configurable-http-proxy in node_modules/ (make test installs it with npm; "
                       "sudo apt-get install nodejs npm first)")
    for module, package in (("jupyterhub", "jupyterhub"), ("nbgitpuller", "nbgitpuller")):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"the Python package {package} (make setup installs the test extra)")
    return missing


# ---------------------------------------------------------------------------------------------
# Running things as another account
# ---------------------------------------------------------------------------------------------


def home_of(user: str) -> Path:
    return Path(pwd.getpwnam(user).pw_dir)


def base_env(user: str) -> dict[str, str]:
    """A clean login environment for ``user`` (what a fresh session would have)."""
    return {
        "HOME": str(home_of(user)),
        "USER": user,
        "LOGNAME": user,
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def run_as(user: str, argv: list[str], env: dict[str, str] | None = None,
           timeout: float = 120, cwd: Path | None = None,
           input_text: str | None = None) -> subprocess.CompletedProcess:
    """Run ``argv`` as ``user`` (runuser) with a clean environment plus ``env``."""
    environment = {**base_env(user), **(env or {})}
    command = ["runuser", "-u", user, "--", "env", "-i",
               *[f"{key}={value}" for key, value in environment.items()], *argv]
    return subprocess.run(command, cwd=cwd or home_of(user), capture_output=True, text=True,
                          timeout=timeout, input=input_text)


def popen_as(user: str, argv: list[str], env: dict[str, str] | None = None,
             cwd: Path | None = None) -> subprocess.Popen:
    """Start ``argv`` as ``user`` in its own process group (stop it with :func:`stop_group`)."""
    environment = {**base_env(user), **(env or {})}
    command = ["runuser", "-u", user, "--", "env", "-i",
               *[f"{key}={value}" for key, value in environment.items()], *argv]
    return subprocess.Popen(command, cwd=cwd or home_of(user), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def stop_group(proc: subprocess.Popen, timeout: float = 10) -> None:
    """SIGTERM the process group of ``proc`` (which we started), then SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(5)


# ---------------------------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------------------------


def _account(user: str) -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(user)
    except KeyError:
        return None


def pids_of(user: str) -> list[int]:
    """The processes running as ``user`` (read from /proc)."""
    entry = _account(user)
    if entry is None:
        return []
    found = []
    for item in Path("/proc").iterdir():
        if item.name.isdigit():
            try:
                if item.stat().st_uid == entry.pw_uid:
                    found.append(int(item.name))
            except OSError:
                continue
    return found


def stop_processes_of(user: str, timeout: float = 10) -> list[int]:
    """Stop, by PID, every process still running as one of our test accounts; return them."""
    pids = pids_of(user)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and pids_of(user):
        time.sleep(0.2)
    for pid in pids_of(user):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return pids


@dataclass
class Accounts:
    """The test accounts: two students and a teacher, with private homes under ``homes``."""

    homes: Path
    made: list[str] = field(default_factory=list)

    @staticmethod
    def remove_leftovers() -> list[str]:
        """Remove accounts an interrupted run left (those carrying :data:`MARKER`).

        RuntimeError when an account of one of these names exists that this code did not make.
        """
        removed = []
        for user in USERS:
            entry = _account(user)
            if entry is None:
                continue
            if entry.pw_gecos != MARKER:
                raise RuntimeError(f"an account {user!r} exists that the tests did not make "
                                   f"(comment {entry.pw_gecos!r}); it is left alone")
            _remove_account(user)
            removed.append(user)
        return removed

    def create(self) -> None:
        """useradd each account with a private home (mode 700), as the recipe asks."""
        self.homes.mkdir(parents=True, exist_ok=True)
        os.chmod(self.homes, 0o755)
        for user in USERS:
            subprocess.run(["useradd", "--create-home", "--base-dir", str(self.homes),
                            "-K", "HOME_MODE=0700", "--comment", MARKER, "--shell", "/bin/bash",
                            user], check=True, capture_output=True, text=True)
            self.made.append(user)
            os.chmod(home_of(user), 0o700)

    def remove(self) -> list[str]:
        """Stop every process of the accounts (by PID) and remove them with their homes.
        Returns the problems met (empty when all went)."""
        problems = []
        for user in reversed(self.made):
            try:
                _remove_account(user)
            except Exception as err:  # noqa: BLE001 - go on with the others, report
                problems.append(f"{user}: {err}")
        self.made.clear()
        return problems


def _remove_account(user: str) -> None:
    entry = _account(user)
    if entry is None:
        return
    home = Path(entry.pw_dir)
    stop_processes_of(user)
    done = subprocess.run(["userdel", "--remove", user], capture_output=True, text=True)
    if _account(user) is not None:
        raise RuntimeError(f"userdel {user} failed: {done.stderr.strip()}")
    if home.exists() and home.stat().st_uid == entry.pw_uid:
        shutil.rmtree(home, ignore_errors=True)


def write_file_as(user: str, path: Path, text: str, mode: int = 0o644) -> None:
    """Write ``path`` (making its folders) and give it, and the folders made, to ``user``."""
    entry = pwd.getpwnam(user)
    home = Path(entry.pw_dir)
    missing = [p for p in [path.parent, *path.parent.parents] if not p.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    for folder in missing:
        if home in folder.parents or folder == home:
            os.chown(folder, entry.pw_uid, entry.pw_gid)
    path.write_text(text, encoding="utf-8")
    os.chown(path, entry.pw_uid, entry.pw_gid)
    os.chmod(path, mode)


def prepare_home(user: str, repo: Path) -> None:
    """What a test account needs in its home: git trusts the test's local repository (it
    belongs to root), and JupyterLab's test settings (every cell drawn, no autosave; see
    lab.LAB_SETTINGS)."""
    home = home_of(user)
    write_file_as(user, home / ".gitconfig", f"[safe]\n\tdirectory = {repo}\n")
    settings = home / ".jupyter" / "lab" / "user-settings"
    for plugin, values in lab.LAB_SETTINGS.items():
        write_file_as(user, settings / f"{plugin}.jupyterlab-settings",
                      json.dumps(values, indent=2))


# ---------------------------------------------------------------------------------------------
# The Python the students' servers run
# ---------------------------------------------------------------------------------------------

PROBE = ("import mali_lessons, jupyterhub.singleuser, nbgitpuller, ipykernel, sys; "
         "print(sys.executable); print(mali_lessons.__file__)")


@dataclass
class StudentPython:
    """The interpreter that runs the students' servers and kernels, and how it was found."""

    python: Path
    project: Path
    how: str
    mounted: Path | None = None

    @property
    def env(self) -> dict[str, str]:
        """PATH with this interpreter's folder first (git and the kernels are found there)."""
        return {"PATH": f"{self.python.parent}:/usr/local/bin:/usr/bin:/bin"}

    def release(self) -> None:
        """Undo the read-only bind mount of the project, if one was made."""
        if self.mounted is not None:
            subprocess.run(["umount", str(self.mounted)], capture_output=True)
            self.mounted = None


def _venv_version(venv: Path) -> str | None:
    try:
        text = (venv / "pyvenv.cfg").read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r"^version(?:_info)?\s*=\s*(\d+)\.(\d+)", text, re.M)
    return f"{found.group(1)}.{found.group(2)}" if found else None


def _can_read(user: str, path: Path) -> bool:
    return run_as(user, ["test", "-r", str(path)], timeout=30).returncode == 0


def _probe(user: str, python: Path) -> subprocess.CompletedProcess:
    return run_as(user, [str(python), "-c", PROBE], timeout=120)


def student_python(base: Path, user: str) -> StudentPython:
    """Find (or make) a Python that ``user`` can run, with this project's packages.

    1. The project folder must be readable by the students; where it is not (a clone in a
       private folder), it is bind-mounted read-only under ``base``.
    2. The project's ``.venv/bin/python`` when ``user`` can run it and import the lessons.
    3. Else a bridge in ``base/student-python``: a venv of the system's Python of the same
       version, whose site-packages loads the project's (a .pth file) and whose share/ and
       etc/ are the project's (so Jupyter finds the kernels, lab extensions and nbgitpuller's
       server extension).

    RuntimeError, saying what was tried, when nothing works.
    """
    project, mounted = ROOT, None
    if not _can_read(user, ROOT / "mali_lessons" / "__init__.py"):
        mounted = base / "project"
        mounted.mkdir(parents=True, exist_ok=True)
        for command in (["mount", "--bind", str(ROOT), str(mounted)],
                        ["mount", "-o", "remount,bind,ro", str(mounted)]):
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                subprocess.run(["umount", str(mounted)], capture_output=True)
                raise RuntimeError(f"{ROOT} cannot be read by {user} and could not be "
                                   f"bind-mounted ({done.stderr.strip()})")
        project = mounted
    venv = project / ".venv"
    direct = venv / "bin" / "python"
    tried = []
    if mounted is None:
        done = _probe(user, direct)
        if done.returncode == 0:
            return StudentPython(direct, project, "the project's .venv/bin/python")
        tried.append(f"{direct}: {(done.stderr or done.stdout).strip()[-300:]}")
    version = _venv_version(venv)
    if version is None:
        raise RuntimeError(f"no {venv}/pyvenv.cfg: run make setup first")
    site_packages = venv / "lib" / f"python{version}" / "site-packages"
    for candidate in (Path(f"/usr/bin/python{version}"), Path(f"/usr/local/bin/python{version}")):
        if not candidate.exists():
            continue
        bridge = base / "student-python"
        shutil.rmtree(bridge, ignore_errors=True)
        done = subprocess.run([str(candidate), "-m", "venv", "--without-pip", str(bridge)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            tried.append(f"{candidate} -m venv: {done.stderr.strip()[-300:]}")
            continue
        (bridge / "lib" / f"python{version}" / "site-packages" / "mali_lessons_project.pth"
         ).write_text(f"{project}\nimport site; site.addsitedir({str(site_packages)!r})\n",
                      encoding="utf-8")
        for name in ("share", "etc"):
            if (venv / name).exists():
                (bridge / name).symlink_to(venv / name)
        subprocess.run(["chmod", "-R", "a+rX", str(bridge)], check=True)
        python = bridge / "bin" / "python"
        done = _probe(user, python)
        if done.returncode == 0:
            return StudentPython(
                python, project,
                f"a bridge venv of {candidate} loading {site_packages} ({direct} itself "
                f"cannot be run by {user})", mounted)
        tried.append(f"{python}: {(done.stderr or done.stdout).strip()[-300:]}")
    if mounted is not None:
        subprocess.run(["umount", str(mounted)], capture_output=True)
    raise RuntimeError("no Python that the test accounts can run with this project's packages:\n"
                       + "\n".join(tried))


# ---------------------------------------------------------------------------------------------
# The lessons' repository and the hand-in folder
# ---------------------------------------------------------------------------------------------


def bare_repo(base: Path) -> Path:
    """A bare clone of this repository's HEAD at ``base/repos/mali-lessons`` (world
    readable), for nbgitpuller's ``file://`` link. No ``.git`` at the end: nbgitpuller names
    the student's copy after the link's last part, as it does for
    ``https://github.com/SCHOOL/mali-lessons``."""
    target = base / "repos" / REPO_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "clone", "--quiet", "--bare", "--no-hardlinks", str(ROOT),
                    str(target)], check=True, capture_output=True, text=True)
    subprocess.run(["chmod", "-R", "a+rX", str(target.parent)], check=True)
    return target


def current_branch() -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--abbrev-ref", "HEAD"],
                          capture_output=True, text=True)
    name = done.stdout.strip()
    return name if done.returncode == 0 and name and name != "HEAD" else "main"


def make_handin(base: Path, name: str = "handin", teacher: str = TEACHER) -> Path:
    """A hand-in folder ``base/name`` as the recipe makes it: the teacher's, mode 3733
    (drwx-ws-wt: students can add files but not list the folder or touch others' files)."""
    folder = base / name
    entry = pwd.getpwnam(teacher)
    subprocess.run(["install", "-d", "-o", teacher, "-g", str(entry.pw_gid), "-m", "3733",
                    str(folder)], check=True, capture_output=True, text=True)
    return folder


def pull_link(repo: Path, branch: str, lesson: str = LESSON) -> str:
    """The nbgitpuller link of the recipe, below the Hub's address (starts with /hub/)."""
    query = urlencode({"repo": f"file://{repo}", "branch": branch,
                       "urlpath": f"lab/tree/{REPO_NAME}/notebooks/{lesson}"})
    return f"/hub/user-redirect/git-pull?{query}"


@dataclass
class ClassMachine:
    """One class on this machine: folders, accounts, the students' Python, repository and
    hand-in folder (see :func:`class_machine`)."""

    base: Path
    accounts: Accounts
    python: StudentPython
    repo: Path
    branch: str
    handin: Path

    def env(self, user: str, **extra: str) -> dict[str, str]:
        """The environment of a student's process (PATH to the students' Python), plus
        ``extra``."""
        return {**self.python.env, "MALI_LESSONS_LANG": "en", **extra}


#: Held while the test accounts exist: two runs on one machine (two developers' ``make test``)
#: take turns instead of removing each other's accounts.
MACHINE_LOCK = Path("/tmp/mali_lessons-hub-accounts.lock")
MACHINE_LOCK_WAIT_S = 900


@contextlib.contextmanager
def machine_lock(wait: float = MACHINE_LOCK_WAIT_S) -> Iterator[None]:
    """Hold :data:`MACHINE_LOCK` (flock; released when this process ends, however it ends)."""
    handle = open(MACHINE_LOCK, "a")  # noqa: SIM115 - closed below
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"another run holds {MACHINE_LOCK} after {wait:.0f} s")
                if not told:
                    print(f"waiting for another run of the hub tests ({MACHINE_LOCK})",
                          file=sys.stderr)
                    told = True
                time.sleep(1)
        yield
    finally:
        handle.close()


@contextlib.contextmanager
def class_machine() -> Iterator[ClassMachine]:
    """Make the accounts, the students' Python, the repository and the hand-in folder in a
    new temporary folder (mode 755); afterwards stop the accounts' processes (by PID), remove
    the accounts with their homes, undo any mount and delete the folder -- also after an error.
    One run at a time on a machine (:func:`machine_lock`).

    RuntimeError at the end when an account could not be removed.
    """
    with machine_lock():
        with _class_machine() as machine:
            yield machine


@contextlib.contextmanager
def _class_machine() -> Iterator[ClassMachine]:
    Accounts.remove_leftovers()
    base = Path(tempfile.mkdtemp(prefix="mali-hub-"))
    os.chmod(base, 0o755)
    accounts = Accounts(base / "homes")
    python = None
    try:
        accounts.create()
        python = student_python(base, STUDENTS[0])
        repo = bare_repo(base)
        for user in USERS:
            prepare_home(user, repo)
        handin = make_handin(base)
        yield ClassMachine(base, accounts, python, repo, current_branch(), handin)
    finally:
        problems = accounts.remove()
        if python is not None:
            python.release()
        if python is None or python.mounted is None:  # never delete below a mount still there
            shutil.rmtree(base, ignore_errors=True)
        left = [user for user in USERS if _account(user) is not None]
        if problems or left:
            raise RuntimeError(f"test accounts not removed: {left} {problems}")


# ---------------------------------------------------------------------------------------------
# The Hub
# ---------------------------------------------------------------------------------------------


@dataclass
class Hub:
    """A JupyterHub we started (own process group), its address and the test's API token."""

    proc: subprocess.Popen
    port: int
    token: str
    folder: Path
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, method: str, path: str, body: Any = None, timeout: float = 15) -> Any:
        """Call the Hub's REST API (``path`` after /hub/api/) with the test's service token."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.url}/hub/api/{path}", data=data, method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - local
            text = response.read()
        return json.loads(text) if text.strip() else None

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def user_token(self, user: str) -> str:
        """A new API token of ``user`` (to call that user's server, as lab.LabPage does)."""
        return self.api("POST", f"users/{user}/tokens", {"note": "mali_lessons hub test",
                                                         "expires_in": 3600})["token"]

    def stop_server(self, user: str, timeout: float = 60) -> None:
        """Stop ``user``'s server through the Hub and wait until it is gone."""
        try:
            self.api("DELETE", f"users/{user}/server", timeout=timeout)
        except urllib.error.HTTPError as err:
            if err.code not in (202, 204, 400):
                raise
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.api("GET", f"users/{user}")
            if not model.get("servers"):
                return
            time.sleep(0.5)
        raise TimeoutError(f"{user}'s server did not stop in {timeout:.0f} s")

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM the Hub (it stops the students' servers and the proxy it started), then its
        process group; SIGKILL what is left after ``timeout``."""
        if self.proc.poll() is None:
            try:
                os.kill(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            time.sleep(1)
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        pid_file = self.folder / "proxy.pid"
        try:
            proxy = int(pid_file.read_text().strip())
        except (OSError, ValueError):
            return
        try:
            os.kill(proxy, signal.SIGTERM)  # the proxy we configured, by its PID file
        except ProcessLookupError:
            pass


HUB_OVERRIDES = '''
# ---- tests/hub/hubkit.py: what the test changes in the recipe ----------------------------
import json as _json

_settings = _json.loads({settings!r})
c.JupyterHub.bind_url = f"http://127.0.0.1:{{_settings['port']}}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = _settings["hub_port"]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{{_settings['proxy_api_port']}}"
c.ConfigurableHTTPProxy.command = [_settings["proxy"]]
c.ConfigurableHTTPProxy.pid_file = _settings["folder"] + "/proxy.pid"
c.JupyterHub.pid_file = _settings["folder"] + "/jupyterhub.pid"
c.JupyterHub.db_url = "sqlite:///" + _settings["folder"] + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = _settings["folder"] + "/cookie_secret"
# logins: one test password for the test accounts (instead of their Unix passwords)
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = _settings["password"]
c.Authenticator.allowed_users = set(_settings["users"])
# the test's own API token, to stop servers and make tokens
c.JupyterHub.services = [{{"name": "mali-test", "api_token": _settings["token"]}}]
c.JupyterHub.load_roles = [{{"name": "mali-test", "services": ["mali-test"],
    "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"]}}]
# the students' servers: this machine's Python and folders
c.Spawner.cmd = [_settings["python"], "-m", "jupyterhub.singleuser"]
_env = dict(c.Spawner.environment)
for _name in ("MALI_LESSONS_HANDIN", "JUPYTER_CONFIG_PATH", "MALI_LESSONS_NOTEBOOKS"):
    if _name not in _env:
        raise SystemExit(f"the recipe no longer sets {{_name}} in c.Spawner.environment")
_env.update(_settings["environment"])
c.Spawner.environment = _env
c.Spawner.args = [
    "--LabApp.expose_app_in_browser=True",   # lab.LabPage drives JupyterLab through it
    "--LabApp.extension_manager=readonly",   # no queries to PyPI
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
]
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.cleanup_servers = True
'''


def start_hub(base: Path, python: StudentPython, handin: Path, users: tuple[str, ...] = USERS,
              timeout: float = 90) -> tuple[Hub, str]:
    """Start JupyterHub from the recipe with the test's changes; return it and the password."""
    folder = base / "hub"
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    password = secrets.token_urlsafe(18)
    token = secrets.token_hex(32)
    port, hub_port, proxy_api_port = lab.free_port(), lab.free_port(), lab.free_port()
    settings = {
        "port": port, "hub_port": hub_port, "proxy_api_port": proxy_api_port,
        "proxy": str(PROXY), "folder": str(folder), "password": password, "token": token,
        "users": list(users), "python": str(python.python),
        "environment": {
            "MALI_LESSONS_HANDIN": str(handin),
            "JUPYTER_CONFIG_PATH": str(python.project / "jupyter_config"),
            "MALI_LESSONS_LANG": "en",
            **python.env,
        },
    }
    config = folder / "jupyterhub_config.py"
    config.write_text(f"c = get_config()  # noqa: F821\nload_subconfig({str(RECIPE)!r})  # noqa: F821\n"
                      + HUB_OVERRIDES.format(settings=json.dumps(settings)), encoding="utf-8")
    log_path = folder / "jupyterhub.log"
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("MALI_LESSONS_", "JUPYTER"))}
    env["CONFIGPROXY_AUTH_TOKEN"] = secrets.token_hex(32)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)],
                                cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(proc, port, token, folder, log_path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterHub exited with code {proc.returncode}:\n{hub.log_tail()}")
        try:
            hub.api("GET", "", timeout=2)
            return hub, password
        except (urllib.error.URLError, OSError, json.JSONDecodeError):
            time.sleep(0.3)
    hub.stop()
    raise RuntimeError(f"JupyterHub did not answer in {timeout:.0f} s:\n{hub.log_tail()}")


# ---------------------------------------------------------------------------------------------
# One student in the browser
# ---------------------------------------------------------------------------------------------


class OutsideGuard(lab.NetworkGuard):
    """lab.NetworkGuard that intercepts only requests leaving 127.0.0.1 (and aborts them).

    Requests to this machine are not routed through Playwright at all: a routed response is
    handed to the page only once it is complete, which holds back the event streams of the
    Hub's "server starting" page and nbgitpuller's progress page until they close.
    """

    #: Every address that is not on this machine (a regular expression that Chromium's side
    #: of Playwright matches, so local requests never wait for this Python process).
    OUTSIDE = re.compile(r"^(?!(https?|wss?)://127\.0\.0\.1[:/]|data:|blob:|file:|about:"
                         r"|chrome-extension:|devtools:)")

    def install(self, context) -> None:
        context.route(self.OUTSIDE, self._on_request)
        context.route_web_socket(self.OUTSIDE, self._on_websocket)


def launch_browser(chromium: str) -> lab.Browser:
    """Debian's chromium through Playwright (lab.CHROMIUM_ARGS), with an OutsideGuard."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=chromium, args=lab.CHROMIUM_ARGS,
                                             headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900},
                                      service_workers="block", locale="en-GB",
                                      timezone_id="UTC")
    except Exception:
        playwright.stop()
        raise
    guard = OutsideGuard()
    guard.install(context)
    return lab.Browser(playwright, browser, context, guard)


class UserServer:
    """A student's server behind the Hub, with what lab.LabPage needs of a lab.Server."""

    def __init__(self, hub: Hub, user: str):
        self.hub = hub
        self.user = user
        self.url = f"{hub.url}/user/{user}/"
        self.token = hub.user_token(user)

    def api(self, method: str, path: str, body: Any = None, timeout: float = 10) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.url + path, data=data, method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - local
            text = response.read()
        return json.loads(text) if text.strip() else None

    def kernels(self) -> list[dict]:
        return self.api("GET", "api/kernels") or []

    def shutdown_kernels(self) -> int:
        count = 0
        try:
            for session in self.api("GET", "api/sessions") or []:
                self.api("DELETE", f"api/sessions/{session['id']}")
            for kernel in self.kernels():
                self.api("DELETE", f"api/kernels/{kernel['id']}")
                count += 1
        except (urllib.error.URLError, OSError):
            pass
        return count

    def progress_files(self) -> list[Path]:
        return sorted((home_of(self.user) / ".mali_lessons").glob("progress-*.json"))


@dataclass
class Visit:
    """What one student's visit showed, and when (ms after pressing "Sign in")."""

    user: str
    lab_ready_ms: float | None = None  # the lesson open in JupyterLab, kernel idle
    map_ms: float | None = None  # after Run All: the map drawn
    quiz_ms: float | None = None  # a quiz answer checked and its feedback shown
    pages: list[str] = field(default_factory=list)  # the addresses the browser went through
    maps: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    question: str = ""
    feedback: str = ""
    progress_cell: str = ""
    export_cell: str = ""
    blocked: list[str] = field(default_factory=list)
    problem: str = ""

    def line(self) -> str:
        def s(value: float | None) -> str:
            return "-" if value is None else f"{value / 1000:.1f} s"
        return (f"{self.user}: login -> lesson open {s(self.lab_ready_ms)}, -> map drawn "
                f"{s(self.map_ms)}, -> quiz answered {s(self.quiz_ms)}")


_JS_ADD_CELL = """
async (code) => {
  const app = window.jupyterapp;
  const nb = app.shell.currentWidget.content;
  nb.activeCellIndex = nb.widgets.length - 1;
  await app.commands.execute('notebook:insert-cell-below');
  nb.activeCell.model.sharedModel.setSource(code);
  const index = nb.activeCellIndex;
  await app.commands.execute('notebook:run-cell');
  return index;
}
"""

_JS_CELL_DONE = """
(index) => {
  const w = window.jupyterapp.shell.currentWidget;
  const cell = w.content.widgets[index];
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  if (!cell || cell.model.executionCount == null || !k || k.status !== 'idle') return null;
  return cell.node.querySelector('.jp-OutputArea') ?
      cell.node.querySelector('.jp-OutputArea').innerText : '';
}
"""


def run_cell(lab_page: lab.LabPage, code: str, timeout: float = 60) -> str:
    """Add a code cell at the end of the notebook, run it, and return its output's text."""
    index = lab_page.page.evaluate(_JS_ADD_CELL, code)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = lab_page.page.evaluate(_JS_CELL_DONE, index)
        if text is not None:
            return text
        lab_page.page.wait_for_timeout(100)
    raise TimeoutError(f"the cell {code[:40]!r} did not finish in {timeout:.0f} s")


def open_question(driver: lab.QuizDriver) -> lab.QuizQuestion | None:
    """The first clickable question whose Check button can still be pressed (a returning
    student's answered questions come back with Check disabled)."""
    boxes = driver.questions()
    for i in range(boxes.count()):
        box = boxes.nth(i)
        found = driver._match(box.locator("legend").inner_text())
        if not found or found[1].kind not in driver.CLICKABLE:
            continue
        bank, question = found
        right, wrong = driver._labels(question)
        candidate = lab.QuizQuestion(bank.lesson, question, box, right, wrong)
        if not driver.check_button(candidate).is_disabled():
            return candidate
    return None


def visit(chromium: str, hub: Hub, user: str, password: str, link: str,
          shots: Path | None = None, after: str = "") -> Visit:
    """One student: follow ``link`` (the nbgitpuller link), log in, wait for the lesson,
    Run All, wait for the map, answer a quiz question wrong then right, then run ``after``
    (code, e.g. export_results()) in a new cell. Times are from pressing "Sign in".

    The browser runs in a thread of its own: Playwright's sync API cannot start in a thread
    that already drives another browser (the browser tests' session, in the same pytest).
    """
    return visit_together(chromium, hub, [user], password, link, after, shots)[0]


def _visit(chromium: str, hub: Hub, user: str, password: str, link: str,
           start: threading.Barrier | None = None, shots: Path | None = None,
           after: str = "") -> Visit:
    """:func:`visit` in the calling thread; ``start`` lines up several students: each waits at
    the login page until all are there."""
    report = Visit(user)
    try:
        browser = launch_browser(chromium)
    except Exception as err:  # noqa: BLE001 - reported like any other problem
        report.problem = f"Chromium did not start: {type(err).__name__}: {err}"[:2000]
        return report
    try:
        page = browser.new_page()
        page.on("framenavigated", lambda frame: report.pages.append(frame.url)
                if frame == page.main_frame else None)
        page.goto(hub.url + link, wait_until="domcontentloaded", timeout=lab.PAGE_LOAD_MS)
        page.locator("#username_input").fill(user)
        page.locator("#password_input").fill(password)
        if start is not None:
            start.wait(timeout=120)
        began = time.perf_counter()
        page.locator("#login_submit").click()
        notebook = f"{REPO_NAME}/notebooks/{LESSON}"
        page.wait_for_function(
            "name => window.jupyterapp && window.jupyterapp.shell"
            " && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.context"
            " && window.jupyterapp.shell.currentWidget.context.path === name",
            arg=notebook, timeout=VISIT_TIMEOUT_S * 1000, polling=200)
        server = UserServer(hub, user)
        lab_page = lab.LabPage(page, server, shots)
        lab_page.wait_kernel_idle()
        report.lab_ready_ms = lab.ms_since(began)
        lab_page.run_all()
        lab_page.wait_run_done()
        expectations = lab.notebook_expectations(ROOT / "notebooks" / LESSON)
        report.maps, drawn_at = lab_page.wait_maps_drawn_timed(at_least=max(1, expectations.maps))
        if report.maps and all(m.get("interactive") for m in report.maps):
            report.map_ms = (drawn_at - began) * 1000
        report.errors = lab_page.error_outputs()
        lab_page.screenshot(f"hub-{user}-lesson")
        driver = lab.quiz_driver(page, ".jp-Notebook", expectations)
        driver.check_buttons().first.wait_for(timeout=lab.FEEDBACK_MS)
        question = open_question(driver)
        if question is None:
            report.problem = "no quiz question left to answer by clicking"
        else:
            report.question = question.question.id
            question.box.scroll_into_view_if_needed()
            driver.answer(question, right=False)
            driver.answer(question, right=True)
            report.quiz_ms = lab.ms_since(began)
            report.feedback = question.box.inner_text()
            lab_page.screenshot(f"hub-{user}-quiz", locator=question.box)
        report.progress_cell = run_cell(
            lab_page, "from mali_lessons.quiz.progress import default_progress_path\n"
                      "print(default_progress_path())")
        if after:
            report.export_cell = run_cell(lab_page, after)
        report.blocked = browser.guard.take()
        lab_page.close_notebook()
    except Exception as err:  # noqa: BLE001 - reported with where it stopped
        report.problem = (report.problem + "; " if report.problem else "") + \
            f"{type(err).__name__}: {err}"[:2000]
        if shots is not None:
            try:
                shots.mkdir(parents=True, exist_ok=True)
                browser.context.pages[-1].screenshot(path=str(shots / f"hub-{user}-failed.png"))
            except Exception:  # noqa: BLE001 - evidence only
                pass
    finally:
        browser.close()
    return report


def visit_together(chromium: str, hub: Hub, users: list[str], password: str,
                   link: str, after: str = "", shots: Path | None = None) -> list[Visit]:
    """Several students at once, each in their own browser, pressing "Sign in" together."""
    barrier = threading.Barrier(len(users))
    results: dict[str, Visit] = {}

    def one(user: str) -> None:
        results[user] = _visit(chromium, hub, user, password, link, barrier, shots, after)

    threads = [threading.Thread(target=one, args=(user,), name=f"visit-{user}")
               for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(VISIT_TIMEOUT_S + 120)
    return [results.get(user, Visit(user, problem="the visit did not finish"))
            for user in users]
