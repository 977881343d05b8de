"""The server extension serves the map library once; without a server, maps carry it inline."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from mali_lessons import jupyter_ext, maps

from paths import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_map_made_with_no_server_carries_leaflet_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(jupyter_ext.ASSETS_URL_ENV, raising=False)
    page = maps.overview_map().get_root().render()
    assert "mali-lessons/static" not in page
    assert "L.Map" in page or "L.map" in page  # Leaflet's own code is in the page
    assert "<script src=" not in page


def test_inside_a_server_a_map_links_to_the_shared_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(jupyter_ext.ASSETS_URL_ENV, "/user/amina/mali-lessons/static/")
    shared = maps.overview_map().get_root().render()
    monkeypatch.delenv(jupyter_ext.ASSETS_URL_ENV)
    inline = maps.overview_map().get_root().render()
    assert '<script src="/user/amina/mali-lessons/static/leaflet.js"></script>' in shared
    assert '<link rel="stylesheet" href="/user/amina/mali-lessons/static/leaflet.css">' in shared
    assert len(shared) < len(inline) - 100_000  # Leaflet is about 150 kB


def test_the_project_config_turns_the_extension_on() -> None:
    config = json.loads((ROOT / "jupyter_config" / "jupyter_server_config.json").read_text())
    assert config["ServerApp"]["jpserver_extensions"]["mali_lessons.jupyter_ext"] is True


def test_a_real_server_serves_leaflet_under_its_base_url(tmp_path: Path) -> None:
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_PATH=str(ROOT / "jupyter_config"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "server", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--ServerApp.base_url=/class/",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/class/mali-lessons/static/leaflet.js"
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=2) as reply:
                    body = reply.read()
                break
            except OSError:
                time.sleep(0.3)
        assert body is not None, "the server did not answer:\n" + (
            server.stdout.read().decode(errors="replace") if server.poll() is not None else "")
        assert body == (jupyter_ext.assets_dir() / "leaflet.js").read_bytes()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
