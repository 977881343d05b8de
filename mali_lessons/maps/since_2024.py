"""The map of lesson 07: Mali since 2024 — attacks, abuses and who holds the northern towns.

In a notebook::

    from mali_lessons import maps
    maps.mali_since_2024_map()
    mali_since_2024_map()

It is built from the tables in ``data/`` with the shared pieces of :mod:`mali_lessons.maps`
(the offline vector background, the legend, the escaped popups and the screen-reader table):

* one circle for every place where an event of 2024–2026 happened (``events.csv``, kinds
  jihadist, rebellion, abuses and intervention), coloured by the kind of event; its popup
  lists the events with their dates, notes and the publishers of their sources;
* a ring around every town of ``control.csv``: who held it, **as of** the date of the latest
  reliable report, and how sure the sources make us;
* the refugee camps outside Mali (places of kind ``camp``), with the figures of
  ``humanitarian.csv`` whose ``area`` names them.

Few names are written on the map (only the places drawn, each once); everything else is in
the popups and the legend, so that labels do not pile up. Events without a place (such as the
drone strikes on Amasrakad, whose coordinates were not found) are left off the map and the
legend says so.
"""

from __future__ import annotations

from pathlib import Path

import folium
import pandas as pd

from mali_lessons import data, maps
from mali_lessons.maps.layers import boundary_note, kind_and_region, place_kind
from mali_lessons.messages import MessageMap, as_of, msg, number
from mali_lessons.style import CATEGORY_COLOURS

__all__ = ["EVENT_KINDS", "control_group", "mali_since_2024_map", "map_events"]

#: The kinds of event (``category`` in events.csv) that the map shows: the war and its abuses.
EVENT_KINDS = ("jihadist", "rebellion", "abuses", "intervention")

#: Words for each kind in the legend (in the current language).
KIND_WORDS = MessageMap("maps_event_kind_", EVENT_KINDS)

#: Colour of a place whose events are of several kinds.
MIXED_COLOUR = "#555555"

#: Who holds a town, as the rings show it: colour, and the legend's words.
CONTROL_COLOURS = {"state": "#0072B2", "rebels": "#D55E00", "jihadists": "#000000",
                   "unknown": "#999999"}
CONTROL_WORDS = MessageMap("maps_control_", tuple(CONTROL_COLOURS))
#: How sure the sources make us (``confidence`` in control.csv and humanitarian.csv).
CONFIDENCE_WORDS = MessageMap("maps_confidence_", ("low", "medium", "high"))

MALI_VIEW = (10.0, -12.5, 25.2, 4.5)  # south, west, north, east

CAMP_COLOUR = "#56B4E9"


def control_group(row: pd.Series) -> str:
    """``state``, ``rebels``, ``jihadists`` or ``unknown``: who holds the town in a row of
    control.csv, read from its ``held_by`` text in English (the map reads the English table
    for it in every language). A row of low confidence counts as unknown."""
    text = str(row["held_by"]).casefold()
    if str(row["confidence"]) == "low" or text.startswith(("not known", "disputed", "unknown")):
        return "unknown"
    if "jnim" in text or "jihadist" in text or "islamic state" in text:
        return "jihadists"
    if "fla" in text or "rebel" in text or "separatist" in text or "csp" in text:
        return "rebels"
    if "armed forces" in text or "army" in text or "fama" in text:
        return "state"
    return "unknown"


def map_events(start: str = "2024-01-01", end: str | None = None,
               data_dir: Path | None = None) -> pd.DataFrame:
    """The events between ``start`` and ``end`` (default: the content date) of the kinds in
    EVENT_KINDS that have a place, joined with their place (place_name, lat, lon), by date."""
    events = data.load_events(data_dir)
    end_day = pd.Timestamp(end) if end else data.load_edition(data_dir).content_date
    events = events[(events["date"] >= pd.Timestamp(start)) & (events["date"] <= end_day)]
    events = events[events["category"].isin(EVENT_KINDS) & events["place_id"].notna()]
    places = data.load_places(data_dir)[["id", "name", "lat", "lon"]]
    places = places.rename(columns={"id": "place_id", "name": "place_name"})
    return events.merge(places, on="place_id", how="inner").sort_values("date", kind="stable")


def _publishers(ids: tuple[str, ...], sources: pd.Series) -> str:
    names = list(dict.fromkeys(str(sources[i]) for i in ids if i in sources.index))
    return (f"<small>{maps.escape(msg('maps_sources', publishers=', '.join(names)))}</small>"
            if names else "")


