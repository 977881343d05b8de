"""What the quiz front end needs, made from the bank: the one export of the Python model.

:func:`quiz_data` turns a lesson's :class:`~mali_lessons.quiz.model.Bank` into plain JSON for
``mountQuiz(element, quizData, {store})`` in ``frontend/quiz.js``, the same in a notebook
(the anywidget of :mod:`mali_lessons.quiz.widget`) and in a page with no kernel. It holds,
per question, what to show (prompt, options shuffled for the student, the map) and what to
judge with (accepted answers, tolerance, date precision), plus the messages in the current
language, so the browser can answer at once; in a notebook Python judges every answer again.

Fields (``format`` 1)::

    {format, lesson, title, lang, messages: {key: template}, settings: {triesBeforeAnswer,
     explainWhenWrong, teacherMode}, warnings: [text], records: {question id: record},
     questions: [{id, kind, number, prompt, hint, explanation, sources: [{label, url}],
                  answerText, accept, acceptShown, teacherAnswer, choices, chooseKey,
                  options | items | lefts + rights | reading + unit | precision | map,
                  placeholder}]}

:func:`esm_source` and :func:`css_source` give the front end's files as text.
"""

from __future__ import annotations

import hashlib
import random
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from mali_lessons.messages import CATALOGUES, EN, language, msg
from mali_lessons.quiz.answer_text import (
    SourceInfo,
    correct_answer_text,
    shown_answer,
    source_links,
)
from mali_lessons.quiz.model import (
    Bank,
    DateQuestion,
    MapQuestion,
    MatchQuestion,
    MultipleChoice,
    NumericQuestion,
    OrderQuestion,
    Question,
    SingleChoice,
    TrueFalse,
)

__all__ = ["FORMAT", "FRONTEND", "css_source", "esm_source", "front_messages", "question_data",
           "quiz_data", "screen_order", "shuffled_for"]

FORMAT = 1
#: The folder of the front end's files (ES modules and CSS), shipped with the package.
FRONTEND = Path(__file__).resolve().parent / "frontend"
#: The modules of the front end, in the order they are joined for the widget (each imports
#: only the ones before it).
MODULES = ("answers.js", "questions.js", "quiz.js")
#: Message groups the front end never shows (teacher tools, bank errors, files).
_NOT_FOR_SCREEN = ("bank_", "collect_", "key_", "json_", "progress_", "scores_", "export_",
                   "answer_key_", "static_", "type_", "site_", "lms_", "maps_", "charts_",
                   "chart_", "handin_", "lesson_")


def shuffled_for(student: str, key: str, items: list[Any]) -> list[Any]:
    """``items`` in an order fixed by the student and ``key`` (e.g. lesson and question id)."""
    digest = hashlib.sha256(f"{student}\n{key}".encode("utf-8")).hexdigest()
    order = list(items)
    random.Random(int(digest[:16], 16)).shuffle(order)
    return order


def screen_order(question: Question, lesson: str, student: str) -> dict[str, list[str]]:
    """The orders one student sees: ``options``, ``items``, ``lefts``, ``rights`` or
    ``markers`` (the same as the ipywidgets quiz of earlier editions, so nothing moves)."""
    key = f"{lesson}/{question.id}"
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return {"options": shuffled_for(student, key, list(question.options))}
    if isinstance(question, OrderQuestion):
        return {"items": shuffled_for(student, key, list(question.items))}
    if isinstance(question, MatchQuestion):
        return {"lefts": shuffled_for(student, key, question.lefts()),
                "rights": shuffled_for(student, key + "/right", question.rights())}
    if isinstance(question, MapQuestion):
        return {"markers": shuffled_for(student, key, list(question.places))}
    return {}


def front_messages() -> dict[str, str]:
    """Every message the front end may show, as templates in the current language."""
    catalogue = CATALOGUES[language()]
    return {key: catalogue.get(key, text) for key, text in EN.items()
            if not key.startswith(_NOT_FOR_SCREEN)}


def _numeric(q: NumericQuestion) -> dict[str, Any]:
    return {"reading": {"units": q.units(), "whole": q.whole, "scale": q.scale,
                        "allowNegative": q.negative_allowed, "lang": language()},
            "unit": q.unit, "accept": {"answer": q.answer, "tolerance": q.tolerance},
            "placeholder": msg("numeric_placeholder")}


