"""Drive the lessons in a real browser: JupyterLab and Voilà servers, Chromium, page helpers.

One module for one job: the browser tests (``tests/browser/``) and ``benchmarks/browser.py``
both import it, so what is measured is exactly what is tested.

What is here
    * :func:`find_chromium`, :data:`CHROMIUM_ARGS`, :class:`NetworkGuard`,
      :func:`launch_browser` -- Debian's chromium driven by Playwright, with every request that
      would leave 127.0.0.1 aborted and recorded.
    * :func:`start_lab` / :class:`Server` -- JupyterLab from this project's own environment
      (``sys.executable -m jupyter lab``) on a free port with a random token, on a *copy* of
      the notebooks in a temporary folder, with its own config, runtime, settings and
      workspaces folders (the data path that holds the kernel spec and the lab extensions is
      left alone) and ``MALI_LESSONS_PROGRESS`` inside the temporary folder.
    * :func:`start_voila` -- the same for a Voilà app.
    * :class:`LabPage` -- open a notebook, wait for the kernel, run all, wait for the run, read
      errors, maps and quizzes, close it and shut its kernel down.
    * :func:`notebook_expectations` -- what a lesson should show (maps, quiz), read from the
      notebook itself.
    * :class:`QuizDriver` -- find the first quiz question on a page, answer it wrong then right.

Nothing here asserts; tests assert, the benchmark prints.
"""

from __future__ import annotations

import ast
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "artifacts" / "browser"

#: The student id the servers run as (MALI_LESSONS_STUDENT); the progress file is named after it.
STUDENT = "browser-test"

#: Chromium flags: no sandbox (containers, root), no GPU, and nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
]

#: What to install when chromium is missing (said by skips and failures).
INSTALL_HINT = "sudo apt-get install chromium   (or set CHROMIUM=/path/to/chromium)"

# Timeouts in milliseconds for the page helpers. Generous: the machine has 2 cores.
SERVER_START_S = 90
PAGE_LOAD_MS = 60_000
KERNEL_IDLE_MS = 60_000
RUN_ALL_MS = 180_000
MAP_DRAW_MS = 30_000
FEEDBACK_MS = 15_000


# ---------------------------------------------------------------------------------------------
# Small utilities
# ---------------------------------------------------------------------------------------------


def in_ci() -> bool:
    """True under CI (``CI=true``, as GitHub Actions, GitLab and most others set it)."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def find_chromium() -> str | None:
    """The chromium to drive: ``$CHROMIUM``, else chromium / chromium-browser on PATH, else None."""
    wanted = os.environ.get("CHROMIUM", "").strip()
    if wanted:
        path = shutil.which(wanted) or (wanted if Path(wanted).is_file() else None)
        return path
    for name in ("chromium", "chromium-browser", "/usr/bin/chromium"):
        path = shutil.which(name)
        if path:
            return path
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lesson_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The lesson notebooks, in teaching order (``notebooks/*.ipynb``; not ``teacher/``)."""
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def ms_since(start: float) -> float:
    """Milliseconds since ``start`` (a ``time.perf_counter()`` value)."""
    return (time.perf_counter() - start) * 1000.0


def clear_artifacts(folder: Path = ARTIFACTS) -> Path:
    """Remove the screenshots of an earlier run (so every PNG left is from this one)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder


def slug(text: str) -> str:
    """A file-name-safe version of ``text`` (for screenshots)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")


# ---------------------------------------------------------------------------------------------
# What a notebook should show, read from the notebook itself
# ---------------------------------------------------------------------------------------------


def map_builders() -> set[str]:
    """Names of the map builders of mali_lessons.maps: public functions that make a map
    (return ``folium.Map`` or are named ``*_map`` / ``*_slider``) without taking one.
    Empty until the module imports."""
    import importlib
    import inspect

    try:
        module = importlib.import_module("mali_lessons.maps")
    except Exception:  # noqa: BLE001 - a module being written may not import yet
        return set()
    names = getattr(module, "__all__", None) or [n for n in dir(module) if not n.startswith("_")]
    builders = {func.__name__ for func in getattr(module, "BUILDERS", {}).values()}
    for name in names:
        func = getattr(module, name, None)
        if not inspect.isfunction(func):
            continue
        signature = inspect.signature(func)
        takes_a_map = any("Map" in str(p.annotation) for p in signature.parameters.values())
        returns_a_map = "folium.Map" in str(signature.return_annotation)
        if not takes_a_map and (returns_a_map or name.endswith(("_map", "_slider"))):
            builders.add(name)
    return builders


def _code_cells(notebook: Path) -> list[str]:
    content = json.loads(notebook.read_text(encoding="utf-8"))
    cells = []
    for cell in content.get("cells", []):
        if cell.get("cell_type") == "code":
            source = cell.get("source", "")
            cells.append("".join(source) if isinstance(source, list) else source)
    return cells


def code_lines(notebook: Path, min_length: int = 20) -> list[str]:
    """Distinctive lines of the notebook's code (to check that an app shows no source)."""
    lines = []
    for source in _code_cells(notebook):
        for line in source.splitlines():
            line = line.strip()
            if len(line) >= min_length and not line.startswith("#"):
                lines.append(line)
    return lines


def _parse_cell(source: str) -> ast.AST | None:
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