def _when(row: pd.Series, column: str = "date") -> str:
    text = data.format_date(row[column], row[f"{column}_precision"])
    end = row.get("end_date")
    if column == "date" and end is not None and pd.notna(end):
        text += " – " + data.format_date(end, row["end_date_precision"])
    return text


def _scrolling(html_text: str) -> str:
    """Popup HTML in a box that scrolls when a place has many events."""
    return f'<div style="max-height:240px;overflow-y:auto">{html_text}</div>'


def _place_header(place: pd.Series) -> str:
    """A short popup header: the place's name, kind and region, and a warning when its
    position is only approximate (the description is left out: the events say more)."""
    title = maps.escape(place["name"])
    if isinstance(place.get("name_fr"), str) and place["name_fr"] != place["name"]:
        title += f" <i>({maps.escape(place['name_fr'])})</i>"
    return (f"<b>{title}</b><br><small>{maps.escape(kind_and_region(place))}</small>"
            f"{maps.position_warning(place.get('note'))}")


def _event_html(event: pd.Series, sources: pd.Series) -> str:
    note = event.get("note")
    return (f"<b>{maps.escape(_when(event))}</b>: {maps.escape(event['title'])}"
            f"<br>{maps.escape(event['description'])}"
            + (f"<br><small><i>{maps.escape(note)}</i></small>" if isinstance(note, str) and note
               else "")
            + f"<br>{_publishers(event['sources'], sources)}")


def _confidence(row: pd.Series) -> str:
    level = str(row["confidence"])
    return CONFIDENCE_WORDS[level] if level in CONFIDENCE_WORDS else level


def _control_html(row: pd.Series, place_name: str, sources: pd.Series) -> str:
    date = data.format_date(row["as_of"], row["as_of_precision"])
    since = "" if pd.isna(row["since"]) else "<br>" + maps.escape(msg(
        "maps_popup_since", date=data.format_date(row["since"], row["since_precision"])))
    note = row.get("note")
    question = msg("maps_who_holds_question", place=place_name)
    when = msg("maps_as_of_confidence", as_of=as_of(date, row["as_of_precision"], capital=True),
               confidence=_confidence(row))
    return (f"<b>{maps.escape(question)}</b><br>{maps.escape(row['held_by'])}"
            f"{since}<br>{maps.escape(when)}"
            + (f"<br><small>{maps.escape(note)}</small>" if isinstance(note, str) and note else "")
            + f"<br>{_publishers(row['sources'], sources)}")


def _control_details(row: pd.Series) -> str:
    date = data.format_date(row["as_of"], row["as_of_precision"])
    return msg("maps_control_details", held_by=row["held_by"],
               as_of=as_of(date, row["as_of_precision"]), confidence=_confidence(row))


def _figure_as_of(figure: object) -> str:
    """"as of <date>" for a row of humanitarian.csv (a namedtuple of itertuples)."""
    return as_of(data.format_date(figure.as_of, figure.as_of_precision), figure.as_of_precision)


