"""The quiz in a notebook: one anywidget that runs the front end (``frontend/quiz.js``).

In a notebook::

    from mali_lessons.quiz import Quiz
    Quiz.from_bank("04_withdrawal").show()

The browser draws and judges each question at once (JupyterLab, Notebook 7, Voilà and VS Code
all run anywidget); every try is sent to Python, which judges it again with the bank's question
classes and saves it with :mod:`mali_lessons.quiz.progress`. The saved records go back to the
browser, so what is saved is what is shown, and a notebook run again shows its saved answers.

* Input that is not an answer (an empty box, words in a number box, ``-5`` for a count,
  ``12.947`` for a count, which is asked back) gets a message and is not a try; checking the
  same answer twice counts once.
* Once right, or once its answer was shown (after ``tries_before_answer`` wrong tries), a
  question is finished; a shown answer counts as not right.
* Options, events, match items and map markers are shuffled in an order fixed per student.
* ``MALI_LESSONS_TEACHER=1`` shows each answer (map answers as the marker number on that
  screen). Without a kernel (GitHub, nbviewer, an HTML export) the quiz shows as static HTML
  (:mod:`mali_lessons.quiz.static_html`).

For tests and scripts, each question also has a Python view (``quiz.views``) whose
``input`` holds what would be entered and whose ``check()`` judges it as the browser would.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import anywidget
import traitlets

from mali_lessons.messages import msg
from mali_lessons.quiz.answer_text import answer_words, load_source_info
from mali_lessons.quiz.frontend_data import (
    css_source,
    esm_source,
    export_record,
    quiz_data,
    screen_order,
    shuffled_for,
)
from mali_lessons.quiz.model import Bank, DateQuestion, NumericQuestion, Question, load_bank
from mali_lessons.quiz.progress import ProgressStore, student_id

__all__ = ["Quiz", "QuizSettings", "QuizWidget", "QuestionView", "shuffled_for",
           "teacher_mode_from_env"]


def teacher_mode_from_env() -> bool:
    """True when ``MALI_LESSONS_TEACHER`` is ``1``, ``true`` or ``yes``."""
    return os.environ.get("MALI_LESSONS_TEACHER", "").strip().lower() in {"1", "true", "yes"}


@dataclass
class QuizSettings:
    """How a quiz behaves. ``Quiz.from_bank(lesson, tries_before_answer=3)`` changes one."""

    #: Wrong tries after which "Show answer" appears (0 shows it from the start).
    tries_before_answer: int = 2
    #: Show each question's answer inline (for teachers preparing a class).
    teacher_mode: bool = field(default_factory=teacher_mode_from_env)
    #: Show the explanation after a wrong answer too (it often gives the answer away).
    explain_when_wrong: bool = False


class QuizWidget(anywidget.AnyWidget):
    """The front end as a widget: ``data`` is :func:`~mali_lessons.quiz.frontend_data.quiz_data`,
    ``records`` the saved record of each question (what the browser shows)."""

    _esm = traitlets.Unicode(esm_source()).tag(sync=True)
    _css = traitlets.Unicode(css_source()).tag(sync=True)
    data = traitlets.Dict().tag(sync=True)
    records = traitlets.Dict().tag(sync=True)


class Value:
    """A value a test can set, like a widget's ``.value``."""

    def __init__(self, value: Any = None):
        self.value = value


class Entry:
    """What is entered for one question (set by the browser's message or by a test).
    Typed answers are ``entry.text.value``; picked ones ``entry.value``."""

    def __init__(self, typed: bool):
        self.typed = typed
        self.text = Value("")
        self.value: Any = None

    def read(self) -> Any:
        return self.text.value if self.typed else self.value

    def write(self, raw: Any) -> None:
        if self.typed:
            self.text.value = "" if raw is None else str(raw)
        else:
            self.value = raw


class QuestionView:
    """One question, on the Python side: the saved ``record``, the ``input`` last entered and
    the ``feedback`` text (``feedback.value``) that goes with a refused input."""

    def __init__(self, quiz: "Quiz", question: Question, number: int):
        self.quiz = quiz
        self.question = question
        self.number = number
        self.order = screen_order(question, quiz.bank.lesson, quiz.student)
        self.input = Entry(isinstance(question, (NumericQuestion, DateQuestion)))
        self.feedback = Value("")
        self.record = self._local(quiz.store.get(quiz.bank.lesson, question.id))
        if self.record is not None and self.record.get("answer") is not None:
            self.input.write(self.record["answer"])

    def _local(self, record: dict[str, Any] | None) -> dict[str, Any] | None:
        """A saved record with its answer in the quiz's language (files keep the English)."""
        if record is None or not self.quiz.bank.canonical:
            return record
        local = dict(record)
        local["answer"] = self.quiz.bank.local_answer(self.question.id, record.get("answer"))
        return local

    @property
    def finished(self) -> bool:
        """Right, or the answer was shown: nothing more to do."""
        record = self.record or {}
        return bool(record.get("correct") or record.get("revealed"))

    @property
    def right(self) -> bool:
        """Answered right without the answer being shown first."""
        record = self.record or {}
        return bool(record.get("correct") and not record.get("revealed"))

    def may_reveal(self) -> bool:
        return (self.record or {}).get("tries", 0) >= self.quiz.settings.tries_before_answer

    def check(self, raw: Any = None) -> str:
        """Judge ``raw`` (or what ``input`` holds) and save it when it is a try. Returns the
        verdict's kind: right, wrong, input, ask, same (already checked) or finished."""
        if raw is not None:
            self.input.write(raw)
        if self.finished:
            return "finished"
        verdict = self.question.judge(self.input.read())
        if not verdict.counts_as_try:
            self.feedback.value = "⚠ " + verdict.message
            return verdict.kind
        if self.record is not None and self.record.get("tries") and \
                self.record.get("answer") == verdict.answer:
            self.feedback.value = msg("feedback_same_answer")
            return "same"
        words = answer_words(self.question, self.quiz.bank, verdict.answer)
        self.record = self._local(self.quiz.store.record_check(
            self.quiz.bank.lesson, self.question.id,
            self.quiz.bank.canonical_answer(self.question.id, verdict.answer), words,
            verdict.kind == "right"))
        self.feedback.value = ("✔ " + msg("feedback_right") if verdict.kind == "right" else
                               "✘ " + msg("feedback_wrong", tries=self.record["tries"]))
        self.quiz.changed(self)
        return verdict.kind

    def reveal(self) -> bool:
        """Show the right answer (after enough tries); it then counts as not right."""
        if self.finished or not self.may_reveal():
            return False
        self.record = self._local(
            self.quiz.store.record_reveal(self.quiz.bank.lesson, self.question.id))
        self.feedback.value = msg("feedback_revealed", answer=answer_words(
            self.question, self.quiz.bank, self.question.correct_answer()))
        self.quiz.changed(self)
        return True