def _dotted(node: ast.AST) -> str | None:
    """``maps.overview_map`` for the function of a call, or None when it is not a plain name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def _calls(source: str, imported: dict[str, str]) -> list[tuple[str, ast.Call]]:
    """Every call in a cell as (full dotted name after the cell's imports, call node)."""
    tree = _parse_cell(source)
    if tree is None:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name:
                head, _, rest = name.partition(".")
                full = imported.get(head, head) + (f".{rest}" if rest else "")
                found.append((full, node))
    return found


def _imports(sources: list[str]) -> dict[str, str]:
    """Local name -> ``module`` or ``module.function`` for the mali_lessons imports in a notebook."""
    names: dict[str, str] = {}
    for source in sources:
        lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
        try:
            tree = ast.parse("\n".join(lines))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mali_lessons"):
                for alias in node.names:
                    names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("mali_lessons"):
                        names[alias.asname or alias.name.split(".")[0]] = alias.name
    return names


@dataclass
class Expectations:
    """What a lesson notebook should show once run, as read from its code cells."""

    name: str
    #: Code cells that call a map builder of mali_lessons.maps (one map each).
    map_cells: int
    #: True when a cell builds a quiz (a call into mali_lessons.quiz*).
    has_quiz: bool
    #: The quiz bank lessons the notebook names in its quiz calls ("04_withdrawal"), if any.
    quiz_lessons: list[str]
    #: Code cells that are not empty (each must get an execution count).
    code_cells: int
    #: The ``data_dir=`` given to the quiz, when the notebook names one (the test probe does).
    quiz_data_dir: str | None = None
    #: Map questions in those quiz banks (drawn as SVG inside the quiz, not as map iframes).
    quiz_maps: int = 0

    @property
    def maps(self) -> int:
        """How many map iframes the run should draw: one per map cell (map questions are
        inline SVG in the quiz)."""
        return self.map_cells


def notebook_expectations(notebook: Path) -> Expectations:
    """Read from ``notebook`` how many maps it draws and whether it has a quiz.

    A map cell is a code cell that calls a map builder of ``mali_lessons.maps`` (see
    :func:`map_builders`; ``maps.overview_map()`` or a builder imported by name). A quiz is a
    call of the ``Quiz`` class of ``mali_lessons.quiz*`` (``Quiz.from_bank("04_withdrawal")``);
    its string arguments name the quiz bank lessons (the notebook's own name if none).
    """
    sources = _code_cells(notebook)
    imported = _imports(sources)
    builders = map_builders()
    map_cells = 0
    has_quiz = False
    quiz_lessons: list[str] = []
    quiz_data_dir: str | None = None
    for source in sources:
        calls = _calls(source, imported)
        if any(name.rpartition(".")[0] == "mali_lessons.maps" and name.rpartition(".")[2]
               in builders for name, _ in calls):
            map_cells += 1
        for name, node in calls:
            if not (name.startswith("mali_lessons.quiz") and ".Quiz" in name):
                continue
            has_quiz = True
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    if arg.value not in quiz_lessons:
                        quiz_lessons.append(arg.value)
            for keyword in node.keywords:
                if keyword.arg == "data_dir" and isinstance(keyword.value, ast.Constant):
                    quiz_data_dir = str(keyword.value.value)
    if has_quiz and not quiz_lessons:
        quiz_lessons.append(notebook.stem)
    quiz_maps = 0
    if has_quiz:
        try:
            banks = load_banks(quiz_lessons, quiz_data_dir)
        except Exception:  # noqa: BLE001 - a bank that does not load is the quiz test's finding
            banks = []
        quiz_maps = sum(1 for bank in banks for q in bank.questions if q.kind == "map")
    return Expectations(
        name=notebook.name,
        map_cells=map_cells,
        has_quiz=has_quiz,
        quiz_lessons=quiz_lessons,
        quiz_data_dir=quiz_data_dir,
        quiz_maps=quiz_maps,
        code_cells=sum(1 for s in sources if s.strip()),
    )


# ---------------------------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------------------------


@dataclass
class Server:
    """A Jupyter server we started: its process (own process group), address and token."""

    name: str
    proc: subprocess.Popen
    port: int
    token: str
    workdir: Path
    root_dir: Path
    log_path: Path
    progress_dir: Path
    env: dict[str, str]

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>/`` (always with the trailing slash)."""
        return f"http://127.0.0.1:{self.port}/"

    def api(self, method: str, path: str, body: Any = None, timeout: float = 10) -> Any:
        """Call the server's REST API (``path`` without the leading slash); JSON or None."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - local
            text = response.read()
        return json.loads(text) if text.strip() else None

    def log_tail(self, lines: int = 40) -> str:
        """The last lines the server wrote (for error messages)."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def kernels(self) -> list[dict]:
        """The kernels running now."""
        return self.api("GET", "api/kernels") or []

    def shutdown_kernels(self) -> int:
        """Delete every session and shut down every kernel; returns how many kernels there were."""
        count = 0
        try:
            for session in self.api("GET", "api/sessions") or []:
                self.api("DELETE", f"api/sessions/{session['id']}")
            for kernel in self.kernels():
                count += 1
                self.api("DELETE", f"api/kernels/{kernel['id']}")
        except (urllib.error.URLError, OSError):
            pass
        return count

    def progress_files(self) -> list[Path]:
        """The progress files the lessons wrote (``progress-<student>.json``)."""
        return sorted(self.progress_dir.glob("*.json"))

    def stop(self, timeout: float = 15) -> None:
        """Stop the server by its process group: SIGTERM, then SIGKILL if it does not go."""
        if self.proc.poll() is not None:
            return
        self.shutdown_kernels()
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(5)


def _isolated_env(workdir: Path) -> tuple[dict[str, str], Path]:
    """Environment for a server: own config/runtime/IPython folders, progress in ``workdir``.

    JUPYTER_DATA_DIR is *not* changed: the kernel spec and the lab extensions
    (jupyterlab_widgets) live in this environment's share/jupyter, which stays on the data path.
    """
    progress = workdir / "progress"
    for sub in ("jupyter-config", "jupyter-runtime", "ipython", "mpl", "progress"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    # A developer's own settings must not change what the tests see.
    for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTERLAB_DIR", "JUPYTER_TOKEN"):
        env.pop(name, None)
    env.update(
        # the project's own server settings, as `make lab` gives them: lessons saved without
        # outputs, and the map library served once (mali_lessons.jupyter_ext)
        JUPYTER_CONFIG_PATH=str(ROOT / "jupyter_config"),
        JUPYTER_CONFIG_DIR=str(workdir / "jupyter-config"),
        JUPYTER_RUNTIME_DIR=str(workdir / "jupyter-runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(workdir / "lab-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(workdir / "lab-workspaces"),
        IPYTHONDIR=str(workdir / "ipython"),
        MPLCONFIGDIR=str(workdir / "mpl"),
        MALI_LESSONS_PROGRESS=str(progress) + os.sep,
        MALI_LESSONS_STUDENT=STUDENT,
        MALI_LESSONS_LANG="en",
        PYTHONUNBUFFERED="1",
        # Kernels started by the server use this environment's Python first.
        PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    )
    return env, progress


#: JupyterLab user settings for the tests: no news or update checks (network), no autosave
#: (nothing written behind our back), no windowing (every cell and its map in the DOM), and
#: the kernel shut down when a notebook tab closes.
LAB_SETTINGS: dict[str, dict[str, Any]] = {
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker": {
        "windowingMode": "none",
        "kernelShutdown": True,
        "enableKernelInitNotification": False,
    },
    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
}


def write_lab_settings(settings_dir: Path, settings: dict[str, dict[str, Any]] = LAB_SETTINGS) -> None:
    """Write ``<settings_dir>/<package>/<plugin>.jupyterlab-settings`` for each entry."""
    for plugin, values in settings.items():
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2), encoding="utf-8")


def copy_notebooks(destination: Path, notebooks: list[Path] | None = None) -> list[Path]:
    """Copy the lesson notebooks into ``destination`` (nothing is ever written back); by
    default the English lessons, and the French edition in ``destination/fr``."""
    destination.mkdir(parents=True, exist_ok=True)
    copied = []
    for notebook in notebooks if notebooks is not None else lesson_notebooks():
        target = destination / notebook.name
        shutil.copy2(notebook, target)
        copied.append(target)
    if notebooks is None and (NOTEBOOKS / "fr").is_dir():
        (destination / "fr").mkdir(exist_ok=True)
        for notebook in lesson_notebooks(NOTEBOOKS / "fr"):
            shutil.copy2(notebook, destination / "fr" / notebook.name)
    return copied


def forget_lesson(server: Server, lesson: str) -> None:
    """Remove one lesson's saved answers from the server's progress files (so a test can
    answer its questions again as if for the first time)."""
    for path in server.progress_files():
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if content.get("lessons", {}).pop(lesson, None) is not None:
            path.write_text(json.dumps(content), encoding="utf-8")


def _answers_api(server: Server) -> bool:
    server.api("GET", "api/status", timeout=2)
    return True


def _listens(server: Server) -> bool:
    """The port accepts connections (Voilà serving one notebook has no /api/status; a GET of
    its page would start a kernel)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=2):
        return "running at" in server.log_path.read_text(errors="replace")


