"""A class on one server (issue 17): the JupyterHub recipe of deploy/jupyterhub, run for real.

On this machine, on 127.0.0.1 only: JupyterHub (from PyPI) with configurable-http-proxy
(from npm, installed by ``make test``), the recipe's LocalProcessSpawner starting each
student's server as that student's Unix account, a test password for the logins, and the
lessons given by an nbgitpuller link to a bare clone of HEAD (``file://``).

1. Student A alone: follows the nbgitpuller link, logs in (Chromium), gets the lessons
   cloned into ~/mali-lessons, lesson 00 opens; Run All; the map draws; a quiz question is
   answered wrong, then right, through the browser; ``export_results()`` in a new cell hands
   in to the hand-in folder.
2. Both students at once (A coming back, B for the first time), each in their own browser,
   pressing "Sign in" together; the same steps.
3. Each student sees only their own progress; neither can read, list or replace the other's
   files (checked as each account with runuser); the teacher collects the hand-in folder and
   the class summary counts both students.

The times from "Sign in" to the lesson, the map and the quiz are printed and written to
artifacts/hub/timings.txt (benchmarks/hub_login.py prints the same figures on its own).
"""

from __future__ import annotations

import csv
import json
import os
import pwd
import stat
from pathlib import Path

import pytest

import hubkit
from mali_lessons.quiz.student_names import student_file_part

A, B = hubkit.STUDENTS
ARTIFACTS = hubkit.ROOT / "artifacts" / "hub"


def progress_path(user: str) -> Path:
    return hubkit.home_of(user) / ".mali_lessons" / f"progress-{student_file_part(user)}.json"


def handin_path(machine, user: str) -> Path:
    return machine.handin / f"results-{student_file_part(user)}.json"


def after_code(other: str) -> str:
    """What each student runs in a new cell after the quiz: hand in, then look at their own
    saved answers and try to read the other student's."""
    return (
        "from mali_lessons.quiz import export_results\n"
        "export_results()\n"
        "import json\n"
        "from mali_lessons.quiz.progress import default_progress_path\n"
        "print('mine:', json.loads(default_progress_path().read_text())['student'])\n"
        "try:\n"
        f"    open({str(progress_path(other))!r}).read()\n"
        "    print('other: read')\n"
        "except PermissionError:\n"
        "    print('other: PermissionError')\n"
    )


