"""`make lab` starts a JupyterLab that answers on its port (what a teacher runs first)."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from paths import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_answers_on_its_port(tmp_path) -> None:
    port, token = _free_port(), secrets.token_hex(16)
    options = (
        f"--no-browser --port={port} --IdentityProvider.token={token} "
        f"--ServerApp.open_browser=False --LabApp.news_url=None --LabApp.check_for_updates_class="
        "jupyterlab.NeverCheckForUpdate"
    )
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    lab = subprocess.Popen(
        ["make", "-s", "lab", f"LAB_OPTS={options}"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        status = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and lab.poll() is None:
            try:
                url = f"http://127.0.0.1:{port}/api/status?token={token}"
                with urllib.request.urlopen(url, timeout=2) as reply:
                    status = json.load(reply)
                break
            except OSError:
                time.sleep(0.5)
        assert status is not None, "JupyterLab did not answer:\n" + (
            lab.stdout.read().decode(errors="replace") if lab.poll() is not None else "(still starting)"
        )
        assert "started" in status
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as page:
            assert b"JupyterLab" in page.read()
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try:
            lab.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
