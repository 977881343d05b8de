"""The static site and the handouts in a real browser (Debian's chromium, network refused).

* Every page opens from ``file://`` (a USB stick) and from a local web server
  (``python -m http.server`` on 127.0.0.1, started and stopped here) with no console error, no
  request that leaves the page's own files, every map drawn and every quiz ready.
* With no kernel, one question of every type is answered wrong, then right; a hint is shown;
  "Show answer" appears after two wrong tries; the answers come back after a reload; the
  results exported from the page are accepted by ``collect``.
* The quiz engineer's keyboard walk (quiz_keys.py) passes on a page made by the site builder,
  and axe-core finds no critical or serious violation on any page of the site.
* Lesson 04's bases slider is a range input that the arrow keys move, redrawing the map.
* ``make handouts``: pdftotext finds every question of the lesson in its worksheet and no
  answer, and every answer in its answer key.

The site is built once (artifacts/site, shared with tests/test_site.py); the time from opening
a page to a drawn map and an answerable quiz is written to artifacts/site_timings.json.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import unicodedata
import urllib.request
from pathlib import Path

import pytest

import axe_audit
import lab
import quiz_keys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from quiz_testdata import make_data_dir  # noqa: E402

from mali_lessons.collect import collect_results  # noqa: E402
from mali_lessons.messages import msg  # noqa: E402
from mali_lessons.quiz.answers import format_number  # noqa: E402
from mali_lessons.quiz.model import list_lessons, load_bank  # noqa: E402
from mali_lessons.quiz.student_names import student_file_part  # noqa: E402
from mali_lessons.site.build import build_site, lesson_notebooks  # noqa: E402
from mali_lessons.site.handouts import WAIT_DRAWN  # noqa: E402

SITE = lab.ROOT / "artifacts" / "site"
HANDOUTS = lab.ROOT / "artifacts" / "handouts"
LESSONS = [nb.stem for nb in lesson_notebooks(lab.NOTEBOOKS)]
PAGES = ["index"] + LESSONS
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
QUIZ_LESSON = "08_review"  # its quiz has a question of every type


@pytest.fixture(scope="session")
def site(chromium_path):
    return build_site(SITE, only_if_changed=True, log=lambda line: None)


@pytest.fixture(scope="module")
def site_server(site):
    """``python -m http.server`` serving the site on 127.0.0.1; stopped after the module."""
    port = lab.free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(SITE)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(base + "index.html", timeout=2).close()
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("python -m http.server did not start")
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def page_url(where: str, name: str, server: str | None = None) -> str:
    path = "index.html" if name == "index" else f"en/{name}.html"
    return (server + path) if where == "server" else (SITE / path).as_uri()


def open_and_wait(page, url: str) -> list[str]:
    """Open ``url``, wait for its maps and quizzes; every URL the page requested."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    page.wait_for_function(WAIT_DRAWN, timeout=lab.PAGE_LOAD_MS)
    return requested


def off_the_page(requested: list[str], own: str) -> list[str]:
    return [u for u in requested if not u.startswith((own, "data:", "blob:"))]


# --- every page, from a USB stick and from a web server -----------------------------------


