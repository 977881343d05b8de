"""The quiz widget, driven from Python: what the front end is given, and how Python judges
and saves the tries the browser sends (the browser's own behaviour is tested in
tests/browser/test_quiz_browser.py)."""

from __future__ import annotations

import json
import re

import pytest

from mali_lessons.quiz.frontend_data import esm_source, front_messages
from mali_lessons.quiz.progress import ProgressStore
from mali_lessons.quiz.widget import Quiz, QuestionView, QuizWidget, shuffled_for
from quiz_testdata import make_data_dir

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture
def data_dir(tmp_path):
    return make_data_dir(tmp_path)


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress" / "progress-amina.json", "amina")


def make_quiz(data_dir, store, **settings) -> Quiz:
    settings.setdefault("teacher_mode", False)
    return Quiz.from_bank("demo", data_dir, store=store, **settings)


def view(quiz: Quiz, question_id: str) -> QuestionView:
    return quiz.view(question_id)


def data_of(quiz: Quiz, question_id: str) -> dict:
    return next(q for q in quiz.data["questions"] if q["id"] == question_id)


EVENTS = ["Coup in Bamako", "Serval begins", "MINUSMA created", "MINUSMA leaves"]
RIGHT_MATCH = {"Wane": "Head of mission", "Diop": "Foreign minister", "Goita": "President"}
# What the browser sends for a right answer, a wrong one and input that is not an answer.
RAW = {
    "q_single": ("Resolution 2690", "Resolution 2100", None),
    "q_multi": (["Gao", "Bamako"], ["Gao", "Kidal"], []),
    "q_tf": (False, True, None),
    "q_num": ("311 people", "1,000", "lots"),
    "q_date_day": ("31/12/2023", "2023-12-30", "2023"),
    "q_order": (EVENTS, EVENTS[::-1], [EVENTS[0], EVENTS[0], None, EVENTS[3]]),
    "q_match": (RIGHT_MATCH, {**RIGHT_MATCH, "Goita": "Governor"}, {**RIGHT_MATCH, "Diop": None}),
    "q_map": ("kidal", "gao", None),
}


def send(quiz: Quiz, question_id: str, raw=None, kind: str = "check") -> None:
    """A message as the front end sends it after a try or "Show answer"."""
    quiz._on_message(quiz.widget, {"type": kind, "id": question_id, "raw": raw}, [])


@pytest.mark.parametrize("question_id", sorted(RAW))
def test_every_type_bad_then_wrong_then_right(data_dir, store, question_id):
    quiz = make_quiz(data_dir, store)
    v = view(quiz, question_id)
    right, wrong, bad = RAW[question_id]

    send(quiz, question_id, bad)
    assert "⚠" in v.feedback.value
    assert v.record is None, "input that is not an answer must not count as a try"
    assert quiz.score() == (0, 0, 9)

    send(quiz, question_id, wrong)
    assert store.get("demo", question_id)["tries"] == 1
    assert store.get("demo", question_id)["correct"] is False
    assert quiz.widget.records[question_id]["tries"] == 1  # sent back to the browser
    assert quiz.score() == (0, 1, 9)

    send(quiz, question_id, right)
    record = store.get("demo", question_id)
    assert record["correct"] is True and record["tries"] == 2 and record["right_on_try"] == 2
    assert quiz.widget.records[question_id]["correct"] is True
    assert quiz.score() == (1, 1, 9)
    send(quiz, question_id, wrong)  # finished: nothing changes
    assert store.get("demo", question_id)["tries"] == 2


def test_the_front_end_judges_with_what_python_exports(data_dir, store):
    quiz = make_quiz(data_dir, store)
    num = data_of(quiz, "q_num")
    assert num["accept"] == {"answer": 311.0, "tolerance": 0.0}
    assert num["reading"] == {"units": ["people", "personnel"], "whole": True, "scale": 1,
                              "allowNegative": False, "lang": "en"}
    date = data_of(quiz, "q_date_day")
    assert date["precision"] == "day" and date["accept"][0] == "2023-12-31"
    assert data_of(quiz, "q_tf")["options"] == [{"value": True, "label": "True"},
                                               {"value": False, "label": "False"}]
    assert set(data_of(quiz, "q_match")["rights"]) >= set(RIGHT_MATCH.values())
    messages = quiz.data["messages"]
    assert messages["number_negative"].startswith("This question asks how many")
    assert "bank_field_missing" not in messages and "not_chosen" in messages
    json.dumps(quiz.data)  # plain JSON, as the widget state must be


