"""A Jupyter Server hook that keeps the shipped lesson notebooks as they were shipped.

``make lab`` starts JupyterLab with ``jupyter_config/jupyter_server_config.json``, which sets::

    "ContentsManager": {"pre_save_hook": "mali_lessons.lab_hooks.strip_lesson_outputs"}

Every time a lesson notebook is saved (by the student, or by JupyterLab's autosave), this hook
removes from what is written to disk: the outputs and execution counts of code cells, the
widget state, and the metadata JupyterLab adds while a notebook runs (cell timings, scrolled
or collapsed outputs, the kernel's version). Cells the student wrote or changed are kept.
So running a lesson and answering its quizzes never changes the files in ``notebooks/`` and
never makes ``make test`` fail (the answers themselves are saved elsewhere, see
:mod:`mali_lessons.quiz.progress`), and a lesson opened again shows as shipped -- never a widget
"model not found" -- and running it brings the quiz back with the saved answers.

A lesson notebook is a file ``NN_name.ipynb`` directly in the project's ``notebooks/`` folder
(or in the folder named by ``MALI_LESSONS_NOTEBOOKS``, for a JupyterHub that copied them).
Other notebooks (a student's own) are saved as they are.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

__all__ = ["clean_notebook", "is_lesson_notebook", "lessons_folder", "strip_lesson_outputs"]

_LESSON = re.compile(r"^\d\d_[A-Za-z0-9_]+\.ipynb$")

#: Cell metadata JupyterLab writes while a notebook is used, never in a shipped lesson.
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "scrolled", "collapsed", "jupyter")


#: The editions whose lessons live in a sub-folder of notebooks/ (notebooks/fr/).
EDITIONS = ("fr",)


def lessons_folder() -> Path:
    """The folder of the shipped lessons: ``MALI_LESSONS_NOTEBOOKS``, else ``notebooks/``."""
    override = os.environ.get("MALI_LESSONS_NOTEBOOKS", "").strip()
    if override:
        return Path(override).expanduser().resolve()
    return (Path(__file__).resolve().parent.parent / "notebooks").resolve()


def is_lesson_notebook(os_path: Path | str) -> bool:
    """True for ``NN_name.ipynb`` directly inside :func:`lessons_folder`."""
    path = Path(os_path)
    folder = lessons_folder()
    # The English lessons, and each edition's lessons in a folder beside them (notebooks/fr/).
    return bool(_LESSON.match(path.name)) and path.parent.resolve() in (
        folder, *(folder / lang for lang in EDITIONS))


def clean_notebook(notebook: dict[str, Any]) -> dict[str, Any]:
    """Remove outputs, execution counts, widget state and run-time metadata, in place."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        metadata = cell.get("metadata")
        if isinstance(metadata, dict):
            for key in VOLATILE_CELL_METADATA:
                metadata.pop(key, None)
    metadata = notebook.get("metadata")
    if isinstance(metadata, dict):
        metadata.pop("widgets", None)
        info = metadata.get("language_info")
        if isinstance(info, dict) and "name" in info:
            metadata["language_info"] = {"name": info["name"]}
    return notebook


def strip_lesson_outputs(model: dict[str, Any], path: str, contents_manager: Any,
                         **_: Any) -> None:
    """The pre-save hook: clean ``model`` when it is a lesson notebook (see above)."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    get_os_path = getattr(contents_manager, "_get_os_path", None)
    if get_os_path is not None:
        os_path = Path(get_os_path(path))
    else:
        os_path = Path(getattr(contents_manager, "root_dir", ".")) / path.lstrip("/")
    if is_lesson_notebook(os_path):
        clean_notebook(model["content"])
