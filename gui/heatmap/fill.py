"""Playing the sums: a partly filled cell and a matrix filling entry by entry.

A partly filled cell: while the terms of a selected gradient entry are played, its cell fills
from the left in proportion to the terms added (k of n), as a progress bar inside the cell."""
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

FILL_COLOUR = QColor(217, 72, 15, 150)   # the Paths view's lit orange, the cell's colour showing through
COVER_COLOUR = "#e4e4e4"                  # the cells a played matrix has not reached yet


class CellFill:
    def __init__(self, box):
        self.rect = QGraphicsRectItem()
        self.rect.setBrush(QBrush(FILL_COLOUR))
        self.rect.setPen(QPen(Qt.PenStyle.NoPen))
        self.rect.setZValue(3)   # above the image and its numbers' background, under the outlines' marks
        self.rect.setVisible(False)
        box.addItem(self.rect, ignoreBounds=True)

    def show(self, row, col, fraction):
        """Fill `fraction` (0…1) of cell (row, col), in the matrix's coordinates."""
        self.rect.setRect(QRectF(col - 0.5, row - 0.5, max(0.0, min(1.0, fraction)), 1.0))
        self.rect.setVisible(True)

    def hide(self):
        self.rect.setVisible(False)

    def shown(self):
        """(left, top, width) of the filled part, or None."""
        r = self.rect.rect()
        return (r.left(), r.top(), r.width()) if self.rect.isVisible() else None


class MatrixCover:
    """While a gradient matrix is played entry by entry, its cells not yet filled (row-major from
    the k-th) are covered with hatching: the rest of the current row, and the rows below it."""

    def __init__(self, box):
        self.rects = [QGraphicsRectItem(), QGraphicsRectItem()]
        for rect in self.rects:
            rect.setBrush(QBrush(QColor(COVER_COLOUR), Qt.BrushStyle.SolidPattern))
            rect.setPen(QPen(Qt.PenStyle.NoPen))
            rect.setZValue(3)
            rect.setVisible(False)
            box.addItem(rect, ignoreBounds=True)

    def show(self, cells, k):
        """Cover every cell of a `cells` = (rows, cols) matrix from flat index k on."""
        rows, cols = cells
        row, col = divmod(k, cols)
        self.rects[0].setRect(QRectF(col - 0.5, row - 0.5, cols - col, 1.0 if row < rows else 0.0))
        self.rects[1].setRect(QRectF(-0.5, row + 0.5, cols, max(0, rows - row - 1)))
        for rect in self.rects:
            rect.setVisible(not rect.rect().isEmpty())

    def hide(self):
        for rect in self.rects:
            rect.setVisible(False)

    def covered(self):
        """The flat count of cells covered, from the rectangles' areas."""
        return round(sum(r.rect().width() * r.rect().height() for r in self.rects if r.isVisible()))
