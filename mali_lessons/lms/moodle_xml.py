"""The quiz bank as a Moodle XML file (Moodle: Question bank → Import → "Moodle XML format").

The file follows Moodle's documented question XML: ``<quiz>`` holds, for each lesson, a
``<question type="category">`` (the lesson's category under "Mali crisis lessons") followed by
its questions. Each question has a ``name``, a ``questiontext format="html"``, the explanation
and its sources as ``generalfeedback``, the hint as a ``hint``, and ``answer`` elements whose
``fraction`` is the share of the mark in percent (100 for a right answer).

How each type of the bank is written:

========== ==========================================================================
single     ``multichoice``, ``single`` true: the right option 100, the others 0
multi      ``multichoice``, ``single`` false: each right option an equal share of 100, each
           wrong option the same share taken off (so ticking everything scores nothing)
truefalse  ``truefalse``
numeric    ``numerical``: the answer with its tolerance; the unit and the other units the
           bank accepts as optional units; for a number in millions (unit "million") the
           number written in full is right too
date       day or month: ``shortanswer`` listing the ways of writing the date
           (:func:`~mali_lessons.lms.common.accepted_date_forms`); year: ``numerical``
order      ``ordering`` (Moodle's Ordering question, standard from Moodle 4.4, a plugin
           before), all or nothing; with ``ordering=False`` a ``matching`` question that
           pairs each event with its place in time (1st, 2nd...)
match      ``matching``; the extra right items are distractors (subquestions with no text)
map        ``multichoice`` with a picture of the numbered markers inside the file
           (``<file name="..." encoding="base64">``, shown by ``@@PLUGINFILE@@/name``) and the
           options "Marker 1", "Marker 2"... in the picture's order
========== ==========================================================================

All text goes through :mod:`xml.etree.ElementTree`, which escapes ``&``, ``<`` and ``>`` (so a
``]]>`` in a text is written ``]]&gt;`` and cannot end anything); the HTML inside comes from the
project's Jinja templates with autoescape. That is the one escaping path: no CDATA.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from mali_lessons.lms import common
from mali_lessons.lms.common import Note
from mali_lessons.lms.map_image import map_png, marker_words, markers_of, png_size
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

__all__ = ["moodle_xml"]

# Characters XML 1.0 cannot hold at all (control characters other than tab and newlines).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text that XML can hold: the few control characters XML forbids are dropped."""
    return _NOT_XML.sub("", text)


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = None,
          **attributes: str) -> ET.Element:
    """``<tag format="fmt"><text>text</text></tag>`` under ``parent``."""
    if fmt is not None:
        attributes = {"format": fmt, **attributes}
    element = ET.SubElement(parent, tag, attributes)
    ET.SubElement(element, "text").text = _clean(text)
    return element


def _value(parent: ET.Element, tag: str, value: object) -> ET.Element:
    """``<tag>value</tag>`` under ``parent``."""
    element = ET.SubElement(parent, tag)
    element.text = _clean(str(value))
    return element


def _answer(parent: ET.Element, fraction: str, text: str, fmt: str = "html",
            tolerance: str | None = None) -> ET.Element:
    """One ``<answer fraction="...">`` with its text and an empty feedback."""
    answer = _text(parent, "answer", text, fmt, fraction=fraction)
    _text(answer, "feedback", "", "html")
    if tolerance is not None:
        _value(answer, "tolerance", tolerance)
    return answer


def _html(text: str) -> str:
    """A short text (an option, an event) as HTML, escaped by the same template path."""
    return common.render_inline(text)