def _wait_until_up(server: Server, timeout: float,
                   probe: Callable[[Server], bool] = _answers_api) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(
                f"{server.name} exited with code {server.proc.returncode} before it answered.\n"
                f"Its log ({server.log_path}):\n{server.log_tail()}"
            )
        try:
            if probe(server):
                return
        except (urllib.error.URLError, OSError, json.JSONDecodeError):
            pass
        time.sleep(0.25)
    server.stop()
    raise RuntimeError(
        f"{server.name} did not answer on {server.url} within {timeout:.0f} s.\n"
        f"Its log ({server.log_path}):\n{server.log_tail()}"
    )


def _start(name: str, cmd: list[str], workdir: Path, root_dir: Path, port: int, token: str,
           env: dict[str, str], progress: Path,
           probe: Callable[[Server], bool] = _answers_api) -> Server:
    log_path = workdir / f"{name}.log"
    log = open(log_path, "wb")  # noqa: SIM115 - the child owns it; closed when we exit
    proc = subprocess.Popen(
        cmd,
        cwd=root_dir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so stop() reaches its children
    )
    log.close()
    server = Server(name, proc, port, token, workdir, root_dir, log_path, progress, env)
    _wait_until_up(server, SERVER_START_S, probe)
    return server


def _root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def start_lab(workdir: Path, notebooks: list[Path] | None = None) -> Server:
    """Start JupyterLab on a copy of the notebooks in ``workdir/notebooks``; wait until it answers.

    The caller must call :meth:`Server.stop`.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    root_dir = workdir / "notebooks"
    copy_notebooks(root_dir, notebooks)
    env, progress = _isolated_env(workdir)
    write_lab_settings(Path(env["JUPYTERLAB_SETTINGS_DIR"]))
    Path(env["JUPYTERLAB_WORKSPACES_DIR"]).mkdir(parents=True, exist_ok=True)
    port = free_port()
    token = secrets.token_hex(24)
    cmd = [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        f"--LabApp.user_settings_dir={env['JUPYTERLAB_SETTINGS_DIR']}",
        f"--LabApp.workspaces_dir={env['JUPYTERLAB_WORKSPACES_DIR']}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        # notebook signatures and their key stay in the temporary folder, not in ~/.local
        f"--NotebookNotary.db_file={workdir / 'nbsignatures.db'}",
        f"--NotebookNotary.secret_file={workdir / 'notebook_secret'}",
        # no queries to PyPI from the extension manager
        "--LabApp.extension_manager=readonly",
        *_root_flag(),
    ]
    return _start("jupyterlab", cmd, workdir, root_dir, port, token, env, progress)


#: Where the project keeps its Voilà template, and its name: Voilà's page without CDN links.
VOILA_TEMPLATES = Path(__file__).resolve().parents[2] / "share" / "jupyter"
VOILA_TEMPLATE = "mali-offline"


def start_voila(workdir: Path, notebook: Path) -> Server:
    """Serve one notebook (copied into ``workdir/voila``) as a Voilà app; wait until it answers."""
    workdir.mkdir(parents=True, exist_ok=True)
    root_dir = workdir / "voila"
    copy_notebooks(root_dir, [notebook])
    env, progress = _isolated_env(workdir)
    # The project's page template (share/jupyter/voila/templates/mali-offline), as `make app`.
    env["JUPYTER_PATH"] = str(VOILA_TEMPLATES)
    port = free_port()
    token = secrets.token_hex(24)
    cmd = [
        sys.executable, "-m", "voila", str(root_dir / notebook.name),
        f"--template={VOILA_TEMPLATE}",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        f"--token={token}",
        "--strip_sources=True",
        "--show_tracebacks=True",
    ]
    return _start("voila", cmd, workdir, root_dir, port, token, env, progress, probe=_listens)


# ---------------------------------------------------------------------------------------------
# Browser
# ---------------------------------------------------------------------------------------------


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "file", "chrome-extension", "devtools"}:
        return True
    return parts.hostname == "127.0.0.1"


@dataclass
class NetworkGuard:
    """Aborts every request (and web socket) that would leave 127.0.0.1, and keeps its URL."""

    blocked: list[str] = field(default_factory=list)

    def install(self, context) -> None:
        context.route("**/*", self._on_request)
        context.route_web_socket(lambda url: not _is_local(url), self._on_websocket)

    def _on_request(self, route) -> None:
        url = route.request.url
        if _is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _on_websocket(self, ws) -> None:
        self.blocked.append(ws.url)
        ws.close()

    def take(self) -> list[str]:
        """The URLs blocked since the last call (and forget them)."""
        taken, self.blocked[:] = list(self.blocked), []
        return taken


@dataclass
class Browser:
    """One Chromium with one context (one set of cookies) and the guard on its network."""

    playwright: Any
    browser: Any
    context: Any
    guard: NetworkGuard

    def new_page(self):
        page = self.context.new_page()
        page.set_default_timeout(30_000)
        return page

    def close(self) -> None:
        for closer in (self.context.close, self.browser.close, self.playwright.stop):
            try:
                closer()
            except Exception:  # noqa: BLE001 - closing what may already be gone
                pass


def launch_browser(chromium: str, headless: bool = True) -> Browser:
    """Start Playwright and Debian's chromium (no browser download), network guarded."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS, headless=headless
        )
        context = browser.new_context(
            viewport={"width": 1280, "height": 900},
            service_workers="block",
            locale="en-GB",
            timezone_id="UTC",
        )
    except Exception:
        playwright.stop()
        raise
    guard = NetworkGuard()
    guard.install(context)
    return Browser(playwright, browser, context, guard)


# ---------------------------------------------------------------------------------------------
# JupyterLab pages
# ---------------------------------------------------------------------------------------------

# JavaScript run in the page. ``window.jupyterapp`` exists because the server runs with
# --LabApp.expose_app_in_browser=True.

_JS_KERNEL_STATE = """
() => {
  const app = window.jupyterapp;
  const w = app && app.shell && app.shell.currentWidget;
  if (!w || !w.sessionContext) return 'no-notebook';
  const ctx = w.sessionContext;
  const k = ctx.session && ctx.session.kernel;
  if (!k) return 'no-kernel';
  return k.connectionStatus + ':' + k.status + ':' + k.id;
}
"""

