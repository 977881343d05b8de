"""The teacher's files stay in step with the question bank and the lessons."""

import re

from mali_lessons.messages import using
from mali_lessons.teacher import answer_key_markdown

from paths import NOTEBOOKS

TEACHER = NOTEBOOKS / "teacher"


def test_answer_key_is_the_one_the_bank_makes() -> None:
    committed = (TEACHER / "answer_key.md").read_text(encoding="utf-8")
    with using("en"):
        made = answer_key_markdown(None)
    assert committed == made, "run `make answer-key` and commit the result"


def test_the_french_answer_key_is_the_one_the_bank_makes() -> None:
    committed = (NOTEBOOKS / "fr" / "teacher" / "answer_key.md").read_text(encoding="utf-8")
    with using("fr"):
        made = answer_key_markdown(None)
    assert committed == made, "run `make answer-key` and commit the result"
    assert "Tombouctou" in committed


def test_guide_has_a_section_for_every_lesson() -> None:
    guide = (TEACHER / "guide.md").read_text(encoding="utf-8")
    for notebook in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        number = notebook.name[:2]
        assert re.search(rf"^## Lesson {number} ", guide, re.M), f"no section for lesson {number}"
    for heading in ["Objectives", "Timing plan", "Discussion prompts", "Common misconceptions"]:
        assert guide.count(f"### {heading}") >= 8, heading


def test_the_french_guide_has_a_section_for_every_lesson() -> None:
    guide = (NOTEBOOKS / "fr" / "teacher" / "guide.md").read_text(encoding="utf-8")
    for notebook in sorted((NOTEBOOKS / "fr").glob("[0-9][0-9]_*.ipynb")):
        number = notebook.name[:2]
        assert re.search(rf"^## Leçon {number} ", guide, re.M), f"pas de section pour la leçon {number}"
    for heading in ["Objectifs", "Déroulement", "Pistes de discussion", "Idées fausses fréquentes"]:
        assert guide.count(f"### {heading}") >= 8, heading
    assert "make lab LANG=fr" in guide
