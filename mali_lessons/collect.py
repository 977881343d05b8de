"""The class summary: many students' results files in, one table and one chart out.

``python -m mali_lessons collect FOLDER [--out OUTFOLDER]`` (or :func:`collect_results`) reads
every ``*.json`` file in FOLDER that students made with ``export_results()`` and writes

* ``class_summary.csv``: one row per question that at least one student answered, with how
  many students handed in that lesson, answered, did not attempt, were right (and right at the
  first try), asked to see the answer, and the most common wrong answers;
* ``class_summary.png``: one bar per such question, the share right among those who answered,
  with "not attempted" written as its own count beside the bar.

What a student's file cannot change: the prompts and question types come from the quiz bank,
not from the file, and whether an answer is right is judged again from the bank. Questions
and lessons the bank does not have are left out (and reported). A file that cannot be used --
not JSON, nested too deep, a pipe or a folder in place of a file, a field of the wrong type --
is named in ``skipped`` with the reason, and the others are summarised all the same.

Every text cell of the CSV that would start with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a ``'`` in front, so a spreadsheet never runs it as a formula (the OWASP
advice on CSV injection).
"""

from __future__ import annotations

import collections
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from mali_lessons.jsonfile import UnreadableJson, read_json
from mali_lessons.messages import msg
from mali_lessons.quiz.model import Bank, Question, QuizBankError, former_lesson_ids, load_bank
from mali_lessons.teacher import RESULTS_KIND

__all__ = ["SUMMARY_COLUMNS", "ClassSummary", "class_chart", "collect_results", "csv_safe"]

#: Columns of the class summary CSV.
SUMMARY_COLUMNS = [
    "lesson", "question", "type", "prompt", "students", "answered", "not_attempted", "right",
    "share_right", "right_first_try", "answer_shown", "common_wrong",
]

#: A results file holds a few lessons of a few questions: tens of kilobytes.
LARGEST_FILE = 5_000_000

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@dataclass
class ClassSummary:
    """What :func:`collect_results` found: the table, the files written, the files skipped
    (``"skipped NAME: reason"``) and notes on parts of files left out (unknown lessons)."""

    table: pd.DataFrame
    students: int
    csv_path: Path | None = None
    png_path: Path | None = None
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Reading one file
# ---------------------------------------------------------------------------------------------


def _count(v: Any, low: int = 0) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= low


#: The fields of one question in a results file: a test, and the message that says what is
#: expected.
QUESTION_FIELDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "answered": (lambda v: isinstance(v, bool), "collect_what_bool"),
    "answer": (lambda v: v is None or isinstance(v, str), "collect_what_text_or_null"),
    "correct": (lambda v: isinstance(v, bool), "collect_what_bool"),
    "tries": (_count, "collect_what_count"),
    "right_on_try": (lambda v: v is None or _count(v, 1), "collect_what_try"),
    "revealed": (lambda v: isinstance(v, bool), "collect_what_bool"),
    "wrong_answers": (lambda v: isinstance(v, list) and all(isinstance(a, str) for a in v),
                      "collect_what_texts"),
    "type": (lambda v: isinstance(v, str), "collect_what_text"),
    "prompt": (lambda v: isinstance(v, str), "collect_what_text"),
}


def _bad(where: str, problem: str) -> ValueError:
    return ValueError(msg("collect_bad_field", where=where, problem=problem))


