"""Property tests of answer reading (issue 10, part 8): whatever a student types into any
question's box -- or whatever a front end sends -- gives a verdict or a friendly message,
never a Python error."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mali_lessons.quiz.answers import AnswerInputError
from mali_lessons.messages import EN
from mali_lessons.quiz.model import Verdict, list_lessons, load_bank

QUESTIONS = [q for lesson in list_lessons() for q in load_bank(lesson).questions]
TYPED = [q for q in QUESTIONS if q.kind in ("numeric", "date")]

NUMBERISH = st.from_regex(
    r"\A[-+\u2212]?[0-9٠-٩０-９³¹.,'’ \u00a0\u202f\u2009]{1,24}([eE][-+]?[0-9]{1,7})?"
    r"( ?(people|personnel|million|millions|k|m|bn|thousand|milliard|\.|,))?\Z")
DATEISH = st.from_regex(
    r"\A[0-9]{1,4}([/.\- ][0-9A-Za-zéû]{1,9}){0,3}( ?(st|er|th))?\Z")
TEXT = st.one_of(st.text(max_size=140), NUMBERISH, DATEISH)
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=20,
)
KINDS = {"right", "wrong", "input", "ask"}


def _check_verdict(question, raw) -> None:
    verdict = question.judge(raw)
    assert isinstance(verdict, Verdict) and verdict.kind in KINDS
    if verdict.counts_as_try:
        assert question.fits(verdict.answer)
        assert isinstance(question.answer_text(verdict.answer), str)
        assert verdict.kind == ("right" if question.is_correct(verdict.answer) else "wrong")
        json.dumps(verdict.answer, allow_nan=False)  # it can be saved
    else:
        assert verdict.key in EN and verdict.message and "Traceback" not in verdict.message


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TYPED), TEXT)
def test_any_text_in_a_typed_box_gives_a_verdict_or_a_message(question, text):
    try:
        question.parse(text)
    except AnswerInputError:
        pass  # a friendly message; anything else fails the test
    _check_verdict(question, text)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(QUESTIONS), st.one_of(TEXT, JSONISH))
def test_any_value_sent_to_any_question_gives_a_verdict_or_a_message(question, raw):
    _check_verdict(question, raw)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(QUESTIONS))
def test_the_right_answer_written_in_words_is_read_back(question):
    answer = question.correct_answer()
    if question.kind == "numeric":
        assert question.judge(str(answer)).kind == "right"
    elif question.kind == "date":
        assert question.judge(question.answer_text(answer)).kind == "right"
    else:
        assert question.judge(answer).kind == "right"
