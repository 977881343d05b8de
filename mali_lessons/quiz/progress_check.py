"""Checking a progress file before its answers are used.

A progress file is JSON written by :mod:`mali_lessons.quiz.progress`, but it lives in a student's
folder, where it may be edited by hand, damaged, or replaced. :func:`layout_problem` says what
is wrong with one (or None when it is fine): the layout, the type of every field of every
record, and, through the quiz bank, that each saved answer has the shape its question gives
(a number for a numeric question, a list of events for an order question...). Any problem
means the whole file is set aside, as a damaged file is.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from mali_lessons.messages import msg

__all__ = ["AnswerCheck", "bank_answer_check", "layout_problem", "with_defaults"]

#: ``check(lesson, question_id, answer)`` -> True when the answer has the right shape.
AnswerCheck = Callable[[str, str, Any], bool]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]*$")


def _is_count(value: Any, low: int = 0) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= low


#: Each field of a record: a test of its value and what it should be, in words.
RECORD_FIELDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "answer_text": (lambda v: isinstance(v, str), "a text"),
    "correct": (lambda v: isinstance(v, bool), "true or false"),
    "tries": (_is_count, "a whole number, 0 or more"),
    "right_on_try": (lambda v: v is None or _is_count(v, 1), "a whole number, 1 or more, or null"),
    "revealed": (lambda v: isinstance(v, bool), "true or false"),
    "wrong_answers": (lambda v: isinstance(v, list) and all(isinstance(a, str) for a in v),
                      "a list of texts"),
    "first_at": (lambda v: isinstance(v, str), "a time, as text"),
    "last_at": (lambda v: isinstance(v, str), "a time, as text"),
}

#: Fields a record must have; the others get their default when missing.
REQUIRED = ("correct", "tries")

DEFAULTS: dict[str, Any] = {
    "answer": None, "answer_text": "", "right_on_try": None, "revealed": False,
    "wrong_answers": [], "first_at": "", "last_at": "",
}


def _problem(where: str, text: str) -> str:
    return msg("progress_bad_layout", where=where, problem=text)


def layout_problem(
    content: Any, fmt: int, answer_fits: AnswerCheck | None = None
) -> str | None:
    """What is wrong with a progress file's content, in words; None when nothing is."""
    if not isinstance(content, dict):
        return _problem("the file", "expected a JSON object")
    if content.get("format") != fmt:
        return _problem("format", f"expected {fmt}")
    if not isinstance(content.get("student"), str):
        return _problem("student", "expected the student's name")
    lessons = content.get("lessons")
    if not isinstance(lessons, dict):
        return _problem("lessons", "expected an object of lessons")
    for lesson, questions in lessons.items():
        if not isinstance(questions, dict):
            return _problem(f"lesson {lesson}", "expected an object of questions")
        for question_id, record in questions.items():
            where = f"lesson {lesson}, question {question_id}"
            if not isinstance(record, dict):
                return _problem(where, "expected an object")
            for name in REQUIRED:
                if name not in record:
                    return _problem(f"{where}, field '{name}'", "missing")
            for name, (test, expected) in RECORD_FIELDS.items():
                if name in record and not test(record[name]):
                    return _problem(f"{where}, field '{name}'",
                                    f"expected {expected}, found {record[name]!r:.40}")
            answer = record.get("answer")
            if answer is not None and answer_fits is not None and not answer_fits(
                lesson, question_id, answer
            ):
                return _problem(f"{where}, field 'answer'",
                                f"{answer!r:.40} is not an answer to this question")
    return None


def with_defaults(content: dict[str, Any]) -> dict[str, Any]:
    """``content`` with every record holding every field (older files may lack some)."""
    for questions in content["lessons"].values():
        for record in questions.values():
            for name, default in DEFAULTS.items():
                record.setdefault(name, list(default) if isinstance(default, list) else default)
    return content


def bank_answer_check(data_dir: Any = None) -> AnswerCheck:
    """A check of saved answers against the quiz bank's question types.

    Answers to lessons or questions the bank does not have (yet) are accepted, and so is
    everything of a lesson whose bank cannot be read: a broken bank must not hide answers.
    """
    questions: dict[str, dict[str, Any]] = {}

    def fits(lesson: str, question_id: str, answer: Any) -> bool:
        if lesson not in questions:
            questions[lesson] = {}
            if _SLUG.match(lesson):
                try:
                    from mali_lessons.quiz.model import bank_path, load_bank

                    if bank_path(lesson, data_dir).is_file():
                        bank = load_bank(lesson, data_dir, lang="en")
                        questions[lesson] = {q.id: q for q in bank.questions}
                except Exception:  # noqa: BLE001 - a broken bank is reported where it is used
                    pass
        question = questions[lesson].get(question_id)
        return question is None or question.fits(answer)

    return fits
