"""Question types answered by picking: single and multiple choice, true or false, putting
events in order, matching pairs, and numbered markers on a map."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from mali_lessons.quiz.answers import AnswerInputError
from mali_lessons.messages import msg
from mali_lessons.quiz.base import Question, Slug, Text, _as_text, _text_list, _texts, _unique

__all__ = [
    "MapQuestion", "MatchQuestion", "MultipleChoice", "OrderQuestion", "Pair", "PickOne",
    "SingleChoice", "TrueFalse",
]


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
