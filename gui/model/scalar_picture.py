"""The whole small program one box per scalar entry (engine.scalar_graph), as plain data (no Qt):
values left to right in the program's order of dependence, each entry with its value and, once
computed, its gradient; each link one per-entry partial, labelled as the Paths view labels it.
`lit` holds the links (and the selected entry) on the selection's expanded paths."""
import engine
from engine import computing
from gui.model.paths_picture import Box, Link, Picture, entry_text, local_text

MAX_LISTED = 10_000


def columns(program):
    """Each value's column: inputs 0, an equation's output one past its deepest operand."""
    column = {i.name: 0 for i in program.inputs}
    for eqn in program.eqns:
        column[eqn.out] = 1 + max((column.get(x, 0) for x in eqn.operand_names()), default=0)
    return column


def place(nodes, column):
    """(column, row) per entry: a value's entries one under the other, a blank row between values."""
    rows, places, last = {}, {}, None
    for node in nodes:
        c = column[node.name]
        if last is not None and last != node.name and rows.get(c):
            rows[c] += 1
        places[(node.name, node.index)] = (c, rows.get(c, 0))
        rows[c], last = rows.get(c, 0) + 1, node.name
    return places


def lit_links(session, selection):
    """(source, target) of every hop on the selection's expanded paths; the entry itself lit too."""
    if selection is None or selection.error:
        return frozenset()
    own = (selection.name, selection.index)
    if not selection.is_grad:
        return frozenset({(own, own)})
    with computing():
        listing = engine.list_paths(session.records, own, selection.through, True, MAX_LISTED)
    return frozenset({(own, own)} | {pair for p in listing.paths for pair in zip(p.nodes, p.nodes[1:])})


def scalar_picture(session, selection):
    """(Picture, lit) of every entry of the program; raises EngineError past 64 entries."""
    with computing():
        graph = engine.scalar_graph(session.records)
    places = place(graph.nodes, columns(session.program))
    boxes = [Box((n.name, n.index), *places[(n.name, n.index)], entry_text(session, n.name, n.index, session.cursor),
                 "entry", (n.name, n.index, n.grad is not None)) for n in graph.nodes]
    links = [Link(e.source, e.target, local_text(e.edge)) for e in graph.edges]
    title = f"the whole program, one box per entry: {len(boxes)} entries, {len(links)} partials"
    return Picture(title, boxes, links, [], 0.0), lit_links(session, selection)
