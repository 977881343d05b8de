"""A small data folder for the quiz tests: two sources, four places and one lesson's bank
with a question of every type. Tests copy it into tmp_path and break it on purpose."""

from __future__ import annotations

import textwrap
from pathlib import Path

SOURCES_CSV = """\
id,publisher,title,url,published,accessed,note
src_un,United Nations,Statement on <Mali> & more,https://example.org/un?a=1&b=2,2023-12-31,2026-11-01,
src_news,News Agency,A report,https://example.org/news,2023-06,2026-11-01,
"""

PLACES_CSV = """\
id,name,name_fr,kind,country,region,lat,lon,geonames_id,description,sources,note
bamako,Bamako,,capital,MLI,Bamako,12.61,-7.98,,The capital.,src_un,
gao,Gao,,city,MLI,Gao,16.27,-0.04,,A city on the Niger.,src_un,
kidal,Kidal,,town,MLI,Kidal,18.44,1.41,,A northern town.,src_un,
timbuktu,Timbuktu,Tombouctou,city,MLI,Tombouctou,16.77,-3.01,,An old city.,src_un,
"""

BANK_YAML = """\
lesson: demo
title: "Demo <lesson>"
questions:
  - id: q_single
    type: single
    prompt: "Which resolution ended the mandate?"
    options: ["Resolution 2100", "Resolution 2690", "Resolution 2085"]
    answer: "Resolution 2690"
    hint: "Adopted on 30 June 2023."
    explanation: "Resolution 2690 ended it."
    sources: [src_un]
  - id: q_multi
    type: multi
    prompt: "Which sites remained?"
    options: [Gao, Bamako, Timbuktu, Kidal]
    answer: [Gao, Bamako]
    explanation: "Gao and Bamako remained."
    sources: [src_un, src_news]
  - id: q_tf
    type: truefalse
    prompt: "Timbuktu remained open after 31 December 2023."
    answer: false
    explanation: "It closed early."
    sources: [src_un]
  - id: q_num
    type: numeric
    prompt: "How many personnel died?"
    answer: 311
    tolerance: 0
    unit: people
    also_units: [personnel]
    explanation: "311 died."
    sources: [src_un]
  - id: q_date_day
    type: date
    prompt: "When was the withdrawal completed?"
    answer: 2023-12-31
    explanation: "On 31 December 2023."
    sources: [src_un]
  - id: q_date_year
    type: date
    prompt: "In which year did MINUSMA start?"
    answer: "2013"
    explanation: "In 2013."
    sources: [src_news]
  - id: q_order
    type: order
    prompt: "Put in order."
    items: ["Coup in Bamako", "Serval begins", "MINUSMA created", "MINUSMA leaves"]
    explanation: "2012, 2013, 2013, 2023."
    sources: [src_news]
  - id: q_match
    type: match
    prompt: "Match people and roles."
    pairs:
      - {left: Wane, right: Head of mission}
      - {left: Diop, right: Foreign minister}
      - {left: Goita, right: President}
    extra_right: [Governor]
    explanation: "As listed."
    sources: [src_news]
  - id: q_map
    type: map
    prompt: "Which marker shows Kidal?"
    places: [kidal, gao, timbuktu, bamako]
    answer: kidal
    explanation: "Kidal is in the north-east."
    sources: [src_un]
"""


def make_data_dir(root: Path, bank: str = BANK_YAML, lesson: str = "demo") -> Path:
    """Write the test data folder under ``root`` and return it."""
    folder = root / "data"
    (folder / "quizzes").mkdir(parents=True, exist_ok=True)
    (folder / "sources.csv").write_text(SOURCES_CSV, encoding="utf-8")
    (folder / "places.csv").write_text(PLACES_CSV, encoding="utf-8")
    (folder / "quizzes" / f"{lesson}.yaml").write_text(textwrap.dedent(bank), encoding="utf-8")
    return folder