_JS_RUN_STATE = """
() => {
  const w = window.jupyterapp.shell.currentWidget;
  if (!w || !w.content || !w.content.widgets) return {ready: false, why: 'no notebook'};
  const node = w.content.node;
  let pending = 0, total = 0;
  for (const cell of w.content.widgets) {
    if (cell.model.type !== 'code') continue;
    if (!cell.model.sharedModel.getSource().trim()) continue;
    total += 1;
    if (cell.model.executionCount == null) pending += 1;
  }
  const running = [...node.querySelectorAll('.jp-InputPrompt')]
      .filter(p => p.textContent.includes('*')).length;
  const errors = node.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  const status = k ? k.status : 'none';
  return {total, pending, running, errors, status};
}
"""


def kernel_status_bar_text(page) -> str:
    """The text of the status bar item that shows the kernel ("Python 3 (ipykernel) | Idle")."""
    return page.evaluate(
        """() => {
          const bar = document.querySelector('#jp-main-statusbar');
          if (!bar) return '';
          const items = [...bar.querySelectorAll('.jp-StatusBar-TextItem, .jp-StatusBar-Item')];
          const kernel = items.find(i => /\\|\\s*(Idle|Busy|Starting|Connecting|Unknown|Restarting|Initializing|Dead)/i.test(i.textContent));
          return kernel ? kernel.textContent.trim() : '';
        }"""
    )


@dataclass
class StepTimes:
    """Milliseconds measured for one lesson (printed by the benchmark)."""

    load_to_idle: float | None = None
    run_all: float | None = None
    run_to_last_map: float | None = None
    click_to_feedback: float | None = None


class LabPage:
    """A browser tab on our JupyterLab server, with the steps a student takes."""

    def __init__(self, page, server: Server, shots: Path | None = ARTIFACTS):
        self.page = page
        self.server = server
        self.shots = shots
        self.console_errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda err: self.console_errors.append(f"pageerror: {err}"))

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    # -- screenshots -------------------------------------------------------------------------

    def screenshot(self, name: str, full_page: bool = False, locator=None) -> Path | None:
        """Save ``artifacts/browser/<name>.png`` (never fails a test)."""
        if self.shots is None:
            return None
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{slug(name)}.png"
        try:
            if locator is not None:
                locator.screenshot(path=str(path), timeout=10_000)
            else:
                self.page.screenshot(path=str(path), full_page=full_page, timeout=10_000)
        except Exception:  # noqa: BLE001 - a screenshot is evidence, not a check
            return None
        return path

    # -- opening and running -----------------------------------------------------------------

    def load_app(self) -> float:
        """Load JupyterLab itself (``/lab?reset``: a fresh workspace); return ms until ready."""
        start = time.perf_counter()
        url = f"{self.server.url}lab?reset&token={self.server.token}"
        self.page.goto(url, wait_until="domcontentloaded", timeout=PAGE_LOAD_MS)
        self.page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell"
            " && document.querySelector('#jp-main-statusbar')", timeout=PAGE_LOAD_MS)
        self.page.evaluate("() => window.jupyterapp.restored")
        return ms_since(start)

    def app_loaded(self) -> bool:
        try:
            return bool(self.page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.shell)"))
        except Exception:  # noqa: BLE001 - a crashed or navigated page
            return False

    def open_notebook(self, name: str, reload: bool = False) -> float:
        """Open ``name`` and wait until its kernel is idle; return the milliseconds that took.

        ``reload=True`` loads the page ``/lab/tree/<name>`` (a fresh workspace), so the time
        includes loading JupyterLab itself, as for a student who clicks a link. Otherwise the
        notebook is opened in the JupyterLab already loaded (File > Open), much faster.
        """
        start = time.perf_counter()
        if reload or not self.app_loaded():
            url = f"{self.server.url}lab/tree/{quote(name)}?reset&token={self.server.token}"
            self.page.goto(url, wait_until="domcontentloaded", timeout=PAGE_LOAD_MS)
        else:
            self.page.evaluate(
                "name => { window.jupyterapp.commands.execute('docmanager:open', {path: name});"
                " return true; }", name)
        self.page.wait_for_function(
            "name => window.jupyterapp && window.jupyterapp.shell && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.context"
            " && window.jupyterapp.shell.currentWidget.context.path === name",
            arg=name, timeout=PAGE_LOAD_MS,
        )
        self.wait_kernel_idle()
        elapsed = ms_since(start)
        # more room for the notebook in screenshots: fold the file browser away
        self.page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); return true; }")
        return elapsed

    def kernel_state(self) -> str:
        """``connectionStatus:status:id`` of the current notebook's kernel, or why there is none."""
        return self.page.evaluate(_JS_KERNEL_STATE)

    def kernel_id(self) -> str | None:
        state = self.kernel_state()
        return state.split(":", 2)[2] if state.count(":") >= 2 else None

    def wait_kernel_idle(self, timeout: int = KERNEL_IDLE_MS) -> None:
        """Wait until the kernel really is idle: connected and idle in the API *and* "Idle"
        in the status bar. (The toolbar's circle reads idle before the kernel has started.)"""
        deadline = time.monotonic() + timeout / 1000
        last = ("", "")
        while time.monotonic() < deadline:
            state = self.kernel_state()
            bar = kernel_status_bar_text(self.page)
            last = (state, bar)
            if state.startswith("connected:idle:") and re.search(r"\bIdle\b", bar):
                return
            self.page.wait_for_timeout(100)
        raise TimeoutError(
            f"kernel not idle after {timeout / 1000:.0f} s: api={last[0]!r}, status bar={last[1]!r}"
        )

    def run_all(self) -> None:
        """Run every cell (the same command as Run > Run All Cells); returns at once."""
        self.page.evaluate(
            "() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }"
        )

    def run_state(self) -> dict:
        return self.page.evaluate(_JS_RUN_STATE)

    def wait_run_done(self, timeout: int = RUN_ALL_MS) -> dict:
        """Wait until every non-empty code cell has an execution count, no prompt shows [*]
        and the kernel is idle -- or an error stopped the run. Returns the last run state."""
        deadline = time.monotonic() + timeout / 1000
        state: dict = {}
        settled_since = None
        while time.monotonic() < deadline:
            state = self.run_state()
            done = state.get("pending") == 0 or state.get("errors", 0) > 0
            if done and state.get("running") == 0 and state.get("status") == "idle":
                # idle must hold for a moment: an error aborts the queue between cells
                settled_since = settled_since or time.monotonic()
                if time.monotonic() - settled_since >= 0.3:
                    return state
            else:
                settled_since = None
            self.page.wait_for_timeout(100)
        raise TimeoutError(f"run all not finished after {timeout / 1000:.0f} s: {state}")

    # -- reading what the student sees -------------------------------------------------------

    def error_outputs(self) -> list[str]:
        """Texts of outputs that show an error: a traceback or an error name on stderr/errors."""
        texts = self.page.evaluate(
            """() => {
              const nb = window.jupyterapp.shell.currentWidget.content.node;
              const out = [];
              for (const o of nb.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
                out.push(o.innerText);
              for (const o of nb.querySelectorAll('.jp-RenderedText'))
                if (!o.closest('[data-mime-type="application/vnd.jupyter.stderr"]')) out.push(o.innerText);
              return out;
            }"""
        )
        pattern = re.compile(r"Traceback|\b\w*(Error|Exception)\b")
        return [t for t in texts if pattern.search(t)]

    def stderr_outputs(self) -> list[str]:
        """Every stderr output (warnings included) -- a student sees these as red boxes."""
        return self.page.evaluate(
            """() => [...window.jupyterapp.shell.currentWidget.content.node.querySelectorAll(
                 '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
                 .map(o => o.innerText)"""
        )

    def untrusted_notice(self) -> bool:
        """True when folium's "Make this Notebook Trusted to load map" notice shows, i.e. the
        output has the notice (always written under the map) but no iframe over it."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')]
                 .some(o => /Make this Notebook Trusted/.test(o.innerText)
                            && !o.querySelector('iframe'))"""
        )

    def map_frames(self) -> list:
        """Locators of the map iframes (folium renders an iframe with srcdoc) in the notebook."""
        return map_frames(self.page, ".jp-Notebook")

    def wait_maps_drawn(self, timeout: int = MAP_DRAW_MS, at_least: int = 0) -> list[dict]:
        return wait_maps_drawn(self.page, ".jp-Notebook", timeout, at_least)

    def wait_maps_drawn_timed(self, at_least: int = 0) -> tuple[list[dict], float]:
        return wait_maps_drawn_timed(self.page, ".jp-Notebook", at_least=at_least)

    # -- closing -----------------------------------------------------------------------------

    def close_notebook(self) -> None:
        """Close the notebook tab without saving (the copy stays as it was), kernel shut down."""
        self.page.evaluate(
            """async () => {
              const app = window.jupyterapp;
              for (const w of [...app.shell.widgets('main')]) {
                if (w.context && w.context.model) w.context.model.dirty = false;
                if (w.sessionContext && w.sessionContext.session) {
                  try { await w.sessionContext.shutdown(); } catch (e) {}
                }
                w.close();
              }
              return true;
            }"""
        )
        self.server.shutdown_kernels()


