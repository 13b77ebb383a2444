"""Colours, sizes and names shared by the app's widgets, in one place."""

# Step states of a node or an edge.
PENDING = "#9aa0a6"        # nothing computed yet
VALUE = "#3b78c4"          # has its value (forward)
GRADIENT = "#d9822b"       # has its gradient (backward); gradient flow is drawn in this colour
ACTIVE = "#f2c94c"         # the current step's node and edges
ERROR = "#d64545"          # a broken shape rule, a hole
SELECTION = "#2bb673"      # the selected entry and what feeds it

# Heatmaps: diverging, centred on zero.
COLORMAP = "CET-D1"
