"""The review lesson moved from 07_review to 08_review: answers saved or exported under the old
id still count, through the bank's ``former_ids``."""

from __future__ import annotations

import json

import pytest

from mali_lessons.quiz.progress import ProgressStore
from mali_lessons.quiz.model import QuizBankError, former_lesson_ids, load_bank
from mali_lessons.quiz.widgets import Quiz
from mali_lessons.teacher import collect_results, export_results
from paths import DATA, NOTEBOOKS
from quiz_testdata import make_data_dir


def test_review_lesson_is_08_and_remembers_its_old_id():
    bank = load_bank("08_review")
    assert bank.lesson == "08_review" and bank.former_ids == ("07_review",)
    assert former_lesson_ids()["07_review"] == "08_review"
    assert (NOTEBOOKS / "08_review.ipynb").exists()
    assert not (NOTEBOOKS / "07_review.ipynb").exists()
    assert not (DATA / "quizzes" / "07_review.yaml").exists()


def _old_progress_file(path, student="amina"):
    """A progress file as the lessons wrote it before the rename."""
    bank = load_bank("08_review")
    tf = next(q for q in bank.questions if q.kind == "truefalse")
    single = next(q for q in bank.questions if q.kind == "single")
    record = {"answer": tf.answer, "answer_text": tf.answer_text(tf.answer), "correct": True,
              "tries": 1, "right_on_try": 1, "revealed": False, "wrong_answers": [],
              "first_at": "2026-01-01T10:00:00Z", "last_at": "2026-01-01T10:00:00Z"}
    wrong = next(o for o in single.options if o != single.answer)
    old_single = {**record, "answer": wrong, "answer_text": wrong, "correct": False,
                  "right_on_try": None, "wrong_answers": [wrong]}
    new_single = {**record, "answer": single.answer, "answer_text": single.answer,
                  "tries": 2, "right_on_try": 2, "last_at": "2026-01-02T10:00:00Z"}
    path.write_text(json.dumps({
        "format": 1, "student": student, "updated": "2026-01-02T10:00:00Z",
        "lessons": {"07_review": {tf.id: record, single.id: old_single},
                    "08_review": {single.id: new_single}},
    }), encoding="utf-8")
    return tf, single


def test_answers_saved_under_07_review_show_in_the_08_review_quiz(tmp_path):
    path = tmp_path / "progress-amina.json"
    tf, single = _old_progress_file(path)
    store = ProgressStore(path, "amina")
    assert store.get("08_review", tf.id)["correct"] is True
    # both ids hold a record: the one under the new id wins
    assert store.get("08_review", single.id)["tries"] == 2
    quiz = Quiz.from_bank("08_review", store=store, teacher_mode=False)
    view = next(v for v in quiz.views if v.question.id == tf.id)
    assert view.right and view.input.read() is tf.answer
    right, answered, _total = quiz.score()
    assert (right, answered) == (2, 2)
    # the next save files everything under the new id
    store.record_reveal("08_review", "big_picture_order")
    saved = json.loads(path.read_text(encoding="utf-8"))["lessons"]
    assert "07_review" not in saved and tf.id in saved["08_review"]


def test_export_and_collect_count_answers_filed_under_07_review(tmp_path):
    path = tmp_path / "progress-amina.json"
    tf, single = _old_progress_file(path)
    out = export_results(tmp_path / "amina.json", lesson="08_review",
                         store=ProgressStore(path, "amina"))
    exported = json.loads(out.read_text(encoding="utf-8"))["lessons"]["08_review"]
    assert exported["questions"][tf.id]["correct"] is True
    assert exported["score"]["answered"] == 2

    # a results file exported before the rename, under 07_review
    class_dir = tmp_path / "class"
    class_dir.mkdir()
    old = json.loads(out.read_text(encoding="utf-8"))
    old["student"] = "bakary"
    old["lessons"] = {"07_review": old["lessons"]["08_review"]}
    (class_dir / "results-bakary.json").write_text(json.dumps(old), encoding="utf-8")
    summary = collect_results(class_dir)
    assert not summary.skipped
    rows = summary.table.set_index("question")
    assert set(summary.table["lesson"]) == {"08_review"}
    assert rows.loc[tf.id, "right"] == 1


def test_former_ids_are_checked(tmp_path):
    data_dir = make_data_dir(tmp_path)
    bank = data_dir / "quizzes" / "demo.yaml"
    text = bank.read_text(encoding="utf-8")
    for value, field in [("old_demo", "former_ids"), ("[Old Demo]", "former_ids[1]"),
                         ("[demo]", "former_ids[1]"), ("[a, a]", "former_ids[2]")]:
        bank.write_text(text.replace("lesson: demo\n", f"lesson: demo\nformer_ids: {value}\n"),
                        encoding="utf-8")
        with pytest.raises(QuizBankError) as err:
            load_bank("demo", data_dir)
        assert err.value.field == field, value
    bank.write_text(text.replace("lesson: demo\n", "lesson: demo\nformer_ids: [old_demo]\n"),
                    encoding="utf-8")
    assert load_bank("demo", data_dir).former_ids == ("old_demo",)
    assert former_lesson_ids(data_dir) == {"old_demo": "demo"}
