"""What every quiz question has, and the verdict a front end shows after *Check*.

:class:`Question` holds the fields shared by every type and :class:`Verdict` the result of
judging an input. The types themselves are in :mod:`mali_lessons.quiz.choices` (answers
picked from a list) and :mod:`mali_lessons.quiz.typed` (numbers and dates typed in a box);
:mod:`mali_lessons.quiz.questions` gathers them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from mali_lessons.quiz.answers import AnswerInputError
from mali_lessons.messages import msg

__all__ = ["Question", "Slug", "Text", "Verdict"]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$")]


def _as_text(value: Any) -> Any:
    """YAML reads ``2013`` as a number and ``yes`` as True; options are always text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _text_list(value: Any) -> Any:
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return value


def _unique(items: list[str], what: str) -> list[str]:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise ValueError(msg("bank_duplicate_item", what=what, item=item))
        seen.add(item)
    return items


@dataclass(frozen=True)
class Verdict:
    """What a front end shows after *Check*.

    ``kind`` is ``"right"`` or ``"wrong"`` (a try: ``answer`` holds the answer read), or, not
    a try, ``"input"`` (the input is not an answer yet: an empty box, words in a number box) or
    ``"ask"`` (the input reads two ways and the message asks which was meant). ``key`` is the
    message's key in :mod:`mali_lessons.messages` and ``message`` its text, ready to show.
    """

    kind: Literal["right", "wrong", "input", "ask"]
    answer: Any = None
    key: str | None = None
    message: str = ""

    @property
    def counts_as_try(self) -> bool:
        """True for right and wrong answers; input that is not an answer is never a try."""
        return self.kind in ("right", "wrong")


def _texts(raw: Any) -> list[str] | None:
    """``raw`` as a list of texts when it is a list, tuple or set of texts; else None."""
    if isinstance(raw, (list, tuple, set, frozenset)) and all(isinstance(r, str) for r in raw):
        return list(raw)
    return None


class Question(BaseModel):
    """Fields shared by every question type."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ClassVar[str] = ""

    id: Slug
    type: str
    prompt: Text
    explanation: Text
    sources: list[Slug] = Field(min_length=1)
    hint: Text | None = None

    def parse(self, raw: Any) -> Any:
        """Turn what the student entered into an answer; AnswerInputError if unusable."""
        raise NotImplementedError

    def is_correct(self, answer: Any) -> bool:
        """True when ``answer`` (as returned by :meth:`parse`) is right."""
        raise NotImplementedError

    def correct_answer(self) -> Any:
        """The right answer, in the form :meth:`parse` returns."""
        raise NotImplementedError

    def answer_text(self, answer: Any) -> str:
        """An answer written in words."""
        return str(answer)

    def choices(self) -> list[str]:
        """What the student picks from, in the bank's order (empty for typed answers)."""
        return []

    def fits(self, answer: Any) -> bool:
        """True when a saved ``answer`` has the shape :meth:`parse` gives for this type.

        Only the shape is checked (a number, a text, a list of texts...), not whether the text
        is still one of the options: a teacher may have edited the bank since.
        """
        raise NotImplementedError

    def judge(self, raw: Any) -> Verdict:
        """Read ``raw`` and say right, wrong, or what is missing (see :class:`Verdict`)."""
        try:
            answer = self.parse(raw)
        except AnswerInputError as problem:
            return Verdict(problem.kind, None, problem.key, str(problem))
        right = self.is_correct(answer)
        return Verdict("right" if right else "wrong", answer,
                       "feedback_right" if right else None, msg("feedback_right") if right else "")