def mali_since_2024_map(start: str = "2024-01-01", data_dir: Path | None = None) -> folium.Map:
    """Mali since ``start``: the places of the war's events, who holds the northern towns
    (each as of its own date) and the refugee camps across the border, with a legend."""
    events = map_events(start, data_dir=data_dir)
    places = data.load_places(data_dir).set_index("id", drop=False)
    control = data.load_control(data_dir)
    # Who holds a town is read from the English words, whatever the language shown.
    groups = [control_group(row) for _, row in
              data.load_control(data_dir, lang="en").iterrows()]
    sources = data.load_sources(data_dir).set_index("id")["publisher"]
    camps = places[(places["kind"] == "camp") & (places["country"] != "MLI")]

    drawn_ids = list(dict.fromkeys(list(events["place_id"]) + list(control["place_id"])))
    drawn = places.loc[drawn_ids]
    builder = maps.MapBuilder(msg("maps_since_2024_title"), MALI_VIEW)
    maps.add_countries(builder, "neighbours")
    spots = maps.latlons(pd.concat([drawn, camps]))
    maps.add_regions(builder, avoid=spots, plain=True)
    maps.add_mali_outline(builder)
    maps.add_niger(builder)

    # Rings first, so that the event circles sit on top of them.
    rings = builder.layer(msg("maps_layer_rings"))
    groups_seen: list[str] = []
    for (_, row), group in zip(control.iterrows(), groups):
        place = places.loc[row["place_id"]]
        groups_seen.append(group)
        colour = CONTROL_COLOURS[group]
        builder.add_point(rings, float(place["lat"]), float(place["lon"]),
                          msg("maps_who_holds", place=place["name"]), msg("maps_kind_control"),
                          _scrolling(_control_html(row, str(place["name"]), sources)), colour,
                          details=_control_details(row), radius=12, hollow=True)

    layer = builder.layer(msg("maps_layer_events"))
    colours_seen: list[str] = []
    for place_id in drawn_ids:
        place = places.loc[place_id]
        here = events[events["place_id"] == place_id]
        lat, lon = float(place["lat"]), float(place["lon"])
        if here.empty:  # a town in control.csv with no event in these years: a plain dot
            builder.add_point(layer, lat, lon, str(place["name"]), place_kind(place["kind"]),
                              maps.place_popup(place), "#222222",
                              details=str(place["description"]), radius=4.5)
        else:
            kinds = list(dict.fromkeys(here["category"].astype(str)))
            colour = CATEGORY_COLOURS[kinds[0]] if len(kinds) == 1 else MIXED_COLOUR
            colours_seen.append(kinds[0] if len(kinds) == 1 else "mixed")
            popup = _scrolling(_place_header(place) + "".join(
                "<hr style='margin:4px 0'>" + _event_html(e, sources) for _, e in here.iterrows()))
            details = "; ".join(msg("maps_name_value", name=_when(e), value=e["title"])
                                for _, e in here.iterrows())
            builder.add_point(layer, lat, lon, str(place["name"]), msg("maps_kind_event"),
                              popup, colour,
                              details=details, radius=6.5)
        builder.add_label(layer, lat, lon, str(place["name"]), side="right")

    humanitarian = data.load_humanitarian(data_dir)
    # A camp's figures are the rows whose area names it, matched in English.
    english_areas = data.load_humanitarian(data_dir, lang="en")["area"]
    english_names = data.load_places(data_dir, lang="en").set_index("id")["name"]
    if len(camps):
        camp_layer = builder.layer(msg("maps_layer_camps"))
        for camp_id, camp in camps.iterrows():
            word = str(english_names[camp_id]).split()[0]
            figures = humanitarian[english_areas.str.contains(word, regex=False).to_numpy()]
            lines = "".join(
                "<hr style='margin:4px 0'>" + maps.escape(msg(
                    "maps_camp_figure", value=number(int(f.value)), measure=f.measure,
                    as_of=_figure_as_of(f), publisher=f.publisher))
                for f in figures.itertuples())
            details = "; ".join(
                msg("maps_camp_figure_short", value=number(int(f.value)), measure=f.measure,
                    as_of=_figure_as_of(f))
                for f in figures.itertuples()) or str(camp["description"])
            builder.add_point(camp_layer, float(camp["lat"]), float(camp["lon"]),
                              str(camp["name"]), msg("maps_kind_refugee_camp"),
                              maps.place_popup(camp) + lines, CAMP_COLOUR, details=details,
                              radius=6)
            builder.add_label(camp_layer, float(camp["lat"]), float(camp["lon"]),
                              str(camp["name"]), side="left")

    for kind in EVENT_KINDS:
        if kind in colours_seen:
            builder.legend("point", maps.point_swatch(CATEGORY_COLOURS[kind]), KIND_WORDS[kind])
    if "mixed" in colours_seen:
        builder.legend("point", maps.point_swatch(MIXED_COLOUR), msg("maps_legend_mixed"))
    for group, colour in CONTROL_COLOURS.items():
        if group in groups_seen:
            builder.legend("point", maps.point_swatch(colour, hollow=True), CONTROL_WORDS[group])
    if len(camps):
        builder.legend("point", maps.point_swatch(CAMP_COLOUR), msg("maps_legend_camp"))
    unplaced = data.load_events(data_dir)
    unplaced = unplaced[(unplaced["date"] >= pd.Timestamp(start))
                        & unplaced["category"].isin(EVENT_KINDS) & unplaced["place_id"].isna()]
    note = msg("maps_since_2024_note")
    if len(unplaced):
        note += " " + msg("maps_unplaced", count=len(unplaced))
    return builder.finish(note + " " + boundary_note())
