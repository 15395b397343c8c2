"""Reading TOML content files: one reader of fields whose every error names file, item and field.

    content/en/01-what-is-trafficking.toml: quiz "q2": options: needs 2 to 6 options, got 1

Everything that reads a content file (modules, glossary, facilitator notes) goes through
:class:`FieldReader` and :func:`read_toml`, so every message has the same shape.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

#: The folder that holds ``lessonkit/`` and ``content/`` (paths in messages are shown from here).
PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class ContentError(ValueError):
    """A content file is malformed or inconsistent. The message names file, item and field."""


_MISSING = object()
_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a table",
}


def type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class FieldReader:
    """Reads the fields of one TOML table, raising ContentError that names file, item, field."""

    def __init__(self, data: dict, file: str, where: str, prefix: str = "") -> None:
        self.data = data
        self.file = file
        self.where = where
        self.prefix = prefix
        self.used: set[str] = set()

    def fail(self, name: str, problem: str) -> ContentError:
        return ContentError(f"{self.file}: {self.where}: {self.prefix}{name}: {problem}")

    def _get(self, name: str, default: Any, expected: type) -> Any:
        self.used.add(name)
        if name not in self.data:
            if default is _MISSING:
                raise self.fail(name, "missing (required)")
            return default
        value = self.data[name]
        # bool is a subclass of int: a whole number must not be true/false.
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise self.fail(name, f"must be {_TYPE_NAMES[expected]}, got {type_name(value)}")
        return value

    def text(self, name: str, default: Any = _MISSING) -> str:
        value = self._get(name, default, str)
        if not value.strip() and default is _MISSING:
            raise self.fail(name, "must not be empty")
        return value.strip()

    def ident(self, name: str = "id") -> str:
        value = self.text(name)
        if not ID_PATTERN.match(value):
            raise self.fail(
                name, f'"{value}" is not a valid id (use lowercase letters, digits and hyphens)'
            )
        return value

    def integer(self, name: str, low: int, high: int) -> int:
        value = self._get(name, _MISSING, int)
        if not low <= value <= high:
            raise self.fail(name, f"must be between {low} and {high}, got {value}")
        return value

    def boolean(self, name: str, default: bool) -> bool:
        return self._get(name, default, bool)

    def texts(self, name: str, low: int = 1, high: int = 50, default: Any = _MISSING) -> tuple:
        values = self._get(name, default, list)
        self._count(name, values, low, high, "entries")
        for index, value in enumerate(values, 1):
            if not isinstance(value, str):
                raise self.fail(f"{name}[{index}]", f"must be text, got {type_name(value)}")
            if not value.strip():
                raise self.fail(f"{name}[{index}]", "must not be empty")
        return tuple(v.strip() for v in values)

    def choice(self, name: str, allowed: tuple[str, ...], default: Any = _MISSING) -> str:
        value = self.text(name, default)
        if value not in allowed:
            names = ", ".join(f'"{a}"' for a in allowed)
            raise self.fail(name, f'"{value}" is not one of {names}')
        return value

    def idents(self, name: str, high: int = 20) -> tuple[str, ...]:
        """An optional list of ids (for example concept or glossary ids)."""
        values = self.texts(name, 0, high, default=[])
        for index, value in enumerate(values, 1):
            if not ID_PATTERN.match(value):
                raise self.fail(f"{name}[{index}]", f'"{value}" is not a valid id')
        return values

    def named_tables(self, name: str, low: int, high: int, noun: str):
        """Each table of a list with its own id, as (id, fields); a repeated id is an error."""
        seen: set[str] = set()
        for index, table in enumerate(self.tables(name, low, high, noun), 1):
            t = self.sub(name, index, table)
            table_id = t.ident()
            if table_id in seen:
                raise t.fail("id", f'duplicate id "{table_id}"')
            seen.add(table_id)
            yield table_id, t

    def sources(self, name: str, known: dict, low: int = 1) -> tuple[str, ...]:
        ids = self.texts(name, low=low, default=_MISSING if low else [])
        for index, source_id in enumerate(ids, 1):
            if source_id not in known:
                raise self.fail(
                    f"{name}[{index}]",
                    f'unknown source id "{source_id}" (not in content/sources.toml)',
                )
        return ids

    def tables(self, name: str, low: int, high: int, noun: str) -> list[dict]:
        values = self._get(name, _MISSING, list)
        self._count(name, values, low, high, noun)
        for index, value in enumerate(values, 1):
            if not isinstance(value, dict):
                raise self.fail(f"{name}[{index}]", f"must be a table, got {type_name(value)}")
        return values

    def _count(self, name: str, values: list, low: int, high: int, noun: str) -> None:
        if not low <= len(values) <= high:
            raise self.fail(name, f"needs {low} to {high} {noun}, got {len(values)}")

    def sub(self, name: str, index: int, table: dict) -> FieldReader:
        return FieldReader(table, self.file, self.where, f"{self.prefix}{name}[{index}].")

    def table(self, name: str) -> FieldReader:
        return FieldReader(
            self._get(name, _MISSING, dict), self.file, self.where, f"{self.prefix}{name}."
        )

    def finish(self) -> None:
        extra = sorted(set(self.data) - self.used)
        if extra:
            known = ", ".join(sorted(self.used))
            raise self.fail(extra[0], f"unknown field (known fields: {known})")


def read_items(tables: list[dict], file: str, kind: str, owner: dict[str, str]):
    """Each table of a list with its id, read as `kind "id"`; an id used before is an error.

    ``owner`` maps each id seen so far to its kind, so one id space can span several kinds.
    """
    for index, table in enumerate(tables, 1):
        item_id = FieldReader(table, file, f"{kind} #{index}").ident()
        f = FieldReader(table, file, f'{kind} "{item_id}"')
        if item_id in owner:
            raise f.fail("id", f'duplicate id (also used by {owner[item_id]} "{item_id}")')
        owner[item_id] = kind
        f.used.add("id")
        yield item_id, f


def display_path(path: Path) -> str:
    """A path as a reader knows it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


def read_toml(path: Path) -> tuple[str, dict]:
    name = display_path(path)
    try:
        with path.open("rb") as handle:
            return name, tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise ContentError(f"{name}: not valid TOML: {err}") from None
    except UnicodeDecodeError as err:
        raise ContentError(
            f"{name}: not valid UTF-8 text: {err.reason} at byte {err.start}"
        ) from None
    except OSError as err:
        raise ContentError(f"{name}: cannot be read: {err.strerror}") from None


def numbered_files(folder: Path) -> list[Path]:
    """The TOML files of a folder whose names start with a number (modules, their notes)."""
    return sorted(p for p in folder.glob("*.toml") if p.name[:1].isdigit())
