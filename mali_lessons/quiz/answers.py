"""Reading what a student typed: numbers and dates.

A quiz answer box receives free text. This module turns that text into a number or a date, or
raises :class:`AnswerInputError` with a friendly message (from :mod:`mali_lessons.messages`)
saying how to write the answer. It never lets a Python error reach the student.

Numbers (:func:`parse_number`)
    Accepted: ``311``, `` 311 ``, ``-4``, ``3.5``, ``1,000``, ``12,947``, ``1 000`` (also with
    a no-break or thin space, an apostrophe ``12'947`` or ``12’947``, or points ``1.000.000``
    between groups of three digits), ``12,947.5`` and ``12.947,5``, ``3,5`` (a decimal comma,
    as written in French), ``2e3``, a unit after the number when the question names that unit
    (``311 people``) and a scale word (``22.4 million``, ``13 thousand``, ``13k``). A comma
    followed by exactly three digits always separates thousands, so ``1,000`` is one thousand,
    never one. For a question in millions, ``22,400,000`` and ``22.4`` are the same answer.
    Asked back (:class:`AmbiguousAnswer`, not a try): ``12.947`` when the question asks for a
    whole number (is it 12,947 or 12.947?); in the French edition, also « 2,690 » and
    « 12.947 » for any question (the comma is the French decimal sign).
    Refused with a message: empty text, words, ``nan``, ``inf``, numbers beyond
    :data:`LARGEST_NUMBER` (``1e400``), unclear groupings such as ``1,00,0``, and a number
    below zero where the question asks how many.

Dates (:func:`parse_date`)
    Accepted: ``2023``; ``2023-12``, ``12/2023``, ``December 2023``, ``Dec 2023``;
    ``2023-12-31``, ``31/12/2023`` (day first, as in Mali, France and the UK), ``31.12.2023``,
    ``31 December 2023``, ``December 31, 2023``, ``31st Dec 2023``, and French month names
    (``31 décembre 2023``, ``1er juillet 2013``).
    The result is a :class:`PartialDate` that knows whether it gives the year, the month or the
    day.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable

from mali_lessons.messages import language, msg

#: The largest number (in absolute value) an answer box accepts; beyond it the student is told
#: the number is too large. Budgets in the lessons are around 1e9, so this leaves room.
LARGEST_NUMBER = Decimal("1e15")

#: Answers longer than this are refused before any parsing (nobody types a 200-character number).
LONGEST_ANSWER = 100

PRECISIONS = ("year", "month", "day")


class AnswerInputError(ValueError):
    """The student's input cannot be read as an answer (this is not a wrong answer).

    ``key`` and ``values`` name the message in :mod:`mali_lessons.messages`; ``str(error)`` is
    that message in the current language, ready to show. ``kind`` is ``"input"`` here and
    ``"ask"`` for :class:`AmbiguousAnswer` (the input reads two ways; the message asks which).
    """

    kind = "input"

    def __init__(self, key: str, **values: object):
        self.key = key
        self.values = values
        super().__init__(msg(key, **values))


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

# A number: a sign, digits with separators (the body), an optional exponent, then the rest
# (a unit or a scale word such as "million"). Text is NFKC-normalised first, so no-break and
# thin spaces are plain spaces and full-width or superscript digits are ordinary digits.
_NUMBER_THEN_REST = re.compile(
    r"^(?P<sign>[-+]?)\s*"
    r"(?P<body>[0-9](?:[0-9.,'\u2019 ]*[0-9])?)\.?"
    r"(?P<exponent>[eE][-+]?[0-9]{1,6})?"
    r"(?P<rest>.*)$"
)
_SEPARATORS = ",.'\u2019 "
_NOT_A_NUMBER_WORDS = {"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "∞", "-∞"}

#: Words that multiply the number before them: "22.4 million", "13 thousand", "1,2 milliard".
SCALE_WORDS: dict[str, int] = {
    "thousand": 10**3, "thousands": 10**3, "k": 10**3, "mille": 10**3, "milliers": 10**3,
    "million": 10**6, "millions": 10**6, "m": 10**6, "mn": 10**6,
    "billion": 10**9, "billions": 10**9, "bn": 10**9, "milliard": 10**9, "milliards": 10**9,
}


class AmbiguousAnswer(AnswerInputError):
    """The input reads two ways (``12.947``: twelve thousand..., or twelve point nine...).

    Not a wrong answer and not a try: the front end shows the message, which asks the student
    which one was meant. ``readings`` holds the possible values, the likelier first.
    """

    kind = "ask"

    def __init__(self, key: str, readings: tuple[float, ...], **values: object):
        self.readings = readings
        super().__init__(key, **values)


def _normalise_space(text: str) -> str:
    return " ".join(text.split())


def _ascii_digits(text: str) -> str:
    """NFKC text with every decimal digit (Arabic-Indic, Devanagari...) written 0-9."""
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-")
    return "".join(str(unicodedata.digit(c)) if c.isdecimal() and not c.isascii() else c
                   for c in text)


def _grouped(text: str, separator: str) -> str | None:
    """``1,000,000`` (with this separator) as plain digits; None unless it groups by three."""
    groups = text.split(separator)
    first, others = groups[0], groups[1:]
    if not (first.isdigit() and 1 <= len(first) <= 3):
        return None
    if not others or not all(g.isdigit() and len(g) == 3 for g in others):
        return None
    return "".join(groups)


def _french_ambiguity(body: str) -> AmbiguousAnswer:
    """« 2,690 » or « 12.947 » typed in the French edition: a thousands group or decimals?"""
    separator = "," if "," in body else "."
    whole_part, fraction = body.split(separator)
    thousands = int(whole_part + fraction)
    # The decimal reading written so that it cannot be misread: 2,69 · 12,9470 · 1.
    decimal_fraction = fraction.rstrip("0")
    if len(decimal_fraction) == 3:
        decimal_fraction += "0"
    decimal = f"{whole_part},{decimal_fraction}" if decimal_fraction else whole_part
    return AmbiguousAnswer(
        "number_ambiguous_fr", (float(thousands), float(f"{whole_part}.{fraction}")),
        typed=body, thousands=f"{thousands:,}".replace(",", "\u00a0"), plain=str(thousands),
        decimal=decimal)


def _plain_digits(body: str, whole: bool, lang: str = "en") -> str:
    """The number written as plain ``digits[.digits]``.

    ``whole`` says the question asks for a whole number (a count), where ``12.947`` cannot be
    twelve point nine: the student is asked which was meant (:class:`AmbiguousAnswer`).
    Raises AnswerInputError when the separators make no sense (``1,00,0``).
    """
    used = [c for c in body if c in _SEPARATORS]
    if not used:
        return body
    kinds = set(used)
    last = used[-1]
    if len(used) == 1 and last in ".,":
        whole_part, fraction = body.split(last)
        three = len(fraction) == 3 and 1 <= len(whole_part) <= 3
        if lang == "fr" and three:
            raise _french_ambiguity(body)  # the comma is the decimal sign in French
        if last == "," and three:
            return whole_part + fraction  # 12,947: a comma before three digits groups
        if last == "." and three and whole:
            thousands, decimal = int(whole_part + fraction), float(body)
            raise AmbiguousAnswer(
                "number_ambiguous_point", (float(thousands), decimal),
                typed=body, thousands=f"{thousands:,}", plain=str(thousands),
                decimal=body,
            )
        return f"{whole_part}.{fraction}"  # 3.5 or 3,5
    if len(kinds) == 1:
        grouped = _grouped(body, last)  # 1,000,000 · 1.000.000 · 12'947 · 12 947
        if grouped is not None:
            return grouped
        raise AnswerInputError("number_unclear")
    if last in ".," and used.count(last) == 1 and len(kinds - {last}) == 1:
        integer, fraction = body.rsplit(last, 1)  # 12,947.5 · 12.947,5 · 12 947,5
        grouped = _grouped(integer, (kinds - {last}).pop())
        if grouped is not None and fraction.isdigit():
            return f"{grouped}.{fraction}"
    raise AnswerInputError("number_unclear")


def _unit_matches(rest: str, units: Iterable[str]) -> bool:
    wanted = _normalise_space(rest).casefold()
    return any(wanted == _normalise_space(u).casefold() for u in units if u)


def _typed_text(text: object) -> str:
    """What the student typed, with spaces tidied; AnswerInputError if empty or too long."""
    raw = "" if text is None else _normalise_space(str(text))
    if not raw:
        raise AnswerInputError("answer_empty")
    if len(raw) > LONGEST_ANSWER:
        raise AnswerInputError("answer_too_long", limit=LONGEST_ANSWER)
    return raw


def _scale_of(rest: str, units: list[str]) -> int:
    """The multiplier said after the number ("million" -> 10**6); 1 when there is none.

    ``rest`` is what follows the number: nothing, a unit of the question, or a scale word
    optionally followed by a unit. Anything else raises AnswerInputError.
    """
    if not rest or _unit_matches(rest, units):
        return 1
    word, _, after = _normalise_space(rest).partition(" ")
    factor = SCALE_WORDS.get(word.casefold())
    if factor is not None and (not after or _unit_matches(after, units)):
        return factor
    if units:
        raise AnswerInputError("number_unit_unknown", unit=units[0])
    raise AnswerInputError("number_needed", example="311")


def parse_number(
    text: object,
    units: Iterable[str] = (),
    *,
    whole: bool = False,
    scale: int = 1,
    allow_negative: bool = True,
    lang: str | None = None,
) -> float:
    """Read a number typed by a student; raise AnswerInputError with a friendly message.

    ``units`` are the words allowed after the number (e.g. ``["people", "personnel"]``).
    ``whole``: the question asks for a whole number, so ``12.947`` is ambiguous and the
    student is asked what was meant (:class:`AmbiguousAnswer`). ``scale``: the question counts
    in thousands (10**3) or millions (10**6); the result is in that scale, so for a question in
    millions both ``22.4`` and ``22,400,000`` give 22.4. ``allow_negative=False`` refuses a
    number below zero with a message (a count cannot be negative). ``lang`` is the edition
    (default: the lesson's language): in French, where the comma is the decimal sign, « 2,690 »
    and « 12.947 » read two ways and the student is asked which was meant; in English a comma
    before three digits groups thousands (``2,690`` is 2690).

    >>> parse_number(" 1 000 ")
    1000.0
    >>> parse_number("311 people", units=["people"])
    311.0
    >>> parse_number("22,400,000", scale=10**6)
    22.4
    """
    units = [u for u in units if u]
    raw = _ascii_digits(_typed_text(text))
    if raw.casefold().replace(" ", "") in _NOT_A_NUMBER_WORDS:
        raise AnswerInputError("number_not_finite")
    match = _NUMBER_THEN_REST.match(raw)
    if match is None:
        raise AnswerInputError("number_needed", example="311")
    said = _scale_of(match.group("rest").strip(), units)
    digits = _plain_digits(match.group("body"), whole and said == 1 and scale == 1,
                           lang or language())
    negative = match.group("sign") == "-"
    try:
        value = Decimal(digits + (match.group("exponent") or ""))
    except InvalidOperation:
        raise AnswerInputError("number_unclear") from None
    if not value.is_finite():
        raise AnswerInputError("number_not_finite")
    value *= said
    if value > LARGEST_NUMBER:
        raise AnswerInputError("number_too_large")
    if negative and value != 0 and not allow_negative:
        raise AnswerInputError("number_negative")
    if scale != 1 and (said != 1 or value >= scale) and not _unit_matches(
        match.group("rest"), units
    ):
        value /= scale  # typed in full (22,400,000) or with a scale word (22.4 million)
    return float(-value if negative else value)


def format_number(value: float) -> str:
    """A number as the lessons print it: ``12,947``, ``3.5``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

_MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # French (accents removed before lookup)
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "janv": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7,
}
_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
_FILLER_WORDS = {"the", "of", "le", "on", "in", "en"}
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th|er|e)$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_NUMERIC_MONTH = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day (month and day are None when unknown)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """``2023``, ``2023-12`` or ``2023-12-31``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def words(self) -> str:
        """``2023``, ``December 2023`` or ``31 December 2023``."""
        if self.month is None:
            return str(self.year)
        month = _ENGLISH_MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def cut(self, precision: str) -> "PartialDate":
        """The same date, told only to ``precision`` (a less precise date is returned as is)."""
        if precision == "year":
            return PartialDate(self.year)
        if precision == "month":
            return PartialDate(self.year, self.month)
        return self

    @classmethod
    def from_iso(cls, text: str) -> "PartialDate":
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (as written in the quiz bank)."""
        match = _ISO.match(str(text).strip())
        if not match:
            raise ValueError(f"not a date in the form YYYY, YYYY-MM or YYYY-MM-DD: {text!r}")
        return _checked_date(*(int(g) if g else None for g in match.groups()))


