"""The map of lesson 07 (mali_lessons.maps.since_2024): offline, every place drawn, data escaped."""

from __future__ import annotations

import csv
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mali_lessons import data, maps
from mali_lessons.maps.since_2024 import control_group, map_events, mali_since_2024_map

from paths import DATA

HOSTILE = "<script>alert(1)</script>"
HOSTILE_JS = "`${alert(2)}`</script><b>x"


class Links(HTMLParser):
    """Every address a page would fetch (script src, link href, img src...)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "link", "img", "iframe", "source", "embed", "object"):
            self.urls += [v for k, v in attrs if k in ("src", "href") and v]


@pytest.fixture(scope="module")
def real() -> tuple:
    m = mali_since_2024_map()
    return m, m.get_root().render()


def _append(path: Path, row: dict) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, header, lineterminator="\n").writerow(row)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> str:
    """The map built from a copy of data/ with a hostile place, event and control row."""
    folder = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("quizzes", "geo"))
    _append(folder / "places.csv", {
        "id": "hostile", "name": HOSTILE, "kind": "town", "country": "MLI", "region": HOSTILE,
        "lat": "17.5", "lon": "-2.0", "description": HOSTILE_JS, "sources": "wp_diafarabe",
        "note": HOSTILE})
    _append(folder / "events.csv", {
        "id": "hostile_event", "date": "2025-03-01", "title": HOSTILE_JS,
        "description": HOSTILE, "category": "jihadist", "place_id": "hostile",
        "sources": "wp_diafarabe", "note": HOSTILE_JS})
    _append(folder / "control.csv", {
        "id": "hostile_control", "place_id": "hostile", "held_by": HOSTILE,
        "as_of": "2026-04-27", "confidence": "low", "sources": "wp_diafarabe",
        "note": HOSTILE_JS})
    return mali_since_2024_map(data_dir=folder).get_root().render()


def test_the_map_builds_offline(real) -> None:
    _, page = real
    parser = Links()
    parser.feed(page)
    assert [u for u in parser.urls if re.match(r"(https?:)?//", u)] == []
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert "L.control.layers" in page and "ml-legend" in page


def test_every_event_place_and_every_town_of_control_is_drawn(real) -> None:
    m, page = real
    table = maps.map_table(m)
    places = data.load_places().set_index("id")
    expected = set(map_events()["place_id"]) | set(data.load_control()["place_id"])
    assert expected, "no places to draw"
    for place_id in expected:
        name = str(places.loc[place_id, "name"])
        assert name in set(table["name"]), name
        assert name in page, name
    camps = places[(places["kind"] == "camp") & (places["country"] != "MLI")]
    assert set(camps["name"]) <= set(table["name"])


def test_each_town_of_control_has_a_ring_saying_as_of_when(real) -> None:
    m, _ = real
    table = maps.map_table(m)
    rings = table[table["kind"] == "control"]
    control = data.load_control()
    assert len(rings) == len(control)
    for _, row in control.iterrows():
        as_of = data.format_date(row["as_of"], row["as_of_precision"])
        assert any(f"as of {as_of}" in d for d in rings["details"]), as_of


def test_low_confidence_counts_as_not_known() -> None:
    row = {"held_by": "Malian armed forces", "confidence": "low"}
    assert control_group(row) == "unknown"
    assert control_group({"held_by": "Malian armed forces", "confidence": "high"}) == "state"
    assert control_group({"held_by": "FLA separatist rebels", "confidence": "medium"}) == "rebels"


def test_the_legend_says_what_is_left_off(real) -> None:
    _, page = real
    unplaced = data.load_events()
    unplaced = unplaced[(unplaced["date"] >= "2024-01-01") & unplaced["place_id"].isna()
                        & unplaced["category"].isin(["jihadist", "rebellion", "abuses",
                                                     "intervention"])]
    if len(unplaced):
        assert f"{len(unplaced)} events without a known place are not drawn" in page


def test_data_is_escaped(hostile) -> None:
    page = hostile
    assert HOSTILE not in page
    assert "alert(1)</script>" not in page
    scripts = "\n".join(re.findall(r"<script[^>]*>(.*?)</script>", page, re.S))
    outside_strings = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', scripts)
    assert "${alert(2)}" not in outside_strings
    # The hostile name is there, but only as escaped text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page or "\\u0026lt;script" in page
