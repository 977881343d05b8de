"""Each student's quiz answers, saved to a JSON file and restored when a notebook runs again.

Where the file is
    By default ``~/.mali_lessons/progress-<name>-<code>.json`` in the student's home folder,
    where ``<name>`` is the student's name made safe for a file name (``amina-traore``) and
    ``<code>`` eight characters computed from the full name, so that two names never share a
    file (``Amina Traoré`` and ``Amina Traor``, or ``Игорь`` and ``李雷``). Results files
    handed in (``results-<name>-<code>.json``) follow the same rule.
    The environment variable ``MALI_LESSONS_PROGRESS`` changes the place: set it to a file
    (``/shared/class/progress-amina.json``) or to a folder (``/shared/class/``, where the file
    is named as above). A path ending in ``.json`` is a file; anything else is a folder.
    Files named by the older rule (``progress-amina.json``) are still read, once, when the new
    file does not exist yet and the old file names the same student.

Who the student is
    ``MALI_LESSONS_STUDENT`` when set, otherwise the name the student logged in with (on
    JupyterHub each student has their own). A file whose ``student`` field names someone else
    is never loaded or changed: the answers are then kept in memory, with a warning.

What is stored, per lesson and question
    ``answer`` (the answer last checked, as JSON), ``answer_text`` (the same in words),
    ``correct`` (whether that answer was right), ``tries`` (how many different answers were
    checked), ``right_on_try`` (the try that was right, or null), ``revealed`` (the student
    pressed "Show answer"), ``wrong_answers`` (the wrong answers given, in words),
    ``first_at`` and ``last_at`` (UTC timestamps). Answers saved under a lesson's former id
    (a lesson that was renamed, see ``former_ids`` in data/README.md) are read as the new
    lesson's.

How it is kept safe
    * Every write goes to a temporary file in the same folder, is flushed to disk (fsync) and
      then renamed over the old file, so a crash mid-write leaves the old file whole.
      Temporary files left by a crash are deleted at the next save.
    * A lock file (``<file>.lock``, from the filelock package) lets two notebooks (two
      kernels) save at the same time: each re-reads the file under the lock and applies only
      its own change, so nothing is lost.
    * A file that cannot be used -- damaged, edited by hand, with a value of the wrong type,
      or something that is not a file at all (a folder, a pipe) -- is renamed
      ``<file>.damaged-<UTC time>`` and a warning is shown; it is never deleted.
    * When the folder is read-only, the answers already saved are still read; new answers
      are kept in memory for this session and a warning says they will not be saved. The
      same happens when a save fails (full disk).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import warnings
from pathlib import Path
from typing import Any, Callable, Mapping

import filelock

from mali_lessons.jsonfile import UnreadableJson, read_json, remove_orphans, write_json_atomic
from mali_lessons.messages import msg
from mali_lessons.quiz.progress_check import (
    AnswerCheck,
    bank_answer_check,
    layout_problem,
    with_defaults,
)
from mali_lessons.quiz.student_names import (
    _legacy_file_part,
    _progress_folder_or_file,
    default_progress_path,
    same_student,
    student_file_part,
    student_id,
)

__all__ = [
    "FORMAT",
    "ProgressStore",
    "ProgressWarning",
    "default_progress_path",
    "student_file_part",
    "student_id",
]

#: Version of the file layout, written into every file.
FORMAT = 1

#: How many wrong answers are kept per question (the oldest are dropped beyond that).
KEEP_WRONG_ANSWERS = 20

#: Seconds to wait for another notebook to finish writing before giving up.
LOCK_TIMEOUT = 30.0

#: A progress file is a few kilobytes; anything larger is not one of ours.
LARGEST_FILE = 5_000_000


class ProgressWarning(UserWarning):
    """Shown when answers cannot be saved or a damaged progress file was moved aside."""


def now_utc() -> str:
    """The current time in UTC as ``2026-11-27T23:59:00Z``."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _empty(student: str) -> dict[str, Any]:
    return {"format": FORMAT, "student": student, "updated": None, "lessons": {}}


def _bank_renames() -> dict[str, str]:
    """The lesson renames written in the quiz bank (``former_ids``); {} if it cannot be read."""
    try:
        from mali_lessons.quiz.model import former_lesson_ids

        return former_lesson_ids()
    except Exception:  # noqa: BLE001 - a broken bank must never stop answers from loading
        return {}


def _renamed(content: dict[str, Any], renames: Mapping[str, str]) -> dict[str, Any]:
    """``content`` with the lessons saved under a former id filed under the current id.

    Where a question has a record under both ids, the record under the current id wins.
    """
    lessons = content["lessons"]
    for old, new in renames.items():
        if old == new or old not in lessons:
            continue
        merged = lessons.setdefault(new, {})
        for question_id, record in lessons.pop(old).items():
            merged.setdefault(question_id, record)
    return content


