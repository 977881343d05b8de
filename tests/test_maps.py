"""HTML-level tests of mali_lessons.maps: layers, markers, no remote assets, escaping.

Most tests use a small data folder written by the ``sample_data`` fixture, so they do not
depend on the contents of data/ (which the browser test and the benchmark use). One place
in it is named ``<script>alert(1)</script>`` to check that every text from the data is
escaped.
"""

from __future__ import annotations

import csv
import html
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import folium
import pytest
import xstatic.pkg.jquery
import xstatic.pkg.leaflet

from mali_lessons import data, maps

HOSTILE = "<script>alert(1)</script>"
HOSTILE_JS = "`${alert(2)}`</script><b>x"

SOURCES = [{"id": "test_source", "publisher": "Test", "title": "Test source",
            "url": "https://example.org/test", "published": "2023-01-01",
            "accessed": "2024-01-01", "note": ""}]

PLACES = [
    # id, name, kind, country, region, lat, lon
    ("bamako", "Bamako", "capital", "MLI", "Bamako", 12.6392, -8.0029),
    ("timbuktu", "Timbuktu", "city", "MLI", "Timbuktu", 16.7735, -3.0074),
    ("gao", "Gao", "city", "MLI", "Gao", 16.2717, -0.0447),
    ("kidal", "Kidal", "town", "MLI", "Kidal", 18.4411, 1.4078),
    ("tessalit", "Tessalit", "town", "MLI", "Kidal", 20.1986, 1.0114),
    ("mopti", "Mopti", "city", "MLI", "Mopti", 14.4843, -4.1830),
    ("djinguereber", "Djinguereber Mosque", "mosque", "MLI", "Timbuktu", 16.7714, -3.0097),
    ("timbuktu_airport", "Timbuktu Airport", "airport", "MLI", "Timbuktu", 16.7305, -3.0075),
    ("kabara", "Kabara", "port", "MLI", "Timbuktu", 16.6817, -2.9972),
    ("hostile", HOSTILE, "town", "MLI", HOSTILE, 17.5, -2.0),
    ("niamey", "Niamey", "capital", "NER", "", 13.5116, 2.1254),
]

BASES = [
    # id, name, place_id, kind, region, opened, closed, handed_to, contingents, phase
    ("ber", "Ber camp", "timbuktu", "camp", "Timbuktu", "2013", "2023-08-13",
     "Malian armed forces", "Burkina Faso", "1"),
    ("tessalit", "Tessalit camp", "tessalit", "camp", "Kidal", "2013-07", "2023-10-21",
     "Malian armed forces", "Chad", "2"),
    ("kidal", HOSTILE_JS, "kidal", "camp", "Kidal", "2013-07-01", "2023-10-31",
     HOSTILE, HOSTILE, "2"),
    ("gao", "Gao camp", "gao", "camp", "Gao", "2013-07-01", "", "", "", "3"),
]

COUPS = [
    # id, country, iso3, date, leader, ousted, bloc, suspended_on, bloc_status, aes_member
    ("mali_2020", "Mali", "MLI", "2020-08-18", "Assimi Goïta", "Ibrahim Boubacar Keïta",
     "ECOWAS", "2020-08-20", "suspended", "true"),
    ("mali_2021", "Mali", "MLI", "2021-05-24", "Assimi Goïta", "Bah Ndaw",
     "ECOWAS", "2021-05-30", "suspended", "true"),
    ("niger_2023", "Niger", "NER", "2023-07-26", HOSTILE, "Mohamed Bazoum",
     "ECOWAS", "2023-07-30", "sanctions", "true"),
    ("bfa_2022_01", "Burkina Faso", "BFA", "2022-01-24", "Paul-Henri Sandaogo Damiba",
     "Roch Marc Christian Kaboré", "ECOWAS", "2022-01-28", "suspended", "true"),
    ("guinea_2021", "Guinea", "GIN", "2021-09-05", "Mamady Doumbouya", "Alpha Condé",
     "ECOWAS", "2021-09-08", "suspended", "false"),
    ("gabon_2023", "Gabon", "GAB", "2023-08-30", "Brice Oligui Nguema", "Ali Bongo Ondimba",
     "ECCAS", "2023-08-31", "suspended", "false"),
    ("mali_2012", "Mali", "MLI", "2012-03-22", "Amadou Sanogo", "Amadou Toumani Touré",
     "ECOWAS", "2012-03-29", "suspended", "true"),
]


