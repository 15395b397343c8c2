"""The help lines: 9-8-8 and the hotline's TTY service are given, with their sources, and shown
on the handouts and in the guide.

That every phone number in the course is one the inventory verifies is checked by
tests/test_content.py, with the number pattern and the verified list of tests/conftest.py.
The handouts show every help line (tests/test_handouts.py); here we check the new ones by name.
"""

from __future__ import annotations

from lessonkit.tools.handouts import write_handouts

from ..helpers import CONTENT, NUMBER


def test_help_lines_include_988_with_its_source(edition):
    lines = {line.id: line for line in edition.help_lines}
    crisis = [line for line in lines.values() if "9-8-8" in line.contact]
    assert len(crisis) == 1, "9-8-8 should be one help line"
    line = crisis[0]
    assert "crisis-line-988" in line.sources
    said = {  # by call and by text, at any hour, in both official languages
        "en": ["call or text", "24 hours a day", "english and french"],
        "fr": ["texto", "24 heures par jour", "en français et en anglais"],
    }
    for words in said[edition.lang]:
        assert words in line.contact.lower(), words
    assert "suicid" in (line.name + line.when).lower()


#: How each edition names the hotline's TTY service and says it is not an agency.
TTY = {
    "en": ("TTY", "not a government, immigration, investigative or police agency"),
    "fr": ("ATS", "pas un organisme gouvernemental, d'immigration, d'enquête ou de police"),
}


def test_hotline_gives_its_tty_service_without_inventing_a_number(edition):
    line = next(line for line in edition.help_lines if "1-833-900-1010" in line.contact)
    tty, not_an_agency = TTY[edition.lang]
    assert tty in line.contact and "hotline" in line.sources
    assert set(NUMBER.findall(line.contact)) == {"1-833-900-1010"}  # TTY has no number of its own
    assert not_an_agency in line.when


def test_the_number_check_catches_a_planted_number():
    assert NUMBER.findall("call 8-1-1 or 1-888-555-0100 or 416-555-0199") == [
        "8-1-1",
        "1-888-555-0100",
        "416-555-0199",
    ]


def test_handouts_and_guide_show_988_and_tty(tmp_path, edition):
    write_handouts(tmp_path, edition.lang)
    tty = TTY[edition.lang][0]
    pages = [p for p in tmp_path.glob("*.html") if p.name != "answer-key.html"]
    assert len(pages) == len(edition.modules) + 1  # the module handouts and the referral plan
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "9-8-8" in text and tty in text, page.name
    guide_file = CONTENT / edition.lang / "facilitator" / "guide.md"
    guide = " ".join(guide_file.read_text(encoding="utf-8").split())
    assert "9-8-8" in guide and tty in guide
