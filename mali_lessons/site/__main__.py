"""Command line for the site and the handouts.

    python -m mali_lessons.site build [--out site] [--if-changed]
    python -m mali_lessons.site handouts [--site site] [--out handouts]

``build`` runs every lesson and writes the static site; ``handouts`` prints the site's pages to
PDF worksheets and answer keys with headless Chromium (``sudo apt-get install chromium``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mali_lessons.site.build import ROOT, SiteBuildError, build_site


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status (0 when all went well)."""
    parser = argparse.ArgumentParser(prog="python -m mali_lessons.site", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write the static site")
    build.add_argument("--out", type=Path, default=ROOT / "site")
    build.add_argument("--if-changed", action="store_true",
                       help="keep the site when nothing it is made from has changed")
    handouts = commands.add_parser("handouts", help="print worksheets and answer keys to PDF")
    handouts.add_argument("--site", type=Path, default=ROOT / "site")
    handouts.add_argument("--out", type=Path, default=ROOT / "handouts")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            print(build_site(args.out, only_if_changed=args.if_changed).summary())
        else:
            from mali_lessons.site.handouts import HandoutError, build_handouts

            try:
                print(build_handouts(args.site, args.out).summary())
            except HandoutError as problem:
                print(f"error: {problem}", file=sys.stderr)
                return 1
    except SiteBuildError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