def _read_results(path: Path) -> dict[str, Any]:
    """One results file, checked field by field; ValueError with the reason in words."""
    try:
        document = read_json(path, max_bytes=LARGEST_FILE)
    except (UnreadableJson, OSError) as err:
        raise ValueError(str(err)) from None
    if not isinstance(document, dict) or document.get("kind") != RESULTS_KIND:
        raise ValueError(msg("collect_not_results"))
    student = document.get("student")
    if not isinstance(student, str) or not student.strip():
        raise _bad("student", msg("collect_expected", what=msg("collect_what_name")))
    if not isinstance(document.get("exported_at"), str) or not _TIME.match(
        document["exported_at"]
    ):
        raise _bad("exported_at", msg("collect_expected", what=msg(
            "collect_what_time", example="2026-11-27T10:00:00Z")))
    lessons = document.get("lessons")
    if not isinstance(lessons, dict):
        raise _bad("lessons", msg("collect_expected", what=msg("collect_what_lessons")))
    for lesson, content in lessons.items():
        if not isinstance(content, dict) or not isinstance(content.get("questions"), dict):
            raise _bad(msg("collect_where_lesson", lesson=lesson),
                       msg("collect_expected", what=msg("collect_what_questions")))
        for qid, entry in content["questions"].items():
            where = msg("collect_where_question", lesson=lesson, question=qid)
            if not isinstance(entry, dict):
                raise _bad(where, msg("collect_expected", what=msg("collect_what_object")))
            for name, (test, expected) in QUESTION_FIELDS.items():
                if name in entry and not test(entry[name]):
                    raise _bad(msg("collect_where_field", where=where, field=name), msg(
                        "collect_expected_found", what=msg(expected),
                        found=f"{entry[name]!r:.40}"))
    return document


def _renamed_lessons(document: dict[str, Any], renames: dict[str, str]) -> dict[str, Any]:
    """The document's lessons with those exported under a former id filed under the current
    one (the questions exported under the current id win where both exist)."""
    lessons = dict(document["lessons"])
    for old, new in renames.items():
        if old in lessons and old != new:
            part = lessons.pop(old)
            if new in lessons:
                questions = dict(part["questions"])
                questions.update(lessons[new]["questions"])
                lessons[new] = {**lessons[new], "questions": questions}
            else:
                lessons[new] = part
    return {**document, "lessons": lessons}


# ---------------------------------------------------------------------------------------------
# Judging again from the bank
# ---------------------------------------------------------------------------------------------


def _judged(question: Question, bank: Bank, entry: dict[str, Any]) -> bool:
    """Whether the student's answer is right, from the bank (the file's ``correct`` is not
    trusted). Files of format 1 carry no ``value``: their answer in words is compared."""
    if entry.get("revealed") or not entry.get("answered"):
        return False
    if "value" in entry:
        value = entry["value"]
        return question.fits(value) and question.is_correct(value)
    from mali_lessons.quiz.answer_text import correct_answer_text

    return entry.get("answer") == correct_answer_text(question, bank)


class _Banks:
    """The banks of the lessons found in the files, each loaded once; None when unusable."""

    def __init__(self, data_dir: Path | str | None, notes: list[str]):
        self.data_dir = data_dir
        self.notes = notes
        self._banks: dict[str, Bank | None] = {}

    def get(self, lesson: str) -> Bank | None:
        if lesson not in self._banks:
            bank, note = None, msg("collect_unknown_lesson", lesson=lesson)
            if _SLUG.match(lesson):
                try:
                    bank = load_bank(lesson, self.data_dir, lang="en")
                except QuizBankError as err:
                    if err.problem != msg("bank_missing_file"):
                        note = msg("collect_bank_broken", lesson=lesson, error=err)
                except ValueError as err:  # a data table the bank needs is broken
                    note = msg("collect_bank_broken", lesson=lesson, error=err)
            if bank is None:
                self.notes.append(note)
            self._banks[lesson] = bank
        return self._banks[lesson]


# ---------------------------------------------------------------------------------------------
# The summary
# ---------------------------------------------------------------------------------------------


