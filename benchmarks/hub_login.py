"""How long a student waits on a school JupyterHub, from "Sign in" to a drawn map and a quiz.

    sudo .venv/bin/python benchmarks/hub_login.py

Runs the recipe of deploy/jupyterhub on this machine, on 127.0.0.1 only, exactly as
tests/hub/test_jupyterhub.py does (see tests/hub/hubkit.py): two student accounts and a
teacher made for the run and removed after it, JupyterHub with configurable-http-proxy from
node_modules/, each student's server started as that student, the lessons given by an
nbgitpuller link to a bare clone of HEAD. For each visit, in Chromium, from pressing
"Sign in": the lesson open with its kernel idle (spawn, nbgitpuller's clone or pull and
JupyterLab's load included), the map drawn after Run All, and a quiz answer checked (wrong,
then right) with its feedback shown.

1. one student alone (first login: the lessons are cloned);
2. both students at once (A coming back, B for the first time), pressing "Sign in" together.

Prints the figures; nothing is asserted (the machine's load changes them). Needs root (the
Hub starts servers as other accounts); without it, or without chromium, it says so and
exits 0 (1 under CI=true).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "hub"))

import hubkit  # noqa: E402


def main() -> int:
    missing = hubkit.missing_pieces()
    if missing:
        print("this benchmark needs: " + "; ".join(missing))
        return 1 if hubkit.lab.in_ci() else 0
    chromium = hubkit.lab.find_chromium()
    a, b = hubkit.STUDENTS
    with hubkit.class_machine() as machine:
        hub, password = hubkit.start_hub(machine.base, machine.python, machine.handin)
        try:
            link = hubkit.pull_link(machine.repo, machine.branch)
            alone = hubkit.visit(chromium, hub, a, password, link)
            hub.stop_server(a)
            together = hubkit.visit_together(chromium, hub, [a, b], password, link)
        finally:
            hub.stop()
        print(f"JupyterHub on this machine ({os.cpu_count()} cores), lesson {hubkit.LESSON}, "
              "times from pressing 'Sign in':")
        print("one student alone (first login, lessons cloned by nbgitpuller):")
        print("  " + alone.line())
        print("both students at once (A coming back, B first login):")
        for visit in together:
            print("  " + visit.line())
        print(f"students' Python: {machine.python.how}")
        failed = [v for v in [alone, *together] if v.problem or v.quiz_ms is None]
        for visit in failed:
            print(f"{visit.user}: {visit.problem or 'no quiz answer'}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
