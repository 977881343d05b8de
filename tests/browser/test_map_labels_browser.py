"""No label on top of another: every map the lessons show, measured in headless Chromium.

For each map (every builder in ``maps.BUILDERS`` with its defaults, and every map call a
lesson notebook makes, with its arguments), at the zoom the map opens with and in two window
sizes (a wide browser window and a notebook's output), the test reads the on-screen box of
every text label the label script shows, of every circle marker and of every control
(legend, layer box, zoom buttons, scale), and fails when

* a label overlaps another label, a marker or a control;
* two markers overlap (unless one rings the other, as a base ring around its town);
* a label that must show (towns, bases, coup dates) was hidden for lack of room.

The Timbuktu close-up is also checked zoomed in on the old town, where every heritage site
must be shown. A screenshot of each map is saved in artifacts/screenshots/.
"""

from __future__ import annotations

import ast
import json
import math
import re
from pathlib import Path

import pytest

from mali_lessons import maps

from lab import ROOT

#: (name, width, height): a wide browser window and the size of a map in a notebook.
VIEWPORTS = [("wide", 1100, 720), ("notebook", 900, 540)]

MEASURE_JS = """() => {
  const shown = el => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden') return false;
    }
    return true;
  };
  const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const labels = [], missing = [];
  const controls = [...document.querySelectorAll('.leaflet-control')]
    .filter(el => shown(el) && el.getBoundingClientRect().width > 0)
    .map(el => ({name: el.className, box: box(el)}));
  document.querySelectorAll('.ml-label').forEach(el => {
    const icon = el.closest('.leaflet-marker-icon');
    if (el.dataset.mlShown === 'yes' && shown(el)) labels.push({text: el.textContent, box: box(el)});
    else if (el.dataset.mlShown === 'no' && el.hasAttribute('data-ml-required') && icon &&
             shown(icon)) missing.push(el.textContent);
  });
  const markers = [...document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive')]
    .filter(shown).map(el => ({box: box(el)}));
  // other markers (a quiz map's numbered discs) are boxes that no label may cover
  document.querySelectorAll('.leaflet-marker-icon:not(.ml-label-icon)').forEach(el => {
    if (shown(el)) controls.push({name: 'marker ' + el.textContent, box: box(el)});
  });

  const container = document.querySelector('.leaflet-container');
  return {labels, missing, markers, controls,
          hiddenPoints: Number(container.dataset.mlHiddenPoints || 0),
          placed: Number(container.dataset.mlPlaced || 0)};
}"""

TOLERANCE = 0.5  # pixels: boxes that only touch do not overlap


def boxes_overlap(a: dict, b: dict) -> bool:
    return (a["left"] < b["right"] - TOLERANCE and b["left"] < a["right"] - TOLERANCE
            and a["top"] < b["bottom"] - TOLERANCE and b["top"] < a["bottom"] - TOLERANCE)


def circle(marker: dict) -> tuple[float, float, float]:
    b = marker["box"]
    return (b["left"] + b["right"]) / 2, (b["top"] + b["bottom"]) / 2, (b["right"] - b["left"]) / 2


def circle_meets_box(c: tuple[float, float, float], b: dict) -> bool:
    x, y, r = c
    nearest_x = min(max(x, b["left"]), b["right"])
    nearest_y = min(max(y, b["top"]), b["bottom"])
    return math.hypot(x - nearest_x, y - nearest_y) < r - TOLERANCE


def circles_overlap(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    distance = math.hypot(a[0] - b[0], a[1] - b[1])
    if distance < 0.5:  # the same spot: a ring drawn around its place
        return False
    small, big = sorted((a[2], b[2]))
    return distance < a[2] + b[2] - TOLERANCE and distance + small > big + TOLERANCE


def problems(measured: dict) -> list[str]:
    """Every overlap on the page, in words."""
    found = []
    labels, markers, controls = measured["labels"], measured["markers"], measured["controls"]
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if boxes_overlap(a["box"], b["box"]):
                found.append(f"label {a['text']!r} overlaps label {b['text']!r}")
        for m in markers:
            if circle_meets_box(circle(m), a["box"]):
                found.append(f"label {a['text']!r} overlaps a marker at {circle(m)[:2]}")
        for c in controls:
            if boxes_overlap(a["box"], c["box"]):
                found.append(f"label {a['text']!r} is under the control {c['name']!r}")
    circles = [circle(m) for m in markers]
    for i, a in enumerate(circles):
        for b in circles[i + 1:]:
            if circles_overlap(a, b):
                found.append(f"markers at {a[:2]} and {b[:2]} overlap")
    found += [f"label {text!r} must show but found no room" for text in measured["missing"]]
    return found


def _literal(node: ast.AST):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def lesson_map_calls() -> list[tuple[str, str, dict]]:
    """Every map call in the lesson notebooks: ``maps.<name>_map(...)``, or a ``*_map``
    function imported from a ``mali_lessons.maps*`` module (such as lesson 07's
    ``mali_lessons.maps.since_2024``), as (module, function, literal keyword arguments)."""
    calls = []
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        imported: dict[str, str] = {"maps": "mali_lessons.maps"}
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            try:
                tree = ast.parse("\n".join(l for l in source.splitlines()
                                           if not l.lstrip().startswith(("%", "!"))))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                        "mali_lessons.maps"):
                    imported.update({a.asname or a.name: node.module for a in node.names})
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                kwargs = {k.arg: _literal(k.value) for k in node.keywords if k.arg}
                func = node.func
                if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                        and func.value.id == "maps" and func.attr.endswith("_map")):
                    calls.append(("mali_lessons.maps", func.attr, kwargs))
                elif (isinstance(func, ast.Name) and func.id.endswith("_map")
                      and func.id in imported):
                    calls.append((imported[func.id], func.id, kwargs))
    return calls


