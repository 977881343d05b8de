"""Saved answers come back in every case that was found to lose them (issue 10, part 2).

Each test builds the bad case for real: a folder the student cannot write (a process that
runs as the user ``nobody``), a FIFO in place of the file, JSON nested 200,000 levels deep...
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pwd
import shutil
import tempfile
from pathlib import Path

import pytest

from mali_lessons.quiz import progress
from mali_lessons.quiz.progress import ProgressStore, ProgressWarning, student_file_part
from mali_lessons.quiz.model import load_bank
from mali_lessons.quiz.widgets import Quiz
from mali_lessons.teacher import export_results, results_file_name

LESSON = "04_withdrawal"


def _record(answer, text="x", correct=False, **more):
    base = {"answer": answer, "answer_text": text, "correct": correct, "tries": 1,
            "right_on_try": 1 if correct else None, "revealed": False, "wrong_answers": [],
            "first_at": "2026-11-30T10:00:00Z", "last_at": "2026-11-30T10:00:00Z"}
    return {**base, **more}


def _file(path: Path, lessons: dict, student: str = "amina", encoding: str = "utf-8") -> None:
    path.write_text(json.dumps({"format": 1, "student": student, "updated": None,
                                "lessons": lessons}, ensure_ascii=False), encoding=encoding)


def _question(kind: str, lesson: str = LESSON):
    bank = load_bank(lesson)
    return next(q for q in bank.questions if q.kind == kind)


def _good_lessons() -> dict:
    tf = _question("truefalse", "08_review")
    return {"08_review": {tf.id: _record(tf.answer, tf.answer_text(tf.answer), True)}}


# -- a folder that cannot be written ----------------------------------------------------------


def _as_nobody(target, *args):
    """Run ``target(*args)`` in a child process as the user nobody (a real unwritable folder
    even for tests run as root); return what it returned."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(reader)
        try:
            if os.getuid() == 0:
                nobody = pwd.getpwnam("nobody")
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
            result = {"ok": target(*args)}
        except BaseException as err:  # reported to the parent, which fails the test
            result = {"error": f"{type(err).__name__}: {err}"}
        os.write(writer, json.dumps(result).encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader) as pipe:
        text = pipe.read()
    os.waitpid(pid, 0)
    result = json.loads(text)
    assert "error" not in result, result["error"]
    return result["ok"]


def _open_read_only(path: str):
    import warnings

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        store = ProgressStore(Path(path), "amina")
        loaded = store.lessons()
        before = Path(path).read_bytes()
        record = store.record_check(LESSON, "new_question", None, "later", False)
        return {"lessons": loaded, "saves": store.saves_to_disk,
                "warnings": store.warnings, "tries": record["tries"],
                "unchanged": Path(path).read_bytes() == before}


@pytest.fixture
def open_folder():
    """A folder every user can reach (pytest's own tmp folders are private to their owner)."""
    folder = Path(tempfile.mkdtemp(prefix="mali-read-only-"))
    os.chmod(folder, 0o755)
    yield folder
    os.chmod(folder, 0o755)
    shutil.rmtree(folder, ignore_errors=True)


def test_answers_in_a_read_only_folder_still_load(open_folder):
    folder = open_folder / "class"
    folder.mkdir()
    path = folder / "progress-amina.json"
    _file(path, _good_lessons())
    os.chmod(path, 0o644)
    # As root the child runs as nobody, who cannot write a folder root owns; otherwise the
    # folder is made read-only for its owner.
    os.chmod(folder, 0o755 if os.getuid() == 0 else 0o555)
    seen = _as_nobody(_open_read_only, str(path))
    assert seen["lessons"] == _good_lessons(), "the answers saved before must load"
    assert not seen["saves"] and seen["unchanged"] and seen["tries"] == 1
    assert len(seen["warnings"]) == 1
    assert "new answers cannot be saved there" in seen["warnings"][0]
    assert not (folder / "progress-amina.json.lock").exists()


# -- one file per student ---------------------------------------------------------------------


def test_names_in_any_script_get_their_own_files(tmp_path, monkeypatch):
    monkeypatch.setenv("MALI_LESSONS_PROGRESS", str(tmp_path))
    names = ["Игорь", "محمد", "李雷", "Amina Traoré", "Amina Traor", "amina traore", "student"]
    paths = {progress.default_progress_path(n) for n in names}
    assert len(paths) == len(names)
    assert {results_file_name(n) for n in names} == {
        p.name.replace("progress-", "results-", 1) for p in paths}
    assert student_file_part("Amina Traoré").startswith("amina-traore-")
    assert student_file_part("Игорь").startswith("игорь-")
    # the same name written another way (NFD accents, extra spaces) is the same student
    assert student_file_part("Amina  Traore\u0301") == student_file_part("Amina Traoré")
    for name in names:
        ProgressStore.for_student(name).record_check(LESSON, "q", None, name, False)
    for name in names:
        assert ProgressStore.for_student(name).get(LESSON, "q")["answer_text"] == name


def test_a_file_of_another_student_is_neither_loaded_nor_changed(tmp_path):
    path = tmp_path / "progress-shared.json"
    _file(path, _good_lessons(), student="bakary")
    before = path.read_bytes()
    with pytest.warns(ProgressWarning, match="answers of bakary, not of amina"):
        store = ProgressStore(path, "amina")
    assert store.lessons() == {}
    store.record_check(LESSON, "q", None, "mine", False)
    assert path.read_bytes() == before and not store.saves_to_disk
    assert store.get(LESSON, "q")["answer_text"] == "mine"


