"""Quizzes: the one module a notebook imports.

In a lesson notebook::

    from mali_lessons.quiz import Quiz
    Quiz.from_bank("04_withdrawal").show()

and, at the end of the course, to hand in results::

    from mali_lessons.quiz import export_results
    export_results()            # writes results-<student>.json in the current folder

The parts live in smaller modules: :mod:`mali_lessons.quiz_model` (the bank and answer
checks), :mod:`mali_lessons.answers` (reading typed numbers and dates),
:mod:`mali_lessons.quiz_widgets` (the widgets), :mod:`mali_lessons.quiz_html` (the static
view), :mod:`mali_lessons.quiz_map` (map questions) and :mod:`mali_lessons.progress`.
"""

from mali_lessons.answers import AnswerInputError, parse_date, parse_number
from mali_lessons.progress import ProgressStore, student_id
from mali_lessons.quiz_model import QUESTION_TYPES, Bank, QuizBankError, list_lessons, load_bank
from mali_lessons.quiz_widgets import Quiz, QuizSettings
from mali_lessons.teacher import export_results

__all__ = [
    "QUESTION_TYPES",
    "AnswerInputError",
    "Bank",
    "ProgressStore",
    "Quiz",
    "QuizBankError",
    "QuizSettings",
    "export_results",
    "list_lessons",
    "load_bank",
    "parse_date",
    "parse_number",
    "student_id",
]