#: Values for the columns that a sample row leaves out but the table requires.
DEFAULTS = {"as_of": "2026-12-01", "status": "member"}


def _write(path: Path, rows: list[dict]) -> None:
    """Write one table with every column its spec in mali_lessons.data.TABLES lists (so the
    sample stays valid when a table gains a column); columns a row leaves out are filled
    from DEFAULTS or left empty."""
    header = list(data.TABLES[path.stem].columns)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows({c: row.get(c, DEFAULTS.get(c, "")) for c in header} for row in rows)


def write_sample_data(folder: Path) -> Path:
    """Write sources, places, bases, coups, countries, events and control tables (valid for
    mali_lessons.data)."""
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "sources.csv", SOURCES)
    _write(folder / "places.csv",
           [{"id": p[0], "name": p[1], "name_fr": "", "kind": p[2], "country": p[3],
             "region": p[4], "lat": p[5], "lon": p[6], "geonames_id": "",
             "description": f"About {p[1]}.", "sources": "test_source",
             "note": "STAND-IN POSITION: drawn at a nearby town." if p[0] == "kidal" else ""}
            for p in PLACES])
    _write(folder / "bases.csv",
           [dict(zip(["id", "name", "place_id", "kind", "region", "opened", "closed",
                      "handed_to", "contingents", "phase"], b), sources="test_source", note="")
            for b in BASES])
    _write(folder / "coups.csv",
           [dict(zip(["id", "country", "iso3", "date", "leader", "ousted", "bloc",
                      "suspended_on", "bloc_status", "aes_member"], c),
                 sources="test_source", note="") for c in COUPS])
    _write(folder / "countries.csv",
           [{"id": iso.lower(), "name": iso, "iso3": iso, "ecowas_member_2023": "true",
             "left_ecowas": "", "sources": "test_source", "note": ""}
            for iso in ("MLI", "NER", "BFA", "SEN", "GHA", "NGA", "CPV", "GIN")])
    # lesson 07's map: events of 2024-2026 and who held the northern towns
    _write(folder / "events.csv",
           [{"id": "attack_gao_2025", "date": "2025-03-01", "title": f"Attack on Gao {HOSTILE}",
             "description": "An attack.", "category": "jihadist", "place_id": "gao",
             "sources": "test_source"},
            {"id": "strike_kidal_2024", "date": "2024-08-25", "title": "Drone strike",
             "description": "A strike.", "category": "abuses", "place_id": "kidal",
             "sources": "test_source"}])
    _write(folder / "control.csv",
           [{"id": "kidal_2026", "place_id": "kidal", "held_by": "Not known", "as_of": "2026-04-27",
             "confidence": "low", "sources": "test_source"}])
    for name in data.TABLES:  # every other table, empty (header only)
        if not (folder / f"{name}.csv").exists():
            _write(folder / f"{name}.csv", [])
    (folder / "edition.yaml").write_text("content_date: 2026-12-01\nstale_after_months: 12\n",
                                         encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def sample_data(tmp_path_factory) -> Path:
    return write_sample_data(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def built(sample_data) -> dict[str, tuple[folium.Map, str]]:
    """Every map built from the sample data, with its rendered HTML."""
    out = {}
    for name, builder in maps.BUILDERS.items():
        m = builder(data_dir=sample_data)
        out[name] = (m, m.get_root().render())
    return out


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


class AssetLinks(HTMLParser):
    """Collects every URL a page would fetch: script src, link href, img/iframe src."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.script_tags = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "script":
            self.script_tags += 1
        for name in ("src", "href") if tag in ("script", "link", "img", "iframe", "source",
                                               "embed", "object") else ():
            if attributes.get(name):
                self.urls.append(attributes[name])


def library_urls() -> set[str]:
    """http(s) URLs that appear inside the Leaflet and jQuery files themselves (in comments
    or strings such as Leaflet's own attribution link); they are text, not fetched assets."""
    text = ""
    for package, files in ((xstatic.pkg.leaflet, ("leaflet.js", "leaflet.css")),
                           (xstatic.pkg.jquery, ("jquery.slim.min.js",))):
        for name in files:
            text += (Path(package.BASE_DIR) / name).read_text(encoding="utf-8")
    return set(re.findall(r"https?://[^\s\"'`)<>]+", text))


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(maps.BUILDERS))
def test_no_remote_assets(built, name):
    _, page = built[name]
    parser = AssetLinks()
    parser.feed(page)
    remote = [u for u in parser.urls if re.match(r"(https?:)?//", u)]
    assert remote == [], f"{name} map links to remote files: {remote}"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page), "CSS fetches a remote file"
    assert not re.search(r"@import", page)
    # The only other http(s) URLs: the OpenStreetMap tile template and its attribution link.
    ours = set(re.findall(r"https?://[^\s\"'`)<>\\]+", page)) - library_urls()
    assert ours <= {maps.OSM_TILES, "https://www.openstreetmap.org/copyright"}, ours


@pytest.mark.parametrize("name", list(maps.BUILDERS))
def test_assets_are_inlined(built, name):
    m, page = built[name]
    assert "L.version" in page or "leaflet" in page.lower()
    assert 'window.L' in page or "L = " in page or "exports.L" in page
    assert m.default_js == [] and m.default_css == []
    # Our maps use no folium element that needs jQuery, so it is left out.
    ours = page.replace(maps.offline_assets_html(), "")
    assert "jQuery" not in page and "$(" not in ours
    # folium's class-level lists are left alone, so other folium maps are unaffected.
    assert folium.Map.default_js and folium.Map.default_css
    assert "sourceMappingURL" not in page
    assert "images/layers.png" not in page, "Leaflet CSS image must be a data URL"


def test_offline_assets_with_jquery_for_folium_popups():
    m = maps.use_offline_assets(folium.Map(tiles=None), with_jquery=True)
    folium.Marker((16.77, -3.0), popup=folium.Popup("Timbuktu")).add_to(m)
    page = m.get_root().render()
    parser = AssetLinks()
    parser.feed(page)
    assert parser.urls == []
    assert "jQuery" in page and "L.popup(" in page


@pytest.mark.parametrize("name", list(maps.BUILDERS))
def test_every_map_has_controls_legend_and_optional_osm(built, name):
    _, page = built[name]
    assert "L.control.layers" in page
    assert "L.control.scale" in page
    assert 'L.DomUtil.create("div", "ml-legend")' in page
    assert '"collapsed": false' in page
    # The OSM tile layer exists but is not added to the map at first.
    osm = re.search(r"var (tile_layer_\w+) = L\.tileLayer\(\s*\"" + re.escape(maps.OSM_TILES),
                    page)
    assert osm, "the OpenStreetMap layer is missing"
    assert f"{osm[1]}.addTo(" not in page, "OSM tiles must be off at first"


def test_escaping_of_data_strings(built):
    for name, (m, page) in built.items():
        assert HOSTILE not in page, f"{name}: raw <script> from the data reached the page"
        assert "alert(1)</script>" not in page
        # In the scripts, text with a backtick or ${ is only ever inside a JSON string
        # ("..."), where it cannot run, never inside a JavaScript template string (`...`).
        scripts = "\n".join(re.findall(r"<script[^>]*>(.*?)</script>", page, re.S))
        outside_strings = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', scripts)
        assert "${alert(2)}" not in outside_strings, name
        # Exactly the script tags that we put there: Leaflet and folium's two.
        parser = AssetLinks()
        parser.feed(page)
        assert parser.script_tags == 3, f"{name}: {parser.script_tags} <script> tags"
    # The hostile name shows as text: it is in the page HTML-escaped (inside a JSON string).
    _, page = built["overview"]
    assert "\\u0026lt;script\\u0026gt;alert(1)\\u0026lt;/script\\u0026gt;" not in page  # city
    _, page = built["north"]
    assert "\\u0026lt;script\\u0026gt;alert(1)\\u0026lt;/script\\u0026gt;" in page


def test_overview_map(built):
    m, page = built["overview"]
    table = maps.map_table(m)
    assert set(table["layer"]) >= {"Countries", "Mali's regions", "Mali", "Niger river",
                                   "Main towns"}
    regions = table[table["layer"] == "Mali's regions"]
    assert len(regions) == 9
    assert set(regions.loc[regions["kind"] == "region of the north", "name"]) == {
        "Timbuktu", "Gao", "Kidal"}
    neighbours = table[table["layer"] == "Countries"]["name"]
    assert len(neighbours) == 7 and "Algeria" in set(neighbours)
    assert set(table.loc[table["layer"] == "Main towns", "name"]) == {
        "Bamako", "Timbuktu", "Gao", "Mopti"}
    assert page.count("L.circleMarker(") == 4
    for label in ("Algeria", "Burkina Faso", "Niger river"):
        assert label in page


def test_north_map(built):
    m, page = built["north"]
    table = maps.map_table(m)
    towns = set(table.loc[table["layer"] == "Towns of the north", "name"])
    assert {"Timbuktu", "Gao", "Kidal", "Tessalit", HOSTILE} == towns
    assert "Bamako" not in towns and "Mopti" not in towns
    bases = table[table["layer"] == "MINUSMA bases"]
    assert len(bases) == 4  # every sample base stands in the north
    assert page.count("L.circleMarker(") == len(towns) + len(bases)


def test_timbuktu_map(built):
    m, page = built["timbuktu"]
    table = maps.map_table(m)
    layers = ["Old town", "Heritage: mosques, mausoleums, manuscripts",
              "Port, airport and MINUSMA camp"]
    places = table[table["layer"].isin(layers) & table["shape"].isin(["point", "label"])]
    assert set(places["name"]) == {"Timbuktu", "Djinguereber Mosque", "Timbuktu Airport",
                                   "Kabara"}
    assert set(places["kind"]) == {"city", "mosque", "airport", "port"}
    # The town is a name over its old town, not a dot that a mosque's marker would hide.
    assert places.set_index("name").loc["Timbuktu", "shape"] == "label"
    assert "Old town of Timbuktu" in set(table["name"])
    assert "Mosque" in page and "Airport" in page and "River port" in page
    # The river near the town (data/geo/timbuktu_river.geojson) is drawn and named.
    river = table[table["layer"] == "The Niger near Timbuktu"]
    assert "area" in set(river["shape"]) and "The Niger" in set(river["name"])
    distances = table[table["kind"] == "distance"].set_index("name")["details"]
    kabara = places.set_index("name").loc[["Timbuktu", "Kabara"], ["lat", "lon"]].to_numpy()
    km = math.dist(*kabara) * 111  # about 111 km per degree at this size and latitude
    assert distances["Kabara from the centre"] == f"about {km:.0f} km"
    assert "Djinguereber Mosque from the centre" not in distances  # inside the town


def test_real_timbuktu_map_tells_the_heritage_story():
    """With the real data: the heritage sites are there, each popup dated and sourced, and
    every approximate position says so and is drawn dashed."""
    m = maps.timbuktu_map()
    page = m.get_root().render()
    table = maps.map_table(m)
    heritage = table[table["layer"] == "Heritage: mosques, mausoleums, manuscripts"]
    names = set(heritage["name"])
    assert {"Sidi Mahmoud mausoleum", "Ahmed Baba Institute", "Flame of Peace",
            "Djingareyber cemetery"} <= names
    assert sum(kind == "mosque" for kind in heritage["kind"]) == 3
    for needle in ("30 June 2012", "2015", "27 September 2016", "manuscripts", "1996",
                   "Position approximate", "Sources: "):
        assert needle in page, needle
    assert '"dashArray": "3 2"' in page  # dashed rings for approximate positions


def test_bases_map_warns_when_opening_dates_are_unknown(sample_data):
    warning = "Opening dates are not in the data"
    real_bases = data.load_bases()
    assert real_bases["opened"].isna().any()  # the real table has no opening dates yet
    assert warning in maps.bases_map(on="2015-01-01").get_root().render()
    assert warning not in maps.bases_map(on="2023-10-25").get_root().render()
    # the sample bases all have an opening date: no warning, whatever the day
    assert warning not in maps.bases_map(on="2015-01-01", data_dir=sample_data).get_root().render()


def test_bases_map_status_depends_on_date(sample_data):
    def statuses(on):
        table = maps.map_table(maps.bases_map(on=on, data_dir=sample_data))
        bases = table[table["layer"] == "MINUSMA bases"]
        return dict(zip(bases["name"], bases["kind"]))

    before = statuses("2023-08-01")
    assert set(before.values()) == {"MINUSMA base (open)"}
    middle = statuses("2023-10-25")
    assert middle["Ber camp"] == middle["Tessalit camp"] == "MINUSMA base (handed over)"
    assert middle[HOSTILE_JS] == middle["Gao camp"] == "MINUSMA base (open)"
    early = statuses("2012-01-01")
    assert set(early.values()) == {"MINUSMA base (not yet opened)"}


def test_bases_popup_has_handover_date_and_recipient(sample_data):
    page = maps.bases_map(on="2023-12-31", data_dir=sample_data).get_root().render()
    assert "Handed over: 13 August 2023" in page
    assert "To: Malian armed forces" in page
    assert "Handed over: not known" in page  # Gao, closed date left empty in the sample
    assert "Opened: 2013" in page and "Opened: July 2013" in page
    # The place of the Kidal base is flagged in places.csv: the popup says so.
    assert page.count("Position approximate.") == 1


def test_bases_slider_redraws(sample_data):
    widget = maps.bases_slider(data_dir=sample_data)
    slider, view = widget.children
    first = view.value
    assert "iframe" in first and "srcdoc" in first
    assert [label for label, _ in slider.options][:2] == ["12 Aug 2023", "13 Aug 2023"]
    slider.value = slider.options[-1][1]
    assert view.value != first


def test_sahel_map(built):
    m, page = built["sahel"]
    table = maps.map_table(m)
    areas = table[table["layer"] == "Countries"].set_index("name")["kind"]
    for country in ("Mali", "Burkina Faso", "Niger"):
        assert areas[country] == "Alliance of Sahel States"
    for country in ("Senegal", "Ghana", "Nigeria", "Cabo Verde", "Guinea"):
        assert areas[country] == "ECOWAS member"
    assert areas["Chad"] == "country"
    assert areas["Togo"] == "country"  # a member, but left out of the sample countries.csv
    coups = table[table["layer"] == "Coups since 2020"].set_index("name")["details"]
    assert coups["Coups in Mali"] == "18 August 2020; 24 May 2021"  # 2012 is before 2020
    assert set(coups.index) == {"Coups in Mali", "Coups in Niger", "Coups in Guinea",
                                "Coups in Gabon", "Coups in Burkina Faso"}
    assert "Aug 2020\\u003cbr\\u003eMay 2021" in page  # one coup per line


def test_map_table_by_name(sample_data):
    table = maps.map_table("overview", data_dir=sample_data)
    assert list(table.columns) == maps.MAP_TABLE_COLUMNS
    with pytest.raises(KeyError):
        maps.map_table("nowhere")
    with pytest.raises(ValueError):
        maps.map_table(folium.Map())


@pytest.mark.parametrize("name", list(maps.BUILDERS))
def test_size_with_assets(built, name):
    """Speed is measured in benchmarks/maps.py; here only the page's weight is checked."""
    _, page = built[name]
    assert len(page.encode("utf-8")) <= 300_000, f"{name}: {len(page) / 1000:.0f} kB"


@pytest.mark.parametrize("name", list(maps.BUILDERS))
def test_every_map_carries_a_table_for_screen_readers(built, name):
    m, page = built[name]
    table = re.search(r'<table class="ml-sr-only">.*?</table>', page, re.S)
    assert table, name
    points = maps.map_table(m).query("shape == 'point'")
    for place in points["name"]:
        assert html.escape(place) in table.group(0), place
