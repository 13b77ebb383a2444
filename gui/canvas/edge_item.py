"""One arrow per use of a value: operand → equation, into the port of that operand.

Its state says how the cursor relates to it: idle; lit (the current forward step reads it);
flow (the current backward step sends the gradient back along it, drawn in the gradient colour
with the arrowhead at the operand); flowed (a gradient passed earlier, drawn faintly).

A wire between two bands of a wrapped layout is a stub: a short arrow into its port, labelled
with the value it comes from, instead of a long wire across the bands between."""
import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gui import style
from gui.canvas.node_item import font, scaled_font
from gui.canvas.restylable import Restylable
from gui.model.canvas_state import EdgeState

ARROW = 9.0
LABEL_WIDTH = 160.0   # room kept for the label of a flowing gradient
STUB = 34.0           # length of a stub, at presentation scale 1
STUB_PX = 11          # its label's font size, at presentation scale 1
SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable   # looked up once for a thousand wires
NO_BUTTON = Qt.MouseButton.NoButton
PEN = {"idle": (style.CANVAS_EDGE, 1.4), "lit": (style.ACTIVE, 3.5), "flow": (style.GRADIENT, 3.5),
       "flowed": (style.GRADIENT, 1.6), "path": (style.SELECTION, 3.0)}


class EdgeItem(Restylable, QGraphicsItem):
    base_z = style.CANVAS_Z_EDGE

    def __init__(self, source, target, port, waypoints=(), stub=""):
        """`port` is which operand of `target` this edge feeds (0 = first); the curve passes
        through `waypoints` (scene points) to go around nodes in its way; a `stub` (the source's
        name) is drawn as a labelled stub. A wire into an equation can be selected (and
        deleted); the loss marker's cannot. (No itemChange of its own: a thousand wires would each
        call into Python for every flag and z set; a box selects nodes only through the scene.)"""
        super().__init__()
        self.source, self.target, self.port, self.stub = source, target, port, stub
        self.waypoints = [QPointF(*p) for p in waypoints]
        self.state = EdgeState()
        self.setZValue(self.base_z)
        if target.kind == "eqn":
            self.setFlag(SELECTABLE)
        else:
            self.setAcceptedMouseButtons(NO_BUTTON)
        self.adjust()

    def ends(self):
        """From the source's output port to this operand's input port on the target."""
        return self.source.out_port(), self.target.in_port(self.port)

    def follow(self):
        """An end moved (a drag): recompute the curve, dropping the detour planned for the old places."""
        self.waypoints = []
        self.adjust()

    def adjust(self):
        """Recompute the curve from the two items' positions."""
        self.prepareGeometryChange()
        start, end = self.ends()
        if self.stub:
            start = end - QPointF(STUB * style.FONT_SCALE, 0)
        points = [start, *self.waypoints, end - QPointF(ARROW * 0.6, 0)]
        path = QPainterPath(start)
        for a, b in zip(points, points[1:]):  # S-curves, level at every point: the edges read as flow
            ax, ay, bx, by = a.x(), a.y(), b.x(), b.y()
            bend = max(8.0, abs(bx - ax) / 2)
            path.cubicTo(ax + bend, ay, bx - bend, by, bx, by)
        self.path, self.points = path, points
        self.start, self.end = start, end
        self.label_box = self.label_place()
        self.bounds = path.boundingRect().adjusted(-ARROW, -ARROW, ARROW, ARROW) | self.label_box

    def label_place(self):
        """Where a flowing gradient's label goes: beside the operand's end, on the side the curve
        does not head to (below a rising edge, above a level or falling one: clear of its neighbours)."""
        start, heading = self.points[0], self.points[1]
        if self.stub:
            return stub_label_box(self.end.x(), start.y(), self.stub)
        top = start.y() + 6 if heading.y() < start.y() - 12 else start.y() - 24
        return QRectF(start.x() + 8, top, LABEL_WIDTH, 18)

    def raised(self):
        return self.state.kind in ("lit", "flow")

    def boundingRect(self):
        return self.bounds

    def shape(self):
        stroker = QPainterPathStroker()
        stroker.setWidth(6)
        return stroker.createStroke(self.path)

    def paint(self, painter, option, widget=None):
        kind = self.state.kind
        detail = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        colour, width = self.pen_for(detail)
        painter.setPen(QPen(colour, width, Qt.SolidLine, Qt.RoundCap))
        painter.setBrush(Qt.NoBrush)
        if detail < style.CANVAS_MIN_DETAIL:  # an overview: straight segments draw far faster
            painter.drawPolyline(QPolygonF(self.points))
            return
        painter.drawPath(self.path)
        painter.setPen(Qt.NoPen)
        painter.setBrush(colour)
        if kind == "flow" and not self.stub:  # the gradient runs against the arrow: point back at the operand
            painter.drawPolygon(arrow_head(self.start + QPointF(1, 0), math.pi, ARROW + 2))
            self.paint_label(painter)
        else:
            painter.drawPolygon(arrow_head(self.end, 0.0, ARROW if width < 3 else ARROW + 2))
        if self.stub:
            self.paint_stub_label(painter, colour)

    def paint_stub_label(self, painter, colour):
        """The stub's source, right-aligned above it (and what flows back, while it does)."""
        painter.setFont(self.label_fonts()[0])
        painter.setPen(colour if self.state.kind != "idle" else QColor(style.CANVAS_MUTED_TEXT))
        text = self.stub if self.state.kind != "flow" else f"{self.stub} ← {self.state.label}"
        painter.drawText(self.label_box, Qt.AlignRight | Qt.AlignBottom, text)

    def label_fonts(self):
        """The fonts of the labels this wire draws: a stub's name, a flowing gradient's chip."""
        return [font(STUB_PX)] if self.stub else [font(12, bold=True)] * (self.state.kind == "flow")

    def pen_for(self, detail):
        """Colour and width for the state (a highlighted path shows on idle edges), never thinner
        than one screen pixel."""
        kind = self.state.kind
        colour, width = PEN["path" if (self.lit or self.isSelected()) and kind == "idle" else kind]
        colour = QColor(colour)
        if kind == "flowed":
            colour.setAlphaF(0.55)
        return colour, max(width, 1.0 / detail)

    def paint_label(self, painter):
        """What flows back along the edge (`∂L/∂a`, `G`), on a chip above the curve's middle."""
        painter.setFont(self.label_fonts()[0])
        text = painter.fontMetrics().boundingRect(self.state.label).width() + 12
        chip = QRectF(self.label_box.topLeft(), QSizeF(text, self.label_box.height()))
        painter.setPen(QPen(QColor(style.GRADIENT), 1))
        painter.setBrush(QColor(style.CANVAS_BACKGROUND))
        painter.drawRoundedRect(chip, 9, 9)
        painter.setPen(QColor(style.GRADIENT))
        painter.drawText(chip, Qt.AlignCenter, self.state.label)


