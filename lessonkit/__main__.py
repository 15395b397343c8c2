"""Command line: ``python -m lessonkit check`` or ``python -m lessonkit execute``."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lessonkit", description="Tools for the trafficking-in-persons lessons."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("check", help="check every content file; exit 1 on any problem")
    commands.add_parser(
        "concepts", help="print the concept map: where each concept is taught and checked"
    )
    run = commands.add_parser("execute", help="re-execute notebooks from content (all by default)")
    run.add_argument("notebooks", nargs="*", help="notebook paths (default: every notebook)")
    lite = commands.add_parser(
        "lite", help="build the JupyterLite site (needs requirements-lite.txt, see README)"
    )
    lite.add_argument("--out", help="site folder (default: _build/lite)")
    lite.add_argument("--cache", help="downloads folder (default: _build/lite-cache)")
    lite.add_argument("--pyodide", help="npm package pyodide: its .tgz or folder")
    lite.add_argument("--fetch", action="store_true", help="fetch missing pieces (npm, pip)")
    commands.add_parser("readability", help="print each module's reading grade (needs textstat)")
    from .handouts import add_command as add_handouts  # plan and handouts (issue 6)
    from .plan import add_command as add_plan

    add_plan(commands)
    add_handouts(commands)
    args = parser.parse_args(argv)
    if args.command in ("plan", "handouts"):
        return args.run(args)

    if args.command == "check":
        from .content import check_all, content_root

        problems = check_all()
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"{len(problems)} problem(s) found.", file=sys.stderr)
            return 1
        print(f"All content in {content_root()} is valid.")
        return 0

    if args.command == "concepts":
        from .content import concept_map, load_course

        course = load_course()
        gaps = 0
        for concept in course.concepts:
            taught, checked = concept_map(course)[concept.id]
            gaps += not taught or not checked
            print(f"{concept.id}: {concept.summary}")
            print(f"  taught in:  {', '.join(taught) or 'NOWHERE'}")
            print(f"  checked by: {', '.join(checked) or 'NOTHING'}")
        print(f"{len(course.concepts)} concepts, {gaps} not yet both taught and checked.")
        return 1 if gaps else 0

    if args.command == "execute":
        from pathlib import Path

        from .content import check_all
        from .notebooks import execute_all

        problems = check_all()
        if problems:
            print("\n".join(problems), file=sys.stderr)
            print("Fix the content first (python -m lessonkit check).", file=sys.stderr)
            return 1
        execute_all([Path(p).resolve() for p in args.notebooks] or None)
        return 0
    if args.command == "lite":
        from . import lite as site

        try:
            site.build(
                args.out or site.DEFAULT_OUT,
                cache=args.cache or site.DEFAULT_CACHE,
                pyodide=args.pyodide,
                fetch=args.fetch,
            )
        except site.LiteError as err:
            print(f"lite: {err}", file=sys.stderr)
            return 1
        return 0
    if args.command == "readability":
        from .readability import main as readability

        return readability()
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
