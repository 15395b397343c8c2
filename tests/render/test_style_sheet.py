"""The kit's style sheet: scoped to the kit (or Voila's page), and shown once per module page."""

from __future__ import annotations

import re

from lessonkit.render import style


def test_every_rule_is_scoped_to_the_kit_or_to_voila():
    rules = re.findall(r"([^{}]+)\{[^{}]*\}", style.CSS)
    assert rules
    for selectors in rules:
        for selector in re.split(r",(?![^()]*\))", selectors):
            selector = selector.strip()
            assert selector.startswith((":is(.lessonkit-", "body[data-voila]")), selector


def test_the_focus_ring_is_at_least_3_to_1_on_white_and_on_a_button():
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def ratio(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    for background in ("#ffffff", "#eeeeee", style.FOCUS_LIGHT):  # page, button, inner ring
        assert ratio(style.FOCUS_DARK, background) >= 3
    assert ratio(style.FOCUS_LIGHT, "#111111") >= 3  # the white ring on a dark theme


def test_opening_controls_carry_the_style_sheet_once():
    from lessonkit import cells

    shown = cells.opening("01-what-is-trafficking")
    sheets = [w for w in shown.widget.children if style.STYLE_ID in str(getattr(w, "value", ""))]
    assert len(sheets) == 1 and sheets[0].layout.display == "none"