def stub_label_box(right, y, stub):
    """Where a stub's label goes: above the stub at height `y`, ending at its port's x `right`."""
    width, height = stub_label_size(stub, font(STUB_PX).pixelSize())
    return QRectF(right - width, y - height - 1, width, height)


def stub_bounds(end, stub):
    """The scene rectangle a stub into port `end` (x, y) covers, its label included, as its item
    works it out from its path: known before the item is made."""
    x, y = end
    start = x - STUB * style.FONT_SCALE
    line = QRectF(start, y, x - ARROW * 0.6 - start, 0).adjusted(-ARROW, -ARROW, ARROW, ARROW)
    return line | stub_label_box(x, y, stub)


@lru_cache(maxsize=1024)
def stub_label_size(text, pixels):
    """(width, height) of a stub's label in the stub font of `pixels` px: measured once per name
    (a weight shared along a long chain has hundreds of stubs)."""
    metrics = QFontMetricsF(scaled_font(pixels))
    return metrics.horizontalAdvance(text) + 4, metrics.height()


def arrow_head(tip, angle, size):
    """A filled triangle with its tip at `tip`, pointing along `angle` (radians, 0 = right)."""
    back = angle + math.pi
    left = tip + QPointF(math.cos(back + 0.45) * size, math.sin(back + 0.45) * size)
    right = tip + QPointF(math.cos(back - 0.45) * size, math.sin(back - 0.45) * size)
    return QPolygonF([tip, left, right])
