"""Teacher tools: the answer key, and the results a student hands in.

* :func:`answer_key_markdown` writes every question of the bank with its answer, explanation
  and sources as Markdown (``python -m mali_lessons answer-key [--lesson L]``). For a map
  question it gives the place and its marker number on the printed map.
* :func:`export_results` is run by a student in a notebook; it writes a JSON file with the
  student's name and, per lesson and question, the answer (in words and as saved), whether it
  was right (judged again from the bank), and the score.
* :func:`collect_results` (in :mod:`mali_lessons.collect`) reads a folder of those files and
  writes the class summary (``python -m mali_lessons collect DIR [--out OUTDIR]``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mali_lessons.handin import HandInRefused, hand_in, handin_file_name, handin_folder, login_name
from mali_lessons.jsonfile import write_json_atomic
from mali_lessons.messages import msg
from mali_lessons.quiz.progress import ProgressStore, now_utc, student_file_part, student_id
from mali_lessons.quiz.answer_text import correct_answer_text, load_source_info
from mali_lessons.quiz.model import (
    Bank,
    MapQuestion,
    MatchQuestion,
    Question,
    list_lessons,
    load_bank,
)

__all__ = [
    "RESULTS_KIND",
    "ClassSummary",
    "answer_key_markdown",
    "collect_results",
    "export_results",
    "key_answer_text",
    "results_file_name",
    "results_for",
]

#: Marks a results file, so that collect() recognises it.
RESULTS_KIND = "mali_lessons-results"
#: 2 added ``value`` (the answer as saved, so that collect can judge it again).
RESULTS_FORMAT = 2


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
        if isinstance(q, MapQuestion):
            markers = "; ".join(f"{n} {bank.place_name(p)}" for n, p in enumerate(q.places, 1))
            lines += [msg("key_markers", markers=_md(markers)), ""]
        lines += [f"**{msg('key_answer')}** {_md(key_answer_text(q, bank))}", "",
                  f"**{msg('key_why')}** {_md(q.explanation)}", ""]
        if q.hint:
            lines += [f"**{msg('key_hint')}** {_md(q.hint)}", ""]
        links = []
        for source_id in q.sources:
            publisher, title, url = sources[source_id]
            links.append(f"[{_md(publisher)}: {_md(title)}]({url}) (`{source_id}`)")
        lines += [f"**{msg('key_sources')}** " + "; ".join(links), ""]
    return lines


def key_answer_text(
    question: Question, bank: Bank, marker_order: list[str] | None = None
) -> str:
    """The right answer as a teacher reads it out: for a map question the marker number
    (with the markers numbered in ``marker_order``, the order on one student's screen, or
    else the bank's order as on the printed map) and the place."""
    if isinstance(question, MapQuestion):
        return msg("map_answer_marker", number=question.marker_number(marker_order),
                   place=bank.place_name(question.answer))
    return correct_answer_text(question, bank)


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


def _judged(question: Question, record: dict[str, Any] | None) -> bool:
    """Right, judged again from the bank: the saved answer, not the saved verdict."""
    if record is None or record.get("revealed") or record.get("tries", 0) == 0:
        return False
    answer = record.get("answer")
    return question.fits(answer) and question.is_correct(answer)


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
                "value": record.get("answer") if record else None,
                "correct": _judged(q, record),
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


def results_file_name(student: str) -> str:
    """``results-<name>-<code>.json``: the same name-to-file rule as progress files."""
    return f"results-{student_file_part(student)}.json"


def export_results(
    path: Path | str | None = None,
    lesson: str | None = None,
    *,
    store: ProgressStore | None = None,
    data_dir: Path | str | None = None,
) -> Path | None:
    """Write this student's results to a JSON file to hand in, and return its path.

    By default the file is ``results-<name>-<code>.json`` (see :func:`results_file_name`) in
    the notebook's folder and holds every lesson of the bank (questions not yet answered are
    marked so). ``lesson`` limits it to one. Where the file cannot be written, a message says
    so and None is returned.

    On a shared server where the teacher has set a hand-in folder (``MALI_LESSONS_HANDIN``,
    see :mod:`mali_lessons.handin`) and no ``path`` is given, the file goes into that folder
    instead, named after the student's login (not ``MALI_LESSONS_STUDENT``), readable by the
    teacher and by no other student.
    """
    store = store if store is not None else ProgressStore.for_student(student_id())
    lessons = [lesson] if lesson else list_lessons(data_dir)
    document = results_for(store, lessons, data_dir)
    folder = handin_folder() if path is None else None
    if folder is not None:
        return _hand_in(document, folder, store)
    name = results_file_name(store.student)
    target = Path(path) if path is not None else Path.cwd() / name
    if target.is_dir():
        target = target / name
    try:
        write_json_atomic(target, document)
    except OSError as err:
        print(msg("export_failed", path=target, error=err.strerror or err))
        return None
    for warning in store.warnings:
        print(msg("warning", text=warning))
    print(msg("export_written", path=target))
    return target


def _hand_in(document: dict[str, Any], folder: Path, store: ProgressStore) -> Path | None:
    """Put ``document`` in the hand-in folder (see export_results); say what happened."""
    target = folder / handin_file_name(login_name())
    try:
        written = hand_in(document, folder)
    except HandInRefused as refused:
        print(str(refused))
        return None
    except OSError as err:
        print(msg("export_failed", path=target, error=err.strerror or err))
        return None
    for warning in store.warnings:
        print(msg("warning", text=warning))
    print(msg("handin_written", path=written))
    return written


def collect_results(*args: Any, **kwargs: Any) -> Any:
    """See :func:`mali_lessons.collect.collect_results` (kept here for older notebooks)."""
    from mali_lessons.collect import collect_results as collect

    return collect(*args, **kwargs)


def __getattr__(name: str) -> Any:
    if name == "ClassSummary":
        from mali_lessons.collect import ClassSummary

        return ClassSummary
    raise AttributeError(name)
