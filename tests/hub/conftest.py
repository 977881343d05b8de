"""Fixtures for a class on one server (issue 17): real accounts, a real JupyterHub.

* ``class_machine`` (session) -- hubkit.class_machine(): a temporary folder (mode 755)
  holding the test accounts' homes (two students and a teacher, made with useradd, homes
  mode 700), the Python those accounts run (hubkit.student_python), a bare clone of HEAD for
  nbgitpuller, and the hand-in folder (the teacher's, mode 3733). At the end every process
  of the accounts is stopped by PID and the accounts are removed with their homes, even
  after a failure.
* ``hub`` (session) -- JupyterHub from deploy/jupyterhub/jupyterhub_config.py on 127.0.0.1,
  stopped by PID at the end (before the accounts go).

When something is missing (not root, no chromium, no configurable-http-proxy ...) the tests
are skipped with what to install -- except under CI (``CI=true``), where they fail, so that CI
can never pass by skipping them.
"""

from __future__ import annotations

import pytest

import hubkit


@pytest.fixture(scope="session")
def class_machine():
    missing = hubkit.missing_pieces()
    if missing:
        message = "a class on one server needs: " + "; ".join(missing)
        if hubkit.lab.in_ci():
            pytest.fail(message + " (CI=true: failing instead of skipping)", pytrace=False)
        pytest.skip(message)
    with hubkit.class_machine() as machine:
        yield machine


@pytest.fixture(scope="session")
def hub(class_machine):
    started, password = hubkit.start_hub(class_machine.base, class_machine.python,
                                         class_machine.handin)
    try:
        yield started, password
    finally:
        started.stop()
