"""How lessons show tables: full texts, text left-aligned, dates as known, sources folded."""

from __future__ import annotations

import re

import pandas as pd

from mali_lessons import data, lesson


def _cells(html: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)


def test_long_text_is_shown_in_full_and_left_aligned() -> None:
    events = data.load_events()
    longest = events.loc[events["description"].str.len().idxmax(), "description"]
    html = lesson.frame_html(events[["date", "description"]])
    assert longest.replace("'", "&#39;").replace('"', "&#34;") in html
    assert re.search(r'<td style="text-align:left;[^"]*">' + re.escape(
        longest[:20].replace("'", "&#39;")), html)


def test_numbers_are_right_aligned() -> None:
    html = lesson.frame_html(data.load_missions()[["acronym", "fatalities_total"]])
    assert '<th scope="col" style="text-align:right;padding:0.25em 0.8em">fatalities_total</th>' in html


def test_dates_are_written_at_their_precision_even_without_the_precision_column() -> None:
    events = data.load_events().set_index("id")
    month_only = events[events["date_precision"] == "month"].index[0]
    expected = data.format_date(events.loc[month_only, "date"], "month")
    html = lesson.frame_html(events.loc[[month_only], ["date", "title"]])
    assert f">{expected}<" in html
    assert "00:00:00" not in html
    reset = data.load_events()
    html = lesson.frame_html(reset[reset["id"] == month_only][["id", "date"]])
    assert f">{expected}<" in html


def test_precision_columns_are_used_not_shown() -> None:
    bases = data.load_bases()
    html = lesson.frame_html(bases[["name", "closed", "closed_precision"]])
    assert "closed_precision" not in html


def test_row_numbers_are_left_out_but_a_named_index_is_shown() -> None:
    html = lesson.frame_html(data.load_places()[["name"]].head(3))
    assert html.count("<th ") == 1
    named = lesson.frame_html(data.load_places().set_index("id")[["name"]].head(3))
    assert '<th scope="col" style="text-align:left;padding:0.25em 0.8em">id</th>' in named


def test_source_tuples_missing_values_and_booleans_read_as_words() -> None:
    frame = pd.DataFrame({"sources": [("a", "b")], "note": [pd.NA],
                          "flag": pd.array([True], dtype="boolean")})
    assert _cells(lesson.frame_html(frame)) == ["a; b", "—", "yes"]


def test_table_cells_are_escaped() -> None:
    frame = pd.DataFrame({"name": ["<script>alert(1)</script>"]})
    html = lesson.frame_html(frame)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_long_sources_list_folds_away_and_a_short_one_does_not() -> None:
    ids = list(data.load_sources()["id"])
    long_html = lesson.sources(ids[: lesson.FOLD_AFTER + 5])._repr_html_()
    assert "<details" in long_html and f"Sources ({lesson.FOLD_AFTER + 5})" in long_html
    short_html = lesson.sources(ids[:3])._repr_html_()
    assert "<details" not in short_html and "<caption" in short_html


def test_start_shows_the_content_date_and_the_key_terms() -> None:
    shown = lesson.start(["minusma"])
    html = shown._repr_html_()
    assert f"Facts checked up to {data.load_edition().checked_up_to()}." in html
    assert "MINUSMA" in html
    assert "Facts checked up to" in repr(shown)


def test_dollar_amounts_are_never_typeset_as_formulas() -> None:
    """JupyterLab typesets $...$ in HTML outputs: "US$975.86 million ... US$1,074,718,900"
    would turn into a formula. Every lesson output sits in a block MathJax ignores."""
    from mali_lessons import charts

    term = lesson.key_terms(["peacekeeping_budget"])._repr_html_()
    assert "$" in term
    for html in (term, lesson.start(["mali"])._repr_html_(),
                 lesson.frame_html(data.load_places()[["name"]].head(2)),
                 lesson.sources(list(data.load_sources()["id"])[:20])._repr_html_(),
                 charts.coups_chart("2020")._repr_html_()):
        assert html.startswith('<div class="tex2jax_ignore mathjax_ignore">'), html[:80]
