"""The editor's text field: plain text with line numbers (errors name their line), where
Ctrl+Enter asks to apply the text instead of inserting a newline."""
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from gui import style

GUTTER_PAD = 6   # pixels either side of the numbers


class LineNumbers(QWidget):
    """The gutter; the text field paints it, so the numbers follow scrolling exactly."""

    def __init__(self, edit):
        super().__init__(edit)
        self.edit = edit

    def sizeHint(self):
        return QSize(self.edit.gutter_width(), 0)

    def paintEvent(self, event):
        self.edit.paint_line_numbers(event.rect())


class CodeEdit(QPlainTextEdit):
    apply_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.gutter = LineNumbers(self)
        self.blockCountChanged.connect(self.update_margin)
        self.updateRequest.connect(self._on_update_request)
        self.update_margin()

    def keyPressEvent(self, event):
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.apply_requested.emit()
            return
        super().keyPressEvent(event)

    # -- the gutter -----------------------------------------------------------------------------------
    def gutter_width(self):
        digits = len(str(max(1, self.blockCount())))
        return 2 * GUTTER_PAD + self.fontMetrics().horizontalAdvance("9") * max(digits, 2)

    def update_margin(self):
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _on_update_request(self, rect, dy):
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        box = self.contentsRect()
        self.gutter.setGeometry(QRect(box.left(), box.top(), self.gutter_width(), box.height()))

    def paint_line_numbers(self, rect):
        painter = QPainter(self.gutter)
        painter.fillRect(rect, QColor(style.EDITOR_GUTTER))
        painter.setPen(QColor("#9aa0a6"))
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        height = self.fontMetrics().height()
        while block.isValid() and top <= rect.bottom():
            if block.isVisible():
                painter.drawText(0, int(top), self.gutter.width() - GUTTER_PAD, height,
                                 Qt.AlignmentFlag.AlignRight, str(block.blockNumber() + 1))
            top += self.blockBoundingRect(block).height()
            block = block.next()
        painter.end()
