"""Each edition reads in its own language, spelled right, and the French one set the Canadian way.

Everything a learner or a facilitator reads is gathered per edition: the content records (the
words only: ids and answer keys are not prose), the interface strings, the facilitator notes and
guide, the widget gallery, and the notebooks' Markdown. Then:

- an offline language detector (py3langid, limited to English and French) must find each longer
  text in the edition's language: a sentence left in English in the French edition fails;
- Debian's hunspell (en_CA, fr_CA) may flag only the words listed in ``words-<lang>.txt`` beside
  this file (names, acronyms, terms of art), so a misspelling fails;
- the French edition follows the federal conventions of shared/sources/fr-terminology.md:
  non-breaking space before ``:`` and inside « guillemets », none before ``; ! ?``; « traite des
  personnes », with « trafic de personnes » only where the LIPR is named; no abbreviated
  doublets; « droits de la personne ».
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from lessonkit.content import course_notes, gallery_file, load_module
from lessonkit.content.parity import FREE, SAME

from ..helpers import CONTENT, NOTEBOOKS, flatten, module_notebook

HERE = Path(__file__).parent
DICTIONARIES = {"en": "en_CA", "fr": "fr_CA"}
NBSP = "\u00a0\u202f"


def record_texts(value, where: str, name: str = ""):
    """(where, text) for every translatable string inside a content record."""
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            if f.name not in FREE and f.name not in SAME:
                yield from record_texts(getattr(value, f.name), where, f.name)
    elif name == "missing":  # (element id, why it matters): only the why is prose
        for _, why in value:
            yield where, why
    elif isinstance(value, (tuple, list)):
        for inner in value:
            yield from record_texts(inner, where, name)
    elif isinstance(value, dict):
        for inner in value.values():
            yield from record_texts(inner, where, name)
    elif isinstance(value, str) and value.strip():
        yield where, value


def markdown_prose(text: str, lang: str = "") -> str:
    """Markdown with code, links' addresses, HTML tags and citations taken out, and the words
    marked as another language than ``lang`` (``<span lang="fr">…</span>`` in English)."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    if lang:
        text = re.sub(rf'<(\w+) lang="(?!{lang}")[^"]*"[^>]*>.*?</\1>', " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    return text


def edition_texts(course) -> list[tuple[str, str]]:
    """Every text of one edition a learner or facilitator reads, with where it is."""
    lang = course.lang
    found: list[tuple[str, str]] = []
    for module in course.modules:
        found += record_texts(module, module.path)
        path = module_notebook(module)
        for index, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"], 1):
            if cell["cell_type"] == "markdown":
                prose = markdown_prose("".join(cell["source"]), lang)
                for block in re.split(r"\n\s*\n", prose):
                    found.append((f"{path.relative_to(NOTEBOOKS.parent)} cell {index}", block))
    found += record_texts(course.glossary, f"content/{lang}/glossary.toml")
    found += record_texts(course.concepts, f"content/{lang}/concepts.toml")
    found += record_texts(course.checks, f"content/{lang}/knowledge-check.toml")
    found += record_texts(course.help_lines, f"content/{lang}/help.toml")
    found += record_texts(course.ui, f"content/{lang}/interface.toml")
    for notes in course_notes(course).values():
        found += record_texts(notes, notes.path)
    gallery = gallery_file(lang)
    found += record_texts(load_module(gallery, dict(course.sources)), str(gallery))
    guide = CONTENT / lang / "facilitator" / "guide.md"
    for block in re.split(r"\n\s*\n", markdown_prose(guide.read_text(encoding="utf-8"), lang)):
        found.append((f"content/{lang}/facilitator/guide.md", block))
    return [(w, flatten(t)) for w, t in found if t.strip()]


@pytest.fixture(scope="module")
def texts(edition):
    return edition_texts(edition)


def words_of(text: str) -> list[str]:
    """The words of a text; an English possessive counts as its noun (CBSA's as CBSA), and a
    French elided article or pronoun is set apart from its word (l'ASFC as ASFC)."""
    text = re.sub(r"\{[a-z_]+\}", " ", text)  # an interface string's {placeholder} is no word
    found = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text)
    elision = r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]"
    found = [re.sub(elision, "", w, flags=re.I) for w in found]
    return [re.sub(r"['’]s$", "", w) for w in found]


def detector():
    """py3langid's bundled model, told that a text is either English or French."""
    import py3langid

    identifier = py3langid.langid.LanguageIdentifier.from_modelpath(
        py3langid.langid.MODEL_DIR / py3langid.langid.MODEL_FILE, norm_probs=True
    )
    identifier.set_languages(["en", "fr"])
    return identifier


def test_every_longer_text_is_in_the_editions_language(edition, texts):
    identifier = detector()
    wrong = []
    for where, text in texts:
        if len(words_of(text)) < 8:  # too short to tell (a name, a label, a number)
            continue
        found, confidence = identifier.classify(text)
        if found != edition.lang and confidence > 0.9:
            wrong.append(f"{where}: reads as {found}: {text[:90]}")
    assert not wrong, f"{len(wrong)} texts not in {edition.lang}:\n" + "\n".join(wrong[:40])


