"""Checks on the committed boundary files in data/geo (made by scripts/build_geodata.py)."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

from mali_lessons import data

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT / "data" / "geo"
FILES = ["mali", "mali_regions", "countries", "niger_river", "timbuktu_river"]

#: Mean radius of the sphere with the same surface area as the WGS 84 ellipsoid (m).
AUTHALIC_RADIUS_M = 6_371_007.2
MALI_AREA_KM2 = 1_240_000


def features(name: str) -> list[dict]:
    return json.loads((GEO / f"{name}.geojson").read_text(encoding="utf-8"))["features"]


def ring_area_km2(coords: list[tuple[float, float]]) -> float:
    """Area enclosed by a ring of (lon, lat) points on the authalic sphere, in km².

    The spherical-excess formula for a polygon, summed edge by edge: each edge from point 1
    to point 2 adds (lon2 - lon1) * (2 + sin lat1 + sin lat2) / 2, in radians, times R².
    """
    total = 0.0
    for (lon1, lat1), (lon2, lat2) in zip(coords, coords[1:]):
        total += math.radians(lon2 - lon1) * (
            2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2)))
    return abs(total) / 2 * AUTHALIC_RADIUS_M ** 2 / 1e6


def area_km2(geometry: shapely.Geometry) -> float:
    """Area of a (Multi)Polygon on the sphere: outer rings minus holes."""
    total = 0.0
    for polygon in getattr(geometry, "geoms", [geometry]):
        total += ring_area_km2(list(polygon.exterior.coords))
        total -= sum(ring_area_km2(list(hole.coords)) for hole in polygon.interiors)
    return total


def test_ring_area_of_a_known_cell():
    # A 1°×1° cell at the equator: R² · Δλ · (sin 1° − sin 0°) ≈ 12,364 km².
    cell = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
    expected = AUTHALIC_RADIUS_M ** 2 * math.radians(1) * math.sin(math.radians(1)) / 1e6
    assert ring_area_km2(cell) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("name", FILES)
def test_every_geometry_is_valid(name):
    for feature in features(name):
        geometry = shape(feature["geometry"])
        assert geometry.is_valid, (name, feature["properties"], shapely.is_valid_reason(geometry))
        assert not geometry.is_empty


def test_regions_and_countries_form_a_clean_coverage():
    """Shared borders are shared exactly: no gaps or overlaps between neighbours."""
    shapes = [shape(f["geometry"]) for f in features("mali_regions") + features("countries")]
    assert shapely.coverage_is_valid(shapes)


def test_mali_area_is_about_1_24_million_km2():
    mali = shape(features("mali")[0]["geometry"])
    assert area_km2(mali) == pytest.approx(MALI_AREA_KM2, rel=0.02)


def test_regions_make_up_mali():
    mali = shape(features("mali")[0]["geometry"])
    regions = shapely.union_all([shape(f["geometry"]) for f in features("mali_regions")])
    assert mali.symmetric_difference(regions).area < 1e-6 * mali.area


def test_mali_regions_are_natural_earths_nine():
    names = {f["properties"]["name"] for f in features("mali_regions")}
    assert names == {"Kayes", "Koulikoro", "Sikasso", "Ségou", "Mopti", "Timbuktu", "Gao",
                     "Kidal", "Bamako"}


def test_countries_needed_by_the_maps():
    props = {f["properties"]["iso3"]: f["properties"] for f in features("countries")}
    neighbours = {iso for iso, p in props.items() if p["neighbour"]}
    assert neighbours == {"DZA", "NER", "BFA", "CIV", "GIN", "SEN", "MRT"}
    ecowas = set(data.load_countries()["iso3"]) - {"MLI"}  # Mali is in mali.geojson
    assert ecowas <= set(props)
    assert {"TCD", "GAB"} <= set(props)
    mali = shape(features("mali")[0]["geometry"])
    for iso in neighbours:
        assert shape(props_geometry(iso)).intersects(mali), iso


def props_geometry(iso3: str) -> dict:
    return next(f["geometry"] for f in features("countries") if f["properties"]["iso3"] == iso3)


def test_niger_passes_bamako_gao_and_niamey():
    river = shape(features("niger_river")[0]["geometry"])
    for lon, lat in [(-8.00, 12.65), (-0.04, 16.27), (2.11, 13.51)]:
        assert river.distance(Point(lon, lat)) < 0.3


def test_timbuktu_river_is_the_niger_south_of_the_town():
    """The close-up's river: GSHHG's water between the banks, a few km south of Kabara, on
    the course of the Natural Earth Niger; the town and the port stay on dry land."""
    parts = {f["properties"]["part"]: shape(f["geometry"]) for f in features("timbuktu_river")}
    water = parts["channel"]
    assert water.geom_type in ("Polygon", "MultiPolygon") and water.area > 0.002
    places = data.load_places().set_index("id")
    kabara = Point(places.loc["kabara", "lon"], places.loc["kabara", "lat"])
    town = Point(places.loc["timbuktu", "lon"], places.loc["timbuktu", "lat"])
    assert not water.contains(kabara) and not water.contains(town)
    assert 0.01 < water.distance(kabara) < 0.08  # about 1 to 9 km
    niger = shape(features("niger_river")[0]["geometry"])
    assert water.distance(niger) < 0.05


def test_gshhg_bins_are_decoded_from_their_south_west_corner():
    """decode_gshhg_bins on a tiny world of 90-degree bins (two rows of four, numbered from
    the north-west): one segment in bin 4, the second row's first, whose south-west corner
    is (0 E, 90 S)."""
    module = _build_script()
    arrays = {
        "Bin_size_in_minutes": [5400], "N_bins_in_360_longitude_range": [4],
        "N_bins_in_180_degree_latitude_range": [2],
        "Id_of_first_segment_in_a_bin": [0, 0, 0, 0, 0, 1, 1, 1],
        "N_segments_in_a_bin": [0, 0, 0, 0, 1, 0, 0, 0],
        "N_points_for_a_segment": [2], "Hierarchial_level_of_a_segment": [1],
        "Id_of_first_point_in_a_segment": [0],
        # 65535 is the whole bin; -1 as a signed 16-bit number is 65535 too
        "Relative_longitude_from_SW_corner_of_bin": [0, -1],
        "Relative_latitude_from_SW_corner_of_bin": [32768, 65535],
    }
    segments = module.decode_gshhg_bins(arrays, (-10, -10, 10, 10))
    assert segments == [(1, [(0.0, -44.99931), (90.0, 0.0)])]
    assert module.decode_gshhg_bins(arrays, (100, -80, 120, -70)) == []


def test_channel_polygons_keeps_the_water_between_two_banks():
    module = _build_script()
    banks = [shapely.LineString([(-1, 0), (1, 0)]), shapely.LineString([(-1, 0.2), (1, 0.2)])]
    water = module.channel_polygons(banks, (-0.5, -1, 0.5, 1))
    assert water.area == pytest.approx(0.2)
    assert water.contains(Point(0, 0.1)) and not water.contains(Point(0, 0.5))


def _build_script():
    spec = importlib.util.spec_from_file_location("build_geodata",
                                                  ROOT / "scripts" / "build_geodata.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_place_in_mali_lies_inside_its_outline():
    mali = shape(features("mali")[0]["geometry"])
    places = data.load_places()
    in_mali = places[places["country"] == "MLI"]
    outside = [name for name, lat, lon in zip(in_mali["name"], in_mali["lat"], in_mali["lon"])
               if not mali.contains(Point(lon, lat))]
    assert outside == []


def test_data_geo_stays_small():
    total = sum(path.stat().st_size for path in GEO.glob("*.geojson"))
    assert total < 150_000, f"data/geo is {total / 1000:.0f} kB"


def test_topojson_conversion():
    """The build script's converter on a tiny hand-made topology (quantized, shared arc)."""
    spec = importlib.util.spec_from_file_location("build_geodata",
                                                  ROOT / "scripts" / "build_geodata.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]],       # (10,20) -> (11,20) -> (11,21)
                 [[2, 2], [-2, 0], [0, -2]]],    # (11,21) -> (10,21) -> (10,20)
        "objects": {"things": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "square"}},
            {"type": "LineString", "arcs": [~1], "id": "back"},
        ]}},
    }
    square, line = module.topojson_to_geojson(topology, "things")
    assert square["geometry"]["coordinates"] == [
        [[10, 20], [11, 20], [11, 21], [10, 21], [10, 20]]]
    assert square["properties"] == {"name": "square"}
    assert line["geometry"]["coordinates"] == [[10, 20], [10, 21], [11, 21]]
    assert shape(square["geometry"]).area == 1
