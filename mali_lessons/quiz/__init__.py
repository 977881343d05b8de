"""Quizzes: what a notebook imports.

In a lesson notebook::

    from mali_lessons.quiz import Quiz
    Quiz.from_bank("04_withdrawal").show()

and, at the end of the course, to hand in results::

    from mali_lessons.quiz import export_results
    export_results()            # writes results-<student>-<code>.json in the current folder

The parts are modules of this package: :mod:`~mali_lessons.quiz.model` (the bank),
:mod:`~mali_lessons.quiz.questions` and the modules it gathers (the question types and how
each judges an answer), :mod:`~mali_lessons.quiz.answers` (reading typed numbers and dates),
:mod:`~mali_lessons.quiz.progress` (saved answers), :mod:`~mali_lessons.quiz.widget` (the quiz
on screen) and :mod:`~mali_lessons.quiz.map_question` (map questions). The names below are
imported only when first used, so ``import mali_lessons.quiz`` stays light.
"""

from __future__ import annotations

from mali_lessons.lazy import lazy_exports

#: Public name -> the module that defines it.
_EXPORTS = {
    "AnswerInputError": "mali_lessons.quiz.answers",
    "parse_date": "mali_lessons.quiz.answers",
    "parse_number": "mali_lessons.quiz.answers",
    "ProgressStore": "mali_lessons.quiz.progress",
    "student_id": "mali_lessons.quiz.progress",
    "saved_where": "mali_lessons.quiz.student_names",
    "QUESTION_TYPES": "mali_lessons.quiz.model",
    "Bank": "mali_lessons.quiz.model",
    "QuizBankError": "mali_lessons.quiz.model",
    "list_lessons": "mali_lessons.quiz.model",
    "load_bank": "mali_lessons.quiz.model",
    "Quiz": "mali_lessons.quiz.widget",
    "QuizSettings": "mali_lessons.quiz.widget",
    "export_results": "mali_lessons.teacher",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
