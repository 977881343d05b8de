"""The quiz bank as a GIFT file (Moodle: Question bank → Import → "GIFT format").

GIFT is Moodle's plain-text question format. Each question is written as::

    // [id:04_withdrawal.request_day] date
    ::04_withdrawal\\: request_day::[html]<p>On what day did Mali ask ...?</p>{
    =2023-06-16
    =16/06/2023
    ####<p>The explanation.</p> <p>Source: <a href\\="https\\://...">...</a></p>
    }

with a blank line between questions and a ``$CATEGORY:`` line before each lesson. The texts
are HTML (``[html]``), made by the project's Jinja templates with autoescape, then escaped for
GIFT: each of GIFT's special characters ``~ = # { } :`` and the backslash itself gets a
backslash before it, as the GIFT format says, and line breaks become spaces (a blank line would
end the question, a line starting with ``//`` would be a comment).

What GIFT cannot carry, and what the export does instead (each such question gets a note):

* map questions: no pictures in GIFT, so the markers are described in words in the question
  (the part of Mali, or the direction outside it, and the position in degrees), with the
  options "Marker 1", "Marker 2"...;
* order questions: no ordering question in GIFT, so they become matching questions that pair
  each event with its place in time (1st, 2nd...);
* units of numeric questions: GIFT numbers take no unit, so only the number is asked;
* hints: GIFT has none (the explanation is kept as general feedback).
"""

from __future__ import annotations

from pathlib import Path

from mali_lessons.lms import common
from mali_lessons.lms.common import Note
from mali_lessons.lms.map_image import marker_words, markers_of
from mali_lessons.messages import msg
from mali_lessons.quiz.answers import PartialDate
from mali_lessons.quiz.model import (
    Bank,
    DateQuestion,
    MapQuestion,
    MatchQuestion,
    MultipleChoice,
    NumericQuestion,
    OrderQuestion,
    Question,
    SingleChoice,
    TrueFalse,
)
from mali_lessons.quiz.static_html import SourceInfo

__all__ = ["escape", "gift"]

#: GIFT's special characters; each is written with a backslash before it.
SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """Text safe anywhere in a GIFT question: special characters get a backslash, and all
    white space (line breaks included) becomes single spaces."""
    flat = " ".join(text.split())
    return "".join("\\" + char if char in SPECIAL else char for char in flat)


def _html_answer(text: str) -> str:
    """An option or an event as escaped HTML. A text that would start with ``%`` or ``[``
    starts with the same character written as an HTML entity, so that GIFT does not take it
    for a grade (``%50%``) or a format (``[html]``)."""
    html = common.render_inline(text)
    if html.startswith("%"):
        html = "&#37;" + html[1:]
    elif html.startswith("["):
        html = "&#91;" + html[1:]
    return escape(html)


