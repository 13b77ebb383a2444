"""The canvas's graph and its layered left-to-right layout, as plain data (no Qt).

`program_graph` turns a Program into a graph (gui.model.graph) with one node per input, per equation and
per constant, plus the loss marker `L` after the start node (a hole is an unwired input port of
its equation's node, listed in its `holes`); `layered_layout` places it
in topological layers and returns {node_id: (x, y)}. Edges run operand → equation, one per use
(a MultiDiGraph, keyed by the operand's position), so `h * h` shows two."""
from collections import deque

from engine import Const, HoleRef, infer_shapes, lookup, syntax_pieces
from gui import style
from gui.model.graph import MultiDiGraph, all_neighbors, topological_generations
from gui.model.wrap import band_width, wrap_bands

LOSS_ID = "L"


# ---- the graph -----------------------------------------------------------------------------

def program_graph(program, input_shapes=None, start=None):
    """Program → MultiDiGraph keyed by node id; node attributes describe what an item shows."""
    ids = program.node_ids()
    graph = MultiDiGraph(ids=ids, start=start)  # ids: value name → node id
    shapes = infer_shapes(program, input_shapes)
    for i in program.inputs:  # a generated name (inline `randn(2, 2)`) has an id other than its name
        graph.add_node(i.node_id, kind="input", name=i.name, label="", named=i.node_id == i.name, ports=0,
                       holes=(), shape=shapes.shapes.get(i.name), problem=None,
                       tip=f"{i.name} = {i.init}{i.shape}")
    for eqn in program.eqns:
        holes = tuple(k for k, x in enumerate(eqn.inputs) if isinstance(x, HoleRef))
        graph.add_node(eqn.node_id, kind="eqn", name=eqn.out, label=op_label(eqn), named=eqn.named,
                       ports=len(eqn.inputs), holes=holes, shape=shapes.shapes.get(eqn.out),
                       problem=shapes.problems.get(eqn.out), tip=str(eqn))
        for index, operand in enumerate(eqn.inputs):
            if index not in holes:
                graph.add_edge(operand_node(graph, ids, eqn, index, operand), eqn.node_id, key=index)
    add_loss(graph, ids.get(start or program.output), start or program.output)
    for node_id, data in graph.nodes(data=True):
        data["size"] = node_size(data)
    return graph


def op_label(eqn):
    """The op's badge: its symbol, with the exponent for `**` (`**2`), `ᵀ` for a transpose."""
    opdef = lookup(eqn.op)
    if opdef.notation == "power":
        return f"**{eqn.kwargs['exponent']:g}"
    if opdef.notation == "subscript" and not opdef.labels:   # x[0, 1:3]: its constant items
        return "".join(p for p in syntax_pieces(eqn.syntax()) if isinstance(p, str))
    return "ᵀ" if opdef.notation == "postfix" else opdef.symbol


def add_loss(graph, start_id, start):
    """The loss marker L after the start node: where the backward pass begins."""
    if start_id is not None:
        graph.add_node(LOSS_ID, kind="loss", name="", label="L", named=True, ports=1, holes=(), shape=(),
                       problem=None, tip=f"L = sum({start}) unless G is given")
        graph.add_edge(start_id, LOSS_ID, key=0)


def node_size(data):
    """(width, height) of a node's box: its kind's size, widened for a long name or op name."""
    width, height = style.CANVAS_NODE_SIZE[data["kind"]]
    if data["kind"] in ("input", "eqn"):
        badge = style.CANVAS_BADGE_CHAR * len(data["label"]) if len(data["label"]) > 1 else 0
        text = style.CANVAS_NAME_CHAR * max(len(data["name"]), 4)
        width = max(width, width - 4 * style.CANVAS_NAME_CHAR + text + badge)
    elif data["kind"] == "const":
        width = max(width, 12 + style.CANVAS_BADGE_CHAR * len(data["label"]))
    return (float(width), float(height))


