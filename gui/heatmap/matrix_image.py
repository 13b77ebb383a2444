"""An ImageItem that speaks in matrix cells: row-major data, cell (i, j) centred on (x=j, y=i).

Hover and click arrive as (row, col) signals, so the heatmap around it never does pixel maths."""
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal


class MatrixImage(pg.ImageItem):
    """Row-major image translated by -0.5 so that integer coordinates are cell centres; a
    downsampled image is stretched over the full matrix's cells."""
    entry_hovered = Signal(int, int)   # (row, col) under the mouse, (-1, -1) when it leaves
    entry_clicked = Signal(int, int)

    def __init__(self):
        super().__init__(axisOrder="row-major")
        self.setAcceptHoverEvents(True)

    def show_matrix(self, matrix, levels, full_shape):
        """Draw `matrix` (maybe block-downsampled) over the cells of a `full_shape` matrix."""
        self.setImage(matrix, autoLevels=False, levels=levels)
        rows, cols = full_shape
        self.setRect(QRectF(-0.5, -0.5, cols, rows))

    def cell_at(self, pos):
        """The (row, col) of the cell under `pos` (item coordinates), or None outside the image."""
        if self.image is None:
            return None
        row, col = int(pos.y()), int(pos.x())
        rows, cols = self.image.shape[:2]
        if 0 <= row < rows and 0 <= col < cols and pos.x() >= 0 and pos.y() >= 0:
            return row, col
        return None

    def hoverEvent(self, ev):
        cell = None if ev.isExit() else self.cell_at(ev.pos())
        self.entry_hovered.emit(*(cell or (-1, -1)))

    def mouseClickEvent(self, ev):
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        cell = self.cell_at(ev.pos())
        if cell is not None:
            ev.accept()
            self.entry_clicked.emit(*cell)