def question_data(question: Question, bank: Bank, number: int, student: str,
                  sources: SourceInfo, *, teacher_mode: bool = False,
                  places: dict[str, dict[str, Any]] | None = None,
                  data_dir: Path | str | None = None) -> dict[str, Any]:
    """One question as the front end needs it (see the module docstring)."""
    q = question
    order = screen_order(q, bank.lesson, student)
    out: dict[str, Any] = {
        "id": q.id, "kind": q.kind, "number": number, "prompt": q.prompt, "hint": q.hint,
        "explanation": q.explanation, "sources": source_links(q.sources, sources),
        "answerText": correct_answer_text(q, bank), "accept": q.correct_answer(),
        "acceptShown": shown_answer(q, q.correct_answer()), "choices": q.choices(),
        "chooseKey": getattr(q, "choose_message", "choose_one"), "teacherAnswer": None,
    }
    if isinstance(q, (SingleChoice, MultipleChoice)):
        out["options"] = [{"value": o, "label": o} for o in order["options"]]
    elif isinstance(q, TrueFalse):
        out["options"] = [{"value": True, "label": msg("true")},
                          {"value": False, "label": msg("false")}]
    elif isinstance(q, NumericQuestion):
        out.update(_numeric(q))
    elif isinstance(q, DateQuestion):
        out["precision"] = q.precision
        out["accept"] = [q.answer, *q.also_accept]
        out["placeholder"] = msg(f"date_placeholder_{q.precision}")
    elif isinstance(q, OrderQuestion):
        out["items"] = order["items"]
    elif isinstance(q, MatchQuestion):
        out["lefts"], out["rights"] = order["lefts"], order["rights"]
    elif isinstance(q, MapQuestion):
        from mali_lessons.quiz.map_question import map_view, quiz_places

        out["map"] = map_view(order["markers"], places or quiz_places(data_dir), data_dir)
    if teacher_mode:
        from mali_lessons.teacher import key_answer_text

        out["teacherAnswer"] = key_answer_text(q, bank, order.get("markers"))
    return out


def export_record(question: Question, record: dict[str, Any] | None) -> dict[str, Any] | None:
    """A saved record (mali_lessons.quiz.progress) with ``shown``: the answer as its box shows it."""
    if record is None:
        return None
    answer = record.get("answer")
    return {"answer": answer, "shown": shown_answer(question, answer),
            "correct": bool(record.get("correct")), "tries": int(record.get("tries") or 0),
            "right_on_try": record.get("right_on_try"), "revealed": bool(record.get("revealed"))}


def quiz_data(bank: Bank, student: str, sources: SourceInfo, *,
              records: dict[str, dict[str, Any]] | None = None,
              tries_before_answer: int = 2, explain_when_wrong: bool = False,
              teacher_mode: bool = False, warnings: list[str] | None = None,
              data_dir: Path | str | None = None) -> dict[str, Any]:
    """The whole quiz of one lesson for the front end (see the module docstring)."""
    places = None
    if any(isinstance(q, MapQuestion) for q in bank.questions):
        from mali_lessons.quiz.map_question import quiz_places

        places = quiz_places(data_dir)
    questions = [question_data(q, bank, n, student, sources, teacher_mode=teacher_mode,
                               places=places, data_dir=data_dir)
                 for n, q in enumerate(bank.questions, start=1)]
    saved = {}
    for q in bank.questions:
        record = export_record(q, (records or {}).get(q.id))
        if record is not None:
            saved[q.id] = record
    return {
        "format": FORMAT, "lesson": bank.lesson, "title": bank.title, "lang": language(),
        "messages": front_messages(),
        "settings": {"triesBeforeAnswer": tries_before_answer,
                     "explainWhenWrong": explain_when_wrong, "teacherMode": teacher_mode},
        "warnings": list(warnings or []), "records": saved, "questions": questions,
    }


_LOCAL_IMPORT = re.compile(r'^(?:import|export) [^;]*? from "\./[\w.]+\.js";\n', re.MULTILINE)


@lru_cache(maxsize=1)
def esm_source() -> str:
    """The front end as one ES module, for the widget: the modules of :data:`MODULES` joined,
    without the lines that import one from another (a browser loads the widget's module
    from text, where relative imports cannot be followed). Pages served as files import
    ``frontend/quiz.js`` directly instead."""
    parts = []
    for name in MODULES:
        text = (FRONTEND / name).read_text(encoding="utf-8")
        parts.append(f"// ---- {name}\n" + _LOCAL_IMPORT.sub("", text))
    return "\n".join(parts)


@lru_cache(maxsize=1)
def css_source() -> str:
    """The front end's style sheet (frontend/quiz.css)."""
    return (FRONTEND / "quiz.css").read_text(encoding="utf-8")