def csv_safe(value: Any) -> Any:
    """A text cell that a spreadsheet will not run as a formula (OWASP: CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _common(counter: collections.Counter, how_many: int = 3) -> str:
    return "; ".join(f"{answer} ({count})" for answer, count in counter.most_common(how_many))


def collect_results(
    folder: Path | str, out_dir: Path | str | None = None, data_dir: Path | str | None = None
) -> ClassSummary:
    """Merge the results files (``*.json``) in ``folder`` into a class summary.

    Writes ``class_summary.csv`` and ``class_summary.png`` to ``out_dir`` (the same folder by
    default). When a student handed in several files, the one exported last counts. Files that
    cannot be used are listed in ``skipped`` ("skipped NAME: reason") and left out.
    """
    folder = Path(folder)
    out = Path(out_dir) if out_dir is not None else folder
    renames = former_lesson_ids(data_dir)
    latest: dict[str, dict[str, Any]] = {}
    skipped: list[str] = []
    notes: list[str] = []
    for path in sorted(folder.glob("*.json")):
        try:
            document = _renamed_lessons(_read_results(path), renames)
        except ValueError as problem:
            skipped.append(msg("collect_skipped", name=path.name, reason=problem))
            continue
        student = " ".join(document["student"].split())
        previous = latest.get(student)
        if previous is None or document["exported_at"] >= previous["exported_at"]:
            latest[student] = document

    banks = _Banks(data_dir, notes)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    wrong: dict[tuple[str, str], collections.Counter] = collections.defaultdict(
        collections.Counter)
    for document in latest.values():
        for lesson, content in document["lessons"].items():
            bank = banks.get(lesson)
            if bank is None:
                continue
            for q in bank.questions:
                entry = content["questions"].get(q.id, {})
                row = rows.setdefault((lesson, q.id), {
                    "lesson": lesson, "question": q.id, "type": q.kind, "prompt": q.prompt,
                    "students": 0, "answered": 0, "right": 0, "right_first_try": 0,
                    "answer_shown": 0,
                })
                right = _judged(q, bank, entry)
                row["students"] += 1
                row["answered"] += bool(entry.get("answered"))
                row["right"] += right
                row["right_first_try"] += bool(right and entry.get("right_on_try") == 1)
                row["answer_shown"] += bool(entry.get("revealed"))
                # Each student counts once per distinct wrong answer.
                for answer in set(entry.get("wrong_answers") or []):
                    wrong[(lesson, q.id)][answer] += 1
            unknown = sorted(set(content["questions"]) - {q.id for q in bank.questions})
            if unknown:
                note = msg("collect_unknown_questions", lesson=lesson, ids=", ".join(unknown))
                if note not in notes:
                    notes.append(note)

    answered_rows = [r for r in rows.values() if r["answered"] or r["answer_shown"]]
    table = pd.DataFrame(answered_rows, columns=[c for c in SUMMARY_COLUMNS
                                                 if c not in ("share_right", "common_wrong",
                                                              "not_attempted")])
    table["not_attempted"] = table["students"] - table["answered"]
    table["share_right"] = [round(r / a, 3) if a else math.nan
                            for r, a in zip(table["right"], table["answered"])]
    table["common_wrong"] = [_common(wrong[(lesson, q)]) for lesson, q in
                             zip(table["lesson"], table["question"])]
    table = table.reindex(columns=SUMMARY_COLUMNS)

    summary = ClassSummary(table=table, students=len(latest), skipped=skipped, notes=notes)
    if latest:
        out.mkdir(parents=True, exist_ok=True)
        summary.csv_path = out / "class_summary.csv"
        table.map(csv_safe).to_csv(summary.csv_path, index=False)
        summary.png_path = out / "class_summary.png"
        from mali_lessons.collect_chart import class_chart

        class_chart(table, len(latest), summary.png_path,
                    {lesson: bank.title for lesson in table["lesson"].unique()
                     if (bank := banks.get(lesson)) is not None})
    return summary


def class_chart(*args: Any, **kwargs: Any) -> Path:
    """See :func:`mali_lessons.collect_chart.class_chart`."""
    from mali_lessons.collect_chart import class_chart as chart

    return chart(*args, **kwargs)
