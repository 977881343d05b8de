"""The quiz on screen: one block of ipywidgets per question and a running score.

In a notebook::

    from mali_lessons.quiz import Quiz
    Quiz.from_bank("04_withdrawal").show()

Each question has its answer controls, a *Check* button (Enter in a text box checks too), a
*Hint* button when the bank gives a hint, and a *Show answer* button that appears after a
number of wrong tries (``tries_before_answer``, 2 by default). Feedback appears at once:
right or wrong, and, once right or shown, the explanation and links to the sources.

* Input that is not an answer (an empty box, words in a number box) gets a friendly message
  and does not count as a try; checking the same answer twice counts once.
* Once a question is right, or its answer was shown, it is finished: its controls are
  disabled and it keeps its feedback. A question whose answer was shown counts as not right.
* Options, events to order, match items and map markers are shuffled in an order that is
  fixed for each student (so a re-run shows the same order, and neighbours see another).
* Answers are saved with :mod:`mali_lessons.quiz.progress` and restored when the notebook runs
  again.
* ``MALI_LESSONS_TEACHER=1`` shows the answer of each question (teacher mode).
* Without a kernel (GitHub, nbviewer, HTML export) the quiz shows as static HTML
  (see :mod:`mali_lessons.quiz.static_html`).
"""

from __future__ import annotations

import hashlib
import os
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import ipywidgets as widgets

from mali_lessons.quiz.answers import AnswerInputError, format_number
from mali_lessons.messages import msg
from mali_lessons.quiz.progress import ProgressStore, student_id
from mali_lessons.quiz.static_html import (
    SourceInfo,
    bank_html,
    correct_answer_text,
    esc,
    load_source_info,
    sources_html,
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
    load_bank,
)
from mali_lessons.teacher import key_answer_text

__all__ = ["Quiz", "QuizSettings", "QuestionView", "shuffled_for", "teacher_mode_from_env"]

WIDE = widgets.Layout(width="auto", max_width="100%")
LABEL_STYLE = {"description_width": "initial"}


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


def shuffled_for(student: str, key: str, items: list[Any]) -> list[Any]:
    """``items`` in an order fixed by the student and ``key`` (e.g. lesson and question id)."""
    digest = hashlib.sha256(f"{student}\n{key}".encode("utf-8")).hexdigest()
    order = list(items)
    random.Random(int(digest[:16], 16)).shuffle(order)
    return order


# ---------------------------------------------------------------------------------------------
# Answer controls: one small class per kind of control
# ---------------------------------------------------------------------------------------------


class AnswerInput:
    """The controls of one question. ``read()`` gives what was entered (not yet checked),
    ``write(answer)`` shows a saved answer, ``disable()`` locks a finished question."""

    widget: widgets.Widget

    def read(self) -> Any:
        raise NotImplementedError

    def write(self, answer: Any) -> None:
        raise NotImplementedError

    def controls(self) -> list[widgets.DOMWidget]:
        raise NotImplementedError

    def disable(self, disabled: bool = True) -> None:
        for control in self.controls():
            control.disabled = disabled


class RadioInput(AnswerInput):
    """Radio buttons: single choice and true/false. Arrow keys move between options."""

    def __init__(self, options: list[tuple[str, Any]], label: str, tooltip: str):
        self.radio = widgets.RadioButtons(
            options=options, value=None, description=label, tooltip=tooltip,
            layout=WIDE, style=LABEL_STYLE,
        )
        self.widget = self.radio

    def read(self) -> Any:
        return self.radio.value

    def write(self, answer: Any) -> None:
        values = [value for _label, value in self.radio.options]
        self.radio.value = answer if answer in values else None

    def controls(self) -> list[widgets.DOMWidget]:
        return [self.radio]


class CheckboxesInput(AnswerInput):
    """One check box per option (multiple select). Tab moves, Space ticks."""

    def __init__(self, options: list[str], tooltip: str):
        self.boxes = {
            option: widgets.Checkbox(
                value=False, description=option, tooltip=tooltip, indent=False, layout=WIDE
            )
            for option in options
        }
        self.widget = widgets.VBox(list(self.boxes.values()))

    def read(self) -> list[str]:
        return [option for option, box in self.boxes.items() if box.value]

    def write(self, answer: Any) -> None:
        for option, box in self.boxes.items():
            box.value = option in (answer or [])

    def controls(self) -> list[widgets.DOMWidget]:
        return list(self.boxes.values())


