"""What the accessibility tests read from a page: computed styles, boxes and roles, in one place.

Every check runs in the page (JavaScript) and returns plain data, so a failing test can say
which control, which colours and which numbers. Contrast is WCAG's relative-luminance ratio.
"""

from __future__ import annotations

# The areas the lesson kit builds (everything else on the page is JupyterLab's or Voila's).
KIT = ".lessonkit-exercise, .lessonkit-opening-controls, .lessonkit-progress"
MIN_CONTRAST = 3.0  # WCAG 2.1 1.4.11 (non-text contrast), for the focus indicator
MIN_OUTLINE_PX = 2
MIN_TARGET_PX = 24  # WCAG 2.2 2.5.8 (target size, minimum)
NARROW = {"width": 320, "height": 800}  # WCAG 1.4.10 (reflow): 320 CSS pixels wide

_COLOUR = """
const rgba = s => { const m = /rgba?\\(([^)]+)\\)/.exec(s || ''); if (!m) return null;
  const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
const lum = c => { const f = v => { v /= 255;
  return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100; };
const behind = el => { for (let e = el; e; e = e.parentElement) {
  const c = rgba(getComputedStyle(e).backgroundColor); if (c && c[3] > 0) return c; }
  return [255, 255, 255, 1]; };
"""

# The focused element's indicator, if it is a control of the kit; null otherwise.
FOCUS_INDICATOR = (
    "(kit) => {"
    + _COLOUR
    + """
  const el = document.activeElement;
  if (!el || el === document.body || !el.closest(kit)) return null;
  const s = getComputedStyle(el);
  const outline = rgba(s.outlineColor);
  const own = behind(el), around = behind(el.parentElement);
  const label = (el.getAttribute('aria-label') || el.textContent || el.title
    || (el.closest('label') || {}).textContent || el.type || el.tagName).trim().slice(0, 60);
  return {control: el.tagName.toLowerCase() + ' ' + label, style: s.outlineStyle,
    width: parseFloat(s.outlineWidth) || 0, colour: s.outlineColor,
    against_surroundings: outline ? ratio(outline, around) : 0,
    against_control: outline ? ratio(outline, own) : 0};
}"""
)

# Every visible, enabled control of the kit that Tab should reach.
KIT_CONTROLS = """(kit) => [...document.querySelectorAll(kit)]
  .flatMap(a => [...a.querySelectorAll('button, select, input, textarea')])
  .filter(e => !e.disabled && e.getClientRects().length && getComputedStyle(e).visibility
    !== 'hidden').length"""

# Option and label text of the kit's controls that is cut off (or runs past the page's width).
TRUNCATED = """(kit) => {
  const texts = [...document.querySelectorAll(kit)].flatMap(a => [...a.querySelectorAll(
    '.widget-radio-box label, .widget-checkbox .widget-label-basic span, .widget-label, select')]);
  return texts.filter(e => e.getClientRects().length && e.textContent.trim()).map(e => {
    const r = e.getBoundingClientRect();
    const cut = e.tagName !== 'SELECT' && e.scrollWidth > e.clientWidth + 1;
    const past = r.right > document.documentElement.clientWidth + 1;
    return cut || past ? `${e.textContent.trim().slice(0, 50)} (${e.scrollWidth} px of text in`
      + ` ${e.clientWidth} px, right edge ${Math.round(r.right)} px)` : null;
  }).filter(Boolean);
}"""

# The clickable box of every radio button and check box of the kit (its label), in CSS pixels.
OPTION_TARGETS = """(kit) => [...document.querySelectorAll(kit)]
  .flatMap(a => [...a.querySelectorAll('input[type=radio], input[type=checkbox]')])
  .filter(e => e.getClientRects().length).map(e => {
    const box = (e.closest('label') || e).getBoundingClientRect();
    return {option: (e.closest('label') || e).textContent.trim().slice(0, 50),
      width: Math.floor(box.width), height: Math.floor(box.height)}; })"""

# The radio buttons of the kit, set by set: the set's visible label, its options' names.
RADIO_SETS = """(kit) => [...document.querySelectorAll(kit)]
  .flatMap(a => [...a.querySelectorAll('.widget-radio')])
  .filter(e => e.getClientRects().length).map(set => ({
    label: (set.querySelector(':scope > .widget-label') || {textContent: ''}).textContent.trim(),
    options: [...set.querySelectorAll('input[type=radio]')].map(r => r.parentElement
      .textContent.trim()),
    names: [...set.querySelectorAll('input[type=radio]')].map(r => r.name),
    grouped: !!set.closest('fieldset, [role=radiogroup]')}))"""


def focus_indicators(page, limit: int = 600) -> tuple[list[dict], int]:
    """Tab through the whole page once; the indicator of each kit control reached, and how many
    kit controls the page has."""
    expected = page.evaluate(KIT_CONTROLS, KIT)
    seen: list[dict] = []
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUS_INDICATOR, KIT)
        if found is None:
            continue
        key = page.evaluate(
            "() => { const e = document.activeElement;"
            " e.__lkSeen = e.__lkSeen || Math.random(); return e.__lkSeen; }"
        )
        if key == first:
            break
        first = first or key
        seen.append(found)
    return seen, expected


def weak_indicators(indicators: list[dict]) -> list[dict]:
    return [
        i
        for i in indicators
        if i["style"] == "none"
        or i["width"] < MIN_OUTLINE_PX
        or i["against_surroundings"] < MIN_CONTRAST
        or i["against_control"] < MIN_CONTRAST
    ]


def scroll_by_keyboard_to(page, target, limit: int = 150) -> int:
    """From the top of the page, press PageDown until the target's top has come into view; the
    presses used (or -1 if it never did). Under load, smooth scrolling can carry a short
    target past the window between two looks, so "at or above the window's bottom" counts."""
    page.evaluate("() => { window.scrollTo(0, 0); document.activeElement?.blur?.(); }")
    for presses in range(limit + 1):
        box = target.evaluate(
            "e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; }"
        )
        if box[0] < box[2]:  # its top is in view (or, after a fast scroll, above it)
            return presses
        page.keyboard.press("PageDown")
        page.wait_for_timeout(30)
    return -1
