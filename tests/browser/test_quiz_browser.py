"""The quiz front end in a real browser: by keyboard alone, checked by axe-core, the same in
JupyterLab and in a plain HTML page with no kernel.

* ``test_keyboard_only_in_jupyterlab`` -- a notebook with the demo bank (one question of every
  type, tests/quiz_testdata.py) is run in JupyterLab; a student answers every question from
  the first control with Tab, Shift+Tab, arrows, Space and Enter (tests/browser/quiz_keys.py).
  The notebook's cells (their number and types) are unchanged afterwards: no key reached
  JupyterLab's shortcuts. Python saved every answer.
* ``test_same_student_without_a_kernel`` -- the same walk in the page made by
  ``mali_lessons.quiz.static_html.quiz_page_html`` (no kernel, localStorage) hears the same
  verdicts and texts; the answers come back when the page is loaded again.
* ``test_keyboard_only_in_notebook_7`` -- the same walk in Jupyter Notebook 7.
* all run axe-core on the quiz before and after the walk: no critical or serious violation.

Screenshots of the focus states go to artifacts/browser/quiz_*.png.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

import axe_audit
import lab
import quiz_keys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from quiz_testdata import make_data_dir  # noqa: E402

NOTEBOOK = "zz_quiz_keyboard.ipynb"
_CELLS = """() => window.jupyterapp.shell.currentWidget.content.widgets.map(c => c.model.type)"""


def words() -> dict[str, str]:
    from mali_lessons.messages import msg

    found = lab.quiz_words()
    found.update(empty=msg("answer_empty"), negative=msg("number_negative")[:30],
                 ask=msg("number_ambiguous_point", thousands="\x00", decimal="",
                         typed="", plain="").split("\x00")[0], need_day=msg("date_need_day"))
    return found


def _notebook(folder: Path, data_dir: Path) -> Path:
    cells = [
        {"cell_type": "markdown", "id": "title", "metadata": {}, "source": "# Quiz by keyboard"},
        {"cell_type": "code", "id": "quiz", "metadata": {}, "execution_count": None,
         "outputs": [], "source": "from mali_lessons.quiz import Quiz\n"
                                  f"Quiz.from_bank('demo', data_dir={str(data_dir)!r}).show()"},
        {"cell_type": "markdown", "id": "after", "metadata": {}, "source": "The end."},
    ]
    notebook = {"cells": cells, "nbformat": 4, "nbformat_minor": 5, "metadata": {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": "python3"}}}
    path = folder / NOTEBOOK
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def _audit(frame, context: str) -> list[str]:
    if axe_audit.axe_script() is None:
        if lab.in_ci():
            pytest.fail(f"axe-core is not installed: {axe_audit.AXE_HINT}")
        pytest.skip(f"axe-core is not installed: {axe_audit.AXE_HINT}")
    found = axe_audit.run_axe(frame, context=context, ours=(".mali-quiz",))
    return [v.line() for v in axe_audit.serious(found)]


@pytest.fixture(scope="module")
def demo_data(lab_server) -> Path:
    return make_data_dir(lab_server.workdir / "demo")


def test_keyboard_only_in_jupyterlab(lab_server, lab_page, demo_data, browser_artifacts):
    _notebook(lab_server.root_dir, demo_data)
    lab_page.open_notebook(NOTEBOOK)
    lab_page.run_all()
    lab_page.wait_run_done()
    page = lab_page.page
    page.locator(".jp-Notebook fieldset.mq-question").first.wait_for(timeout=lab.FEEDBACK_MS)
    before = page.evaluate(_CELLS)
    problems = _audit(page, ".jp-Notebook .mali-quiz")
    walk = quiz_keys.keyboard_walk(page, ".jp-Notebook", words(), browser_artifacts)
    problems += _audit(page, ".jp-Notebook .mali-quiz")
    after = page.evaluate(_CELLS)
    print("heard:", *[f"{q}: {t}" for q, t in walk.heard], sep="\n  ")
    assert not walk.problems, "\n".join(walk.problems)
    assert after == before, f"keys reached JupyterLab: cells {before} became {after}"
    assert not problems, "axe-core:\n" + "\n".join(problems)
    # Python judged and saved every try the browser sent
    lab.wait(lambda: len(_saved(lab_server)) == 9, timeout=10)
    saved = _saved(lab_server)
    assert sorted(saved) == sorted(["q_single", "q_multi", "q_tf", "q_num", "q_date_day",
                                    "q_date_year", "q_order", "q_match", "q_map"]), saved
    assert all(r["correct"] for r in saved.values()), saved
    assert saved["q_single"]["tries"] == 2 and saved["q_num"]["tries"] == 1, saved
    (lab_server.workdir / "heard-lab.json").write_text(json.dumps(walk.heard), encoding="utf-8")


def _open_fresh(page, path: Path) -> None:
    """Open a kernel-free quiz page with nothing saved yet: every file:// page shares one
    localStorage, so answers left by another test would show as already given."""
    page.goto(path.as_uri())
    page.evaluate("() => window.localStorage.clear()")
    page.reload()
    page.locator("fieldset.mq-question").first.wait_for()


def _forget(page) -> None:
    """Leave no answers in localStorage for the tests that come after."""
    try:
        page.evaluate("() => window.localStorage.clear()")
    except Exception:  # noqa: BLE001 - a page that is gone keeps nothing
        pass


def _saved(server) -> dict:
    for path in server.progress_files():
        try:
            return json.loads(path.read_text(encoding="utf-8"))["lessons"].get("demo", {})
        except (OSError, ValueError, KeyError):
            continue
    return {}


def test_same_student_without_a_kernel(offline_page, lab_server, demo_data, tmp_path,
                                       browser_artifacts):
    from mali_lessons.quiz.static_html import quiz_page_html

    page, problems = offline_page
    path = tmp_path / "quiz.html"
    path.write_text(quiz_page_html("demo", student=lab.STUDENT, data_dir=demo_data),
                    encoding="utf-8")
    _open_fresh(page, path)
    try:
        _walk_the_page(page, problems, lab_server, browser_artifacts)
    finally:
        _forget(page)


def _walk_the_page(page, problems, lab_server, browser_artifacts) -> None:
    audit = _audit(page, ".mali-quiz")
    walk = quiz_keys.keyboard_walk(page, "body", words(), browser_artifacts, prefix="page_")
    audit += _audit(page, ".mali-quiz")
    assert not walk.problems, "\n".join(walk.problems)
    assert not audit, "axe-core:\n" + "\n".join(audit)
    assert not problems, problems
    heard_lab = lab_server.workdir / "heard-lab.json"
    if heard_lab.exists():
        assert [list(h) for h in walk.heard] == json.loads(heard_lab.read_text()), \
            "the page without a kernel said other things than JupyterLab"
    # the answers are kept in localStorage and come back
    page.reload()
    page.locator("fieldset.mq-question").first.wait_for()
    assert page.evaluate("() => window.maliQuiz.score()") == {"right": 9, "answered": 9,
                                                              "total": 9}
    assert "✔" in page.locator('fieldset[data-question="q_map"] .mq-status').inner_text()


@pytest.fixture(scope="module")
def notebook7_demo(tmp_path_factory, chromium_path):
    """Jupyter Notebook 7 serving the demo quiz notebook."""
    workdir = tmp_path_factory.mktemp("quiz-notebook7")
    root_dir = workdir / "notebooks"
    root_dir.mkdir()
    _notebook(root_dir, make_data_dir(workdir / "demo"))
    env, progress = lab._isolated_env(workdir)
    lab.write_lab_settings(Path(env["JUPYTERLAB_SETTINGS_DIR"]))
    port, token = lab.free_port(), "nb7" + os.urandom(12).hex()
    cmd = [sys.executable, "-m", "jupyter", "notebook", "--no-browser",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root_dir}",
           "--JupyterNotebookApp.expose_app_in_browser=True",
           f"--JupyterNotebookApp.user_settings_dir={env['JUPYTERLAB_SETTINGS_DIR']}",
           *lab._root_flag()]
    server = lab._start("notebook7", cmd, workdir, root_dir, port, token, env, progress)
    yield server
    server.stop()


def test_keyboard_only_in_notebook_7(notebook7_demo, browser, browser_artifacts):
    page = browser.new_page()
    try:
        page.goto(f"{notebook7_demo.url}notebooks/{NOTEBOOK}?token={notebook7_demo.token}",
                  timeout=lab.PAGE_LOAD_MS)
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session",
            timeout=lab.PAGE_LOAD_MS)
        lab.wait(lambda: page.evaluate(lab._JS_KERNEL_STATE).endswith(tuple(
            f":idle:{k}" for k in [page.evaluate(lab._JS_KERNEL_STATE).rsplit(":", 1)[-1]])),
            timeout=lab.KERNEL_IDLE_MS / 1000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.locator("fieldset.mq-question").first.wait_for(timeout=lab.RUN_ALL_MS)
        lab.wait(lambda: (lambda st: st.get("pending") == 0 and st.get("status") == "idle")(
            page.evaluate(lab._JS_RUN_STATE)), timeout=lab.RUN_ALL_MS / 1000)
        page.wait_for_timeout(500)
        before = page.evaluate(_CELLS)
        walk = quiz_keys.keyboard_walk(page, "body", words(), browser_artifacts, prefix="nb7_")
        audit = _audit(page, ".mali-quiz")
        assert not walk.problems, "\n".join(walk.problems)
        assert page.evaluate(_CELLS) == before, "keys reached Notebook 7's shortcuts"
        assert not audit, "axe-core:\n" + "\n".join(audit)
        lab.wait(lambda: len(_saved(notebook7_demo)) == 9, timeout=10)
        assert len(_saved(notebook7_demo)) == 9
    finally:
        page.close()


def test_show_answer_hint_and_drag_in_a_page(offline_page, tmp_path):
    """Without a kernel: the hint is announced, two wrong tries offer Show answer, which moves
    the focus to the feedback (not the body); events can be put in order by dragging."""
    from mali_lessons.quiz.static_html import quiz_page_html

    page, problems = offline_page
    data_dir = make_data_dir(tmp_path / "demo")
    path = tmp_path / "quiz.html"
    path.write_text(quiz_page_html("demo", student="drag", data_dir=data_dir), encoding="utf-8")
    _open_fresh(page, path)
    try:
        _hint_reveal_and_drag(page, problems)
    finally:
        _forget(page)


def _hint_reveal_and_drag(page, problems) -> None:
    single = page.locator('fieldset[data-question="q_single"]')
    single.locator("button.mq-hint-button").click()
    assert "Adopted on 30 June 2023." in single.locator(".mq-hint").inner_text()
    assert single.locator(".mq-hint").get_attribute("aria-live") == "polite"
    tf = page.locator('fieldset[data-question="q_tf"]')
    reveal = tf.locator("button.mq-reveal")
    assert reveal.is_hidden()
    tf.get_by_label("True").check()
    tf.locator("button.mq-check").click()
    assert reveal.is_hidden(), "Show answer comes after two wrong tries, not one"
    tf.locator("button.mq-check").click()  # the same answer again: not a try
    assert "already checked" in tf.locator(".mq-status").inner_text()
    assert reveal.is_hidden()
    # two different wrong orders, then Show answer
    order = page.locator('fieldset[data-question="q_order"]')
    rows = order.locator("li.mq-order-row")
    events = ["Coup in Bamako", "Serval begins", "MINUSMA created", "MINUSMA leaves"]
    for n, event in enumerate([events[1], events[0], events[2], events[3]]):
        rows.nth(n).locator("select").select_option(event)
    order.locator("button.mq-check").click()
    assert "Not right yet" in order.locator(".mq-status").inner_text()
    rows.nth(2).locator("select").select_option(events[3])
    rows.nth(3).locator("select").select_option(events[2])
    order.locator("button.mq-check").click()
    assert "tries so far: 2" in order.locator(".mq-status").inner_text()
    # drag a row by its label onto the next: the first two change places
    rows.nth(0).drag_to(rows.nth(1), source_position={"x": 12, "y": 12},
                        target_position={"x": 12, "y": 12})
    values = [rows.nth(n).locator("select").input_value() for n in range(4)]
    assert values[:2] == events[:2], values
    show = order.locator("button.mq-reveal")
    assert show.is_visible()
    show.focus()
    page.keyboard.press("Enter")
    assert "The answer is shown" in order.locator(".mq-status").inner_text()
    focused = page.evaluate("() => document.activeElement.className")
    assert "mq-feedback" in focused, f"focus went to {focused!r}, not the feedback"
    assert [rows.nth(n).locator("select").input_value() for n in range(4)] == events
    assert order.locator("button.mq-check").is_disabled()
    assert page.evaluate("() => window.maliQuiz.score()")["right"] == 0
    assert not problems, problems
