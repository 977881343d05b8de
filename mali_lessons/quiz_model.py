"""The quiz bank: question types, loading a lesson's questions, and checking answers.

The bank is a set of YAML files in ``data/quizzes/``, one per lesson (``04_withdrawal.yaml``);
the format is described in ``data/README.md`` (section "data/quizzes"). :func:`load_bank`
reads one file, checks every question and returns a :class:`Bank`. When anything is wrong it
raises a single :class:`QuizBankError` naming the file, the question id and the field.

Each question type is a small class that knows three things, independent of any widget:

* ``parse(raw)`` turns what the student entered into an answer, or raises
  :class:`~mali_lessons.answers.AnswerInputError` with a friendly message (empty box, text in a
  number box...). Such input is not counted as a try.
* ``is_correct(answer)`` says whether that answer is right.
* ``answer_text(answer)`` writes an answer in words, for feedback, the answer key and the
  class summary.

Answers are kept in a form that can be saved as JSON (strings, numbers, lists, dicts).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from mali_lessons import data as data_tables
from mali_lessons.answers import (
    PRECISIONS,
    AnswerInputError,
    PartialDate,
    format_number,
    parse_date,
    parse_number,
)
from mali_lessons.messages import msg

__all__ = [
    "QUESTION_TYPES",
    "Bank",
    "QuizBankError",
    "Question",
    "bank_path",
    "former_lesson_ids",
    "list_lessons",
    "load_bank",
    "quizzes_dir",
]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$")]


class QuizBankError(ValueError):
    """A quiz bank file breaks a rule. The message names the file, question and field.

    The same facts are attributes for programs: ``path``, ``question_id``, ``field``, ``line``
    and ``problem``.
    """

    def __init__(
        self,
        path: Path | str,
        problem: str,
        question_id: str | None = None,
        field: str | None = None,
        line: int | None = None,
    ):
        self.path = Path(path)
        self.problem = problem
        self.question_id = question_id
        self.field = field
        self.line = line
        where = [str(self.path)]
        if line is not None:
            where.append(msg("bank_where_line", line=line))
        if question_id is not None:
            where.append(msg("bank_where_question", id=question_id))
        if field is not None:
            where.append(msg("bank_where_field", field=field))
        super().__init__(", ".join(where) + ": " + problem)


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


class PickOne(Question):
    """A question answered by picking one item of :meth:`choices`; ``answer`` is the right one."""

    #: Message key shown when nothing (or something not offered) was picked.
    choose_message: ClassVar[str] = "choose_one"

    def parse(self, raw: Any) -> str:
        if raw is None or raw not in self.choices():
            raise AnswerInputError(self.choose_message)
        return raw

    def is_correct(self, answer: Any) -> bool:
        return answer == self.answer  # type: ignore[attr-defined]

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
        picked = list(raw or [])
        if not picked or any(p not in self.options for p in picked):
            raise AnswerInputError("choose_some")
        return self._in_bank_order(picked)

    def is_correct(self, answer: Any) -> bool:
        return isinstance(answer, list) and set(answer) == set(self.answer)

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

    @field_validator("answer", "tolerance")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError(msg("bank_not_finite"))
        return value

    def units(self) -> list[str]:
        return [u for u in [self.unit, *self.also_units] if u]

    def parse(self, raw: Any) -> float:
        return parse_number(raw, units=self.units())

    def is_correct(self, answer: Any) -> bool:
        if not isinstance(answer, (int, float)) or not math.isfinite(answer):
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
        return answer in {self.answer, *self.also_accept}

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
        chosen = list(raw or [])
        if len(chosen) != len(self.items) or any(c not in self.items for c in chosen):
            raise AnswerInputError("order_fill_all")
        if len(set(chosen)) != len(chosen):
            raise AnswerInputError("order_each_once")
        return chosen

    def is_correct(self, answer: Any) -> bool:
        return list(answer) == list(self.items)

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
        chosen = dict(raw or {})
        rights = set(self.rights())
        if any(chosen.get(left) not in rights for left in self.lefts()):
            raise AnswerInputError("match_fill_all")
        return {left: chosen[left] for left in self.lefts()}

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


#: Every question type, by the name used in the YAML ``type:`` field.
QUESTION_TYPES: dict[str, type[Question]] = {
    cls.kind: cls
    for cls in (
        SingleChoice, MultipleChoice, TrueFalse, NumericQuestion, DateQuestion,
        OrderQuestion, MatchQuestion, MapQuestion,
    )
}


class Bank(BaseModel):
    """One lesson's questions, as read from ``data/quizzes/<lesson>.yaml``."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    lesson: str
    title: str
    path: Path
    questions: list[Question]
    #: Ids this lesson had before it was renamed (``former_ids: [07_review]`` in the file).
    #: Answers saved or exported under a former id count for this lesson.
    former_ids: tuple[str, ...] = ()
    #: For map questions: place id -> (name, latitude, longitude), from data/places.csv.
    places: dict[str, tuple[str, float, float]] = Field(default_factory=dict)

    def place_name(self, place_id: str) -> str:
        """The English name of a place used in a map question (the id if unknown)."""
        return self.places[place_id][0] if place_id in self.places else place_id

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError if there is none)."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def quizzes_dir(data_dir: Path | str | None = None) -> Path:
    """The folder of the bank: ``<data_dir>/quizzes`` (data_dir as in mali_lessons.data)."""
    folder = Path(data_dir) if data_dir is not None else data_tables.data_dir()
    return folder / "quizzes"


