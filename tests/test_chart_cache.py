"""A chart drawn once is read back from the cache, and drawn again as soon as anything it
depends on changes: a byte of data/, the language, the arguments."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mali_lessons import charts
from mali_lessons.messages import using

from paths import DATA, ROOT


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MALI_LESSONS_CACHE", str(folder))
    return folder


def _chart_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("chart-*.pickle"))


def test_a_chart_drawn_once_comes_back_without_matplotlib(cache, tmp_path) -> None:
    script = (
        "import json, sys\n"
        "from mali_lessons import charts\n"
        "chart = charts.strength_chart()\n"
        "print(json.dumps({'html': chart._repr_html_(), 'mpl': 'matplotlib' in sys.modules}))\n"
    )
    env = dict(os.environ, MALI_LESSONS_CACHE=str(cache))

    def run() -> dict:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              env=env, cwd=ROOT, timeout=120, check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])

    first, second = run(), run()
    assert first["mpl"] is True and second["mpl"] is False
    assert first["html"] == second["html"]
    assert len(_chart_files(cache)) == 1


def test_editing_the_data_draws_the_chart_again(cache, tmp_path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    before = charts.timeline_chart("2012", "2012-12-31", data_dir=data_dir)
    events = data_dir / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "Coup d'état in Bamako", "Military coup in Bamako"), encoding="utf-8")
    after = charts.timeline_chart("2012", "2012-12-31", data_dir=data_dir)
    assert "Military coup in Bamako" in set(after.table["title"])
    assert "Military coup in Bamako" not in set(before.table["title"])
    assert after.figure is not None, "drawn again, not read from the cache"
    again = charts.timeline_chart("2012", "2012-12-31", data_dir=data_dir)
    assert again.figure is None and again.svg() == after.svg()


def test_each_language_and_each_call_is_its_own_chart(cache) -> None:
    english = charts.coups_chart("2020")
    with using("fr"):
        french = charts.coups_chart("2020")
    assert french.alt != english.alt and french.svg() != english.svg()
    other = charts.coups_chart("2012")
    assert len(other.table) > len(english.table)
    assert len(_chart_files(cache)) == 3


def test_a_chart_from_the_cache_still_makes_a_png(cache) -> None:
    charts.handovers_chart()
    kept = charts.handovers_chart()
    assert kept.figure is None
    assert kept.png().startswith(b"\x89PNG")


def test_a_damaged_cache_file_is_drawn_again(cache) -> None:
    charts.fatalities_chart()
    for path in _chart_files(cache):
        path.write_bytes(b"not a pickle")
    chart = charts.fatalities_chart()
    assert chart.figure is not None and len(chart.alt) > 40


def test_the_cache_can_be_turned_off(monkeypatch) -> None:
    monkeypatch.setenv("MALI_LESSONS_CACHE", "off")
    assert charts.strength_chart().figure is not None
    assert charts.strength_chart().figure is not None