class TextInput(AnswerInput):
    """A text box for numbers and dates. Enter (or leaving the box) checks the answer."""

    def __init__(self, label: str, tooltip: str, placeholder: str, unit: str | None):
        self.text = widgets.Text(
            value="", description=label, tooltip=tooltip, placeholder=placeholder,
            continuous_update=False, style=LABEL_STYLE,
        )
        parts: list[widgets.Widget] = [self.text]
        if unit:
            parts.append(widgets.Label(value=msg("unit_suffix", unit=unit)))
        self.widget = widgets.HBox(parts)
        self._on_submit: Callable[[], None] | None = None
        self._quiet = False
        self.text.observe(self._value_changed, names="value")

    def on_submit(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` when the student presses Enter (ipywidgets 8 has no on_submit:
        with ``continuous_update=False`` the value changes only on Enter or leaving the box)."""
        self._on_submit = callback

    def _value_changed(self, change: dict) -> None:
        if self._on_submit is not None and not self._quiet and str(change["new"]).strip():
            self._on_submit()

    def read(self) -> str:
        return self.text.value

    def write(self, answer: Any) -> None:
        self._quiet = True
        try:
            self.text.value = "" if answer is None else str(answer)
        finally:
            self._quiet = False

    def controls(self) -> list[widgets.DOMWidget]:
        return [self.text]


class DropdownsInput(AnswerInput):
    """A list of dropdowns (order, match, map). Arrow keys choose within a dropdown."""

    def __init__(self, rows: list[tuple[Any, str, str]], options: list[tuple[str, Any]]):
        """``rows``: (key, label, tooltip) for each dropdown; ``options``: (label, value)."""
        choices = [(msg("not_chosen"), None)] + list(options)
        self.dropdowns = {
            key: widgets.Dropdown(
                options=choices, value=None, description=label, tooltip=tooltip,
                layout=WIDE, style=LABEL_STYLE,
            )
            for key, label, tooltip in rows
        }
        self.widget = widgets.VBox(list(self.dropdowns.values()))

    def read(self) -> dict[Any, Any]:
        return {key: box.value for key, box in self.dropdowns.items()}

    def write(self, answer: Any) -> None:
        answer = answer or {}
        for key, box in self.dropdowns.items():
            values = [value for _label, value in box.options]
            box.value = answer.get(key) if answer.get(key) in values else None

    def controls(self) -> list[widgets.DOMWidget]:
        return list(self.dropdowns.values())


class OrderInput(DropdownsInput):
    """Put events in order: position 1 (earliest), 2, ... each with a dropdown of events."""

    def __init__(self, events: list[str]):
        total = len(events)
        rows = [
            (n, msg("order_position", number=n),
             msg("order_position_tooltip", number=n, total=total))
            for n in range(1, total + 1)
        ]
        super().__init__(rows, [(event, event) for event in events])

    def read(self) -> list[Any]:
        chosen = super().read()
        return [chosen[n] for n in sorted(chosen)]

    def write(self, answer: Any) -> None:
        super().write({n: event for n, event in enumerate(answer or [], start=1)})


class MapInput(DropdownsInput):
    """One dropdown of marker numbers; the value is the place id behind the number."""

    def __init__(self, numbered_places: list[str]):
        options = [
            (msg("map_marker", number=n), place_id)
            for n, place_id in enumerate(numbered_places, start=1)
        ]
        super().__init__([("marker", msg("map_label"), msg("map_tooltip"))], options)

    def read(self) -> Any:
        return super().read()["marker"]

    def write(self, answer: Any) -> None:
        super().write({"marker": answer})


# ---------------------------------------------------------------------------------------------
# One question
# ---------------------------------------------------------------------------------------------


def _feedback_box(kind: str, body: str) -> str:
    """Feedback HTML; ``role=status`` lets screen readers announce it. Colour is never the
    only sign: each kind starts with a word and a symbol."""
    colours = {"right": "#1b6e20", "wrong": "#9c2a00", "problem": "#6a4a00", "info": "#1d3f6e"}
    return (
        f'<div role="status" aria-live="polite" style="border-left:4px solid '
        f'{colours[kind]};padding:0.3em 0.6em;margin:0.3em 0;">{body}</div>'
    )


class QuestionView:
    """One question on screen. ``box`` is the widget; the parts are attributes for tests:
    ``input`` (see AnswerInput), ``check_button``, ``hint_button``, ``answer_button``,
    ``feedback``, ``hint_box``."""

    def __init__(
        self,
        question: Question,
        bank: Bank,
        number: int,
        *,
        student: str,
        store: ProgressStore,
        sources: SourceInfo,
        settings: QuizSettings,
        on_change: Callable[[], None] = lambda: None,
        data_dir: Path | str | None = None,
    ):
        self.question = question
        self.bank = bank
        self.store = store
        self.sources = sources
        self.settings = settings
        self.on_change = on_change
        self.key = f"{bank.lesson}/{question.id}"
        self.student = student
        self.map_order: list[str] = []
        self.map_widget: widgets.Widget | None = None
        self.input = self._make_input(data_dir)

        heading = widgets.HTML(
            value=f"<h4>{esc(msg('question_number', number=number, total=len(bank.questions)))}"
            f"</h4><p>{esc(question.prompt)}</p>"
        )
        parts: list[widgets.Widget] = [heading]
        if self.map_widget is not None:
            parts.append(self.map_widget)
        parts.append(self.input.widget)
        if settings.teacher_mode:
            # map questions: the marker number in the order of this screen, and the place
            answer = key_answer_text(question, bank, self.map_order or None)
            parts.append(widgets.HTML(value=f"<p><em>{esc(msg('teacher_answer', answer=answer))}"
                                            "</em></p>"))

        self.check_button = widgets.Button(
            description=msg("check"), tooltip=msg("check_tooltip"), button_style="primary"
        )
        self.check_button.on_click(lambda _button: self.check())
        self.hint_button = widgets.Button(description=msg("hint"), tooltip=msg("hint_tooltip"))
        self.hint_button.on_click(lambda _button: self.show_hint())
        if not question.hint:
            self.hint_button.layout.display = "none"
        self.answer_button = widgets.Button(
            description=msg("show_answer"), tooltip=msg("show_answer_tooltip")
        )
        self.answer_button.on_click(lambda _button: self.reveal())
        self.hint_box = widgets.HTML(value="")
        self.feedback = widgets.HTML(value="")
        parts += [
            widgets.HBox([self.check_button, self.hint_button, self.answer_button]),
            self.hint_box,
            self.feedback,
        ]
        self.box = widgets.VBox(parts, layout=widgets.Layout(margin="0 0 1.2em 0"))

        self.record = store.get(bank.lesson, question.id)
        if self.record is not None and self.record.get("answer") is not None:
            self.input.write(self._shown_answer(self.record["answer"]))
        self._refresh()

    # -- building --------------------------------------------------------------------------

    def _order(self, items: list[Any]) -> list[Any]:
        return shuffled_for(self.student, self.key, items)

    def _make_input(self, data_dir: Path | str | None) -> AnswerInput:
        q = self.question
        if isinstance(q, SingleChoice):
            options = [(o, o) for o in self._order(q.options)]
            return RadioInput(options, msg("answer_choice_label"), msg("answer_choice_tooltip"))
        if isinstance(q, TrueFalse):
            options = [(msg("true"), True), (msg("false"), False)]
            return RadioInput(options, msg("truefalse_label"), msg("answer_choice_tooltip"))
        if isinstance(q, MultipleChoice):
            return CheckboxesInput(self._order(q.options), msg("multi_tooltip"))
        if isinstance(q, NumericQuestion):
            text = TextInput(msg("numeric_label"), msg("numeric_tooltip"),
                             msg("numeric_placeholder"), q.unit)
            text.on_submit(self.check)
            return text
        if isinstance(q, DateQuestion):
            text = TextInput(msg("date_label"), msg("date_tooltip"),
                             msg(f"date_placeholder_{q.precision}"), None)
            text.on_submit(self.check)
            return text
        if isinstance(q, OrderQuestion):
            return OrderInput(self._order(q.items))
        if isinstance(q, MatchQuestion):
            rows = [(left, left, msg("match_tooltip", item=left))
                    for left in self._order(q.lefts())]
            rights = shuffled_for(self.student, self.key + "/right", q.rights())
            return DropdownsInput(rows, [(r, r) for r in rights])
        if isinstance(q, MapQuestion):
            self.map_order = self._order(q.places)
            self.map_widget = self._map_widget(data_dir)
            return MapInput(self.map_order)
        raise TypeError(f"no widget for question type {q.kind!r}")

    def _map_widget(self, data_dir: Path | str | None) -> widgets.Widget:
        """The numbered map, with a text description (coordinates) for screen readers."""
        from mali_lessons.quiz.map_question import numbered_places_map

        fmap = numbered_places_map(self.map_order, data_dir=data_dir)
        lines = []
        for number, place_id in enumerate(self.map_order, start=1):
            _name, lat, lon = self.bank.places[place_id]
            lines.append("<li>" + esc(msg("map_marker_at", number=number, lat=f"{lat:.2f}",
                                               lon=f"{lon:.2f}")) + "</li>")
        text = (f"<details><summary>{esc(msg('map_text_summary'))}</summary>"
                f"<ol>{''.join(lines)}</ol></details>")
        return widgets.VBox([
            widgets.HTML(value=fmap._repr_html_(), layout=widgets.Layout(width="100%")),
            widgets.HTML(value=text),
        ])

    # -- answers in words ------------------------------------------------------------------

    def _shown_answer(self, answer: Any) -> Any:
        """A saved answer as the controls show it (numbers and dates as text to edit)."""
        if isinstance(self.question, NumericQuestion):
            return format_number(answer)
        if isinstance(self.question, DateQuestion):
            return self.question.answer_text(answer)
        return answer

    def answer_text(self, answer: Any) -> str:
        """An answer in words (place names for map questions)."""
        if isinstance(self.question, MapQuestion):
            return self.bank.place_name(answer)
        return self.question.answer_text(answer)

    # -- actions ---------------------------------------------------------------------------

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

    def check(self) -> None:
        """Check what the student entered: feedback, save, update the score."""
        if self.finished:
            return
        try:
            answer = self.question.parse(self.input.read())
        except AnswerInputError as problem:
            self._show("problem", "⚠ " + esc(str(problem)))
            return
        if self.record is not None and self.record.get("answer") == answer:
            self._refresh(extra=msg("feedback_same_answer"))
            return
        correct = self.question.is_correct(answer)
        self.record = self.store.record_check(
            self.bank.lesson, self.question.id, answer, self.answer_text(answer), correct
        )
        self._refresh()
        self.on_change()

    def show_hint(self) -> None:
        """Show the hint under the buttons."""
        if self.question.hint:
            self.hint_box.value = f"<p>💡 {esc(msg('hint_text', hint=self.question.hint))}</p>"

    def reveal(self) -> None:
        """Show the right answer; the question is then finished and counts as not right."""
        if self.finished or not self._may_reveal():
            return
        self.record = self.store.record_reveal(self.bank.lesson, self.question.id)
        self._refresh()
        self.on_change()

    def _may_reveal(self) -> bool:
        tries = (self.record or {}).get("tries", 0)
        return tries >= self.settings.tries_before_answer

    # -- showing ---------------------------------------------------------------------------

    def _show(self, kind: str, body: str) -> None:
        self.feedback.value = _feedback_box(kind, body)

    def _explained(self) -> str:
        return (
            f"<p>{esc(self.question.explanation)}</p>"
            f"<p>{esc(msg('sources_label'))} "
            f"{sources_html(self.question.sources, self.sources)}</p>"
        )

    def _refresh(self, extra: str = "") -> None:
        """Make the controls and feedback agree with the saved record."""
        record = self.record
        note = f"<p>{esc(extra)}</p>" if extra else ""
        self.answer_button.layout.display = (
            "" if self._may_reveal() and not self.finished else "none"
        )
        if record is None or record.get("tries", 0) == 0 and not record.get("revealed"):
            self.feedback.value = ""
        elif record.get("revealed") and not record.get("correct"):
            answer = correct_answer_text(self.question, self.bank)
            self._show("info", f"<p><strong>{esc(msg('feedback_revealed', answer=answer))}"
                               f"</strong></p>{note}{self._explained()}")
            self.input.write(self._shown_answer(self.question.correct_answer()))
        elif record.get("correct"):
            self._show("right", f"<p><strong>✔ {esc(msg('feedback_right'))}</strong></p>"
                                f"{note}{self._explained()}")
        else:
            lines = [f"<p><strong>✘ {esc(msg('feedback_wrong', tries=record['tries']))}"
                     "</strong></p>", note]
            if self._may_reveal():
                lines.append(f"<p>{esc(msg('feedback_can_reveal'))}</p>")
            if self.settings.explain_when_wrong:
                lines.append(self._explained())
            else:
                lines.append(f"<p>{esc(msg('read_more_label'))} "
                             f"{sources_html(self.question.sources, self.sources)}</p>")
            self._show("wrong", "".join(lines))
        finished = self.finished
        self.input.disable(finished)
        self.check_button.disabled = finished


# ---------------------------------------------------------------------------------------------
# A lesson's quiz
# ---------------------------------------------------------------------------------------------


class Quiz:
    """All the questions of one lesson, with a running score.

    ``Quiz.from_bank("04_withdrawal").show()`` in a notebook; ``display(quiz)`` works too.
    ``views`` holds one :class:`QuestionView` per question.
    """

    def __init__(
        self,
        bank: Bank,
        *,
        student: str | None = None,
        store: ProgressStore | None = None,
        settings: QuizSettings | None = None,
        data_dir: Path | str | None = None,
    ):
        self.bank = bank
        self.student = student or (store.student if store is not None else student_id())
        self.store = store if store is not None else ProgressStore.for_student(self.student)
        self.settings = settings or QuizSettings()
        self.sources = load_source_info(data_dir)
        self.warning_box = widgets.HTML(value="")
        self.score_box = widgets.HTML(value="")
        self.score_box_end = widgets.HTML(value="")  # the same score under the last question
        self.views = [
            QuestionView(
                question, bank, number, student=self.student, store=self.store,
                sources=self.sources, settings=self.settings, on_change=self._refresh,
                data_dir=data_dir,
            )
            for number, question in enumerate(bank.questions, start=1)
        ]
        title = widgets.HTML(value=f"<h3>{esc(msg('quiz_title', title=bank.title))}</h3>")
        self.widget = widgets.VBox(
            [title, self.warning_box, self.score_box]
            + [view.box for view in self.views]
            + [self.score_box_end]
        )
        self._refresh()

    @classmethod
    def from_bank(
        cls,
        lesson: str,
        data_dir: Path | str | None = None,
        *,
        student: str | None = None,
        store: ProgressStore | None = None,
        tries_before_answer: int = 2,
        teacher_mode: bool | None = None,
        explain_when_wrong: bool = False,
    ) -> "Quiz":
        """The quiz of one lesson, read from ``data/quizzes/<lesson>.yaml``."""
        settings = QuizSettings(
            tries_before_answer=tries_before_answer,
            teacher_mode=teacher_mode_from_env() if teacher_mode is None else teacher_mode,
            explain_when_wrong=explain_when_wrong,
        )
        bank = load_bank(lesson, data_dir)
        return cls(bank, student=student, store=store, settings=settings, data_dir=data_dir)

    def score(self) -> tuple[int, int, int]:
        """(right, answered, total): right answers, questions checked at least once or
        shown, and the number of questions."""
        right = sum(view.right for view in self.views)
        answered = sum(1 for view in self.views if view.record is not None)
        return right, answered, len(self.views)

    def _refresh(self) -> None:
        right, answered, total = self.score()
        text = f"<p><strong>{esc(msg('score', right=right, answered=answered, total=total))}" \
               "</strong></p>"
        self.score_box.value = text
        self.score_box_end.value = text
        if self.store.warnings:
            self.warning_box.value = "".join(
                _feedback_box("problem", "⚠ " + esc(msg("warning", text=w)))
                for w in self.store.warnings
            )

    def static_html(self) -> str:
        """The quiz as HTML for pages without a kernel (answers in closed <details>)."""
        return bank_html(self.bank, self.sources)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """Both views in one output: JupyterLab shows the widgets; GitHub, nbviewer and
        nbconvert (which skip a widget whose state was not saved) show the HTML."""
        # A closed widget has no widget view any more (ipywidgets sets the method to None).
        widget_view = self.widget._repr_mimebundle_
        bundle = dict(widget_view() or {}) if callable(widget_view) else {}
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = msg("quiz_title", title=self.bank.title)
        return bundle

    def show(self) -> None:
        """Display the quiz in the notebook."""
        from IPython.display import display

        display(self)
