"""The canvas's scene: it draws only the background (a quiet dot grid) and builds the items
from a graph and its layout; each item paints itself."""
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from gui import style
from gui.canvas.edge_item import EdgeItem
from gui.canvas.node_item import NodeItem, NodeSignals

MARGIN = 400.0   # room to pan past the graph's edges
MIN_GRID_PIXELS = 10


class GraphScene(QGraphicsScene):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.signals = NodeSignals(self)
        self.nodes, self.edges, self.wires = {}, {}, {}
        # the default BSP index: a paint or a click looks at the items near it, not at every one of a
        # thousand nodes and their wires

    def populate(self, graph, positions, waypoints, stubs=frozenset()):
        """Replace every item: one NodeItem per node at its position, one EdgeItem per edge (through
        its waypoints, if any; a labelled stub for the edges in `stubs`)."""
        self.clear()
        self.nodes = {node_id: NodeItem(node_id, data, self.signals)
                      for node_id, data in graph.nodes(data=True)}
        for node_id, item in self.nodes.items():
            item.setPos(*positions[node_id])
            self.addItem(item)
        self.edges = {(source, target, key): EdgeItem(self.nodes[source], self.nodes[target], key,
                                                      waypoints.get((source, target, key), ()),
                                                      stub_label(graph, source) if (source, target, key) in stubs else "")
                      for source, target, key in graph.edges(keys=True)}
        self.wires = {node_id: [] for node_id in self.nodes}   # node id -> the edges at its ends
        for (source, target, _), edge in self.edges.items():
            self.addItem(edge)
            self.wires[source].append(edge)
            self.wires[target].append(edge)
        self.setSceneRect(laid_out_rect(graph, positions, waypoints).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

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
        for edge in self.edges.values():
            if edge.target.kind == "eqn":
                edge.setFlag(QGraphicsItem.ItemIsSelectable, selectable)

    def output_port_at(self, pos):
        """The node whose output port is under scene point `pos`, or None."""
        reach = 2 * style.CANVAS_PORT_RADIUS
        for node_id, item in self.nodes.items():
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
        """The rectangle the nodes and stubs cover (for fitting); other edges stay between nodes."""
        rect = QRectF(-50, -50, 100, 100) if not self.nodes else QRectF()
        for item in self.nodes.values():
            rect |= item.sceneBoundingRect()
        for edge in self.edges.values():
            if edge.stub:
                rect |= edge.sceneBoundingRect()
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
