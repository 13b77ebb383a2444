"""Presentation scale and colour theme. `apply` rewrites gui.style's sizes and colours, so it
runs before the window is built (widgets read gui.style when they are made): every font in
the app, heatmap numbers and canvas labels included, grows with the scale, and the dark theme
recolours the widgets (a Fusion palette), pyqtgraph's backgrounds, the canvas, the outlines
and the hatching. The diverging map stays CET-D1, centred on zero, in both."""
import re

from gui import style

THEMES = ("light", "dark", "system")
SCALES = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)   # View ▸ Zoom in / out steps through these
PT = ("HEATMAP_NUMBER_PT", "HEATMAP_BAR_PT", "HEATMAP_MISSING_PT", "PATHS_PT")
PX = ("CANVAS_LAYER_GAP", "CANVAS_ROW_GAP", "CANVAS_GRID_STEP", "CANVAS_NAME_CHAR", "CANVAS_BADGE_CHAR",
      "CANVAS_STUB_ROOM", "CANVAS_BAND_GAP", "CANVAS_PORT_RADIUS", "CANVAS_PORT_SNAP", "CANVAS_THUMB",
      "CANVAS_THUMB_ROW", "INSPECTOR_OPERATOR_WIDTH", "HEATMAP_BAR_WIDTH", "HEATMAP_BAR_TEXT_STEP",
      "HEATMAP_BAR_TICK_SPACE", "INPUTS_CELL_WIDTH", "INPUTS_CELL_HEIGHT")
DARK = {
    "HEATMAP_BACKGROUND": "#1e1f22", "CANVAS_BACKGROUND": "#1b1c1f", "CANVAS_GRID": "#26282c",
    "CANVAS_TEXT": "#e8e8e8", "CANVAS_MUTED_TEXT": "#a8aeb5", "CANVAS_NODE_FILL": "#2b2d31",
    "CANVAS_INPUT_FILL": "#25282d", "HEATMAP_BAR_TEXT": "#b4b4b4", "HEATMAP_TEXT_DARK": "#f0f0f0",
    "HEATMAP_HATCH": "#707070", "HEATMAP_MISSING_TEXT": "#c8c8c8", "HEATMAP_HIDDEN": "#4a4a4a",
    "HEATMAP_MARK_EDGE": "#1e1f22", "HEATMAP_NONFINITE": "#f0f0f0", "CANVAS_THUMB_FRAME": "#5a6069",
    "EDITOR_GUTTER": "#26282c", "PATHS_EDGE": "#a8aeb5", "PATHS_LINK_TEXT": "#79a8ea",
}
DARK_CSS = {"#555": "#b4b4b4", "#333": "#d8d8d8", "#1f2328": "#e8e8e8"}   # text colours of the CSS
DARK_OUTLINES = {"selected": ("#f5f5f5", 3), "picked": ("#79a8ea", 2), "hovered": ("#c18ee0", 3)}
FONT_PT = re.compile(r"font-size: ([0-9.]+)pt")
LIGHT = {name: getattr(style, name) for name in dir(style) if name.isupper()}   # as written in style.py


def times(value, scale):
    """A size times the scale, whole pixels staying whole."""
    return round(value * scale) if isinstance(value, int) else value * scale


def resolve(theme):
    """'light' or 'dark': 'system' follows the platform's colour scheme."""
    if theme != "system":
        return theme
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    return "dark" if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"


def scaled_css(css, scale, dark):
    css = FONT_PT.sub(lambda m: f"font-size: {float(m.group(1)) * scale:g}pt", css)
    for light, darker in (DARK_CSS.items() if dark else ()):
        css = css.replace(f"{light};", f"{darker};")
    return css


def apply(scale=1.0, theme="light", app=None):
    """Set gui.style for `scale` (1: as designed) and `theme`, and the app's font and palette."""
    dark = resolve(theme) == "dark"
    for name, value in LIGHT.items():
        setattr(style, name, value)
    for name, value in (DARK.items() if dark else ()):
        setattr(style, name, value)
    style.HEATMAP_OUTLINES = LIGHT["HEATMAP_OUTLINES"] | (DARK_OUTLINES if dark else {})
    for name in (n for n in LIGHT if n.endswith("_CSS")):
        setattr(style, name, scaled_css(LIGHT[name], scale, dark))
    for name in PT + PX:
        setattr(style, name, times(LIGHT[name], scale))
    style.CANVAS_NODE_SIZE = {k: (times(w, scale), times(h, scale)) for k, (w, h) in LIGHT["CANVAS_NODE_SIZE"].items()}
    style.FONT_SCALE, style.DARK = scale, dark
    if app is not None:
        dress(app, scale, dark)


def dress(app, scale, dark):
    """The application's font (scaled from the platform's) and palette (Fusion's, dark or light)."""
    from PySide6.QtGui import QFont
    if not hasattr(app, "studio_font"):
        app.studio_font = QFont(app.font())
    font = QFont(app.studio_font)
    font.setPointSizeF(app.studio_font.pointSizeF() * scale)
    app.setFont(font)
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if dark else app.style().standardPalette())


def dark_palette():
    from PySide6.QtGui import QColor, QPalette
    palette = QPalette()
    role = QPalette.ColorRole
    for r, colour in ((role.Window, "#2b2d31"), (role.WindowText, "#e8e8e8"), (role.Base, "#1e1f22"),
                      (role.AlternateBase, "#26282c"), (role.Text, "#e8e8e8"), (role.Button, "#33363b"),
                      (role.ButtonText, "#e8e8e8"), (role.Highlight, "#3b78c4"), (role.HighlightedText, "#ffffff"),
                      (role.ToolTipBase, "#33363b"), (role.ToolTipText, "#e8e8e8"), (role.PlaceholderText, "#9aa0a6"),
                      (role.Link, "#79a8ea"), (role.Mid, "#3a3d42"), (role.Dark, "#151619")):
        palette.setColor(r, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor("#8a8f96"))
    palette.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor("#8a8f96"))
    palette.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor("#8a8f96"))
    return palette
