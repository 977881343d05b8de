"""Command line for teachers.

    python -m mali_lessons answer-key [--lesson 04_withdrawal] [--out key.md]
    python -m mali_lessons collect FOLDER [--out OUTFOLDER]
    python -m mali_lessons export --format moodle-xml|gift [--lesson L] [--lang en] --out FILE

``answer-key`` prints (or writes) every quiz question with its answer, explanation and
sources as Markdown. ``collect`` reads the results files students made with
``export_results()`` and writes ``class_summary.csv`` and ``class_summary.png``.
``export`` writes the quiz bank as a Moodle XML or GIFT file to import into Moodle (see
:mod:`mali_lessons.lms`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mali_lessons.collect import collect_results
from mali_lessons.lms.command import add_export_parser, run_export
from mali_lessons.messages import msg
from mali_lessons.quiz.model import QuizBankError
from mali_lessons.teacher import answer_key_markdown


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its subcommands."""
    parser = argparse.ArgumentParser(prog="python -m mali_lessons", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    key = commands.add_parser("answer-key", help=msg("answer_key_help"))
    key.add_argument("--lesson", help=msg("answer_key_help_lesson"))
    key.add_argument("--out", type=Path, help=msg("answer_key_help_out"))
    key.add_argument("--data-dir", type=Path, help=msg("collect_help_data_dir"))

    collect = commands.add_parser("collect", help=msg("collect_help"))
    collect.add_argument("folder", type=Path, help=msg("collect_help_folder"))
    collect.add_argument("--out", type=Path, help=msg("collect_help_out"))
    collect.add_argument("--data-dir", type=Path, help=msg("collect_help_data_dir"))
    add_export_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; return the exit status (0 when all went well)."""
    args = build_parser().parse_args(argv)
    if args.command == "export":
        return run_export(args)
    if args.command == "answer-key":
        try:
            text = answer_key_markdown(args.lesson, args.data_dir)
        except (QuizBankError, ValueError) as problem:
            print(msg("collect_error", problem=problem), file=sys.stderr)
            return 1
        if args.out:
            try:
                args.out.write_text(text, encoding="utf-8")
            except OSError as problem:
                print(msg("collect_error_file", path=args.out,
                          problem=problem.strerror or problem), file=sys.stderr)
                return 1
            print(msg("answer_key_written", path=args.out, lessons=text.count("\n## "),
                      questions=text.count("\n### ")))
        else:
            sys.stdout.write(text)
        return 0

    if not args.folder.is_dir():
        print(msg("collect_not_a_folder", folder=args.folder), file=sys.stderr)
        return 1
    try:
        summary = collect_results(args.folder, args.out, args.data_dir)
    except OSError as problem:
        print(msg("collect_error_file", path=problem.filename or args.out,
                  problem=problem.strerror or problem), file=sys.stderr)
        return 1
    for line in summary.skipped + summary.notes:
        print(line, file=sys.stderr)
    if summary.students == 0:
        print(msg("collect_no_files", folder=args.folder), file=sys.stderr)
        return 1
    print(msg("collect_written", students=summary.students, csv=summary.csv_path,
              png=summary.png_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
