"""Teacher tools: the answer key, students' results to hand in, and the class summary.

* :func:`answer_key_markdown` writes every question of the bank with its answer, explanation
  and sources as Markdown (``python -m mali_lessons answer-key [--lesson L]``).
* :func:`export_results` is run by a student in a notebook; it writes a JSON file with the
  student's id and, per lesson and question, the answer, whether it was right, and the score.
* :func:`collect_results` reads a folder of those files and writes the class summary: per
  question the share of students who answered right and the most common wrong answers, as a
  CSV file and a bar chart (``python -m mali_lessons collect DIR [--out OUTDIR]``). Files
  that cannot be read are reported by name and skipped.
"""

from __future__ import annotations

import collections
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from mali_lessons.messages import msg
from mali_lessons.progress import ProgressStore, now_utc, student_id
from mali_lessons.quiz_html import correct_answer_text, load_source_info
from mali_lessons.quiz_model import (
    Bank,
    MatchQuestion,
    former_lesson_ids,
    list_lessons,
    load_bank,
)

__all__ = [
    "RESULTS_KIND",
    "ClassSummary",
    "answer_key_markdown",
    "collect_results",
    "export_results",
    "results_for",
]

#: Marks a results file, so that collect() recognises it.
RESULTS_KIND = "mali_lessons-results"
RESULTS_FORMAT = 1

#: Columns of the class summary CSV.
SUMMARY_COLUMNS = [
    "lesson", "question", "type", "prompt", "students", "answered", "right", "share_right",
    "right_first_try", "answer_shown", "common_wrong",
]


# ---------------------------------------------------------------------------------------------
# Answer key
# ---------------------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe inside Markdown: characters that start formatting are escaped."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def _lesson_key(bank: Bank, sources: dict[str, tuple[str, str, str]]) -> list[str]:
    lines = [f"## {_md(bank.lesson)}: {_md(bank.title)}", ""]
    for number, q in enumerate(bank.questions, start=1):
        lines += [f"### {number}. {_md(q.prompt)}", "",
                  f"*{_md(q.id)}, {msg('key_type', kind=msg('type_' + q.kind))}*", ""]
        if q.kind in ("single", "multi"):
            right = set(q.correct_answer() if q.kind == "multi" else [q.correct_answer()])
            lines.append(msg("key_options"))
            lines += [f"- {_md(o)}" + (f" **{msg('key_right_option')}**" if o in right else "")
                      for o in q.choices()]
            lines.append("")
        elif isinstance(q, MatchQuestion) and q.extra_right:
            lines += [msg("key_options"), ""] + [f"- {_md(r)}" for r in q.rights()] + [""]
        lines += [f"**{msg('key_answer')}** {_md(correct_answer_text(q, bank))}", "",
                  f"**{msg('key_why')}** {_md(q.explanation)}", ""]
        if q.hint:
            lines += [f"**{msg('key_hint')}** {_md(q.hint)}", ""]
        links = []
        for source_id in q.sources:
            publisher, title, url = sources[source_id]
            links.append(f"[{_md(publisher)}: {_md(title)}]({url}) (`{source_id}`)")
        lines += [f"**{msg('key_sources')}** " + "; ".join(links), ""]
    return lines


def answer_key_markdown(
    lesson: str | None = None, data_dir: Path | str | None = None
) -> str:
    """The answer key as Markdown: every question of one lesson (or all) with its answer."""
    lessons = [lesson] if lesson else list_lessons(data_dir)
    sources = load_source_info(data_dir)
    lines = [f"# {msg('key_title')}", "", msg("key_generated"), ""]
    for name in lessons:
        lines += _lesson_key(load_bank(name, data_dir), sources)
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------------------------------------
# A student's results
# ---------------------------------------------------------------------------------------------


