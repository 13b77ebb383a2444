"""The numbers in a heatmap's cells: one form for the whole matrix (gui.heatmap.numbers), each
number black or white, whichever contrasts more with its own cell's colour."""
import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics

from gui import style
from gui.contrast import hex_rgb, text_on
from gui.heatmap.numbers import choose, forms

MAX_LABELS = 1024     # 32×32 cells: past that a cell of MIN_CELL_PX needs more than a screen
STALE = object()      # the items still hold another matrix's texts: the next draw rewrites or hides them


def hex_of(rgb):
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


class CellLabels:
    """Numbers over the cells of `box`, pooled TextItems. `shape` and `own` (the best Choice for
    the cells' current size) are read by a row's SharedPrecision, which calls `draw_choice`."""

    def __init__(self, box, colormap):
        self.box, self.colormap, self.items, self.share = box, colormap, [], None
        self.values, self.colours, self.shape, self.own = [], [], None, None
        self.texts = self.widths = None   # every form's labels and widest label, made when first needed
        self.drawn = STALE
        self.font = QFont()
        self.font.setPointSizeF(style.HEATMAP_NUMBER_PT)
        self.metrics = QFontMetrics(self.font)

    def update(self, matrix, scale):
        """Show `matrix`'s numbers, coloured on the map with levels (-scale, scale) (None: none)."""
        count = 0 if matrix is None or matrix.size > MAX_LABELS else matrix.size
        self.shape = matrix.shape if count else None
        self.values = [float(x) for x in matrix.reshape(-1)] if count else []
        self.colours = self._text_colours(matrix, scale) if count else []
        self._grow(count)
        for item, (row, col) in zip(self.items, np.ndindex(self.shape or (0,))):
            item.setPos(col, row)
        self.texts = self.widths = None
        self.drawn = STALE
        self.fit()

    def _text_colours(self, matrix, scale):
        """Per cell, the text colour that contrasts more with the cell (the background's for NaN)."""
        finite = np.isfinite(matrix)
        where = np.clip(np.where(finite, matrix, 0.0) / scale, -1, 1) * 0.5 + 0.5
        cells = self.colormap.map(where.reshape(-1), mode="float")[:, :3]
        background = hex_rgb(style.HEATMAP_BACKGROUND)
        return [hex_of(text_on(rgb if ok else background)) for rgb, ok in zip(cells, finite.reshape(-1))]

    def _grow(self, count):
        while len(self.items) < count:
            item = pg.TextItem(anchor=(0.5, 0.5))
            item.setFont(self.font)
            item.setZValue(3)
            item.setVisible(False)
            self.box.addItem(item, ignoreBounds=True)
            self.items.append(item)

    def cell_pixels(self):
        """A cell's (width, height) on screen, px."""
        px_w, px_h = self.box.viewPixelSize()
        return (1 / px_w if px_w > 0 else 0), (1 / px_h if px_h > 0 else 0)

    def fit(self):
        """Find the best choice for the cells' current size, then draw it (or the row's)."""
        cell = self.cell_pixels()
        self.own = None
        if self.values and min(cell) > 0:
            self.own = choose(self._widths(cell), self.metrics.height(), cell)
        if self.share is not None and self in self.share.members:
            self.share.report(self)
        else:
            self.draw_choice(self.own)

    def _widths(self, cell):
        """The widest label of each form at normal size (measured once per matrix, when needed)."""
        if self.widths is None and min(cell) >= 1:
            self.texts = forms(self.values)
            self.widths = [max(self.metrics.horizontalAdvance(t) for t in texts) for texts in self.texts]
        return self.widths or []

    def draw_choice(self, choice):
        """Draw the numbers in `choice`'s form and size (None, or no numbers of its own: none)."""
        choice = choice if self.own is not None else None
        if choice == self.drawn:
            return
        self.drawn = choice
        font = QFont(self.font)
        if choice is not None:
            font.setPointSizeF(self.font.pointSizeF() * choice.size)
        for i, item in enumerate(self.items):
            shown = choice is not None and i < len(self.values)
            item.setVisible(shown)
            if shown:
                item.setFont(font)
                item.setColor(self.colours[i])
                item.setText(self.texts[choice.form][i])

    def visible_texts(self):
        return [item.toPlainText() for item in self.items if item.isVisible()]

    def clear(self):
        self.update(None, 1.0)
