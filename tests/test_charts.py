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