def results_for(
    store: ProgressStore, lessons: list[str], data_dir: Path | str | None = None
) -> dict[str, Any]:
    """The results document of the student behind ``store`` (what export_results writes)."""
    document: dict[str, Any] = {
        "kind": RESULTS_KIND,
        "format": RESULTS_FORMAT,
        "student": store.student,
        "exported_at": now_utc(),
        "lessons": {},
    }
    for lesson in lessons:
        bank = load_bank(lesson, data_dir)
        records = store.lesson(lesson)
        questions = {}
        for q in bank.questions:
            record = records.get(q.id)
            answered = record is not None and (record["tries"] > 0 or record.get("revealed"))
            questions[q.id] = {
                "type": q.kind,
                "prompt": q.prompt,
                "answered": bool(answered),
                "answer": record.get("answer_text") if record else None,
                "correct": bool(record and record["correct"] and not record.get("revealed")),
                "tries": record["tries"] if record else 0,
                "right_on_try": record.get("right_on_try") if record else None,
                "revealed": bool(record and record.get("revealed")),
                "wrong_answers": list(record.get("wrong_answers", [])) if record else [],
            }
        right = sum(1 for q in questions.values() if q["correct"])
        answered_count = sum(1 for q in questions.values() if q["answered"])
        document["lessons"][lesson] = {
            "title": bank.title,
            "score": {"right": right, "answered": answered_count, "total": len(questions)},
            "questions": questions,
        }
    return document


def export_results(
    path: Path | str | None = None,
    lesson: str | None = None,
    *,
    store: ProgressStore | None = None,
    data_dir: Path | str | None = None,
) -> Path:
    """Write this student's results to a JSON file to hand in, and return its path.

    By default the file is ``results-<student>.json`` in the notebook's folder and holds every
    lesson of the bank (questions not yet answered are marked so). ``lesson`` limits it to one.
    """
    store = store if store is not None else ProgressStore.for_student(student_id())
    lessons = [lesson] if lesson else list_lessons(data_dir)
    document = results_for(store, lessons, data_dir)
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in store.student)
    target = Path(path) if path is not None else Path.cwd() / f"results-{safe}.json"
    if target.is_dir():
        target = target / f"results-{safe}.json"
    target.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    print(msg("export_written", path=target))
    return target


# ---------------------------------------------------------------------------------------------
# Class summary
# ---------------------------------------------------------------------------------------------


@dataclass
class ClassSummary:
    """What :func:`collect_results` found: the table, the files written and the files skipped."""

    table: pd.DataFrame
    students: int
    csv_path: Path | None = None
    png_path: Path | None = None
    skipped: list[str] = field(default_factory=list)


