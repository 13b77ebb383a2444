"""Items drawn over (or under) a heatmap's cells (the numbers are gui.heatmap.cell_labels): the marks for clipped and
non-finite cells, the hatched cover of a matrix without numbers, and selection outlines.

Each keeps a small pool of items and reuses them, so a step never builds a scene from scratch."""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from gui import style

MAX_MARKS = 2000      # marks for clipped and non-finite cells, on the drawn (downsampled) matrix


class CellMarks:
    """A cross on NaN, a triangle on ±inf (those cells are not coloured), and a small corner
    triangle on cells beyond the colour range (clipped)."""

    def __init__(self, box):
        self.box, self.scatter = box, None   # made for the first marks: most matrices have none

    def update(self, matrix, scale, step=(1, 1)):
        """Mark `matrix`'s cells; `step` stretches a downsampled matrix's cells over the full one."""
        spots = self._nonfinite(matrix) + self._clipped(matrix, scale)
        spots = spots[:MAX_MARKS]
        if not spots and self.scatter is None:
            return
        if self.scatter is None:
            self.scatter = pg.ScatterPlotItem(pxMode=False, pen=pg.mkPen(style.HEATMAP_MARK_EDGE, width=0))
            self.scatter.setZValue(2)
            self.box.addItem(self.scatter, ignoreBounds=True)
        for spot in spots:
            x, y = spot["pos"]
            spot["pos"] = ((x + 0.5) * step[1] - 0.5, (y + 0.5) * step[0] - 0.5)
            spot["size"] = spot["size"] * min(step)
        self.scatter.setData(spots)

    def _nonfinite(self, matrix):
        cells = np.argwhere(~np.isfinite(matrix))
        spots = []
        for row, col in cells[:MAX_MARKS]:
            x = matrix[row, col]
            symbol = "x" if np.isnan(x) else ("t1" if x > 0 else "t")
            spots.append(dict(pos=(col - 0.3, row - 0.3), symbol=symbol, size=0.25,
                              brush=style.HEATMAP_NONFINITE))
        return spots

    def _clipped(self, matrix, scale):
        with np.errstate(invalid="ignore"):
            cells = np.argwhere(np.isfinite(matrix) & (np.abs(matrix) > scale))
        return [dict(pos=(col + 0.3, row - 0.3), symbol="t1" if matrix[row, col] > 0 else "t",
                     size=0.25, brush=style.HEATMAP_CLIPPED) for row, col in cells[:MAX_MARKS]]

    def clear(self):
        if self.scatter is not None:
            self.scatter.clear()

    def points(self):
        """The marks drawn (ScatterPlotItem spots)."""
        return self.scatter.points() if self.scatter is not None else []


class MissingCover:
    """Hatched grey cells behind the image: they show through NaN cells, and alone, with the
    words, when a gradient has no numbers ("not yet", "no path to L") - never zeros."""

    def __init__(self, box):
        self.rect = QGraphicsRectItem()
        self.rect.setBrush(QBrush(QColor(style.HEATMAP_HATCH), Qt.BrushStyle.BDiagPattern))
        self.rect.setPen(QPen(Qt.PenStyle.NoPen))
        self.rect.setZValue(-1)
        box.addItem(self.rect)
        self.text = pg.TextItem(anchor=(0.5, 0.5), color=style.HEATMAP_MISSING_TEXT,
                                fill=style.HEATMAP_BACKGROUND)
        font = QFont()
        font.setPointSizeF(style.HEATMAP_MISSING_PT)
        font.setBold(True)
        self.text.setFont(font)
        self.text.setZValue(4)
        box.addItem(self.text, ignoreBounds=True)
        self.reason = ""

    def place(self, rows, cols):
        self.rect.setRect(QRectF(-0.5, -0.5, cols, rows))

    def show(self, rows, cols, reason):
        self.place(rows, cols)
        self.reason = reason
        self.text.setText(reason)
        self.text.setPos((cols - 1) / 2, (rows - 1) / 2)
        self.text.setVisible(True)

    def hide(self):
        self.reason = ""
        self.text.setVisible(False)

    def show_words(self, shown):
        """Show or hide the words (the hatching stays) while the matrix has none of its numbers."""
        self.text.setVisible(shown and bool(self.reason))

    def hidden(self):
        return not self.reason


MARKS = ("selected", "hidden", "hovered")   # drawn above the others, and never smaller than a few pixels


class Outlines:
    """One rectangle per (row slice, col slice[, role]) range: rows, columns, blocks and single
    cells each cost one item however large the matrix. The role picks the pen (style.HEATMAP_OUTLINES);
    role 'hidden' greys the cells out under a question mark (a gradient entry to predict)."""

    def __init__(self, box):
        self.box, self.items, self.roles, self.spans, self.shape = box, [], [], [], (1, 1)
        self.pens = {role: pen(colour, width) for role, (colour, width) in style.HEATMAP_OUTLINES.items()}
        self.pens["hidden"] = self.pens["selected"]
        self.question = pg.TextItem("?", anchor=(0.5, 0.5), color=style.HEATMAP_TEXT_DARK)
        self.question.setZValue(7)
        self.question.setVisible(False)
        box.addItem(self.question, ignoreBounds=True)

    def show(self, ranges, shape=(1, 1)):
        ranges = list(ranges)
        self._grow(len(ranges))
        self.roles = [r[2] if len(r) > 2 else "feeds" for r in ranges]
        self.spans = [rng[0].indices(shape[0])[:2] + rng[1].indices(shape[1])[:2] for rng in ranges]
        self.shape = shape
        self.question.setVisible(False)
        for item, (r0, r1, c0, c1), role in zip(self.items, self.spans, self.roles):
            item.setPen(self.pens[role])
            item.setBrush(QBrush(QColor(style.HEATMAP_HIDDEN)) if role == "hidden" else QBrush())
            item.setZValue(6 if role in MARKS else 5)
            item.setVisible(True)
            if role == "hidden":
                self.question.setPos((c0 + c1 - 1) / 2, (r0 + r1 - 1) / 2)
                self.question.setVisible(True)
        for item in self.items[len(ranges):]:
            item.setVisible(False)
        self.fit()

    def fit(self):
        """Place the rectangles for the current zoom: one smaller than a few pixels grows about its
        centre, so that one cell (or row) of a 1024×1024 matrix is still seen, and is then pushed
        back inside the matrix: a corner cell's mark stays within the frame."""
        px_w, px_h = self.box.viewPixelSize()
        rows, cols = self.shape
        for item, (r0, r1, c0, c1), role in zip(self.items, self.spans, self.roles):
            least = style.HEATMAP_MARK_MIN_PX if role in MARKS else style.HEATMAP_OUTLINE_MIN_PX
            width, height = max(c1 - c0, least * px_w), max(r1 - r0, least * px_h)
            left = inside((c0 + c1 - 1) / 2 - width / 2, width, cols)
            top = inside((r0 + r1 - 1) / 2 - height / 2, height, rows)
            item.setRect(QRectF(left, top, width, height))

    def _grow(self, count):
        while len(self.items) < count:
            item = QGraphicsRectItem()
            self.box.addItem(item, ignoreBounds=True)
            self.items.append(item)


def inside(start, length, count):
    """`start` moved so that [start, start + length] lies within the cells' extent [-0.5, count - 0.5]
    (when it is no longer than that extent)."""
    return max(-0.5, min(start, count - 0.5 - length))


def pen(colour, width):
    p = pg.mkPen(colour, width=width)
    p.setCosmetic(True)   # as wide at any zoom and any matrix size
    return p