def _checked_date(year: int, month: int | None, day: int | None) -> PartialDate:
    """A PartialDate, after checking the month and day exist (31/02 does not)."""
    if month is not None and not 1 <= month <= 12:
        raise AnswerInputError("date_not_real")
    if not 1 <= year <= 9999:
        raise AnswerInputError("date_not_real")
    if day is not None:
        try:
            dt.date(year, month or 1, day)
        except ValueError:
            raise AnswerInputError("date_not_real") from None
    return PartialDate(year, month, day)


def _fold(text: str) -> str:
    """Lower case without accents: 'Décembre' -> 'decembre'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _date_from_words(tokens: list[str]) -> PartialDate | None:
    """'31 December 2023', 'December 31 2023', 'Dec 2023', '1er juillet 2013'; else None."""
    year = month = day = None
    for token in tokens:
        token = token.rstrip(".")
        ordinal = _ORDINAL.match(token)
        if token in _MONTHS and month is None:
            month = _MONTHS[token]
        elif token.isdigit() and len(token) == 4 and year is None:
            year = int(token)
        elif (token.isdigit() and len(token) <= 2 or ordinal) and day is None:
            day = int(ordinal.group(1) if ordinal else token)
        elif token in _FILLER_WORDS:
            continue
        else:
            return None
    if year is None or month is None:
        return None
    return _checked_date(year, month, day)


def parse_date(text: object) -> PartialDate:
    """Read a date typed by a student; raise AnswerInputError with a friendly message.

    >>> parse_date("31/12/2023")
    PartialDate(year=2023, month=12, day=31)
    >>> parse_date("December 2023").precision
    'month'
    """
    raw = _typed_text(text)
    match = _ISO.match(raw)
    if match:
        return _checked_date(*(int(g) if g else None for g in match.groups()))
    match = _NUMERIC_DATE.match(raw)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if month > 12 and day <= 12:
            raise AnswerInputError("date_day_first")
        return _checked_date(year, month, day)
    match = _NUMERIC_MONTH.match(raw)
    if match:
        month, year = (int(g) for g in match.groups())
        return _checked_date(year, month, None)
    tokens = _fold(raw).replace(",", " ").split()
    found = _date_from_words(tokens)
    if found is None:
        raise AnswerInputError("date_unclear")
    return found
