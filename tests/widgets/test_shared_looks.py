"""Layouts and styles shared among widgets (lessonkit/widgets/shared.py): fewer widget models for
the kernel to open, the page to draw and nbval to receive, and none of them changed by mistake."""

from __future__ import annotations

import ipywidgets as widgets
import pytest
from ipywidgets.widgets.widget import _instances as open_models  # ipywidgets 8: model id -> widget

from lessonkit import cells as lesson
from lessonkit.cells import example, gallery_module
from lessonkit.content import load_course
from lessonkit.progress.certificate import CertificateMaker
from lessonkit.progress.knowledge_check import KnowledgeCheck
from lessonkit.progress.overview import ProgressOverview
from lessonkit.widgets import build_exercise, shared
from lessonkit.widgets.facilitator import panel_layout

#: The only widgets of an exercise with a layout of their own: they are hidden and shown.
OWN_LAYOUTS = {
    "quiz": {"reveal_button"},
    "branching": {"choices", "take_button"},
    "reflection": {"points_button"},
}


def looks(widget):
    """Every (owner, 'layout' or 'style', model) in ``widget``'s tree."""
    stack = [widget]
    while stack:
        current = stack.pop()
        stack.extend(getattr(current, "children", ()))
        for trait in ("layout", "style"):
            if current.has_trait(trait):
                yield current, trait, getattr(current, trait)


def is_shared(model) -> bool:
    """Fixed and shared (shared.py), or the one layout of the facilitator panels."""
    return type(model).__name__.startswith("Shared") or model is panel_layout()


def test_a_shared_layout_or_style_refuses_any_change_and_says_why():
    layout = shared.layout(width="auto")
    with pytest.raises(AttributeError, match=r"Layout\.display = 'none'.*shared Layout.*read-only"):
        layout.display = "none"
    style = shared.style(widgets.Button)
    with pytest.raises(AttributeError, match=r"ButtonStyle\.button_color"):
        style.button_color = "red"
    assert layout.display is None and style.button_color is None


def test_one_model_per_look_and_a_new_one_after_it_is_closed():
    assert shared.layout(width="auto") is shared.layout(width="auto")
    assert shared.layout(width="auto") is not shared.layout(width="95%")
    assert shared.style(widgets.HTML) is not shared.style(widgets.Button)
    assert isinstance(shared.style(widgets.Dropdown, description_width="9em"), widgets.Widget)
    old = shared.layout(margin="1px")
    widgets.Widget.close(old)
    fresh = shared.layout(margin="1px")
    assert fresh is not old and fresh.comm is not None and fresh.margin == "1px"


GALLERY = [i.id for i in gallery_module()[1].items]
MODULE_01 = [i.id for i in load_course("en").module("01").items]


@pytest.mark.parametrize(
    "item", [("gallery", i) for i in GALLERY] + [("01", i) for i in MODULE_01], ids=str
)
def test_every_style_is_shared_and_a_layout_is_own_only_where_it_is_hidden_and_shown(item):
    where, item_id = item
    shown = example(item_id) if where == "gallery" else lesson.show("01", item_id)
    assert not isinstance(shown, lesson.Page), shown.summary
    own_layouts = {
        name
        for name, value in vars(shown).items()
        if isinstance(value, widgets.DOMWidget) and not is_shared(value.layout)
    }
    assert own_layouts == OWN_LAYOUTS.get(shown.item.kind, set()), shown.item.kind
    for owner, trait, model in looks(shown.widget):
        if trait == "style":
            assert is_shared(model), f"{shown.item.kind}: {type(owner).__name__} has its own style"
        elif not is_shared(model):
            assert any(model is getattr(shown, n).layout for n in own_layouts), (
                f"{shown.item.kind}: a {type(owner).__name__} has a layout of its own"
            )


def test_a_whole_module_opens_less_than_half_the_models_of_one_look_per_widget():
    """Module 02 (the largest): its exercises, as nbval and Voila build them. With a layout and a
    style for every widget it took 301 models; the budget is 150."""
    course = load_course("en")
    module = course.module("02")
    before = set(open_models)
    built = [build_exercise(item, course) for item in module.items]
    built.append(lesson.opening(module.id))
    made = set(open_models) - before
    assert len(made) <= 150, len(made)
    for shown in built:
        shown.close()


@pytest.mark.parametrize("make", [ProgressOverview, CertificateMaker, KnowledgeCheck])
def test_the_progress_widgets_share_their_styles(make, store):
    course = load_course("en")
    view = make(course, "before", store) if make is KnowledgeCheck else make(course, store)
    own = [type(o).__name__ for o, t, m in looks(view.widget) if t == "style" and not is_shared(m)]
    assert own == [], f"{make.__name__}: widgets with a style of their own: {own}"
