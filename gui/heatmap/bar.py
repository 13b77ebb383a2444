"""The colour bar beside a heatmap: the diverging map from −m to m, labelled at −m, 0 and m.

A plain QWidget painted with one gradient and three labels, laid over the plot right of the
matrix and level with its cells. pyqtgraph's ColorBarItem regenerates an axis in Python on
every new level, which cost half of a step's paint time; this bar costs a fill and three
short strings."""
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QWidget

from gui import style
from gui.heatmap.data import short_number


class ColourBar(QWidget):
    """Shows levels (−scale, scale); `place` puts it beside the matrix, as tall as its cells."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scale, self.labels, self.empty = 1.0, ("1", "0", "−1"), True
        # it fills every pixel itself: new levels must not repaint the plot beneath it
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.colormap = pg.colormap.get(style.COLORMAP)
        font = self.font()
        font.setPointSizeF(style.HEATMAP_BAR_PT)
        self.setFont(font)
        self.metrics = QFontMetrics(font)
        self.pad = self.metrics.height() // 2 + 1   # room for the end labels above and below
        self.setFixedWidth(self._width_for(style.HEATMAP_BAR_TYPICAL_LABEL))
        self.gradient = self.gradient_span = None   # made again only when the bar's height changes

    def set_levels(self, scale):
        """Label the ends ±scale; widen (in steps, so it rarely happens) when a label needs it.
        Returns whether the width changed (the plot then leaves it more room)."""
        self.scale = scale
        self.labels = (short_number(scale), "0", short_number(-scale))
        width = max(self._width_for(t) for t in self.labels + (style.HEATMAP_BAR_TYPICAL_LABEL,))
        changed = width != self.width()
        if changed:
            self.setFixedWidth(width)
        self.update()
        return changed

    def place(self, x, top, bottom):
        """Span the cells from `top` to `bottom` at `x` (pixels of the parent); no span: hidden."""
        self.empty = bottom - top < 2
        if not self.empty:
            self.setGeometry(int(x), int(top) - self.pad, self.width(), int(bottom - top) + 2 * self.pad)
        self.setVisible(not self.empty)

    def levels(self):
        return (-self.scale, self.scale)

    def _width_for(self, text):
        step = style.HEATMAP_BAR_TEXT_STEP
        text_width = -(-self.metrics.horizontalAdvance(text) // step) * step
        return style.HEATMAP_BAR_WIDTH + style.HEATMAP_BAR_TICK_SPACE + text_width

    def room(self):
        """(right, top/bottom) pixels the plot keeps free around the matrix for this bar."""
        return self.width() + style.HEATMAP_BAR_GAP, self.pad

    def _gradient(self, top, bottom):
        """High values at the top: the gradient runs from the bottom (−m) up to the top (+m)."""
        if self.gradient_span != (top, bottom):
            self.gradient_span = (top, bottom)
            self.gradient = self.colormap.getGradient(QPointF(0, bottom), QPointF(0, top))
        return self.gradient

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(style.HEATMAP_BACKGROUND))
        top, bottom = self.pad, self.height() - self.pad
        bar = QRectF(0, top, style.HEATMAP_BAR_WIDTH, bottom - top)
        painter.fillRect(bar, self._gradient(top, bottom))
        painter.setPen(QPen(QColor(style.HEATMAP_BAR_TEXT)))
        painter.drawRect(bar)
        half = self.metrics.height() / 2
        for text, y in zip(self.labels, (top, (top + bottom) / 2, bottom)):
            painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 3, y))
            painter.drawText(QRectF(bar.right() + 5, y - half, self.width(), 2 * half),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()
