"""Text is escaped before it reaches HTML, whatever it holds."""

from __future__ import annotations

from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from lessonkit.render import html

ANY_TEXT = st.text(max_size=2000) | st.sampled_from(
    ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", "\u202eevil", "a & b < c"]
)


@given(ANY_TEXT)
def test_text_has_no_markup_and_reads_back_the_same(value):
    safe = html.text(value)
    assert "<" not in safe.replace("<br>", "")
    assert ">" not in safe.replace("<br>", "")
    assert '"' not in safe
    assert unescape(safe.replace("<br>", "\n")) == value


@given(ANY_TEXT, ANY_TEXT, ANY_TEXT)
def test_feedback_block_keeps_text_out_of_the_markup(lead, body, sources):
    block = html.feedback_block("incorrect", lead, [body], sources)
    for value in (lead, body, sources):
        if value.strip():
            assert html.text(value) in block
    # The only tags are the ones the kit writes.
    tags = {part.split(">")[0].split(" ")[0] for part in block.split("<")[1:]}
    assert tags <= {
        "div",
        "/div",
        "p",
        "/p",
        "span",
        "/span",
        "strong",
        "/strong",
        "small",
        "/small",
        "br",
    }


def test_french_typesetting_puts_a_non_breaking_space_before_a_label_colon():
    from lessonkit.render.html import typeset

    marked = typeset(
        '<p style="margin: 0">Situation 1: Exact. Sources: A; à 9:30, https://x</p>', "fr"
    )
    assert marked == (
        '<p style="margin: 0">Situation 1\u00a0: Exact. Sources\u00a0: A; à 9:30, https://x</p>'
    )
    assert typeset("<style>p { margin: 0 }</style><b>Voir</b> :", "fr").endswith("\u00a0:")
    assert "margin: 0" in typeset("<style>p { margin: 0 }</style>", "fr")
    assert typeset("Sources: A", "en") == "Sources: A"
