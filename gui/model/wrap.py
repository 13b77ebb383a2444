"""Long layouts wrapped into bands, as plain data (no Qt): a left-to-right layout wider than the
canvas is cut between its columns into bands that each fit `width`, stacked top to bottom like
lines of text, so the view can fit the width and scroll down instead of shrinking the labels.

`strips` tells the bands apart again from any positions (also dragged ones): a wire between two
strips is drawn as a labelled stub rather than across the bands between."""
import math

from gui import style


def legible_zoom():
    """The least view zoom at which the smallest canvas label (style.CANVAS_MIN_FONT px at presentation
    scale 1, rounded to whole pixels as fonts are) still renders at CANVAS_MIN_LABEL_PX × scale."""
    scale = style.FONT_SCALE
    return style.CANVAS_MIN_LABEL_PX * scale / max(1, round(style.CANVAS_MIN_FONT * scale))


def band_width():
    """The widest a layout may be, in scene units, and still be seen whole across the narrowest
    canvas at the least legible zoom: wider, it wraps."""
    return style.CANVAS_NARROWEST_PX / legible_zoom()


def wrap_bands(positions, sizes, width, gap, stub_room=0.0):
    """{node: (x, y)} with the columns (nodes of equal centre x) regrouped into bands no wider than
    `width` less `stub_room` (the labels of the stubs at a band's left; a column wider than that is a
    band of its own), the bands about equally wide, each starting at the layout's left edge and
    `gap` below the one before. Positions that fit `width` already come back unchanged."""
    columns = column_extents(positions, sizes)
    if not columns or columns[-1][2] - columns[0][1] <= width:
        return dict(positions)
    width -= stub_room
    left = columns[0][1]
    count = math.ceil((columns[-1][2] - left) / width)
    target = (columns[-1][2] - left) / count
    placed, top = {}, None
    for band in split(columns, width, target):
        band_top = min(c[3] for c in band)
        dx = left - band[0][1]
        dy = 0.0 if top is None else top - band_top
        for _, _, _, _, bottom, nodes in band:
            placed.update((n, (positions[n][0] + dx, positions[n][1] + dy)) for n in nodes)
        top = max(c[4] for c in band) + dy + gap
    return placed


def column_extents(positions, sizes):
    """(x, left, right, top, bottom, nodes) per column of nodes sharing a centre x, left to right."""
    groups = {}
    for node, (x, _) in positions.items():
        groups.setdefault(x, []).append(node)
    result = []
    for x, nodes in sorted(groups.items()):
        boxes = [(positions[n][1], *sizes[n]) for n in nodes]
        result.append((x, x - max(w for _, w, _ in boxes) / 2, x + max(w for _, w, _ in boxes) / 2,
                       min(y - h / 2 for y, _, h in boxes), max(y + h / 2 for y, _, h in boxes), nodes))
    return result


def split(columns, width, target):
    """Consecutive runs of columns: by where each column's centre falls in bands `target` wide (so
    a last column, the loss marker, joins the band before), a run past `width` cut again."""
    left, count = columns[0][1], round((columns[-1][2] - columns[0][1]) / target)
    runs = {}
    for column in columns:
        runs.setdefault(min(count - 1, int((column[0] - left) // target)), []).append(column)
    bands = []
    for run in runs.values():
        band = []
        for column in run:
            if band and column[2] - band[0][1] > width:
                bands.append(band)
                band = []
            band.append(column)
        bands.append(band)
    return bands


def strips(positions, sizes, gap):
    """{node: strip index}: nodes whose boxes come closer than about `gap` in y (transitively)
    share a strip, top first. A wrapped layout's bands (`gap` apart) are its strips; an unwrapped
    one is a single strip (its rows are less than `gap` apart)."""
    spans = sorted((positions[n][1] - sizes[n][1] / 2, positions[n][1] + sizes[n][1] / 2, n)
                   for n in positions)
    result, index, bottom = {}, -1, -math.inf
    for top, low, node in spans:
        if top - bottom > gap * 0.9:   # bands are `gap` apart, up to rounding
            index += 1
        bottom = max(bottom, low)
        result[node] = index
    return result


def crossing_edges(graph, positions):
    """The edges (source, target, key) whose ends lie in different strips: wires between bands."""
    strip = strips(positions, {n: graph.nodes[n]["size"] for n in positions}, style.CANVAS_BAND_GAP)
    return {(u, v, k) for u, v, k in graph.edges(keys=True) if strip[u] != strip[v]}
