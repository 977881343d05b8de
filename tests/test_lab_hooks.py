"""The pre-save hook that `make lab` uses keeps lesson notebooks as shipped (see also
test_make_lab.py, which saves through a real JupyterLab)."""

from __future__ import annotations

import json

import nbformat

from mali_lessons.lab_hooks import clean_notebook, is_lesson_notebook, strip_lesson_outputs
from paths import NOTEBOOKS, ROOT


def test_lessons_are_the_numbered_notebooks_of_notebooks(tmp_path, monkeypatch):
    monkeypatch.delenv("MALI_LESSONS_NOTEBOOKS", raising=False)
    for path in NOTEBOOKS.glob("*.ipynb"):
        assert is_lesson_notebook(path), path.name
    assert not is_lesson_notebook(NOTEBOOKS / "my_notes.ipynb")
    assert not is_lesson_notebook(NOTEBOOKS / "teacher" / "04_withdrawal.ipynb")
    assert not is_lesson_notebook(tmp_path / "04_withdrawal.ipynb")
    monkeypatch.setenv("MALI_LESSONS_NOTEBOOKS", str(tmp_path))
    assert is_lesson_notebook(tmp_path / "04_withdrawal.ipynb")


def test_a_run_lesson_cleaned_is_the_shipped_lesson(tmp_path):
    shipped = NOTEBOOKS / "08_review.ipynb"
    ran = json.loads(shipped.read_text(encoding="utf-8"))
    for cell in ran["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = 7
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "hi"}]
            cell["metadata"]["collapsed"] = False
    ran["metadata"]["widgets"] = {"state": {}}
    ran["metadata"]["language_info"]["version"] = "3.11.7"

    class Manager:
        root_dir = str(ROOT)

        def _get_os_path(self, path):
            return str(ROOT / path)

    model = {"type": "notebook", "content": nbformat.from_dict(ran)}
    strip_lesson_outputs(model=model, path="notebooks/08_review.ipynb", contents_manager=Manager())
    out = tmp_path / "08_review.ipynb"
    nbformat.write(model["content"], out)
    assert out.read_bytes() == shipped.read_bytes()


def test_other_notebooks_are_saved_as_they_are():
    notebook = {"cells": [{"cell_type": "code", "outputs": [{"x": 1}], "execution_count": 1,
                           "metadata": {}, "source": ""}], "metadata": {}}
    model = {"type": "notebook", "content": notebook}
    strip_lesson_outputs(model=model, path="mine/notes.ipynb",
                         contents_manager=type("M", (), {"root_dir": str(ROOT)})())
    assert notebook["cells"][0]["outputs"] == [{"x": 1}]
    assert clean_notebook(notebook)["cells"][0]["outputs"] == []