@pytest.fixture(scope="module")
def visits(class_machine, hub):
    """Phase 1 (A alone), then phase 2 (A and B together): what each visit showed."""
    started, password = hub
    chromium = hubkit.lab.find_chromium()
    link = hubkit.pull_link(class_machine.repo, class_machine.branch)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    alone = hubkit.visit(chromium, started, A, password, link, shots=ARTIFACTS,
                         after=after_code(B))
    started.stop_server(A)
    together = hubkit.visit_together(chromium, started, [A, B], password, link,
                                     after="", shots=None)
    together_by_user = {v.user: v for v in together}
    # B hands in and looks around after the timed part (A already did in phase 1)
    result = {"alone": alone, "together": together_by_user, "link": link}
    lines = [
        f"Student logins through JupyterHub on this machine ({os.cpu_count()} cores), "
        f"times from pressing 'Sign in' (nbgitpuller link, lesson {hubkit.LESSON}):",
        "one student alone (first login, lessons cloned):",
        "  " + alone.line(),
        "both students at once (A coming back, B first login):",
        *["  " + together_by_user[user].line() for user in (A, B)],
        f"students' Python: {class_machine.python.how}",
        f"lessons given by: nbgitpuller, file://{class_machine.repo}",
    ]
    (ARTIFACTS / "timings.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return result


def _check_visit(visit: hubkit.Visit) -> list[str]:
    problems = []
    if visit.problem:
        problems.append(f"{visit.user}: {visit.problem}")
    if visit.lab_ready_ms is None:
        problems.append(f"{visit.user}: the lesson never opened (pages: {visit.pages[-3:]})")
    if visit.map_ms is None:
        problems.append(f"{visit.user}: the map did not draw ({visit.maps})")
    if visit.quiz_ms is None:
        problems.append(f"{visit.user}: no quiz answer was checked")
    for text in visit.errors:
        problems.append(f"{visit.user}: an error shows in the lesson:\n{text[-800:]}")
    if visit.blocked:
        problems.append(f"{visit.user}: the browser tried to leave 127.0.0.1: {visit.blocked}")
    return problems


def test_one_student_gets_the_lessons_through_an_nbgitpuller_link(visits, class_machine):
    visit = visits["alone"]
    assert not _check_visit(visit), "\n".join(_check_visit(visit))
    assert any("/git-pull?" in page for page in visit.pages), visit.pages
    assert (hubkit.home_of(A) / hubkit.REPO_NAME / "notebooks" / hubkit.LESSON).exists()
    assert str(hubkit.home_of(A)) in visit.progress_cell
    record = json.loads(progress_path(A).read_text())["lessons"][hubkit.LESSON_BANK]
    assert record[visit.question]["correct"] is True and record[visit.question]["tries"] == 2


def test_two_students_at_once(visits):
    problems = [p for user in (A, B) for p in _check_visit(visits["together"][user])]
    assert not problems, "\n".join(problems)
    # A came back: the answer of phase 1 stayed, so A answered the next question
    assert visits["together"][A].question != visits["alone"].question


def test_each_student_sees_only_their_own_progress(visits):
    for user in (A, B):
        content = json.loads(progress_path(user).read_text())
        assert content["student"] == user
        assert stat.S_IMODE(progress_path(user).stat().st_mode) == 0o600
        assert stat.S_IMODE(hubkit.home_of(user).stat().st_mode) == 0o700
    assert f"mine: {A}" in visits["alone"].export_cell
    assert "other: PermissionError" in visits["alone"].export_cell


def test_the_handin_goes_to_the_teachers_folder(visits, class_machine):
    assert "handed in" in visits["alone"].export_cell, visits["alone"].export_cell
    done = hubkit.run_as(B, [str(class_machine.python.python), "-c",
                             "from mali_lessons.quiz import export_results; export_results()"],
                         class_machine.env(B, MALI_LESSONS_HANDIN=str(class_machine.handin),
                                           JUPYTERHUB_USER=B))
    assert done.returncode == 0 and "handed in" in done.stdout, done.stdout + done.stderr
    teacher_gid = pwd.getpwnam(hubkit.TEACHER).pw_gid
    for user in (A, B):
        path = handin_path(class_machine, user)
        info = path.stat()
        assert info.st_uid == pwd.getpwnam(user).pw_uid
        assert info.st_gid == teacher_gid, "the folder's set-group-id bit gives it the teacher's group"
        assert stat.S_IMODE(info.st_mode) == 0o640
        assert json.loads(path.read_text())["student"] == user


READ_OTHERS = """
import json, os, sys
other_progress, other_handin, handin = sys.argv[1:4]
tries = {
    "read the other's progress": lambda: open(other_progress).read(),
    "list the other's saved answers": lambda: os.listdir(os.path.dirname(other_progress)),
    "read the other's hand-in": lambda: open(other_handin).read(),
    "write over the other's hand-in": lambda: open(other_handin, "w").write("{}"),
    "delete the other's hand-in": lambda: os.unlink(other_handin),
    "list the hand-in folder": lambda: os.listdir(handin),
}
out = {}
for what, attempt in tries.items():
    try:
        attempt()
        out[what] = "allowed"
    except PermissionError:
        out[what] = "PermissionError"
    except OSError as err:
        out[what] = type(err).__name__
print(json.dumps(out))
"""


@pytest.mark.parametrize("user, other", [(A, B), (B, A)])
def test_no_student_can_read_or_change_the_others_files(visits, class_machine, user, other):
    before = handin_path(class_machine, other).read_bytes()
    done = hubkit.run_as(user, [str(class_machine.python.python), "-c", READ_OTHERS,
                                str(progress_path(other)), str(handin_path(class_machine, other)),
                                str(class_machine.handin)], class_machine.env(user))
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(outcome.values()) == {"PermissionError"}, outcome
    assert handin_path(class_machine, other).read_bytes() == before


def test_the_teacher_collects_both_students(visits, class_machine):
    summary = hubkit.home_of(hubkit.TEACHER) / "class_summary"
    done = hubkit.run_as(hubkit.TEACHER, [str(class_machine.python.python), "-m", "mali_lessons",
                                          "collect", str(class_machine.handin), "--out",
                                          str(summary)], class_machine.env(hubkit.TEACHER))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "class summary of 2 students" in done.stdout, done.stdout
    with open(summary / "class_summary.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    both = {row["question"]: row for row in rows if row["lesson"] == hubkit.LESSON_BANK}
    question = visits["alone"].question  # A in phase 1, B in phase 2: both answered it
    assert both[question]["students"] == "2" and both[question]["answered"] == "2", both
    assert both[question]["right"] == "2", both[question]
