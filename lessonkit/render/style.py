"""The lesson kit's own style sheet: focus you can see, text that wraps, a page that scrolls.

It travels in a widget the lesson already shows (see ``widgets.base.style_widget``), so the same
rules reach JupyterLab, Voila and the JupyterLite site without patching any of them. Every rule
is scoped to the kit's own classes, or to Voila's page (``body[data-voila]``), so nothing else in
JupyterLab changes; shown twice on a page it does no harm (the rules are the same).
"""

from __future__ import annotations

STYLE_ID = "lessonkit-style"

# The areas the kit builds: exercises, the opening controls, the progress overview.
_KIT = ".lessonkit-exercise, .lessonkit-opening-controls, .lessonkit-progress"

# A dark ring outside a white one (WCAG technique C40): at least 3:1 against white, the grey of
# a button and a dark theme's background alike.
FOCUS_DARK = "#0b3d91"
FOCUS_LIGHT = "#ffffff"
FOCUS_WIDTH_PX = 3
TARGET_PX = 24  # WCAG 2.2 target size (minimum): 24 by 24 CSS pixels

CSS = f"""
:is({_KIT}) :is(button, select, input, textarea):focus-visible {{
  outline: {FOCUS_WIDTH_PX}px solid {FOCUS_DARK} !important;
  outline-offset: 2px !important;
  box-shadow: 0 0 0 2px {FOCUS_LIGHT} !important;
}}
:is({_KIT}) {{
  --jp-widgets-input-focus-border-color: {FOCUS_DARK};
}}
:is({_KIT}) .widget-checkbox {{ height: auto; min-height: {TARGET_PX}px; max-width: 100%; }}
:is({_KIT}) .widget-checkbox .widget-label-basic {{
  display: flex; height: auto; min-height: {TARGET_PX}px; align-items: center; padding: 2px 0;
  line-height: 1.4;
}}
:is({_KIT}) .widget-checkbox .widget-label-basic span,
:is({_KIT}) .widget-radio-box label,
:is({_KIT}) .widget-label {{
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  overflow-wrap: break-word; max-width: 100%;
}}
:is({_KIT}) .widget-radio-box label {{
  min-height: {TARGET_PX}px; display: flex; flex-direction: row-reverse;
  justify-content: flex-end; align-items: center; padding: 2px 0; line-height: 1.4;
}}
:is({_KIT}) .widget-radio-box input[type="radio"],
:is({_KIT}) .widget-checkbox input[type="checkbox"] {{
  width: 18px; height: 18px; flex: none; margin: 0 0.5em 0 3px;
}}
:is({_KIT}) .widget-inline-hbox, :is({_KIT}) .widget-radio, :is({_KIT}) .widget-dropdown {{
  flex-wrap: wrap; height: auto; max-width: 100%;
}}
:is({_KIT}) .widget-dropdown > select {{ max-width: 100%; min-width: 0; }}
body[data-voila] {{ overflow: auto !important; height: auto !important; }}
body[data-voila] #main,
body[data-voila] #jp-main-content-panel,
body[data-voila] #rendered_cells {{
  position: static !important; height: auto !important; overflow: visible !important;
  contain: none !important;
}}
"""


def style_element() -> str:
    """The kit's style sheet as one ``<style>`` element."""
    return f'<style id="{STYLE_ID}">{CSS}</style>'
