"""A cache of checked tables on disk, so a lesson does not check every table on every start
(the charts keep what they drew in the same folder: mali_lessons.charts.cache).

Checking a table (``mali_lessons.data``) needs the pandera library and takes a noticeable part
of a second; the files are the same in almost every run. So once a table has passed its checks,
its typed DataFrame is kept in a cache folder, under a key made from:

* the bytes of the table's file and of every table it refers to (its sources, its places);
* the rules of the table and the code that checks and types it.

Change one byte of any of them and the key changes: the next load checks the file again and
reports any problem exactly as before. Nothing is ever looked up by date or file time.

Where the cache lives
    ``MALI_LESSONS_CACHE`` when set (``off`` turns the cache off), else
    ``$XDG_CACHE_HOME/mali_lessons`` or ``~/.cache/mali_lessons``. The folder is private to the
    user (mode 700); a cache file owned by someone else is ignored. When the folder cannot be
    written (a read-only home), tables are simply checked every time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

__all__ = ["cache_dir", "key_for", "read", "write"]

#: Bump when the layout of cached tables changes in a way the code hash would not show.
FORMAT = 1


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    setting = os.environ.get("MALI_LESSONS_CACHE", "").strip()
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    if setting:
        return Path(setting).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "mali_lessons"


def key_for(name: str, files: Iterable[Path], rules: str, code: Iterable[Path]) -> str | None:
    """The cache key of one table: a hash of its files, its rules and the checking code.

    None when a file cannot be read (the loader then reports the problem itself).
    """
    digest = hashlib.sha256(f"{FORMAT}\0{name}\0{rules}\0{pd.__version__}".encode())
    try:
        for path in [*files, *code]:
            # Only ordinary files: opening a FIFO would wait forever, and a folder cannot be read.
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None
            digest.update(str(Path(path).name).encode() + b"\0")
            digest.update(Path(path).read_bytes())
            digest.update(b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def read(name: str, key: str | None, expect: type = pd.DataFrame) -> Any:
    """The cached table for this key, or None (not cached, unreadable, not ours, or not of
    the type ``expect``: the charts keep dicts here, see mali_lessons.charts.cache)."""
    folder = cache_dir()
    if key is None or folder is None:
        return None
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None
            frame = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    return frame if isinstance(frame, expect) else None


def write(name: str, key: str | None, frame: Any) -> None:
    """Keep a checked table under this key (atomically); quietly does nothing on failure."""
    folder = cache_dir()
    if key is None or folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(frame, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, folder / f"{name}-{key}.pickle")
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        for old in folder.glob(f"{name}-*.pickle"):  # keep only the newest version of a table
            if old.name != f"{name}-{key}.pickle":
                old.unlink(missing_ok=True)
    except OSError:
        return
