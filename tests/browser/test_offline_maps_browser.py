"""Lesson maps draw offline wherever a lesson is opened without our server extension.

JupyterLab shares one copy of Leaflet through the server (tests/browser/test_lessons_browser.py
checks that every map there links to it). Where no such server is around, each map must carry
Leaflet inline and still draw with the network refused:

* a lesson executed and exported to an HTML file by nbconvert, opened from ``file://``;
* a lesson served by Voilà (which does not load Jupyter server extensions).

Notebook 7 runs the same Jupyter server as JupyterLab: there the maps share the library too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import lab

#: A lesson with more than one map.
LESSON = "01_mali_and_the_north.ipynb"


def _expected_maps(notebook: Path) -> int:
    return lab.notebook_expectations(notebook).map_cells


def _assert_drawn(states: list[dict], expected: int, where: str) -> None:
    assert len(states) >= expected, f"{where}: {len(states)} maps drew, expected {expected}"
    for number, state in enumerate(states, start=1):
        assert state["leaflet"] and state["containers"] and state["interactive"], (
            f"{where}: map {number} did not draw: {state}")
        assert not state.get("sharedLeaflet"), f"{where}: map {number} needs a server for Leaflet"


def test_an_exported_lesson_draws_its_maps_from_a_file(tmp_path: Path, browser) -> None:
    source = lab.ROOT / "notebooks" / LESSON
    env = dict(os.environ)
    env.pop("MALI_LESSONS_ASSETS_URL", None)  # no server: as a teacher exporting by script
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in [str(lab.ROOT / "tests" / "offline"), env.get("PYTHONPATH", "")] if p)
    env["MALI_LESSONS_PROGRESS"] = str(tmp_path / "progress") + os.sep
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute",
         f"--output-dir={tmp_path}", "--ExecutePreprocessor.timeout=180", str(source)],
        env=env, capture_output=True, text=True, timeout=400,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    page = browser.new_page()
    try:
        page.goto((tmp_path / LESSON.replace(".ipynb", ".html")).as_uri())
        states = lab.wait_maps_drawn(page, "body", at_least=_expected_maps(source))
        _assert_drawn(states, _expected_maps(source), "exported HTML")
    finally:
        page.close()


@pytest.fixture(scope="module")
def voila_lesson(tmp_path_factory, chromium_path):
    server = lab.start_voila(tmp_path_factory.mktemp("voila_maps"), lab.ROOT / "notebooks" / LESSON)
    yield server
    server.stop()


def test_a_lesson_in_voila_draws_its_maps(voila_lesson, browser) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{voila_lesson.url}?token={voila_lesson.token}", timeout=120_000)
        expected = _expected_maps(lab.ROOT / "notebooks" / LESSON)
        states = lab.wait_maps_drawn(page, "body", at_least=expected)
        _assert_drawn(states, expected, "Voilà")
    finally:
        page.close()


@pytest.fixture(scope="module")
def notebook7(tmp_path_factory, chromium_path):
    """Jupyter Notebook 7 on a copy of the lesson, with the project's server settings."""
    workdir = tmp_path_factory.mktemp("notebook7")
    root_dir = workdir / "notebooks"
    lab.copy_notebooks(root_dir, [lab.ROOT / "notebooks" / LESSON])
    env, progress = lab._isolated_env(workdir)
    lab.write_lab_settings(Path(env["JUPYTERLAB_SETTINGS_DIR"]))
    port, token = lab.free_port(), "nb7" + os.urandom(12).hex()
    cmd = [sys.executable, "-m", "jupyter", "notebook", "--no-browser",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root_dir}",
           "--JupyterNotebookApp.expose_app_in_browser=True",
           f"--JupyterNotebookApp.user_settings_dir={env['JUPYTERLAB_SETTINGS_DIR']}",
           *lab._root_flag()]
    server = lab._start("notebook7", cmd, workdir, root_dir, port, token, env, progress)
    yield server
    server.stop()


def test_a_lesson_in_notebook_7_draws_its_maps_with_the_shared_library(notebook7, browser) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{notebook7.url}notebooks/{LESSON}?token={notebook7.token}", timeout=120_000)
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session", timeout=120_000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        expected = _expected_maps(lab.ROOT / "notebooks" / LESSON)
        states = lab.wait_maps_drawn(page, "body", at_least=expected)
        assert len(states) >= expected, f"Notebook 7: {len(states)} maps drew, expected {expected}"
        for number, state in enumerate(states, start=1):
            assert state["leaflet"] and state["interactive"], f"map {number}: {state}"
            assert state.get("sharedLeaflet"), f"map {number} carries its own Leaflet: {state}"
    finally:
        page.close()