def bank_path(lesson: str, data_dir: Path | str | None = None) -> Path:
    """The YAML file of one lesson: ``<data_dir>/quizzes/<lesson>.yaml``."""
    return quizzes_dir(data_dir) / f"{lesson}.yaml"


def list_lessons(data_dir: Path | str | None = None) -> list[str]:
    """The lessons that have a quiz file, in teaching order (file name order)."""
    folder = quizzes_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.yaml"))


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QuizBankError(path, msg("bank_missing_file")) from None
    except UnicodeDecodeError:
        raise QuizBankError(path, msg("bank_not_utf8")) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err)
        raise QuizBankError(path, msg("bank_bad_yaml", problem=problem), line=line) from None
    except ValueError as err:
        # safe_load turns an unquoted 2023-02-30 into a date and fails on impossible days.
        raise QuizBankError(path, msg("bank_bad_value", problem=err)) from None


def _plain_words(error: dict) -> str:
    """A pydantic error in words a teacher understands."""
    kind = error.get("type", "")
    if kind == "missing":
        return msg("bank_field_missing")
    if kind == "extra_forbidden":
        return msg("bank_field_unknown")
    if kind == "string_pattern_mismatch":
        return msg("bank_not_slug", value=error.get("input"))
    if kind in ("too_short", "string_too_short"):
        return msg("bank_field_empty")
    text = str(error.get("msg", ""))
    return text.removeprefix("Value error, ")


def _field_name(loc: tuple) -> str | None:
    """``('pairs', 0, 'left')`` -> ``pairs[1].left`` (counting from 1, as a teacher would)."""
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item + 1}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or None


def _check_question(path: Path, number: int, raw: Any) -> Question:
    """Validate one question mapping; QuizBankError naming its id and field on failure."""
    if not isinstance(raw, dict):
        raise QuizBankError(path, msg("bank_question_not_mapping"), question_id=f"#{number}")
    question_id = str(raw.get("id") or f"#{number}")
    kind = raw.get("type")
    if kind is None:
        raise QuizBankError(path, msg("bank_field_missing"), question_id, "type")
    if kind not in QUESTION_TYPES:
        raise QuizBankError(
            path,
            msg("bank_unknown_type", kind=kind, known=", ".join(QUESTION_TYPES)),
            question_id,
            "type",
        )
    try:
        return QUESTION_TYPES[kind].model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        field = _field_name(tuple(first.get("loc", ())))
        raise QuizBankError(path, _plain_words(first), question_id, field) from None


