"""Run a notebook top to bottom in a fresh kernel with no network, as a student would.

Shared by the notebook tests and benchmarks/notebooks.py: one piece of code for one job.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

OFFLINE = Path(__file__).resolve().parent / "offline"


@dataclass
class Run:
    """An executed notebook, how long it took and how large it is once saved."""

    notebook: nbformat.NotebookNode
    seconds: float
    size_bytes: int


def offline_env(workdir: Path) -> dict[str, str]:
    """Environment for the kernel: network blocked, progress kept in ``workdir``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(OFFLINE), env.get("PYTHONPATH", "")] if p)
    env["MALI_LESSONS_PROGRESS"] = str(workdir / "progress")
    env["MALI_LESSONS_STUDENT"] = "test-student"
    env.pop("MALI_LESSONS_TEACHER", None)
    return env


def run_notebook(path: Path, workdir: Path, timeout: int = 180) -> Run:
    """Execute ``path`` in a fresh python3 kernel started in ``workdir``; raise on any error."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, kernel_name="python3", timeout=timeout,
        resources={"metadata": {"path": str(workdir)}},
    )
    start = time.perf_counter()
    client.execute(env=offline_env(workdir))
    seconds = time.perf_counter() - start
    out = workdir / path.name
    nbformat.write(notebook, out)
    return Run(notebook, seconds, out.stat().st_size)