@pytest.mark.parametrize("where", ["file", "server"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_opens_draws_and_fetches_nothing_else(offline_page, browser, site,
                                                         site_server, where, name):
    page, problems = offline_page
    requested = open_and_wait(page, page_url(where, name, site_server))
    own = site_server if where == "server" else SITE.as_uri() + "/"
    assert off_the_page(requested, own) == []
    assert browser.guard.take() == []
    maps = page.evaluate("""() => [...document.querySelectorAll('.site-map .folium-map')].map(m =>
        ({placed: Number(m.dataset.mlPlaced || 0),
          shapes: m.querySelectorAll('.leaflet-overlay-pane path').length,
          labels: m.querySelectorAll('.ml-label[data-ml-shown="yes"]').length}))""")
    for n, one in enumerate(maps, start=1):
        assert one["placed"] >= 1 and one["shapes"] > 0 and one["labels"] > 0, (name, n, one)
    if name != "index":
        expected = len(re.findall(r"_map\(|bases_slider\(", "".join(
            "".join(c["source"]) for c in json.loads(
                (lab.NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code")))
        assert len(maps) == expected, (name, len(maps), expected)
    quizzes = page.locator("[data-site-quiz]")
    for n in range(quizzes.count()):
        assert quizzes.nth(n).get_attribute("data-site-ready") == "yes"
        assert quizzes.nth(n).locator("fieldset.mq-question").count() > 0
    assert problems == []


def test_time_to_a_drawn_map_and_an_answerable_quiz(offline_page, site):
    """Measured, not judged (beyond a generous bound): written to artifacts/site_timings.json."""
    page, problems = offline_page
    timings = {}
    for name in LESSONS:
        start = time.perf_counter()
        open_and_wait(page, page_url("file", name))
        waited = lab.ms_since(start)
        found = page.evaluate("() => window.MaliSite.timings")
        timings[name] = {"quiz_ready_ms": found.get("quizReady"),
                         "maps_drawn_ms": found.get("mapsDrawn"),
                         "seen_by_the_test_ms": round(waited)}
    (lab.ROOT / "artifacts" / "site_timings.json").write_text(json.dumps(timings, indent=1))
    print(json.dumps(timings, indent=1))
    assert all(t["quiz_ready_ms"] and t["quiz_ready_ms"] < 15_000 for t in timings.values())
    assert problems == []


# --- the quiz with no kernel ---------------------------------------------------------------


def date_words(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def answers_for(question, shown: dict) -> tuple[object, object]:
    """(a wrong answer, the right answer) of one question, as the page's controls take them.
    ``shown`` is the question as the page's quiz data has it (options in the page's order)."""
    kind = question.kind
    right = question.correct_answer()
    if kind == "single":
        return next(o["value"] for o in shown["options"] if o["value"] != right), right
    if kind == "multi":
        return [next(o["value"] for o in shown["options"] if o["value"] not in right)], right
    if kind == "truefalse":
        return ("false" if right else "true"), ("true" if right else "false")
    if kind == "numeric":
        return format_number(right * 3 + 1000), format_number(right)
    if kind == "date":
        year = int(question.answer[:4]) + 3
        return date_words(f"{year}{question.answer[4:]}"), date_words(question.answer)
    if kind == "order":
        return list(reversed(right)), list(right)
    if kind == "match":
        lefts = list(right)
        rights = [right[left] for left in lefts]
        return dict(zip(lefts, rights[1:] + rights[:1])), dict(right)
    if kind == "map":
        return next(p for p in question.places if p != right), right
    raise AssertionError(f"no answers for {kind}")


def enter(box, kind: str, answer) -> None:
    """Put ``answer`` in the controls of one question (mouse and typing, as a student)."""
    if kind in ("single", "truefalse"):
        for radio in box.locator("input[type=radio]").all():
            if radio.get_attribute("value") == str(answer):
                radio.check()
    elif kind == "multi":
        for tick in box.locator("input[type=checkbox]").all():
            tick.set_checked(tick.get_attribute("value") in answer)
    elif kind in ("numeric", "date"):
        box.locator("input.mq-text").fill(str(answer))
    elif kind == "order":
        for select, item in zip(box.locator(".mq-order select").all(), answer):
            select.select_option(value=item)
    elif kind == "match":
        for label, select in zip(box.locator("label.mq-left").all(),
                                 box.locator(".mq-pairs select").all()):
            select.select_option(value=answer[label.inner_text().strip()])
    elif kind == "map":
        box.locator("select.mq-select").select_option(value=answer)


def check(box, expect: str) -> str:
    box.locator("button.mq-check").click()
    status = box.locator(".mq-status")
    status.get_by_text(re.compile(re.escape(expect))).wait_for(timeout=lab.FEEDBACK_MS)
    return status.inner_text()


def test_every_type_wrong_then_right_with_no_kernel_then_export(offline_page, site, tmp_path):
    page, problems = offline_page
    page.context.set_default_timeout(lab.FEEDBACK_MS)
    words = lab.quiz_words()
    open_and_wait(page, page_url("file", QUIZ_LESSON))
    bank = load_bank(QUIZ_LESSON)
    data = json.loads(page.locator(f"script[id^='quiz-data-{QUIZ_LESSON}']").text_content())
    shown = {q["id"]: q for q in data["questions"]}
    first_of_kind: dict[str, str] = {}
    for question in bank.questions:
        first_of_kind.setdefault(question.kind, question.id)
    assert sorted(first_of_kind) == sorted(
        ["single", "multi", "truefalse", "numeric", "date", "order", "match", "map"])

    # a hint, before any answer
    hinted = next(q for q in bank.questions if q.hint)
    box = page.locator(f'fieldset.mq-question[data-question="{hinted.id}"]')
    box.locator("button.mq-hint-button").click()
    assert plain(hinted.hint) in plain(box.locator(".mq-hint").inner_text())

    for kind, qid in first_of_kind.items():
        question = bank.question(qid)
        box = page.locator(f'fieldset.mq-question[data-question="{qid}"]')
        box.scroll_into_view_if_needed()
        wrong, right = answers_for(question, shown[qid])
        enter(box, kind, wrong)
        assert words["wrong"] in check(box, words["wrong"]), qid
        enter(box, kind, right)
        assert words["right"] in check(box, words["right"]), qid
        assert box.get_attribute("data-state") == "right", qid

    # "Show answer" after two wrong tries, on a question not answered yet
    other = next(q for q in bank.questions if q.kind == "single"
                 and q.id not in first_of_kind.values() and len(q.options) >= 3)
    box = page.locator(f'fieldset.mq-question[data-question="{other.id}"]')
    assert not box.locator("button.mq-reveal").is_visible()
    wrongs = [o["value"] for o in shown[other.id]["options"] if o["value"] != other.answer]
    for n, wrong in enumerate(wrongs[:2]):
        enter(box, "single", wrong)
        check(box, words["wrong"])
        assert box.locator("button.mq-reveal").is_visible() == (n == 1)
    box.locator("button.mq-reveal").click()
    box.get_by_text(re.compile(re.escape(msg("feedback_revealed", answer="\x00")
                                         .split("\x00")[0]))).first.wait_for()

    # everything comes back after a reload, from localStorage
    page.reload()
    page.wait_for_function(WAIT_DRAWN, timeout=lab.PAGE_LOAD_MS)
    for qid in first_of_kind.values():
        box = page.locator(f'fieldset.mq-question[data-question="{qid}"]')
        assert box.get_attribute("data-state") == "right", qid
        assert words["right"] in box.locator(".mq-status").inner_text(), qid
    assert page.locator(f'fieldset.mq-question[data-question="{other.id}"]'
                        ).get_attribute("data-state") == "shown"

    # Export my results: the file collect reads
    name = "Amina Traoré"
    page.locator("[data-site-results-name]").fill(name)
    with page.expect_download() as download:
        page.locator("[data-site-results-export]").click()
    folder = tmp_path / "handed_in"
    folder.mkdir()
    target = folder / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == f"results-{student_file_part(name)}.json"
    assert target.name in page.locator("[data-site-results-status]").inner_text()
    document = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(document["lessons"]) == list_lessons()
    assert document["lessons"][QUIZ_LESSON]["score"] == {
        "right": len(first_of_kind), "answered": len(first_of_kind) + 1,
        "total": len(bank.questions)}
    summary = collect_results(folder, out_dir=tmp_path / "summary")
    assert summary.skipped == [] and summary.students == 1, summary.skipped
    rows = summary.table.set_index("question")
    for qid in first_of_kind.values():
        assert rows.loc[qid, "right"] == 1 and rows.loc[qid, "answered"] == 1, qid
        assert rows.loc[qid, "common_wrong"], qid  # the wrong try, in words
    assert rows.loc[other.id, "answer_shown"] == 1 and rows.loc[other.id, "right"] == 0
    assert problems == []


def test_file_names_follow_the_python_rule(offline_page, site):
    page, problems = offline_page
    open_and_wait(page, page_url("file", "index"))
    for name in ["Amina Traoré", "Amina Traor", "  Moussa   Keïta ", "Игорь", "محمد", "李雷",
                 "Straße", "O'Neil-Diallo", "x" * 70]:
        assert page.evaluate("n => window.MaliSite.studentFilePart(n)", name) == \
            student_file_part(name), name
    assert problems == []


# --- keyboard and axe-core -----------------------------------------------------------------


def _demo_site(tmp_path: Path) -> Path:
    """A one-page site made by build_site from a notebook that shows the demo quiz (one
    question of every type, tests/quiz_testdata.py): the page the keyboard walk expects."""
    data_dir = make_data_dir(tmp_path / "demo")
    notebook = tmp_path / "99_demo.ipynb"
    notebook.write_text(json.dumps({
        "cells": [
            {"cell_type": "markdown", "id": "t", "metadata": {}, "source": "# 99 · Demo"},
            {"cell_type": "code", "id": "q", "metadata": {}, "execution_count": None,
             "outputs": [], "source": "from mali_lessons.quiz import Quiz\n"
                                      f"Quiz.from_bank('demo', data_dir={str(data_dir)!r}).show()"},
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    out = tmp_path / "site"
    build_site(out, notebooks=[notebook], log=lambda line: None)
    return out / "en" / "99_demo.html"


def _axe(page, context: str | None = None) -> list[str]:
    if axe_audit.axe_script() is None:
        if lab.in_ci():
            pytest.fail(f"axe-core is not installed: {axe_audit.AXE_HINT}")
        pytest.skip(f"axe-core is not installed: {axe_audit.AXE_HINT}")
    # preload off: axe would fetch the stylesheets again, which a file:// page may not do
    found = axe_audit.run_axe(page, context=context, ours=("body",), options={"preload": False})
    return [v.line() for v in axe_audit.serious(found)]


def test_the_keyboard_walk_passes_on_a_site_page(offline_page, site, tmp_path,
                                                 browser_artifacts):
    from test_quiz_browser import words

    page, problems = offline_page
    demo = _demo_site(tmp_path)
    open_and_wait(page, demo.as_uri())
    audit = _axe(page)
    walk = quiz_keys.keyboard_walk(page, "main", words(), browser_artifacts, prefix="site_")
    audit += _axe(page)
    assert not walk.problems, "\n".join(walk.problems)
    assert not audit, "axe-core:\n" + "\n".join(audit)
    page.reload()
    page.wait_for_function(WAIT_DRAWN, timeout=lab.PAGE_LOAD_MS)
    assert page.locator("fieldset.mq-question[data-state=right]").count() == 9
    assert problems == []


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_nothing_serious_on_the_site(offline_page, site, name):
    page, problems = offline_page
    open_and_wait(page, page_url("file", name))
    audit = _axe(page)
    assert not audit, "axe-core:\n" + "\n".join(audit)
    assert problems == []


def test_the_bases_slider_moves_with_the_arrow_keys(offline_page, site):
    page, problems = offline_page
    open_and_wait(page, page_url("file", "04_withdrawal"))
    slider = page.locator("[data-site-slider]")
    control = slider.get_by_label("Date shown on the map")
    labels = slider.locator("template[data-site-frame]").evaluate_all(
        "ts => ts.map(t => t.dataset.label)")
    control.focus()
    titles = [slider.locator("[data-site-slider-view] .ml-legend h2").inner_text()]
    for step in (1, 2):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "([box, n]) => box.dataset.siteFrameShown === String(n) && "
            "box.querySelector('[data-site-slider-view] .folium-map').dataset.mlPlaced",
            arg=[slider.element_handle(), step], timeout=lab.MAP_DRAW_MS)
        assert slider.locator("output").inner_text() == labels[step]
        assert control.get_attribute("aria-valuetext") == labels[step]
        titles.append(slider.locator("[data-site-slider-view] .ml-legend h2").inner_text())
        assert titles[-1] != titles[-2], "the map of the new date is drawn"
    page.keyboard.press("End")
    page.wait_for_function("box => box.dataset.siteFrameShown === String(%d)"
                           % (len(labels) - 1), arg=slider.element_handle())
    assert slider.locator("[data-site-slider-view] .site-map").count() == 1
    assert problems == []


# --- the handouts ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def handouts(site):
    if shutil.which("pdftotext") is None:
        message = "pdftotext is needed: sudo apt-get install poppler-utils"
        if lab.in_ci():
            pytest.fail(message)
        pytest.skip(message)
    # As `make handouts` does it, in a process of its own: this one already drives a
    # Chromium through Playwright's sync API, which cannot run twice in one thread.
    done = subprocess.run([sys.executable, "-m", "mali_lessons.site", "handouts", "--site",
                           str(SITE), "--out", str(HANDOUTS)], capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return {name: int(pages) for name, pages in
            re.findall(r"^  (\S+\.pdf): (\d+) pages?$", done.stdout, re.MULTILINE)}


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return plain(text)


def pdf_pages_text(path: Path) -> list[str]:
    """The text of each page (pdftotext writes a form feed between pages)."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [plain(page) for page in text.split("\f")]


def questions_part(pages: list[str], title: str, prompts: list[str]) -> str:
    """The worksheet's questions: from the page headed "Questions: <title>" to the page of
    the last question (print.css starts and ends them on pages of their own). The lesson's
    prose around them may discuss the answers; the questions must not give them."""
    heading = plain(f"Questions: {title}")
    first = next(n for n, page in enumerate(pages) if heading in page)
    last = max(n for n, page in enumerate(pages) if plain(prompts[-1])[:60] in page)
    return " ".join(pages[first:last + 1])


def plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("lesson", list_lessons())
def test_the_worksheet_asks_every_question_and_the_key_answers_it(handouts, lesson):
    from mali_lessons.site.quiz_parts import key_questions

    worksheet = HANDOUTS / f"{lesson}-worksheet.pdf"
    key = HANDOUTS / f"{lesson}-answers.pdf"
    assert handouts[worksheet.name] >= 1 and handouts[key.name] >= 1
    bank = load_bank(lesson)
    answers = pdf_text(key)
    sheet = questions_part(pdf_pages_text(worksheet), bank.title,
                           [q.prompt for q in bank.questions])
    for q in bank.questions:
        assert plain(q.prompt) in sheet, (lesson, q.id, "prompt missing from the worksheet")
        assert plain(q.explanation)[:70] not in sheet, (lesson, q.id, "explanation printed")
        if q.hint:
            assert plain(q.hint)[:70] not in sheet, (lesson, q.id, "hint printed")
        assert plain(q.prompt) in answers, (lesson, q.id)
        assert plain(q.explanation)[:70] in answers, (lesson, q.id)
    for label in (msg("key_answer"), msg("key_why"), msg("static_show_answer")):
        assert label not in sheet, (lesson, label)
    page_html = (SITE / "en" / f"{lesson}.html").read_text(encoding="utf-8")
    data = json.loads(re.search(rf'id="quiz-data-{lesson}-\d+">(.*?)</script>', page_html,
                                re.DOTALL)[1])
    for row in key_questions(data, bank):
        assert plain(f"{msg('key_answer')} {row['answer']}") in answers, (lesson, row["number"])


def test_every_map_is_pictured_in_the_worksheets(handouts):
    pictures = sorted(p.name for p in (HANDOUTS / "images").glob("*.png"))
    for lesson in LESSONS:
        page_html = (SITE / "en" / f"{lesson}.html").read_text(encoding="utf-8")
        figures = page_html.count("data-site-map-figure")
        assert len([p for p in pictures if p.startswith(lesson + "-")]) == figures, lesson
