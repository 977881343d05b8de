"""The hand-in folder (issue 17): export_results() writes there when MALI_LESSONS_HANDIN is set,
under the login name, readable by the teacher's group only, never over another's file.

These run as any user; the tests with real student accounts and a real JupyterHub are in
tests/hub/.
"""

from __future__ import annotations

import json
import os
import pwd
import stat
from pathlib import Path

import pytest

from mali_lessons.handin import (
    HANDIN_FILE_MODE,
    HandInRefused,
    hand_in,
    handin_file_name,
    login_name,
)
from mali_lessons.messages import msg
from mali_lessons.quiz.progress import ProgressStore
from mali_lessons.teacher import export_results, results_file_name

LESSON = "00_start_here"


@pytest.fixture
def store() -> ProgressStore:
    answers = ProgressStore.in_memory("What The Student Typed")
    answers.record_check(LESSON, "capital", "Bamako", "Bamako", True)
    return answers


@pytest.fixture
def handin(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "handin"
    folder.mkdir()
    monkeypatch.setenv("MALI_LESSONS_HANDIN", str(folder))
    monkeypatch.setenv("MALI_LESSONS_STUDENT", "ml_student_b")  # typed: must not count
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.chdir(tmp_path)
    return folder


def unix_login() -> str:
    return pwd.getpwuid(os.getuid()).pw_name


def test_the_file_is_named_after_the_login_not_the_typed_name(handin, store, capsys):
    path = export_results(lesson=LESSON, store=store)
    assert path == handin / results_file_name(unix_login())
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["student"] == unix_login()
    assert document["lessons"][LESSON]["questions"]["capital"]["correct"] is True
    assert msg("handin_written", path=path) in capsys.readouterr().out
    assert list(handin.iterdir()) == [path], "no temporary file is left"
    assert not (Path.cwd() / results_file_name("What The Student Typed")).exists()


def test_on_a_hub_the_name_is_the_hub_login(handin, store, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "Amina.Traore")
    path = export_results(lesson=LESSON, store=store)
    assert path.name == handin_file_name("Amina.Traore") == results_file_name("Amina.Traore")
    assert json.loads(path.read_text(encoding="utf-8"))["student"] == "Amina.Traore"


def test_user_variables_do_not_change_the_unix_login(monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    for variable in ("USER", "LOGNAME", "USERNAME", "LNAME"):
        monkeypatch.setenv(variable, "ml_student_b")
    assert login_name() == unix_login()


def test_the_file_is_readable_by_the_teachers_group_only(handin, store):
    path = export_results(lesson=LESSON, store=store)
    assert stat.S_IMODE(path.stat().st_mode) == HANDIN_FILE_MODE == 0o640


def test_handing_in_again_replaces_ones_own_file(handin, store):
    first = export_results(lesson=LESSON, store=store)
    store.record_check(LESSON, "has_coast", False, "False", True)
    second = export_results(lesson=LESSON, store=store)
    assert first == second
    questions = json.loads(second.read_text(encoding="utf-8"))["lessons"][LESSON]["questions"]
    assert questions["has_coast"]["correct"] is True
    assert sorted(p.name for p in handin.iterdir()) == [second.name]


def test_a_missing_folder_is_reported_and_not_made(tmp_path, store, monkeypatch, capsys):
    missing = tmp_path / "no-such-folder"
    monkeypatch.setenv("MALI_LESSONS_HANDIN", str(missing))
    assert export_results(lesson=LESSON, store=store) is None
    out = capsys.readouterr().out
    assert "could not be saved" in out and str(missing) in out
    assert not missing.exists()


def test_a_path_given_by_the_student_still_wins(handin, store, tmp_path):
    own = tmp_path / "mine"
    own.mkdir()
    path = export_results(own, lesson=LESSON, store=store)
    assert path.parent == own
    assert list(handin.iterdir()) == []


def test_without_a_handin_folder_nothing_changes(tmp_path, store, monkeypatch):
    monkeypatch.delenv("MALI_LESSONS_HANDIN", raising=False)
    monkeypatch.chdir(tmp_path)
    path = export_results(lesson=LESSON, store=store)
    assert path == tmp_path / results_file_name("What The Student Typed")


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another account needs root")
def test_another_accounts_file_is_never_replaced(handin, store, capsys):
    target = handin / handin_file_name(login_name())
    target.write_text('{"someone": "else"}', encoding="utf-8")
    os.chown(target, 65534, 65534)  # nobody
    with pytest.raises(HandInRefused):
        hand_in({"kind": "x"}, handin)
    assert export_results(lesson=LESSON, store=store) is None
    assert "belongs to another account" in capsys.readouterr().out
    assert target.read_text(encoding="utf-8") == '{"someone": "else"}'
    assert sorted(p.name for p in handin.iterdir()) == [target.name]
