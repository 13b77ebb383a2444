"""A small table editor for one array (scalar, vector or matrix) of the inputs panel.

An edited cell that is not a number is refused: the cell goes back to its value and
`refused` says why; an accepted one emits the whole new array through `edited`."""
import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from engine import number
from gui import style

MAX_EDITABLE = 16     # rows or columns beyond this are not shown as a table (too many to type)


def as_grid(arr):
    """Any array of at most 2 dimensions as a 2-D view (a vector is one row, a scalar one cell)."""
    arr = np.asarray(arr)
    return arr.reshape(1, -1) if arr.ndim < 2 else arr


def parse_number(text):
    """A float from what the user typed (a true minus `−` is accepted); ValueError otherwise."""
    return float(text.strip().replace("−", "-"))


def cell_text(x):
    """4 significant digits with a true minus sign and −0 as 0, as in every text of the app."""
    return number(x)


class MatrixTable(QTableWidget):
    edited = Signal(object)     # the new array
    refused = Signal(str)       # why a typed value was not taken

    def __init__(self, parent=None):
        super().__init__(parent)
        self.array = np.zeros((0, 0))
        self.filling = False
        # columns as wide as their numbers (a narrow dock keeps two of them in sight), at least a cell's width
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setMinimumSectionSize(style.INPUTS_CELL_WIDTH)
        self.verticalHeader().setDefaultSectionSize(style.INPUTS_CELL_HEIGHT)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.itemChanged.connect(self._on_item_changed)

    def set_array(self, arr):
        """Show `arr` (1-based row and column labels, as in the maths). Cells of the same shape
        are updated in place: this runs while a cell's edit is being committed. Integers (class
        labels) stay integers."""
        self.array = np.array(arr, dtype=None if np.asarray(arr).dtype.kind in "iu" else float)
        grid = as_grid(self.array)
        self.filling = True
        if (self.rowCount(), self.columnCount()) != grid.shape:
            self.build(*grid.shape)
        for (i, j), x in np.ndenumerate(grid):
            self.item(i, j).setText(cell_text(x))
            self.item(i, j).setToolTip(repr(float(x)))
        self.filling = False

    def build(self, rows, cols):
        self.setRowCount(rows)
        self.setColumnCount(cols)
        self.setHorizontalHeaderLabels([str(j + 1) for j in range(cols)])
        self.setVerticalHeaderLabels([str(i + 1) for i in range(rows)])
        for i in range(rows):
            for j in range(cols):
                item = QTableWidgetItem()
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(i, j, item)
        self.fit_height()

    def fit_height(self):
        """Tall enough for every row (up to MAX_EDITABLE), so the panel scrolls, not each table; and
        for the sideways scroll bar when the columns are wider than the table."""
        rows = min(self.rowCount(), MAX_EDITABLE)
        header = self.horizontalHeader().sizeHint().height()
        columns = self.verticalHeader().width() + self.horizontalHeader().length() + 2 * self.frameWidth()
        scroll = self.horizontalScrollBar().sizeHint().height() if columns > self.width() else 0
        self.setFixedHeight(rows * style.INPUTS_CELL_HEIGHT + header + scroll + 2 * self.frameWidth() + 2)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fit_height()

    def _on_item_changed(self, item):
        if self.filling:
            return
        try:
            value = parse_number(item.text())
            if self.array.dtype.kind in "iu" and not value.is_integer():
                raise ValueError("whole")
        except ValueError as exc:
            what = "a whole number (a class label)" if "whole" in str(exc) else "a number"
            self.refused.emit(f"{item.text()!r} is not {what}; the value was kept")
            self.set_array(self.array)
            return
        grid = as_grid(self.array).copy()
        grid[item.row(), item.column()] = value
        # Announced once the cell's commit is over: a listener may rebuild (delete) this table.
        QTimer.singleShot(0, self, lambda: self.edited.emit(grid.reshape(self.array.shape)))
