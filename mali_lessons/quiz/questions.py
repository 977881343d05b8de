"""The question types of the quiz bank, and how each one reads and judges an answer.

Each question type is a small class that knows, independent of any widget:

* ``parse(raw)`` turns what the student entered into an answer, or raises
  :class:`~mali_lessons.quiz.answers.AnswerInputError` with a friendly message (empty box, text in a
  number box...). Such input is not counted as a try. Whatever ``raw`` is (text, a list, a
  number, None), ``parse`` raises nothing else.
* ``is_correct(answer)`` says whether that answer is right.
* ``answer_text(answer)`` writes an answer in words, for feedback, the answer key and the
  class summary.
* ``fits(answer)`` says whether a saved answer has the shape this type gives (a number for a
  numeric question, a list of events for an order question...), so a damaged progress file
  is noticed.
* ``judge(raw)`` does all of it at once and returns a :class:`Verdict` for a front end.

Answers are kept in a form that can be saved as JSON (strings, numbers, lists, dicts).
"""

from __future__ import annotations

from mali_lessons.quiz.base import Question, Slug, Text, Verdict, _as_text, _text_list, _unique
from mali_lessons.quiz.choices import (
    MapQuestion,
    MatchQuestion,
    MultipleChoice,
    OrderQuestion,
    Pair,
    PickOne,
    SingleChoice,
    TrueFalse,
)
from mali_lessons.quiz.typed import DateQuestion, NumericQuestion

__all__ = [
    "QUESTION_TYPES",
    "DateQuestion",
    "MapQuestion",
    "MatchQuestion",
    "MultipleChoice",
    "NumericQuestion",
    "OrderQuestion",
    "Pair",
    "PickOne",
    "Question",
    "SingleChoice",
    "Slug",
    "Text",
    "TrueFalse",
    "Verdict",
    "_as_text",
    "_text_list",
    "_unique",
]

QUESTION_TYPES: dict[str, type[Question]] = {
    cls.kind: cls
    for cls in (
        SingleChoice, MultipleChoice, TrueFalse, NumericQuestion, DateQuestion,
        OrderQuestion, MatchQuestion, MapQuestion,
    )
}