class _NotOurs(Exception):
    """The file at our path belongs to another student."""

    def __init__(self, other: str):
        super().__init__(other)
        self.other = other


class ProgressStore:
    """One student's saved answers.

    >>> store = ProgressStore.for_student("amina")          # doctest: +SKIP
    >>> store.record_check("04_withdrawal", "deaths", 311.0, "311", True)  # doctest: +SKIP

    ``path=None`` keeps everything in memory (nothing is written), as in tests. ``warnings``
    lists what went wrong, in words for the student. ``renames`` maps a lesson's former id
    to its id (by default read from the quiz bank); ``check_answers`` checks each saved
    answer against its question's type in the bank (on by default).
    """

    def __init__(
        self,
        path: Path | str | None,
        student: str,
        *,
        renames: Mapping[str, str] | None = None,
        check_answers: bool = True,
        legacy_path: Path | str | None = None,
    ):
        self.path = Path(path) if path is not None else None
        self.student = student
        self.warnings: list[str] = []
        self.renames = dict(renames) if renames is not None else _bank_renames()
        self._answer_fits: AnswerCheck | None = bank_answer_check() if check_answers else None
        self._legacy_path = Path(legacy_path) if legacy_path is not None else None
        self._memory_only = self.path is None
        self._data = _empty(student)
        if self.path is not None:
            self._data = self._load()

    # -- construction ----------------------------------------------------------------------

    @classmethod
    def for_student(cls, student: str | None = None) -> "ProgressStore":
        """The store at the default place for ``student`` (or the current student)."""
        student = student or student_id()
        path = default_progress_path(student)
        legacy = _progress_folder_or_file(student, _legacy_file_part)
        return cls(path, student, legacy_path=legacy if legacy != path else None)

    @classmethod
    def in_memory(cls, student: str | None = None) -> "ProgressStore":
        """A store that writes nothing (for tests and previews)."""
        return cls(None, student or student_id())

    # -- reading ---------------------------------------------------------------------------

    @property
    def saves_to_disk(self) -> bool:
        """False when answers are kept in memory only."""
        return not self._memory_only

    def lessons(self) -> dict[str, dict[str, dict[str, Any]]]:
        """All records: lesson -> question id -> record (a copy)."""
        return copy.deepcopy(self._data["lessons"])

    def lesson(self, lesson: str) -> dict[str, dict[str, Any]]:
        """The records of one lesson: question id -> record (a copy)."""
        return copy.deepcopy(self._data["lessons"].get(lesson, {}))

    def get(self, lesson: str, question_id: str) -> dict[str, Any] | None:
        """The record of one question, or None when it was never checked."""
        record = self._data["lessons"].get(lesson, {}).get(question_id)
        return copy.deepcopy(record) if record is not None else None

    def reload(self) -> None:
        """Read the file again (to see answers saved by another notebook)."""
        if self.path is not None and self.saves_to_disk:
            self._data = self._load()

    # -- writing ---------------------------------------------------------------------------

    def record_check(
        self,
        lesson: str,
        question_id: str,
        answer: Any,
        answer_text: str,
        correct: bool,
    ) -> dict[str, Any]:
        """Save one checked answer (one more try) and return the question's new record.

        ValueError when ``answer`` does not have the shape of the question's answers in the
        bank (the file would then be set aside as damaged the next time it is read).
        """
        if self._answer_fits is not None and answer is not None and not self._answer_fits(
            lesson, question_id, answer
        ):
            raise ValueError(f"{answer!r} is not an answer to {lesson}/{question_id}")

        def change(data: dict[str, Any]) -> None:
            record = self._record(data, lesson, question_id)
            record["tries"] += 1
            record["answer"] = answer
            record["answer_text"] = answer_text
            record["correct"] = bool(correct)
            if correct and record.get("right_on_try") is None:
                record["right_on_try"] = record["tries"]
            if not correct:
                wrong = record.setdefault("wrong_answers", [])
                wrong.append(answer_text)
                del wrong[:-KEEP_WRONG_ANSWERS]

        return self._update(change, lesson, question_id)

    def record_reveal(self, lesson: str, question_id: str) -> dict[str, Any]:
        """Save that the student asked to see the answer."""

        def change(data: dict[str, Any]) -> None:
            self._record(data, lesson, question_id)["revealed"] = True

        return self._update(change, lesson, question_id)

    @staticmethod
    def _record(data: dict[str, Any], lesson: str, question_id: str) -> dict[str, Any]:
        """The record to change, created when new; its ``last_at`` set to now."""
        stamp = now_utc()
        questions = data["lessons"].setdefault(lesson, {})
        record = questions.setdefault(
            question_id,
            {
                "answer": None,
                "answer_text": "",
                "correct": False,
                "tries": 0,
                "right_on_try": None,
                "revealed": False,
                "wrong_answers": [],
                "first_at": stamp,
                "last_at": stamp,
            },
        )
        record["last_at"] = stamp
        return record

    def _update(
        self, change: Callable[[dict[str, Any]], None], lesson: str, question_id: str
    ) -> dict[str, Any]:
        """Apply ``change`` to the newest data on disk, under the lock, and save it."""
        if self.saves_to_disk:
            assert self.path is not None
            try:
                with self._lock():
                    data = self._read_file()
                    if data is None:  # no file (or it was set aside): what this session knows
                        data = copy.deepcopy(self._data)
                    if self.saves_to_disk:
                        change(data)
                        data["updated"] = now_utc()
                        remove_orphans(self.path)
                        write_json_atomic(self.path, data)
                        self._data = data
                        return copy.deepcopy(data["lessons"][lesson][question_id])
            except filelock.Timeout:
                self._fall_back_to_memory(msg("progress_busy", seconds=int(LOCK_TIMEOUT)))
            except OSError as err:
                self._fall_back_to_memory(err.strerror or str(err))
        change(self._data)
        self._data["updated"] = now_utc()
        return copy.deepcopy(self._data["lessons"][lesson][question_id])

    # -- files -----------------------------------------------------------------------------

    def _lock(self) -> filelock.FileLock:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return filelock.FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)

    def _load(self) -> dict[str, Any]:
        """The saved answers, read under the lock when the lock can be had."""
        assert self.path is not None
        if not os.path.lexists(self.path):
            return self._legacy() or _empty(self.student)
        try:
            with self._lock():
                data = self._read_file()
        except filelock.Timeout:
            data = self._read_file(may_move=False)  # writes are atomic: a read sees a whole file
        except OSError as err:
            # No lock file can be made (a read-only folder): read the answers anyway.
            data = self._read_file(may_move=False)
            if self.saves_to_disk:
                self._memory_only = True
                self._warn(msg("progress_read_only", path=str(self.path),
                               error=err.strerror or err))
        return data if data is not None else _empty(self.student)

    def _legacy(self) -> dict[str, Any] | None:
        """Answers in a file named by the older rule, when it is this student's."""
        if self._legacy_path is None or not self._legacy_path.is_file():
            return None
        try:
            content = read_json(self._legacy_path, max_bytes=LARGEST_FILE)
        except (OSError, UnreadableJson):
            return None
        if layout_problem(content, FORMAT, self._answer_fits) is not None:
            return None
        if not same_student(content["student"], self.student):
            return None
        return _renamed(with_defaults(content), self.renames)

    def _read_file(self, may_move: bool = True) -> dict[str, Any] | None:
        """The file's content, checked; None when there is none or it was set aside.

        A damaged file is moved aside (when ``may_move``) and the store keeps answers in
        memory when the file cannot be read, moved or is another student's.
        """
        assert self.path is not None
        try:
            content = read_json(self.path, max_bytes=LARGEST_FILE)
            problem = layout_problem(content, FORMAT, self._answer_fits)
        except FileNotFoundError:
            return None
        except UnreadableJson as err:
            if err.key == "json_cannot_open":  # not damaged, only unreadable for us
                self._memory_only = True
                self._warn(msg("progress_memory_only", path=str(self.path), error=str(err)))
                return None
            problem = str(err)
        if problem is not None:
            self._set_aside(problem, may_move)
            return None
        if not same_student(content["student"], self.student):
            self._memory_only = True
            self._warn(msg("progress_other_student", path=str(self.path),
                           other=content["student"], student=self.student))
            return None
        return _renamed(with_defaults(content), self.renames)

    def _set_aside(self, reason: str, may_move: bool) -> None:
        """Rename a damaged file to ``<name>.damaged-<UTC time>`` and warn."""
        assert self.path is not None
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        number = 1
        while os.path.lexists(target):
            number += 1
            target = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        if may_move:
            try:
                os.rename(self.path, target)
            except OSError:
                pass
            else:
                self._warn(msg("progress_damaged", path=str(self.path), reason=reason,
                               moved=str(target)))
                return
        # It stays where it is, so it must not be written over.
        self._memory_only = True
        self._warn(msg("progress_damaged_kept", path=str(self.path), reason=reason))

    # -- problems --------------------------------------------------------------------------

    def _fall_back_to_memory(self, error: str) -> None:
        self._memory_only = True
        self._warn(msg("progress_memory_only", path=str(self.path), error=error))

    def _warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)
            warnings.warn(text, ProgressWarning, stacklevel=3)