# ---------------------------------------------------------------------------------------------
# Maps (JupyterLab and Voilà alike)
# ---------------------------------------------------------------------------------------------

# Inside a map iframe: what Leaflet drew, and what it was asked to draw.
_JS_MAP_STATE = """
() => {
  const out = {leaflet: typeof L !== 'undefined', containers: 0, interactive: 0, paths: 0,
               pathLayers: 0, tiles: 0, maps: 0};
  out.containers = document.querySelectorAll('.leaflet-container').length;
  out.interactive = document.querySelectorAll('path.leaflet-interactive').length;
  out.paths = document.querySelectorAll('.leaflet-map-pane svg path').length;
  out.tiles = document.querySelectorAll('img.leaflet-tile-loaded').length;
  // Leaflet linked from the Jupyter server's one copy (mali_lessons.jupyter_ext), not inlined
  out.sharedLeaflet = !!document.querySelector('script[src$="mali-lessons/static/leaflet.js"]');
  if (out.leaflet) {
    for (const key of Object.keys(window)) {
      let value;
      try { value = window[key]; } catch (e) { continue; }
      if (value instanceof L.Map) {
        out.maps += 1;
        value.eachLayer(layer => { if (layer instanceof L.Path) out.pathLayers += 1; });
      }
    }
  }
  return out;
}
"""


def map_frames(page, scope: str) -> list:
    """Locators of every iframe under ``scope`` whose srcdoc holds a Leaflet map, in page order."""
    indices = page.evaluate(
        """scope => [...document.querySelectorAll(scope + ' iframe')]
             .map((f, i) => [i, (f.getAttribute('srcdoc') || '')])
             .filter(([i, doc]) => /leaflet|L\\.map\\(/i.test(doc))
             .map(([i]) => i)""",
        scope,
    )
    frames = page.locator(f"{scope} iframe")
    return [frames.nth(i) for i in indices]


def map_state(frame_locator) -> dict:
    """What one map iframe drew (see _JS_MAP_STATE)."""
    handle = frame_locator.element_handle(timeout=5_000)
    frame = handle.content_frame() if handle else None
    if frame is None:
        return {"leaflet": False, "containers": 0, "interactive": 0, "paths": 0,
                "pathLayers": 0, "tiles": 0, "maps": 0}
    try:
        return frame.evaluate(_JS_MAP_STATE)
    except Exception as err:  # noqa: BLE001 - an iframe that is still loading
        return {"leaflet": False, "containers": 0, "interactive": 0, "paths": 0,
                "pathLayers": 0, "tiles": 0, "maps": 0, "error": str(err)}


def wait_maps_drawn_timed(page, scope: str, timeout: int = MAP_DRAW_MS, at_least: int = 0,
                          settle_ms: int = 500) -> tuple[list[dict], float]:
    """Wait until at least ``at_least`` map iframes are under ``scope``, every one shows a
    Leaflet container with vector paths, and that has held for ``settle_ms`` (widgets render
    after the run ends, so a map may still come); or until ``timeout`` ms pass.

    Returns the state of each map in page order, and the ``time.perf_counter()`` moment when
    the maps were first all drawn (the settling wait is not part of it).
    """
    deadline = time.monotonic() + timeout / 1000
    states: list[dict] = []
    last_count, since = -1, time.perf_counter()
    while True:
        states = [map_state(f) for f in map_frames(page, scope)]
        now = time.perf_counter()
        drawn = len(states) >= at_least and all(
            s["containers"] > 0 and s["interactive"] > 0 for s in states)
        if not drawn or len(states) != last_count:
            since, last_count = now, len(states)
        if (drawn and (now - since) * 1000 >= settle_ms) or time.monotonic() > deadline:
            return states, since
        page.wait_for_timeout(100)


def wait_maps_drawn(page, scope: str, timeout: int = MAP_DRAW_MS, at_least: int = 0) -> list[dict]:
    """:func:`wait_maps_drawn_timed` without the moment: the state of each map."""
    return wait_maps_drawn_timed(page, scope, timeout, at_least)[0]


# ---------------------------------------------------------------------------------------------
# Quizzes
# ---------------------------------------------------------------------------------------------


