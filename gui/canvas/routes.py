"""Edge routes around nodes, as plain data: an edge that spans several layers would otherwise run
under the nodes between its ends. Works on any positions (fresh layouts and edited ones)."""
from bisect import bisect_left, bisect_right

from gui import style

CLEARANCE = style.CANVAS_ROW_GAP / 2   # room kept between a routed edge and a box


def routes(graph, positions):
    """{(source, target, port): [(x, y), …]} waypoints for the edges that would cross a node's box
    on their way; edges with a clear run are absent."""
    boxes = sorted((x, y, *graph.nodes[n]["size"], n) for n, (x, y) in positions.items())
    xs = [box[0] for box in boxes]
    result = {}
    for source, target, port in graph.edges(keys=True):
        (x0, y0), (x1, y1) = positions[source], positions[target]
        between = boxes[bisect_right(xs, x0):bisect_left(xs, x1)]
        between = [b for b in between if b[4] not in (source, target)]
        if between:
            points = detour(between, (x0, y0), (x1, y1))
            if points:
                result[source, target, port] = points
    return result


def detour(boxes, start, end):
    """Waypoints from `start` to `end` past `boxes` (sorted by x): at each column of boxes, keep
    heading for `end` unless a box is in the way, then take the nearest free y, level along
    the whole column so the curve bends only in the gaps between columns."""
    points, (x, y) = [], start
    for column_x, column in columns(boxes):
        ahead = y + (end[1] - y) * (column_x - x) / (end[0] - x) if end[0] != x else end[1]
        free = nearest_free(ahead, column)
        if free != ahead or points:
            left = min(bx - w / 2 for bx, _, w, _, _ in column) - CLEARANCE
            right = max(bx + w / 2 for bx, _, w, _, _ in column) + CLEARANCE
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


def nearest_free(y, column):
    """`y` when no box of the column covers it (with clearance), else the closest y just above or
    below the run of boxes that covers it."""
    spans = sorted((by - h / 2 - CLEARANCE, by + h / 2 + CLEARANCE) for _, by, _, h, _ in column)
    merged = []
    for top, bottom in spans:
        if merged and top <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])
    for top, bottom in merged:
        if top < y < bottom:
            return top if y - top <= bottom - y else bottom
    return y
