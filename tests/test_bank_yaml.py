"""Quiz banks are safe to edit (issue 10, part 4): the YAML loader refuses what could blow up,
surprise or hide a teacher's mistake, and says where."""

from __future__ import annotations

import pytest

from mali_lessons.quiz.bank_yaml import DEEPEST, QuizBankError, read_bank_yaml
from mali_lessons.quiz.model import load_bank
from quiz_testdata import make_data_dir


def _bank(tmp_path, text: str):
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_nested_aliases_are_refused_before_they_expand(tmp_path):
    # "billion laughs": ten levels of ten aliases each would be 10**10 copies of "lol".
    lines = ['a0: &a0 "lol"']
    for level in range(1, 11):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    lines.append("title: *a10\nquestions: []")
    with pytest.raises(QuizBankError) as err:
        read_bank_yaml(_bank(tmp_path, "\n".join(lines)))
    assert "alias" in str(err.value) and err.value.line == 2


def test_a_key_written_twice_is_an_error_naming_it(tmp_path):
    data_dir = make_data_dir(tmp_path)
    path = data_dir / "quizzes" / "demo.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    answer: \"Resolution 2690\"\n",
                                 "    answer: \"Resolution 2690\"\n    answer: \"Resolution 2100\"\n",
                                 1), encoding="utf-8")
    with pytest.raises(QuizBankError) as err:
        load_bank("demo", data_dir)
    assert "the key 'answer' appears twice" in str(err.value)
    assert err.value.line is not None and f"line {err.value.line}" in str(err.value)


def test_yes_and_no_stay_words(tmp_path):
    content = read_bank_yaml(_bank(tmp_path, "options: [Yes, No, on, off, y, n]\n"
                                             "flag: true\nnumber: 010\nhex: 0x1F\ntime: 1:20\n"
                                             "date: 2023-02-30\nnothing: ~\n"))
    assert content["options"] == ["Yes", "No", "on", "off", "y", "n"]
    assert content["flag"] is True and content["nothing"] is None
    assert content["number"] == 10 and content["hex"] == 31
    assert content["time"] == "1:20" and content["date"] == "2023-02-30"


def test_yes_no_options_of_a_question_keep_their_words(tmp_path):
    data_dir = make_data_dir(tmp_path)
    path = data_dir / "quizzes" / "demo.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('options: ["Resolution 2100", "Resolution 2690", "Resolution 2085"]',
                                 "options: [Yes, No, Maybe]").replace(
                                     'answer: "Resolution 2690"', "answer: No"), encoding="utf-8")
    question = load_bank("demo", data_dir).question("q_single")
    assert question.options == ["Yes", "No", "Maybe"] and question.answer == "No"


@pytest.mark.parametrize("text", ["a: " + "[" * 50_000 + "]" * 50_000,
                                  "a:\n" + "".join(" " * i + "- \n" for i in range(1, 300)),
                                  "a: " + "{b: " * 50_000 + "1" + "}" * 50_000])
def test_deep_nesting_gets_a_clear_error(tmp_path, text):
    with pytest.raises(QuizBankError) as err:
        read_bank_yaml(_bank(tmp_path, text))
    assert f"nested more than {DEEPEST} levels" in str(err.value)


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path):
    with pytest.raises(QuizBankError, match="larger than"):
        read_bank_yaml(_bank(tmp_path, "title: " + "x" * 2_000_000))


def test_a_folder_in_place_of_a_bank(tmp_path):
    (tmp_path / "bank.yaml").mkdir()
    with pytest.raises(QuizBankError, match="folder"):
        read_bank_yaml(tmp_path / "bank.yaml")


def test_the_real_bank_reads_the_same_with_the_strict_loader():
    import yaml

    from paths import DATA

    for path in sorted((DATA / "quizzes").glob("*.yaml")):
        strict = read_bank_yaml(path)
        loose = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert _plain(strict) == _plain(loose), path.name


def _plain(value):
    """Dates as ISO text, the way the bank models read both."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value