def operand_node(graph, ids, eqn, index, operand):
    """The node id an equation's operand comes from; a constant gets its own small node."""
    if isinstance(operand, str):
        return ids[operand]
    assert isinstance(operand, Const)
    node_id = f"{eqn.node_id}#{index}"
    graph.add_node(node_id, kind="const", name="", label=operand.text, named=False, ports=0, holes=(),
                   shape=(), problem=None, tip=f"the constant {operand.text}")
    return node_id


# ---- layers and order --------------------------------------------------------------------------

def layers(graph):
    """Node ids per layer, left to right: longest path from the sources, then every source pulled
    right to just before its first consumer, so an input sits next to what uses it."""
    layer = {}
    for depth, generation in enumerate(topological_generations(graph)):
        for node in generation:
            layer[node] = depth
    for node in graph.nodes:
        consumers = [layer[s] for s in graph.successors(node)]
        if graph.in_degree(node) == 0 and consumers:
            layer[node] = min(consumers) - 1
    columns = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for node in graph.nodes:  # program order inside a layer is the first guess
        columns[layer[node]].append(node)
    return columns


def barycenter_order(graph, columns, sweeps=4):
    """Reorder each layer by its neighbours' mean rank, sweeping right then left: fewer crossings.
    A consumer's operands keep their written order (`a @ b`: a above b)."""
    before = {n: list(graph.predecessors(n)) for n in graph}
    after = {n: [(v, 0.1 * k) for _, v, k in graph.out_edges(n, keys=True)] for n in graph}
    rank = {node: i for column in columns for i, node in enumerate(column)}
    for sweep in range(sweeps):
        forward = sweep % 2 == 0
        for column in (columns[1:] if forward else columns[-2::-1]):
            if len(column) < 2:
                continue   # nothing to order (most layers of a long chain)
            keys = {n: order_key(rank, n, before[n], after[n], forward) for n in column}
            column.sort(key=keys.__getitem__)
            rank.update((n, i) for i, n in enumerate(column))
    return columns


def order_key(rank, node, before, after, forward):
    """Mean rank of the node's operands (forward) or consumers (backward, offset by port), falling
    back to the other side when that side is empty."""
    ranks_before = [rank[m] for m in before]
    ranks_after = [rank[v] + offset for v, offset in after]
    first, second = (ranks_before, ranks_after) if forward else (ranks_after, ranks_before)
    return mean(first or second, rank[node])


def mean(values, default):
    return sum(values) / len(values) if values else default


# ---- coordinates -----------------------------------------------------------------------------