def test_refused_and_asked_input_is_not_a_try(data_dir, store):
    quiz = make_quiz(data_dir, store)
    for typed in ["", "abc", "nan", "inf", "1e400", "311 cats", "-5", "12.947"]:
        send(quiz, "q_num", typed)
        v = view(quiz, "q_num")
        assert "⚠" in v.feedback.value and "Traceback" not in v.feedback.value, typed
        assert v.record is None, typed
    assert "12,947 or 12.947" in view(quiz, "q_num").feedback.value


def test_same_answer_twice_counts_once(data_dir, store):
    quiz = make_quiz(data_dir, store)
    send(quiz, "q_single", "Resolution 2100")
    send(quiz, "q_single", "Resolution 2100")
    assert store.get("demo", "q_single")["tries"] == 1
    assert "already checked" in view(quiz, "q_single").feedback.value


def test_show_answer_only_after_two_wrong_tries(data_dir, store):
    quiz = make_quiz(data_dir, store)
    send(quiz, "q_order", EVENTS[::-1])
    send(quiz, "q_order", kind="reveal")  # not yet allowed: nothing happens
    assert not store.get("demo", "q_order")["revealed"]
    send(quiz, "q_order", [EVENTS[1], EVENTS[0], EVENTS[2], EVENTS[3]])
    send(quiz, "q_order", kind="reveal")
    assert store.get("demo", "q_order")["revealed"] is True
    assert "The answer is shown" in view(quiz, "q_order").feedback.value
    assert quiz.score() == (0, 1, 9), "a shown answer does not count as right"
    assert quiz.data["settings"]["triesBeforeAnswer"] == 2
    assert make_quiz(data_dir, store, tries_before_answer=1).data["settings"][
        "triesBeforeAnswer"] == 1


def test_answers_are_restored_when_the_notebook_runs_again(data_dir, store):
    first = make_quiz(data_dir, store)
    send(first, "q_num", "311")
    send(first, "q_match", RAW["q_match"][1])
    send(first, "q_date_day", "31/12/2023")
    again = make_quiz(data_dir, ProgressStore(store.path, "amina"))
    assert again.score() == (2, 3, 9)
    records = again.widget.records
    assert records["q_num"]["shown"] == "311" and records["q_num"]["correct"] is True
    assert records["q_match"]["answer"]["Goita"] == "Governor"
    assert records["q_date_day"]["shown"] == "31 December 2023"
    assert view(again, "q_num").input.read() == "311.0" or view(again, "q_num").finished


def test_options_shuffled_stably_per_student(data_dir):
    def order(student):
        quiz = Quiz.from_bank("demo", data_dir, store=ProgressStore.in_memory(student),
                              teacher_mode=False)
        return ([o["value"] for o in data_of(quiz, "q_single")["options"]],
                data_of(quiz, "q_order")["items"])

    assert order("amina") == order("amina")
    assert len({tuple(order(f"student{n}")[1]) for n in range(12)}) > 1, "order never changes"
    items = list(range(10))
    assert shuffled_for("a", "k", items) == shuffled_for("a", "k", items)
    assert sorted(shuffled_for("a", "k", items)) == items


def test_teacher_mode_shows_map_answers_as_this_screens_marker(data_dir, store, monkeypatch):
    monkeypatch.setenv("MALI_LESSONS_TEACHER", "1")
    quiz = Quiz.from_bank("demo", data_dir, store=store)
    shown = data_of(quiz, "q_map")
    number = next(m["number"] for m in shown["map"]["markers"] if m["value"] == "kidal")
    assert shown["teacherAnswer"] == f"marker {number}: Kidal"
    monkeypatch.setenv("MALI_LESSONS_TEACHER", "0")
    assert data_of(Quiz.from_bank("demo", data_dir, store=store), "q_map")["teacherAnswer"] is None


def test_map_question_is_svg_with_markers_in_words(data_dir, store):
    shown = data_of(make_quiz(data_dir, store), "q_map")["map"]
    assert shown["viewBox"].startswith("0 0 600 ")
    assert {s["kind"] for s in shown["shapes"]} >= {"mali", "river", "region", "country"}
    assert [m["number"] for m in shown["markers"]] == [1, 2, 3, 4]
    words = shown["descriptions"]
    assert len(words) == 4 and all(w.startswith(f"Marker {n}:") for n, w in enumerate(words, 1))
    assert "Kidal" not in " ".join(words.replace("Kidal region", "") for words in words)
    assert any("region" in w for w in words) and any("Niger" in w for w in words)


