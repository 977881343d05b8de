"""The score summary of lesson 08 (the review) counts a student's saved answers, lesson by lesson."""

from __future__ import annotations

from mali_lessons.quiz.progress import ProgressStore
from mali_lessons.quiz.model import load_bank
from mali_lessons.scores import score_panel, score_summary


def _first_two(lesson: str) -> list[str]:
    return [q.id for q in load_bank(lesson).questions[:2]]


def test_counts_right_wrong_and_shown_answers() -> None:
    store = ProgressStore.in_memory("amina")
    right, wrong = _first_two("04_withdrawal")
    bank = load_bank("04_withdrawal")
    answer = bank.question(right).correct_answer()
    store.record_check("04_withdrawal", right, answer, str(answer), correct=True)
    store.record_check("04_withdrawal", wrong, "y", "y", correct=False)
    # a verdict saved as right for an answer that is not right does not count: the bank judges
    single = next(q for q in load_bank("02_2012_2013").questions if q.kind == "single")
    wrong_option = next(o for o in single.options if o != single.answer)
    store.record_check("02_2012_2013", single.id, wrong_option, wrong_option, correct=True)
    shown, _ = _first_two("02_2012_2013")
    store.record_reveal("02_2012_2013", shown)

    table = score_summary(["02_2012_2013", "04_withdrawal"], store=store).table.set_index("lesson")
    assert table.loc["04_withdrawal", ["answered", "right"]].tolist() == [2, 1]
    assert table.loc["04_withdrawal", "share_right"] == 50
    assert table.loc["02_2012_2013", ["answered", "right"]].tolist() == [2, 0]
    assert table.loc["all", "questions"] == len(load_bank("02_2012_2013").questions) + len(
        load_bank("04_withdrawal").questions)
    assert table.loc["all", ["answered", "right"]].tolist() == [4, 1]


def test_nothing_saved_gets_a_friendly_line_not_an_error() -> None:
    summary = score_summary(store=ProgressStore.in_memory("new"))
    assert summary.answered == 0
    assert "No answers saved yet" in summary._repr_html_()
    assert summary.table["share_right"].isna().all()


def test_titles_are_escaped_and_the_total_is_bold() -> None:
    page = score_summary(["04_withdrawal"], store=ProgressStore.in_memory("x"))._repr_html_()
    assert "<caption" in page and "<strong>All lessons</strong>" in page


def test_panel_refresh_counts_answers_given_after_it_was_drawn(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MALI_LESSONS_PROGRESS", str(tmp_path))
    monkeypatch.setenv("MALI_LESSONS_STUDENT", "refresh-test")
    panel = score_panel(["04_withdrawal"])
    button, output = panel.children
    assert "No answers saved yet" in output.value
    question = load_bank("04_withdrawal").questions[0]
    answer = question.correct_answer()
    ProgressStore.for_student().record_check("04_withdrawal", question.id, answer, "x", True)
    button.click()
    assert "No answers saved yet" not in output.value
