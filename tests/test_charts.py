"""Charts draw from data/, describe themselves in words, and change when the data changes."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from mali_lessons import charts, data

from paths import DATA

BUILDERS = [charts.timeline_chart, charts.fatalities_chart, charts.strength_chart,
            charts.handovers_chart, charts.coups_chart]


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
def test_chart_is_an_image_with_alt_text_and_its_table(build) -> None:
    chart = build()
    assert chart.png().startswith(b"\x89PNG")
    assert b"<svg" in chart.svg()[:500]
    assert len(chart.table) > 0
    assert len(chart.alt) > 40
    page = chart._repr_html_()
    assert page.count("<img") == 1 and 'alt="' in page and "<figcaption" in page


def test_fatalities_chart_names_the_leaders_from_the_data() -> None:
    missions = data.load_missions()
    most = missions.loc[missions["fatalities_total"].idxmax()]
    worst = missions.loc[missions["fatalities_hostile"].astype(float).idxmax()]
    chart = charts.fatalities_chart()
    assert f"{most['acronym']} has the most deaths from all causes ({most['fatalities_total']}" in chart.alt
    assert f"{worst['acronym']} has the most from hostile acts" in chart.alt
    assert list(chart.table["fatalities_total"]) == sorted(missions["fatalities_total"], reverse=True)


def test_handovers_chart_lists_sites_still_open_after_the_deadline() -> None:
    chart = charts.handovers_chart()
    bases = data.load_bases()
    late = bases[bases["closed"].isna() | (bases["closed"] > "2023-12-31")]["name"]
    assert set(late) and all(name in chart.alt for name in late)


def test_timeline_chart_keeps_only_the_dates_asked_for() -> None:
    chart = charts.timeline_chart("2012", "2012-12-31")
    assert chart.table["date"].dt.year.eq(2012).all()


def test_alt_text_follows_the_data(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("quizzes", "geo"))
    path = folder / "missions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows[-1]["fatalities_total"] = "9999"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    chart = charts.fatalities_chart(data_dir=folder)
    assert f"{rows[-1]['acronym']} has the most deaths from all causes (9999" in chart.alt


def test_chart_saves_a_png_file(tmp_path: Path) -> None:
    path = charts.coups_chart("2020").save(tmp_path / "coups.png")
    assert path.read_bytes().startswith(b"\x89PNG")


# ------------------------------------------------------------ labels, tables, palette


def _text_boxes(chart):
    """The on-screen boxes of the chart's labels (annotations) and of its dots, in pixels."""
    import matplotlib.text
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(chart.draw())
    canvas.draw()
    renderer = canvas.get_renderer()
    axes = chart.draw().axes[0]
    labels = [matplotlib.text.Text.get_window_extent(t, renderer)
              for t in axes.texts if t.get_text()]
    dots = []
    for collection in axes.collections:
        for x, y in collection.get_offsets():
            px, py = axes.transData.transform((x, y))
            dots.append((px, py))
    return labels, dots


def test_timeline_labels_the_events_asked_for_without_overlaps() -> None:
    ids = ["withdrawal_requested", "withdrawal_completed", "liquidation_ends"]
    chart = charts.timeline_chart("2023-06-01", "2024-11-30", label=ids)
    events = data.load_events().set_index("id")
    assert chart.table["labelled"].sum() == len(ids)
    svg = chart.svg().decode("utf-8")
    for event_id in ids:
        assert events.loc[event_id, "title"] in svg
        assert events.loc[event_id, "title"] in chart.alt  # the alt text names them too
    labels, dots = _text_boxes(chart)
    assert len(labels) == len(ids)
    radius = 5.0 * chart.draw().dpi / 72
    for i, box in enumerate(labels):
        for other in labels[i + 1:]:
            assert not box.overlaps(other)
        for x, y in dots:
            nearest = (min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1))
            assert (nearest[0] - x) ** 2 + (nearest[1] - y) ** 2 >= (radius - 1) ** 2


def test_timeline_table_is_in_date_order_and_names_unknown_ids() -> None:
    chart = charts.timeline_chart()
    assert chart.table["date"].is_monotonic_increasing
    with pytest.raises(KeyError, match="no_such_event"):
        charts.timeline_chart(label=["no_such_event"])


def _timeline_calls() -> list[tuple[str, str]]:
    """(notebook, code) of every timeline_chart call with labels in the lessons."""
    import ast
    import json

    calls = []
    for notebook in sorted((DATA.parent / "notebooks").glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and "timeline_chart(" in source and "label=" in source:
                for node in ast.walk(ast.parse(source)):
                    if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "timeline_chart":
                        calls.append((notebook.stem, ast.unparse(node)))
    return calls


@pytest.mark.parametrize("notebook,call", _timeline_calls(), ids=lambda v: v[:24])
def test_every_lesson_timeline_shows_every_label_it_asks_for(notebook, call) -> None:
    import ast

    chart = eval(call, {"charts": charts})  # noqa: S307 - our own notebooks' code
    keywords = {k.arg: k.value for k in ast.parse(call).body[0].value.keywords}
    asked = len(ast.literal_eval(keywords["label"]))
    labelled = int(chart.table["labelled"].sum())
    assert labelled == asked, f"{notebook}: {labelled} of {asked} labels found room"
    assert "Labelled:" in chart.alt


def test_chart_html_shows_the_columns_the_notes_name() -> None:
    """Lesson 03's note points to the as_of column of the fatalities chart's table."""
    chart = charts.fatalities_chart()
    page = chart._repr_html_()
    assert "<code>as_of</code>" in page and "<details" in page and " open>" in page
    assert "as_of_precision" not in page  # precision columns are used, not shown
    most = chart.table.iloc[0]
    assert data.format_date(most["as_of"], most["as_of_precision"]) in page
    # a long table (the whole timeline) folds away
    assert " open>" not in charts.timeline_chart()._repr_html_()
    # the coups table has the suspension dates lesson 05 talks about
    assert "<code>suspended_on</code>" in charts.coups_chart("2020")._repr_html_()


def test_chart_html_escapes_the_data(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("quizzes", "geo"))
    path = folder / "missions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows[0]["country"] = "<script>alert(1)</script>"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    page = charts.fatalities_chart(data_dir=folder)._repr_html_()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
def test_chart_colours_come_from_the_palette(build) -> None:
    """Every coloured mark is a colour of mali_lessons.style (Okabe–Ito, plus the category
    colours); greys, black and white are allowed for text, grids and edges."""
    import matplotlib.colors as mcolors

    from mali_lessons.style import CATEGORY_COLOURS, OKABE_ITO

    allowed = {c.lower() for c in list(OKABE_ITO.values()) + list(CATEGORY_COLOURS.values())}
    chart = build()
    used = set()
    for axes in chart.draw().axes:
        for artist in list(axes.collections) + list(axes.patches) + list(axes.lines):
            getters = [getattr(artist, "get_facecolor", None), getattr(artist, "get_color", None)]
            for getter in getters:
                if getter is None:
                    continue
                colours = getter()
                colours = colours if getattr(colours, "ndim", 1) == 2 else [colours]
                for colour in colours:
                    if isinstance(colour, str) and colour in ("none",):
                        continue
                    rgba = mcolors.to_rgba(colour)
                    if rgba[3] == 0:
                        continue
                    red, green, blue = rgba[:3]
                    if abs(red - green) < 0.02 and abs(green - blue) < 0.02:
                        continue  # grey, black or white
                    used.add(mcolors.to_hex(rgba[:3]).lower())
    assert used <= allowed, used - allowed