class _Writer:
    """Writes one question after another into a ``<quiz>`` element."""

    def __init__(self, sources: SourceInfo, ordering: bool, data_dir: Path | str | None):
        self.sources = sources
        self.ordering = ordering
        self.data_dir = data_dir
        self.quiz = ET.Element("quiz")
        self.notes: list[Note] = []
        self.written = 0

    def category(self, bank: Bank) -> None:
        """The dummy question that puts the questions after it in the lesson's category."""
        question = ET.SubElement(self.quiz, "question", {"type": "category"})
        path = "/".join(part.replace("/", "//") for part in common.category_path(bank))
        _text(question, "category", path)
        _text(question, "info", common.TEXTS["category_info"].format(lesson=bank.lesson),
              "html")

    def _head(self, qtype: str, bank: Bank, q: Question, text_html: str) -> ET.Element:
        element = ET.SubElement(self.quiz, "question", {"type": qtype})
        _text(element, "name", common.question_name(bank, q))
        _text(element, "questiontext", text_html, "html")
        _text(element, "generalfeedback", common.feedback_html(q, self.sources), "html")
        _value(element, "defaultgrade", "1")
        _value(element, "penalty", "0.3333333")
        _value(element, "hidden", "0")
        _value(element, "idnumber", common.question_idnumber(bank, q))
        return element

    def _hint(self, element: ET.Element, q: Question) -> None:
        if q.hint:
            _text(element, "hint", common.question_html(q.hint), "html")

    def question(self, bank: Bank, q: Question) -> None:
        """Write one question of the bank (or a note saying why it was left out)."""
        write = {
            "single": self._single, "multi": self._multi, "truefalse": self._truefalse,
            "numeric": self._numeric, "date": self._date, "order": self._order,
            "match": self._match, "map": self._map,
        }[q.kind]
        before = len(self.quiz)
        write(bank, q)
        if len(self.quiz) > before:
            self.written += 1

    # -- the types -----------------------------------------------------------------------

    def _choices(self, element: ET.Element, single: bool, shuffle: bool,
                 numbering: str = "abc") -> None:
        _value(element, "single", "true" if single else "false")
        _value(element, "shuffleanswers", "true" if shuffle else "false")
        _value(element, "answernumbering", numbering)

    def _single(self, bank: Bank, q: SingleChoice) -> None:
        element = self._head("multichoice", bank, q, common.question_html(q.prompt))
        self._choices(element, single=True, shuffle=True)
        for option in q.options:
            _answer(element, "100" if option == q.answer else "0", _html(option))
        self._hint(element, q)

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
        element = self._head("multichoice", bank, q, common.question_html(q.prompt))
        self._choices(element, single=False, shuffle=True)
        for option in q.options:
            _answer(element, gain if option in right else loss, _html(option))
        self._hint(element, q)

    def _truefalse(self, bank: Bank, q: TrueFalse) -> None:
        element = self._head("truefalse", bank, q, common.question_html(q.prompt))
        _answer(element, "100" if q.answer else "0", "true", "moodle_auto_format")
        _answer(element, "0" if q.answer else "100", "false", "moodle_auto_format")
        self._hint(element, q)

    def _numbers(self, element: ET.Element, values: list[tuple[float, float]],
                 units: list[str]) -> None:
        """Answers of a numerical question (value, tolerance), then its units."""
        for value, tolerance in values:
            _answer(element, "100", common.plain_number(value), "moodle_auto_format",
                    tolerance=common.plain_number(tolerance))
        if units:
            holder = ET.SubElement(element, "units")
            for name in units:
                unit = ET.SubElement(holder, "unit")
                _value(unit, "multiplier", "1")
                _value(unit, "unit_name", name)
        _value(element, "unitgradingtype", "0")  # a unit is never required...
        _value(element, "unitpenalty", "0.1000000")
        _value(element, "showunits", "0" if units else "3")  # ...but may be typed
        _value(element, "unitsleft", "0")

    def _numeric(self, bank: Bank, q: NumericQuestion) -> None:
        element = self._head("numerical", bank, q, common.question_html(q.prompt))
        values = [(q.answer, q.tolerance)]
        if q.scale != 1:  # 22.4 (million) may also be typed in full: 22400000
            values.append((q.answer * q.scale, q.tolerance * q.scale))
        units = []
        for unit in q.units():
            if unit.casefold() not in {u.casefold() for u in units}:
                units.append(unit)
        self._numbers(element, values, units)
        self._hint(element, q)

    def _date(self, bank: Bank, q: DateQuestion) -> None:
        dates = [q.answer, *q.also_accept]
        if q.precision == "year":
            element = self._head("numerical", bank, q, common.question_html(q.prompt))
            self._numbers(element, [(PartialDate.from_iso(d).year, 0) for d in dates], [])
        else:
            element = self._head("shortanswer", bank, q, common.question_html(q.prompt))
            _value(element, "usecase", "0")
            for date in dates:
                for form in common.accepted_date_forms(date):
                    _answer(element, "100", form, "moodle_auto_format")
        self._hint(element, q)

    def _order(self, bank: Bank, q: OrderQuestion) -> None:
        if not self.ordering:
            self._positions(bank, q)
            return
        element = self._head("ordering", bank, q, common.question_html(q.prompt))
        _value(element, "layouttype", "VERTICAL")
        _value(element, "selecttype", "ALL")
        _value(element, "selectcount", str(len(q.items)))
        _value(element, "gradingtype", "ALL_OR_NOTHING")  # right only in exactly this order
        _value(element, "showgrading", "SHOW")
        _value(element, "numberingstyle", "none")
        for position, item in enumerate(q.items, start=1):  # the right order, earliest first
            _text(element, "answer", _html(item), "html", fraction=str(position))
        self._hint(element, q)
        self.notes.append(Note(bank.lesson, q.id, q.kind, common.TEXTS["order_as_ordering"]))

    def _matching(self, bank: Bank, q: Question, text_html: str,
                  pairs: list[tuple[str, str]], extras: list[str]) -> None:
        element = self._head("matching", bank, q, text_html)
        _value(element, "shuffleanswers", "true")
        for left, right in pairs:
            sub = _text(element, "subquestion", _html(left), "html")
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = _clean(right)
        for right in extras:  # a right item with no left item: a distractor
            sub = _text(element, "subquestion", "", "html")
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = _clean(right)
        self._hint(element, q)

    def _positions(self, bank: Bank, q: OrderQuestion) -> None:
        """An order question as matching: each event with its place in time. The events are
        listed in alphabetical order, so the list itself does not give the order away."""
        last = common.ordinal(len(q.items))
        text = common.question_html(q.prompt, intro=common.TEXTS["positions_intro"]
                                    .format(last=last))
        places = {item: common.ordinal(n) for n, item in enumerate(q.items, start=1)}
        pairs = [(item, places[item]) for item in sorted(q.items, key=str.casefold)]
        self._matching(bank, q, text, pairs, [])
        self.notes.append(Note(bank.lesson, q.id, q.kind, common.TEXTS["order_as_matching"]))

    def _match(self, bank: Bank, q: MatchQuestion) -> None:
        if len(q.pairs) + len(q.extra_right) < 3:
            self.notes.append(Note(bank.lesson, q.id, q.kind, common.TEXTS["match_too_small"],
                                   skipped=True))
            return
        self._matching(bank, q, common.question_html(q.prompt),
                       [(p.left, p.right) for p in q.pairs], list(q.extra_right))

    def _map(self, bank: Bank, q: MapQuestion) -> None:
        markers = markers_of(q, bank)
        words = marker_words(markers, self.data_dir)
        png = map_png(markers, self.data_dir)
        width, height = png_size(png)
        name = f"{bank.lesson}_{q.id}.png"
        alt = common.TEXTS["map_alt"].format(count=len(markers), markers="; ".join(words))
        text = common.question_html(q.prompt, image={"name": name, "alt": alt,
                                                     "width": width, "height": height})
        element = self._head("multichoice", bank, q, text)
        files = element.find("questiontext")
        file = ET.SubElement(files, "file", {"name": name, "path": "/", "encoding": "base64"})
        file.text = base64.b64encode(png).decode("ascii")
        self._choices(element, single=True, shuffle=False, numbering="none")
        for marker in markers:
            _answer(element, "100" if marker.place_id == q.answer else "0",
                    _html(msg("map_marker", number=marker.number)))
        self._hint(element, q)


def moodle_xml(banks: list[Bank], sources: SourceInfo, *, ordering: bool = True,
               data_dir: Path | str | None = None) -> tuple[bytes, int, list[Note]]:
    """The banks as one Moodle XML file: (the file's bytes, the number of questions written,
    the notes for the teacher)."""
    writer = _Writer(sources, ordering, data_dir)
    for bank in banks:
        writer.category(bank)
        for question in bank.questions:
            writer.question(bank, question)
    ET.indent(writer.quiz, space="  ")
    body = ET.tostring(writer.quiz, encoding="unicode")
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
    return text.encode("utf-8"), writer.written, writer.notes
