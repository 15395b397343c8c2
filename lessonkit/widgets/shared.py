"""Layouts and styles that many widgets share, for the widgets that never change theirs.

ipywidgets gives every control a layout and most a style of their own: two more widget models,
each opened in the kernel, sent to the page and drawn there. A lesson's exercises held about
300 models per notebook, half of them layouts and styles that nobody ever changes. Here one
layout (or style) per look serves every widget that has that look, in this kernel: ipywidgets
lets a layout be shared ("Layout and Styling of Jupyter widgets").

A shared layout or style is fixed: changing one would change every widget that has it, so
setting any of its traits raises an error that says to give the widget one of its own
(``widgets.Layout(...)``). A widget that is hidden and shown (``layout.display``) has its own.
After ``Widget.close_all()`` the next request makes a new one.
"""

from __future__ import annotations

import ipywidgets as widgets

_SHARED: dict[tuple, widgets.Widget] = {}
_FIXED_CLASSES: dict[type, type] = {}


def _fixed_class(cls: type) -> type:
    """A subclass of ``cls`` whose synced traits cannot change once it is made."""
    if cls not in _FIXED_CLASSES:

        class Fixed(cls):
            def __setattr__(self, name, value):
                if name in self.__dict__.get("_lessonkit_fixed", ()):
                    raise AttributeError(  # for the kit's authors: make the widget its own
                        f"{cls.__name__}.{name} = {value!r}: a shared {cls.__name__} is "
                        "read-only (lessonkit/widgets/shared.py)"
                    )
                super().__setattr__(name, value)

        Fixed.__name__ = Fixed.__qualname__ = f"Shared{cls.__name__}"
        _FIXED_CLASSES[cls] = Fixed
    return _FIXED_CLASSES[cls]


def _shared(cls: type, traits: dict):
    key = (cls, tuple(sorted(traits.items())))
    found = _SHARED.get(key)
    if found is None or found.comm is None:  # never made, or closed since
        found = _fixed_class(cls)(**traits)
        found.__dict__["_lessonkit_fixed"] = frozenset(found.keys)
        _SHARED[key] = found
    return found


def layout(**traits) -> widgets.Layout:
    """The one fixed layout with these traits in this kernel."""
    return _shared(widgets.Layout, traits)


def style(widget_class: type, **traits):
    """The one fixed style of ``widget_class``'s kind with these traits in this kernel."""
    return _shared(widget_class.class_traits()["style"].klass, traits)


def look(widget_class: type, **layout_traits) -> dict:
    """Keyword arguments for a ``widget_class`` with a shared default style and a shared layout."""
    return {"layout": layout(**layout_traits), "style": style(widget_class)}


def text(value: str = "") -> widgets.HTML:
    """A block of text (an HTML widget) with the shared default layout and style."""
    return widgets.HTML(value, **look(widgets.HTML))
