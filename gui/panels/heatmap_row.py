"""A row of matrices and operator symbols, read left to right: a step's equation, a node's value
and gradient, a selection's arrays. It wraps to further lines, and scrolls, rather than shrink a
matrix below what its title, its stats and its numbers need (gui.heatmap.row_layout)."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from gui import style
from gui.heatmap.equation import MatrixSlot
from gui.heatmap.heatmap import Heatmap
from gui.heatmap.numbers import SharedPrecision
from gui.heatmap.row_layout import Piece, break_lines, share_widths

GAP = 6   # px between the pieces of a line


class HeatmapRow(QScrollArea):
    """Reuses its Heatmap and QLabel widgets by position. Every matrix of a line gets the same
    width, as if the line held at least `columns` of them, unless one needs more: a step from two
    matrices to three leaves the first two where they are (nothing resized, downsampled or
    repainted for nothing), and the matrices keep their size and place as the student steps."""

    def __init__(self, on_entry, columns, operators=True, parent=None):
        super().__init__(parent)
        self.inner = QWidget()
        self.lines_ = QVBoxLayout(self.inner)
        self.lines_.setContentsMargins(0, 0, 0, 0)
        self.setWidget(self.inner)   # sized by `fit_lines`: as the view, or as tall as its lines need
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.heatmaps, self.operators, self.on_entry = [], [], on_entry
        self.columns, self.with_operators = columns, operators
        self.shown, self.placed = [], None   # the widgets in order; their lines as last laid out
        self.precision = SharedPrecision()   # matrices of one shape write their numbers one way
        # the matrices share whatever width the panel gets; a long equation must not widen the dock
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def show_slots(self, slots, scales):
        """Lay out `slots` (str operators and MatrixSlot matrices); `scales` maps id(slot) to a colour
        half-range (absent: the matrix's own). Lines that stay the same keep their widgets' sizes
        (resizing a large matrix's view means downsampling it again)."""
        kinds = [isinstance(s, MatrixSlot) for s in slots]
        maps, ops = self._pool(self.heatmaps, kinds.count(True)), self._pool(self.operators, kinds.count(False))
        self.shown = [maps.pop(0) if kind else ops.pop(0) for kind in kinds]
        for widget, slot in zip(self.shown, slots):
            if isinstance(slot, MatrixSlot):
                show(widget, slot, scales.get(id(slot)))
            else:
                widget.setText(slot)
        self.arrange()
        self.precision.set_members(heatmap.labels for heatmap in self.shown if isinstance(heatmap, Heatmap))

    def arrange(self):
        """Break the shown widgets into lines for the row's width, then size each line's widgets."""
        pieces = [self._piece(w) for w in self.shown]
        # room kept for the vertical scroll bar, so that its coming does not break the lines anew
        width = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        lines = break_lines(pieces, width, GAP)
        placed = [[self.shown[i] for i in line] for line in lines]
        if placed != self.placed:
            self._relayout(placed)
        operator = style.INSPECTOR_OPERATOR_WIDTH if self.with_operators else 0
        for line in lines:
            widths = share_widths([pieces[i] for i in line], width, GAP, self.columns, operator)
            for i, w in zip(line, widths):
                self._size(self.shown[i], w)
        self.fit_lines()

    def fit_lines(self):
        """The lines fill the view, or stand at their least height and scroll."""
        self.lines_.activate()
        least = self.inner.minimumSizeHint()
        view = self.viewport().size()
        self.inner.resize(max(view.width(), least.width()), max(view.height(), least.height()))

    def _piece(self, widget):
        if isinstance(widget, Heatmap):
            return Piece(widget.least_size()[0])
        least = style.INSPECTOR_OPERATOR_WIDTH if widget.text() else 0   # "" only spaces two matrices
        return Piece(max(least, widget.sizeHint().width()), False)

    def _size(self, widget, width):
        if isinstance(widget, Heatmap):
            least = widget.least_size()[1]
            if widget.view.minimumHeight() != least:
                widget.view.setMinimumHeight(least)
            if widget.width() != width:
                widget.setFixedWidth(width)
        elif widget.minimumWidth() != width:
            widget.setMinimumWidth(width)

    def _relayout(self, placed):
        """One horizontal layout per line, the line's widgets from the left."""
        while self.lines_.count():
            item = self.lines_.takeAt(0)
            if item.layout() is not None:
                while item.layout().count():
                    item.layout().takeAt(0)
        for line in placed:
            layout = QHBoxLayout()
            layout.setSpacing(GAP)
            for widget in line:
                layout.addWidget(widget)
                widget.setVisible(True)
            layout.addStretch(1)
            self.lines_.addLayout(layout, 1)
        self.placed = placed

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.arrange()

    def _pool(self, pool, count):
        """The first `count` widgets of `pool` (heatmaps or operators), made when missing; the rest
        are hidden."""
        while len(pool) < count:
            pool.append(self._new_heatmap() if pool is self.heatmaps else self._new_operator())
        for widget in pool[count:]:
            widget.setVisible(False)
        return pool[:count]

    def _new_heatmap(self):
        heatmap = Heatmap(self.inner)
        heatmap.labels.share = self.precision
        heatmap.entry_clicked.connect(self.on_entry)
        return heatmap

    def _new_operator(self):
        label = QLabel(self.inner)
        label.setStyleSheet(style.INSPECTOR_OPERATOR_CSS)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setMinimumWidth(style.INSPECTOR_OPERATOR_WIDTH)
        return label

    def visible_heatmaps(self):
        return [h for h in self.heatmaps if not h.isHidden()]


def show(heatmap, slot, scale):
    heatmap.part = slot.part
    heatmap.title.setToolTip(slot.badge_tip)
    if slot.missing:
        heatmap.show_missing(slot.shape, slot.title, slot.missing, slot.detail, slot.source)
    else:
        heatmap.show_matrix(slot.array, slot.title, slot.source, slot.badge, scale, slot.raw)
