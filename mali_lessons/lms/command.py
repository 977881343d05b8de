"""``python -m mali_lessons export``: the quiz bank as a file to import into Moodle.

    python -m mali_lessons export --format moodle-xml|gift [--lesson ID] [--lang en|fr]
                                  [--no-ordering] --out FILE

It writes the file, then says how many questions it wrote, what each question type became,
and, question by question, what could not be carried over as it is. Exit status: 0 when the
file was written, 1 for a problem with the bank, the lesson or the file, 2 when the bank has no
texts in the language asked for (English, or French from data/quizzes/fr/).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from mali_lessons.lms import (
    FORMATS,
    ExportResult,
    LanguageNotAvailable,
    UnknownLesson,
    export_quiz,
)
from mali_lessons.quiz.model import QuizBankError, list_lessons

__all__ = ["add_export_parser", "run_export", "report_lines"]

FORMAT_NAMES = {"moodle-xml": "Moodle XML", "gift": "GIFT"}
IMPORT_AS = {"moodle-xml": "Moodle XML format", "gift": "GIFT format"}


def add_export_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``export`` subcommand to the command line's subcommands."""
    export = commands.add_parser(
        "export", help="write the quiz bank as a Moodle XML or GIFT file for Moodle",
        description="Write the quiz bank (every lesson, or one) as a file that Moodle imports: "
                    "Question bank > Import > the format > upload the file.")
    export.add_argument("--format", required=True, choices=FORMATS,
                        help="moodle-xml (all question types, map pictures included) or gift")
    export.add_argument("--lesson", help="only this lesson, e.g. 04_withdrawal")
    export.add_argument("--lang", default="en", choices=("en", "fr"),
                        help="the language of the questions (default en)")
    export.add_argument("--no-ordering", action="store_true",
                        help="Moodle XML: write order questions as matching questions "
                             "(1st, 2nd...) for a Moodle without the Ordering question type")
    export.add_argument("--out", type=Path, required=True, help="the file to write")
    export.add_argument("--data-dir", type=Path, help="the data folder (default: the project's)")
    return export


def _write_atomic(path: Path, content: bytes) -> None:
    """Write the file in one go: a half-written file never takes the place of a good one."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        os.fchmod(handle, 0o644)  # readable like any file the teacher saves
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def report_lines(result: ExportResult, out: Path) -> list[str]:
    """What the command prints after writing the file."""
    name = FORMAT_NAMES[result.format]
    lines = [
        f"{name}: wrote {result.written} of {result.total} questions from "
        f"{len(result.lessons)} lesson(s) to {out}.",
        f"In Moodle: Question bank > Import > {IMPORT_AS[result.format]} > upload {out.name}.",
        "Question types:",
    ]
    lines += [f"  {kind}: {target}" for kind, target in result.mapping.items()]
    lines += result.general
    changed = [note for note in result.notes if not note.skipped]
    if changed:
        lines.append("Carried over with a change:")
        lines += ["  " + note.line() for note in changed]
    if result.skipped:
        lines.append("Left out (they could not be written without breaking them):")
        lines += ["  " + note.line() for note in result.skipped]
    else:
        lines.append("No question was left out.")
    return lines


def run_export(args: argparse.Namespace) -> int:
    """Run ``export`` with the parsed arguments; return the exit status."""
    try:
        result = export_quiz(args.format, args.lesson, lang=args.lang,
                             ordering=not args.no_ordering, data_dir=args.data_dir)
    except LanguageNotAvailable:
        print(f"A lesson of this quiz bank has no translation into '{args.lang}' (a file "
              f"data/quizzes/{args.lang}/<lesson>.yaml for each lesson): export it in English "
              "with --lang en (the default), or add the translation.", file=sys.stderr)
        return 2
    except UnknownLesson as unknown:
        lessons = ", ".join(list_lessons(args.data_dir)) or "none"
        print(f"error: no lesson called {unknown.args[0]!r}; the lessons are: {lessons}",
              file=sys.stderr)
        return 1
    except (QuizBankError, ValueError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    try:
        _write_atomic(args.out, result.content)
    except OSError as problem:
        print(f"error: {args.out}: {problem.strerror or problem}", file=sys.stderr)
        return 1
    print("\n".join(report_lines(result, args.out)))
    return 0
