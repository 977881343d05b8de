"""Each student's quiz answers, saved to a JSON file and restored when a notebook runs again.

Where the file is
    By default ``~/.mali_lessons/progress-<student>.json`` in the student's home folder.
    The environment variable ``MALI_LESSONS_PROGRESS`` changes that: set it to a file
    (``/shared/class/progress-amina.json``) or to a folder (``/shared/class/``, where the file
    is then ``progress-<student>.json``). A path ending in ``.json`` is a file; anything else is
    a folder.

Who the student is
    ``MALI_LESSONS_STUDENT`` when set, otherwise the name the student logged in with (on
    JupyterHub each student has their own).

What is stored, per lesson and question
    ``answer`` (the answer last checked, as JSON), ``answer_text`` (the same in words),
    ``correct`` (whether that answer was right), ``tries`` (how many different answers were
    checked), ``right_on_try`` (the try that was right, or null), ``revealed`` (the student
    pressed "Show answer"), ``wrong_answers`` (the wrong answers given, in words),
    ``first_at`` and ``last_at`` (UTC timestamps).

How it is kept safe
    * Every write goes to a temporary file in the same folder, is flushed to disk (fsync) and
      then renamed over the old file (``os.replace``), so a crash mid-write leaves the old file
      whole.
    * A lock file (``progress-<student>.json.lock``, from the filelock package) lets two
      notebooks (two kernels) save at the same time: each re-reads the file under the lock and
      applies only its own change, so nothing is lost.
    * A file that cannot be read (damaged, edited by hand) is renamed
      ``progress-<student>.json.damaged-<UTC time>`` and a warning is shown; it is never
      deleted.
    * When the folder cannot be written (read-only home, full disk), answers are kept in memory
      for this session and a warning says so.
"""

from __future__ import annotations

import copy
import datetime as dt
import getpass
import json
import os
import re
import tempfile
import warnings
from pathlib import Path
from typing import Any, Callable, Mapping

import filelock

from mali_lessons.messages import msg

__all__ = [
    "FORMAT",
    "ProgressStore",
    "ProgressWarning",
    "default_progress_path",
    "student_id",
]

#: Version of the file layout, written into every file.
FORMAT = 1

#: How many wrong answers are kept per question (the oldest are dropped beyond that).
KEEP_WRONG_ANSWERS = 20

#: Seconds to wait for another notebook to finish writing before giving up.
LOCK_TIMEOUT = 30.0


class ProgressWarning(UserWarning):
    """Shown when answers cannot be saved or a damaged progress file was moved aside."""


def now_utc() -> str:
    """The current time in UTC as ``2026-11-27T23:59:00Z``."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def student_id() -> str:
    """Who is answering: ``MALI_LESSONS_STUDENT``, else the login name, else ``student``."""
    name = os.environ.get("MALI_LESSONS_STUDENT", "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no user name in containers without a passwd entry
            name = ""
    return name or "student"


def _safe_file_part(name: str) -> str:
    """A student id made safe for a file name: letters, digits, '.', '-' and '_' only."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "student"


def default_progress_path(student: str | None = None) -> Path:
    """The progress file for ``student``, following ``MALI_LESSONS_PROGRESS`` (see above)."""
    file_name = f"progress-{_safe_file_part(student or student_id())}.json"
    override = os.environ.get("MALI_LESSONS_PROGRESS", "").strip()
    if override:
        target = Path(override).expanduser()
        if target.suffix.lower() == ".json":
            return target
        return target / file_name
    return Path.home() / ".mali_lessons" / file_name


def _empty(student: str) -> dict[str, Any]:
    return {"format": FORMAT, "student": student, "updated": None, "lessons": {}}


def _looks_valid(content: Any) -> bool:
    """True when ``content`` has the layout this module writes."""
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        return False
    lessons = content.get("lessons")
    if not isinstance(lessons, dict):
        return False
    for questions in lessons.values():
        if not isinstance(questions, dict):
            return False
        for record in questions.values():
            if not isinstance(record, dict):
                return False
            if not isinstance(record.get("tries"), int) or not isinstance(
                record.get("correct"), bool
            ):
                return False
    return True


def _bank_renames() -> dict[str, str]:
    """The lesson renames written in the quiz bank (``former_ids``); {} if it cannot be read."""
    try:
        from mali_lessons.quiz_model import former_lesson_ids
        return former_lesson_ids()
    except Exception:  # a broken bank must never stop answers from loading
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


