"""Shared fixtures for the real-browser tests: Debian's chromium, launched once, offline.

Reuse them in any test under tests/browser/::

    def test_something(offline_page):
        page, console_errors = offline_page
        page.goto("file:///...")
        assert console_errors == []

* ``chromium_path`` -- ``$CHROMIUM`` or chromium on PATH. When it is missing the test is
  skipped with the install command, except under CI (``CI=true``), where it FAILS, so that a
  CI machine without chromium can never pass by skipping every browser test.
* ``browser`` -- one Chromium for the whole session, started by Playwright from that path
  (never a downloaded browser), every request that is not file://, data: or 127.0.0.1
  aborted and recorded (see ``lab.NetworkGuard``).
* ``offline_page`` -- a fresh page, with a list that collects console errors, uncaught
  exceptions and failed requests, and a guard against alert()/confirm() dialogs.

The helpers themselves (find_chromium, launch_browser, NetworkGuard) live in ``lab.py``
beside this file, shared with the JupyterLab tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lab import ROOT, INSTALL_HINT, find_chromium, in_ci, launch_browser

#: Screenshots of what a student sees, one per map (git-ignored).
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        message = f"chromium is needed for the browser tests: {INSTALL_HINT}"
        if in_ci():
            pytest.fail(message + " (CI=true: failing instead of skipping)", pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the session, its network limited to this machine."""
    launched = launch_browser(chromium_path)
    yield launched
    launched.close()


@pytest.fixture
def offline_page(browser):
    """A new page and the list of errors it reports (console errors, exceptions, dialogs)."""
    page = browser.new_page()
    problems: list[str] = []
    page.on("console",
            lambda msg: problems.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    page.on("requestfailed",
            lambda request: problems.append(f"request failed: {request.url}"))

    def on_dialog(dialog) -> None:
        problems.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    browser.guard.take()
    yield page, problems
    page.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


# ---------------------------------------------------------------------------------------------
# JupyterLab and Voilà (test_lessons_browser.py, test_voila_browser.py)
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_artifacts(chromium_path) -> Path:
    """artifacts/browser/, emptied of the screenshots of earlier runs."""
    import lab

    return lab.clear_artifacts()


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory, chromium_path, browser_artifacts):
    """One JupyterLab for the whole session, on a copy of notebooks/ in a temporary folder
    (plus the test probe notebook while the lessons lack maps or quizzes). Stopped by its
    process group at the end. Depends on chromium_path so that it is not started for nothing
    when the browser tests are skipped."""
    import lab

    workdir = tmp_path_factory.mktemp("jupyterlab")
    server = lab.start_lab(workdir)
    if lab.probe_needed():
        lab.write_probe(server.root_dir, workdir / "data")
    yield server
    server.stop()
    if server.proc.poll() is None:  # pragma: no cover - stop() waits; this is a safety net
        pytest.fail(f"JupyterLab (pid {server.proc.pid}) is still running after stop()")


@pytest.fixture(scope="session")
def lab_app(browser, lab_server):
    """One browser tab with JupyterLab loaded once for the session (loading it takes seconds;
    each lesson is then opened in it as with File > Open)."""
    import lab

    page = browser.new_page()
    lab_page = lab.LabPage(page, lab_server)
    lab_page.load_app()
    yield lab_page
    page.close()


@pytest.fixture
def lab_page(lab_app, lab_server, browser):
    """The JupyterLab tab for one lesson; afterwards every notebook tab is closed, any dialog
    dismissed and every kernel shut down, so the next lesson starts clean."""
    browser.guard.take()
    yield lab_app
    page = lab_app.page
    try:
        for _ in range(3):
            if page.locator(".jp-Dialog").count() == 0:
                break
            page.keyboard.press("Escape")
        lab_app.close_notebook()
    except Exception:  # noqa: BLE001 - a broken tab is loaded again
        lab_app.load_app()
    finally:
        lab_server.shutdown_kernels()
