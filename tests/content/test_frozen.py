"""``@record`` behaves as ``@dataclass(frozen=True)``: checked against a real one, side by side.

The records' repr is hashed into answer fingerprints, so a record must print exactly as the
generated dataclass method would: every record of both editions is compared with a twin made by
dataclasses itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import FrozenInstanceError, dataclass, field

import pytest

from lessonkit.content import load_course
from lessonkit.content.frozen import record


def sample_classes():
    def body():
        return {
            "__annotations__": {
                "name": "str",
                "count": "int",
                "tags": "tuple",
                "kind": "str",
                "seen": "list",
                "hidden": "object",
            },
            "count": 1,
            "tags": field(default_factory=tuple),
            "kind": field(default="sample", init=False),
            "seen": field(default_factory=list, init=False, compare=False),
            "hidden": field(default=None, compare=False, repr=False),
            "label": lambda self: f"{self.name}:{self.count}",
        }

    ours = record(type("Sample", (), body()))
    theirs = dataclass(frozen=True)(type("Sample", (), body()))
    return ours, theirs


@pytest.mark.parametrize(
    "args, named",
    [
        (("a",), {}),
        (("a", 2), {}),
        (("a", 2, ("x", "y")), {"hidden": "kept aside"}),
        ((), {"name": "b", "tags": ("z",)}),
        (("c",), {"count": 3}),
    ],
)
def test_a_record_is_made_printed_compared_and_hashed_as_a_frozen_dataclass(args, named):
    ours, theirs = sample_classes()
    mine, twin = ours(*args, **named), theirs(*args, **named)
    assert repr(mine) == repr(twin)
    assert dataclasses.astuple(mine) == dataclasses.astuple(twin)
    assert dataclasses.asdict(mine) == dataclasses.asdict(twin)
    assert [f.name for f in dataclasses.fields(mine)] == [f.name for f in dataclasses.fields(twin)]
    assert (mine.kind, mine.seen, mine.label()) == (twin.kind, twin.seen, twin.label())
    assert mine.seen is not ours(*args, **named).seen  # a new list for each object
    again = ours(*args, **{**named, "hidden": "other"})  # not compared
    assert mine == again and hash(mine) == hash(again)
    assert hash(mine) == hash(dataclasses.replace(mine))
    assert mine != ours("different") and mine != twin  # another class is never equal
    assert dataclasses.replace(mine, count=9).count == 9
    assert dataclasses.replace(twin, count=9).count == 9


@pytest.mark.parametrize(
    "args, named, words",
    [
        ((), {}, "missing required arguments: ['name']"),
        (("a", 1, (), None, "extra"), {}, "takes 5 positional arguments but 6 were given"),
        (("a",), {"name": "b"}, "got multiple values for 'name'"),
        (("a",), {"colour": "red"}, "unexpected arguments: ['colour']"),
        (("a",), {"kind": "other"}, "unexpected arguments: ['kind']"),  # init=False
    ],
)
def test_wrong_arguments_raise_type_error_as_a_dataclass_does(args, named, words):
    ours, theirs = sample_classes()
    with pytest.raises(TypeError):
        theirs(*args, **named)
    with pytest.raises(TypeError, match=words.replace("[", r"\[").replace("(", r"\(")):
        ours(*args, **named)


def test_a_record_cannot_be_changed_once_made():
    ours, _ = sample_classes()
    made = ours("a")
    with pytest.raises(FrozenInstanceError):
        made.name = "b"
    with pytest.raises(FrozenInstanceError):
        del made.count
    with pytest.raises(FrozenInstanceError):
        made.new_attribute = 1
    assert made.name == "a" and made.count == 1


def test_a_method_of_the_class_itself_is_kept():
    body = {"__annotations__": {"name": "str"}, "__repr__": lambda self: "mine"}
    assert repr(record(type("Own", (), body))("a")) == "mine"


def every_record(value, found):
    """Each record reachable from ``value``, once, with the records inside it."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if any(value is seen for seen in found):
            return
        found.append(value)
        for f in dataclasses.fields(value):
            every_record(getattr(value, f.name), found)
    elif isinstance(value, Mapping):
        for inner in value.values():
            every_record(inner, found)
    elif isinstance(value, list | tuple | frozenset | set):
        for inner in value:
            every_record(inner, found)


def twin_of(value):
    """The same values in an object of a class made by ``dataclass(frozen=True)``."""
    cls = type(value)
    specs = [
        (f.name, f.type, field(init=f.init, repr=f.repr, compare=f.compare, hash=f.hash))
        for f in dataclasses.fields(cls)
    ]
    twin_cls = dataclasses.make_dataclass(cls.__name__, specs, frozen=True)
    twin_cls.__qualname__ = cls.__qualname__
    twin = object.__new__(twin_cls)
    for f in dataclasses.fields(cls):
        object.__setattr__(twin, f.name, getattr(value, f.name))
    return twin


def hashed(value):
    try:
        return hash(value)
    except TypeError:  # a field holds a list or a dict: no hash, in both
        return "unhashable"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_record_of_the_course_prints_and_hashes_as_its_dataclass_twin(lang):
    course = load_course(lang)
    found: list = []
    every_record(course, found)
    for module in course.modules:
        every_record(module, found)
    every_record(list(course.checks), found)
    kinds = {type(r).__name__ for r in found}
    assert {"Course", "Module", "MultipleChoice", "Option", "Branching", "Source"} <= kinds
    for value in found:
        twin = twin_of(value)
        assert repr(value) == repr(twin), type(value).__name__
        assert hashed(value) == hashed(twin), type(value).__name__
