"""One matrix drawn as a heatmap: title, cells on a diverging map centred on zero, a colour bar,
numbers while they are readable, and a summary line. Hover tells the exact value and index;
a click emits the entry of the real array (for `bᵀ` that is `b[j, i]`)."""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from engine import as_matrix_shape, number, sub
from gui import style
from gui.heatmap.bar import ColourBar
from gui.heatmap.data import (as_matrix, downsample, downsample_steps, literal, shape_text, summarize,
                              summary_text, to_source)
from gui.heatmap.fill import CellFill, MatrixCover
from gui.heatmap.matrix_image import MatrixImage
from gui.heatmap.cell_labels import CellLabels
from gui.heatmap.overlay import CellMarks, MissingCover, Outlines
from gui.heatmap.row_layout import cells_least


class Heatmap(QWidget):
    """Set with `show_matrix` (an array) or `show_missing` (a gradient not computed, or without a
    path to L). `entry_clicked` carries (name, index, is_grad) of the array the matrix stands for."""
    entry_clicked = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.array = self.matrix = self.summary = None
        self.source, self.scale, self.step = None, 1.0, (1, 1)
        self.raw = None     # the computed numbers, where `array` shows zero up to rounding as 0
        self.part = None    # in a step's equation: which of its matrices (engine.step_cells order)
        self.cells, self.ndim = (1, 1), 2   # the matrix shown (with or without numbers): its cells, its ndim
        self.title, self.hover_text = QLabel(), ""
        self.title_text = self.badge = ""
        self.view = pg.GraphicsLayoutWidget()
        self.bar = ColourBar(self.view)
        self.footer = QLabel()
        self._build_layout()
        self._build_plot()

    # -- construction ---------------------------------------------------------------------------------
    def _build_layout(self):
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(1)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet(style.HEATMAP_TITLE_CSS)
        self.footer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.footer.setWordWrap(True)
        # fixed heights: a longer title or summary must not resize the plot (a resize redraws)
        self.title.setFixedHeight(self.title.fontMetrics().height() + 6)
        self.footer.setFixedHeight(3 * self.footer.fontMetrics().lineSpacing() + 2)
        self.footer.setStyleSheet(style.HEATMAP_FOOTER_CSS)
        self.view.setBackground(style.HEATMAP_BACKGROUND)
        self.view.setMinimumSize(*style.HEATMAP_MIN_SIZE)
        self._leave_room_for_bar()
        for w in (self.title, self.view, self.footer):
            layout.addWidget(w)
        layout.setStretch(1, 1)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def _build_plot(self):
        self.box = self.view.addViewBox(row=0, col=0, lockAspect=True, enableMouse=False,
                                        enableMenu=False, invertY=True, defaultPadding=0)
        self.image = MatrixImage()
        colormap = pg.colormap.get(style.COLORMAP)
        self.image.setColorMap(colormap)
        self.box.addItem(self.image)
        self.labels, self.marks = CellLabels(self.box, colormap), CellMarks(self.box)
        self.cover, self.outlines = MissingCover(self.box), Outlines(self.box)
        self.fill, self.unfilled = CellFill(self.box), MatrixCover(self.box)
        self.image.entry_clicked.connect(self._on_cell_clicked)
        self.image.entry_hovered.connect(self._on_cell_hovered)
        self.box.sigResized.connect(self._on_resized)

    # -- what is shown ------------------------------------------------------------------------------
    def show_matrix(self, array, title, source=None, badge="", scale=None, raw=None):
        """Draw `array` with levels (-scale, scale) (default: its own robust range). `source` =
        (name, is_grad, transposed) makes cells clickable entries; `badge` marks the title
        (e.g. 'partial 1 of 3'); `raw`, the computed numbers that hover and Copy give, when
        `array` shows values zero up to rounding as 0. The same array at the same scale is not
        redrawn."""
        self._set_title(title, badge)
        self.source, self.raw = source, (array if raw is None else raw)
        summary = summarize(array)
        scale = summary.scale if scale is None else scale
        if array is self.array and scale == self.scale and self.cover.hidden():
            return
        self.array, self.summary = array, summary
        self.cells, self.ndim = as_matrix(array).shape, np.ndim(array)
        self.cover.hide()
        self._draw(scale)

    def show_missing(self, shape, title, reason, detail="", source=None):
        """A matrix without numbers (yet): hatched cells of its shape with the reason, never zeros;
        `detail` (under the matrix) says when the numbers come. `source` names the array it will
        be: its cells can be outlined, and clicked (to select an entry before it is computed)."""
        self._set_title(title, "")
        self.array = self.summary = self.raw = None
        self.source, self.ndim = source, len(shape)
        rows, cols = self.cells = as_matrix_shape(shape)
        self.step = downsample_steps(self.cells, self._pixels())
        # NaN cells are transparent: the hatching shows, and the image still turns clicks into cells
        blank = np.full((-(-rows // self.step[0]), -(-cols // self.step[1])), np.nan)
        self.image.show_matrix(blank, (-1.0, 1.0), self.cells)
        self.labels.clear()
        self.marks.clear()
        self.cover.show(rows, cols, reason)
        self.footer.setText(f"{shape_text(shape)}  {reason}" + (f": {detail}" if detail else ""))
        self._fit(rows, cols)

    def levels(self):
        return self.bar.levels()

    def least_size(self):
        """(width, height) px this matrix needs: its title and every stats line whole, and a small
        matrix's cells at least row_layout.MIN_CELL_PX (its numbers then show)."""
        cells = cells_least(self.cells, (0, 0))
        right, pad = self.bar.room()
        margins = self.layout().contentsMargins()
        texts = [self.title_width()] + [self.footer.fontMetrics().horizontalAdvance(line) + 2
                                        for line in self.footer.text().split("\n")]
        least = style.HEATMAP_MIN_SIZE
        width = max(max(texts), cells[0] + right, least[0]) + margins.left() + margins.right()
        return width, max(cells[1] + 2 * pad, least[1])

    def title_width(self):
        """The title's width as drawn (bold, with its badge), px."""
        self.title.ensurePolished()
        font = self.title.font()
        font.setBold(True)
        badge = f" ({self.badge})" if self.badge else ""
        return QFontMetrics(font).horizontalAdvance(self.title_text + badge) + 4

    # -- drawing ------------------------------------------------------------------------------------
    def _draw(self, scale):
        self.scale = scale
        full = as_matrix(self.array)
        self.matrix, self.step = downsample(full, self._pixels())
        shown = self.matrix if self.summary.nonfinite == 0 else np.where(
            np.isfinite(self.matrix), self.matrix, np.nan)
        self.image.show_matrix(shown, (-scale, scale), full.shape)
        if self.bar.set_levels(scale):
            self._leave_room_for_bar()
        self.marks.update(self.matrix, scale, self.step)
        self.labels.update(self.matrix if self.step == (1, 1) else None, scale)
        self.cover.place(*full.shape)
        self._fit(*full.shape)
        self.footer.setText(summary_text(self.summary, self.step))

    def _leave_room_for_bar(self):
        right, pad = self.bar.room()
        self.view.ci.setContentsMargins(0, pad, right, pad)

    def _pixels(self):
        """The on-screen size of the matrix area in pixels (a matrix larger than it is downsampled)."""
        rect = self.box.sceneBoundingRect()
        return max(int(rect.height()), style.HEATMAP_MIN_PIXELS), max(int(rect.width()), style.HEATMAP_MIN_PIXELS)

    def _fit(self, rows, cols):
        self.box.setRange(xRange=(-0.5, cols - 0.5), yRange=(-0.5, rows - 0.5), padding=0)
        self._fit_overlay()

    def _fit_overlay(self):
        """Numbers shown only if they fit; outlines seen at any size; the colour bar as tall as the
        matrix, not the view."""
        self.labels.fit()
        self.outlines.fit()
        if self.array is None:
            self.bar.place(0, 0, 0)
            return
        rows, cols = as_matrix(self.array).shape
        corner = self.view.mapFromScene(self.box.mapViewToScene(pg.Point(cols - 0.5, rows - 0.5)))
        top = self.view.mapFromScene(self.box.mapViewToScene(pg.Point(0, -0.5))).y()
        middle, half = (top + corner.y()) / 2, max(style.HEATMAP_BAR_MIN_HEIGHT, corner.y() - top) / 2
        self.bar.place(corner.x() + style.HEATMAP_BAR_GAP, middle - half, middle + half)

    def _set_title(self, title, badge):
        self.title_text, self.badge = title, badge
        mark = f" <span style='color:{style.HEATMAP_BADGE}'>({badge})</span>" if badge else ""
        self.title.setText(f"<b>{title}</b>{mark}")

    # -- overlay for the selection --------------------------------------------------------------------
    def outline(self, ranges):
        """One rectangle per (row slice, col slice[, role]) of the full matrix (with or without
        numbers), in its role's colour (style.HEATMAP_OUTLINES; default: what feeds the selection)."""
        ranges = list(ranges)
        self.outlines.show(ranges, self.cells)
        # the cell to predict shows its "?" alone, not under the words of a gradient not computed yet
        self.cover.show_words(not any(len(r) > 2 and r[2] == "hidden" for r in ranges))

    def clear_outline(self):
        self.outlines.show(())

    # -- events ---------------------------------------------------------------------------------------
    def _full_cell(self, row, col):
        return row * self.step[0], col * self.step[1]

    def _on_cell_clicked(self, row, col):
        """Emit the entry under the click (of a downsampled matrix: the block's first entry)."""
        if self.source is None:
            return
        name, is_grad, transposed = self.source
        index = to_source(self._full_cell(row, col), self.ndim, transposed)
        self.entry_clicked.emit((name, index, is_grad))

    def _on_cell_hovered(self, row, col):
        self.hover_text = "" if row < 0 or self.array is None else self._describe(row, col)
        self.image.setToolTip(self.hover_text)

    def _describe(self, row, col):
        """`∂L/∂a[0,1] = 0.31274…` then `∂L/∂a₁₂`: exact value, 0-based and 1-based index."""
        full = self._full_cell(row, col)
        name, is_grad, transposed = self.source or (self.title_text, False, False)
        label = f"∂L/∂{name}" if is_grad else name
        index = to_source(full, np.ndim(self.array), transposed)
        # the value is read where it is drawn (bᵀ's cell), the index named is the source's (b's)
        value = float(np.asarray(self.raw)[to_source(full, np.ndim(self.array), False)])
        text = f"{label}[{','.join(map(str, index))}] = {value!r}\n{sub(label, index)}"
        if transposed:
            text += f"  (row {full[0] + 1}, column {full[1] + 1} of {self.title_text})"
        if self.step != (1, 1):
            text += (f"\nthe colour is the mean of a {self.step[0]}×{self.step[1]} block: "
                     f"{number(float(self.matrix[row, col]))}")
        return text

    def _on_resized(self):
        """A new size may change how far a large matrix is downsampled, and whether numbers fit."""
        if self.array is not None and self.step != downsample_steps(as_matrix(self.array).shape, self._pixels()):
            self._draw(self.scale)
        self._fit_overlay()

    def keyPressEvent(self, event):
        if event.matches(QKeySequence.StandardKey.Copy) and self.array is not None:
            QApplication.clipboard().setText(literal(self.raw))
            event.accept()
            return
        super().keyPressEvent(event)
