"""Every lesson notebook, taken in real JupyterLab and Chromium as a student would.

For each ``notebooks/*.ipynb`` (found at collection time, so a new lesson is covered as soon
as it is committed): open it, wait until the kernel is really idle, run all cells, and check

* every code cell ran, and no output shows an error;
* every map drew Leaflet inside its iframe (container, vector paths, one SVG path per vector
  layer), and there are as many maps as the notebook has cells that call a map builder plus
  map questions in its quiz banks (read from the notebook and data/quizzes/, not listed here);
* the first quiz question (when the lesson has a quiz) says "wrong" to a wrong answer and
  "right" to the right one, taken from the quiz bank, and the answer is saved;
* after closing the notebook (kernel shut down) and running it again in a new kernel, the
  answer, its feedback and the score come back;
* nothing tried to reach a machine other than 127.0.0.1.

Screenshots of each step go to artifacts/browser/<lesson>-<step>.png.
The steps live in lab.take_lesson(), shared with benchmarks/browser.py.
"""

from __future__ import annotations

import re

import pytest

import axe_audit
import lab

#: axe-core rules that may fail on the lessons' map iframes and are only reported: none (every
#: map iframe has a title, and its page a lang and a zoomable viewport: maps.elements.LessonPage).
MAPS_TODO: set[str] = set()

LESSONS = [nb.name for nb in lab.lesson_notebooks()]
if lab.probe_needed():
    LESSONS.append(lab.PROBE_NAME)


def _describe(report: lab.LessonReport) -> str:
    t = report.times
    return (f"{report.name}: load->idle {t.load_to_idle:.0f} ms, run all {t.run_all:.0f} ms, "
            f"maps {len(report.maps)} (expected {report.expectations.maps}), "
            f"quiz {'yes' if report.expectations.has_quiz else 'no'}")


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_in_jupyterlab(name, lab_server, lab_page, browser):
    """One lesson, start to end (see the module docstring)."""
    notebook = lab_server.root_dir / name
    assert notebook.exists(), f"{name} was not copied into the server's folder"
    expected = lab.notebook_expectations(notebook)
    report = lab.take_lesson(lab_page, lab_server, browser.guard, notebook, expected)
    print(_describe(report))
    problems: list[str] = []

    # -- the run ---------------------------------------------------------------------------
    if report.run_state.get("pending"):
        problems.append(f"{report.run_state['pending']} of {report.run_state['total']} code "
                        "cells did not run (stopped by an error?)")
    for text in report.errors:
        problems.append("error output:\n" + text[-1500:])
    quiet_stderr = [t for t in report.stderr if t not in report.errors]
    for text in quiet_stderr:
        print(f"note: {name} writes to stderr (a student sees a red box):\n{text[:500]}")
    if expected.map_cells and report.untrusted_notice:
        problems.append("folium's 'Make this Notebook Trusted' notice is showing")

    # -- the maps --------------------------------------------------------------------------
    if len(report.maps) != expected.maps:
        problems.append(f"{len(report.maps)} maps drew, expected {expected.maps}: "
                        f"{expected.map_cells} cells call a map builder and the quiz has "
                        f"{expected.quiz_maps} map questions")
    for number, state in enumerate(report.maps, start=1):
        where = f"map {number}"
        if not state.get("leaflet") or not state.get("containers"):
            problems.append(f"{where}: Leaflet did not start in the iframe ({state})")
        elif not state.get("interactive"):
            problems.append(f"{where}: no vector shapes drawn (path.leaflet-interactive) ({state})")
        elif state.get("paths") != state.get("pathLayers"):
            problems.append(f"{where}: {state['paths']} SVG paths for {state['pathLayers']} "
                            f"vector layers ({state})")
        if not state.get("sharedLeaflet"):
            problems.append(f"{where}: the map carries its own copy of Leaflet instead of the "
                            "one the Jupyter server shares (mali_lessons.jupyter_ext)")

    # -- the quiz --------------------------------------------------------------------------
    quiz = report.quiz
    if expected.has_quiz:
        assert quiz is not None
        words = lab.quiz_words()
        if quiz.problem:
            problems.append(f"quiz: {quiz.problem}")
        else:
            if words["wrong"] not in quiz.wrong_text:
                problems.append(f"quiz: no 'wrong' feedback after {quiz.wrong_label!r}:\n"
                                f"{quiz.wrong_text}")
            if words["right"] not in quiz.right_text or words["wrong"] in quiz.right_text:
                problems.append(f"quiz: no 'right' feedback after {quiz.right_label!r}:\n"
                                f"{quiz.right_text}")
            if quiz.wrong_text == quiz.right_text:
                problems.append("quiz: the feedback did not change between wrong and right")
            record = quiz.saved_record or {}
            if not (record.get("correct") is True and record.get("tries") == 2
                    and record.get("right_on_try") == 2):
                problems.append(f"quiz: progress file does not hold the answer right on try 2: "
                                f"{record} (files: {lab_server.progress_files()})")
            # after reopening in a new kernel
            if words["right"] not in quiz.restored_text:
                problems.append("quiz: after reopening, the answered question does not show "
                                f"its 'right' feedback:\n{quiz.restored_text!r}")
            if quiz.restored_checked != [quiz.right_label]:
                problems.append(f"quiz: after reopening, the chosen option is "
                                f"{quiz.restored_checked}, not [{quiz.right_label!r}]")
            if quiz.restored_check_disabled is not True:
                problems.append("quiz: after reopening, Check is still enabled on a finished "
                                "question")
            score = re.search(r"(\d+)\D+(\d+)\D+(\d+)", quiz.restored_score or "")
            if not score or (int(score[1]), int(score[3])) != (1, 1):
                problems.append(f"quiz: after reopening, the score reads {quiz.restored_score!r}"
                                " (expected 1 right, 1 answered)")

    # -- accessibility (axe-core) ---------------------------------------------------------
    if report.axe_ours is None and lab.in_ci():
        problems.append("axe-core is not installed (cd tests/js && npm install)")
    for v in axe_audit.serious(report.axe_ours or []):
        if all(".noUi-handle" in " ".join(n.target) for n in v.nodes):
            # ipywidgets' own slider (the bases map's time slider): the library's markup
            print(f"note: {name}: ipywidgets' slider: {v.line()}")
        elif v.id in MAPS_TODO:
            print(f"note: {name}: left for mali_lessons/maps: {v.line()}")
        else:
            problems.append(f"axe-core on the lesson's outputs: {v.line()}")
    for number, found in enumerate(report.axe_maps or [], start=1):
        for v in axe_audit.serious(found):
            if v.id in MAPS_TODO:
                print(f"note: {name} map {number}: left for mali_lessons/maps: {v.line()}")
            else:
                problems.append(f"axe-core in map {number}: {v.line()}")
    lab_own = axe_audit.count_nodes(report.axe_lab or [])
    print(f"{name}: axe-core on JupyterLab's own chrome (not ours): {lab_own}")

    # -- reopening, kernels and the network -----------------------------------------------
    if len(report.kernel_ids) == 2 and report.kernel_ids[0] == report.kernel_ids[1]:
        problems.append("the reopened notebook ran in the same kernel, not a new one")
    if report.rerun_state.get("pending") or report.rerun_errors:
        problems.append(f"the second run failed: {report.rerun_state} {report.rerun_errors}")
    if len(report.rerun_maps) != len(report.maps):
        problems.append(f"{len(report.rerun_maps)} maps on the second run, {len(report.maps)} "
                        "on the first")
    if report.kernels_left:
        problems.append(f"{report.kernels_left} kernels still running after closing the tab")
    if report.blocked:
        problems.append("requests tried to leave 127.0.0.1 (blocked):\n  "
                        + "\n  ".join(sorted(set(report.blocked))[:20]))
    for message in report.console_errors:
        print(f"note: browser console error in {name}: {message[:300]}")

    assert not problems, f"{name}:\n- " + "\n- ".join(problems)


