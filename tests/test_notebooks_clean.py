"""Notebooks are committed without outputs or execution counts (restart and clear first)."""

import json

import pytest

from paths import NOTEBOOKS

PATHS = sorted(NOTEBOOKS.rglob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert PATHS, "no notebooks found under notebooks/"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_notebook_has_no_outputs(path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for number, cell in enumerate(notebook["cells"], 1):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name}: cell {number} has outputs"
            assert cell.get("execution_count") is None, f"{path.name}: cell {number} was run"
