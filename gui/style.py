"""Colours, sizes and names shared by the app's widgets, in one place."""

# Step states of a node or an edge.
PENDING = "#9aa0a6"        # nothing computed yet
VALUE = "#3b78c4"          # has its value (forward)
GRADIENT = "#d9822b"       # has its gradient (backward); gradient flow is drawn in this colour
ACTIVE = "#f2c94c"         # the current step's node and edges
ERROR = "#d64545"          # a broken shape rule, a hole
SELECTION = "#2bb673"      # the selected entry and what feeds it

# Presentation scale and theme (gui.theme sets them, with every size and colour below).
FONT_SCALE = 1.0
DARK = False

# Heatmaps: diverging, centred on zero.
COLORMAP = "CET-D1"

# ---- canvas ------------------------------------------------------------------------------------
# Sizes in scene units (pixels at zoom 1). Layout reads them, so they stay plain numbers.
# Inputs and equations are CANVAS_THUMB_ROW taller than their labels need: a row for the thumbnail.
CANVAS_NODE_SIZE = {"input": (76, 40 + 32), "eqn": (96, 44 + 32), "const": (34, 22), "loss": (28, 28)}
CANVAS_THUMB = 28          # a node's thumbnail heatmap: the side of its square
CANVAS_THUMB_ROW = 32      # the row under a node's labels that holds it
CANVAS_THUMB_FRAME = "#c3c8cf"   # its frame and pending hatch
CANVAS_LAYER_GAP = 56      # horizontal gap between layers
CANVAS_ROW_GAP = 18        # vertical gap between nodes of a layer
CANVAS_NARROWEST_PX = 475  # the canvas's width on screen in the narrowest window (1280×800): bands fit it
CANVAS_STUB_ROOM = 90      # left of a band, room for its stubs' labels (names up to about 14 characters)
CANVAS_BAND_GAP = 48       # vertical gap between bands (the rows of one are closer): room for stubs
CANVAS_MIN_FONT = 11       # the smallest canvas label, in px at presentation scale 1
CANVAS_MIN_LABEL_PX = 10   # no canvas label is fitted smaller than this on screen (× presentation scale)
CANVAS_BACKGROUND = "#fbfbfc"
CANVAS_GRID = "#eef0f3"
CANVAS_GRID_STEP = 24
CANVAS_TEXT = "#1f2328"
CANVAS_MUTED_TEXT = "#666d7a"   # 4.8:1 on the input fill (WCAG AA)
CANVAS_NODE_FILL = "#ffffff"
CANVAS_INPUT_FILL = "#f3f6fb"
CANVAS_EDGE = "#8b929b"
CANVAS_FONT = "Sans Serif"
CANVAS_MIN_DETAIL = 0.45   # below this zoom, nodes skip their text (a 1000-node overview)
CANVAS_Z_EDGE, CANVAS_Z_NODE, CANVAS_Z_LIT = 0, 1, 2
CANVAS_NAME_CHAR = 8.5     # estimated width of a name character (layout is Qt-free)
CANVAS_BADGE_CHAR = 7.0    # estimated width of an op-name character in the op badge
CANVAS_PORT_RADIUS = 4.5   # an input or output port's dot
CANVAS_PORT_SNAP = 28      # a dragged wire snaps to a port this near (scene units)
CANVAS_WIRE_DRAFT = "#5b8def"   # the wire being dragged

