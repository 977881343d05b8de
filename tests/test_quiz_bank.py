"""The quiz bank: broken copies give one clear error; the real bank is valid and sourced."""

from __future__ import annotations

from pathlib import Path

import pytest

from mali_lessons import data as data_tables
from mali_lessons.quiz.model import (
    QUESTION_TYPES,
    MapQuestion,
    QuizBankError,
    list_lessons,
    load_bank,
)
from quiz_testdata import BANK_YAML, make_data_dir


def broken(tmp_path: Path, old: str, new: str) -> Path:
    """The test data folder with ``old`` replaced by ``new`` in the bank (once, must exist)."""
    assert BANK_YAML.count(old) >= 1, f"test setup: {old!r} is not in the bank"
    return make_data_dir(tmp_path, BANK_YAML.replace(old, new, 1))


def error_for(data_dir: Path) -> QuizBankError:
    with pytest.raises(QuizBankError) as err:
        load_bank("demo", data_dir)
    return err.value


def test_the_test_bank_is_valid(tmp_path):
    bank = load_bank("demo", make_data_dir(tmp_path))
    assert {q.kind for q in bank.questions} == set(QUESTION_TYPES)
    assert bank.places["kidal"][0] == "Kidal"


@pytest.mark.parametrize(
    "old, new, question_id, field, words",
    [
        ("type: single", "type: singel", "q_single", "type", "unknown question type 'singel'"),
        ('answer: "Resolution 2690"', 'answer: "Resolution 9999"', "q_single", "answer",
         "not one of the options"),
        ("answer: [Gao, Bamako]", "answer: [Gao, Mopti]", "q_multi", "answer",
         "'Mopti' is not one of the options"),
        ("id: q_multi", "id: q_single", "q_single", "id", "same id"),
        ("sources: [src_un, src_news]", "sources: [src_un, src_nope]", "q_multi", "sources",
         "unknown source id 'src_nope'"),
        ('    prompt: "How many personnel died?"\n', "", "q_num", "prompt", "missing"),
        ("answer: kidal", "answer: mopti", "q_map", "answer", "not one of the places"),
        ("places: [kidal, gao, timbuktu, bamako]", "places: [kidal, gao, atlantis]", "q_map",
         "places", "unknown place id 'atlantis'"),
        ('answer: "2013"', 'answer: "2013-02-30"', "q_date_year", "answer", "not a real date"),
        ("tolerance: 0", "tolerance: -1", "q_num", "tolerance", "greater than or equal"),
        ("    hint: \"Adopted on 30 June 2023.\"", "    hnt: \"typo\"", "q_single", "hnt",
         "not known"),
        ("{left: Diop, right: Foreign minister}", "{left: Diop, right: Head of mission}",
         "q_match", "pairs", "appears twice"),
        ("options: [Gao, Bamako, Timbuktu, Kidal]", "options: [Gao, Bamako, Gao, Kidal]",
         "q_multi", "options", "'Gao' appears twice"),
        ("id: q_tf", "id: Q TF", "Q TF", "id", "lower-case"),
    ],
)
def test_each_broken_bank_names_file_question_and_field(tmp_path, old, new, question_id,
                                                        field, words):
    problem = error_for(broken(tmp_path, old, new))
    text = str(problem)
    assert "demo.yaml" in text
    assert f"question '{question_id}'" in text
    assert f"field '{field}'" in text
    assert words in text
    assert problem.question_id == question_id and problem.field == field
    assert isinstance(problem, ValueError)


def test_malformed_yaml_names_the_line(tmp_path):
    text = BANK_YAML.replace('    prompt: "Which sites remained?"',
                             '    prompt: "Which sites remained?\n    oops: [', 1)
    problem = error_for(make_data_dir(tmp_path, text))
    assert "demo.yaml" in str(problem) and "YAML" in str(problem)
    assert problem.line is not None and f"line {problem.line}" in str(problem)
    # The bad quote opens on line 13 of the file; the error is reported at or after it.
    assert problem.line >= 13


def test_impossible_unquoted_date_is_reported_with_the_file(tmp_path):
    # Dates are read as text, so an impossible unquoted date is reported by its question.
    problem = error_for(broken(tmp_path, "answer: 2023-12-31", "answer: 2023-02-30"))
    assert "demo.yaml" in str(problem) and "'2023-02-30' is not a real date" in str(problem)
    assert problem.question_id == "q_date_day" and problem.field == "answer"


def test_missing_file_and_empty_bank(tmp_path):
    folder = make_data_dir(tmp_path)
    with pytest.raises(QuizBankError, match="missing"):
        load_bank("no_such_lesson", folder)
    (folder / "quizzes" / "demo.yaml").write_text("title: x\nquestions: []\n")
    assert error_for(folder).field == "questions"


def test_lesson_name_must_match_file(tmp_path):
    problem = error_for(broken(tmp_path, "lesson: demo", "lesson: other"))
    assert problem.field == "lesson"


def test_yaml_numbers_and_dates_are_read_as_text(tmp_path):
    bank = load_bank("demo", broken(tmp_path, 'options: ["Resolution 2100", "Resolution 2690"'
                                              ', "Resolution 2085"]\n    answer: "Resolution 2690"',
                                    "options: [2100, 2690, 2085]\n    answer: 2690"))
    question = bank.question("q_single")
    assert question.options == ["2100", "2690", "2085"] and question.answer == "2690"
    assert bank.question("q_date_day").answer == "2023-12-31"


# -- the real bank in data/quizzes ------------------------------------------------------------


def test_real_bank_loads_and_covers_every_type():
    lessons = list_lessons()
    assert lessons, "data/quizzes has no quiz files"
    counts = {kind: 0 for kind in QUESTION_TYPES}
    for lesson in lessons:
        for question in load_bank(lesson).questions:
            counts[question.kind] += 1
    assert all(count >= 2 for count in counts.values()), counts


def test_every_source_and_place_in_the_real_bank_exists():
    sources = set(data_tables.load_sources()["id"])
    places = set(data_tables.load_places()["id"])
    for lesson in list_lessons():
        for question in load_bank(lesson).questions:
            assert set(question.sources) <= sources, (lesson, question.id)
            if isinstance(question, MapQuestion):
                assert set(question.places) <= places, (lesson, question.id)
