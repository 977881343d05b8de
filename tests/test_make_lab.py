"""`make lab` starts a JupyterLab that answers on its port (what a teacher runs first), saves
lesson notebooks without their outputs (the shipped lessons stay clean), and shows no news
pop-up. Also: `make app` serves the review lesson on the port it is given and opens no browser.
"""

from __future__ import annotations

import copy
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from paths import NOTEBOOKS, ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

LESSON = "04_withdrawal.ipynb"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server started with make; ``call`` sends one request with the token."""

    def __init__(self, process: subprocess.Popen, port: int, token: str):
        self.process, self.port, self.token = process, port, token

    def call(self, path: str, method: str = "GET", body: object = None) -> object:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as reply:
            text = reply.read().decode()
        return json.loads(text) if text.strip().startswith(("{", "[")) else text

    def wait_until_up(self, path: str, attempts: int = 180) -> None:
        """Poll ``path`` until the server answers (a bounded number of tries)."""
        for _ in range(attempts):
            if self.process.poll() is not None:
                break
            try:
                self.call(path)
                return
            except OSError:
                time.sleep(0.5)
        output = self.process.stdout.read().decode(errors="replace") if (
            self.process.poll() is not None) else "(still starting)"
        raise AssertionError(f"the server did not answer on {path}:\n{output}")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def _start(args: list[str], env: dict[str, str], port: int, token: str) -> Server:
    process = subprocess.Popen(
        ["make", "-s", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, start_new_session=True,
    )
    return Server(process, port, token)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """`make lab` serving a copy of two lessons (so the test never writes the real ones) and a
    student's own notebook; the hook is told that the copies are the lessons."""
    root = tmp_path_factory.mktemp("lab")
    lessons = root / "notebooks"
    lessons.mkdir()
    for name in ("00_start_here.ipynb", LESSON):
        shutil.copy(NOTEBOOKS / name, lessons / name)
    shutil.copy(NOTEBOOKS / LESSON, lessons / "my_notes.ipynb")
    port, token = _free_port(), secrets.token_hex(16)
    options = (f"--no-browser --port={port} --IdentityProvider.token={token} "
               f"--ServerApp.root_dir={root}")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(root / "config"),
               JUPYTER_RUNTIME_DIR=str(root / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(root / "user-settings"),
               MALI_LESSONS_NOTEBOOKS=str(lessons))
    env.pop("JUPYTER_CONFIG_PATH", None)
    server = _start(["lab", f"LAB_OPTS={options}", f"LAB_NOTEBOOK={lessons / '00_start_here.ipynb'}"],
                    env, port, token)
    server.root = root  # type: ignore[attr-defined]
    try:
        server.wait_until_up("/api/status")
        yield server
    finally:
        server.stop()


def test_make_lab_answers_on_its_port(lab) -> None:
    status = lab.call("/api/status")
    assert "started" in status
    assert "JupyterLab" in lab.call("/lab")


def _with_outputs(notebook: dict) -> dict:
    """The notebook as a student's JupyterLab saves it after running every cell."""
    ran = copy.deepcopy(notebook)
    for number, cell in enumerate(ran["cells"], start=1):
        if cell["cell_type"] == "code":
            cell["execution_count"] = number
            cell["outputs"] = [{
                "output_type": "display_data", "metadata": {},
                "data": {"text/plain": "Quiz", "application/vnd.jupyter.widget-view+json": {
                    "model_id": "0123456789abcdef", "version_major": 2, "version_minor": 0}},
            }]
            cell["metadata"]["execution"] = {"iopub.status.busy": "2026-12-01T09:00:00Z"}
            cell["metadata"]["scrolled"] = True
    ran["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    ran["metadata"]["language_info"] = {"name": "python", "version": "3.11.7",
                                        "mimetype": "text/x-python"}
    return ran


def _save(lab, name: str) -> Path:
    model = lab.call(f"/api/contents/notebooks/{name}?content=1")
    assert model["type"] == "notebook"
    saved = lab.call(f"/api/contents/notebooks/{name}", "PUT",
                     {"type": "notebook", "format": "json", "content": _with_outputs(
                         model["content"])})
    assert saved["name"] == name
    return lab.root / "notebooks" / name


def test_saving_a_lesson_with_outputs_leaves_the_file_as_shipped(lab) -> None:
    path = _save(lab, LESSON)
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in on_disk["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert "widgets" not in on_disk["metadata"]
    # not one byte differs from the lesson as shipped
    assert path.read_bytes() == (NOTEBOOKS / LESSON).read_bytes()


def test_a_students_own_notebook_keeps_its_outputs(lab) -> None:
    on_disk = json.loads(_save(lab, "my_notes.ipynb").read_text(encoding="utf-8"))
    assert any(c.get("outputs") for c in on_disk["cells"] if c["cell_type"] == "code")


def test_jupyterlab_does_not_ask_about_news(lab) -> None:
    settings = lab.call("/lab/api/settings/@jupyterlab/apputils-extension:notification")
    # the project's overrides become the defaults JupyterLab starts with
    defaults = settings["schema"]["properties"]
    assert defaults["fetchNews"]["default"] == "false"
    assert defaults["checkForUpdates"]["default"] is False
    assert not settings["settings"], "nothing set by a user: the project's defaults apply"


def test_make_app_takes_a_port_and_opens_no_browser(tmp_path) -> None:
    planned = subprocess.run(["make", "-n", "app", "PORT=8871"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
    assert "--port=8871" in planned and "--no-browser" in planned
    port = _free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), BROWSER="false")
    app = _start(["app", f"PORT={port}"], env, port, "")
    try:
        app.wait_until_up("/")
    finally:
        app.stop()


def test_make_lab_lang_fr_opens_the_french_lessons_with_jupyterlab_in_french(tmp_path) -> None:
    """`make lab LANG=fr`: the French first lesson, the lessons told the edition, and
    JupyterLab's own menus in French through the installed language pack."""
    planned = subprocess.run(["make", "-n", "lab", "LANG=fr"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
    assert "notebooks/fr/00_start_here.ipynb" in planned and "MALI_LESSONS_LANG=fr" in planned
    english = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True,
                             check=True, env=dict(os.environ, LANG="fr_FR.UTF-8")).stdout
    assert "MALI_LESSONS_LANG=en" in english, "the shell's locale does not choose the edition"
    port, token = _free_port(), secrets.token_hex(16)
    options = f"--no-browser --port={port} --IdentityProvider.token={token}"
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "user-settings"))
    env.pop("JUPYTER_CONFIG_PATH", None)
    server = _start(["lab", "LANG=fr", f"LAB_OPTS={options}"], env, port, token)
    try:
        server.wait_until_up("/api/status")
        settings = server.call("/lab/api/settings/@jupyterlab/translation-extension:plugin")
        assert settings["schema"]["properties"]["locale"]["default"] == "fr_FR"
        packs = server.call("/lab/api/translations/")["data"]
        assert "fr_FR" in packs, f"no French language pack among {sorted(packs)}"
        french = server.call("/lab/api/translations/fr_FR")["data"]
        assert french["jupyterlab"][""]["language"] in ("fr_FR", "fr-FR")
    finally:
        server.stop()
