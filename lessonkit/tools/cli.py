"""The command line, ``python -m lessonkit COMMAND``: one table of subcommands.

Each entry of ``SUBCOMMANDS`` has its help line, a function that adds its options and the
function that runs it (returning the exit code). Heavy libraries (textstat, nbclient, the
JupyterLite tools) are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content import content_root, load_course
from ..content.check import check_all, concept_map
from ..content.loader import balance
from . import class_summary, handouts, plan
from . import lite as site
from .notebooks import execute_all
from .readability import main as readability


def one_line_errors(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Make a (sub)parser report a bad argument in one line and exit with code 2."""

    def error(message: str):
        parser.exit(2, f"{parser.prog}: {message}\n")

    parse_known_args = parser.parse_known_args

    def parse_known_only(args=None, namespace=None):
        namespace, extras = parse_known_args(args, namespace)
        if extras:
            error(f"unrecognized arguments: {' '.join(extras)}")
        return namespace, extras

    parser.error = error
    parser.parse_known_args = parse_known_only
    return parser


def _no_options(_parser) -> None:
    pass


def _content_problems() -> bool:
    """Print what is wrong with the content, if anything; True when something is."""
    problems = check_all()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("Fix the content first (python -m lessonkit check).", file=sys.stderr)
    return bool(problems)


def run_check(_args) -> int:
    problems = check_all()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print(f"All content in {content_root()} is valid.")
    print("Scored items that apply a rule or choose an action (at least a third per module):")
    for module_id, (high, scored) in balance(load_course().modules).items():
        print(f"  {module_id}: {high} of {scored}")
    return 0


def run_concepts(_args) -> int:
    course = load_course()
    found = concept_map(course)
    gaps = 0
    for concept in course.concepts:
        taught, checked = found[concept.id]
        gaps += not taught or not checked
        print(f"{concept.id}: {concept.summary}")
        print(f"  taught in:  {', '.join(taught) or 'NOWHERE'}")
        print(f"  checked by: {', '.join(checked) or 'NOTHING'}")
    print(f"{len(course.concepts)} concepts, {gaps} not yet both taught and checked.")
    return 1 if gaps else 0


def execute_options(parser) -> None:
    parser.add_argument("notebooks", nargs="*", help="notebook paths (default: every notebook)")


def run_execute(args) -> int:
    if _content_problems():
        return 1
    execute_all([Path(p).resolve() for p in args.notebooks] or None)
    return 0


def lite_options(parser) -> None:
    parser.add_argument("--out", help="site folder (default: _build/lite)")
    parser.add_argument("--cache", help="downloads folder (default: _build/lite-cache)")
    parser.add_argument("--pyodide", help="npm package pyodide: its .tgz or folder")
    parser.add_argument("--fetch", action="store_true", help="fetch missing pieces (npm, pip)")


def run_lite(args) -> int:
    try:
        site.build_site(
            args.out or site.DEFAULT_OUT,
            cache=args.cache or site.DEFAULT_CACHE,
            pyodide=args.pyodide,
            fetch=args.fetch,
        )
    except site.LiteError as err:
        print(f"lite: {err}", file=sys.stderr)
        return 1
    return 0


def readability_options(parser) -> None:
    parser.add_argument(
        "--lang", default="en", help="edition to measure (default: en; fr: French reading ease)"
    )


def run_readability(args) -> int:
    return readability(args.lang)


# name: (help line, add its options, run it)
SUBCOMMANDS = {
    "check": (
        "check every content file; exit 1 on any problem",
        _no_options,
        run_check,
    ),
    "concepts": (
        "print the concept map: where each concept is taught and checked",
        _no_options,
        run_concepts,
    ),
    "execute": (
        "re-execute notebooks from content (all by default)",
        execute_options,
        run_execute,
    ),
    "lite": (
        "build the JupyterLite site (needs requirements-lite.txt, see README)",
        lite_options,
        run_lite,
    ),
    "readability": (
        "print each module's reading grade, or --lang fr its French reading ease (textstat)",
        readability_options,
        run_readability,
    ),
    "plan": (
        "print a timed session plan from the content, e.g. plan --minutes 90",
        plan.add_arguments,
        plan.run,
    ),
    "class-summary": (
        "count the class's knowledge-check results files in a folder, by idea, with no names",
        class_summary.add_arguments,
        class_summary.run,
    ),
    "handouts": (
        "write printable handouts (one per module), the answer key and the referral plan",
        handouts.add_arguments,
        handouts.run,
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lessonkit", description="Tools for the trafficking-in-persons lessons."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_line, add_options, run) in SUBCOMMANDS.items():
        sub = commands.add_parser(name, help=help_line)
        add_options(sub)
        sub.set_defaults(run=run)
        one_line_errors(sub)
    args = parser.parse_args(argv)
    return args.run(args)
