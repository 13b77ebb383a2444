"""Canvas gestures, one small object each: a press starts one, the view feeds it the mouse
until the release ends it (Esc cancels it). Handlers return whether they took the event. A
gesture moves items only as feedback; the model learns once, at the end, through one edit."""
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from gui import style
from gui.model.graph import ancestors


def free_ports(scene, exclude=()):
    """(node id, port) of every unwired input port of the nodes made (those in sight, on a large
    graph: gui.canvas.lazy_items), but those of nodes in `exclude`."""
    return [(n, k) for n, item in scene.nodes.made.items() if n not in exclude for k in item.data["holes"]]


def nearest_port(scene, pos, ports):
    """The port of `ports` nearest scene point `pos` within the snap distance, or None."""
    best, best_d = None, style.CANVAS_PORT_SNAP
    for node_id, port in ports:
        d = (scene.nodes[node_id].in_port(port) - pos).manhattanLength()
        if d < best_d:
            best, best_d = (node_id, port), d
    return best


class Gesture:
    def __init__(self, view):
        self.view, self.scene, self.controller = view, view.scene(), view.controller

    def mouse_move(self, pos):
        return True

    def mouse_release(self, pos):
        return True

    def cancel(self):
        """Undo the gesture's feedback; nothing reached the model."""


class MoveNodes(Gesture):
    """Drag the selected nodes; their wires follow. One move command at the release."""

    def __init__(self, view, node_ids, pos):
        super().__init__(view)
        self.start = pos
        self.before = {n: (self.scene.nodes[n].x(), self.scene.nodes[n].y()) for n in node_ids}

    def mouse_move(self, pos):
        dx, dy = pos.x() - self.start.x(), pos.y() - self.start.y()
        for node_id, (x, y) in self.before.items():
            self.scene.move_node(node_id, x + dx, y + dy)
        return True

    def mouse_release(self, pos):
        self.mouse_move(pos)
        after = {n: (self.scene.nodes[n].x(), self.scene.nodes[n].y()) for n in self.before}
        if after != self.before:
            self.controller.move_nodes(after)
        return True

    def cancel(self):
        for node_id, (x, y) in self.before.items():
            self.scene.move_node(node_id, x, y)


class NewWire(Gesture):
    """From an output port, a rubber-band wire follows the mouse and snaps to the nearest free
    input port that would not make a cycle; released on a port, it connects (or says why not)."""

    def __init__(self, view, source, pos):
        super().__init__(view)
        self.source = source
        # A wire into a node that feeds the source would close a cycle: those ports do not snap.
        self.free = free_ports(self.scene, ancestors(view.graph, source) | {source})
        self.wire = QGraphicsPathItem()
        self.wire.setPen(QPen(QColor(style.CANVAS_WIRE_DRAFT), 2.5, Qt.DashLine, Qt.RoundCap))
        self.wire.setZValue(style.CANVAS_Z_LIT + 1)
        self.scene.addItem(self.wire)
        self.mouse_move(pos)

    def mouse_move(self, pos):
        target = nearest_port(self.scene, pos, self.free)
        end = self.scene.nodes[target[0]].in_port(target[1]) if target else pos
        start = self.scene.nodes[self.source].out_port()
        bend = max(20.0, abs(end.x() - start.x()) / 2)
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
        self.wire.setPath(path)
        return True

    def mouse_release(self, pos):
        self.cancel()
        target = nearest_port(self.scene, pos, self.free) or nearest_port(self.scene, pos, self.all_ports())
        if target is not None:
            self.controller.edit_canvas("connect", self.source, *target)
        return True

    def all_ports(self):
        return [(n, k) for n, item in self.scene.nodes.made.items() if item.kind == "eqn"
                for k in range(item.data["ports"])]

    def cancel(self):
        if self.wire.scene() is not None:
            self.scene.removeItem(self.wire)
