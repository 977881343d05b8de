"""Time each lesson in a fresh kernel and weigh the executed file, beside its floor.

A lesson's floor is a notebook holding only that lesson's import lines: what the lesson costs
before it does anything (kernel start and imports). Targets (issue 5): each lesson at most
1.5x its floor's time, and each executed notebook at most 3 MB. This script prints; it
asserts nothing.

    .venv/bin/python benchmarks/notebooks.py [REPEATS]

Each notebook and its floor run REPEATS times (3 by default), alternately; the medians are
printed, since one run on a busy 2-core machine can be off by a second.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from notebook_runner import run_notebook  # noqa: E402


def floor_notebook(lesson: Path, folder: Path) -> Path:
    """A notebook with only the import lines of ``lesson``, saved in ``folder``."""
    source = nbformat.read(lesson, as_version=4)
    imports = [line for cell in source.cells if cell.cell_type == "code"
               for line in cell.source.splitlines() if line.startswith(("import ", "from "))]
    floor = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("\n".join(imports))])
    floor.metadata["kernelspec"] = source.metadata.get("kernelspec", {"name": "python3"})
    path = folder / f"floor_{lesson.name}"
    nbformat.write(floor, path)
    return path


def main(repeats: int = 3) -> None:
    print(f"{'notebook':<26}{'floor (s)':>10}{'run (s)':>9}{'x floor':>9}{'size (KB)':>11}"
          f"   (median of {repeats})")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for lesson in sorted((ROOT / "notebooks").glob("*.ipynb")):
            floor_path = floor_notebook(lesson, work)
            floors, runs = [], []
            for _ in range(repeats):
                floors.append(run_notebook(floor_path, work).seconds)
                run = run_notebook(lesson, work)
                runs.append(run.seconds)
            floor, seconds = statistics.median(floors), statistics.median(runs)
            print(f"{lesson.stem:<26}{floor:>10.2f}{seconds:>9.2f}{seconds / floor:>9.2f}"
                  f"{run.size_bytes / 1024:>11.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
