"""The question types of the quiz bank, and how each one reads and judges an answer.

Each question type is a small class that knows, independent of any widget:

* ``parse(raw)`` turns what the student entered into an answer, or raises
  :class:`~mali_lessons.answers.AnswerInputError` with a friendly message (empty box, text in a
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

import math
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from mali_lessons.answers import (
    PRECISIONS,
    SCALE_WORDS,
    AnswerInputError,
    PartialDate,
    format_number,
    parse_date,
    parse_number,
)
from mali_lessons.messages import msg

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
    "TrueFalse",
    "Verdict",
]

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


class PickOne(Question):
    """A question answered by picking one item of :meth:`choices`; ``answer`` is the right one."""

    #: Message key shown when nothing (or something not offered) was picked.
    choose_message: ClassVar[str] = "choose_one"

    def parse(self, raw: Any) -> str:
        if not isinstance(raw, str) or raw not in self.choices():
            raise AnswerInputError(self.choose_message)
        return raw

    def is_correct(self, answer: Any) -> bool:
        return answer == self.answer  # type: ignore[attr-defined]

    def fits(self, answer: Any) -> bool:
        return isinstance(answer, str)

    def correct_answer(self) -> str:
        return self.answer  # type: ignore[attr-defined]


class SingleChoice(PickOne):
    """One right option among several (radio buttons)."""

    kind: ClassVar[str] = "single"
    type: Literal["single"]
    options: list[Text] = Field(min_length=2)
    answer: Text

    @field_validator("options", mode="before")
    @classmethod
    def _options_as_text(cls, value: Any) -> Any:
        return _text_list(value)

    @field_validator("answer", mode="before")
    @classmethod
    def _answer_as_text(cls, value: Any) -> Any:
        return _as_text(value)

    @field_validator("options")
    @classmethod
    def _options_unique(cls, value: list[str]) -> list[str]:
        return _unique(value, "option")

    @field_validator("answer")
    @classmethod
    def _answer_is_option(cls, value: str, info: ValidationInfo) -> str:
        options = info.data.get("options")
        if options is not None and value not in options:
            raise ValueError(msg("bank_answer_not_option", answer=value))
        return value

    choose_message: ClassVar[str] = "choose_one"

    def choices(self) -> list[str]:
        return list(self.options)


class MultipleChoice(Question):
    """Several right options (check boxes); right only when exactly those are ticked."""

    kind: ClassVar[str] = "multi"
    type: Literal["multi"]
    options: list[Text] = Field(min_length=2)
    answer: list[Text] = Field(min_length=1)

    @field_validator("options", mode="before")
    @classmethod
    def _options_as_text(cls, value: Any) -> Any:
        return _text_list(value)

    @field_validator("answer", mode="before")
    @classmethod
    def _answer_as_text(cls, value: Any) -> Any:
        return _text_list(value)

    @field_validator("options")
    @classmethod
    def _options_unique(cls, value: list[str]) -> list[str]:
        return _unique(value, "option")

    @field_validator("answer")
    @classmethod
    def _answers_are_options(cls, value: list[str], info: ValidationInfo) -> list[str]:
        _unique(value, "answer")
        options = info.data.get("options")
        if options is not None:
            for item in value:
                if item not in options:
                    raise ValueError(msg("bank_answer_not_option", answer=item))
        return value

    def _in_bank_order(self, picked: Any) -> list[str]:
        return [option for option in self.options if option in set(picked)]

    def parse(self, raw: Any) -> list[str]:
        picked = _texts(raw)
        if not picked or any(p not in self.options for p in picked):
            raise AnswerInputError("choose_some")
        return self._in_bank_order(picked)

    def is_correct(self, answer: Any) -> bool:
        return _texts(answer) is not None and set(answer) == set(self.answer)

    def fits(self, answer: Any) -> bool:
        return isinstance(answer, list) and _texts(answer) is not None

    def correct_answer(self) -> list[str]:
        return self._in_bank_order(self.answer)

    def answer_text(self, answer: Any) -> str:
        return "; ".join(answer)

    def choices(self) -> list[str]:
        return list(self.options)


class TrueFalse(Question):
    """A statement the student marks true or false."""

    kind: ClassVar[str] = "truefalse"
    type: Literal["truefalse"]
    answer: bool

    def parse(self, raw: Any) -> bool:
        if not isinstance(raw, bool):
            raise AnswerInputError("choose_one")
        return raw

    def is_correct(self, answer: Any) -> bool:
        return answer is self.answer

    def correct_answer(self) -> bool:
        return self.answer

    def fits(self, answer: Any) -> bool:
        return isinstance(answer, bool)

    def answer_text(self, answer: Any) -> str:
        return msg("true") if answer else msg("false")


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


class OrderQuestion(Question):
    """Events to put in order; ``items`` lists them in the right order (earliest first)."""

    kind: ClassVar[str] = "order"
    type: Literal["order"]
    items: list[Text] = Field(min_length=3, max_length=8)

    @field_validator("items", mode="before")
    @classmethod
    def _items_as_text(cls, value: Any) -> Any:
        return _text_list(value)

    @field_validator("items")
    @classmethod
    def _items_unique(cls, value: list[str]) -> list[str]:
        return _unique(value, "item")

    def parse(self, raw: Any) -> list[str]:
        chosen = _texts(raw) if isinstance(raw, (list, tuple)) else None
        if chosen is None or len(chosen) != len(self.items) or any(
            c not in self.items for c in chosen
        ):
            raise AnswerInputError("order_fill_all")
        if len(set(chosen)) != len(chosen):
            raise AnswerInputError("order_each_once")
        return chosen

    def is_correct(self, answer: Any) -> bool:
        return isinstance(answer, list) and answer == list(self.items)

    def fits(self, answer: Any) -> bool:
        return isinstance(answer, list) and _texts(answer) is not None

    def correct_answer(self) -> list[str]:
        return list(self.items)

    def answer_text(self, answer: Any) -> str:
        return " → ".join(answer)

    def choices(self) -> list[str]:
        return list(self.items)


class Pair(BaseModel):
    """One left item and the right item it goes with."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    left: Text
    right: Text

    @field_validator("left", "right", mode="before")
    @classmethod
    def _texts(cls, value: Any) -> Any:
        return _as_text(value)


