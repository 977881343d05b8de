"""Taking the quiz bank to a school's learning platform (Moodle): Moodle XML and GIFT files.

    python -m mali_lessons export --format moodle-xml --out quiz.xml
    python -m mali_lessons export --format gift --lesson 04_withdrawal --out quiz.txt

:func:`export_quiz` reads the bank (one lesson or all), writes it in the chosen format and
returns an :class:`ExportResult` that says what each question type became and which questions
could not be carried over as they are. The writers are :mod:`mali_lessons.lms.moodle_xml` and
:mod:`mali_lessons.lms.gift`; :mod:`mali_lessons.lms.command` is the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mali_lessons.lms.common import Note, load_source_info
from mali_lessons.messages import using
from mali_lessons.quiz.model import Bank, list_lessons, load_bank

__all__ = ["FORMATS", "ExportResult", "LanguageNotAvailable", "Note", "UnknownLesson",
           "bank_languages", "export_quiz"]

#: The formats, by the name given to ``--format``.
FORMATS = ("moodle-xml", "gift")

#: What each question type of the bank becomes in Moodle, per format.
MAPPING: dict[str, dict[str, str]] = {
    "moodle-xml": {
        "single": "multichoice (one answer)",
        "multi": "multichoice (several answers: the right ones share 100%, "
                 "each wrong tick takes a share off)",
        "truefalse": "truefalse",
        "numeric": "numerical (with the tolerance; units optional)",
        "date": "shortanswer listing the accepted ways of writing the date; "
                "numerical for a year",
        "order": "ordering (Moodle's Ordering question)",
        "match": "matching (extra items as distractors)",
        "map": "multichoice with the map picture inside the file (Marker 1, Marker 2...)",
    },
    "gift": {
        "single": "multichoice (one answer)",
        "multi": "multichoice (several answers: the right ones share 100%, "
                 "each wrong tick takes a share off)",
        "truefalse": "truefalse",
        "numeric": "numerical (with the tolerance; no unit)",
        "date": "shortanswer listing the accepted ways of writing the date; "
                "numerical for a year",
        "order": "matching: each event with its place in time (1st, 2nd...)",
        "match": "matching (extra items as distractors)",
        "map": "multichoice with the markers described in words (no picture)",
    },
}

#: Said once when order questions are written as Moodle's Ordering question.
ORDERING_NOTE = (
    "Order questions use Moodle's Ordering question type (qtype_ordering). Moodle took it into "
    "its standard question types in Moodle 4.4 (tracker issue MDL-72394; the qtype_ordering "
    "strings ship in Moodle's 4.4 language pack); on Moodle 4.3 or older it is the Ordering "
    "plugin, which the site administrator must install first. Without it, export again with "
    "--no-ordering: order questions then become matching questions (event -> 1st, 2nd...)."
)
POSITIONS_NOTE = (
    "Order questions are written as matching questions: each event with its place in time "
    "(1st, 2nd...), which every Moodle can import."
)
DATES_NOTE = (
    "Dates to the day or the month are short-answer questions that accept the usual ways of "
    "writing them (2023-06-16, 16/06/2023, 16 June 2023, 16 Jun 2023, June 16, 2023; "
    "June 2023, 2023-06, 06/2023); a year is a number."
)
HINTS_NOTE = ("Hints are left out ({count} of the questions have one): GIFT has no hints. "
              "The explanations are kept as general feedback.")


class LanguageNotAvailable(ValueError):
    """The bank has no texts in the language asked for."""


class UnknownLesson(LookupError):
    """No quiz file for the lesson asked for."""


@dataclass
class ExportResult:
    """What :func:`export_quiz` wrote: the file's bytes and what a teacher should know."""

    format: str
    content: bytes
    lessons: list[str]
    total: int
    written: int
    mapping: dict[str, str]
    notes: list[Note] = field(default_factory=list)
    general: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> list[Note]:
        """The questions left out of the file, with the reason."""
        return [note for note in self.notes if note.skipped]


def bank_languages(bank: Bank) -> set[str]:
    """The language the bank's texts were read in (``en``, or ``fr`` when its lesson has a
    translation in data/quizzes/fr/)."""
    return {bank.lang}


def export_quiz(
    file_format: str,
    lesson: str | None = None,
    *,
    lang: str = "en",
    ordering: bool = True,
    data_dir: Path | str | None = None,
) -> ExportResult:
    """The quiz bank (every lesson, or ``lesson``) as a Moodle XML or GIFT file.

    ``file_format`` is ``"moodle-xml"`` or ``"gift"``. ``ordering=False`` writes order questions as
    matching questions in Moodle XML too (GIFT always does). Raises UnknownLesson for an unknown
    lesson, QuizBankError for a bank file with a problem and LanguageNotAvailable when the bank
    has no texts in ``lang``.
    """
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}; choose one of {', '.join(FORMATS)}")
    known = list_lessons(data_dir)
    if lesson is not None and lesson not in known:
        raise UnknownLesson(lesson)
    with using(lang):  # the questions and the export's own texts in ``lang``
        return _export(file_format, [lesson] if lesson else known, lang, ordering, data_dir)


def _export(file_format: str, lessons: list[str], lang: str, ordering: bool,
            data_dir: Path | str | None) -> ExportResult:
    banks = [load_bank(name, data_dir, lang=lang) for name in lessons]
    for bank in banks:
        if lang not in bank_languages(bank):
            raise LanguageNotAvailable(lang)
    sources = load_source_info(data_dir)
    kinds = sorted({q.kind for bank in banks for q in bank.questions},
                   key=list(MAPPING[file_format]).index)
    general = []
    if file_format == "moodle-xml":
        from mali_lessons.lms.moodle_xml import moodle_xml

        content, written, notes = moodle_xml(banks, sources, ordering=ordering,
                                             data_dir=data_dir)
        mapping = dict(MAPPING[file_format])
        if not ordering:
            mapping["order"] = MAPPING["gift"]["order"]
        if "order" in kinds:
            general.append(ORDERING_NOTE if ordering else POSITIONS_NOTE)
    else:
        from mali_lessons.lms.gift import gift

        content, written, notes = gift(banks, sources, data_dir=data_dir)
        mapping = dict(MAPPING[file_format])
        hints = sum(1 for bank in banks for q in bank.questions if q.hint)
        if hints:
            general.append(HINTS_NOTE.format(count=hints))
    if "date" in kinds:
        general.append(DATES_NOTE)
    return ExportResult(
        format=file_format, content=content, lessons=[bank.lesson for bank in banks],
        total=sum(len(bank.questions) for bank in banks), written=written,
        mapping={kind: mapping[kind] for kind in kinds}, notes=notes, general=general,
    )
