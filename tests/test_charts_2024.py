"""The charts of lesson 07 (mali_lessons.charts.humanitarian) draw from data/ and say so in words."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from mali_lessons import data
from mali_lessons.charts import humanitarian_chart
from mali_lessons.charts.humanitarian import recent_column

from paths import DATA


def test_humanitarian_chart_is_an_image_with_alt_text_and_its_table() -> None:
    chart = humanitarian_chart()
    assert chart.png().startswith(b"\x89PNG")
    assert b"<svg" in chart.svg()[:500]
    people = data.load_humanitarian().query("unit == 'people'")
    assert len(chart.table) == len(people)
    page = chart._repr_html_()
    assert page.count("<img") == 1 and 'alt="' in page
    largest = people.loc[people["value"].astype(float).idxmax()]
    assert f"{int(largest['value']):,}" in chart.alt
    assert data.load_edition().checked_up_to() in chart.alt


def test_humanitarian_chart_counts_the_older_figures(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("quizzes", "geo"))
    path = folder / "humanitarian.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        row["as_of"], row["note"] = "2026-11-01", ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    chart = humanitarian_chart(data_dir=folder)
    assert chart.table[recent_column(data.load_edition(folder))].all()
    assert " 0 of the " in chart.alt

