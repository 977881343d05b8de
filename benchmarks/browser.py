"""How long a student waits in JupyterLab, per lesson, measured in real Chromium.

    .venv/bin/python benchmarks/browser.py            # every notebooks/*.ipynb
    .venv/bin/python benchmarks/browser.py 04 08      # lessons whose name starts so
    REPEATS=5 .venv/bin/python benchmarks/browser.py  # runs again after the first (default 3)

For each lesson, in one JupyterLab started from this environment on a copy of the notebooks
(the same server, browser and steps as tests/browser -- see tests/browser/lab.py):

* page load -> kernel idle: the page /lab/tree/<lesson> is loaded, JupyterLab starts, the
  kernel starts and the status bar says Idle;
* run all: Run > Run All Cells until every cell has run and the kernel is idle again;
* run all -> last map: until the last map's iframe shows Leaflet with its shapes; first in a
  new cache folder (the lesson's charts drawn), then the median of REPEATS runs again, as on a
  machine where the lesson ran before (the charts read back: mali_lessons.charts.cache);
* click -> feedback: Check pressed on the first quiz question until its feedback shows
  (a wrong answer first, then the right one), measured inside the page: performance.now()
  from the click to the verdict's text in the question's live region (the quiz front end
  judges in the browser; the kernel judges again and saves afterwards).

Prints a table; nothing is asserted (the machine's load changes the figures).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))

import lab  # noqa: E402


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def main(prefixes: list[str]) -> int:
    chromium = lab.find_chromium()
    if chromium is None:
        print(f"chromium is needed for this benchmark: {lab.INSTALL_HINT}")
        return 1 if lab.in_ci() else 0
    notebooks = [nb for nb in lab.lesson_notebooks()
                 if not prefixes or any(nb.name.startswith(p) for p in prefixes)]
    if not notebooks:
        print("no lesson notebooks to measure")
        return 1
    repeats = int(os.environ.get("REPEATS", "3"))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mali-bench-") as tmp:
        os.environ["MALI_LESSONS_CACHE"] = str(Path(tmp) / "cache")  # nothing drawn yet
        server = lab.start_lab(Path(tmp), notebooks)
        server_ms = lab.ms_since(started)
        browser = lab.launch_browser(chromium)
        rows = []
        try:
            page = lab.LabPage(browser.new_page(), server, shots=None)
            for notebook in notebooks:
                copy = server.root_dir / notebook.name
                reports = []
                try:
                    for _ in range(1 + repeats):
                        lab.forget_lesson(server, notebook.stem)  # the quiz answered afresh
                        reports.append(lab.take_lesson(page, server, browser.guard, copy,
                                                       reopen=False, reload=True, shots=None))
                except Exception as err:  # noqa: BLE001 - measure the others
                    print(f"{notebook.name}: failed: {err}", file=sys.stderr)
                    server.shutdown_kernels()
                    continue
                first, again = reports[0], reports[1:]

                def median(values: list) -> float | None:
                    values = [v for v in values if v is not None]
                    return statistics.median(values) if values else None

                quizzes = [r.quiz for r in reports if r.quiz]
                rows.append([
                    notebook.stem,
                    _ms(median([r.times.load_to_idle for r in reports])),
                    _ms(first.times.run_all),
                    _ms(first.times.run_to_last_map),
                    _ms(median([r.times.run_all for r in again])),
                    _ms(median([r.times.run_to_last_map for r in again])),
                    str(len(first.maps)),
                    _ms(median([q.wrong_ms for q in quizzes])),
                    _ms(median([q.right_ms for q in quizzes])),
                ])
        finally:
            browser.close()
            server.stop()
    header = ["lesson", "load->idle ms", "1st run all ms", "1st run->last map ms",
              "run all ms", "run->last map ms", "maps", "check->feedback (wrong) ms",
              "check->feedback (right) ms"]
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    print(f"JupyterLab started in {server_ms:,.0f} ms; chromium {chromium}")
    print(f"1st: in an empty cache folder; the others: medians of {repeats} runs after it "
          "(charts read back), and of every run for load and feedback")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join([row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]))
    loads = [float(r[1].replace(",", "")) for r in rows if r[1] != "-"]
    if loads:
        print(f"median load->idle {statistics.median(loads):,.0f} ms; "
              f"whole benchmark {lab.ms_since(started) / 1000:,.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