def load_bank(lesson: str, data_dir: Path | str | None = None) -> Bank:
    """Read and check one lesson's questions from ``data/quizzes/<lesson>.yaml``.

    Checks: the YAML can be read; every question has a known type and all the fields it needs;
    answers are among the options; ids are unique; every source id is in ``sources.csv`` and
    every place id (map questions) in ``places.csv``. Raises one QuizBankError on the first
    problem found.
    """
    path = bank_path(lesson, data_dir)
    content = _read_yaml(path)
    if not isinstance(content, dict) or not isinstance(content.get("questions"), list):
        raise QuizBankError(path, msg("bank_no_questions"), field="questions")
    unknown = sorted(set(content) - {"lesson", "title", "questions", "former_ids"})
    if unknown:
        raise QuizBankError(path, msg("bank_field_unknown"), field=unknown[0])
    if content.get("lesson") not in (None, lesson):
        raise QuizBankError(path, msg("bank_lesson_mismatch", lesson=lesson), field="lesson")
    former_ids = _former_ids(path, lesson, content.get("former_ids"))
    questions: list[Question] = []
    seen: set[str] = set()
    for number, raw in enumerate(content["questions"], start=1):
        question = _check_question(path, number, raw)
        if question.id in seen:
            raise QuizBankError(path, msg("bank_duplicate_id"), question.id, "id")
        seen.add(question.id)
        questions.append(question)
    if not questions:
        raise QuizBankError(path, msg("bank_no_questions"), field="questions")

    source_ids = set(data_tables.load_sources(data_dir)["id"])
    for question in questions:
        for source in question.sources:
            if source not in source_ids:
                raise QuizBankError(
                    path, msg("bank_unknown_source", source=source), question.id, "sources"
                )

    places: dict[str, tuple[str, float, float]] = {}
    map_questions = [q for q in questions if isinstance(q, MapQuestion)]
    if map_questions:
        table = data_tables.load_places(data_dir)
        places = {
            row.id: (str(row.name), float(row.lat), float(row.lon))
            for row in table.itertuples(index=False)
        }
        for question in map_questions:
            for place in question.places:
                if place not in places:
                    raise QuizBankError(
                        path, msg("bank_unknown_place", place=place), question.id, "places"
                    )
    title = str(content.get("title") or lesson)
    return Bank(lesson=lesson, title=title, path=path, questions=questions, places=places,
                former_ids=former_ids)


def _former_ids(path: Path, lesson: str, value: Any) -> tuple[str, ...]:
    """The bank's ``former_ids``: a list of lesson ids (slugs), none of them the lesson itself."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise QuizBankError(path, msg("bank_former_ids_not_list"), field="former_ids")
    found: list[str] = []
    for number, item in enumerate(value, start=1):
        item = _as_text(item)
        where = f"former_ids[{number}]"
        if not isinstance(item, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_]*", item):
            raise QuizBankError(path, msg("bank_not_slug", value=item), field=where)
        if item == lesson:
            raise QuizBankError(path, msg("bank_former_id_is_lesson", lesson=lesson), field=where)
        if item in found:
            raise QuizBankError(path, msg("bank_duplicate_item", what="former id", item=item),
                                field=where)
        if path.with_name(f"{item}.yaml").exists():
            raise QuizBankError(path, msg("bank_former_id_exists", lesson=item), field=where)
        found.append(item)
    return tuple(found)


def former_lesson_ids(data_dir: Path | str | None = None) -> dict[str, str]:
    """Old lesson id -> current lesson id, from the ``former_ids`` of every bank file.

    Only the top of each file is read (no question is checked), so this is quick; a file that
    cannot be read is left out here (loading it reports the problem).
    """
    renames: dict[str, str] = {}
    for lesson in list_lessons(data_dir):
        path = bank_path(lesson, data_dir)
        try:
            content = _read_yaml(path)
            olds = _former_ids(path, lesson, content.get("former_ids"))
        except (QuizBankError, AttributeError):
            continue
        for old in olds:
            renames.setdefault(old, lesson)
    return renames
