"""One canvas item per graph node: it paints its own name, op, shape and step state.

Inputs are tabs with an accent bar, equations are cards with an op badge (user-named values in
bold, generated t-names muted), constants are small pills, and `L` the loss marker. Equations
have one input port per operand on the left (an unwired one is a hollow red ring: the text's
hole `?`), inputs and equations an output port on the right; a node whose shapes do not fit
(or that waits for a wire) wears a red `!` badge, its tooltip naming the rule. The bottom strip
shows the gradient: empty (not yet), part-filled (partial k of n), full (done) or hatched (no
path to L). Inputs and equations carry a thumbnail heatmap under their labels
(gui.canvas.thumbnail): their value, then their gradient, its tooltip saying which. The item
emits its node id when pressed; the view maps it to the engine's names."""
from functools import lru_cache

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from engine import GradState
from gui import style
from gui.canvas.restylable import Restylable
from gui.canvas.thumbnail import Thumbnail
from gui.model.canvas_state import NodeState

STRIP = 5.0       # height of the gradient strip at the bottom of a card
# Each label's font size in px at presentation scale 1; none below style.CANVAS_MIN_FONT.
LABEL_PX = {"name": 13, "shape": 11, "symbol": 15, "op": 11, "partial": 11, "problem": 11, "const": 11,
            "loss": 13}
RADIUS = {"input": 4.0, "eqn": 9.0}
THUMBED = ("input", "eqn")   # the kinds that carry a thumbnail
NODE_MARGIN = 7.0   # an item covers its box and the rings drawn around it, this far out


def port_offset(data, port):
    """Where input `port` sits from its node's centre: spread down the box's left side."""
    w, h = data["size"]
    return -w / 2, -h / 2 + h * (port + 1) / (data["ports"] + 1)


class NodeSignals(QObject):
    """Items are not QObjects (a thousand of them stay cheap); they share one emitter per scene."""
    pressed = Signal(str)


def font(size, bold=False, italic=False):
    """The canvas font at `size` px of presentation scale 1."""
    return scaled_font(max(1, round(size * style.FONT_SCALE)), bold, italic)


@lru_cache(maxsize=None)
def scaled_font(size, bold=False, italic=False):
    result = QFont(style.CANVAS_FONT)
    result.setPixelSize(size)
    result.setBold(bold)
    result.setItalic(italic)
    return result


def shape_text(shape):
    """`2×3`, `(3,)` for a vector, `scalar` for (), `?` when unknown."""
    if shape is None:
        return "?"
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "×".join(map(str, shape)) if shape else "scalar"


