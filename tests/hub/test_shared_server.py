"""Reliability on a shared server (issue 17, part 3), with the real test accounts.

* Two students saving at the same moment, then handing in at the same moment, each as their
  own Unix account, never mix answers -- in their own homes (the recipe), and in one shared
  progress folder (MALI_LESSONS_PROGRESS, as the guide allows on shared computers).
* A student whose disk is full keeps the answers already saved and is told that new ones
  cannot be saved (a 256 KB tmpfs as the progress folder; where mounting is not allowed, a
  file-size limit, RLIMIT_FSIZE, as with ``ulimit -f``).
* The hand-in file is named after the login, never after MALI_LESSONS_STUDENT, and no
  student can replace, remove or pre-empt another's results unnoticed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import stat
import subprocess
import time
from pathlib import Path

import pytest

import hubkit
from mali_lessons.quiz.student_names import student_file_part

A, B = hubkit.STUDENTS
LESSON = hubkit.LESSON_BANK
ROUNDS = 25

#: What each student answers, over and over: answers no other student gives.
ANSWERS = {
    A: [("capital", "Gao", "Gao", False), ("has_coast", True, "True", False)],
    B: [("capital", "Timbuktu", "Timbuktu", False), ("has_coast", False, "False", True)],
}

SAVE_THEN_HAND_IN = """
import json, sys, time
from mali_lessons.quiz.progress import ProgressStore
from mali_lessons.quiz import export_results
save_at, hand_in_at, rounds = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
answers = json.loads(sys.argv[4])
store = ProgressStore.for_student()
ready = time.time()
while time.time() < save_at:
    time.sleep(0.0005)
started = time.time()
for _ in range(rounds):
    for question, value, text, correct in answers:
        store.record_check("%s", question, value, text, correct)
finished = time.time()
while time.time() < hand_in_at:
    time.sleep(0.0005)
handed = time.time()
path = export_results(lesson="%s")
print(json.dumps({"path": str(path), "warnings": store.warnings, "ready": ready,
                  "started": started, "finished": finished, "handed": handed}))
