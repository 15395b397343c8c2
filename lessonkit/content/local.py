"""Local services a facilitator (or a learner) adds for their own area, in one file:
``content/local/services.toml``. With no such file, nothing changes.

    written_in = "en"              # the language the entries are written in

    [[service]]
    id = "victim-services-north"
    name = "..."                   # the service's name
    offers = "..."                 # what it offers, in a sentence
    hours = "..."                  # when it is open, in words
    languages = ["en", "fr"]       # ISO 639-1 codes (ase: ASL, fcs: LSQ)
    added_by = "..."               # who added it (a role or an organization)
    added = 2026-11-30             # when (a date)
    [[service.contact]]            # one or more ways to reach it
    how = "phone"                  # phone, tty, text, email, website or address
    value = "..."

The course shows these entries under "In your area", marked as added locally and not checked
by the course. Everything is checked like other content: a missing field, a badly formed phone
number, email or website, an unknown language or a date in the future is named with file,
entry and field. Standard library only.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from .reader import FieldReader, read_items, read_toml
from .records import Contact, LocalService

FOLDER = "local"
FILE_NAME = "services.toml"
HOW = ("phone", "tty", "text", "email", "website", "address")

# ISO 639-1 (two letters), and the two ISO 639-3 codes of Canada's sign languages.
LANGUAGES = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
    hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
    lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
    or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
    ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    ase fcs""".split()
)
# A North American number: 1-800-555-0100, (613) 555-0100, 613.555.0100, +1 613 555 0100,
# with an optional extension (ext. 12, x12, poste 12); or a three-digit service (211, 2-1-1).
PHONE = re.compile(
    r"^(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}"
    r"(?:\s*(?:ext\.?|x|poste)\s*\d{1,6})?$"
    r"|^[2-9]-?1-?1$|^9-?8-?8$",
    re.IGNORECASE,
)
SHORT_CODE = re.compile(r"\b\d{5,6}\b")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
WEBSITE = re.compile(r"^https?://[a-z0-9.-]+\.[a-z]{2,}(?:[/?#]\S*)?$", re.IGNORECASE)


def services_file(root: Path) -> Path:
    return Path(root) / FOLDER / FILE_NAME


PLACEHOLDER = "REPLACE"  # what the example file's values say until they are filled in


def _filled(f: FieldReader, name: str) -> str:
    value = f.text(name)
    if PLACEHOLDER in value:
        raise f.fail(name, f'still says "{value}": replace it with the real value')
    return value


def _contact(f: FieldReader) -> Contact:
    how = f.choice("how", HOW)
    value = _filled(f, "value")
    if how in ("phone", "tty") and not PHONE.match(value):
        raise f.fail(
            "value",
            f'"{value}" is not a phone number written as NNN-NNN-NNNN, 1-NNN-NNN-NNNN '
            "(with ext. 12 if needed), or a three-digit number such as 211",
        )
    if how == "text" and not (SHORT_CODE.search(value) or PHONE.match(value)):
        raise f.fail(
            "value", f'"{value}" names no number to text (a 5 or 6 digit code, or a phone number)'
        )
    if how == "email" and not EMAIL.match(value):
        raise f.fail("value", f'"{value}" is not an email address (name@example.org)')
    if how == "website" and not WEBSITE.match(value):
        raise f.fail("value", f'"{value}" is not a website address starting with https://')
    f.finish()
    return Contact(how=how, value=value)


def _date(f: FieldReader, name: str) -> str:
    f.used.add(name)
    if name not in f.data:
        raise f.fail(name, "missing (required)")
    value = f.data[name]
    if isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value.strip())
        except ValueError:
            raise f.fail(name, f'"{value}" is not a date written as 2026-11-30') from None
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise f.fail(name, f"must be a date written as 2026-11-30, got {value!r}")
    if value > _dt.date.today():
        raise f.fail(name, f"{value.isoformat()} is in the future")
    return value.isoformat()


def load_local_services(root: Path) -> tuple[tuple[LocalService, ...], str]:
    """The local services and the language they are written in; none when there is no file."""
    path = services_file(root)
    if not path.exists():
        return (), ""
    return read_services(path)


def read_services(path: Path) -> tuple[tuple[LocalService, ...], str]:
    """One local services file, checked. Raises ContentError naming file, entry and field."""
    name, data = read_toml(path)
    top = FieldReader(data, name, "local services")
    written_in = top.text("written_in")
    if written_in not in LANGUAGES:
        raise top.fail(
            "written_in", f'unknown language "{written_in}" (use a code such as en or fr)'
        )
    services = []
    for service_id, f in read_items(top.tables("service", 1, 50, "services"), name, "service", {}):
        languages = f.texts("languages", 1, 20)
        for index, code in enumerate(languages, 1):
            if code.lower() not in LANGUAGES:
                raise f.fail(
                    f"languages[{index}]",
                    f'unknown language "{code}" (use ISO 639-1 codes such as en, fr, es, pa, '
                    "zh; ase for ASL, fcs for LSQ)",
                )
        contacts = tuple(
            _contact(f.sub("contact", index, table))
            for index, table in enumerate(f.tables("contact", 1, 6, "ways to reach it"), 1)
        )
        services.append(
            LocalService(
                id=service_id,
                name=_filled(f, "name"),
                offers=_filled(f, "offers"),
                contacts=contacts,
                hours=_filled(f, "hours"),
                languages=tuple(code.lower() for code in languages),
                added_by=_filled(f, "added_by"),
                added=_date(f, "added"),
            )
        )
        f.finish()
    top.finish()
    return tuple(services), written_in
