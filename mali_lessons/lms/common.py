"""What the Moodle XML and the GIFT writers share: notes for the teacher, the texts the export
adds to the questions, the answers a date question accepts, Moodle's grade fractions, and the
HTML of a question and of its feedback.

Nothing here knows about XML or GIFT escaping: the HTML comes from Jinja templates with
autoescape (:func:`mali_lessons.templating.render`), and each writer then escapes it once more
for its own file format.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from markupsafe import escape

from mali_lessons.data import MONTHS_FR
from mali_lessons.messages import language, msg, template
from mali_lessons.quiz.answers import PartialDate
from mali_lessons.quiz.model import Bank, Question
from mali_lessons.quiz.static_html import SourceInfo, load_source_info
from mali_lessons.templating import render

__all__ = [
    "TEXTS",
    "MOODLE_FRACTIONS",
    "Note",
    "accepted_date_forms",
    "category_path",
    "feedback_html",
    "load_source_info",
    "ordinal",
    "plain_number",
    "question_html",
    "question_idnumber",
    "question_name",
    "render_inline",
    "share_percent",
]

class _Texts(Mapping[str, str]):
    """The texts the export adds to questions, in the current language: ``TEXTS[name]`` is
    the message ``lms_<name>`` of :mod:`mali_lessons.messages` with its ``{names}`` unfilled
    (the writers fill them with ``.format``)."""

    NAMES = ("top_category", "positions_intro", "markers_intro", "map_alt", "marker_in_mali",
             "marker_outside", "map_credit", "category_info", "order_as_ordering",
             "order_as_matching", "multi_too_many", "match_too_small", "map_in_words",
             "order_in_gift", "unit_dropped")

    def __getitem__(self, name: str) -> str:
        if name not in self.NAMES:
            raise KeyError(name)
        return template("lms_" + name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.NAMES)

    def __len__(self) -> int:
        return len(self.NAMES)


#: Texts the export adds to questions (and notes for the teacher, per question), read in the
#: current language each time (see :class:`_Texts`).
TEXTS: Mapping[str, str] = _Texts()

#: The grades Moodle accepts for an answer, as fractions of the question's mark (Moodle's
#: question bank lists exactly these, and their negatives; an imported file whose grades are
#: not in the list is refused by default).
MOODLE_FRACTIONS: tuple[float, ...] = (
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25,
    0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05,
)

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)


@dataclass(frozen=True)
class Note:
    """Something a teacher should know about one exported question.

    ``skipped`` is True when the question was left out of the file (it could not be written
    without breaking it); otherwise the question was written, changed as ``text`` says.
    """

    lesson: str
    question_id: str
    kind: str
    text: str
    skipped: bool = False

    def line(self) -> str:
        """The note as one line of the command's output."""
        return f"{self.lesson}/{self.question_id} ({self.kind}): {self.text}"


def question_name(bank: Bank, question: Question) -> str:
    """The name a question gets in Moodle's question bank: lesson and question id."""
    return f"{bank.lesson}: {question.id}"


def question_idnumber(bank: Bank, question: Question) -> str:
    """Moodle's "ID number" of a question: ``<lesson>.<question id>``, unique in the bank."""
    return f"{bank.lesson}.{question.id}"


def category_path(bank: Bank) -> list[str]:
    """The question-bank categories of a lesson, top first: the course's top category, then
    "Mali crisis lessons", then one category per lesson (``04_withdrawal - The withdrawal``)."""
    return ["$course$", "top", TEXTS["top_category"], f"{bank.lesson} - {bank.title}"]


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th`` ... ``11th``, ``12th``, ``21st``; in French
    « 1er », « 2e », « 3e »... « 21e »."""
    if language() == "fr":
        return "1er" if number == 1 else f"{number}e"
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def plain_number(value: float) -> str:
    """A number as both Moodle and GIFT read it: digits, a point, no exponent, no grouping
    (``311``, ``22.4``, ``0.05``)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


def share_percent(count: int) -> str | None:
    """Moodle's grade for one of ``count`` equal shares of the mark, in percent (``50``,
    ``33.33333``), or None when 1/count is not one of :data:`MOODLE_FRACTIONS`."""
    if count < 1:
        return None
    share = 1.0 / count
    for fraction in MOODLE_FRACTIONS:
        if abs(fraction - share) < 1e-6:
            return f"{100 * fraction:.5f}".rstrip("0").rstrip(".")
    return None


def nearest_percent(share: float) -> str:
    """The grade of :data:`MOODLE_FRACTIONS` nearest to ``share`` (a fraction), in percent."""
    fraction = min(MOODLE_FRACTIONS, key=lambda f: abs(f - share))
    return f"{100 * fraction:.5f}".rstrip("0").rstrip(".")