""" % (LESSON, LESSON)


def _new_handin(machine, name: str) -> Path:
    return hubkit.make_handin(machine.base, name)


def _tries(progress: Path) -> dict[str, int]:
    """Tries per question already saved in ``progress`` (answers of earlier tests)."""
    try:
        saved = json.loads(progress.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {q: r["tries"] for q, r in saved["lessons"].get(LESSON, {}).items()}


def _progress_folder(machine, where: str, user: str) -> Path:
    if where == "homes":
        return hubkit.home_of(user) / ".mali_lessons"
    return machine.base / "shared-progress"


@pytest.mark.parametrize("where", ["homes", "shared-folder"])
def test_saving_and_handing_in_at_the_same_moment_never_mixes(class_machine, where):
    handin = _new_handin(class_machine, f"handin-together-{where}")
    env_extra = {"MALI_LESSONS_HANDIN": str(handin)}
    if where == "shared-folder":
        shared = class_machine.base / "shared-progress"
        shared.mkdir(mode=0o1777, exist_ok=True)
        os.chmod(shared, 0o1777)
        env_extra["MALI_LESSONS_PROGRESS"] = str(shared) + "/"
    before = {user: _tries(_progress_folder(class_machine, where, user) /
                           f"progress-{student_file_part(user)}.json") for user in (A, B)}
    save_at = time.time() + 8
    hand_in_at = save_at + 4
    procs = {
        user: hubkit.popen_as(user, [str(class_machine.python.python), "-c", SAVE_THEN_HAND_IN,
                                     str(save_at), str(hand_in_at), str(ROUNDS),
                                     json.dumps(ANSWERS[user])],
                              class_machine.env(user, JUPYTERHUB_USER=user, **env_extra))
        for user in (A, B)
    }
    outcomes = {}
    for user, proc in procs.items():
        try:
            out, err = proc.communicate(timeout=90)
        finally:
            hubkit.stop_group(proc)
        assert proc.returncode == 0, err
        outcomes[user] = json.loads(out.strip().splitlines()[-1])
    for user in (A, B):
        assert outcomes[user]["ready"] < save_at, f"{user} was not ready in time: {outcomes}"
        assert not outcomes[user]["warnings"], outcomes[user]["warnings"]
    # the two students really saved at the same time, and handed in at the same time
    assert outcomes[A]["started"] < outcomes[B]["finished"]
    assert outcomes[B]["started"] < outcomes[A]["finished"]
    assert abs(outcomes[A]["handed"] - outcomes[B]["handed"]) < 0.1

    for user in (A, B):
        progress = _progress_folder(class_machine, where, user) / \
            f"progress-{student_file_part(user)}.json"
        saved = json.loads(progress.read_text(encoding="utf-8"))
        assert saved["student"] == user
        records = saved["lessons"][LESSON]
        for question, value, text, correct in ANSWERS[user]:
            record = records[question]
            expected_tries = before[user].get(question, 0) + ROUNDS
            assert record["tries"] == expected_tries, (user, question, record["tries"])
            assert record["answer"] == value and record["answer_text"] == text
            assert set(record["wrong_answers"]) <= {text}, (user, record["wrong_answers"])
        assert progress.stat().st_uid == pwd.getpwnam(user).pw_uid
        assert stat.S_IMODE(progress.stat().st_mode) == 0o600

        handed = handin / f"results-{student_file_part(user)}.json"
        assert outcomes[user]["path"] == str(handed)
        document = json.loads(handed.read_text(encoding="utf-8"))
        assert document["student"] == user
        questions = document["lessons"][LESSON]["questions"]
        for question, value, text, correct in ANSWERS[user]:
            assert questions[question]["value"] == value
            assert questions[question]["tries"] == before[user].get(question, 0) + ROUNDS
    names = sorted(p.name for p in handin.iterdir())
    assert names == sorted(f"results-{student_file_part(u)}.json" for u in (A, B)), names


FILL_THE_DISK = """
import json, os, resource, signal, sys, warnings
from pathlib import Path
from mali_lessons.quiz.progress import ProgressStore
folder, how = Path(sys.argv[1]), sys.argv[2]
store = ProgressStore.for_student()
store.record_check("%s", "capital", "Bamako", "Bamako", True)
store.record_check("%s", "has_coast", False, "False", True)
if how == "tmpfs":
    with open(folder / "filler", "wb", buffering=0) as filler:
        for size in (65536, 4096, 1):
            try:
                while True:
                    filler.write(b"x" * size)
            except OSError:
                pass
else:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
with warnings.catch_warnings(record=True) as shown:
    warnings.simplefilter("always")
    record = store.record_check("%s", "capital", "Gao", "Gao", False)
print(json.dumps({"warnings": store.warnings, "shown": [str(w.message) for w in shown],
                  "saves_to_disk": store.saves_to_disk, "in_memory_tries": record["tries"]}))
