"""Small HTML builders. Every piece of text is escaped here, once, before it reaches a page.

Content authors write plain text; learners may type anything. Neither is ever
inserted into HTML unescaped, so neither can run as markup or script.
"""

from __future__ import annotations

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
