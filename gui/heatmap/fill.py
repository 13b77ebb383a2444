"""A partly filled cell: while the terms of a selected gradient entry are played, its cell fills
from the left in proportion to the terms added (k of n), as a progress bar inside the cell."""
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

FILL_COLOUR = QColor(217, 72, 15, 150)   # the Paths view's lit orange, the cell's colour showing through


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