""" % (LESSON, LESSON, LESSON)


def _mount_small_disk(folder: Path, user: str) -> bool:
    entry = pwd.getpwnam(user)
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o",
                           f"size=256k,mode=0700,uid={entry.pw_uid},gid={entry.pw_gid}",
                           "mali-hub-test", str(folder)], capture_output=True, text=True)
    return done.returncode == 0


def test_a_full_disk_keeps_the_saved_answers_and_says_so(class_machine):
    folder = class_machine.base / "small-disk"
    how = "tmpfs" if _mount_small_disk(folder, A) else "ulimit"
    if how == "ulimit":
        os.chown(folder, pwd.getpwnam(A).pw_uid, pwd.getpwnam(A).pw_gid)
    try:
        done = hubkit.run_as(A, [str(class_machine.python.python), "-c", FILL_THE_DISK,
                                 str(folder), how],
                             class_machine.env(A, MALI_LESSONS_PROGRESS=str(folder) + "/"))
        assert done.returncode == 0, done.stderr
        outcome = json.loads(done.stdout.strip().splitlines()[-1])
        # told: the quiz's own message, with the reason
        assert any("cannot be saved" in text for text in outcome["warnings"]), outcome
        reason = "No space left on device" if how == "tmpfs" else "File too large"
        assert any(reason in text for text in outcome["warnings"]), (how, outcome)
        assert outcome["shown"], "the warning is shown (warnings.warn), not only stored"
        assert outcome["saves_to_disk"] is False and outcome["in_memory_tries"] == 2
        # the answers saved before are whole on disk; nothing half-written is left
        progress = folder / f"progress-{student_file_part(A)}.json"
        saved = json.loads(progress.read_text(encoding="utf-8"))["lessons"][LESSON]
        assert saved["capital"]["answer"] == "Bamako" and saved["capital"]["tries"] == 1
        assert saved["has_coast"]["correct"] is True
        leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
        assert leftovers == [], leftovers
    finally:
        if how == "tmpfs":
            subprocess.run(["umount", str(folder)], capture_output=True)


HAND_IN = """
from mali_lessons.quiz.progress import ProgressStore
from mali_lessons.quiz import export_results
store = ProgressStore.in_memory()
store.record_check("%s", "capital", "Bamako", "Bamako", True)
print("RESULT", export_results(lesson="%s", store=store))
""" % (LESSON, LESSON)


def _hand_in_as(machine, user: str, handin: Path, **extra: str) -> subprocess.CompletedProcess:
    return hubkit.run_as(user, [str(machine.python.python), "-c", HAND_IN],
                         machine.env(user, MALI_LESSONS_HANDIN=str(handin), **extra))


@pytest.mark.parametrize("hub_user", [True, False], ids=["on-the-hub", "unix-login"])
def test_the_handin_name_comes_from_the_login_not_the_typed_name(class_machine, hub_user):
    handin = _new_handin(class_machine, f"handin-names-{hub_user}")
    extra = {"MALI_LESSONS_STUDENT": B}  # A types B's name
    if hub_user:
        extra["JUPYTERHUB_USER"] = A
    done = _hand_in_as(class_machine, A, handin, **extra)
    assert done.returncode == 0, done.stderr
    expected = handin / f"results-{student_file_part(A)}.json"
    assert f"RESULT {expected}" in done.stdout, done.stdout
    assert json.loads(expected.read_text(encoding="utf-8"))["student"] == A
    assert sorted(p.name for p in handin.iterdir()) == [expected.name]


REPLACE_OTHERS = """
import json, os, sys, tempfile
target, folder = sys.argv[1], sys.argv[2]
handle, mine = tempfile.mkstemp(dir=folder, suffix=".part")
os.write(handle, b"{}"); os.close(handle)
tries = {
    "write over it": lambda: open(target, "w").write("{}"),
    "append to it": lambda: open(target, "a").write("{}"),
    "rename a file over it": lambda: os.replace(mine, target),
    "delete it": lambda: os.unlink(target),
    "read it": lambda: open(target).read(),
}
out = {}
for what, attempt in tries.items():
    try:
        attempt()
        out[what] = "allowed"
    except OSError as err:
        out[what] = type(err).__name__
os.unlink(mine)
print(json.dumps(out))
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_no_student_can_replace_or_remove_anothers_handin(class_machine):
    handin = _new_handin(class_machine, "handin-replace")
    assert _hand_in_as(class_machine, B, handin, JUPYTERHUB_USER=B).returncode == 0
    target = handin / f"results-{student_file_part(B)}.json"
    before = _digest(target)

    done = hubkit.run_as(A, [str(class_machine.python.python), "-c", REPLACE_OTHERS,
                             str(target), str(handin)], class_machine.env(A))
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(outcome.values()) == {"PermissionError"}, outcome

    # A pretends to be B on the Hub: told, and B's file stays B's
    done = _hand_in_as(class_machine, A, handin, JUPYTERHUB_USER=B)
    assert "belongs to another account (ml_student_b)" in done.stdout, done.stdout
    assert "RESULT None" in done.stdout
    assert _digest(target) == before and target.stat().st_uid == pwd.getpwnam(B).pw_uid


def test_a_name_taken_first_by_another_student_is_reported(class_machine):
    handin = _new_handin(class_machine, "handin-taken")
    squat = handin / f"results-{student_file_part(B)}.json"
    hubkit.run_as(A, ["sh", "-c", f"echo '{{}}' > {squat}"], class_machine.env(A))
    assert squat.stat().st_uid == pwd.getpwnam(A).pw_uid
    done = _hand_in_as(class_machine, B, handin, JUPYTERHUB_USER=B)
    assert f"{squat} already exists and belongs to another account ({A})" in done.stdout
    assert "Tell your teacher" in done.stdout
    # the teacher sees who made it: the file belongs to A, not to the student it names
    assert pwd.getpwuid(squat.stat().st_uid).pw_name == A
