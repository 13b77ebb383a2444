"""The canvas's scene: it draws only the background (a quiet dot grid) and builds the items
from a graph and its layout (a large graph's as they come into sight); each item paints itself."""
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from gui import style
from gui.canvas.edge_item import EdgeItem
from gui.canvas.lazy_items import LazyItems, edge_box, node_box
from gui.canvas.node_item import NodeItem, NodeSignals

MARGIN = 400.0   # room to pan past the graph's edges
MIN_GRID_PIXELS = 10
EAGER = 400      # items (nodes and edges) up to which a graph's are all made at once


class GraphScene(QGraphicsScene):
    """`nodes` and `edges` map every node id and edge key of the graph shown to its item; a large
    graph's items are made as the view reveals where they stand, or when first asked for
    (gui.canvas.lazy_items). `dress(ids, keys)`, set by the view, styles items just made."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.signals = NodeSignals(self)
        self.nodes = self.edges = LazyItems((), None)
        self.wires, self.boxes = {}, {}
        self.graph, self.positions, self.waypoints, self.stubs = None, {}, {}, frozenset()
        self.dress = lambda ids, keys: None
        # the default BSP index: a paint or a click looks at the items near it, not at every one of a
        # thousand nodes and their wires

    def populate(self, graph, positions, waypoints, stubs=frozenset()):
        """Replace every item: one NodeItem per node at its position, one EdgeItem per edge (through
        its waypoints, if any; a labelled stub for the edges in `stubs`). A graph of up to EAGER
        items has them all made now, in that order; a larger one as they are revealed."""
        self.clear()
        self.nodes = self.edges = LazyItems((), None)   # the new rect scrolls the view: nothing to reveal
        self.setSceneRect(laid_out_rect(graph, positions, waypoints).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
        self.graph, self.positions, self.waypoints, self.stubs = graph, positions, waypoints, stubs
        self.nodes = LazyItems(graph.nodes, self._make_nodes)
        self.edges = LazyItems(graph.edges(keys=True), self._make_edges)
        self.wires = {node_id: [] for node_id in self.nodes}   # node id -> the edges made at its ends
        self.boxes = {node_id: node_box(data, positions[node_id]) for node_id, data in graph.nodes(data=True)}
        self.boxes.update((key, edge_box(graph, positions, key, waypoints.get(key, ()), self.stub(key)))
                          for key in self.edges)
        if len(self.nodes) + len(self.edges) <= EAGER:
            self._make_nodes(list(self.nodes))
            self._make_edges(list(self.edges))

    def reveal(self, rect):
        """Make the items not made yet whose place meets scene rectangle `rect`."""
        ids = [n for n in self.nodes.pending() if self.boxes[n].intersects(rect)]
        keys = [k for k in self.edges.pending() if self.boxes[k].intersects(rect)]
        if ids:
            self._make_nodes(ids)
        if keys:
            self._make_edges(keys)

    def stub(self, key):
        """What the edge `key` says as a stub (its source), or "" when it is drawn whole."""
        return stub_label(self.graph, key[0]) if key in self.stubs else ""

    def _make_nodes(self, ids):
        for node_id in ids:
            item = NodeItem(node_id, self.graph.nodes[node_id], self.signals)
            item.setPos(*self.positions[node_id])
            self.addItem(item)
            self.nodes.made[node_id] = item
        self.dress(ids, ())

    def _make_edges(self, keys):
        for key in keys:
            source, target, port = key
            edge = EdgeItem(self.nodes[source], self.nodes[target], port, self.waypoints.get(key, ()),
                            self.stub(key))
            self.addItem(edge)
            self.edges.made[key] = edge
            self.wires[source].append(edge)
            self.wires[target].append(edge)
        self.dress((), keys)

    def move_node(self, node_id, x, y):
        """Put a node at (x, y) with its wires following (a drag; the model learns at its end)."""
        self.nodes[node_id].setPos(x, y)
        for edge in self.wires[node_id]:
            edge.follow()

    def selected_nodes(self):
        return {item.node_id for item in self.selectedItems() if hasattr(item, "node_id")}

    def selected_wires(self):
        """(target id, port) of each selected wire."""
        return [(item.target.node_id, item.port) for item in self.selectedItems()
                if not hasattr(item, "node_id")]

    def set_wires_selectable(self, selectable):
        """Wires into equations are selected by a click; while a box is drawn they are not
        selectable, so that the box selects nodes only (their wires go with them)."""
        for edge in self.edges.made.values():
            if edge.target.kind == "eqn":
                edge.setFlag(QGraphicsItem.ItemIsSelectable, selectable)

    def output_port_at(self, pos):
        """The node whose output port is under scene point `pos`, or None."""
        reach = 2 * style.CANVAS_PORT_RADIUS
        for node_id, item in self.nodes.made.items():   # a port under the mouse is in sight: made
            if item.has_output() and (item.out_port() - pos).manhattanLength() <= reach:
                return node_id
        return None

    def drawBackground(self, painter, rect):
        painter.fillRect(rect, QColor(style.CANVAS_BACKGROUND))
        step = style.CANVAS_GRID_STEP
        if painter.worldTransform().m11() * step < MIN_GRID_PIXELS:
            return  # zoomed far out: the dots would be noise
        left, top = int(rect.left() // step) * step, int(rect.top() // step) * step
        dots = QPolygonF([QPointF(x, y) for x in range(left, int(rect.right()) + 1, step)
                          for y in range(top, int(rect.bottom()) + 1, step)])
        painter.setPen(QPen(QColor(style.CANVAS_GRID), 2))
        painter.drawPoints(dots)

    def content_rect(self):
        """The rectangle the nodes and stubs cover (for fitting), from their places: made or not;
        other edges stay between nodes."""
        rect = QRectF(-50, -50, 100, 100) if not self.nodes else QRectF()
        for key, box in self.boxes.items():
            if key in self.nodes or key in self.stubs:
                rect |= box
        return rect


def laid_out_rect(graph, positions, waypoints):
    """The rectangle the nodes' boxes and the edges' waypoints cover, from the layout itself (asking
    a thousand items for their bounds would call into Python for each)."""
    boxes = [(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
             for n, (x, y) in positions.items() for w, h in [graph.nodes[n]["size"]]]
    boxes += [(x, y, x, y) for points in waypoints.values() for x, y in points]
    if not boxes:
        return QRectF()
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    return QRectF(left, top, max(b[2] for b in boxes) - left, max(b[3] for b in boxes) - top)


def stub_label(graph, node_id):
    """What a stub from `node_id` says: the value's name, or the constant itself."""
    data = graph.nodes[node_id]
    return data["name"] or data["label"]
