"""Edge routes around nodes, as plain data: an edge that spans several layers would otherwise run
under the nodes between its ends. Works on any positions (fresh layouts and edited ones). An edge
within one band of a wrapped layout goes around that band's nodes only: the other bands' columns
lie at other x and would send it back and forth."""
from bisect import bisect_left, bisect_right

from gui import style
from gui.model.wrap import strips

CLEARANCE = style.CANVAS_ROW_GAP / 2   # room kept between a routed edge and a box


def routes(graph, positions, skip=frozenset()):
    """{(source, target, port): [(x, y), …]} waypoints for the edges that would cross a node's box
    on their way; edges with a clear run, and those in `skip` (stubs), are absent."""
    sizes = {n: graph.nodes[n]["size"] for n in positions}
    strip = strips(positions, sizes, style.CANVAS_BAND_GAP)
    tables = band_tables(positions, sizes, strip)
    result = {}
    for source, target, port in graph.edges(keys=True):
        if (source, target, port) in skip:
            continue
        table, xs = tables[strip[source] if strip[source] == strip[target] else None]
        (x0, y0), (x1, y1) = positions[source], positions[target]
        between = table[bisect_right(xs, x0):bisect_left(xs, x1)]   # the ends' own columns excluded
        if between:
            points = detour(between, (x0, y0), (x1, y1))
            if points:
                result[source, target, port] = points
    return result


def band_tables(positions, sizes, strip):
    """{strip: (column table, its columns' x)} per strip of the layout, and under None for all the
    boxes (an edge between strips, when it is not a stub)."""
    boxes = {None: []}
    for n, (x, y) in positions.items():
        box = (x, y, *sizes[n], n)
        boxes[None].append(box)
        boxes.setdefault(strip[n], []).append(box)
    tables = {}
    for index, found in boxes.items():
        table = column_table(sorted(found))
        tables[index] = table, [column[0] for column in table]
    return tables


def column_table(boxes):
    """(x, left, right, covered spans) per column of boxes (sorted by x), worked out once for every
    edge's detour: a weight shared by a long chain crosses hundreds of columns."""
    table = []
    for column_x, column in columns(boxes):
        left = min(bx - w / 2 for bx, _, w, _, _ in column) - CLEARANCE
        right = max(bx + w / 2 for bx, _, w, _, _ in column) + CLEARANCE
        table.append((column_x, left, right, covered(column)))
    return table


def detour(table, start, end):
    """Waypoints from `start` to `end` past the columns of `table`: at each column, keep heading
    for `end` unless a box is in the way, then take the nearest free y, level along the whole
    column so the curve bends only in the gaps between columns."""
    points, (x, y) = [], start
    for column_x, left, right, spans in table:
        ahead = y + (end[1] - y) * (column_x - x) / (end[0] - x) if end[0] != x else end[1]
        free = nearest_free(ahead, spans)
        if free != ahead or points:
            if points and points[-1][1] == free:
                points[-1] = (right, free)   # the level run goes on: one longer run, fewer points
            else:
                points += [(left, free), (right, free)]
            x, y = right, free
    return points


def columns(boxes):
    """Boxes grouped by their centre x."""
    groups = {}
    for box in boxes:
        groups.setdefault(box[0], []).append(box)
    return sorted(groups.items())


def covered(column):
    """The y spans the column's boxes cover (with clearance), overlapping ones merged, top first."""
    spans = sorted((by - h / 2 - CLEARANCE, by + h / 2 + CLEARANCE) for _, by, _, h, _ in column)
    merged = []
    for top, bottom in spans:
        if merged and top <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])
    return merged


def nearest_free(y, spans):
    """`y` when no span covers it, else the closest y just above or below the span that does."""
    for top, bottom in spans:
        if top < y < bottom:
            return top if y - top <= bottom - y else bottom
    return y