def test_a_file_named_by_the_old_rule_is_read_once(tmp_path, monkeypatch):
    monkeypatch.setenv("MALI_LESSONS_PROGRESS", str(tmp_path))
    old = tmp_path / "progress-amina.json"
    _file(old, _good_lessons())
    store = ProgressStore.for_student("amina")
    assert store.lessons() == _good_lessons()
    store.record_check(LESSON, "q", None, "new", False)
    new = progress.default_progress_path("amina")
    assert new != old and json.loads(new.read_text())["lessons"]["08_review"]
    # the old rule gave Игорь and 李雷 one file: the one that is 李雷's is not Игорь's
    _file(tmp_path / "progress-student.json", _good_lessons(), student="李雷")
    assert ProgressStore.for_student("Игорь").lessons() == {}
    assert ProgressStore.for_student("李雷").lessons() == _good_lessons()


# -- values of the wrong type -----------------------------------------------------------------


def _wrong_types():
    numeric, order, match = _question("numeric"), _question("order", "08_review"), _question(
        "match", "08_review")
    return {
        "numeric answer 'abc'": (LESSON, numeric.id, _record("abc")),
        "order answer 5": ("08_review", order.id, _record(5)),
        "match answer 'x'": ("08_review", match.id, _record("x")),
        "wrong_answers 5": (LESSON, numeric.id, _record(311.0, wrong_answers=5)),
    }


@pytest.mark.parametrize("case", list(_wrong_types()))
def test_a_value_of_the_wrong_type_sets_the_file_aside(tmp_path, case):
    lesson, question_id, record = _wrong_types()[case]
    path = tmp_path / "progress-amina.json"
    lessons = _good_lessons()
    lessons.setdefault(lesson, {})[question_id] = record
    _file(path, lessons)
    damaged = path.read_bytes()
    with pytest.warns(ProgressWarning, match="could not be read") as caught:
        store = ProgressStore(path, "amina")
        quiz = Quiz.from_bank(lesson, store=store, teacher_mode=False)  # the lesson opens
    assert f"question {question_id}" in str(caught[0].message)
    assert "warning" in quiz.warning_box.value.lower() or quiz.warning_box.value
    kept = list(tmp_path.glob("progress-amina.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    out = export_results(tmp_path / "out.json", store=store)  # and the export works
    assert out is not None and json.loads(out.read_text())["student"] == "amina"


# -- JSON that breaks readers -----------------------------------------------------------------


def _deep_file(path: Path, depth: int) -> None:
    head = '{"format": 1, "student": "amina", "lessons": {"l": {"q": {"tries": 1, ' \
           '"correct": false, "answer": '
    path.write_text(head + "[" * depth + "]" * depth + "}}}}", encoding="utf-8")


def _lone_surrogate_file(path: Path) -> None:
    path.write_text('{"format": 1, "student": "amina", "lessons": {"l": {"q": {"tries": 1, '
                    '"correct": false, "answer_text": "\\ud800"}}}}', encoding="utf-8")


@pytest.mark.parametrize("make", [lambda p: _deep_file(p, 200_000), _lone_surrogate_file],
                         ids=["nested 200,000 deep", "lone surrogate escape"])
def test_json_that_breaks_readers_is_set_aside(tmp_path, make):
    path = tmp_path / "progress-amina.json"
    make(path)
    with pytest.warns(ProgressWarning, match="could not be read"):
        store = ProgressStore(path, "amina", check_answers=False)
    assert store.lessons() == {}
    store.record_check("l", "q", 1, "1", True)  # saving works again
    assert ProgressStore(path, "amina").get("l", "q")["correct"] is True
    assert len(list(tmp_path.glob("*.damaged-*"))) == 1


def test_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "progress-amina.json"
    _file(path, _good_lessons(), encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    store = ProgressStore(path, "amina")
    assert store.lessons() == _good_lessons() and not store.warnings
    assert not list(tmp_path.glob("*.damaged-*"))


def _open_store(path: str) -> None:
    ProgressStore(Path(path), "amina").record_check("l", "q", 1, "1", True)


def test_a_fifo_in_place_of_the_file_does_not_hang(tmp_path):
    path = tmp_path / "progress-amina.json"
    os.mkfifo(path)
    child = multiprocessing.get_context("fork").Process(target=_open_store, args=(str(path),))
    child.start()
    child.join(60)  # a guard against a hang, not a measurement
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail("opening the store hung on a FIFO")
    assert child.exitcode == 0
    assert ProgressStore(path, "amina").get("l", "q")["correct"] is True
    assert len(list(tmp_path.glob("progress-amina.json.damaged-*"))) == 1


def test_orphan_temporary_files_are_removed_at_the_next_save(tmp_path):
    path = tmp_path / "progress-amina.json"
    orphans = [tmp_path / f".progress-amina.json.{n}abc.tmp" for n in range(5)]
    for orphan in orphans:
        orphan.write_text("{half a fi")
    other = tmp_path / ".progress-bakary.json.x.tmp"
    other.write_text("")
    ProgressStore(path, "amina").record_check("l", "q", 1, "1", True)
    assert not any(o.exists() for o in orphans)
    assert other.exists(), "another file's temporary files are not ours to remove"