def _read_results(path: Path) -> dict[str, Any]:
    """One results file, checked; ValueError with a reason in words when it is unusable."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError(msg("collect_not_json")) from None
    ok = (
        isinstance(document, dict)
        and document.get("kind") == RESULTS_KIND
        and isinstance(document.get("student"), str)
        and isinstance(document.get("lessons"), dict)
        and all(
            isinstance(lesson, dict)
            and isinstance(lesson.get("questions"), dict)
            and all(isinstance(q, dict) for q in lesson["questions"].values())
            for lesson in document["lessons"].values()
        )
    )
    if not ok:
        raise ValueError(msg("collect_not_results"))
    return document


def _common(counter: collections.Counter, how_many: int = 3) -> str:
    return "; ".join(f"{answer} ({count})" for answer, count in counter.most_common(how_many))


def _renamed_lessons(document: dict[str, Any], renames: dict[str, str]) -> dict[str, Any]:
    """The document's lessons with those exported under a former id filed under the current
    one (the questions exported under the current id win where both exist)."""
    lessons = dict(document["lessons"])
    for old, new in renames.items():
        if old in lessons and old != new:
            part = lessons.pop(old)
            if new in lessons:
                questions = dict(part["questions"])
                questions.update(lessons[new]["questions"])
                lessons[new] = {**lessons[new], "questions": questions}
            else:
                lessons[new] = part
    return {**document, "lessons": lessons}


def collect_results(
    folder: Path | str, out_dir: Path | str | None = None, data_dir: Path | str | None = None
) -> ClassSummary:
    """Merge the results files (``*.json``) in ``folder`` into a class summary.

    Writes ``class_summary.csv`` and ``class_summary.png`` to ``out_dir`` (the same folder by
    default). When a student handed in several files, the one exported last counts. Files that
    cannot be read are listed in ``skipped`` ("name: reason") and left out.
    """
    folder = Path(folder)
    out = Path(out_dir) if out_dir is not None else folder
    renames = former_lesson_ids(data_dir)
    latest: dict[str, dict[str, Any]] = {}
    skipped: list[str] = []
    for path in sorted(folder.glob("*.json")):
        try:
            document = _read_results(path)
        except ValueError as problem:
            skipped.append(msg("collect_skipped", name=path.name, reason=problem))
            continue
        document = _renamed_lessons(document, renames)
        previous = latest.get(document["student"])
        if previous is None or str(document.get("exported_at")) >= str(
            previous.get("exported_at")
        ):
            latest[document["student"]] = document

    rows: dict[tuple[str, str], dict[str, Any]] = {}
    wrong: dict[tuple[str, str], collections.Counter] = collections.defaultdict(
        collections.Counter
    )
    for document in latest.values():
        for lesson, content in document["lessons"].items():
            for qid, q in content["questions"].items():
                row = rows.setdefault((lesson, qid), {
                    "lesson": lesson, "question": qid, "type": q.get("type", ""),
                    "prompt": q.get("prompt", ""), "students": 0, "answered": 0, "right": 0,
                    "right_first_try": 0, "answer_shown": 0,
                })
                row["students"] += 1
                row["answered"] += bool(q.get("answered"))
                row["right"] += bool(q.get("correct"))
                row["right_first_try"] += bool(q.get("correct") and q.get("right_on_try") == 1)
                row["answer_shown"] += bool(q.get("revealed"))
                # Each student counts once per distinct wrong answer.
                for answer in set(str(a) for a in q.get("wrong_answers") or []):
                    wrong[(lesson, qid)][answer] += 1

    table = pd.DataFrame(list(rows.values()), columns=[c for c in SUMMARY_COLUMNS
                                                       if c not in ("share_right",
                                                                    "common_wrong")])
    if not table.empty:
        table["share_right"] = [
            round(r / a, 3) if a else math.nan for r, a in zip(table["right"], table["answered"])
        ]
        table["common_wrong"] = [_common(wrong[(lesson, q)]) for lesson, q in
                                 zip(table["lesson"], table["question"])]
        table = table.sort_values(["lesson"], kind="stable")
    table = table.reindex(columns=SUMMARY_COLUMNS)

    summary = ClassSummary(table=table, students=len(latest), skipped=skipped)
    if latest:
        out.mkdir(parents=True, exist_ok=True)
        summary.csv_path = out / "class_summary.csv"
        table.to_csv(summary.csv_path, index=False)
        summary.png_path = out / "class_summary.png"
        class_chart(table, len(latest), summary.png_path)
    return summary


def class_chart(table: pd.DataFrame, students: int, path: Path) -> Path:
    """Horizontal bars, one per question: the share of students who answered right.

    Blue bars for half or more, orange for under half (Okabe-Ito colours, distinct for
    colour-blind readers); each bar also carries its percentage and counts as text, so colour
    is never the only sign.
    """
    # A Figure made without pyplot is drawn by the Agg renderer and never touches the
    # notebook's own plotting backend.
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from mali_lessons.style import OKABE_ITO

    labels = [f"{lesson} · {question}" for lesson, question in
              zip(table["lesson"], table["question"])]
    shares = [0.0 if math.isnan(s) else 100 * s for s in table["share_right"]]
    colours = [OKABE_ITO["blue"] if s >= 50 else OKABE_ITO["orange"] for s in shares]
    height = max(3.0, 0.42 * len(labels) + 1.6)
    fig = Figure(figsize=(9, height), dpi=110)
    ax = fig.subplots()
    positions = list(range(len(labels)))[::-1]  # first question at the top
    ax.barh(positions, shares, color=colours, edgecolor="#333333", linewidth=0.5)
    for y, share, right, answered, first in zip(positions, shares, table["right"],
                                                table["answered"], table["right_first_try"]):
        ax.text(min(share, 100) + 1, y, msg("collect_chart_bar", share=f"{share:.0f}",
                                            right=right, answered=answered, first=first),
                va="center", fontsize=8.5)
    ax.set_yticks(positions)
    ax.set_yticklabels(labels, fontsize=9)
    ax.set_xlim(0, 135)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel(msg("collect_chart_xlabel"))
    ax.axvline(50, color="#777777", linestyle=":", linewidth=1)
    ax.set_title(msg("collect_chart_title", students=students), fontsize=12)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(handles=[Patch(color=OKABE_ITO["blue"], label=msg("collect_chart_ok")),
                       Patch(color=OKABE_ITO["orange"], label=msg("collect_chart_low"))],
              loc="upper center", bbox_to_anchor=(0.5, -0.09 * 6 / height), ncol=2,
              fontsize=8.5, frameon=False)
    fig.savefig(path, bbox_inches="tight")
    return path