class NodeItem(Restylable, QGraphicsItem):
    base_z = style.CANVAS_Z_NODE

    def __init__(self, node_id, data, signals):
        super().__init__()
        self.node_id, self.data, self.signals = node_id, data, signals
        self.kind = data["kind"]
        w, h = data["size"]
        self.box = QRectF(-w / 2, -h / 2, w, h)
        self.state = NodeState()
        self.thumbnail = Thumbnail(data["name"], self.thumb_square()) if self.kind in THUMBED else None
        self.over_thumbnail = False
        self.setAcceptHoverEvents(self.thumbnail is not None)   # the tooltip follows the mouse onto it
        self.setFlag(QGraphicsItem.ItemIsSelectable, self.kind in ("input", "eqn"))
        self.setZValue(self.base_z)
        self.setToolTip(self.tooltip())

    # -- state ------------------------------------------------------------------------------------
    def raised(self):
        return self.state.active

    def set_state(self, state):
        if state != self.state:
            super().set_state(state)
            self.show_tip()

    def show_thumbnail(self, shown):
        """Show `shown` (gui.model.thumbnail.Shown) in the thumbnail, when the node has one."""
        if self.thumbnail is not None and self.thumbnail.show(shown):
            self.update(self.thumbnail.square)
            if self.over_thumbnail:   # elsewhere the tooltip says what the node is: unchanged
                self.show_tip()

    def show_tip(self):
        """The tooltip for where the mouse is: over the thumbnail what it shows, else what the node is."""
        self.setToolTip(self.thumbnail.tip() if self.over_thumbnail else self.tooltip())

    # -- geometry ----------------------------------------------------------------------------------
    def label_box(self):
        """The card's top part, where its labels go: inputs and equations keep a row below it
        for their thumbnail (style.CANVAS_THUMB_ROW)."""
        return self.box.adjusted(0, 0, 0, -style.CANVAS_THUMB_ROW if self.kind in THUMBED else 0)

    def badge_width(self):
        return max(26.0, 10 + style.CANVAS_BADGE_CHAR * len(self.data["label"]))

    def text_rect(self):
        """Where the name and shape go: right of an input's bar, of an equation's op badge."""
        left, right = (5, 0) if self.kind == "input" else (self.badge_width() + 9, -2)
        return self.label_box().adjusted(left, 0, right, 0)

    def thumb_square(self):
        """The thumbnail's square: centred under the name and shape, just above the gradient strip."""
        side, centre = style.CANVAS_THUMB, self.text_rect().center().x()
        return QRectF(centre - side / 2, self.box.bottom() - STRIP - 3 - side, side, side)

    def tooltip(self):
        """What the node is, its shape, and what the cursor knows of its value and gradient."""
        data, state = self.data, self.state
        lines = [data["tip"], f"shape {shape_text(data['shape'])}"]
        if data["problem"]:
            lines.append(data["problem"])
        if data["name"]:
            lines.append("value computed" if state.has_value else "value not computed yet")
            partial = f" ({state.k} of {state.n})" if state.grad == GradState.PARTIAL else ""
            lines.append(f"∂L/∂{data['name']}: {state.grad}{partial}")
        return "\n".join(lines)

    def accent(self):
        """The colour of the node's state: error, gradient done, value, or pending."""
        if self.data["problem"]:
            return QColor(style.ERROR)
        if self.kind == "loss":
            return QColor(style.GRADIENT if self.state.grad == GradState.DONE else style.PENDING)
        return QColor(style.VALUE if self.state.has_value else style.PENDING)

    def label_fonts(self):
        """The fonts of the labels this node draws (name, op, shape, corners), as painted."""
        kinds = {"input": ["name", "shape"], "eqn": ["name", "shape", "symbol" if len(self.data["label"]) == 1
                                                    else "op"],
                 "const": ["const"], "loss": ["loss"]}[self.kind]
        kinds += ["problem"] * bool(self.data["problem"]) + ["partial"] * (self.state.grad == GradState.PARTIAL)
        return [font(LABEL_PX[k]) for k in kinds]

    # -- ports -------------------------------------------------------------------------------------
    def in_port(self, port, local=False):
        """Where input `port` sits (scene point; local with `local`): spread down the left side."""
        point = QPointF(*port_offset(self.data, port))
        return point if local else self.pos() + point

    def out_port(self, local=False):
        point = QPointF(self.box.right(), 0)
        return point if local else self.pos() + point

    def has_output(self):
        return self.kind in ("input", "eqn", "const")

    def paint_ports(self, painter):
        """Dots for the wired ports and the output, a hollow red ring for each unwired one."""
        r = style.CANVAS_PORT_RADIUS
        painter.setPen(QPen(QColor(style.CANVAS_EDGE), 1.2))
        painter.setBrush(QColor(style.CANVAS_NODE_FILL))
        if self.kind in ("input", "eqn"):
            painter.drawEllipse(self.out_port(local=True), r, r)
        for port in range(self.data["ports"] if self.kind == "eqn" else 0):
            hole = port in self.data["holes"]
            painter.setPen(QPen(QColor(style.ERROR if hole else style.CANVAS_EDGE), 2.0 if hole else 1.2))
            painter.setBrush(QColor(style.CANVAS_NODE_FILL if hole else style.CANVAS_EDGE))
            size = r if hole else r - 1.5
            painter.drawEllipse(self.in_port(port, local=True), size, size)

    def paint_problem(self, painter):
        """A red `!` on the top right corner: the shapes do not fit, or a port waits for a wire."""
        centre = QPointF(self.box.right() - 2, self.box.top() + 2)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(style.ERROR))
        painter.drawEllipse(centre, 7, 7)
        painter.setPen(QColor("white"))
        painter.setFont(font(LABEL_PX["problem"], bold=True))
        painter.drawText(QRectF(centre.x() - 7, centre.y() - 8, 14, 16), Qt.AlignCenter, "!")

    # -- Qt ----------------------------------------------------------------------------------------
    def boundingRect(self):
        return self.box.adjusted(-NODE_MARGIN, -NODE_MARGIN, NODE_MARGIN, NODE_MARGIN)

    def hoverMoveEvent(self, event):
        over = self.thumbnail.square.contains(event.pos())
        if over != self.over_thumbnail:
            self.over_thumbnail = over
            self.show_tip()

    def hoverLeaveEvent(self, event):
        self.over_thumbnail = False
        self.show_tip()

    def mousePressEvent(self, event):
        super().mousePressEvent(event)
        if event.button() == Qt.LeftButton:
            self.signals.pressed.emit(self.node_id)

    def paint(self, painter, option, widget=None):
        if QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()) < style.CANVAS_MIN_DETAIL:
            self.paint_overview(painter)
            return
        if self.state.active:
            self.paint_ring(painter, style.ACTIVE, 5, 0)
        painter.setPen(self.border_pen())
        painter.setBrush(QBrush(self.fill()))
        painter.drawPath(self.outline())
        if self.isSelected() or self.lit:
            self.paint_ring(painter, style.SELECTION, 3.5, 2.5)
        getattr(self, f"paint_{self.kind}")(painter)
        if self.thumbnail is not None:
            self.thumbnail.paint(painter)
        self.paint_ports(painter)
        if self.data["problem"]:
            self.paint_problem(painter)

    def paint_overview(self, painter):
        """Zoomed far out: a solid block in the colour that says most (lit, selected, gradient,
        value, pending); text would be unreadable and slow."""
        state = self.state
        if state.active:
            colour = style.ACTIVE
        elif self.isSelected() or self.lit:
            colour = style.SELECTION
        elif state.k and self.kind != "loss":
            colour = style.GRADIENT
        else:
            colour = self.accent().name()
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRect(self.box)

    # -- painting ----------------------------------------------------------------------------------
    def outline(self, grow=0.0):
        """The node's shape, grown by `grow` on every side."""
        box = self.box.adjusted(-grow, -grow, grow, grow)
        path = QPainterPath()
        if self.kind == "loss":
            path.addEllipse(box)
        elif self.kind == "const":
            path.addRoundedRect(box, box.height() / 2, box.height() / 2)
        else:
            path.addRoundedRect(box, RADIUS[self.kind] + grow, RADIUS[self.kind] + grow)
        return path

    def paint_ring(self, painter, colour, grow, width):
        """A ring `grow` outside the node: filled (width 0, the current step's glow) or stroked
        (the selection or a highlighted path)."""
        if width:
            painter.setPen(QPen(QColor(colour), width))
            painter.setBrush(Qt.NoBrush)
        else:
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor(colour))
        painter.drawPath(self.outline(grow))

    def border_pen(self):
        colour = self.accent() if self.kind != "const" else QColor(style.CANVAS_EDGE)
        width = 2.0 if self.data["named"] else 1.2
        pen = QPen(colour, width)
        if self.kind == "loss" and self.state.grad != GradState.DONE:
            pen.setStyle(Qt.DashLine)
        return pen

    def fill(self):
        base = QColor(style.CANVAS_INPUT_FILL if self.kind == "input" else style.CANVAS_NODE_FILL)
        if self.state.has_value and self.kind == "eqn":
            return blend(base, QColor(style.VALUE), 0.08)
        return base

    def paint_text_block(self, painter, rect):
        """Name (bold when the user named it, muted italic for a t-name) over the shape."""
        named = self.data["named"]
        painter.setFont(font(LABEL_PX["name"], bold=named, italic=not named))
        painter.setPen(QColor(style.CANVAS_TEXT if named else style.CANVAS_MUTED_TEXT))
        top = QRectF(rect.left(), rect.top() + 3, rect.width(), rect.height() / 2 - 1)
        painter.drawText(top, Qt.AlignHCenter | Qt.AlignBottom, self.data["name"])
        painter.setFont(font(LABEL_PX["shape"]))
        painter.setPen(QColor(style.CANVAS_MUTED_TEXT))
        bottom = QRectF(rect.left(), rect.center().y() + 1, rect.width(), rect.height() / 2 - STRIP - 1)
        painter.drawText(bottom, Qt.AlignHCenter | Qt.AlignTop, shape_text(self.data["shape"]))

    def paint_input(self, painter):
        bar = QRectF(self.box.left(), self.box.top(), 5, self.box.height())
        painter.setPen(Qt.NoPen)
        painter.setBrush(self.accent())
        painter.drawRoundedRect(bar, 2, 2)
        self.paint_text_block(painter, self.text_rect())
        self.paint_gradient(painter)

    def paint_eqn(self, painter):
        label = self.data["label"]
        top = self.label_box().center().y() - 13
        badge = QRectF(self.box.left() + 7, top, self.badge_width(), 26 - STRIP / 2)
        painter.setPen(Qt.NoPen)
        painter.setBrush(self.accent())
        painter.drawRoundedRect(badge, 13, 13)
        painter.setPen(QColor("white"))
        painter.setFont(font(LABEL_PX["symbol" if len(label) == 1 else "op"], bold=True))
        painter.drawText(badge, Qt.AlignCenter, label)
        self.paint_text_block(painter, self.text_rect())
        self.paint_gradient(painter)

    def paint_gradient(self, painter):
        """The bottom strip: how much of ∂L/∂(this node) is known after the cursor."""
        strip = QRectF(self.box.left() + 1, self.box.bottom() - STRIP - 1, self.box.width() - 2, STRIP)
        painter.save()
        painter.setClipPath(self.outline())
        painter.setPen(Qt.NoPen)
        state = self.state
        if state.grad == GradState.NO_PATH:
            painter.setBrush(QBrush(QColor(style.PENDING), Qt.BDiagPattern))
            painter.drawRect(strip)
        elif state.k:
            part = QRectF(strip.left(), strip.top(), strip.width() * state.k / state.n, STRIP)
            painter.setBrush(QColor(style.GRADIENT))
            painter.drawRect(part)
        painter.restore()
        if state.grad == GradState.PARTIAL:
            self.paint_partial(painter)

    def paint_partial(self, painter):
        """`k/n` in the top right corner: k of the n contributions to the gradient are in."""
        painter.setFont(font(LABEL_PX["partial"], bold=True))
        painter.setPen(QColor(style.GRADIENT))
        corner = QRectF(self.box.right() - 34, self.box.top() + 1, 31, 14)
        painter.drawText(corner, Qt.AlignRight | Qt.AlignTop, f"{self.state.k}/{self.state.n}")

    def paint_const(self, painter):
        painter.setFont(font(LABEL_PX["const"]))
        painter.setPen(QColor(style.CANVAS_MUTED_TEXT))
        painter.drawText(self.box, Qt.AlignCenter, self.data["label"])

    def paint_loss(self, painter):
        painter.setFont(font(LABEL_PX["loss"], bold=True))
        painter.setPen(self.accent())
        painter.drawText(self.box, Qt.AlignCenter, "L")


def blend(base, tint, amount):
    """`base` moved `amount` of the way toward `tint`."""
    mix = [round(b + (t - b) * amount) for b, t in zip(base.getRgb()[:3], tint.getRgb()[:3])]
    return QColor(*mix)
