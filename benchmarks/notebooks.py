"""Time each lesson in a fresh kernel beside the import floor, and weigh the executed file.

Three things run in fresh kernels, REPEATS times each, alternately (the machine is noisy):

* the **floor**: a notebook whose only cell imports pandas, folium and ipywidgets -- what any
  folium-and-widgets lesson pays before it does anything (kernel start and imports);
* each lesson's **import cell**: its first code cell alone (``lesson.start(...)`` and the
  imports);
* each **whole lesson**, top to bottom: as it runs on a machine where the lesson has run
  before (its charts are read from the cache, mali_lessons.charts.cache), and as a first run
  with an empty cache folder ("1st").

Targets (issue "Speed"): an import cell at most 1.2x the floor, a lesson at most 1.3x the
floor, an executed lesson at most 1 MB. The size is given twice: inside a Jupyter server that
shares the map library (``MALI_LESSONS_ASSETS_URL`` set, as JupyterLab, Notebook 7 and Voilà
with ``mali_lessons.jupyter_ext``), and with no server (each map carries Leaflet, as in a page
exported by nbconvert). Medians are printed; nothing is asserted.

    .venv/bin/python benchmarks/notebooks.py [REPEATS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from notebook_runner import run_notebook  # noqa: E402

FLOOR_CELL = "import pandas\nimport folium\nimport ipywidgets"
ASSETS_ENV = "MALI_LESSONS_ASSETS_URL"


def one_cell_notebook(source: str, like: nbformat.NotebookNode, path: Path) -> Path:
    """A notebook with one code cell ``source``, with ``like``'s kernel, saved at ``path``."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    notebook.metadata["kernelspec"] = like.metadata.get("kernelspec", {"name": "python3"})
    nbformat.write(notebook, path)
    return path


def first_code_cell(notebook: nbformat.NotebookNode) -> str:
    return next(cell.source for cell in notebook.cells if cell.cell_type == "code")


def timed(path: Path, work: Path, served: bool) -> tuple[float, int]:
    """Seconds and saved size of one run, with or without the shared map library."""
    if served:
        os.environ[ASSETS_ENV] = "/mali-lessons/static/"
    else:
        os.environ.pop(ASSETS_ENV, None)
    run = run_notebook(path, work)
    return run.seconds, run.size_bytes


def main(repeats: int = 3) -> None:
    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        like = nbformat.read(lessons[0], as_version=4)
        floor_path = one_cell_notebook(FLOOR_CELL, like, work / "floor.ipynb")
        floors = [timed(floor_path, work, True)[0] for _ in range(repeats)]
        floor = statistics.median(floors)
        print(f"floor: a fresh kernel importing pandas, folium and ipywidgets: {floor:.2f} s "
              f"(median of {repeats}: {', '.join(f'{f:.2f}' for f in floors)})\n")
        print(f"{'lesson':<26}{'import s':>9}{'x floor':>8}{'run s':>8}{'x floor':>8}"
              f"{'1st s':>8}{'x floor':>8}{'KB (server)':>12}{'KB (no server)':>15}")
        print(f"{'':<26}{'':>17}{'(charts cached)':>16}{'(none cached)':>16}")
        for lesson in lessons:
            notebook = nbformat.read(lesson, as_version=4)
            cell_path = one_cell_notebook(first_code_cell(notebook), notebook,
                                          work / f"import_{lesson.name}")
            imports, runs, floor_runs, firsts = [], [], [], []
            size_served = 0
            for number in range(repeats):
                floor_runs.append(timed(floor_path, work, True)[0])
                imports.append(timed(cell_path, work, True)[0])
                # a first run on a machine: no chart drawn yet (an empty cache folder)
                os.environ["MALI_LESSONS_CACHE"] = str(work / f"cache-{lesson.stem}-{number}")
                firsts.append(timed(lesson, work, True)[0])
                os.environ.pop("MALI_LESSONS_CACHE")
                seconds, size_served = timed(lesson, work, True)
                runs.append(seconds)
            _, size_inline = timed(lesson, work, False)
            # the floor is measured again beside each lesson: ratios come from the same minutes
            floor_here = statistics.median(floor_runs)
            imp, run = statistics.median(imports), statistics.median(runs)
            first = statistics.median(firsts)
            print(f"{lesson.stem:<26}{imp:>9.2f}{imp / floor_here:>8.2f}{run:>8.2f}"
                  f"{run / floor_here:>8.2f}{first:>8.2f}{first / floor_here:>8.2f}"
                  f"{size_served / 1024:>12.0f}{size_inline / 1024:>15.0f}"
                  f"   (floor here {floor_here:.2f} s)")
        os.environ.pop(ASSETS_ENV, None)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