class Quiz:
    """All the questions of one lesson, with a running score.

    ``Quiz.from_bank("04_withdrawal").show()`` in a notebook; ``display(quiz)`` works too.
    ``widget`` is the :class:`QuizWidget`; ``views`` one :class:`QuestionView` per question.
    """

    def __init__(self, bank: Bank, *, student: str | None = None,
                 store: ProgressStore | None = None, settings: QuizSettings | None = None,
                 data_dir: Path | str | None = None):
        self.bank = bank
        self.student = student or (store.student if store is not None else student_id())
        self.store = store if store is not None else ProgressStore.for_student(self.student)
        self.settings = settings or QuizSettings()
        self.sources = load_source_info(data_dir)
        self.data_dir = data_dir
        self.views = [QuestionView(self, q, n) for n, q in enumerate(bank.questions, start=1)]
        self.on_change: list[Callable[[], None]] = []
        data = quiz_data(
            bank, self.student, self.sources, records=self.store.lesson(bank.lesson),
            tries_before_answer=self.settings.tries_before_answer,
            explain_when_wrong=self.settings.explain_when_wrong,
            teacher_mode=self.settings.teacher_mode, warnings=list(self.store.warnings),
            data_dir=data_dir)
        self.widget = QuizWidget(data=data, records=self._records())
        self.widget.on_msg(self._on_message)

    @classmethod
    def from_bank(cls, lesson: str, data_dir: Path | str | None = None, *,
                  student: str | None = None, store: ProgressStore | None = None,
                  tries_before_answer: int = 2, teacher_mode: bool | None = None,
                  explain_when_wrong: bool = False) -> "Quiz":
        """The quiz of one lesson, read from ``data/quizzes/<lesson>.yaml``."""
        settings = QuizSettings(
            tries_before_answer=tries_before_answer,
            teacher_mode=teacher_mode_from_env() if teacher_mode is None else teacher_mode,
            explain_when_wrong=explain_when_wrong,
        )
        bank = load_bank(lesson, data_dir)
        return cls(bank, student=student, store=store, settings=settings, data_dir=data_dir)

    @property
    def data(self) -> dict[str, Any]:
        """What the front end draws (see :mod:`mali_lessons.quiz.frontend_data`)."""
        return self.widget.data

    @property
    def warning_box(self) -> Value:
        """The warnings about saving, as one text (also shown at the top of the quiz)."""
        return Value(" ".join(msg("warning", text=w) for w in self.store.warnings))

    def view(self, question_id: str) -> QuestionView:
        """The view of one question (KeyError if there is none)."""
        for view in self.views:
            if view.question.id == question_id:
                return view
        raise KeyError(question_id)

    def _records(self) -> dict[str, Any]:
        return {v.question.id: export_record(v.question, v.record)
                for v in self.views if v.record is not None}

    def changed(self, _view: QuestionView) -> None:
        """A record changed: send the records to the browser."""
        self.widget.records = self._records()
        for callback in self.on_change:
            callback()

    def _on_message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        """A try or a "Show answer" from the browser: judged again here, then saved."""
        if not isinstance(content, dict):
            return
        try:
            view = self.view(str(content.get("id")))
        except KeyError:
            return
        if content.get("type") == "check":
            view.check(content.get("raw"))
        elif content.get("type") == "reveal":
            view.reveal()
        # Always answer, so the browser shows what Python saved even when the two differ.
        self.widget.records = self._records()
        self.widget.send({"type": "record", "id": view.question.id,
                          "record": export_record(view.question, view.record)})

    def score(self) -> tuple[int, int, int]:
        """(right, answered, total): right answers, questions checked at least once or
        shown, and the number of questions."""
        right = sum(view.right for view in self.views)
        answered = sum(1 for view in self.views if view.record is not None)
        return right, answered, len(self.views)

    def static_html(self) -> str:
        """The quiz as HTML for pages without a kernel (answers in closed <details>)."""
        from mali_lessons.quiz.static_html import bank_html

        return bank_html(self.bank, self.sources, student=self.student, data_dir=self.data_dir)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """Both views in one output: JupyterLab shows the widget; GitHub, nbviewer and
        nbconvert (which skip a widget whose state was not saved) show the HTML."""
        widget_view = getattr(self.widget, "_repr_mimebundle_", None)
        shown = widget_view() if callable(widget_view) else None
        if isinstance(shown, tuple):  # (bundle, metadata), as anywidget gives it
            shown = shown[0]
        bundle = dict(shown or {})
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = msg("quiz_title", title=self.bank.title)
        return bundle

    def show(self) -> None:
        """Display the quiz in the notebook."""
        from IPython.display import display

        display(self)
