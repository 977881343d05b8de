"""Saving and restoring progress: atomic writes, damaged files, two writers, read-only folders."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from mali_lessons import jsonfile
from mali_lessons.quiz import progress
from mali_lessons.quiz.progress import ProgressStore, ProgressWarning, default_progress_path


def test_round_trip(tmp_path):
    path = tmp_path / "p" / "progress-amina.json"
    store = ProgressStore(path, "amina")
    store.record_check("l1", "q1", 300.0, "300", False)
    record = store.record_check("l1", "q1", 311.0, "311", True)
    assert record["tries"] == 2 and record["correct"] and record["right_on_try"] == 2
    assert record["wrong_answers"] == ["300"]
    assert record["first_at"] <= record["last_at"]
    again = ProgressStore(path, "amina")
    assert again.get("l1", "q1") == record
    content = json.loads(path.read_text())
    assert content["student"] == "amina" and content["format"] == progress.FORMAT


def test_default_path_and_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("MALI_LESSONS_PROGRESS", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    part = progress.student_file_part("a b/c")
    assert part.startswith("a-b-c-") and len(part) == len("a-b-c-") + 8
    assert default_progress_path("a b/c") == tmp_path / ".mali_lessons" / f"progress-{part}.json"
    monkeypatch.setenv("MALI_LESSONS_PROGRESS", str(tmp_path / "class"))
    amina = progress.student_file_part("amina")
    assert default_progress_path("amina") == tmp_path / "class" / f"progress-{amina}.json"
    monkeypatch.setenv("MALI_LESSONS_PROGRESS", str(tmp_path / "mine.json"))
    assert default_progress_path("amina") == tmp_path / "mine.json"
    monkeypatch.setenv("MALI_LESSONS_STUDENT", "zoe")
    assert progress.student_id() == "zoe"


def test_crash_during_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "progress-amina.json"
    store = ProgressStore(path, "amina")
    store.record_check("l1", "q1", "a", "a", True)
    before = path.read_bytes()

    def crash(src, dst):
        raise RuntimeError("power cut during os.replace")

    monkeypatch.setattr(progress.os, "replace", crash)
    with pytest.raises(RuntimeError):
        store.record_check("l1", "q2", "b", "b", False)
    assert path.read_bytes() == before, "the old file was changed"
    leftovers = [p.name for p in tmp_path.iterdir()
                 if p.name not in {path.name, path.name + ".lock"}]
    assert leftovers == [], f"temporary files left behind: {leftovers}"


def test_write_is_flushed_to_disk_before_the_rename(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(progress.os, "fsync", lambda fd: (calls.append("fsync"),
                                                          real_fsync(fd))[1])
    monkeypatch.setattr(progress.os, "replace", lambda a, b: (calls.append("replace"),
                                                              real_replace(a, b))[1])
    ProgressStore(tmp_path / "p.json", "amina").record_check("l", "q", 1, "1", True)
    assert calls.index("fsync") < calls.index("replace")


@pytest.mark.parametrize("damage", ["{not json", "", '{"format": 1, "lessons": []}',
                                    '{"format": 1, "lessons": {"l": {"q": {"tries": "x"}}}}',
                                    "\udcff"])
def test_damaged_file_is_moved_aside_with_a_warning(tmp_path, damage):
    path = tmp_path / "progress-amina.json"
    path.write_bytes(damage.encode("utf-8", "surrogateescape"))
    with pytest.warns(ProgressWarning, match="could not be read"):
        store = ProgressStore(path, "amina")
    kept = list(tmp_path.glob("progress-amina.json.damaged-*"))
    assert len(kept) == 1, "the damaged file must be kept"
    assert kept[0].read_bytes() == damage.encode("utf-8", "surrogateescape")
    assert store.warnings and kept[0].name in store.warnings[0]
    assert store.lessons() == {}
    store.record_check("l", "q", 1, "1", True)  # a fresh file is started
    assert ProgressStore(path, "amina").get("l", "q")["correct"] is True


def hammer(path: str, worker: int, writes: int) -> None:
    """One 'kernel': its own store on the shared file, many writes."""
    store = ProgressStore(Path(path), "amina")
    for n in range(writes):
        store.record_check("lesson", f"w{worker}_q{n}", n, str(n), n % 2 == 0)
        store.record_check("lesson", "shared", n, f"{worker}-{n}", False)


def test_two_kernels_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "progress-amina.json"
    writes = 60
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=hammer, args=(str(path), w, writes)) for w in range(2)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(timeout=120)
        assert p.exitcode == 0
    saved = ProgressStore(path, "amina").lesson("lesson")
    for w in range(2):
        for n in range(writes):
            assert saved[f"w{w}_q{n}"]["answer"] == n
    assert saved["shared"]["tries"] == 2 * writes, "an update of the shared question was lost"
    assert len(saved) == 2 * writes + 1


def test_read_only_folder_falls_back_to_memory(tmp_path, monkeypatch):
    # Tests run as root, for whom chmod 0o500 does not stop writes. So the folder is made
    # unwritable the way the code sees it: creating the temporary file fails with EACCES.
    path = tmp_path / "progress-amina.json"
    store = ProgressStore(path, "amina")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jsonfile.tempfile, "mkstemp", refuse)
    with pytest.warns(ProgressWarning, match="cannot be saved"):
        record = store.record_check("l", "q", 1, "1", True)
    assert record["correct"] and not store.saves_to_disk
    assert store.get("l", "q")["correct"] is True  # still there for this session
    assert "Permission denied" in store.warnings[0]
    assert not path.exists()


def test_folder_that_cannot_exist_falls_back_to_memory(monkeypatch):
    # /dev/null is a file, so nothing can be created under it, even by root.
    store = ProgressStore(Path("/dev/null/mali/progress-amina.json"), "amina")
    with pytest.warns(ProgressWarning):
        store.record_check("l", "q", "x", "x", False)
    assert not store.saves_to_disk and store.get("l", "q")["tries"] == 1


def test_warning_is_visible_in_the_quiz(tmp_path):
    from mali_lessons.quiz.widgets import Quiz
    from quiz_testdata import make_data_dir

    data_dir = make_data_dir(tmp_path)
    path = tmp_path / "progress-amina.json"
    path.write_text("{broken")
    with pytest.warns(ProgressWarning):
        quiz = Quiz.from_bank("demo", data_dir, store=ProgressStore(path, "amina"))
    assert "could not be read" in quiz.warning_box.value