def quiz_words() -> dict[str, str]:
    """The quiz's own words (mali_lessons.messages), so selectors follow the wording."""
    from mali_lessons.messages import msg

    return {
        "check": msg("check"),
        "right": msg("feedback_right"),
        "wrong": msg("feedback_wrong", tries="\x00").split("\x00")[0].strip(),
        "score": msg("score", right="\x00", total="\x00", answered="\x00").split("\x00")[0].strip(),
        "true": msg("true"),
        "false": msg("false"),
    }


def english_messages_in(text: str) -> list[str]:
    """The package's English messages (long enough to mean something, with no blanks to
    fill, and not the same in French) that appear in ``text``: none may in a French page."""
    from mali_lessons.messages import EN, FR

    return sorted({v for k, v in EN.items() if len(v) > 14 and "{" not in v
                   and v != FR.get(k) and v in text})


def load_banks(lessons: list[str] | None = None, data_dir: str | None = None) -> list:
    """The quiz banks (mali_lessons.quiz.model.Bank) for ``lessons``, or all of them."""
    from mali_lessons.quiz import model as quiz_model

    names = lessons or quiz_model.list_lessons(data_dir)
    return [quiz_model.load_bank(name, data_dir) for name in names]


@dataclass
class QuizQuestion:
    """The first answerable question found on a page, and the bank entry it comes from."""

    lesson: str
    question: Any  # mali_lessons.quiz.model.Question
    box: Any  # locator of the widget box holding the question
    right: str  # the label to pick for the right answer
    wrong: str  # a label to pick for a wrong answer


class QuizDriver:
    """Finds a quiz question on a page by its prompt and answers it like a student would."""

    #: Question types this driver can answer (chosen by clicking one label).
    CLICKABLE = {"single", "truefalse"}

    def __init__(self, page, scope: str, banks: list):
        self.page = page
        self.scope = scope
        self.banks = banks
        self.words = quiz_words()

    def check_buttons(self):
        return self.page.locator(f"{self.scope} button").filter(
            has_text=re.compile(rf"^\s*{re.escape(self.words['check'])}\s*$")
        )

    def check_button(self, quiz: QuizQuestion):
        """The Check button of one question."""
        return quiz.box.locator("button").filter(
            has_text=re.compile(rf"^\s*{re.escape(self.words['check'])}\s*$")
        ).first

    def questions(self):
        """Locators of every question of the quiz front end (a fieldset each), in page order."""
        return self.page.locator(f"{self.scope} fieldset.mq-question")

    def find(self, question_id: str) -> QuizQuestion | None:
        """The question with this bank id (``data-question``), with its right and a wrong label."""
        for bank in self.banks:
            for question in bank.questions:
                if question.id == question_id:
                    box = self.page.locator(
                        f'{self.scope} fieldset.mq-question[data-question="{question_id}"]').first
                    right, wrong = self._labels(question) if question.kind in self.CLICKABLE \
                        else ("", "")
                    return QuizQuestion(bank.lesson, question, box, right, wrong)
        return None

    def first_question(self) -> QuizQuestion | None:
        """The first question (in page order) whose prompt is shown and that can be clicked."""
        boxes = self.questions()
        for i in range(boxes.count()):
            candidate = boxes.nth(i)
            found = self._match(candidate.locator("legend").inner_text())
            if found:
                bank, question = found
                if question.kind not in self.CLICKABLE:
                    continue
                right, wrong = self._labels(question)
                return QuizQuestion(bank.lesson, question, candidate, right, wrong)
        return None

    def _match(self, text: str):
        """The (bank, question) whose prompt shows in ``text`` (the longest, if several)."""
        flat = " ".join(text.split())
        found = [(len(q.prompt), bank, q) for bank in self.banks for q in bank.questions
                 if " ".join(q.prompt.split()) in flat]
        if not found:
            return None
        _, bank, question = max(found, key=lambda item: item[0])
        return bank, question

    def _labels(self, question) -> tuple[str, str]:
        if question.kind == "truefalse":
            right = self.words["true"] if question.correct_answer() else self.words["false"]
            wrong = self.words["false"] if question.correct_answer() else self.words["true"]
            return right, wrong
        right = question.correct_answer()
        wrong = next(option for option in question.choices() if option != right)
        return right, wrong

    def choose(self, quiz: QuizQuestion, label: str) -> None:
        """Click the option ``label`` (a radio button or a toggle button) in the question box."""
        radio = quiz.box.locator("label").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
        if radio.count():
            radio.first.click()
            return
        toggle = quiz.box.locator("button").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
        toggle.first.click()

    def check(self, quiz: QuizQuestion, expect: str, timeout: int = FEEDBACK_MS) -> tuple[float, str]:
        """Press Check; wait until the question box shows ``expect`` ("right" or "wrong").

        Returns (ms from click to feedback, the text of the question box).
        """
        wanted = self.words[expect]
        button = self.check_button(quiz)
        start = time.perf_counter()
        button.click()
        quiz.box.locator(".mq-status").filter(has_text=re.compile(re.escape(wanted))).first.wait_for(
            state="visible", timeout=timeout)
        elapsed = ms_since(start)
        return elapsed, quiz.box.inner_text()

    def click_to_feedback_in_page(self, quiz: QuizQuestion, expect: str) -> float | None:
        """Click Check inside the page and measure there (performance.now) until the live
        region shows ``expect``'s words: the time the student waits, without Playwright's."""
        return quiz.box.evaluate(
            """(box, wanted) => new Promise(done => {
                 const status = box.querySelector('.mq-status');
                 const start = performance.now();
                 const seen = () => status.textContent.includes(wanted);
                 const observer = new MutationObserver(() => {
                   if (seen()) { observer.disconnect(); done(performance.now() - start); }
                 });
                 observer.observe(status, {childList: true, characterData: true, subtree: true});
                 box.querySelector('button.mq-check').click();
                 if (seen()) { observer.disconnect(); done(performance.now() - start); }
                 setTimeout(() => { observer.disconnect(); done(null); }, 5000);
               })""", self.words[expect])

    def answer(self, quiz: QuizQuestion, right: bool) -> tuple[float, str]:
        """Choose the right (or a wrong) answer and check it."""
        self.choose(quiz, quiz.right if right else quiz.wrong)
        return self.check(quiz, "right" if right else "wrong")


def quiz_driver(page, scope: str, expectations: Expectations) -> QuizDriver:
    """A QuizDriver for a lesson, knowing the banks its quiz cells name."""
    banks = load_banks(expectations.quiz_lessons or None, expectations.quiz_data_dir)
    return QuizDriver(page, scope, banks)


# ---------------------------------------------------------------------------------------------
# A small notebook made by the tests while the lessons are being written
# ---------------------------------------------------------------------------------------------

PROBE_NAME = "zz_browser_probe.ipynb"
PROBE_LESSON = "99_browser_probe"


def _first_source_id() -> str | None:
    import csv

    try:
        with open(ROOT / "data" / "sources.csv", encoding="utf-8") as handle:
            return next(csv.DictReader(handle))["id"]
    except (OSError, StopIteration, KeyError):
        return None


