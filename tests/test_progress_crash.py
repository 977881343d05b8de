"""Crash test of the progress store: a process that saves answers in a loop is killed
(SIGKILL, as when a kernel dies or the power goes) again and again; no answer it reported as
saved may be lost, and the temporary files the kills leave are removed at the next save.

``MALI_LESSONS_CRASH_KILLS`` sets the number of kills (default 80; the issue's run used 250).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from mali_lessons.quiz.progress import ProgressStore

from paths import ROOT

KILLS = int(os.environ.get("MALI_LESSONS_CRASH_KILLS", "80"))

#: The saving process: one answer per question q<n>, and "<n>" on stdout once it is saved.
#: With a third argument N it kills itself at its N-th save, just before the temporary file
#: is renamed over the old one: the worst moment, which an outside kill rarely hits on a fast
#: disk.
WRITER = """
import os, signal, sys
from pathlib import Path
from mali_lessons import jsonfile
from mali_lessons.quiz.progress import ProgressStore

path, number = Path(sys.argv[1]), int(sys.argv[2])
if len(sys.argv) > 3:
    saves, real_replace = [int(sys.argv[3])], os.replace
    def replace(source, target):
        saves[0] -= 1
        if saves[0] == 0:
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(source, target)
    jsonfile.os = type("os", (), {**{k: getattr(os, k) for k in dir(os) if not k.startswith("__")},
                                  "replace": staticmethod(replace)})
store = ProgressStore(path, "amina", renames={}, check_answers=False)
print("ready", flush=True)
while True:
    store.record_check("crash", f"q{number}", number, str(number), number % 2 == 0)
    print(number, flush=True)
    number += 1
"""


def _orphans(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_killed_writers_lose_no_acknowledged_answer(tmp_path):
    path = tmp_path / "progress-amina.json"
    rng = random.Random(2026)
    acknowledged: set[int] = set()
    most_orphans = 0
    number = 0
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    inside = 0
    for kill in range(KILLS):
        args = [sys.executable, "-c", WRITER, str(path), str(number)]
        if kill % 2:  # every other run dies inside a save, the others are killed from outside
            args.append(str(rng.randint(1, 6)))
            inside += 1
        writer = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env)
        assert writer.stdout.readline().strip() == "ready"
        # Let it save a few answers, then kill it wherever it is (mostly mid-save).
        for _ in range(rng.randint(1, 6)):
            line = writer.stdout.readline()
            if not line:
                break
            acknowledged.add(int(line))
        if writer.poll() is None:
            writer.send_signal(signal.SIGKILL)
        writer.wait()
        number = max(acknowledged, default=-1) + 1
        while number in acknowledged or any(  # an answer saved but not yet reported
                f"q{number}" == q for q in ProgressStore(path, "amina", renames={},
                                                          check_answers=False).lesson("crash")):
            number += 1
        most_orphans = max(most_orphans, len(_orphans(tmp_path)))

    saved = ProgressStore(path, "amina", renames={}, check_answers=False)
    assert not saved.warnings, saved.warnings  # the file is never damaged
    records = saved.lesson("crash")
    lost = sorted(n for n in acknowledged if records.get(f"q{n}", {}).get("answer") != n)
    orphans = len(_orphans(tmp_path))
    print(f"{KILLS} kills ({inside} inside a save), {len(acknowledged)} answers acknowledged, "
          f"{len(lost)} lost; {orphans} temporary files left before the next save "
          f"(at most {most_orphans} at once)")
    assert not lost, f"answers reported as saved but lost: {lost[:10]}"
    assert len(acknowledged) >= KILLS // 2
    assert most_orphans >= 1, "no kill hit a save in progress: the test tested nothing"

    # One more writer dies at its first save, leaving its temporary file; the next save
    # removes what the kills left behind.
    subprocess.run([sys.executable, "-c", WRITER, str(path), str(number), "1"],
                   stdout=subprocess.DEVNULL, env=env)
    assert _orphans(tmp_path), "the writer killed inside its save left no temporary file"
    saved.record_check("crash", "after", 1, "1", True)
    assert _orphans(tmp_path) == []
