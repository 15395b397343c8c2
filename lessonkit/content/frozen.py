"""Frozen records: ``@record`` is ``@dataclass(frozen=True)`` without new methods for each class.

``dataclasses`` writes ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__`` and
``__delattr__`` anew for every class, compiling each with ``exec``: for the forty-odd record
classes of the content and progress layers, that was the largest part of ``import lessonkit``
(about 0.6 ms a class, against 0.05 ms here). ``record`` keeps the dataclass (``fields``,
``replace`` and ``asdict`` work as before) and gives every class the same six methods, written
once below over each class's list of fields. They behave as the generated ones: the same
arguments, positional or by name, defaults and default factories, ``init=False`` fields; the same
repr text (answer fingerprints hash it); equality and hash over the compared fields, between
objects of the same class only; and no field may be set or deleted once the object is made.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from typing import Any, TypeVar

T = TypeVar("T")


def _init(self, *args: Any, **named: Any) -> None:
    cls = type(self)
    spec = cls.__record_init__
    if len(args) > len(spec):
        raise TypeError(
            f"{cls.__qualname__}.__init__() takes {len(spec) + 1} positional arguments "
            f"but {len(args) + 1} were given"
        )
    put = object.__setattr__
    for (name, _, _), value in zip(spec, args, strict=False):  # args may be fewer
        if name in named:
            raise TypeError(f"{cls.__qualname__}.__init__() got multiple values for '{name}'")
        put(self, name, value)
    missing = []
    for name, default, factory in spec[len(args) :]:
        if name in named:
            put(self, name, named.pop(name))
        elif default is not MISSING:
            put(self, name, default)
        elif factory is not MISSING:
            put(self, name, factory())
        else:
            missing.append(name)
    if missing:
        raise TypeError(f"{cls.__qualname__}.__init__() missing required arguments: {missing}")
    if named:
        raise TypeError(f"{cls.__qualname__}.__init__() got unexpected arguments: {sorted(named)}")
    for name, factory in cls.__record_made__:
        put(self, name, factory())


def _repr(self) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self).__record_shown__)
    return f"{type(self).__qualname__}({shown})"


def _compared(self) -> tuple:
    return tuple(getattr(self, name) for name in type(self).__record_compared__)


def _eq(self, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _hash(self) -> int:
    return hash(tuple(getattr(self, name) for name in type(self).__record_hashed__))


def _setattr(self, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


METHODS = {
    "__init__": _init,
    "__repr__": _repr,
    "__eq__": _eq,
    "__hash__": _hash,
    "__setattr__": _setattr,
    "__delattr__": _delattr,
}


def record(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen dataclass with the shared methods (a method of its own stays)."""
    own = {name for name in METHODS if name in cls.__dict__}
    if cls.__doc__ is None:  # else dataclass writes one from inspect.signature, slowly
        cls.__doc__ = f"{cls.__name__}({', '.join(cls.__dict__.get('__annotations__', ()))})"
    cls = dataclass(init=False, repr=False, eq=False)(cls)
    every = fields(cls)
    cls.__record_init__ = tuple(
        (f.name, f.default, f.default_factory) for f in every if f.init
    )
    # A field outside __init__ with a default keeps it as a class attribute, as in a dataclass;
    # one with a default factory gets a new value for each object.
    cls.__record_made__ = tuple(
        (f.name, f.default_factory)
        for f in every
        if not f.init and f.default_factory is not MISSING
    )
    cls.__record_shown__ = tuple(f.name for f in every if f.repr)
    cls.__record_compared__ = tuple(f.name for f in every if f.compare)
    cls.__record_hashed__ = tuple(
        f.name for f in every if (f.compare if f.hash is None else f.hash)
    )
    for name, method in METHODS.items():
        if name not in own:
            setattr(cls, name, method)
    return cls