def test_the_widget_carries_the_front_end(data_dir, store):
    quiz = make_quiz(data_dir, store)
    assert isinstance(quiz.widget, QuizWidget)
    module = quiz.widget._esm
    assert module == esm_source() and "export function mountQuiz" in module
    assert not re.search(r'^(import|export) .* from "\./', module, re.MULTILINE), \
        "relative imports cannot be followed in a widget"
    assert ".mali-quiz" in quiz.widget._css
    assert "choose_marker" in front_messages()


def test_static_html_for_pages_without_a_kernel(data_dir, store):
    quiz = make_quiz(data_dir, store)
    bundle = quiz._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and bundle[WIDGET_VIEW]["model_id"] == quiz.widget.model_id
    page = bundle["text/html"]
    assert page.count("<details>") == 9 and "<details open" not in page
    assert "Demo &lt;lesson&gt;" in page and "<lesson>" not in page
    single = page.split("Which resolution ended the mandate?")[1].split("</details>")[0]
    assert single.index("<summary>") < single.index("Answer: Resolution 2690")
    assert "Marker 1: " in page and "<svg" in page
    assert 'href="https://example.org/un?a=1&amp;b=2"' in page


def test_messages_follow_the_language(data_dir, store, monkeypatch):
    monkeypatch.setenv("MALI_LESSONS_LANG", "fr")
    quiz = make_quiz(data_dir, store)
    assert quiz.data["lang"] == "fr"
    assert quiz.data["messages"]["check"] == "Vérifier"
    from mali_lessons.messages import FR

    assert quiz.data["messages"]["hint_tooltip"] == FR["hint_tooltip"]


def test_every_lesson_of_the_real_bank_builds_and_has_a_static_view():
    from mali_lessons.quiz.model import list_lessons

    for lesson in list_lessons():
        quiz = Quiz.from_bank(lesson, store=ProgressStore.in_memory("amina"),
                              teacher_mode=True)
        assert quiz.score() == (0, 0, len(quiz.bank.questions))
        assert len(json.dumps(quiz.data)) < 200_000, lesson
        assert quiz.static_html().count("<details>") >= len(quiz.bank.questions), lesson


def test_kernel_free_page_holds_the_module_and_the_data():
    from mali_lessons.quiz.static_html import quiz_page_html

    page = quiz_page_html("04_withdrawal")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert 'name="viewport"' in page and "user-scalable" not in page
    script = page.split('<script type="module">')[1]
    assert "</" not in script.split("</script>")[0].replace("<\\/", "")
    assert 'localStore("mali-lessons/04_withdrawal")' in page


def test_progress_saved_before_the_new_front_end_still_loads(data_dir, tmp_path):
    """A file as the ipywidgets quiz wrote it (same layout, every kind of answer)."""
    def record(answer, text, correct, tries=1, revealed=False):
        return {"answer": answer, "answer_text": text, "correct": correct, "tries": tries,
                "right_on_try": tries if correct else None, "revealed": revealed,
                "wrong_answers": [] if correct else [text],
                "first_at": "2026-10-01T09:00:00Z", "last_at": "2026-10-01T09:05:00Z"}

    saved = {
        "q_num": record(311.0, "311 people", True),
        "q_date_day": record("2023-12-31", "31 December 2023", True, tries=2),
        "q_order": record(EVENTS[::-1], " → ".join(EVENTS[::-1]), False, tries=2, revealed=True),
        "q_match": record({**RIGHT_MATCH, "Goita": "Governor"}, "…", False),
        "q_map": record("kidal", "Kidal", True),
        "q_tf": record(True, "True", False),
    }
    path = tmp_path / "progress-amina.json"
    path.write_text(json.dumps({"format": 1, "student": "amina", "updated": "2026-10-01T09:05:00Z",
                                "lessons": {"demo": saved}}), encoding="utf-8")
    quiz = make_quiz(data_dir, ProgressStore(path, "amina"))
    assert quiz.store.warnings == []
    assert quiz.score() == (3, 6, 9)
    shown = quiz.widget.records
    assert shown["q_num"] == {"answer": 311.0, "shown": "311", "correct": True, "tries": 1,
                              "right_on_try": 1, "revealed": False}
    assert shown["q_date_day"]["shown"] == "31 December 2023"
    assert shown["q_order"]["revealed"] and shown["q_order"]["answer"] == EVENTS[::-1]
    assert shown["q_map"]["answer"] == "kidal" and shown["q_tf"]["answer"] is True
    assert quiz.data["records"] == shown  # what the browser starts from
    send(quiz, "q_tf", False)  # and answering goes on from there
    assert quiz.store.get("demo", "q_tf")["tries"] == 2
