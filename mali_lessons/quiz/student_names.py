"""Who the student is, and the rule that turns a student's name into file names.

One rule for progress files and results files (see :mod:`mali_lessons.quiz.progress` and
:func:`mali_lessons.teacher.export_results`): a readable part made from the name and eight
hexadecimal digits of a hash of the whole name, so that two different names never share a file
(``Amina Traoré`` and ``Amina Traor``; ``Игорь``, ``محمد`` and ``李雷``).
"""

from __future__ import annotations

import getpass
import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Callable

__all__ = ["default_progress_path", "same_student", "student_file_part", "student_id"]


def student_id() -> str:
    """Who is answering: ``MALI_LESSONS_STUDENT``, else the login name, else ``student``."""
    name = os.environ.get("MALI_LESSONS_STUDENT", "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no user name in containers without a passwd entry
            name = ""
    return name or "student"


def _tidy_name(name: str) -> str:
    """The name as one comparable text: NFC, spaces collapsed."""
    return unicodedata.normalize("NFC", " ".join(str(name).split()))


def student_file_part(name: str) -> str:
    """The part of a file name that stands for a student: ``amina-traore-1f3c9a2b``.

    A readable part (lower case, Latin accents dropped, other scripts kept, anything else
    made a ``-``) and eight hexadecimal digits of a hash of the whole name, so different
    names always give different files, whatever their letters.
    """
    tidy = _tidy_name(name)
    letters: list[str] = []
    for char in unicodedata.normalize("NFKD", tidy.casefold()):
        if unicodedata.combining(char) and letters and letters[-1].isascii():
            continue  # é -> e, but marks of other scripts stay
        letters.append(char)
    readable = unicodedata.normalize("NFC", "".join(letters))
    readable = re.sub(r"[\W_]+", "-", readable).strip("-")[:40].strip("-") or "student"
    digest = hashlib.sha256(tidy.encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}"


def _legacy_file_part(name: str) -> str:
    """The older rule (before names got a hash): letters, digits, '.', '-' and '_' only."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "student"


def default_progress_path(student: str | None = None) -> Path:
    """The progress file for ``student``, following ``MALI_LESSONS_PROGRESS`` (see above)."""
    return _progress_folder_or_file(student or student_id(), student_file_part)


def saved_where(student: str | None = None) -> str:
    """A sentence for the student, in the lesson's language: the file their answers go to."""
    from mali_lessons.messages import msg

    return msg("progress_saved_where", path=default_progress_path(student))


def _progress_folder_or_file(student: str, rule: Callable[[str], str]) -> Path:
    file_name = f"progress-{rule(student)}.json"
    override = os.environ.get("MALI_LESSONS_PROGRESS", "").strip()
    if override:
        target = Path(override).expanduser()
        if target.suffix.lower() == ".json":
            return target
        return target / file_name
    return Path.home() / ".mali_lessons" / file_name


def same_student(one: str, other: str) -> bool:
    """True when two names are the same once spaces and Unicode forms are tidied."""
    return _tidy_name(one) == _tidy_name(other)
