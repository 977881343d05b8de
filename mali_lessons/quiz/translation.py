"""The quiz bank in another language: the words from ``data/quizzes/<lang>/<lesson>.yaml``.

A translation file holds only words: for each question id of the English bank, its prompt,
hint and explanation, and the translated options, events, pairs or units, in the same order
as the English file (format in data/README.md, section "The French edition"). Answers,
tolerances, dates, sources and places stay in the English file, so a translation can never
carry another answer.

:func:`translate_bank` returns a :class:`~mali_lessons.quiz.model.Bank` whose questions are
in the translated words, validated like the English ones, plus the table that turns each
translated option back into the English one. Saved progress and results always hold the
English (canonical) answer, so the two editions share the same files, and a class that mixes
languages is collected together: :meth:`Bank.canonical_answer` and :meth:`Bank.local_answer`
go from one to the other.

Every problem is one :class:`QuizBankError` naming the translation file, the question and the
field.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mali_lessons.messages import msg
from mali_lessons.quiz.bank_yaml import QuizBankError, read_bank_yaml
from mali_lessons.quiz.choices import (
    MatchQuestion,
    MultipleChoice,
    OrderQuestion,
    SingleChoice,
)
from mali_lessons.quiz.base import Question, _as_text
from mali_lessons.quiz.typed import NumericQuestion

__all__ = ["TEXT_FIELDS", "translation_path", "translate_bank"]

#: Fields a translation may give, by question type (prompt and explanation always).
TEXT_FIELDS: dict[type, tuple[str, ...]] = {
    SingleChoice: ("options",),
    MultipleChoice: ("options",),
    OrderQuestion: ("items",),
    MatchQuestion: ("pairs", "extra_right"),
    NumericQuestion: ("unit", "also_units"),
}
_ALWAYS = ("prompt", "explanation", "hint")


def translation_path(english: Path, lang: str) -> Path:
    """``data/quizzes/fr/04_withdrawal.yaml`` for the English ``data/quizzes/04_withdrawal.yaml``."""
    return english.parent / lang / english.name


def _text(path: Path, qid: str, field: str, value: Any) -> str:
    text = _as_text(value)
    if not isinstance(text, str) or not text.strip():
        raise QuizBankError(path, msg("bank_field_empty"), qid, field)
    return text


def _texts(path: Path, qid: str, field: str, value: Any, length: int) -> list[str]:
    if not isinstance(value, list):
        raise QuizBankError(path, msg("bank_translation_not_list", count=length), qid, field)
    if len(value) != length:
        raise QuizBankError(path, msg("bank_translation_length", count=length,
                                      found=len(value)), qid, field)
    texts = [_text(path, qid, f"{field}[{n}]", item) for n, item in enumerate(value, start=1)]
    if len(set(texts)) != len(texts):
        raise QuizBankError(path, msg("bank_translation_repeated"), qid, field)
    return texts


def _translated(path: Path, question: Question, words: Any) -> tuple[Question, dict[str, str]]:
    """One question in the translated words, and its table translated text -> English text."""
    qid = question.id
    if not isinstance(words, dict):
        raise QuizBankError(path, msg("bank_question_not_mapping"), qid)
    allowed = _ALWAYS + TEXT_FIELDS.get(type(question), ())
    unknown = sorted(set(words) - set(allowed))
    if unknown:
        raise QuizBankError(path, msg("bank_field_unknown"), qid, unknown[0])
    raw = question.model_dump()
    for field in ("prompt", "explanation"):
        raw[field] = _text(path, qid, field, words.get(field))
    if question.hint is not None:
        raw["hint"] = _text(path, qid, "hint", words.get("hint"))
    elif "hint" in words:
        raise QuizBankError(path, msg("bank_translation_no_english"), qid, "hint")
    back: dict[str, str] = {}
    paired_count = 0  # texts put in ``back``: fewer keys means two share one translation

    def paired(field: str, english: list[str]) -> list[str]:
        nonlocal paired_count
        local = _texts(path, qid, field, words.get(field), len(english))
        back.update(zip(local, english))
        paired_count += len(local)
        return local

    if isinstance(question, (SingleChoice, MultipleChoice)):
        local = paired("options", list(question.options))
        to_local = dict(zip(question.options, local))
        raw["options"] = local
        raw["answer"] = ([to_local[a] for a in question.answer]
                         if isinstance(question, MultipleChoice) else to_local[question.answer])
    elif isinstance(question, OrderQuestion):
        raw["items"] = paired("items", list(question.items))
    elif isinstance(question, MatchQuestion):
        pairs = words.get("pairs")
        if not isinstance(pairs, list) or len(pairs) != len(question.pairs):
            raise QuizBankError(path, msg("bank_translation_length", count=len(question.pairs),
                                          found=len(pairs) if isinstance(pairs, list) else 0),
                                qid, "pairs")
        for n, pair in enumerate(pairs, start=1):
            if not isinstance(pair, dict) or set(pair) != {"left", "right"}:
                raise QuizBankError(path, msg("bank_translation_pair"), qid, f"pairs[{n}]")
        lefts = [_text(path, qid, f"pairs[{n}].left", p["left"]) for n, p in enumerate(pairs, 1)]
        rights = [_text(path, qid, f"pairs[{n}].right", p["right"])
                  for n, p in enumerate(pairs, 1)]
        extra = (_texts(path, qid, "extra_right", words.get("extra_right"),
                        len(question.extra_right)) if question.extra_right else [])
        for local, english in zip(lefts + rights + extra,
                                  question.lefts() + question.rights()):
            back[local] = english
            paired_count += 1
        raw["pairs"] = [{"left": left, "right": right} for left, right in zip(lefts, rights)]
        raw["extra_right"] = extra
    elif isinstance(question, NumericQuestion):
        if question.unit is not None:
            raw["unit"] = _text(path, qid, "unit", words.get("unit"))
        extra_units = words.get("also_units") or []
        if not isinstance(extra_units, list):
            raise QuizBankError(path, msg("bank_translation_not_list", count=1), qid,
                                "also_units")
        # The English units stay readable too: a student may type "311 people" in French.
        units = [_text(path, qid, "also_units", u) for u in extra_units]
        units += [u for u in [question.unit, *question.also_units] if u]
        raw["also_units"] = [u for n, u in enumerate(units)
                             if u not in units[:n] and u != raw.get("unit")]
    if len(back) != paired_count:
        raise QuizBankError(path, msg("bank_translation_repeated"), qid)
    try:
        return type(question).model_validate(raw), back
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(part) for part in first.get("loc", ())) or None
        raise QuizBankError(path, str(first.get("msg", "")).removeprefix("Value error, "),
                            qid, field) from None


def translate_bank(bank: Any, lang: str) -> Any:
    """``bank`` (English, as :func:`~mali_lessons.quiz.model.load_bank` reads it) in ``lang``.

    A missing translation file gives the English bank, with a warning. Raises QuizBankError
    when the translation file cannot be read, names a question the English
    bank does not have, lacks one, or gives a list of another length than the English one.
    """
    path = translation_path(bank.path, lang)
    if not path.exists():  # a teacher's own quiz may be in English only: shown as it is
        warnings.warn(f"{path}: {msg('bank_translation_missing', lang=lang)}", stacklevel=2)
        return bank
    content = read_bank_yaml(path)
    if not isinstance(content, dict) or not isinstance(content.get("questions"), dict):
        raise QuizBankError(path, msg("bank_translation_no_questions"), field="questions")
    unknown = sorted(set(content) - {"lesson", "title", "questions"})
    if unknown:
        raise QuizBankError(path, msg("bank_field_unknown"), field=unknown[0])
    if content.get("lesson") not in (None, bank.lesson):
        raise QuizBankError(path, msg("bank_lesson_mismatch", lesson=bank.lesson),
                            field="lesson")
    words = content["questions"]
    english_ids = [q.id for q in bank.questions]
    extra = [qid for qid in words if qid not in english_ids]
    if extra:
        raise QuizBankError(path, msg("bank_translation_unknown_id"), str(extra[0]))
    questions, canonical = [], {}
    for question in bank.questions:
        if question.id not in words:
            raise QuizBankError(path, msg("bank_translation_missing_question"), question.id)
        local, back = _translated(path, question, words[question.id])
        questions.append(local)
        if back:
            canonical[question.id] = back
    title = _text(path, "", "title", content.get("title")) if "title" in content else bank.title
    return bank.model_copy(update={"title": title, "questions": questions, "lang": lang,
                                   "canonical": canonical})