# ---- heatmap ------------------------------------------------------------------------------------
HEATMAP_BACKGROUND = "#ffffff"
HEATMAP_MIN_SIZE = (90, 70)      # px: the smallest plot area of one matrix
HEATMAP_MIN_PIXELS = 64          # never downsample below this many cells a side
HEATMAP_BAR_WIDTH = 10
HEATMAP_BAR_MIN_HEIGHT = 60      # px: a one-row matrix still gets a readable colour bar
HEATMAP_BAR_TEXT_STEP = 12       # px: the bar's label space grows in steps, so most steps keep it
HEATMAP_BAR_TICK_SPACE = 8       # px: tick and gap beside the bar's labels
HEATMAP_BAR_PT = 8.0
HEATMAP_BAR_GAP = 4              # px between the matrix and its colour bar
HEATMAP_BAR_TEXT = "#707070"
HEATMAP_BAR_TYPICAL_LABEL = "−0.00"  # the bar's label space fits at least this, so most matrices align
HEATMAP_TITLE_CSS = "font-size: 11pt;"
HEATMAP_FOOTER_CSS = "font-size: 8pt; color: #555;"
HEATMAP_BADGE = GRADIENT         # "partial k of n" next to a title
HEATMAP_NUMBER_PT = 8.0
HEATMAP_TEXT_DARK = "#202020"    # numbers on light (near zero) cells
HEATMAP_TEXT_LIGHT = "#ffffff"   # numbers on saturated cells
HEATMAP_MARK_EDGE = "#ffffff"
HEATMAP_NONFINITE = "#202020"    # the cross on NaN, the triangle on ±inf
HEATMAP_CLIPPED = "#f2c94c"      # corner mark on cells beyond the colour range
HEATMAP_HATCH = "#b0b0b0"        # hatching of cells without numbers
HEATMAP_MISSING_TEXT = "#606060"
HEATMAP_MISSING_PT = 10.0
# Outlines of the selection by role (engine.ranges roles, plus the hovered term and predict first).
HEATMAP_OUTLINES = {
    "selected": ("#111111", 3),   # the selected entry itself
    "upstream": (SELECTION, 2), "factor": (SELECTION, 2), "feeds": (SELECTION, 2),
    "reaches": (SELECTION, 1),    # a downstream gradient's entries the selected entry reaches
    "hovered": ("#8e44ad", 3),    # the pair of cells of the term under the mouse
    "picked": ("#3b78c4", 2),     # a learner's pick, before the verdict
    "right": (SELECTION, 3), "missing": ("#d9822b", 3), "extra": (ERROR, 3),
}
HEATMAP_OUTLINE_MIN_PX = 4       # an outlined row or cell is never drawn smaller on screen
HEATMAP_MARK_MIN_PX = 10         # nor the selected (hidden, hovered) cell
HEATMAP_HIDDEN = "#d0d0d0"       # a gradient entry to predict, before it is revealed
INSPECTOR_OPERATOR_CSS = "font-size: 18pt; color: #333; padding: 0 2px;"
INSPECTOR_NOTE_CSS = "color: #555; font-style: italic;"
INSPECTOR_HEADING_CSS = "font-weight: bold; color: #333;"
INSPECTOR_OPERATOR_WIDTH = 30   # px: an operator's least width (a merged `= Σᵢ` takes more)

# ---- editor and paths view -------------------------------------------------------------------------
EDITOR_GUTTER = "#f3f3f3"        # behind the line numbers
EDITOR_HINT_CSS = "color: #555;"   # the hint under the text (4.5:1 in both themes)
PATHS_PT = 9.0                   # the Paths view's boxes and link labels
PATHS_EDGE = "#555555"           # a link, and a box's frame, not lit
PATHS_LINK_TEXT = "#1f4e9e"      # a link's local partial

# ---- inputs panel ---------------------------------------------------------------------------------
INPUTS_CELL_WIDTH = 48     # px: a column's least width; it grows to fit its numbers
INPUTS_CELL_HEIGHT = 22

# ---- explanation panel ----------------------------------------------------------------------------
EXPLANATION_HEADING_CSS = "font-weight: bold; font-size: 12pt; color: #333;"
EXPLANATION_TEXT_CSS = "font-size: 11pt; color: #1f2328;"
EXPLANATION_RULE_CSS = "font-size: 14pt; font-weight: bold;"
EXPLANATION_TERMS_CSS = "font-size: 10.5pt;"
EXPLANATION_ERROR_CSS = f"font-size: 11pt; color: {ERROR};"
