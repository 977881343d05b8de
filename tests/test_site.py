"""The static site (``make site``), read as files: what every page holds and links.

The site is built once for the whole test session into ``artifacts/site`` (every lesson runs,
about two minutes) and reused while nothing it is made from changes (its digest); the browser
tests (tests/browser/test_site_browser.py) open the same build. Building twice at once (two
pytest workers) waits on a lock, so it happens once.
"""

from __future__ import annotations

import ast
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import folium
import pytest
from branca.element import Element

from paths import NOTEBOOKS, ROOT

from mali_lessons.quiz.model import list_lessons, load_bank
from mali_lessons.site.build import (BUDGET_BYTES, SiteBuildError, build_site, folder_size,
                                     lesson_notebooks, slider_dates)
from mali_lessons.site.map_html import MapPartsError, map_parts, script_safe

SITE = ROOT / "artifacts" / "site"
LESSONS = lesson_notebooks(NOTEBOOKS)


@pytest.fixture(scope="session")
def site():
    """The site, built once (or reused when nothing it is made from changed)."""
    return build_site(SITE, only_if_changed=True, log=lambda line: None)


def page_of(notebook: Path) -> Path:
    return SITE / "en" / f"{notebook.stem}.html"


def code_cells(notebook: Path) -> list[str]:
    content = json.loads(notebook.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in content["cells"] if c["cell_type"] == "code"]


def called(notebook: Path) -> list[tuple[str, ast.Call]]:
    """(function name, call) for every call in the notebook's code cells."""
    found = []
    for source in code_cells(notebook):
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                found.append((name, node))
    return found


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, outside <template> too (the slider's
    frames are templates), plus the text outside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def all_pages() -> list[Path]:
    return [SITE / "index.html"] + [page_of(nb) for nb in LESSONS]


# ---------------------------------------------------------------------------------------------


def test_every_lesson_has_a_page_and_the_index_lists_it(site):
    from mali_lessons.data import load_edition

    assert not site.notes, site.notes
    index = (SITE / "index.html").read_text(encoding="utf-8")
    assert f"Facts checked up to {load_edition().checked_up_to()}." in index
    for notebook in LESSONS:
        assert page_of(notebook).is_file(), notebook.name
        assert f'href="en/{notebook.stem}.html"' in index, notebook.name


def test_pages_link_only_files_of_the_site(site):
    """No page loads anything from the web: scripts, styles, images and frames are files of
    the site (relative paths) or data: URLs. Links to sources (<a href>) are not loads."""
    loads = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
             "embed": "src", "object": "data", "audio": "src", "video": "src"}
    for page in all_pages():
        for tag, attrs in parse(page).tags:
            assert tag != "iframe", f"{page.name}: an iframe (maps are drawn in the page)"
            target = attrs.get(loads.get(tag, ""), "")
            if target:
                assert target.startswith("data:") or not re.match(r"^([a-z]+:)?//", target), \
                    f"{page.name}: <{tag}> loads {target}"
                if not target.startswith("data:"):
                    assert (page.parent / target).resolve().is_file(), \
                        f"{page.name}: <{tag}> loads {target}, which is not in the site"
    for css in (SITE / "assets").rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text, css
        for url in re.findall(r"url\(([^)]*)\)", text):
            url = url.strip("'\"")
            assert url.startswith(("data:", "#")) or (css.parent / url).resolve().is_file(), \
                f"{css.name} needs {url}"


def test_the_code_is_hidden(site):
    for notebook in LESSONS:
        html = page_of(notebook).read_text(encoding="utf-8")
        assert "jp-InputArea" not in html and "highlight-ipynb" not in html, notebook.name
        for source in code_cells(notebook):
            first = source.strip().splitlines()[0]
            if len(first) > 15:
                assert first not in html, f"{notebook.name} shows its code: {first}"


def test_leaflet_is_linked_once_and_every_map_is_in_the_page(site):
    leaflet_start = (SITE / "assets" / "leaflet" / "leaflet.js").read_text(
        encoding="utf-8")[:400]
    for notebook in LESSONS:
        html = page_of(notebook).read_text(encoding="utf-8")
        tags = parse(page_of(notebook)).tags
        names = [name for name, _ in called(notebook)]
        maps = sum(1 for n in names if n.endswith("_map") and n != "map_table")
        sliders = names.count("bases_slider")
        scripts = [a["src"] for t, a in tags if t == "script" and a.get("src")]
        assert leaflet_start not in html, f"{notebook.name} carries its own copy of Leaflet"
        if maps or sliders:
            assert scripts.count("../assets/leaflet/leaflet.js") == 1, notebook.name
        else:
            assert "../assets/leaflet/leaflet.js" not in scripts, notebook.name
        figures = html.count("data-site-map-figure")  # frames of the slider included
        frames = len(slider_dates()) if sliders else 0
        assert figures == maps + frames, (notebook.name, figures, maps, frames)


def test_the_bases_slider_is_a_range_input_with_a_frame_per_date(site):
    html = page_of(NOTEBOOKS / "04_withdrawal.ipynb").read_text(encoding="utf-8")
    dates = slider_dates()
    assert len(dates) > 5
    found = re.search(r'<label for="([\w-]+)">Date shown on the map</label>\s*'
                      r'<input type="range" id="\1" min="0" max="(\d+)"', html)
    assert found, "the slider's range input with its label"
    assert int(found[2]) == len(dates) - 1
    for n, (label, _day) in enumerate(dates):
        assert f'<template data-site-frame="{n}" data-label="{label}">' in html