def write_probe(folder: Path, data_copy: Path) -> Path | None:
    """Write ``folder/zz_browser_probe.ipynb``: one map per builder cell and a quiz.

    The quiz is the first bank in data/quizzes/ when there is one; otherwise a one-question
    bank (``99_browser_probe``) written into ``data_copy`` (a copy of data/ made here), so the
    infrastructure can be tested before the lessons' banks exist. Returns None when neither
    mali_lessons.maps nor mali_lessons.quiz can be imported yet.
    """
    import importlib

    cells: list[str] = []
    imports: list[str] = []
    try:
        maps_module = importlib.import_module("mali_lessons.maps")
    except Exception:  # noqa: BLE001
        maps_module = None
    if maps_module is not None:
        imports.append("from mali_lessons import maps")
        builders = sorted(map_builders() - {"bases_slider"})
        cells += [f"maps.{name}()" for name in builders[:2]]
    try:
        importlib.import_module("mali_lessons.quiz")
        has_quiz = True
    except Exception:  # noqa: BLE001
        has_quiz = False
    if has_quiz:
        imports.append("from mali_lessons.quiz import Quiz")
        banks = sorted((ROOT / "data" / "quizzes").glob("*.yaml"))
        source = _first_source_id()
        if banks:
            cells.append(f'Quiz.from_bank("{banks[0].stem}").show()')
        elif source:
            shutil.copytree(ROOT / "data", data_copy, dirs_exist_ok=True)
            (data_copy / "quizzes").mkdir(exist_ok=True)
            (data_copy / "quizzes" / f"{PROBE_LESSON}.yaml").write_text(
                f"""lesson: {PROBE_LESSON}
title: Browser test probe
questions:
  - id: probe_capital
    type: single
    prompt: Which city is the capital of Mali (browser probe)?
    options: [Timbuktu, Bamako, Gao]
    answer: Bamako
    explanation: Bamako is the capital of Mali.
    sources: [{source}]
  - id: probe_second
    type: truefalse
    prompt: The Niger river flows through Mali (browser probe).
    answer: true
    explanation: It passes Bamako, Timbuktu and Gao.
    sources: [{source}]
""",
                encoding="utf-8",
            )
            cells.append(f'Quiz.from_bank("{PROBE_LESSON}", data_dir={str(data_copy)!r}).show()')
    if not cells:
        return None
    nb_cells = [{"cell_type": "markdown", "id": "probe-title", "metadata": {},
                 "source": "# Browser test probe\n\nMade by tests/browser/lab.py; not a lesson."},
                {"cell_type": "code", "id": "probe-imports", "metadata": {},
                 "execution_count": None, "outputs": [], "source": "\n".join(imports)}]
    for i, call in enumerate(cells):
        nb_cells.append({"cell_type": "code", "id": f"probe-{i}", "metadata": {},
                         "execution_count": None, "outputs": [], "source": call})
    notebook = {
        "cells": nb_cells,
        "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                    "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / PROBE_NAME
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return path


def probe_needed(notebooks: list[Path] | None = None) -> bool:
    """True while no lesson shows a map, or none has a quiz (or MALI_BROWSER_PROBE=1)."""
    if os.environ.get("MALI_BROWSER_PROBE", "").strip() in {"1", "true", "yes"}:
        return True
    found = [notebook_expectations(nb) for nb in (notebooks or lesson_notebooks())]
    return not any(e.map_cells for e in found) or not any(e.has_quiz for e in found)


# ---------------------------------------------------------------------------------------------
# One lesson, step by step, as a student would take it (used by the tests and the benchmark)
# ---------------------------------------------------------------------------------------------


@dataclass
class QuizReport:
    """What happened when the first quiz question was answered wrong, then right."""

    lesson: str = ""
    question_id: str = ""
    total_questions: int = 0
    wrong_label: str = ""
    right_label: str = ""
    before_text: str = ""
    wrong_text: str = ""
    right_text: str = ""
    wrong_ms: float | None = None
    right_ms: float | None = None
    saved_record: dict | None = None
    problem: str = ""
    # after closing the notebook and running it again in a new kernel
    restored_text: str = ""
    restored_checked: list[str] = field(default_factory=list)
    restored_check_disabled: bool | None = None
    restored_score: str = ""


@dataclass
class LessonReport:
    """Everything observed while taking one lesson in JupyterLab. Nothing here is judged."""

    name: str
    expectations: Expectations
    times: StepTimes = field(default_factory=StepTimes)
    kernel_ids: list[str] = field(default_factory=list)
    run_state: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    untrusted_notice: bool = False
    maps: list[dict] = field(default_factory=list)
    quiz: QuizReport | None = None
    rerun_state: dict = field(default_factory=dict)
    rerun_errors: list[str] = field(default_factory=list)
    rerun_maps: list[dict] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    kernels_left: int = 0
    #: The text of every output once the lesson has run (what a student reads, maps aside).
    outputs_text: list[str] = field(default_factory=list)
    #: axe-core's violations (see axe_audit): on the lesson's outputs, on JupyterLab's own
    #: chrome, and inside each map iframe; None when axe-core is not installed.
    axe_ours: list | None = None
    axe_lab: list | None = None
    axe_maps: list | None = None


def _read_progress(server: Server, lesson: str, question_id: str) -> dict | None:
    for path in server.progress_files():
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        record = content.get("lessons", {}).get(lesson, {}).get(question_id)
        if record is not None:
            return record
    return None


def _screenshot_maps(lab_page: LabPage, stem: str) -> None:
    if lab_page.shots is None:
        return
    lab_page.page.mouse.move(0, 0)  # no tooltip left open by the last click
    for number, frame in enumerate(lab_page.map_frames(), start=1):
        try:
            frame.scroll_into_view_if_needed(timeout=5_000)
        except Exception:  # noqa: BLE001
            continue
        lab_page.screenshot(f"{stem}-3-map-{number}", locator=frame)


def take_lesson(page, server: Server, guard: NetworkGuard, notebook: Path,
                expectations: Expectations | None = None, reopen: bool = True,
                reload: bool = False, shots: Path | None = ARTIFACTS) -> LessonReport:
    """Take one lesson as a student: open it, run all, look at the maps, answer the first
    quiz question wrong then right, close it, open and run it again in a new kernel and look
    at the saved answer. Screenshots go to ``shots`` (``<stem>-<step>.png``).

    ``notebook`` is the path of the notebook *in the server's folder*. ``page`` may already
    show JupyterLab: the notebook is then opened in it (``reload=True`` loads the page for it
    instead; the second opening never reloads). Returns what was seen and how long each step
    took; the caller judges it.
    """
    expectations = expectations or notebook_expectations(notebook)
    report = LessonReport(notebook.name, expectations)
    # A lesson of another edition sits in a sub-folder (fr/03_minusma.ipynb): open it by its
    # path in the server's folder, and name its screenshots fr-03_minusma-...
    try:
        where = notebook.relative_to(server.root_dir).as_posix()
    except ValueError:
        where = notebook.name
    stem = where.removesuffix(".ipynb").replace("/", "-")
    lab_page = page if isinstance(page, LabPage) else LabPage(page, server, shots)
    lab_page.shots = shots
    lab_page.console_errors.clear()
    guard.take()

    # 1. open the notebook; the kernel starts
    report.times.load_to_idle = lab_page.open_notebook(where, reload=reload)
    report.kernel_ids.append(lab_page.kernel_id() or "")
    lab_page.screenshot(f"{stem}-1-opened")

    # 2. run all, wait for the run and for the maps to draw
    start = time.perf_counter()
    lab_page.run_all()
    report.run_state = lab_page.wait_run_done()
    report.times.run_all = ms_since(start)
    report.maps, drawn_at = lab_page.wait_maps_drawn_timed(at_least=expectations.maps)
    report.times.run_to_last_map = (drawn_at - start) * 1000 if report.maps else None
    report.errors = lab_page.error_outputs()
    report.stderr = lab_page.stderr_outputs()
    report.untrusted_notice = lab_page.untrusted_notice()
    report.outputs_text = lab_page.page.locator(".jp-Notebook .jp-OutputArea").all_inner_texts()
    lab_page.screenshot(f"{stem}-2-ran")
    _screenshot_maps(lab_page, stem)
    _audit_lesson(lab_page, report)

    # 3. the quiz: first question wrong, then right
    if expectations.has_quiz:
        report.quiz = _answer_first_question(lab_page, server, expectations, stem)
        if report.quiz.right_ms is not None:
            report.times.click_to_feedback = report.quiz.right_ms

    # 4. close (kernel shut down), open again, run all in a new kernel: the answer is back
    if reopen:
        lab_page.close_notebook()
        lab_page.open_notebook(where)
        report.kernel_ids.append(lab_page.kernel_id() or "")
        lab_page.run_all()
        report.rerun_state = lab_page.wait_run_done()
        report.rerun_maps = lab_page.wait_maps_drawn(at_least=len(report.maps))
        report.rerun_errors = lab_page.error_outputs()
        lab_page.screenshot(f"{stem}-6-reopened")
        if report.quiz is not None and report.quiz.question_id:
            _look_at_restored(lab_page, expectations, report.quiz, stem)

    lab_page.close_notebook()
    report.kernels_left = len(server.kernels())
    report.blocked = guard.take()
    report.console_errors = list(lab_page.console_errors)
    return report


def _audit_lesson(lab_page: LabPage, report: LessonReport) -> None:
    """axe-core on the run lesson: the page (split into the lesson's outputs and JupyterLab's
    chrome) and every map iframe on its own."""
    import axe_audit

    if axe_audit.axe_script() is None:
        return
    page = lab_page.page
    found = axe_audit.run_axe(page, ours=(".jp-OutputArea",))
    report.axe_ours, report.axe_lab = axe_audit.split_violations(found)
    report.axe_maps = []
    for frame in lab_page.map_frames():
        handle = frame.element_handle(timeout=5_000)
        inner = handle.content_frame() if handle else None
        if inner is not None:
            report.axe_maps.append(axe_audit.run_axe(inner, ours=("html",)))


def _answer_first_question(lab_page: LabPage, server: Server, expectations: Expectations,
                           stem: str) -> QuizReport:
    quiz = QuizReport()
    driver = quiz_driver(lab_page.page, ".jp-Notebook", expectations)
    try:
        driver.check_buttons().first.wait_for(timeout=FEEDBACK_MS)
    except Exception:  # noqa: BLE001
        quiz.problem = f"no {driver.words['check']!r} button on the page"
        return quiz
    found = driver.first_question()
    if found is None:
        quiz.problem = ("no quiz question that can be answered by clicking (single choice or "
                        "true/false) was found by its prompt")
        return quiz
    bank = next(b for b in driver.banks if b.lesson == found.lesson)
    quiz.lesson, quiz.question_id = found.lesson, found.question.id
    quiz.total_questions = len(bank.questions)
    quiz.wrong_label, quiz.right_label = found.wrong, found.right
    found.box.scroll_into_view_if_needed()
    quiz.before_text = found.box.inner_text()
    lab_page.screenshot(f"{stem}-4-quiz-question", locator=found.box)
    try:
        # click -> feedback measured inside the page (performance.now to the live region's
        # text), then the text read once it shows
        driver.choose(found, found.wrong)
        quiz.wrong_ms = driver.click_to_feedback_in_page(found, "wrong")
        quiz.wrong_text = found.box.inner_text()
        lab_page.screenshot(f"{stem}-4-quiz-wrong", locator=found.box)
        driver.choose(found, found.right)
        quiz.right_ms = driver.click_to_feedback_in_page(found, "right")
        quiz.right_text = found.box.inner_text()
        lab_page.screenshot(f"{stem}-5-quiz-right", locator=found.box)
    except Exception as err:  # noqa: BLE001 - reported, judged by the test
        quiz.problem = f"answering failed: {err}"
        lab_page.screenshot(f"{stem}-5-quiz-failed")
        return quiz
    wait(lambda: (_read_progress(server, quiz.lesson, quiz.question_id) or {}).get("correct")
         is True, timeout=5)
    quiz.saved_record = _read_progress(server, quiz.lesson, quiz.question_id)
    return quiz


def _look_at_restored(lab_page: LabPage, expectations: Expectations, quiz: QuizReport,
                      stem: str) -> None:
    driver = quiz_driver(lab_page.page, ".jp-Notebook", expectations)
    try:
        driver.check_buttons().first.wait_for(timeout=FEEDBACK_MS)
    except Exception:  # noqa: BLE001
        return
    found = driver.first_question()
    if found is None or found.question.id != quiz.question_id:
        return
    found.box.scroll_into_view_if_needed()
    # the saved feedback comes back with the widget; give the comm a moment
    wait(lambda: driver.words["right"] in found.box.inner_text(), timeout=FEEDBACK_MS / 1000)
    quiz.restored_text = found.box.inner_text()
    quiz.restored_checked = found.box.evaluate(
        """box => [...box.querySelectorAll('input:checked')].map(i => i.closest('label')
                 ? i.closest('label').innerText.trim() : i.value)"""
    )
    quiz.restored_check_disabled = driver.check_button(found).is_disabled()
    score = lab_page.page.locator(".jp-Notebook").get_by_text(
        re.compile(re.escape(driver.words["score"]))).first
    quiz.restored_score = score.inner_text() if score.count() else ""
    lab_page.screenshot(f"{stem}-6-quiz-restored", locator=found.box)


def wait(predicate: Callable[[], bool], timeout: float, step: float = 0.1) -> bool:
    """Poll ``predicate`` until it is true or ``timeout`` seconds pass; return its last value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
