"""Time each lesson in a fresh kernel and weigh the executed file, beside a floor.

The floor is a notebook holding only the imports every lesson makes: what a lesson costs
before it does anything. Targets (issue 5): each lesson at most 1.5x the floor's time, and
each executed notebook at most 3 MB. This script prints; it asserts nothing.

    .venv/bin/python benchmarks/notebooks.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from notebook_runner import run_notebook  # noqa: E402

FLOOR_IMPORTS = "from mali_lessons import charts, data, lesson, maps, quiz"


def floor_notebook(folder: Path) -> Path:
    """A notebook with only the imports, saved in ``folder``."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_IMPORTS)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    path = folder / "floor.ipynb"
    nbformat.write(notebook, path)
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        floor = run_notebook(floor_notebook(work), work)
        print(f"{'notebook':<32}{'run (s)':>9}{'x floor':>9}{'size (KB)':>11}")
        print(f"{'floor (imports only)':<32}{floor.seconds:>9.2f}{1:>9.2f}{floor.size_bytes / 1024:>11.1f}")
        for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
            run = run_notebook(path, work)
            print(f"{path.stem:<32}{run.seconds:>9.2f}{run.seconds / floor.seconds:>9.2f}"
                  f"{run.size_bytes / 1024:>11.1f}")


if __name__ == "__main__":
    main()