def test_every_quiz_is_on_its_page_with_all_its_questions(site):
    for notebook in LESSONS:
        html = page_of(notebook).read_text(encoding="utf-8")
        lessons = [ast.literal_eval(call.args[0]) for name, call in called(notebook)
                   if name == "from_bank"]
        for lesson in lessons:
            assert f'data-site-quiz="{lesson}"' in html, (notebook.name, lesson)
            found = re.search(rf'<script type="application/json" id="quiz-data-{lesson}-\d+">'
                              r"(.*?)</script>", html, re.DOTALL)
            data = json.loads(found[1])
            bank = load_bank(lesson)
            assert [q["id"] for q in data["questions"]] == [q.id for q in bank.questions]
            assert data["records"] == {} and data["settings"]["teacherMode"] is False
        if lessons:
            assert len(re.findall(r'^<script type="module">$', html, re.MULTILINE)) == 1, \
                notebook.name
            assert "window.MaliSite.mountQuizzes({ mountQuiz, localStore });" in html


def test_nothing_is_left_that_needs_a_kernel(site):
    for notebook in LESSONS:
        html = page_of(notebook).read_text(encoding="utf-8")
        assert "widget-view+json" not in html, notebook.name
        assert "needs Python running" not in html, notebook.name
        assert not re.search(r'<div class="site-cell site-output">\s*</div>', html), \
            f"{notebook.name}: an empty output box"
        assert "mali-lessons-site" not in html  # no leftover of kernel_display's MIME types


def test_the_site_is_within_its_budget(site):
    assert folder_size(SITE) <= BUDGET_BYTES
    for page in all_pages():
        assert page.stat().st_size < 2_500_000, f"{page.name} is {page.stat().st_size} bytes"


def test_the_worksheet_asks_every_question_and_gives_no_answer(site):
    for lesson in list_lessons():
        page = SITE / "en" / f"{lesson}.html"
        if not page.exists():
            continue
        page_html = page.read_text(encoding="utf-8")
        sheet = re.search(rf'<section class="site-worksheet print-only" '
                          rf'data-site-worksheet="{lesson}">(.*?)</section>', page_html, re.DOTALL)
        assert sheet, lesson
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", sheet[1])).split())
        for q in load_bank(lesson).questions:
            assert " ".join(q.prompt.split()) in text, (lesson, q.id)
            assert " ".join(q.explanation.split())[:60] not in text, (lesson, q.id)
            if q.hint:
                assert " ".join(q.hint.split())[:60] not in text, (lesson, q.id)


def test_the_results_list_names_every_question_of_every_lesson(site):
    text = (SITE / "assets" / "lessons.js").read_text(encoding="utf-8")
    manifest = json.loads(text.split("window.MaliSiteLessons = ", 1)[1].rstrip().rstrip(";"))
    assert [x["lesson"] for x in manifest["lessons"]] == list_lessons()
    for entry in manifest["lessons"]:
        bank = load_bank(entry["lesson"])
        assert [(q["id"], q["type"], q["prompt"]) for q in entry["questions"]] == \
            [(q.id, q.kind, q.prompt) for q in bank.questions]


def test_the_slider_dates_are_the_notebook_slider_dates():
    from mali_lessons.maps.bases import bases_with_places

    handovers = sorted(set(bases_with_places(None)["closed"].dropna()))
    days = [day for _label, day in slider_dates()]
    assert days[1:] == handovers and days[0] < handovers[0]


# --- the parts, one by one --------------------------------------------------------------------


def test_a_map_is_taken_apart_without_its_leaflet():
    from mali_lessons import maps

    parts = map_parts(maps.overview_map())
    assert 'class="folium-map"' in parts.html and "ml-sr-only" in parts.html
    assert parts.script.startswith("(function () {") and "L.map(" in parts.script
    assert "leaflet-pane" not in parts.script + parts.html  # no inlined Leaflet


def test_a_map_with_unknown_page_parts_stops_the_build():
    m = folium.Map(tiles=None)
    m.get_root().header.add_child(Element("<style>body{}</style>"), name="mystery")
    with pytest.raises(MapPartsError, match="mystery"):
        map_parts(m)


def test_script_safe_keeps_the_script_element_whole():
    assert script_safe('x = "</script>"; // </SCRIPT') == 'x = "<\\/script>"; // <\\/SCRIPT'


def test_a_lesson_that_fails_names_itself(tmp_path):
    notebook = tmp_path / "99_broken.ipynb"
    notebook.write_text(json.dumps({
        "cells": [{"cell_type": "code", "id": "c", "metadata": {}, "execution_count": None,
                   "outputs": [], "source": "1 / 0"}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    with pytest.raises(SiteBuildError, match="99_broken.ipynb"):
        build_site(tmp_path / "site", notebooks=[notebook], log=lambda line: None)


def test_the_readme_says_how_to_use_the_site_and_what_replaces_the_html_export():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The lessons without Python", 1)[1].split("\n## ", 1)[0]
    for words in ("make site", "make handouts", "file://", "python3 -m http.server",
                  "nbconvert", "Export my results", "collect"):
        assert words in section, words
