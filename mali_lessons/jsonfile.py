"""Small JSON files read and written safely: progress files and results files.

These files come from students' folders, so anything can be found in their place. Reading
(:func:`read_json`) never hangs and never raises anything but :class:`UnreadableJson`:

* only a regular file is read: a FIFO, a folder or a device in its place is refused without
  being opened for reading in a way that blocks;
* a file larger than ``max_bytes`` is refused before it is read;
* UTF-8, with or without a byte-order mark (BOM) at the start;
* nesting deeper than ``max_depth`` levels is refused (Python's own reader would stop with a
  RecursionError, and code walking such a value could too);
* text that cannot be written back (a lone ``\\ud800`` escape), and the non-standard values
  ``NaN`` and ``Infinity``, are refused.

Writing (:func:`write_json_atomic`) goes to a temporary file in the same folder, is flushed to
disk (fsync) and is then renamed over the old file, so a crash leaves the old file whole;
:func:`remove_orphans` deletes the temporary files that a crash (a killed kernel) left.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from mali_lessons.messages import msg

__all__ = ["UnreadableJson", "fsync_folder", "read_json", "remove_orphans", "temp_prefix",
           "write_json_atomic"]


class UnreadableJson(ValueError):
    """A file that cannot be used as JSON; ``str(error)`` says why, in words."""

    def __init__(self, key: str, **values: object):
        self.key = key
        super().__init__(msg(key, **values))


def _refuse_constant(name: str) -> Any:
    raise UnreadableJson("json_not_standard", value=name)


def _read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``max_bytes``."""
    try:
        # O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise
    except OSError as err:
        raise UnreadableJson("json_cannot_open", error=err.strerror or err) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableJson("json_not_a_file")
        if info.st_size > max_bytes:
            raise UnreadableJson("json_too_large", size=f"{info.st_size:,}", limit=f"{max_bytes:,}")
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(descriptor, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:  # it grew while being read
            raise UnreadableJson("json_too_large", size=f"{size:,}", limit=f"{max_bytes:,}")
        return b"".join(chunks)
    except OSError as err:
        raise UnreadableJson("json_cannot_open", error=err.strerror or err) from None
    finally:
        os.close(descriptor)


def _check_value(value: Any, max_depth: int) -> None:
    """Refuse values nested deeper than ``max_depth`` or holding text that is not Unicode."""
    todo: list[tuple[Any, int]] = [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise UnreadableJson("json_bad_text") from None
        elif isinstance(item, (dict, list)):
            if depth > max_depth:
                raise UnreadableJson("json_too_deep", limit=max_depth)
            if isinstance(item, dict):
                todo.extend((key, depth) for key in item)
                todo.extend((child, depth + 1) for child in item.values())
            else:
                todo.extend((child, depth + 1) for child in item)


def read_json(path: Path | str, *, max_bytes: int = 5_000_000, max_depth: int = 20) -> Any:
    """The JSON value in ``path``. FileNotFoundError when there is no file at all; for
    anything else that is wrong, :class:`UnreadableJson` saying what."""
    raw = _read_regular_file(Path(path), max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableJson("json_not_utf8") from None
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise UnreadableJson("json_too_deep", limit=max_depth) from None
    except json.JSONDecodeError as err:
        raise UnreadableJson("json_bad", line=err.lineno, problem=err.msg) from None
    _check_value(value, max_depth)
    return value


def temp_prefix(path: Path) -> str:
    """How the temporary files of ``path`` start: ``.progress-x.json.`` (hidden)."""
    return f".{path.name}."


def remove_orphans(path: Path) -> int:
    """Delete the temporary files of ``path`` left by a crash; return how many.

    Call it with the file's lock held: then no other writer is using a temporary file.
    """
    removed = 0
    prefix = temp_prefix(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return 0
    for name in names:
        if name.startswith(prefix) and name.endswith(".tmp"):
            try:
                os.unlink(path.parent / name)
                removed += 1
            except OSError:
                pass
    return removed


def write_json_atomic(path: Path, content: Any) -> None:
    """Write ``content`` to ``path`` so that a crash at any moment leaves a whole file."""
    folder = path.parent
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=temp_prefix(path), suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as temp:
            json.dump(content, temp, ensure_ascii=False, indent=1, sort_keys=True)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
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
