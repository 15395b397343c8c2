"""The lesson kit: interactive lessons on trafficking in persons, built from content files.

Notebook cells call one of these, in one line::

    from lessonkit import show; show("01-what-is-trafficking", "core-idea")
"""

from .cells import (
    build,
    certificate,
    closing,
    course_overview,
    example,
    glossary,
    help_lines,
    knowledge_check,
    opening,
    progress_overview,
    show,
)
from .content import ContentError, load_course

__all__ = [
    "ContentError",
    "build",
    "certificate",
    "closing",
    "course_overview",
    "example",
    "glossary",
    "help_lines",
    "knowledge_check",
    "load_course",
    "opening",
    "progress_overview",
    "show",
]
__version__ = "0.1.0"
