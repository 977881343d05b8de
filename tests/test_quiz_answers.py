"""Reading typed numbers and dates, and checking answers (examples and property tests)."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mali_lessons.quiz.answers import (
    AmbiguousAnswer,
    AnswerInputError,
    PartialDate,
    format_number,
    parse_date,
    parse_number,
)
from mali_lessons.quiz.model import (
    DateQuestion,
    MatchQuestion,
    MultipleChoice,
    NumericQuestion,
    OrderQuestion,
)

BASE = {"id": "q", "prompt": "p", "explanation": "e", "sources": ["s"]}


@pytest.mark.parametrize(
    "text, expected",
    [("311", 311), (" 311 ", 311), ("1,000", 1000), ("1 000", 1000), ("1\u202f000", 1000),
     ("12,947", 12947), ("1,000,000", 1_000_000), ("3.5", 3.5), ("3,5", 3.5), ("-4", -4),
     ("\u22124", -4), ("2e3", 2000), ("1,000.25", 1000.25), ("311.", 311)],
)
def test_numbers_accepted(text, expected):
    assert parse_number(text) == expected


def test_unit_after_number_only_when_the_question_names_it():
    assert parse_number("311 people", units=["people"]) == 311
    assert parse_number("311 PEOPLE", units=["people"]) == 311
    with pytest.raises(AnswerInputError) as err:
        parse_number("311 people")
    assert err.value.key == "number_needed"
    with pytest.raises(AnswerInputError) as err:
        parse_number("311 cats", units=["people"])
    assert err.value.key == "number_unit_unknown" and "people" in str(err.value)


@pytest.mark.parametrize(
    "text, key",
    [("", "answer_empty"), ("   ", "answer_empty"), (None, "answer_empty"),
     ("three hundred", "number_needed"), ("abc", "number_needed"), ("nan", "number_not_finite"),
     ("NaN", "number_not_finite"), ("inf", "number_not_finite"), ("-inf", "number_not_finite"),
     ("1e400", "number_too_large"), ("9" * 30, "number_too_large"),
     ("1,00,0", "number_unclear"), ("1.2.3", "number_unclear"), ("1 0", "number_unclear"),
     ("x" * 500, "answer_too_long")],
)
def test_bad_numbers_get_a_friendly_message(text, key):
    with pytest.raises(AnswerInputError) as err:
        parse_number(text)
    assert err.value.key == key
    assert "Traceback" not in str(err.value) and str(err.value).endswith(".")


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_integers_round_trip_in_every_grouping(n):
    grouped = f"{n:,}"
    assert parse_number(str(n)) == n
    assert parse_number(grouped) == n
    assert parse_number(grouped.replace(",", " ")) == n
    assert parse_number(f"  {grouped} people ", units=["people"]) == n
    assert parse_number(format_number(n)) == n


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 3)))
def test_decimals_round_trip(x):
    assert parse_number(repr(x)) == pytest.approx(x)
    assert parse_number(format_number(x)) == pytest.approx(x, abs=1e-6)


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_any_text_gives_a_finite_number_or_a_friendly_message(text):
    try:
        value = parse_number(text, units=["people"])
    except AnswerInputError as err:
        assert err.key and str(err)
    else:
        assert math.isfinite(value) and abs(value) <= 1e15


@given(st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=20))
def test_words_are_never_numbers(word):
    with pytest.raises(AnswerInputError):
        parse_number(word)


# -- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [("2023", PartialDate(2023)), ("2023-12", PartialDate(2023, 12)),
     ("12/2023", PartialDate(2023, 12)), ("December 2023", PartialDate(2023, 12)),
     ("dec 2023", PartialDate(2023, 12)), ("2023-12-31", PartialDate(2023, 12, 31)),
     ("31/12/2023", PartialDate(2023, 12, 31)), ("31.12.2023", PartialDate(2023, 12, 31)),
     ("31 December 2023", PartialDate(2023, 12, 31)),
     ("December 31, 2023", PartialDate(2023, 12, 31)),
     ("31st Dec. 2023", PartialDate(2023, 12, 31)),
     ("the 31st of December 2023", PartialDate(2023, 12, 31)),
     ("31 décembre 2023", PartialDate(2023, 12, 31)),
     ("1er juillet 2013", PartialDate(2013, 7, 1))],
)
def test_dates_accepted(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, key",
    [("", "answer_empty"), ("soon", "date_unclear"), ("31/02/2023", "date_not_real"),
     ("12/31/2023", "date_day_first"), ("2023-13", "date_not_real"),
     ("32 December 2023", "date_not_real"), ("December", "date_unclear")],
)
def test_bad_dates_get_a_friendly_message(text, key):
    with pytest.raises(AnswerInputError) as err:
        parse_date(text)
    assert err.value.key == key


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_date_format_round_trips(day):
    expected = PartialDate(day.year, day.month, day.day)
    for text in (day.isoformat(), day.strftime("%d/%m/%Y"), f"{day.day} {day:%B %Y}",
                 f"{day:%B} {day.day}, {day.year}", expected.words()):
        assert parse_date(text) == expected


def test_date_question_precision():
    year = DateQuestion.model_validate({**BASE, "type": "date", "answer": "2023"})
    day = DateQuestion.model_validate({**BASE, "type": "date", "answer": "2023-12-31"})
    assert year.precision == "year" and day.precision == "day"
    # More than asked is judged on the part asked; less than asked is refused, not wrong.
    assert year.is_correct(year.parse("31 December 2023"))
    assert not year.is_correct(year.parse("2022"))
    assert day.is_correct(day.parse("31/12/2023"))
    assert not day.is_correct(day.parse("30/12/2023"))
    with pytest.raises(AnswerInputError) as err:
        day.parse("2023")
    assert err.value.key == "date_need_day"


# -- answer checks (properties) -----------------------------------------------------------------


@given(answer=st.integers(-10**6, 10**6), tolerance=st.integers(0, 1000),
       given_value=st.integers(-10**6, 10**6))
def test_numeric_right_exactly_within_tolerance(answer, tolerance, given_value):
    q = NumericQuestion.model_validate(
        {**BASE, "type": "numeric", "answer": answer, "tolerance": tolerance})
    assert q.is_correct(float(given_value)) == (abs(given_value - answer) <= tolerance)


def test_numeric_refuses_nan_and_inf_as_answers():
    q = NumericQuestion.model_validate({**BASE, "type": "numeric", "answer": 5, "tolerance": 1e9})
    assert not q.is_correct(math.nan) and not q.is_correct(math.inf)


ITEMS = ["a", "b", "c", "d", "e"]


@given(st.permutations(ITEMS))
def test_order_right_only_in_the_bank_order(order):
    q = OrderQuestion.model_validate({**BASE, "type": "order", "items": ITEMS})
    assert q.is_correct(q.parse(order)) == (list(order) == ITEMS)


@given(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=5, unique=True))
def test_multi_right_only_with_exactly_the_right_set(picked):
    q = MultipleChoice.model_validate(
        {**BASE, "type": "multi", "options": ITEMS, "answer": ["b", "d"]})
    assert q.is_correct(q.parse(picked)) == (set(picked) == {"b", "d"})


@given(st.permutations(["x", "y", "z"]))
def test_match_right_only_when_every_pair_is(rights):
    q = MatchQuestion.model_validate({**BASE, "type": "match", "pairs": [
        {"left": "1", "right": "x"}, {"left": "2", "right": "y"}, {"left": "3", "right": "z"}]})
    answer = q.parse(dict(zip(["1", "2", "3"], rights)))
    assert q.is_correct(answer) == (list(rights) == ["x", "y", "z"])


def test_incomplete_answers_are_refused_not_wrong():
    order = OrderQuestion.model_validate({**BASE, "type": "order", "items": ITEMS[:3]})
    with pytest.raises(AnswerInputError) as err:
        order.parse(["a", None, "c"])
    assert err.value.key == "order_fill_all"
    with pytest.raises(AnswerInputError) as err:
        order.parse(["a", "a", "c"])
    assert err.value.key == "order_each_once"


# -- numbers as students write them (issue 10, part 6) -----------------------------------------


def _numeric(**fields):
    return NumericQuestion(type="numeric", **BASE, **fields)


@pytest.mark.parametrize("text", ["12'947", "12’947", "12 947", "12\u202f947", "12,947",
                                  "12947", "12947 personnel", "12.9 thousand", "13k"])
def test_apostrophes_and_scale_words_group_thousands(text):
    question = _numeric(answer=12947, tolerance=100, unit="personnel")
    verdict = question.judge(text)
    assert verdict.kind == "right", (text, verdict)


def test_a_point_before_three_digits_in_a_count_is_asked_back():
    question = _numeric(answer=12947, tolerance=100, unit="personnel")
    verdict = question.judge("12.947")
    assert verdict.kind == "ask" and not verdict.counts_as_try
    assert verdict.key == "number_ambiguous_point"
    assert "12,947" in verdict.message and "12.947" in verdict.message
    with pytest.raises(AmbiguousAnswer) as err:
        question.parse("12.947")
    assert err.value.readings == (12947.0, 12.947) and isinstance(err.value, AnswerInputError)
    # where the answer is not a whole number, a point is a decimal point
    assert _numeric(answer=3.5, tolerance=0.1).parse("12.947") == 12.947
    assert question.judge("1.000.000").kind == "wrong"  # several points: plainly thousands


def test_a_full_count_answers_a_question_in_millions():
    census = _numeric(answer=22.4, tolerance=0.5, unit="million",
                      also_units=["millions", "million people"])
    for text in ["22.4", "22,4", "22.4 million", "22 400 000", "22,400,000", "22.4 millions",
                 "22400000"]:
        assert census.judge(text).kind == "right", text
    assert census.judge("24,000,000").kind == "wrong"


def test_a_negative_count_is_refused_and_is_not_a_try():
    question = _numeric(answer=311, unit="people")
    verdict = question.judge("-311")
    assert verdict.kind == "input" and verdict.key == "number_negative"
    assert "cannot be below zero" in verdict.message
    assert _numeric(answer=-4).judge("-4").kind == "right"
    assert _numeric(answer=3, allow_negative=True).judge("-3").kind == "wrong"


def test_the_quiz_does_not_count_refused_input_as_a_try(tmp_path):
    from mali_lessons.quiz.progress import ProgressStore
    from mali_lessons.quiz.widgets import Quiz

    quiz = Quiz.from_bank("03_minusma", store=ProgressStore.in_memory("amina"),
                          teacher_mode=False)
    view = next(v for v in quiz.views if v.question.kind == "numeric" and v.question.whole)
    for text in ["12.947", "-5"]:
        view.input.text.value = text
        view.check()
        assert view.record is None, text
        assert "⚠" in view.feedback.value
    view.input.text.value = "12'947"
    view.check()
    assert view.record is not None and view.record["tries"] == 1