def accepted_date_forms(iso: str) -> list[str]:
    """The ways of writing a date that a short-answer question accepts, most usual first.

    Moodle's short answer compares the typed text with each accepted answer (ignoring
    capitals), so every usual way of writing the date is listed: for ``2023-06-16``
    ``2023-06-16``, ``16/06/2023``, ``16/6/2023``, ``16.06.2023``, ``16 June 2023``,
    ``16 Jun 2023``, ``June 16, 2023``, ``Jun 16, 2023``, ``16th June 2023``; for ``2023-06``
    ``June 2023``, ``Jun 2023``, ``2023-06``, ``06/2023``, ``6/2023``. A year is just the year.
    In French the months are French (``16 juin 2023``, ``1er juin 2023``, ``juin 2023``, and
    the same without accents: ``16 fevrier 2023``).
    """
    date = PartialDate.from_iso(iso)
    year, month, day = date.year, date.month, date.day
    if month is None:
        return [str(year)]
    if language() == "fr":
        return _french_date_forms(year, month, day)
    full = _MONTHS[month - 1]
    short = full[:3]
    if day is None:
        forms = [f"{full} {year}", f"{short} {year}", f"{year}-{month:02d}",
                 f"{month:02d}/{year}", f"{month}/{year}"]
        if month == 9:
            forms.append(f"Sept {year}")
    else:
        forms = [
            f"{year}-{month:02d}-{day:02d}", f"{day:02d}/{month:02d}/{year}",
            f"{day}/{month}/{year}", f"{day:02d}.{month:02d}.{year}",
            f"{day} {full} {year}", f"{day} {short} {year}", f"{full} {day}, {year}",
            f"{short} {day}, {year}", f"{ordinal(day)} {full} {year}",
        ]
    unique: list[str] = []
    for form in forms:
        if form not in unique:
            unique.append(form)
    return unique


def _french_date_forms(year: int, month: int, day: int | None) -> list[str]:
    """:func:`accepted_date_forms` in French: numbers as in English, French month names
    (with and without accents), « 1er » for the first day of a month."""
    names = list(dict.fromkeys([MONTHS_FR[month - 1], _without_accents(MONTHS_FR[month - 1])]))
    if day is None:
        forms = [f"{name} {year}" for name in names]
        forms += [f"{year}-{month:02d}", f"{month:02d}/{year}", f"{month}/{year}"]
    else:
        days = ["1er", "1"] if day == 1 else [str(day)]
        forms = [f"{year}-{month:02d}-{day:02d}", f"{day:02d}/{month:02d}/{year}",
                 f"{day}/{month}/{year}", f"{day:02d}.{month:02d}.{year}"]
        forms += [f"{d} {name} {year}" for d in days for name in names]
    return list(dict.fromkeys(forms))


def _without_accents(text: str) -> str:
    return text.translate(str.maketrans("éèêëàâîïôûùç", "eeeeaaiiouuc"))


def _safe_url(url: str) -> str:
    """The url when it is a web address (http or https); else empty, so no link is made."""
    return url if url.lower().startswith(("http://", "https://")) else ""


def source_links(question: Question, sources: SourceInfo) -> list[dict[str, str]]:
    """The question's sources as ``{"label": "Publisher: Title", "url": ...}``."""
    links = []
    for source_id in question.sources:
        publisher, title, url = sources.get(source_id, ("", source_id, ""))
        label = f"{publisher}: {title}" if publisher else title
        links.append({"label": label, "url": _safe_url(url)})
    return links


def feedback_html(question: Question, sources: SourceInfo) -> str:
    """The general feedback Moodle shows after an attempt: the explanation, then the links to
    the sources (titles and URLs from data/sources.csv)."""
    return render("lms_feedback.html.j2", explanation=question.explanation,
                  sources_label=msg("sources_label"),
                  links=source_links(question, sources)).strip()


def render_inline(text: str) -> str:
    """A short text (an option, an event, a hint) as HTML: escaped as the templates'
    autoescape does (markupsafe, Jinja's own escaping)."""
    return str(escape(text))


def question_html(prompt: str, *, intro: str | None = None, items: list[str] | None = None,
                  image: dict[str, object] | None = None) -> str:
    """A question's text as HTML: the prompt, an optional sentence after it, an optional list
    (the markers in words) and an optional image (``name``, ``alt``, ``width``, ``height``)
    kept in the question's files (``@@PLUGINFILE@@/<name>``)."""
    return render("lms_question.html.j2", prompt=prompt, intro=intro, items=items or [],
                  image=image).strip()