class _Writer:
    """Writes one question after another as GIFT lines."""

    def __init__(self, sources: SourceInfo, data_dir: Path | str | None):
        self.sources = sources
        self.data_dir = data_dir
        self.blocks: list[str] = []
        self.notes: list[Note] = []
        self.written = 0

    def category(self, bank: Bank) -> None:
        """``$CATEGORY:`` line for a lesson. Moodle reads the rest of the line as it is (no
        escapes), so GIFT's special characters are replaced there by spaces or dashes."""
        parts = []
        for part in common.category_path(bank):
            if not part.startswith("$"):
                part = " ".join(part.translate(str.maketrans("~=#{}:\\", "-------")).split())
            parts.append(part.replace("/", "//"))
        self.blocks.append("$CATEGORY: " + "/".join(parts))

    def _write(self, bank: Bank, q: Question, text_html: str, answers: list[str]) -> None:
        """One question: id comment, title, [html] text, then the answer lines in braces and
        the general feedback."""
        feedback = escape(common.feedback_html(q, self.sources))
        lines = [
            f"// [id:{common.question_idnumber(bank, q)}] {q.kind}",
            f"::{escape(common.question_name(bank, q))}::[html]{escape(text_html)}{{",
            *answers,
            f"####{feedback}",
            "}",
        ]
        self.blocks.append("\n".join(lines))
        self.written += 1

    def question(self, bank: Bank, q: Question) -> None:
        """Write one question of the bank (or a note saying why it was left out)."""
        {
            "single": self._single, "multi": self._multi, "truefalse": self._truefalse,
            "numeric": self._numeric, "date": self._date, "order": self._order,
            "match": self._match, "map": self._map,
        }[q.kind](bank, q)

    # -- the types -----------------------------------------------------------------------

    def _single(self, bank: Bank, q: SingleChoice) -> None:
        answers = [("=" if option == q.answer else "~") + _html_answer(option)
                   for option in q.options]
        self._write(bank, q, common.question_html(q.prompt), answers)

    def _multi(self, bank: Bank, q: MultipleChoice) -> None:
        right = set(q.answer)
        gain = common.share_percent(len(right))
        wrong_count = len(q.options) - len(right)
        if gain is None:
            self.notes.append(Note(bank.lesson, q.id, q.kind, common.TEXTS["multi_too_many"]
                                   .format(count=len(right)), skipped=True))
            return
        loss = "-" + (common.share_percent(wrong_count)
                      or common.nearest_percent(1 / wrong_count)) if wrong_count else "0"
        # "~" with a grade on every option: Moodle shows check boxes.
        answers = [f"~%{gain if option in right else loss}%{_html_answer(option)}"
                   for option in q.options]
        self._write(bank, q, common.question_html(q.prompt), answers)

    def _truefalse(self, bank: Bank, q: TrueFalse) -> None:
        self._write(bank, q, common.question_html(q.prompt), ["TRUE" if q.answer else "FALSE"])

    def _numbers(self, bank: Bank, q: Question, values: list[tuple[float, float]]) -> None:
        answers = [f"={common.plain_number(value)}:{common.plain_number(tolerance)}"
                   for value, tolerance in values]
        self._write(bank, q, common.question_html(q.prompt), ["#", *answers])

    def _numeric(self, bank: Bank, q: NumericQuestion) -> None:
        values = [(q.answer, q.tolerance)]
        if q.scale != 1:  # 22.4 (million) may also be typed in full: 22400000
            values.append((q.answer * q.scale, q.tolerance * q.scale))
        self._numbers(bank, q, values)
        if q.unit:
            self.notes.append(Note(bank.lesson, q.id, q.kind,
                                   common.TEXTS["unit_dropped"].format(unit=q.unit)))

    def _date(self, bank: Bank, q: DateQuestion) -> None:
        dates = [q.answer, *q.also_accept]
        if q.precision == "year":
            self._numbers(bank, q, [(PartialDate.from_iso(d).year, 0) for d in dates])
            return
        forms = [form for date in dates for form in common.accepted_date_forms(date)]
        self._write(bank, q, common.question_html(q.prompt),
                    ["=" + escape(form) for form in dict.fromkeys(forms)])

    def _matching(self, bank: Bank, q: Question, text_html: str,
                  pairs: list[tuple[str, str]], extras: list[str]) -> None:
        answers = [f"={_html_answer(left)} -> {escape(right)}" for left, right in pairs]
        answers += [f"= -> {escape(right)}" for right in extras]  # distractors
        self._write(bank, q, text_html, answers)

    def _order(self, bank: Bank, q: OrderQuestion) -> None:
        last = common.ordinal(len(q.items))
        text = common.question_html(q.prompt, intro=common.TEXTS["positions_intro"]
                                    .format(last=last))
        places = {item: common.ordinal(n) for n, item in enumerate(q.items, start=1)}
        pairs = [(item, places[item]) for item in sorted(q.items, key=str.casefold)]
        self._matching(bank, q, text, pairs, [])
        self.notes.append(Note(bank.lesson, q.id, q.kind, common.TEXTS["order_in_gift"]))

    def _match(self, bank: Bank, q: MatchQuestion) -> None:
        if len(q.pairs) + len(q.extra_right) < 3:
            self.notes.append(Note(bank.lesson, q.id, q.kind, common.TEXTS["match_too_small"],
                                   skipped=True))
            return
        self._matching(bank, q, common.question_html(q.prompt),
                       [(p.left, p.right) for p in q.pairs], list(q.extra_right))

    def _map(self, bank: Bank, q: MapQuestion) -> None:
        markers = markers_of(q, bank)
        text = common.question_html(q.prompt, intro=common.TEXTS["markers_intro"],
                                    items=marker_words(markers, self.data_dir))
        answers = [("=" if m.place_id == q.answer else "~")
                   + _html_answer(msg("map_marker", number=m.number)) for m in markers]
        self._write(bank, q, text, answers)
        self.notes.append(Note(bank.lesson, q.id, q.kind, common.TEXTS["map_in_words"]))


def gift(banks: list[Bank], sources: SourceInfo,
         data_dir: Path | str | None = None) -> tuple[bytes, int, list[Note]]:
    """The banks as one GIFT file: (the file's bytes in UTF-8, the number of questions
    written, the notes for the teacher)."""
    writer = _Writer(sources, data_dir)
    for bank in banks:
        writer.category(bank)
        for question in bank.questions:
            writer.question(bank, question)
    header = "// " + msg("lms_gift_header")
    text = "\n\n".join([header, *writer.blocks]) + "\n"
    return text.encode("utf-8"), writer.written, writer.notes
