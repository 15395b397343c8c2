"""Small HTML builders. Every piece of text is escaped here, once, before it reaches a page.

Content authors write plain text; learners may type anything. Neither is ever
inserted into HTML unescaped, so neither can run as markup or script.
"""

from __future__ import annotations

import re
from html import escape

# Feedback is marked by words first, then by a symbol and a border style, and by colour last.
_TONES = {
    "correct": ("\u2714", "#1b5e20", "solid"),
    "incorrect": ("\u2716", "#8e2a00", "dashed"),
    "info": ("\u2139", "#35506b", "dotted"),
}


def text(value: str) -> str:
    """Plain text made safe for HTML, line breaks kept."""
    return escape(value, quote=True).replace("\n", "<br>")


def paragraph(value: str) -> str:
    return f"<p>{text(value)}</p>"


def bullet_list(values) -> str:
    return "<ul>" + "".join(f"<li>{text(v)}</li>" for v in values) + "</ul>"


def feedback_block(
    tone: str, lead: str, body: list[str], sources: str = "", live: bool = True
) -> str:
    """A feedback message: the lead word(s) in bold, the explanation, then the sources line."""
    symbol, colour, border = _TONES[tone]
    parts = [
        f'<p><span aria-hidden="true">{symbol}</span> <strong>{text(lead)}</strong> '
        + " ".join(text(b) for b in body if b)
        + "</p>"
    ]
    if sources:
        parts.append(f"<p><small>{text(sources)}</small></p>")
    role = ' role="status"' if live else ""
    style = f"border-left: 4px {border} {colour}; padding: 0.1em 0.8em; margin-top: 0.4em;"
    return (
        f'<div class="lessonkit-feedback lessonkit-{tone}"{role} style="{style}">'
        + "".join(parts)
        + "</div>"
    )


# Where an exercise's feedback appears: a live region that exists, empty, from the start, so
# a screen reader is already watching it when the first message comes.
EMPTY_FEEDBACK = '<div class="lessonkit-feedback-region" role="status"></div>'


def section(heading: str, inner: str, level: int = 3) -> str:
    return f"<section><h{level}>{text(heading)}</h{level}>{inner}</section>"


def items(values_html) -> str:
    """A bullet list of pieces that are HTML already (each built with the functions above)."""
    return "<ul>" + "".join(f"<li>{v}</li>" for v in values_html) + "</ul>"


def labelled(label: str, value: str) -> str:
    """``label: value`` with the label in bold."""
    return f"<strong>{text(label)}</strong>: {text(value)}"


_TAG_OR_STYLE = re.compile(r"(<style\b.*?</style>|<[^>]*>)", re.S | re.I)
# A colon that ends a label ("Sources:", "Situation 1: Exact."), not one in 9:30 or https://.
_BARE_COLON = re.compile(r"(?:(?<=[^\s\u00a0\u202f:/]) ?|^ ?):(?=\s|$)")


def typeset(markup: str, lang: str) -> str:
    """The kit's own joins set as the language sets them: in French, a non-breaking space before
    a colon (Government of Canada usage). Only text between tags changes, never a tag, its
    attributes or a style sheet."""
    if lang != "fr" or ":" not in markup:
        return markup
    pieces = _TAG_OR_STYLE.split(markup)
    for index in range(0, len(pieces), 2):  # the text between tags
        pieces[index] = _BARE_COLON.sub("\u00a0:", pieces[index])
    return "".join(pieces)
