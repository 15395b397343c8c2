"""Local services: a facilitator adds them in content/local/services.toml; they show under
"In your area" in every module's help box, the help lines page, the handouts and the referral
plan, marked as added locally. With no file, nothing changes. (Broken files are in the
broken-content corpus: local-*.toml.)"""

from __future__ import annotations

import re
from html import unescape

import pytest

from lessonkit import closing, help_lines
from lessonkit.content import load_course, read_services, services_file
from lessonkit.tools.handouts import module_handout, referral_plan

from ..helpers import CONTENT

# 555-0100 to 555-0199 are the numbers reserved for fiction in North America: no real service.
SERVICES = """\
written_in = "en"

[[service]]
id = "victim-services-example"
name = "Example Victim Services <Office>"
offers = "Support for victims of crime, by appointment & walk-in."
hours = "Monday to Friday, 9 to 5"
languages = ["en", "fr", "pa", "ase"]
added_by = "Course test suite"
added = 2026-11-30
[[service.contact]]
how = "phone"
value = "1-613-555-0100 ext. 12"
[[service.contact]]
how = "email"
value = "help@example.org"

[[service]]
id = "newcomer-centre-example"
name = "Example Newcomer Centre"
offers = "Settlement help for newcomers."
hours = "Tuesdays, 1 to 4"
languages = ["es"]
added_by = "Course test suite"
added = "2026-11-29"
[[service.contact]]
how = "address"
value = "12 Example Street"
"""


def words(markup: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", markup))


def test_the_project_ships_no_local_services_and_nothing_changes(edition):
    assert not services_file(CONTENT).exists()  # the example file is not read
    assert edition.local_services == ()
    assert edition.ui.local_heading not in closing("01-what-is-trafficking", edition.lang).html


@pytest.fixture
def local(content_copy):
    path = services_file(content_copy)
    path.parent.mkdir(exist_ok=True)
    path.write_text(SERVICES, encoding="utf-8")
    return content_copy


def test_a_local_file_is_read_and_checked(local):
    services, written_in = read_services(services_file(local))
    assert written_in == "en"
    assert [s.id for s in services] == ["victim-services-example", "newcomer-centre-example"]
    assert services[0].languages == ("en", "fr", "pa", "ase")
    assert services[1].added == "2026-11-29"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_entries_show_in_every_help_box_marked_as_added_locally(local, lang):
    course = load_course(lang, local)
    ui = course.ui
    pages = {m.id: closing(m.id, lang).html for m in course.modules}
    pages["help lines"] = help_lines(lang).html
    pages["referral plan"] = referral_plan(course)
    pages.update({f"handout {m.id}": module_handout(course, m) for m in course.modules})
    for where, page in pages.items():
        text = words(page)
        assert ui.local_heading in text, where
        assert ui.local_not_checked in text, where
        assert "Example Victim Services <Office>" in text, where  # shown as text ...
        assert "<Office>" not in page, where  # ... and escaped
        assert "1-613-555-0100 ext. 12" in text and "help@example.org" in text, where
        assert ui.local_added.format(who="Course test suite", date="2026-11-30") in text, where
    if lang == "fr":  # entries written in English are marked as English in the French pages
        assert '<ul lang="en">' in pages["help lines"]


def test_the_referral_plan_says_where_to_add_services_when_there_are_none(course):
    page = words(referral_plan(course))
    assert course.ui.referral_no_local in page
    for line in course.help_lines:
        assert line.name in page


def test_the_services_file_is_reread_when_it_changes(local):
    assert len(load_course("en", local).local_services) == 2
    path = services_file(local)
    path.write_text(SERVICES.split('\n[[service]]\nid = "newcomer')[0], encoding="utf-8")
    assert len(load_course("en", local).local_services) == 1


def test_a_broken_services_file_shows_a_clear_message_in_the_lesson(local):
    path = services_file(local)
    path.write_text(SERVICES.replace('"1-613-555-0100 ext. 12"', '"555"'), encoding="utf-8")
    shown = closing("01-what-is-trafficking")
    assert "content problem" in repr(shown)
    assert (
        'service "victim-services-example": contact[1].value: "555" is not a phone number'
        in repr(shown)
    )


def test_the_example_file_is_refused_until_its_values_are_replaced(tmp_path):
    from lessonkit.content import ContentError

    example = CONTENT / "local" / "services.example.toml"
    path = tmp_path / "services.toml"
    path.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_services(path)
    assert 'service "first-service": contact[1].value: still says "REPLACE' in str(caught.value)
    filled = re.sub(r'"REPLACE with its number"', '"211"', example.read_text(encoding="utf-8"))
    filled = re.sub(r'"REPLACE with ([^"]*)"', r'"Filled in: \1"', filled)
    path.write_text(filled, encoding="utf-8")
    services, _ = read_services(path)
    assert services[0].contacts[0].value == "211"
