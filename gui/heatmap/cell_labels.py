"""The numbers in a heatmap's cells: one form for the whole matrix (gui.heatmap.numbers), each
number black or white, whichever contrasts more with its own cell's colour.

A step shows again matrices it showed a step ago (the same values in another slot, or when the
student steps back): their labels, made form by form as a choice needs them, and their widths
are remembered, so a step formats and measures only numbers it has not seen."""
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics

from gui import style
from gui.contrast import black_on, hex_rgb
from gui.heatmap.numbers import FORMS, choose, form_texts

MAX_LABELS = 1024     # 32×32 cells: past that a cell of MIN_CELL_PX needs more than a screen
STALE = object()      # the items still hold another matrix's texts: the next draw rewrites or hides them
REMEMBERED = 256      # matrices whose labels are kept (least recently shown forgotten first)
TEXT_COLOURS = np.array(["#ffffff", "#000000"])   # indexed by black_on
_labellings = OrderedDict()   # the matrix's (shape, bytes) -> its Labelling


class Labelling:
    """One matrix's labels in each form and each form's widest label (per font), made when first
    asked for."""

    def __init__(self, values):
        self.values, self.texts, self.widest = values, {}, {}

    def form(self, form):
        if form not in self.texts:
            self.texts[form] = form_texts(self.values, form)
        return self.texts[form]

    def widest_in(self, form, metrics, font):
        key = (form, font)
        if key not in self.widest:
            self.widest[key] = max(metrics.horizontalAdvance(t) for t in self.form(form))
        return self.widest[key]


def labelling(matrix):
    """The remembered Labelling of `matrix`'s values (a new one for values not seen lately)."""
    key = (matrix.shape, matrix.tobytes())
    found = _labellings.pop(key, None) or Labelling(matrix.reshape(-1).tolist())
    _labellings[key] = found
    if len(_labellings) > REMEMBERED:
        _labellings.popitem(last=False)
    return found


class Widths(Sequence):
    """The widest label of each form, measured only when `choose` reads that far."""

    def __init__(self, labels, metrics, font):
        self.labels, self.metrics, self.font = labels, metrics, font   # `font`: the metrics' font's key

    def __len__(self):
        return FORMS

    def __getitem__(self, form):
        if not -FORMS <= form < FORMS:
            raise IndexError(form)
        return self.labels.widest_in(form % FORMS, self.metrics, self.font)


class CellLabels:
    """Numbers over the cells of `box`, pooled TextItems. `shape` and `own` (the best Choice for
    the cells' current size) are read by a row's SharedPrecision, which calls `draw_choice`."""

    def __init__(self, box, colormap):
        self.box, self.colormap, self.items, self.share = box, colormap, [], None
        self.count, self.colours, self.shape, self.own = 0, [], None, None
        self.labelling = None   # the shown matrix's labels (shared with every heatmap showing its values)
        self.drawn = STALE
        self.font = QFont()
        self.font.setPointSizeF(style.HEATMAP_NUMBER_PT)
        self.metrics = QFontMetrics(self.font)

    def update(self, matrix, scale):
        """Show `matrix`'s numbers, coloured on the map with levels (-scale, scale) (None: none)."""
        count = 0 if matrix is None or matrix.size > MAX_LABELS else matrix.size
        shape = matrix.shape if count else None
        self._grow(count)
        if shape != self.shape:   # the same shape keeps every item where it is
            for item, (row, col) in zip(self.items, np.ndindex(shape or (0,))):
                item.setPos(col, row)
        self.shape, self.count = shape, count
        self.labelling = labelling(np.asarray(matrix, dtype=float)) if count else None
        self.colours = self._text_colours(matrix, scale) if count else []
        self.drawn = STALE
        self.fit()

    def _text_colours(self, matrix, scale):
        """Per cell, the text colour that contrasts more with the cell (the background's for NaN)."""
        finite = np.isfinite(matrix).reshape(-1)
        where = np.clip(np.where(finite, matrix.reshape(-1), 0.0) / scale, -1, 1) * 0.5 + 0.5
        cells = self.colormap.map(where, mode="float")[:, :3]
        cells[~finite] = hex_rgb(style.HEATMAP_BACKGROUND)
        return TEXT_COLOURS[black_on(cells).astype(int)].tolist()

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
        if self.count and min(cell) >= 1:
            widths = Widths(self.labelling, self.metrics, self.font.key())
            self.own = choose(widths, self.metrics.height(), cell)
        if self.share is not None and self in self.share.members:
            self.share.report(self)
        else:
            self.draw_choice(self.own)

    def draw_choice(self, choice):
        """Draw the numbers in `choice`'s form and size (None, or no numbers of its own: none)."""
        choice = choice if self.own is not None else None
        if choice == self.drawn:
            return
        self.drawn = choice
        font = QFont(self.font)
        if choice is not None:
            font.setPointSizeF(self.font.pointSizeF() * choice.size)
        texts = self.labelling.form(choice.form) if choice is not None else ()
        for i, item in enumerate(self.items):
            shown = i < len(texts)
            item.setVisible(shown)
            if shown:
                item.setFont(font)
                item.setColor(self.colours[i])
                item.setText(texts[i])

    def visible_texts(self):
        return [item.toPlainText() for item in self.items if item.isVisible()]

    def clear(self):
        self.update(None, 1.0)