class ProgressStore:
    """One student's saved answers.

    >>> store = ProgressStore.for_student("amina")          # doctest: +SKIP
    >>> store.record_check("04_withdrawal", "deaths", 311.0, "311", True)  # doctest: +SKIP

    ``path=None`` keeps everything in memory (nothing is written), as in tests or when the
    folder is read-only. ``warnings`` lists what went wrong, in words for the student.
    """

    def __init__(
        self,
        path: Path | str | None,
        student: str,
        *,
        renames: Mapping[str, str] | None = None,
    ):
        self.path = Path(path) if path is not None else None
        self.student = student
        self.warnings: list[str] = []
        #: Old lesson id -> current id (the banks' ``former_ids``); records saved under an old
        #: id are read as the current lesson's, and the newer record wins where both exist.
        self.renames = dict(renames) if renames is not None else _bank_renames()
        self._data = _empty(student)
        if self.path is not None:
            try:
                self._data = self._read_under_lock()
            except OSError as err:
                self._fall_back_to_memory(err)

    # -- construction ----------------------------------------------------------------------

    @classmethod
    def for_student(cls, student: str | None = None) -> "ProgressStore":
        """The store at the default place for ``student`` (or the current student)."""
        student = student or student_id()
        return cls(default_progress_path(student), student)

    @classmethod
    def in_memory(cls, student: str | None = None) -> "ProgressStore":
        """A store that writes nothing (for tests and previews)."""
        return cls(None, student or student_id())

    # -- reading ---------------------------------------------------------------------------

    @property
    def saves_to_disk(self) -> bool:
        """False when answers are kept in memory only."""
        return self.path is not None

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
        if self.path is not None:
            try:
                self._data = self._read_under_lock()
            except OSError as err:
                self._fall_back_to_memory(err)

    # -- writing ---------------------------------------------------------------------------

    def record_check(
        self,
        lesson: str,
        question_id: str,
        answer: Any,
        answer_text: str,
        correct: bool,
    ) -> dict[str, Any]:
        """Save one checked answer (one more try) and return the question's new record."""

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
        if self.path is not None:
            try:
                with self._lock():
                    data = self._read_file()
                    change(data)
                    data["updated"] = now_utc()
                    self._write_file(data)
                self._data = data
                return copy.deepcopy(data["lessons"][lesson][question_id])
            except OSError as err:
                self._fall_back_to_memory(err)
        change(self._data)
        self._data["updated"] = now_utc()
        return copy.deepcopy(self._data["lessons"][lesson][question_id])

    # -- files -----------------------------------------------------------------------------

    def _lock(self) -> filelock.FileLock:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return filelock.FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)

    def _read_under_lock(self) -> dict[str, Any]:
        assert self.path is not None
        if not self.path.exists():
            return _empty(self.student)
        with self._lock():
            return self._read_file()

    def _read_file(self) -> dict[str, Any]:
        """The file's content; a damaged file is moved aside (call with the lock held)."""
        assert self.path is not None
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return _empty(self.student)
        try:
            content = json.loads(raw.decode("utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            content = None
        if _looks_valid(content):
            return _renamed(content, self.renames)
        self._move_aside()
        return _empty(self.student)

    def _move_aside(self) -> None:
        """Rename a damaged file to ``<name>.damaged-<UTC time>`` and warn."""
        assert self.path is not None
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        number = 1
        while target.exists():
            number += 1
            target = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        os.replace(self.path, target)
        self._warn(msg("progress_damaged", path=str(self.path), moved=str(target)))

    def _write_file(self, data: dict[str, Any]) -> None:
        """Write atomically: temporary file in the same folder, fsync, then os.replace."""
        assert self.path is not None
        folder = self.path.parent
        handle, temp_name = tempfile.mkstemp(
            dir=folder, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as temp:
                json.dump(data, temp, ensure_ascii=False, indent=1, sort_keys=True)
                temp.flush()
                os.fsync(temp.fileno())
            os.replace(temp_name, self.path)
        except BaseException:
            try:
                os.unlink(temp_name)
            except OSError:
                pass
            raise
        _fsync_folder(folder)

    # -- problems --------------------------------------------------------------------------

    def _fall_back_to_memory(self, error: OSError) -> None:
        where = self.path
        self.path = None
        self._warn(msg("progress_memory_only", path=str(where), error=error.strerror or error))

    def _warn(self, text: str) -> None:
        self.warnings.append(text)
        warnings.warn(text, ProgressWarning, stacklevel=3)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); quietly skipped where folders cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