def maps_to_check() -> list[tuple[str, str, str, dict]]:
    """(id, module, function, keyword arguments): each builder of ``maps.BUILDERS`` with
    its defaults, then each distinct call that a lesson makes."""
    by_function = {builder.__name__: name for name, builder in maps.BUILDERS.items()}
    cases = [(name, "mali_lessons.maps", builder.__name__, {})
             for name, builder in maps.BUILDERS.items()]
    for module, function, kwargs in lesson_map_calls():
        short = by_function.get(function, function)
        case_id = "-".join([short] + [re.sub(r"\W+", "", str(v)) for v in kwargs.values()])
        if case_id not in {c[0] for c in cases}:
            cases.append((case_id, module, function, kwargs))
    return cases


def quiz_maps() -> list[tuple[str, list[str]]]:
    """(question id, place ids) of every map question in the quiz banks."""
    import yaml

    found = []
    for bank in sorted((ROOT / "data" / "quizzes").glob("*.yaml")):
        for question in yaml.safe_load(bank.read_text(encoding="utf-8")).get("questions", []):
            if question.get("type") == "map":
                found.append((f"{bank.stem}-{question['id']}", list(question["places"])))
    return found


CASES = maps_to_check()
QUIZ_MAPS = quiz_maps()


def open_map(page, m, path: Path, width: int, height: int) -> None:
    m.save(str(path))
    page.set_viewport_size({"width": width, "height": height})
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-container")
    page.wait_for_function("Number(document.querySelector('.leaflet-container')"
                           ".dataset.mlPlaced || 0) >= 2")
    page.wait_for_timeout(150)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=[v[0] for v in VIEWPORTS])
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_no_label_overlaps_at_the_opening_zoom(case, viewport, offline_page, screenshots,
                                               tmp_path):
    page, errors = offline_page
    import importlib

    case_id, module, function, kwargs = case
    view, width, height = viewport
    m = getattr(importlib.import_module(module), function)(**kwargs)
    open_map(page, m, tmp_path / f"{case_id}.html", width, height)
    page.screenshot(path=str(screenshots / f"labels_{case_id}_{view}.png"))
    measured = page.evaluate(MEASURE_JS)
    assert measured["labels"], "no label was placed"
    assert problems(measured) == [], case_id
    assert errors == []


@pytest.mark.parametrize("question", QUIZ_MAPS, ids=[q[0] for q in QUIZ_MAPS])
def test_quiz_maps_have_no_overlaps(question, offline_page, screenshots, tmp_path):
    """A map question's numbered discs stay apart, and no country name covers one."""
    from mali_lessons.quiz.map_question import numbered_places_map

    page, errors = offline_page
    question_id, places = question
    open_map(page, numbered_places_map(places), tmp_path / "quiz.html", 900, 540)
    page.screenshot(path=str(screenshots / f"labels_quiz_{question_id}.png"))
    measured = page.evaluate(MEASURE_JS)
    discs = [c for c in measured["controls"] if c["name"].startswith("marker")]
    assert len(discs) == len(places)
    overlapping = [(a["name"], b["name"]) for i, a in enumerate(discs) for b in discs[i + 1:]
                   if boxes_overlap(a["box"], b["box"])]
    assert overlapping == []
    assert problems(measured) == []
    assert errors == []


def test_timbuktu_zoomed_in_shows_every_site_without_overlaps(offline_page, screenshots,
                                                                tmp_path):
    """Zoomed in on the old town, every heritage point is shown and nothing overlaps."""
    page, errors = offline_page
    m = maps.timbuktu_map()
    open_map(page, m, tmp_path / "timbuktu.html", 1100, 720)
    name = m.get_name()
    for step, zoom_in in enumerate((1.5, 2.5)):
        page.evaluate(f"() => {{ const m = window[{name!r}]; "
                      f"m.setView([16.7745, -3.0075], m.getZoom() + {zoom_in}, "
                      "{animate: false}); }")
        page.wait_for_timeout(400)
        page.screenshot(path=str(screenshots / f"labels_timbuktu_zoom{step + 1}.png"))
        measured = page.evaluate(MEASURE_JS)
        assert problems(measured) == [], f"zoomed in by {zoom_in}"
    assert measured["hiddenPoints"] == 0, "zoomed in, every heritage site should show"
    assert errors == []


def test_problems_finds_overlaps():
    """The checker itself: two labels on top of each other, a label on a marker, two markers."""
    label = {"left": 0, "top": 0, "right": 50, "bottom": 12}
    measured = {
        "labels": [{"text": "A", "box": label},
                   {"text": "B", "box": {**label, "left": 40, "right": 90}}],
        "markers": [{"box": {"left": 52, "top": 0, "right": 62, "bottom": 10}},
                    {"box": {"left": 100, "top": 0, "right": 110, "bottom": 10}},
                    {"box": {"left": 105, "top": 0, "right": 115, "bottom": 10}},
                    # a ring around the first of them: not an overlap
                    {"box": {"left": 97, "top": -3, "right": 113, "bottom": 13}}],
        "controls": [], "missing": ["C"],
    }
    found = problems(measured)
    assert any("'A' overlaps label 'B'" in p for p in found)
    assert any("'B' overlaps a marker" in p for p in found)
    assert any("markers at (105.0, 5.0) and (110.0, 5.0)" in p for p in found)
    assert any("'C' must show" in p for p in found)
    assert not any("(100" in p or "(105.0, 5.0) and (105.0" in p for p in found)
