"""Pictures drawn as SVG text in Python: a score bar, a route of stages, a spectrum.

Kernel code stays pure (no plotting library). Every picture has role="img", a <title> and a
<desc>, and every text in it is escaped. The exercises also give the same information as
plain text beside the picture, so nothing depends on seeing it.
"""

from __future__ import annotations

from .html import text

_INK = "#1f2d3d"
_MUTED = "#6b7785"
_MARK = "#0b5cad"


def _frame(width: int, height: int, title: str, desc: str, body: str, ident: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" '
        f'viewBox="0 0 {width} {height}" style="max-width: {width}px" '
        f'aria-labelledby="{ident}-t {ident}-d">'
        f'<title id="{ident}-t">{text(title)}</title><desc id="{ident}-d">{text(desc)}</desc>'
        f"{body}</svg>"
    )


def score_bar(right: int, total: int, title: str, ident: str) -> str:
    """A bar with one square per answer: filled and ticked when right, hollow when not."""
    size, gap = 22, 6
    width = max(total, 1) * (size + gap)
    cells = []
    for index in range(total):
        x = index * (size + gap)
        ok = index < right
        fill = _MARK if ok else "white"
        cells.append(
            f'<rect x="{x + 1}" y="1" width="{size}" height="{size}" fill="{fill}" '
            f'stroke="{_INK}" stroke-width="1.5"/>'
        )
        if ok:
            cells.append(
                f'<path d="M{x + 6} {12} l5 5 l8 -10" stroke="white" stroke-width="2.5" '
                'fill="none"/>'
            )
    return _frame(width + 2, size + 2, title, title, "".join(cells), ident)


def _label_lines(label: str, limit: int = 14) -> list[str]:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line][:3]


def route(labels: list[str], selected: int | None, title: str, desc: str, ident: str) -> str:
    """Stages of a route as numbered circles joined by arrows; the chosen one is ringed."""
    step, radius = 130, 22
    width = step * len(labels)
    parts = [
        '<defs><marker id="' + ident + '-arrow" markerWidth="8" markerHeight="8" refX="7" '
        f'refY="4" orient="auto"><path d="M0 0 L8 4 L0 8 z" fill="{_MUTED}"/></marker></defs>'
    ]
    for index, label in enumerate(labels):
        cx = index * step + step // 2
        if index:
            parts.append(
                f'<line x1="{cx - step + radius + 4}" y1="32" x2="{cx - radius - 6}" y2="32" '
                f'stroke="{_MUTED}" stroke-width="2" marker-end="url(#{ident}-arrow)"/>'
            )
        chosen = index == selected
        parts.append(
            f'<circle cx="{cx}" cy="32" r="{radius}" fill="{_MARK if chosen else "white"}" '
            f'stroke="{_INK}" stroke-width="{4 if chosen else 1.5}"/>'
            f'<text x="{cx}" y="38" text-anchor="middle" font-size="16" font-weight="bold" '
            f'fill="{"white" if chosen else _INK}">{index + 1}</text>'
        )
        for line_no, line in enumerate(_label_lines(label)):
            weight = "bold" if chosen else "normal"
            parts.append(
                f'<text x="{cx}" y="{76 + 16 * line_no}" text-anchor="middle" font-size="13" '
                f'font-weight="{weight}" fill="{_INK}">{text(line)}</text>'
            )
    return _frame(width, 124, title, desc, "".join(parts), ident)


def spectrum(labels: list[str], selected: int, low: str, high: str, title: str, ident: str) -> str:
    """An ordered range as a line of ticks from low to high; the chosen step is marked."""
    step = 120
    width = step * len(labels)
    parts = [
        f'<line x1="{step // 2}" y1="30" x2="{width - step // 2}" y2="30" stroke="{_MUTED}" '
        'stroke-width="3"/>',
        f'<text x="4" y="12" font-size="12" fill="{_MUTED}">{text(low)}</text>',
        f'<text x="{width - 4}" y="12" font-size="12" text-anchor="end" fill="{_MUTED}">'
        f"{text(high)}</text>",
    ]
    for index, label in enumerate(labels):
        cx = index * step + step // 2
        chosen = index == selected
        size = 12 if chosen else 6
        parts.append(
            f'<circle cx="{cx}" cy="30" r="{size}" fill="{_MARK if chosen else "white"}" '
            f'stroke="{_INK}" stroke-width="2"/>'
        )
        for line_no, line in enumerate(_label_lines(label)):
            weight = "bold" if chosen else "normal"
            parts.append(
                f'<text x="{cx}" y="{62 + 16 * line_no}" text-anchor="middle" font-size="13" '
                f'font-weight="{weight}" fill="{_INK}">{text(line)}</text>'
            )
    desc = f"{low} \u2192 {high}: " + ", ".join(labels)
    return _frame(width, 110, title, desc, "".join(parts), ident)
