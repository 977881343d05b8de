"""The hand-in folder: where ``export_results()`` puts a student's results on a shared server.

On a school JupyterHub every student has their own login, and the teacher collects the
results from one folder instead of asking each student for a file. The administrator makes
the folder once and sets one environment variable for every student's server (in
``jupyterhub_config.py``, see ``deploy/jupyterhub/``)::

    install -d -o TEACHER -g TEACHER -m 3733 /srv/handin      # drwx-ws-wt
    c.Spawner.environment = {"MALI_LESSONS_HANDIN": "/srv/handin", ...}

What the mode 3733 means (owner: the teacher; group: the teacher's group)
    * ``733``: the teacher may list and read the folder; students may create files in it
      and open a file whose name they know, but not list the folder;
    * the sticky bit (``1000``): a file can be deleted or replaced only by its owner (or the
      teacher, who owns the folder), so no student can remove or replace another's file;
    * the set-group-id bit (``2000``): every file made in the folder belongs to the folder's
      group, the teacher's, whoever made it.

How a file is handed in (:func:`hand_in`)
    * Its name is ``results-<name>-<code>.json`` by the one name-to-file rule of
      :mod:`mali_lessons.quiz.student_names`, where the name is the student's *login*
      (:func:`login_name`) -- never what the student typed in ``MALI_LESSONS_STUDENT``, so a
      student cannot hand in under another student's name by mistake or on purpose.
    * It is written to a temporary file in the folder, given the mode ``0640`` (the student
      reads and writes it, the teacher's group reads it, nobody else can), flushed to disk and
      renamed over the student's earlier file: handing in again replaces one's own results,
      and a crash never leaves half a file.
    * A file of that name that belongs to another account is never replaced: the student is
      told to see the teacher (the folder's sticky bit forbids it too).

The teacher collects with the usual command, ``python -m mali_lessons collect /srv/handin
--out ~/class_summary`` (the summary then stays in the teacher's own folder).
"""

from __future__ import annotations

import getpass
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from mali_lessons.jsonfile import fsync_folder
from mali_lessons.messages import msg
from mali_lessons.quiz.student_names import student_file_part

try:
    import pwd
except ImportError:  # Windows: no Unix accounts (a hand-in folder is for shared servers)
    pwd = None  # type: ignore[assignment]

__all__ = [
    "HANDIN_ENV",
    "HANDIN_FILE_MODE",
    "HandInRefused",
    "hand_in",
    "handin_file_name",
    "handin_folder",
    "login_name",
]

#: The environment variable that names the hand-in folder.
HANDIN_ENV = "MALI_LESSONS_HANDIN"

#: Read and write for the student, read for the folder's group (the teacher), nothing else.
HANDIN_FILE_MODE = 0o640


class HandInRefused(Exception):
    """The results were not handed in; ``str(error)`` says why, in words for the student."""


def handin_folder() -> Path | None:
    """The hand-in folder named by ``MALI_LESSONS_HANDIN``, or None when none is set."""
    value = os.environ.get(HANDIN_ENV, "").strip()
    return Path(value).expanduser() if value else None


def _my_uid() -> int | None:
    """The Unix user id of this process (None on Windows)."""
    return os.getuid() if hasattr(os, "getuid") else None


def _unix_login() -> str:
    """The name of the account this process runs as ('' when it has no name).

    Read from the system's account of the process (never from variables such as ``USER``,
    which a notebook can change).
    """
    uid = _my_uid()
    if pwd is None or uid is None:
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return ""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # a container user with no entry in /etc/passwd
        return ""


def login_name() -> str:
    """Who is logged in, for the hand-in file's name.

    ``JUPYTERHUB_USER`` -- the name the student logged in to the Hub with, which JupyterHub
    gives every server it starts -- else the name of the Unix account the notebook runs as.
    (With the recipe's LocalProcessSpawner the two are the same. Servers that all run as one
    shared account, as in some container set-ups, differ only by ``JUPYTERHUB_USER``.)
    ``MALI_LESSONS_STUDENT`` plays no part.
    """
    hub_user = os.environ.get("JUPYTERHUB_USER", "").strip()
    return hub_user or _unix_login() or "student"


def handin_file_name(login: str) -> str:
    """``results-<name>-<code>.json`` for ``login`` (the rule of the progress files)."""
    return f"results-{student_file_part(login)}.json"


def _owner_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name if pwd is not None else f"uid {uid}"
    except KeyError:
        return f"uid {uid}"


def hand_in(document: dict[str, Any], folder: Path | str | None = None) -> Path:
    """Write ``document`` (from :func:`mali_lessons.teacher.results_for`) into the hand-in
    folder under the student's login name, and return the file's path.

    The document's ``student`` becomes the login name. Raises :class:`HandInRefused` when a
    file of that name belongs to another account, OSError when the folder is missing or
    cannot be written (the caller tells the student).
    """
    folder = Path(folder) if folder is not None else handin_folder()
    if folder is None:
        raise HandInRefused(msg("handin_no_folder", variable=HANDIN_ENV))
    login = login_name()
    document = {**document, "student": login}
    target = folder / handin_file_name(login)
    try:
        existing = os.lstat(target)
    except FileNotFoundError:
        existing = None
    if existing is not None and _my_uid() is not None and existing.st_uid != _my_uid():
        raise HandInRefused(msg("handin_not_yours", path=target,
                                owner=_owner_name(existing.st_uid)))
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    try:
        os.chmod(temp_name, HANDIN_FILE_MODE)
        with os.fdopen(handle, "w", encoding="utf-8") as temp:
            json.dump(document, temp, ensure_ascii=False, indent=1, sort_keys=True)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, target)
    except PermissionError as err:
        _remove(temp_name)
        if os.path.lexists(target):  # a file that is not ours appeared meanwhile
            raise HandInRefused(msg("handin_not_yours", path=target,
                                    owner=_owner_name(os.lstat(target).st_uid))) from err
        raise
    except BaseException:
        _remove(temp_name)
        raise
    fsync_folder(folder)
    return target


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
