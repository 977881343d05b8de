"""The quiz widgets, driven from Python: set values, click buttons, read the feedback."""

from __future__ import annotations

import html
import re

import ipywidgets as widgets
import pytest

from mali_lessons.quiz.progress import ProgressStore
from mali_lessons.quiz.widgets import Quiz, QuestionView, shuffled_for
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
    return next(v for v in quiz.views if v.question.id == question_id)


def feedback(v: QuestionView) -> str:
    """The feedback as plain text (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", v.feedback.value))


# How to enter a right answer, a wrong one and input that is not an answer, for each type.
def enter_single(v, how):
    v.input.radio.value = {"right": "Resolution 2690", "wrong": "Resolution 2100",
                           "bad": None}[how]


def enter_multi(v, how):
    ticked = {"right": {"Gao", "Bamako"}, "wrong": {"Gao", "Kidal"}, "bad": set()}[how]
    for option, box in v.input.boxes.items():
        box.value = option in ticked


def enter_truefalse(v, how):
    v.input.radio.value = {"right": False, "wrong": True, "bad": None}[how]


def enter_numeric(v, how):
    v.input.write({"right": "311 people", "wrong": "1,000", "bad": "lots"}[how])


def enter_date(v, how):
    v.input.write({"right": "31/12/2023", "wrong": "2023-12-30", "bad": "2023"}[how])


def enter_order(v, how):
    events = ["Coup in Bamako", "Serval begins", "MINUSMA created", "MINUSMA leaves"]
    chosen = {"right": events, "wrong": events[::-1],
              "bad": [events[0], events[0], None, events[3]]}[how]
    for box, event in zip(v.input.dropdowns.values(), chosen):
        box.value = event


def enter_match(v, how):
    right = {"Wane": "Head of mission", "Diop": "Foreign minister", "Goita": "President"}
    chosen = {"right": right, "wrong": {**right, "Goita": "Governor"},
              "bad": {**right, "Diop": None}}[how]
    for left, box in v.input.dropdowns.items():
        box.value = chosen[left]


def enter_map(v, how):
    v.input.dropdowns["marker"].value = {"right": "kidal", "wrong": "gao", "bad": None}[how]


ENTER = {"q_single": enter_single, "q_multi": enter_multi, "q_tf": enter_truefalse,
         "q_num": enter_numeric, "q_date_day": enter_date, "q_order": enter_order,
         "q_match": enter_match, "q_map": enter_map}


@pytest.mark.parametrize("question_id", sorted(ENTER))
def test_every_type_bad_then_wrong_then_right(data_dir, store, question_id):
    quiz = make_quiz(data_dir, store)
    v = view(quiz, question_id)
    enter = ENTER[question_id]

    enter(v, "bad")
    v.check_button.click()
    assert "⚠" in feedback(v)
    assert v.record is None, "input that is not an answer must not count as a try"
    assert quiz.score() == (0, 0, 9)

    enter(v, "wrong")
    v.check_button.click()
    assert "Not right yet" in feedback(v)
    assert store.get("demo", question_id)["tries"] == 1
    assert store.get("demo", question_id)["correct"] is False
    assert v.question.explanation not in feedback(v)  # the explanation would give it away
    assert "Read the source" in feedback(v)
    assert quiz.score() == (0, 1, 9)

    enter(v, "right")
    v.check_button.click()
    text = feedback(v)
    assert "Right!" in text and v.question.explanation in text
    record = store.get("demo", question_id)
    assert record["correct"] is True and record["tries"] == 2 and record["right_on_try"] == 2
    assert quiz.score() == (1, 1, 9)
    assert "1 right out of 9" in quiz.score_box.value
    # A finished question is locked.
    assert v.check_button.disabled and all(c.disabled for c in v.input.controls())


def test_enter_in_a_text_box_checks(data_dir, store):
    quiz = make_quiz(data_dir, store)
    v = view(quiz, "q_num")
    v.input.text.value = " 311 "  # what the browser sends when Enter is pressed
    assert "Right!" in feedback(v)
    assert quiz.score() == (1, 1, 9)


@pytest.mark.parametrize("typed", ["", "abc", "nan", "inf", "1e400", "311 cats"])
def test_number_box_never_shows_a_traceback(data_dir, store, typed):
    v = view(make_quiz(data_dir, store), "q_num")
    v.input.write(typed)
    v.check_button.click()
    assert "⚠" in feedback(v) and "Traceback" not in v.feedback.value
    assert v.record is None


def test_same_answer_twice_counts_once(data_dir, store):
    v = view(make_quiz(data_dir, store), "q_single")
    enter_single(v, "wrong")
    v.check_button.click()
    v.check_button.click()
    assert store.get("demo", "q_single")["tries"] == 1
    assert "already checked" in feedback(v)


def test_show_answer_after_two_wrong_tries(data_dir, store):
    quiz = make_quiz(data_dir, store)
    v = view(quiz, "q_order")
    assert v.answer_button.layout.display == "none"
    enter_order(v, "wrong")
    v.check_button.click()
    assert v.answer_button.layout.display == "none"
    v.reveal()  # not yet allowed: nothing happens
    assert not store.get("demo", "q_order")["revealed"]
    first = list(v.input.read())
    # a second, different wrong order
    boxes = list(v.input.dropdowns.values())
    boxes[0].value, boxes[1].value = first[1], first[0]
    v.check_button.click()
    assert store.get("demo", "q_order")["tries"] == 2
    assert v.answer_button.layout.display != "none"
    v.answer_button.click()
    text = feedback(v)
    assert "The answer is shown" in text and "Coup in Bamako" in text
    assert v.input.read() == ["Coup in Bamako", "Serval begins", "MINUSMA created",
                              "MINUSMA leaves"]
    assert store.get("demo", "q_order")["revealed"] is True
    assert quiz.score() == (0, 1, 9), "a shown answer does not count as right"
    assert v.check_button.disabled


def test_tries_before_answer_is_a_setting(data_dir, store):
    v = view(make_quiz(data_dir, store, tries_before_answer=1), "q_tf")
    enter_truefalse(v, "wrong")
    v.check_button.click()
    assert v.answer_button.layout.display != "none"


def test_hint(data_dir, store):
    quiz = make_quiz(data_dir, store)
    v = view(quiz, "q_single")
    assert v.hint_box.value == ""
    v.hint_button.click()
    assert "Adopted on 30 June 2023." in v.hint_box.value
    assert view(quiz, "q_multi").hint_button.layout.display == "none"  # no hint in the bank


def test_sources_are_linked_and_escaped(data_dir, store):
    v = view(make_quiz(data_dir, store), "q_single")
    enter_single(v, "right")
    v.check_button.click()
    assert 'href="https://example.org/un?a=1&amp;b=2"' in v.feedback.value
    assert "United Nations: Statement on &lt;Mali&gt; &amp; more" in v.feedback.value
    assert 'role="status"' in v.feedback.value


def test_answers_are_restored_when_the_notebook_runs_again(data_dir, store, tmp_path):
    first = make_quiz(data_dir, store)
    enter_numeric(view(first, "q_num"), "right")
    view(first, "q_num").check_button.click()
    enter_match(view(first, "q_match"), "wrong")
    view(first, "q_match").check_button.click()
    enter_date(view(first, "q_date_day"), "right")
    view(first, "q_date_day").check_button.click()

    again = make_quiz(data_dir, ProgressStore(store.path, "amina"))
    assert again.score() == (2, 3, 9)
    num = view(again, "q_num")
    assert num.input.read() == "311" and "Right!" in feedback(num) and num.check_button.disabled
    match = view(again, "q_match")
    assert match.input.read()["Goita"] == "Governor" and "Not right yet" in feedback(match)
    assert not match.check_button.disabled
    assert view(again, "q_date_day").input.read() == "31 December 2023"
    assert "2 right out of 9 questions (3 answered)" in again.score_box.value


def test_options_shuffled_stably_per_student(data_dir, tmp_path):
    def order(student):
        quiz = Quiz.from_bank("demo", data_dir, store=ProgressStore.in_memory(student),
                              teacher_mode=False)
        single = [value for _label, value in view(quiz, "q_single").input.radio.options]
        events = [value for _l, value in
                  list(view(quiz, "q_order").input.dropdowns.values())[0].options][1:]
        return single, events

    assert order("amina") == order("amina")
    students = [f"student{n}" for n in range(12)]
    assert len({tuple(order(s)[1]) for s in students}) > 1, "order never changes"
    items = list(range(10))
    assert shuffled_for("a", "k", items) == shuffled_for("a", "k", items)
    assert sorted(shuffled_for("a", "k", items)) == items


def test_teacher_mode_shows_answers(data_dir, store, monkeypatch):
    monkeypatch.setenv("MALI_LESSONS_TEACHER", "1")
    quiz = Quiz.from_bank("demo", data_dir, store=store)
    shown = view(quiz, "q_map")
    boxes = [w for w in shown.box.children if isinstance(w, widgets.HTML)]
    # the marker number as numbered on this screen (shuffled per student), then the place
    number = shown.map_order.index("kidal") + 1
    assert any(f"Teacher mode — answer: marker {number}: Kidal" in b.value for b in boxes)
    labels = [label for label, _value in shown.input.dropdowns["marker"].options]
    assert labels[number] == f"Marker {number}"
    assert dict(shown.input.dropdowns["marker"].options)[f"Marker {number}"] == "kidal"
    monkeypatch.setenv("MALI_LESSONS_TEACHER", "0")
    quiz = Quiz.from_bank("demo", data_dir, store=store)
    boxes = [w for w in view(quiz, "q_map").box.children if isinstance(w, widgets.HTML)]
    assert not any("Teacher mode" in b.value for b in boxes)


def all_widgets(root):
    yield root
    for child in getattr(root, "children", ()):
        yield from all_widgets(child)


def test_every_control_has_a_label_for_screen_readers(data_dir, store):
    quiz = make_quiz(data_dir, store)
    controls = [w for w in all_widgets(quiz.widget)
                if isinstance(w, (widgets.Button, widgets.Text, widgets.Dropdown,
                                  widgets.RadioButtons, widgets.Checkbox))]
    assert len(controls) > 30
    for control in controls:
        assert control.description.strip(), control
        if not isinstance(control, widgets.Checkbox):
            assert (control.tooltip or "").strip(), control


def test_map_question_draws_numbered_markers_and_a_text_description(data_dir, store):
    v = view(make_quiz(data_dir, store), "q_map")
    map_html = v.map_widget.children[0].value
    assert "iframe" in map_html
    description = v.map_widget.children[1].value
    assert description.count("<li>") == 4 and "Kidal" not in description
    labels = [label for label, _value in v.input.dropdowns["marker"].options]
    assert labels[1:] == ["Marker 1", "Marker 2", "Marker 3", "Marker 4"]


def test_static_html_for_pages_without_a_kernel(data_dir, store):
    quiz = make_quiz(data_dir, store)
    bundle = quiz._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and bundle[WIDGET_VIEW]["model_id"] == quiz.widget.model_id
    page = bundle["text/html"]
    assert page.count("<details>") == 9 and "<details open" not in page
    assert "Demo &lt;lesson&gt;" in page and "<lesson>" not in page
    assert "Which resolution ended the mandate?" in page
    # the answer is inside the closed block, after its summary
    single = page.split("Which resolution ended the mandate?")[1].split("</details>")[0]
    assert single.index("<summary>") < single.index("Answer: Resolution 2690")
    assert "Marker 1: latitude" in page


def test_messages_follow_the_language(data_dir, store, monkeypatch):
    monkeypatch.setenv("MALI_LESSONS_LANG", "fr")
    quiz = make_quiz(data_dir, store)
    v = view(quiz, "q_single")
    assert v.check_button.description == "Vérifier"
    assert v.answer_button.description == "Voir la réponse"
    assert v.hint_button.tooltip == "Show a hint"  # not translated yet: English


def test_every_lesson_of_the_real_bank_builds_and_has_a_static_view():
    from mali_lessons.quiz.model import list_lessons

    for lesson in list_lessons():
        quiz = Quiz.from_bank(lesson, store=ProgressStore.in_memory("amina"),
                              teacher_mode=False)
        assert quiz.score() == (0, 0, len(quiz.bank.questions))
        page = quiz.static_html()
        assert page.count("<details>") >= len(quiz.bank.questions), lesson
