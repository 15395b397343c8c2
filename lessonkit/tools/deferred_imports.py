"""Author and test tools: put off one slow import that reading a notebook never needs.

nbformat (used by nbval, nbclient and ``python -m lessonkit execute``) imports jsonschema, and
jsonschema imports ``rfc3987_syntax`` whenever it is installed (JupyterLab brings it in, through
jupyter-events and ``jsonschema[format-nongpl]``). That module builds an Earley parser for the
IRI grammar while it is imported: 1.4 to 2.3 s on a 2-core machine, paid by every process that
reads a notebook, each ``python -m pytest`` included. jsonschema only uses it to check the
"iri" and "iri-reference" formats of JSON Schema draft 7 and later; nbformat validates notebooks
against draft 4, which has neither format, so the parser is built and never used.

:func:`defer_slow_imports` puts a stand-in for ``rfc3987_syntax`` in ``sys.modules``. The
stand-in loads the real module the first time anything uses it, so every result stays exactly
the same; only the cost moves to the first IRI check, which our tools never make.

This module uses the standard library only. It is loaded by pytest (``-p
lessonkit.deferred_imports`` in pyproject.toml, before nbval imports nbformat) and by the
notebook tools; a learner's kernel never imports it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types

SLOW_MODULE = "rfc3987_syntax"

_lock = threading.Lock()


class _StandIn(types.ModuleType):
    """Looks like the slow module; loads the real one the first time it is really used."""

    def __getattr__(self, name: str):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(self._real(), name)

    def _real(self) -> types.ModuleType:
        with _lock:
            loaded = sys.modules.get(self.__name__)
            if loaded is None or loaded is self:
                sys.modules.pop(self.__name__, None)
                try:
                    loaded = importlib.import_module(self.__name__)
                except BaseException:
                    sys.modules[self.__name__] = self  # keep deferring; the next use retries
                    raise
            return loaded


def _deferred_function(stand_in: _StandIn, name: str):
    def call(*args, **kwargs):
        return getattr(stand_in._real(), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"{stand_in.__name__}.{name}, loaded on first call."
    return call


def defer_slow_imports(
    name: str = SLOW_MODULE, functions: tuple[str, ...] = ("is_valid_syntax",)
) -> bool:
    """Install the stand-in unless the real module is loaded already or not installed.

    ``functions`` are the names importers take with ``from name import ...`` at import time
    (jsonschema takes ``is_valid_syntax``); each becomes a function that loads the real module
    when first called. Returns True when the stand-in is in place (now or from an earlier call).
    """
    present = sys.modules.get(name)
    if present is not None:
        return isinstance(present, _StandIn)
    spec = importlib.util.find_spec(name)  # looks on disk, runs nothing
    if spec is None:
        return False  # not installed: jsonschema's own `except ImportError` applies as before
    stand_in = _StandIn(name, f"stand-in that loads {name} on first use")
    stand_in.__spec__ = spec
    stand_in.__file__ = spec.origin
    if spec.submodule_search_locations is not None:
        stand_in.__path__ = list(spec.submodule_search_locations)
    for function in functions:
        setattr(stand_in, function, _deferred_function(stand_in, function))
    sys.modules[name] = stand_in
    return True


def is_deferred(name: str = SLOW_MODULE) -> bool:
    """True while the slow module's real code has not run in this process."""
    return isinstance(sys.modules.get(name), _StandIn)


# Loaded as a pytest plugin (`-p lessonkit.deferred_imports`): act at once, before the
# plugins that pytest loads next (nbval) import nbformat.
defer_slow_imports()
