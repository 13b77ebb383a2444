"""What the Paths view draws, as plain data (no Qt): boxes in columns and the links between them.

For a gradient entry ∂L/∂x[idx] (engine.list_paths), left to right: x[idx], then each listed
path's entries up to its through entry, the path's product, and the sum of every path as the
last box; each link is labelled with its local partial (`b₁₁ = 0.5`). A long listing keeps its
first and last paths and puts one gap box between them (`… 1,018 more paths`); the sum stays exact.
For a value entry y[idx] (engine.forward_listing), the reversed graph: each summand's input
entries, the summand's value, and y[idx] as the sum.

Playing the terms lights the listed paths in turn; `running(k)` is the sum after k of them,
the gap counting as one step that adds every omitted path at once."""
import math
from typing import NamedTuple

import engine
# the paths' names load on first use
from engine import computing, entry_magnitude, grad_sub, number, parse_entry, shown_number, sub

LIMIT = 6


class Box(NamedTuple):
    key: object
    column: int
    row: int
    text: str
    kind: str              # "entry", "product", "gap" or "sum"
    entry: tuple = None    # (name, index, is_grad) that clicking the box selects
    path: int = None       # the listed path it belongs to (its place in `products`)


class Link(NamedTuple):
    source: object
    target: object
    text: str
    path: int = None


class Picture(NamedTuple):
    title: str
    boxes: list
    links: list
    steps: list            # per play step: (path or None for the gap, its term rank or None, its sum)
    total: float
    rounding: bool = False   # a gradient's: its sums are written 0 when zero up to rounding

    def running(self, k):
        """Σ of the first k play steps (0 ≤ k ≤ len(steps)); for a gradient 0 when it is zero up
        to rounding of them (engine.rounding, as its heatmap shows it)."""
        done = [s[2] for s in self.steps[:k]]
        total = math.fsum(done)
        return shown_number(total, math.fsum(abs(x) for x in done)) if self.rounding else total


def entry_text(session, name, index, cursor):
    """`a₁₁ = 0.3` and, once computed, `∂ = 0.25` (partial: `∂ = 0.1 (1 of 2)`), as the heatmaps
    show it (zero up to rounding as 0)."""
    lines = [f"{sub(name, index)} = {number(float(session.records.values[name][index]))}"]
    array, state, k, n = session.grad(name, cursor)
    if array is not None:
        array = session.magnitudes.shown_grad(name, cursor, array)
        lines.append(f"∂L = {number(float(array[index]))}" + (f" ({k} of {n})" if k < n else ""))
    return "\n".join(lines)


def backward_picture(session, name, index, through=None, expand=False, limit=LIMIT):
    """The paths of ∂L/∂name[index] up to `through` (engine.list_paths)."""
    with computing():
        listing = engine.list_paths(session.records, (name, index), through, expand, limit)
    cursor, width = session.cursor, max((len(p.nodes) for p in listing.paths), default=1)
    boxes = [Box("x", 0, 0, entry_text(session, name, index, cursor), "entry", (name, index, True))]
    links, steps, row = [], [], 0
    for i, path in enumerate(listing.paths):
        if i == listing.head and listing.omitted:
            row = add_gap(boxes, steps, listing, row, width)
        rank = i if i < listing.head else listing.count - len(listing.paths) + i
        add_path(session, boxes, links, path, i, row, width, cursor)
        steps.append((i, None if expand else rank, path.product))
        row += 1
    if listing.omitted and listing.head == len(listing.paths):
        row = add_gap(boxes, steps, listing, row, width)
    title = f"{grad_sub(name, index)} = {number(shown_number(listing.total, entry_magnitude(listing.att)))}"
    boxes.append(Box("sum", width + 1, 0, f"Σ {count_text(listing.count)}\n{title}", "sum"))
    links += [Link(b.key, "sum", "") for b in boxes if b.kind in ("product", "gap")]
    return Picture(title, centre_source(boxes, row), links, steps, listing.total, rounding=True)


def count_text(count):
    return f"{count:,} path" + ("" if count == 1 else "s")


