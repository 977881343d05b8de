"""Answers written in words, and the sources a question cites: shared by every front end.

The quiz on screen (:mod:`mali_lessons.quiz.frontend_data`), the page for readers with no
kernel (:mod:`mali_lessons.quiz.static_html`), the answer key and the class summary
(:mod:`mali_lessons.teacher`, :mod:`mali_lessons.collect`) all write answers and source links
with these functions, so they always agree. Nothing here makes HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mali_lessons import data as data_tables
from mali_lessons.quiz.answers import AnswerInputError, PartialDate, format_number
from mali_lessons.quiz.model import Bank, DateQuestion, MapQuestion, NumericQuestion, Question

__all__ = [
    "SourceInfo",
    "answer_words",
    "correct_answer_text",
    "load_source_info",
    "shown_answer",
    "source_links",
]

#: Source id -> (publisher, title, url), as in data/sources.csv.
SourceInfo = dict[str, tuple[str, str, str]]


def load_source_info(data_dir: Path | str | None = None) -> SourceInfo:
    """Publisher, title and url of every source in data/sources.csv, by id."""
    table = data_tables.load_sources(data_dir)
    return {
        row.id: (str(row.publisher), str(row.title), str(row.url))
        for row in table.itertuples(index=False)
    }


def source_links(source_ids: list[str], sources: SourceInfo) -> list[dict[str, str]]:
    """Each source as ``{"label": "Publisher: Title", "url": ...}`` (url "" when unknown)."""
    links = []
    for source_id in source_ids:
        publisher, title, url = sources.get(source_id, ("", source_id, ""))
        links.append({"label": f"{publisher}: {title}" if publisher else title, "url": url})
    return links


def answer_words(question: Question, bank: Bank, answer: Any) -> str:
    """An answer in words: place names for map questions, the question's own wording else."""
    if isinstance(question, MapQuestion):
        return bank.place_name(answer)
    return question.answer_text(answer)


def correct_answer_text(question: Question, bank: Bank) -> str:
    """The right answer in words (place names for map questions)."""
    return answer_words(question, bank, question.correct_answer())


def shown_answer(question: Question, answer: Any) -> str | None:
    """A saved number or date as it is shown back in its box (``12,947``, ``16 June 2023``);
    None for answers that are picked rather than typed."""
    if answer is None:
        return None
    if isinstance(question, NumericQuestion):
        return format_number(answer) if question.fits(answer) else str(answer)
    if isinstance(question, DateQuestion):
        try:
            return PartialDate.from_iso(answer).words()
        except (ValueError, AnswerInputError, TypeError):
            return str(answer)
    return None
