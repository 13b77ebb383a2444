"""The Paths view's graphics items, each painting itself: an entry box (value, gradient), a
product or sum box, and a link labelled with its local partial. Items emit nothing; the view
asks them for their `entry` or `path` under the mouse and talks to the controller."""
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from gui import style

ROW = 64.0      # px between rows
GAP = 40.0      # px at least between columns, more where a link's label needs the room
PADDING = 6.0
FILL = {"entry": "#ffffff", "product": "#fff6d8", "gap": "#f0f0f0", "sum": "#dff0df"}
LIT, FADED = QColor("#d9480f"), 0.25


def font():
    f = QFont()
    f.setPointSizeF(style.PATHS_PT)
    return f


class BoxItem(QGraphicsObject):
    """One box of a Picture: its text in a rounded rectangle, outlined when lit."""

    def __init__(self, box):
        super().__init__()
        self.box, self.entry, self.path = box, box.entry, box.path
        self.lit = False
        metrics = QFontMetricsF(font())
        lines = box.text.split("\n")
        width = max(metrics.horizontalAdvance(line) for line in lines) + 2 * PADDING
        height = metrics.height() * len(lines) + 2 * PADDING
        self.rect = QRectF(-width / 2, -height / 2, width, height)
        self.setPos(0, box.row * ROW)
        self.setToolTip(box.text + ("\n(click to select this entry)" if box.entry else ""))
        if box.entry:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAcceptHoverEvents(True)

    def boundingRect(self):
        return self.rect.adjusted(-2, -2, 2, 2)

    def set_lit(self, lit):
        if lit != self.lit:
            self.lit = lit
            self.update()

    def paint(self, painter, option, widget=None):
        painter.setPen(QPen(LIT if self.lit else QColor(style.PATHS_EDGE), 2.5 if self.lit else 1.0))
        painter.setBrush(QColor(FILL[self.box.kind]))
        painter.drawRoundedRect(self.rect, 5, 5)
        painter.setFont(font())
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.box.text)


def place_columns(items, links):
    """Each column as wide as its widest box, the gap before it as wide as the widest label of
    a link that enters it: no box or label overlaps another column."""
    columns = sorted({item.box.column for item in items.values()})
    widths = {c: max(i.rect.width() for i in items.values() if i.box.column == c) for c in columns}
    metrics, labels = QFontMetricsF(font()), {c: 0.0 for c in columns}
    for link in links:
        c = items[link.target].box.column
        labels[c] = max(labels[c], metrics.horizontalAdvance(link.text))
    x, left = 0.0, {}
    for n, c in enumerate(columns):
        x += (GAP + labels[c] if n else 0.0)
        left[c], x = x, x + widths[c]
    for item in items.values():
        item.setX(left[item.box.column] + widths[item.box.column] / 2)


class LinkItem(QGraphicsItem):
    """A link between two boxes, right edge to left edge, its local partial written above it."""

    def __init__(self, link, source, target):
        super().__init__()
        self.link, self.path, self.lit, self.faded = link, link.path, False, False
        start = source.pos() + QPointF(source.rect.right(), 0)
        end = target.pos() + QPointF(target.rect.left(), 0)
        self.line = QPainterPath(start)
        middle = (start.x() + end.x()) / 2
        self.line.cubicTo(QPointF(middle, start.y()), QPointF(middle, end.y()), end)
        # the label sits above the link's end, in its target's row: labels of one column never meet
        self.width = QFontMetricsF(font()).horizontalAdvance(link.text)
        self.label_at = QPointF(end.x() - 6 - self.width, end.y() - 4)
        self.setZValue(-1)

    def boundingRect(self):
        rect = self.line.boundingRect()
        if self.link.text:
            rect = rect.united(QRectF(self.label_at.x(), self.label_at.y() - 16, self.width, 20))
        return rect.adjusted(-3, -3, 3, 3)

    def set_lit(self, lit, faded=False):
        if (lit, faded) != (self.lit, self.faded):
            self.lit, self.faded = lit, faded
            self.update()

    def paint(self, painter, option, widget=None):
        painter.setOpacity(FADED if self.faded else 1.0)
        painter.setPen(QPen(LIT if self.lit else QColor(style.PATHS_EDGE), 2.5 if self.lit else 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.line)
        if self.link.text and not self.faded:   # a faded link's label would cover the lit ones
            painter.setFont(font())
            painter.setPen(QColor(style.PATHS_LINK_TEXT))
            painter.drawText(self.label_at, self.link.text)
