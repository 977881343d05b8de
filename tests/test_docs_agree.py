"""The README, the teacher's guide and the lessons tell the same story about collecting
results (issue 10, part 7)."""

from __future__ import annotations

import json
import re

import pytest

from mali_lessons.teacher import results_file_name
from paths import NOTEBOOKS, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = (NOTEBOOKS / "teacher" / "guide.md").read_text(encoding="utf-8")
COLLECT = ".venv/bin/python -m mali_lessons collect FOLDER"


@pytest.mark.parametrize("name, text", [("README", README), ("guide", GUIDE)])
def test_collect_is_written_one_way(name, text):
    commands = re.findall(r"[^\s`]*python -m mali_lessons collect\b[^`\n]*", text)
    assert commands, f"{name} does not say how to collect"
    assert all(c.startswith(COLLECT) for c in commands), (name, commands)
    for written in ("class_summary.csv", "class_summary.png", "results-<name>-<code>.json"):
        assert written in text, (name, written)
    assert "results-<student>.json" not in text and "progress-<student>.json" not in text


def test_the_results_file_is_named_as_the_documents_say():
    assert re.fullmatch(r"results-amina-traore-[0-9a-f]{8}\.json",
                        results_file_name("Amina Traoré"))


def test_the_guide_says_where_export_results_comes_from():
    assert "from mali_lessons.quiz import export_results" in GUIDE
    assert "lessons 00 and 08" in GUIDE


@pytest.mark.parametrize("lesson", ["00_start_here.ipynb", "08_review.ipynb"])
def test_lessons_00_and_08_show_export_results(lesson):
    cells = json.loads((NOTEBOOKS / lesson).read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(cell["source"]) for cell in cells)
    assert "from mali_lessons.quiz import export_results\nexport_results()" in text
