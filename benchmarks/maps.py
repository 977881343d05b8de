"""Print, for each map builder, the size of its HTML page and how long it takes to build.

    .venv/bin/python benchmarks/maps.py [--runs 7]

"HTML kB" is the page as a notebook with no Jupyter server gets it (Leaflet inlined, so it
draws anywhere offline); "served kB" the same page inside a Jupyter server that shares one copy
of Leaflet (mali_lessons.jupyter_ext); "CDN kB" a plain folium page of the same features,
which would load Leaflet and jQuery from the internet (it cannot draw offline).
"build" is the builder call (reading data/, making the folium objects, computing at which
zooms close points hide); "render" is turning the map into its HTML page (what a notebook
does to show it); "points" and "labels" count what the map draws and asks labels.js to place. Times are medians of several
runs after one warm-up run (the loaders cache the tables). Nothing is asserted: the limits
(0.3 s, 300 kB) are checked in tests/test_maps.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from mali_lessons import maps
from mali_lessons.jupyter_ext import ASSETS_URL_ENV


def measure(builder, runs: int) -> tuple[float, float, int]:
    """Median build time (s), median render time (s) and page size (bytes)."""
    builder().get_root().render()  # warm-up: data loaders and boundary files are cached
    builds, renders, size = [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        m = builder()
        built = time.perf_counter()
        page = m.get_root().render()
        builds.append(built - start)
        renders.append(time.perf_counter() - built)
        size = len(page.encode("utf-8"))
    return statistics.median(builds), statistics.median(renders), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per builder (default 7)")
    args = parser.parse_args()
    assets = len(maps.offline_assets_html().encode("utf-8"))
    print(f"inlined Leaflet (JS + CSS + images): {assets / 1000:.1f} kB in every page\n")
    print(f"{'map':<11} {'HTML kB':>8} {'served kB':>10} {'CDN kB':>7} {'build ms':>9} "
          f"{'render ms':>10}  points  labels")
    for name, builder in maps.BUILDERS.items():
        build, render, size = measure(builder, args.runs)
        m = builder()
        points, labels = len(m.text_table.query("shape == 'point'")), _labels(m)
        flag = "  OVER 300 kB" if size > 300_000 else ""
        print(f"{name:<11} {size / 1000:>8.1f} {served_size(builder) / 1000:>10.1f} "
              f"{cdn_size(builder) / 1000:>7.1f} {build * 1000:>9.0f} {render * 1000:>10.0f}"
              f"  {points:>6}  {labels:>6}{flag}")


def served_size(builder) -> int:
    """The page's size inside a Jupyter server that shares Leaflet (bytes)."""
    os.environ[ASSETS_URL_ENV] = "/mali-lessons/static/"
    try:
        return len(builder().get_root().render().encode("utf-8"))
    finally:
        os.environ.pop(ASSETS_URL_ENV, None)


def cdn_size(builder) -> int:
    """The same features as a plain folium page that links Leaflet and jQuery on CDNs."""
    m = builder()
    del m.default_js, m.default_css  # back to folium's class defaults: CDN links
    m.get_root().header._children.pop("offline_assets", None)
    return len(m.get_root().render().encode("utf-8"))


def _labels(m) -> int:
    """How many text labels the map asks labels.js to place."""
    return m.get_root().render().count("mlLabel:")


if __name__ == "__main__":
    main()