def allowed_words(lang: str) -> set[str]:
    path = HERE / f"words-{lang}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def unknown_words(lang: str, texts) -> dict[str, str]:
    """Each word hunspell does not know, with the first place it appears."""
    hunspell = shutil.which("hunspell")
    assert hunspell, "the spelling check needs Debian's hunspell (apt-get install hunspell)"
    first: dict[str, str] = {}
    for where, text in texts:
        for word in words_of(text):
            first.setdefault(word, where)
    result = subprocess.run(
        [hunspell, "-d", DICTIONARIES[lang], "-l"],
        input="\n".join(first),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {w: first[w] for w in result.stdout.split() if w in first}


def test_every_word_is_spelled_right_or_listed(edition, texts):
    unknown = unknown_words(edition.lang, texts)
    new = sorted(set(unknown) - allowed_words(edition.lang))
    assert not new, (
        f"{len(new)} words hunspell ({DICTIONARIES[edition.lang]}) does not know; fix them, or add "
        f"names and terms to tests/docs/words-{edition.lang}.txt:\n"
        + "\n".join(f"{w}  ({unknown[w]})" for w in new[:60])
    )


def test_the_word_lists_hold_no_word_the_dictionary_knows(edition, texts):
    """A listed word the text no longer uses, or that hunspell knows, is taken off the list."""
    unknown = unknown_words(edition.lang, texts)
    stale = sorted(allowed_words(edition.lang) - set(unknown))
    assert not stale, f"words-{edition.lang}.txt lists words not needed: {stale[:40]}"


def french_problems(where: str, text: str) -> list[str]:
    """The Canadian federal typography and terminology rules, on one French text."""
    found = []
    for pattern, rule in [
        (rf"[ {NBSP}][;!?]", "no space before ; ! ?"),
        (rf"[^\s{NBSP}\d:/]:(?=\s|$)", "a non-breaking space before :"),
        (r" :", "the space before : must be non-breaking"),
        (rf"«(?![{NBSP}])", "a non-breaking space after «"),
        (rf"(?<![{NBSP}])»", "a non-breaking space before »"),
        (r"droits de l['’]homme", "« droits de la personne »"),
        (r"\w\((?:e|es)\)|\w[.·](?:e|es)\b|\w/(?:trice|rice|e)\b", "no abbreviated doublets"),
    ]:
        for match in re.finditer(pattern, text):
            found.append(
                f"{where}: {rule}: …{text[max(0, match.start() - 30) : match.end() + 10]}…"
            )
    if re.search(r"trafic de personnes", text, re.I) and not re.search(
        r"LIPR|[Ll]oi .{0,25}immigration|article 118|art\. 118", text
    ):
        found.append(f"{where}: « trafic de personnes » outside a mention of the LIPR: {text[:90]}")
    return found


def test_french_follows_the_federal_conventions():
    from lessonkit.content import load_course

    problems = []
    for where, text in edition_texts(load_course("fr")):
        problems += french_problems(where, text)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Que faire ?", "no space before"),
        ("Sources: la fiche", "non-breaking space before :"),
        ("le mot « traite » ici", "after «"),
        ("les agent.e.s", "abbreviated doublets"),
        ("le trafic de personnes est un crime", "outside a mention of the LIPR"),
        ("les droits de l'homme", "droits de la personne"),
    ],
)
def test_each_french_rule_catches_its_mistake(text, rule):
    assert any(rule in line for line in french_problems("planted", text)), text


def test_well_set_french_passes():
    legal = "l'article 118 de la LIPR, le «\u00a0trafic de personnes\u00a0»"
    assert french_problems("ok", legal) == []
    assert french_problems("ok", "Que faire? Source\u00a0: «\u00a0ceci\u00a0», à 9:30.") == []


def test_the_detector_tells_a_sentence_left_in_english_from_french():
    identifier = detector()
    english = "Choose an answer first, then press the button to check it."
    french = "Choisissez d'abord une réponse, puis appuyez sur le bouton pour la vérifier."
    assert identifier.classify(english)[0] == "en"
    assert identifier.classify(french)[0] == "fr"


def test_flattening_keeps_the_non_breaking_spaces_the_french_rules_look_for():
    text = "Source\u00a0:\n  «\u00a0ceci\u00a0»"
    assert flatten(text) == "Source\u00a0: «\u00a0ceci\u00a0»"
    assert french_problems("ok", flatten(text)) == []


def test_an_elided_article_is_not_part_of_the_word():
    words = words_of("l'ASFC et qu'elle, the CBSA's {path}page")
    assert words == ["ASFC", "et", "elle", "the", "CBSA", "page"]


def test_words_marked_as_the_other_language_are_left_to_it():
    text = 'Start here. <span lang="fr">**Version française :** [Commencer ici](x.ipynb)</span>'
    assert "Commencer" not in markdown_prose(text, "en")
    assert "Commencer" in markdown_prose(text, "fr")