#: The French lesson taken in the same JupyterLab: it has a map and a quiz that starts with a
#: question answered by a click.
FRENCH_LESSON = "03_minusma"


def test_a_french_lesson_in_jupyterlab(lab_server, lab_page, browser):
    """The French edition of a lesson, as a French-speaking student takes it: it runs, its
    map draws, the first question is answered wrong then right with French feedback, and no
    English message of the package shows anywhere in the lesson's outputs."""
    from mali_lessons.messages import EN, FR, using

    notebook = lab_server.root_dir / "fr" / f"{FRENCH_LESSON}.ipynb"
    assert notebook.exists(), "the French lessons were not copied into the server's folder"
    lab.forget_lesson(lab_server, FRENCH_LESSON)  # the English run answered it already
    with using("fr"):  # the quiz's words and the bank's prompts, as the page shows them
        expected = lab.notebook_expectations(notebook)
        report = lab.take_lesson(lab_page, lab_server, browser.guard, notebook, expected,
                                 reopen=False)
        words = lab.quiz_words()
    print(_describe(report))
    assert not report.errors, report.errors
    assert not report.run_state.get("pending"), report.run_state
    assert len(report.maps) == expected.maps >= 1
    quiz = report.quiz
    assert quiz is not None and not quiz.problem, quiz and quiz.problem
    assert words["wrong"] in quiz.wrong_text and words["right"] not in quiz.wrong_text
    assert words["right"] in quiz.right_text, quiz.right_text
    english_feedback = EN["feedback_right"]
    assert english_feedback not in quiz.right_text and EN["check"] not in quiz.right_text
    record = (lab._read_progress(lab_server, FRENCH_LESSON, quiz.question_id) or {})
    assert record.get("correct") is True and record.get("tries") == 2, record
    # Saved in English words, so the English lesson and collect read the same file.
    with using("en"):
        english = lab.load_banks([FRENCH_LESSON])[0].question(quiz.question_id)
    assert record["answer"] == english.correct_answer()
    # No English message of the package in what the lesson shows.
    text = "\n".join(report.outputs_text)
    assert FR["feedback_right"] in text or words["check"] in text
    leftovers = lab.english_messages_in(text)
    assert not leftovers, f"English messages in the French lesson: {leftovers[:10]}"


def test_lessons_were_found():
    """The suite covers notebooks/*.ipynb; an empty list means it would test nothing."""
    assert lab.lesson_notebooks(), "no notebooks/*.ipynb found"
