"""Every notebook, in both editions, runs top to bottom in a fresh kernel, with no network."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from paths import NOTEBOOKS
from notebook_runner import run_notebook

#: The English lessons, then the French edition (notebooks/fr/).
LESSONS = sorted(NOTEBOOKS.glob("*.ipynb")) + sorted((NOTEBOOKS / "fr").glob("*.ipynb"))


@pytest.mark.parametrize("path", LESSONS,
                         ids=lambda p: f"{p.parent.name}/{p.stem}" if p.parent.name == "fr"
                         else p.stem)
def test_notebook_runs_offline(path: Path, tmp_path: Path) -> None:
    run = run_notebook(path, tmp_path)
    errors = [
        output for cell in run.notebook.cells if cell.cell_type == "code"
        for output in cell.get("outputs", []) if output.get("output_type") == "error"
    ]
    assert not errors
    assert run.size_bytes < 3_000_000, f"{path.name} is {run.size_bytes / 1e6:.1f} MB once run"


def test_a_notebook_that_needs_the_network_fails(tmp_path: Path) -> None:
    """The harness really is offline: reaching another host is an error, not a pass."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import urllib.request\nurllib.request.urlopen('https://example.org', timeout=5)"
    )])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    path = tmp_path / "needs_network.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(CellExecutionError, match="offline test"):
        run_notebook(path, tmp_path)