def pack(column, desired, heights, gap, weight):
    """Y centres closest (weighted least squares) to `desired` that keep the column's order and
    `gap` between boxes: pool adjacent violators on the positions minus their offsets. Light
    nodes (leaves) give way to heavy ones (the computed chain)."""
    if len(column) == 1:   # most layers of a long chain: nothing to keep apart
        return {column[0]: desired[column[0]]}
    offsets, total = [], 0.0
    for i, node in enumerate(column):
        if i:
            total += (heights[column[i - 1]] + heights[node]) / 2 + gap
        offsets.append(total)
    blocks = []  # [weighted sum, weight, count]: a run of nodes that moves as one
    for node, offset in zip(column, offsets):
        w = weight[node]
        blocks.append([w * (desired[node] - offset), w, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, w, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += w
            blocks[-1][2] += c
    ys = [s / w for s, w, c in blocks for _ in range(c)]
    return {node: y + offset for node, y, offset in zip(column, ys, offsets)}


def assign_y(graph, columns, heights, sweeps=6):
    """Centre each node on its neighbours, sweeping both ways, packing each layer without overlaps.
    Leaves (inputs, constants) hold weakly, and a node is pulled by its computed neighbours when
    it has any: a chain stays straight, an input sits beside its consumer, a bias joins from the side."""
    gap = style.CANVAS_ROW_GAP
    weight = {n: 0.05 if graph.in_degree(n) == 0 else 1.0 for n in graph}
    pulls = {}
    for n in graph:
        neighbours = list(all_neighbors(graph, n))
        pulls[n] = [m for m in neighbours if weight[m] == 1.0] or neighbours
    y = {}
    for column in columns:
        y.update(pack(column, {n: 0.0 for n in column}, heights, gap, weight))
    for sweep in range(sweeps):
        for column in (columns if sweep % 2 == 0 else columns[::-1]):
            desired = {n: mean([y[m] for m in pulls[n]], y[n]) for n in column}
            y.update(pack(column, desired, heights, gap, weight))
    return y


def assign_x(columns, widths):
    """Left edges of the layers, each as wide as its widest node, centres returned per node."""
    x, left = {}, 0.0
    for column in columns:
        width = max(widths[n] for n in column) if column else 0.0
        x.update((n, left + width / 2) for n in column)
        left += width + style.CANVAS_LAYER_GAP
    return x


def layered_layout(graph, previous=None):
    """{node_id: (x, y)} centres, wrapped into bands when wider than the canvas (gui.model.wrap).
    Nodes in `previous` keep their place; new ones go beside their neighbours as the unwrapped
    layout has them (see `place_new`)."""
    if not graph:
        return {}
    sizes = {n: data["size"] for n, data in graph.nodes(data=True)}
    columns = barycenter_order(graph, layers(graph))
    ys = assign_y(graph, columns, {n: h for n, (w, h) in sizes.items()})
    xs = assign_x(columns, {n: w for n, (w, h) in sizes.items()})
    fresh = {n: (xs[n], ys[n]) for n in graph.nodes}
    # The loss marker follows the start node rather than keeping its place.
    kept = {n: tuple(p) for n, p in (previous or {}).items() if n in graph and n != LOSS_ID}
    if not kept:
        return wrap_bands(fresh, sizes, band_width(), style.CANVAS_BAND_GAP, style.CANVAS_STUB_ROOM)
    return place_new(graph, fresh, kept, sizes)


def place_new(graph, fresh, kept, sizes):
    """Kept nodes stay. A new node keeps its place in the fresh layout relative to its nearest
    kept node (so it lands beside its neighbours), or moves like the kept nodes do on average when
    nothing connects it to them; then it is nudged down off any box it would overlap."""
    shift = {n: (kept[n][0] - fresh[n][0], kept[n][1] - fresh[n][1]) for n in kept}
    default = (median([d[0] for d in shift.values()]), median([d[1] for d in shift.values()]))
    anchor = nearest_kept(graph, kept)
    placed = dict(kept)
    for node in graph:
        if node not in placed:
            dx, dy = shift[anchor[node]] if node in anchor else default
            placed[node] = free_spot(node, fresh[node][0] + dx, fresh[node][1] + dy, placed, sizes)
    return placed


def nearest_kept(graph, kept):
    """{new node: the kept node nearest to it along edges (either direction)}: one breadth-first
    search from all kept nodes at once."""
    anchor = {n: n for n in kept}
    queue = deque(kept)
    while queue:
        node = queue.popleft()
        for m in all_neighbors(graph, node):
            if m not in anchor:
                anchor[m] = anchor[node]
                queue.append(m)
    return anchor


def free_spot(node, x, y, placed, sizes):
    """(x, y) moved down by rows until `node`'s box overlaps no placed box, at most one row per
    placed box: the search is bounded even where a row's height moves nothing (y = 1e20)."""
    w, h = sizes[node]
    for _ in range(len(placed) + 1):
        if not any(overlaps((x, y, w, h), (p[0], p[1], *sizes[m])) for m, p in placed.items() if m != node):
            break
        y += h + style.CANVAS_ROW_GAP
    return (x, y)


def overlaps(a, b):
    """Whether two centred boxes (x, y, w, h) overlap, with a small margin."""
    margin = style.CANVAS_ROW_GAP / 2
    return abs(a[0] - b[0]) * 2 < a[2] + b[2] + margin and abs(a[1] - b[1]) * 2 < a[3] + b[3] + margin


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0
