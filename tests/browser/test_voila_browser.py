"""The review lesson served by Voilà as an app: no code shows, and a quiz question answers back.

Voilà serves notebooks/08_review.ipynb (until it exists: the first lesson with a quiz, or the
test probe). The test opens it in Chromium (network limited to 127.0.0.1), checks that no
code cell is shown, answers the first question that is answered by clicking -- a wrong option,
Check, then the right option (from the quiz bank), Check -- and sees the feedback change.
Screenshots: artifacts/browser/voila-*.png.
"""

from __future__ import annotations

import pytest

import lab

REVIEW = "08_review.ipynb"

def voila_notebook(folder, probe_folder):
    """08_review when it exists; else the first lesson with a quiz; else the test probe."""
    lessons = lab.lesson_notebooks()
    by_name = {nb.name: nb for nb in lessons}
    if REVIEW in by_name:
        return by_name[REVIEW]
    for notebook in lessons:
        if lab.notebook_expectations(notebook).has_quiz:
            return notebook
    probe = lab.write_probe(folder, probe_folder)
    if probe is None:
        pytest.skip("no lesson has a quiz yet and mali_lessons.quiz cannot be imported")
    return probe


@pytest.fixture(scope="module", params=["en", "fr"])
def voila_server(request, tmp_path_factory, chromium_path, browser_artifacts):
    """The review as an app, in English and then in the French edition (notebooks/fr/)."""
    workdir = tmp_path_factory.mktemp(f"voila-{request.param}")
    notebook = voila_notebook(workdir / "probe", workdir / "data")
    if request.param == "fr":
        notebook = lab.NOTEBOOKS / "fr" / notebook.name
        assert notebook.exists(), f"no French edition of {notebook.name}"
    server = lab.start_voila(workdir, notebook)
    server.notebook = notebook  # type: ignore[attr-defined]
    server.lang = request.param  # type: ignore[attr-defined]
    yield server
    server.stop()


def test_review_as_voila_app(voila_server, browser):
    from mali_lessons.messages import using

    with using(voila_server.lang):  # the quiz's words and prompts in the app's language
        _take_the_app(voila_server, browser)


def _take_the_app(voila_server, browser):
    notebook = voila_server.notebook
    expected = lab.notebook_expectations(notebook)
    page = browser.new_page()
    browser.guard.take()
    shots = lab.ARTIFACTS
    shots.mkdir(parents=True, exist_ok=True)
    try:
        page.goto(f"{voila_server.url}?token={voila_server.token}", wait_until="domcontentloaded",
                  timeout=lab.PAGE_LOAD_MS)
        driver = lab.quiz_driver(page, "body", expected)
        # Voilà runs the whole notebook before the page is complete; the quiz comes last.
        driver.check_buttons().first.wait_for(timeout=lab.RUN_ALL_MS)
        page.wait_for_load_state("load")
        page.screenshot(path=str(shots / f"voila-{voila_server.lang}-1-loaded.png"))

        # no code: no code cell input area, no editor, no line of the notebook's code
        code = page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .cm-editor")
        assert code.count() == 0, f"{code.count()} code inputs are visible in the Voilà app"
        body = page.locator("body").inner_text()
        shown = [line for line in lab.code_lines(notebook) if line in body]
        assert not shown, f"source code shows in the Voilà app: {shown[:5]}"

        errors = [t for t in page.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
        ).all_inner_texts() if "Traceback" in t or "Error" in t]
        assert not errors, "error output in the Voilà app:\n" + "\n".join(errors)

        found = driver.first_question()
        assert found is not None, "no quiz question answered by clicking was found by its prompt"
        found.box.scroll_into_view_if_needed()
        wrong_ms, wrong_text = driver.answer(found, right=False)
        found.box.screenshot(path=str(shots / f"voila-{voila_server.lang}-2-wrong.png"))
        right_ms, right_text = driver.answer(found, right=True)
        found.box.screenshot(path=str(shots / f"voila-{voila_server.lang}-3-right.png"))
        print(f"Voilà {notebook.name}: question {found.lesson}/{found.question.id}: "
              f"feedback after {wrong_ms:.0f} ms (wrong) and {right_ms:.0f} ms (right)")
        assert driver.words["wrong"] in wrong_text
        assert driver.words["right"] in right_text and driver.words["wrong"] not in right_text

        if voila_server.lang == "fr":
            assert page.evaluate("document.documentElement.lang") == "fr"
            english = lab.english_messages_in(body)
            assert not english, f"English messages in the French app: {english[:10]}"

        # maps, if the app has any, drew offline
        for number, state in enumerate(lab.wait_maps_drawn(page, "body"), start=1):
            assert state["containers"] and state["interactive"], f"map {number}: {state}"

        # The project's template (mali-offline) drops the CDN links of Voilà's own "lab"
        # page: nothing at all may try to leave 127.0.0.1.
        blocked = browser.guard.take()
        assert not blocked, "requests tried to leave 127.0.0.1:\n" + "\n".join(blocked[:20])
    finally:
        page.close()