def add_path(session, boxes, links, path, i, row, width, cursor):
    """One path's entries after the source, its links (labelled with their locals) and its product."""
    previous = "x"
    for j, ((node, idx), edge) in enumerate(zip(path.nodes[1:], path.edges), start=1):
        key = (i, j)
        boxes.append(Box(key, j, row, entry_text(session, node, idx, cursor), "entry", (node, idx, True), i))
        links.append(Link(previous, key, local_text(edge), i))
        previous = key
    text = engine.path_product_text(path).replace(" = ", "\n= ", 1)   # symbols above their numbers
    boxes.append(Box(("p", i), width, row, text, "product", None, i))
    links.append(Link(previous, ("p", i), "", i))


def local_text(edge):
    """`b₁₁ = 0.5` (a product of factors keeps its symbols), or the number alone when it is one."""
    symbols = "·".join(t for t, _ in edge.shown(sub)) or "1"
    value = number(edge.local)
    return value if symbols == value else f"{symbols} = {value}"


def add_gap(boxes, steps, listing, row, width):
    """The omitted paths as one box and one play step adding their sum."""
    listed = math.fsum(p.product for p in listing.paths)
    steps.append((None, None, listing.total - listed))
    boxes.append(Box("gap", 1, row, engine.path_gap_text(listing), "gap"))
    boxes.append(Box(("p", "gap"), width, row, f"Σ = {number(listing.total - listed)}", "product"))
    return row + 1


def centre_source(boxes, rows):
    """The source and the sum sit level with the middle of the paths."""
    middle = (rows - 1) / 2 if rows else 0
    return [b._replace(row=middle) if b.kind == "sum" or b.key == "x" else b for b in boxes]


def forward_picture(session, name, index, limit=LIMIT):
    """The reversed graph of a value entry: each summand's input entries → the summand → the entry."""
    with computing():
        listing = engine.forward_listing(session.records, (name, index), limit)
    boxes, links, steps, row = [], [], [], 0
    for i, path in enumerate(listing["paths"]):
        if i == engine.paths_gap_at(len(listing["paths"]), listing["omitted"]) and listing["omitted"]:
            boxes.append(Box("gap", 1, row, f"… {listing['omitted']:,} more terms", "gap"))
            row += 1
        row = add_summand(session, boxes, links, path, i, row)
        steps.append((i, None, path["product"]))
    title = f"{sub(name, index)} = {number(listing['value'])}"
    boxes.append(Box("sum", 2, 0, title, "sum", (name, index, False)))
    links += [Link(b.key, "sum", "", b.path) for b in boxes if b.kind == "product"]
    return Picture(title, centre_source(boxes, row), links, steps, listing["total"])


def add_summand(session, boxes, links, path, i, row):
    """One summand: its input entries (the first and last few of a long one, `… 2,043 more
    entries` between), each linked to the summand's value."""
    texts = path["inputs"]
    ranks = engine.paths_shown(len(texts), LIMIT)
    rows = len(ranks) + (len(ranks) < len(texts))
    boxes.append(Box(("p", i), 1, row + (rows - 1) / 2 if ranks else row, number(path["product"]), "product", None, i))
    for j, rank in enumerate(ranks):
        if j == (LIMIT + 1) // 2 and len(ranks) < len(texts):
            boxes.append(Box((i, "gap"), 0, row, f"… {len(texts) - len(ranks):,} more entries", "gap", None, i))
            links.append(Link((i, "gap"), ("p", i), "", i))
            row += 1
        node, idx, _ = parse_entry(texts[rank])
        boxes.append(Box((i, j), 0, row, entry_text(session, node, idx, session.cursor), "entry", (node, idx, False), i))
        links.append(Link((i, j), ("p", i), "", i))
        row += 1
    return row if ranks else row + 1


def picture(session, selection, expand=False, limit=LIMIT):
    """The Paths view of the selection (a Selected), or None when the engine cannot attribute it."""
    if selection is None or selection.error:
        return None
    if selection.is_grad:
        return backward_picture(session, selection.name, selection.index, selection.through, expand, limit)
    if session.program.producer(selection.name) is None:
        return None   # an input's value: nothing feeds it
    return forward_picture(session, selection.name, selection.index, limit)
