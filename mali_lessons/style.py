"""Colours shared by the maps and the charts.

The Okabe–Ito palette stays distinguishable for the common kinds of colour blindness
(Okabe & Ito, "Color Universal Design", 2008). Use these names rather than colour codes in
the other modules, so the lessons look the same everywhere.
"""

OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

#: One colour per event category of data/events.csv.
CATEGORY_COLOURS: dict[str, str] = {
    "rebellion": OKABE_ITO["orange"],
    "coup": OKABE_ITO["vermillion"],
    "jihadist": OKABE_ITO["black"],
    "intervention": OKABE_ITO["blue"],
    "peace": OKABE_ITO["bluish green"],
    "un": OKABE_ITO["sky blue"],
    "withdrawal": OKABE_ITO["reddish purple"],
    "regional": OKABE_ITO["yellow"],
    "heritage": "#8C6D31",
    # beyond the eight Okabe–Ito colours: a neutral grey and a dark wine; the timeline also
    # names each category on its own row, so no category is told apart by colour alone
    "politics": "#7F7F7F",
    "abuses": "#882255",
}
