"""Each map, saved as an HTML file and opened in headless Chromium with no network.

Checks that Leaflet drew the map (its container, one SVG path per shape and circle), that
the console shows no error and that nothing was fetched from outside this machine. Saves a
screenshot per map in artifacts/screenshots/ to look at.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mali_lessons import maps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_maps import HOSTILE, write_sample_data  # noqa: E402

VIEWPORT = {"width": 1100, "height": 720}


def expected_paths(table) -> int:
    """Leaflet draws one SVG path per area, line and circle; places at the same spot share
    one circle (and have one row each in the table)."""
    shapes = table[table["shape"].isin(["area", "line"])]
    circles = table[table["shape"] == "point"].drop_duplicates(["layer", "lat", "lon"])
    return len(shapes) + len(circles)


def open_map(page, m, path: Path) -> None:
    m.save(str(path))
    page.set_viewport_size(VIEWPORT)
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-container")
    page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length > 0")
    page.wait_for_timeout(300)  # let fitBounds and the labels settle before the screenshot


@pytest.mark.parametrize("name", list(maps.BUILDERS))
def test_map_draws_offline(name, offline_page, browser, screenshots, tmp_path):
    page, problems = offline_page
    m = maps.BUILDERS[name]()
    open_map(page, m, tmp_path / f"{name}.html")
    page.screenshot(path=str(screenshots / f"{name}.png"))

    drawn = page.locator("path.leaflet-interactive").count()
    assert drawn == expected_paths(maps.map_table(m)), name
    assert page.locator(".ml-legend").count() == 1
    assert page.locator(".leaflet-control-layers").count() == 1
    assert page.locator(".leaflet-control-scale").count() == 1
    assert page.locator(".leaflet-tile-loaded").count() == 0, "tiles are off at first"
    assert problems == []
    assert browser.guard.take() == [], "the map tried to fetch something from the network"


def test_osm_layer_offline_is_harmless(offline_page, browser, tmp_path):
    """Ticking the OpenStreetMap box offline: tiles fail quietly, the vector map stays."""
    page, problems = offline_page
    m = maps.overview_map()
    open_map(page, m, tmp_path / "osm.html")
    before = page.locator("path.leaflet-interactive").count()
    page.get_by_label("OpenStreetMap background (needs internet)").check()
    page.wait_for_timeout(500)
    assert page.locator("path.leaflet-interactive").count() == before
    blocked = browser.guard.take()
    assert blocked and all("tile.openstreetmap.org" in url for url in blocked)


def test_hostile_names_show_as_text(offline_page, tmp_path):
    """A place named <script>alert(1)</script> runs nothing and shows as text."""
    page, problems = offline_page
    data_dir = write_sample_data(tmp_path / "data")
    m = maps.north_map(data_dir=data_dir)
    open_map(page, m, tmp_path / "hostile.html")
    assert page.get_by_text(HOSTILE, exact=True).count() >= 1
    bases = maps.bases_map(on="2023-12-31", data_dir=data_dir)
    open_map(page, bases, tmp_path / "hostile_bases.html")
    page.wait_for_timeout(200)
    assert problems == []  # an alert() would have been recorded as a dialog


def test_popup_opens_with_table_facts(offline_page, tmp_path):
    """Clicking a base shows its popup: the base's name and handover date from bases.csv."""
    page, problems = offline_page
    m = maps.bases_map(on="2023-12-31")
    open_map(page, m, tmp_path / "popup.html")
    table = maps.map_table(m)
    first_base = table[table["layer"] == "MINUSMA bases"].iloc[0]
    # Circles are in Leaflet's overlay pane (areas have a pane of their own), in table order.
    page.locator(".leaflet-overlay-pane path.leaflet-interactive").first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert first_base["name"] in text and "Handed over:" in text
    assert problems == []
