"""Question types answered by typing: a number (with a tolerance and a unit) or a date (to the
year, the month or the day). Reading the typed text is :mod:`mali_lessons.quiz.answers`'s job."""

from __future__ import annotations

import math
from typing import Any, ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator

from mali_lessons.quiz.answers import (
    PRECISIONS,
    SCALE_WORDS,
    AnswerInputError,
    PartialDate,
    format_number,
    parse_date,
    parse_number,
)
from mali_lessons.messages import msg
from mali_lessons.quiz.base import Question, Text, _as_text, _text_list

__all__ = ["DateQuestion", "NumericQuestion"]


class NumericQuestion(Question):
    """A number typed in a box; right when within ``tolerance`` of ``answer``.

    ``unit`` is shown beside the box; the student may also type it (or one of ``also_units``)
    after the number: ``311 people``.
    """

    kind: ClassVar[str] = "numeric"
    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(default=0.0, ge=0)
    unit: Text | None = None
    also_units: list[Text] = Field(default_factory=list)
    #: A number below zero is refused with a message when the right answers are all zero or
    #: more (a count); set ``allow_negative: true`` for a question whose answer may be negative.
    allow_negative: bool = False

    @field_validator("unit", "also_units", mode="before")
    @classmethod
    def _units_as_text(cls, value: Any) -> Any:
        return _text_list(value) if isinstance(value, list) else _as_text(value)

    @property
    def scale(self) -> int:
        """10**6 when the unit is "million" (the answer is counted in millions), and so on."""
        first = (self.unit or "").split(" ")[0].casefold()
        return SCALE_WORDS.get(first, 1) if first not in ("k", "m", "mn", "bn") else 1

    @property
    def whole(self) -> bool:
        """True when the question asks for a whole number (a count such as 12,947)."""
        return float(self.answer).is_integer() and self.scale == 1

    @property
    def negative_allowed(self) -> bool:
        """Whether a number below zero is read at all (else it gets a message, not a try)."""
        return self.allow_negative or self.answer - self.tolerance < 0

    @field_validator("answer", "tolerance")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError(msg("bank_not_finite"))
        return value

    def units(self) -> list[str]:
        return [u for u in [self.unit, *self.also_units] if u]

    def parse(self, raw: Any) -> float:
        return parse_number(raw, units=self.units(), whole=self.whole, scale=self.scale,
                            allow_negative=self.negative_allowed)

    def fits(self, answer: Any) -> bool:
        return (isinstance(answer, (int, float)) and not isinstance(answer, bool)
                and math.isfinite(answer))

    def is_correct(self, answer: Any) -> bool:
        if not self.fits(answer):
            return False
        # The small extra margin absorbs rounding in decimal fractions (0.1 + 0.2).
        return abs(answer - self.answer) <= self.tolerance + 1e-9 * max(1.0, abs(self.answer))

    def correct_answer(self) -> float:
        return self.answer

    def answer_text(self, answer: Any) -> str:
        text = format_number(answer)
        return f"{text} {self.unit}" if self.unit else text


class DateQuestion(Question):
    """A date typed in a box. The precision asked follows from how ``answer`` is written.

    ``answer: "2023"`` asks for the year, ``"2023-06"`` for the month and ``"2023-06-16"``
    for the day. A student who gives more than is asked (a full date when only the year is
    asked) is judged on the part asked; one who gives less is asked for more (not a try).
    ``also_accept`` lists other answers that count as right where sources disagree.
    """

    kind: ClassVar[str] = "date"
    type: Literal["date"]
    answer: str
    also_accept: list[str] = Field(default_factory=list)

    @field_validator("answer", mode="before")
    @classmethod
    def _date_as_text(cls, value: Any) -> Any:
        # YAML reads an unquoted 2023-12-31 as a date and 2023 as a number.
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return _as_text(value)

    @field_validator("also_accept", mode="before")
    @classmethod
    def _dates_as_text(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [v.isoformat() if hasattr(v, "isoformat") else _as_text(v) for v in value]
        return value

    @field_validator("answer", "also_accept")
    @classmethod
    def _iso_dates(cls, value: Any) -> Any:
        for item in value if isinstance(value, list) else [value]:
            try:
                PartialDate.from_iso(item)
            except (ValueError, AnswerInputError):
                raise ValueError(msg("bank_bad_date", value=item)) from None
        return value

    @field_validator("also_accept")
    @classmethod
    def _same_precision(cls, value: list[str], info: ValidationInfo) -> list[str]:
        answer = info.data.get("answer")
        if answer is not None:
            asked = PartialDate.from_iso(answer).precision
            for item in value:
                if PartialDate.from_iso(item).precision != asked:
                    raise ValueError(msg("bank_date_precision_mismatch", value=item))
        return value

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``: what the question asks for."""
        return PartialDate.from_iso(self.answer).precision

    def parse(self, raw: Any) -> str:
        given = parse_date(raw)
        if PRECISIONS.index(given.precision) < PRECISIONS.index(self.precision):
            raise AnswerInputError(f"date_need_{self.precision}")
        return given.cut(self.precision).iso()

    def is_correct(self, answer: Any) -> bool:
        return isinstance(answer, str) and answer in {self.answer, *self.also_accept}

    def fits(self, answer: Any) -> bool:
        if not isinstance(answer, str):
            return False
        try:
            PartialDate.from_iso(answer)
        except (ValueError, AnswerInputError):
            return False
        return True

    def correct_answer(self) -> str:
        return self.answer

    def answer_text(self, answer: Any) -> str:
        try:
            return PartialDate.from_iso(answer).words()
        except (ValueError, AnswerInputError):
            return str(answer)
