"""A node's thumbnail heatmap, as TF Playground's neurons carry one: its value while the forward
pass is the news, its gradient once the backward pass has reached it, a pending hatch before.

Its picture is coloured when first painted (a node scrolled out of sight, or drawn as a block
far out, costs nothing), once per array (gui.model.thumbnail.colours), remembered by the
array's identity: a step record's arrays never change, so a step recolours only the thumbnails
whose array is new."""
from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPen

from gui import style
from gui.heatmap.data import shape_text
from gui.model import thumbnail as rule
from gui.per_array import PerArray

LUT_SIZE = 257         # odd: zero has its own middle colour
MIN_SHARE = 0.25       # a long vector's strip is drawn at least this share of the square high
_IMAGES = PerArray()   # the picture of each array shown


@lru_cache(maxsize=1)
def lookup_table():
    """The heatmaps' diverging map (style.COLORMAP) as LUT_SIZE RGB rows, low end first."""
    import pyqtgraph as pg   # on first use: importing the canvas stays light
    return pg.colormap.get(style.COLORMAP).getLookupTable(0.0, 1.0, LUT_SIZE, alpha=False)


def make_image(array):
    """The thumbnail picture of `array`, one pixel per cell (the painter scales it up)."""
    rgb = rule.colours(array, lookup_table())
    rows, cols, _ = rgb.shape
    return QImage(rgb.data, cols, rows, 3 * cols, QImage.Format_RGB888).copy()   # own the pixels


def image(array):
    """`make_image`, remembered per array object (records own immutable arrays)."""
    return _IMAGES.get(array, make_image)


def forget_images():
    """Drop every remembered picture (a benchmark measures a program's first colouring)."""
    _IMAGES.clear()


def fitted(square, rows, cols):
    """Where a rows×cols picture goes in `square`: centred, keeping the matrix's aspect (a vector
    is a strip, at least MIN_SHARE of the side high)."""
    side = square.width()
    width = side * max(MIN_SHARE, cols / max(rows, cols))
    height = side * max(MIN_SHARE, rows / max(rows, cols))
    return QRectF(square.center().x() - width / 2, square.center().y() - height / 2, width, height)


def tip(name, shown):
    """What the thumbnail says it shows: `value of t1, 3×3`, `∂L/∂t1, 3×3 (partial 1 of 2)`."""
    if shown.array is None:
        return f"{name}: no value yet"
    shape = getattr(shown.array, "shape", ())
    head = f"∂L/∂{name}" if shown.is_grad else f"value of {name}"
    text = f"{head}, {shape_text(shape)}"
    if shown.is_grad and shown.k < shown.n:
        text += f" (partial {shown.k} of {shown.n})"
    rows, cols = rule.blocks(shape)
    return text + (f", in {rows}×{cols} blocks" if rows * cols > 1 else "")


class Thumbnail:
    """The thumbnail of one node: what it shows and its picture, painted by the node's item
    (a child item each would double what a 1000-node canvas builds)."""

    def __init__(self, name, square):
        self.name, self.square = name, square
        self.shown, self.picture = rule.Shown(), None

    def show(self, shown):
        """Take `shown` (gui.model.thumbnail.Shown); True when it changed (the node repaints)."""
        if shown.array is self.shown.array and shown[1:] == self.shown[1:]:
            return False
        self.shown, self.picture = shown, None
        return True

    def tip(self):
        return tip(self.name, self.shown)

    def paint(self, painter):
        """The picture in the frame of what it shows (value or gradient colour), or a pending hatch."""
        if self.picture is None and self.shown.array is not None:
            self.picture = image(self.shown.array)
        if self.picture is None:
            frame = QColor(style.CANVAS_THUMB_FRAME)
            painter.setPen(Qt.NoPen)
            painter.setBrush(QBrush(frame, Qt.BDiagPattern))
            painter.drawRect(self.square)
            box = self.square
        else:   # framed in the colour of what it shows, as the node's border and strip say it
            frame = QColor(style.GRADIENT if self.shown.is_grad else style.VALUE)
            box = fitted(self.square, self.picture.height(), self.picture.width())
            painter.drawImage(box, self.picture)
        painter.setPen(QPen(frame, 1.0))
        painter.setBrush(Qt.NoBrush)
        painter.drawRect(box)
