"""The quiz on screen, under its earlier module name.

The quiz is now one front end (``frontend/quiz.js``) run as an anywidget; its Python side is
:mod:`mali_lessons.quiz.widget`. This module keeps ``from mali_lessons.quiz.widgets import
Quiz`` working for notebooks and scripts written before.
"""

from __future__ import annotations

from mali_lessons.quiz.widget import (
    QuestionView,
    Quiz,
    QuizSettings,
    QuizWidget,
    shuffled_for,
    teacher_mode_from_env,
)

__all__ = ["QuestionView", "Quiz", "QuizSettings", "QuizWidget", "shuffled_for",
           "teacher_mode_from_env"]
