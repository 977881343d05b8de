"""The quiz bank: loading a lesson's questions from ``data/quizzes/<lesson>.yaml``.

The bank is a set of YAML files in ``data/quizzes/``, one per lesson (``04_withdrawal.yaml``);
the format is described in ``data/README.md`` (section "data/quizzes"). :func:`load_bank`
reads one file, checks every question and returns a :class:`Bank`. When anything is wrong it
raises a single :class:`QuizBankError` naming the file, the question id and the field.

The question types (how each reads and judges an answer) are in
:mod:`mali_lessons.quiz.questions`; the safe YAML reading is in :mod:`mali_lessons.quiz.bank_yaml`.
Both are re-exported here, so ``from mali_lessons.quiz.model import NumericQuestion`` works.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mali_lessons import data as data_tables
from mali_lessons.quiz.bank_yaml import QuizBankError, read_bank_yaml
from mali_lessons.messages import language, msg
from mali_lessons.quiz.questions import (
    QUESTION_TYPES,
    DateQuestion,
    MapQuestion,
    MatchQuestion,
    MultipleChoice,
    NumericQuestion,
    OrderQuestion,
    Pair,
    PickOne,
    Question,
    SingleChoice,
    TrueFalse,
    Verdict,
    _as_text,
)

__all__ = [
    "QUESTION_TYPES",
    "Bank",
    "DateQuestion",
    "MapQuestion",
    "MatchQuestion",
    "MultipleChoice",
    "NumericQuestion",
    "OrderQuestion",
    "Pair",
    "PickOne",
    "Question",
    "QuizBankError",
    "SingleChoice",
    "TrueFalse",
    "Verdict",
    "bank_path",
    "former_lesson_ids",
    "list_lessons",
    "load_bank",
    "quizzes_dir",
]


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
    #: The language of the words (``en``, or ``fr`` for data/quizzes/fr/<lesson>.yaml).
    lang: str = "en"
    #: Per question id, translated option/event/pair text -> the English text (empty in English).
    canonical: dict[str, dict[str, str]] = Field(default_factory=dict)

    def canonical_answer(self, question_id: str, answer: Any) -> Any:
        """``answer`` with translated texts turned into the English ones, as progress and
        results files keep it (so both editions share them). English answers pass unchanged."""
        return _swap(answer, self.canonical.get(question_id, {}))

    def local_answer(self, question_id: str, answer: Any) -> Any:
        """A saved (English) ``answer`` in this bank's words, the inverse of
        :meth:`canonical_answer`."""
        back = self.canonical.get(question_id, {})
        return _swap(answer, {english: local for local, english in back.items()})

    def place_name(self, place_id: str) -> str:
        """The name of a place used in a map question, in the bank's language (the id if
        unknown)."""
        return self.places[place_id][0] if place_id in self.places else place_id

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError if there is none)."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)


def _swap(answer: Any, table: dict[str, str]) -> Any:
    """``answer`` (a text, a list of texts or a mapping of texts) with each text in ``table``
    replaced; numbers, booleans and texts not in the table are kept."""
    if not table:
        return answer
    if isinstance(answer, str):
        return table.get(answer, answer)
    if isinstance(answer, list):
        return [_swap(item, table) for item in answer]
    if isinstance(answer, dict):
        return {_swap(key, table): _swap(value, table) for key, value in answer.items()}
    return answer


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


def load_bank(lesson: str, data_dir: Path | str | None = None, lang: str | None = None) -> Bank:
    """Read and check one lesson's questions from ``data/quizzes/<lesson>.yaml``.

    Checks: the YAML can be read; every question has a known type and all the fields it needs;
    answers are among the options; ids are unique; every source id is in ``sources.csv`` and
    every place id (map questions) in ``places.csv``. Raises one QuizBankError on the first
    problem found.

    ``lang`` (default: the lesson's language, see :func:`mali_lessons.messages.language`)
    gives the words: ``"fr"`` reads them from ``data/quizzes/fr/<lesson>.yaml`` (see
    :mod:`mali_lessons.quiz.translation`); the facts always come from the English file.
    """
    lang = lang or language()
    bank = _load_english(lesson, data_dir, lang)
    if lang == "en":
        return bank
    from mali_lessons.quiz.translation import translate_bank

    return translate_bank(bank, lang)


def _load_english(lesson: str, data_dir: Path | str | None, lang: str) -> Bank:
    """The English bank; map questions get the place names in ``lang``."""
    path = bank_path(lesson, data_dir)
    content = read_bank_yaml(path)
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
        table = data_tables.load_places(data_dir, lang=lang)
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
            content = read_bank_yaml(path)
            olds = _former_ids(path, lesson, content.get("former_ids"))
        except (QuizBankError, AttributeError):
            continue
        for old in olds:
            renames.setdefault(old, lesson)
    return renames
