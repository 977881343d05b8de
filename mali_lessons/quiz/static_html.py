"""Quiz questions as plain HTML, for pages shown without a running kernel.

GitHub, nbviewer and an HTML export cannot run widgets. The quiz therefore also gives its
questions as HTML: prompt, options (in the bank's order), and the answer with its explanation
and sources inside a closed ``<details>`` block that the reader opens on purpose. Every text
from the bank is escaped with :func:`html.escape`. Nothing here needs ipywidgets.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mali_lessons import data as data_tables
from mali_lessons.messages import msg
from mali_lessons.quiz.model import Bank, MapQuestion, MatchQuestion, Question

__all__ = ["SourceInfo", "bank_html", "load_source_info", "question_html", "sources_html"]

#: Source id -> (publisher, title, url), as in data/sources.csv.
SourceInfo = dict[str, tuple[str, str, str]]


def esc(value: Any) -> str:
    """Text made safe to put inside HTML (quotes included)."""
    return html.escape(str(value), quote=True)


def load_source_info(data_dir: Path | str | None = None) -> SourceInfo:
    """Publisher, title and url of every source in data/sources.csv, by id."""
    table = data_tables.load_sources(data_dir)
    return {
        row.id: (str(row.publisher), str(row.title), str(row.url))
        for row in table.itertuples(index=False)
    }


#: Links look like links inside widgets too (JupyterLab's widget CSS makes them plain text).
LINK_STYLE = "color:#0b5cad;text-decoration:underline"


def sources_html(source_ids: list[str], sources: SourceInfo) -> str:
    """Links to the sources: 'Publisher: Title', opening in a new tab."""
    links = []
    for source_id in source_ids:
        publisher, title, url = sources.get(source_id, ("", source_id, ""))
        label = f"{publisher}: {title}" if publisher else title
        if url:
            links.append(
                f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer" '
                f'style="{LINK_STYLE}">{esc(label)}</a>'
            )
        else:
            links.append(esc(label))
    return "; ".join(links)


def correct_answer_text(question: Question, bank: Bank) -> str:
    """The right answer in words (place names for map questions)."""
    if isinstance(question, MapQuestion):
        return bank.place_name(question.answer)
    return question.answer_text(question.correct_answer())


def _choices_html(question: Question, bank: Bank) -> str:
    if isinstance(question, MatchQuestion):
        lefts = "".join(f"<li>{esc(item)}</li>" for item in question.lefts())
        rights = "".join(f"<li>{esc(item)}</li>" for item in sorted(question.rights()))
        return f"<ul>{lefts}</ul><p>→</p><ul>{rights}</ul>"
    if isinstance(question, MapQuestion):
        items = []
        for number, place_id in enumerate(question.places, start=1):
            _name, lat, lon = bank.places.get(place_id, (place_id, float("nan"), float("nan")))
            items.append(
                "<li>" + esc(msg("map_marker_at", number=number, lat=f"{lat:.2f}",
                                 lon=f"{lon:.2f}")) + "</li>"
            )
        return f"<ol>{''.join(items)}</ol>"
    if question.kind == "truefalse":
        return f"<ul><li>{esc(msg('true'))}</li><li>{esc(msg('false'))}</li></ul>"
    choices = question.choices()
    if question.kind == "order":
        choices = sorted(choices)
    if not choices:
        return ""
    return "<ul>" + "".join(f"<li>{esc(c)}</li>" for c in choices) + "</ul>"


def question_html(question: Question, bank: Bank, number: int, sources: SourceInfo) -> str:
    """One question as HTML: heading, prompt, choices and a closed answer block."""
    answer = correct_answer_text(question, bank)
    return (
        '<div class="mali-quiz-question" style="margin:0.8em 0;">'
        f"<p><strong>{esc(msg('question_number', number=number, total=len(bank.questions)))}"
        f"</strong> ({esc(msg('type_' + question.kind))})</p>"
        f"<p>{esc(question.prompt)}</p>"
        f"{_choices_html(question, bank)}"
        f"<details><summary>{esc(msg('static_show_answer'))}</summary>"
        f"<p><strong>{esc(msg('the_answer', answer=answer))}</strong></p>"
        f"<p>{esc(msg('static_explanation'))} {esc(question.explanation)}</p>"
        f"<p>{esc(msg('sources_label'))} {sources_html(question.sources, sources)}</p>"
        "</details></div>"
    )


def bank_html(bank: Bank, sources: SourceInfo) -> str:
    """A whole lesson's quiz as HTML (what GitHub and nbviewer show)."""
    parts = [
        '<div class="mali-quiz">',
        f"<h3>{esc(msg('quiz_title', title=bank.title))}</h3>",
        f"<p><em>{esc(msg('static_note'))}</em></p>",
    ]
    parts += [question_html(q, bank, n, sources) for n, q in enumerate(bank.questions, 1)]
    parts.append("</div>")
    return "\n".join(parts)