class MatchQuestion(Question):
    """Match each left item to a right item (one dropdown per left item).

    ``extra_right`` adds right items that match nothing, so the last pair is not a give-away.
    """

    kind: ClassVar[str] = "match"
    type: Literal["match"]
    pairs: list[Pair] = Field(min_length=2, max_length=8)
    extra_right: list[Text] = Field(default_factory=list)

    @field_validator("extra_right", mode="before")
    @classmethod
    def _extra_as_text(cls, value: Any) -> Any:
        return _text_list(value)

    @field_validator("pairs")
    @classmethod
    def _pairs_unique(cls, value: list[Pair]) -> list[Pair]:
        _unique([p.left for p in value], "left item")
        _unique([p.right for p in value], "right item")
        return value

    @field_validator("extra_right")
    @classmethod
    def _extra_unique(cls, value: list[str], info: ValidationInfo) -> list[str]:
        pairs = info.data.get("pairs") or []
        _unique([p.right for p in pairs] + list(value), "right item")
        return value

    def lefts(self) -> list[str]:
        return [p.left for p in self.pairs]

    def rights(self) -> list[str]:
        return [p.right for p in self.pairs] + list(self.extra_right)

    def parse(self, raw: Any) -> dict[str, str]:
        chosen = raw if isinstance(raw, dict) else {}
        rights = self.rights()
        if any(not isinstance(chosen.get(left), str) or chosen.get(left) not in rights
               for left in self.lefts()):
            raise AnswerInputError("match_fill_all")
        return {left: chosen[left] for left in self.lefts()}

    def fits(self, answer: Any) -> bool:
        return isinstance(answer, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in answer.items()
        )

    def is_correct(self, answer: Any) -> bool:
        return isinstance(answer, dict) and all(
            answer.get(p.left) == p.right for p in self.pairs
        )

    def correct_answer(self) -> dict[str, str]:
        return {p.left: p.right for p in self.pairs}

    def answer_text(self, answer: Any) -> str:
        return "; ".join(f"{left} = {right}" for left, right in answer.items())

    def choices(self) -> list[str]:
        return self.rights()


class MapQuestion(PickOne):
    """Numbered markers on a map; the student picks the number of the place asked for.

    ``places`` are ids from ``data/places.csv``; ``answer`` is one of them. The markers are
    numbered 1, 2, 3... in an order shuffled for each student.
    """

    kind: ClassVar[str] = "map"
    type: Literal["map"]
    places: list[Slug] = Field(min_length=2, max_length=12)
    answer: Slug

    @field_validator("places")
    @classmethod
    def _places_unique(cls, value: list[str]) -> list[str]:
        return _unique(value, "place")

    @field_validator("answer")
    @classmethod
    def _answer_is_place(cls, value: str, info: ValidationInfo) -> str:
        places = info.data.get("places")
        if places is not None and value not in places:
            raise ValueError(msg("bank_answer_not_place", answer=value))
        return value

    choose_message: ClassVar[str] = "choose_marker"

    def choices(self) -> list[str]:
        return list(self.places)

    def marker_number(self, order: list[str] | None = None) -> int:
        """The number of the right marker (1, 2...) when the markers are numbered in ``order``
        (the order on a student's screen); the bank's order when ``order`` is None."""
        return list(order if order is not None else self.places).index(self.answer) + 1


#: Every question type, by the name used in the YAML ``type:`` field.
QUESTION_TYPES: dict[str, type[Question]] = {
    cls.kind: cls
    for cls in (
        SingleChoice, MultipleChoice, TrueFalse, NumericQuestion, DateQuestion,
        OrderQuestion, MatchQuestion, MapQuestion,
    )
}
