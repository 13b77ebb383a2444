"""A label of at most so many lines, its text cut with `…` where it would need more (the whole
text in its tooltip): a long caption neither widens its dock nor is clipped mid-line."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    """`set_full(text)` shows `text` in at most `lines` lines at the label's width."""

    def __init__(self, parent=None, lines=1):
        super().__init__(parent)
        self.full, self.lines = "", lines
        self.setWordWrap(lines > 1)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full(self, text):
        self.full = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._elide()

    def _elide(self):
        self.setText(clamped(self.full, self, self.contentsRect().width(), self.lines))


def clamped(text, label, width, lines):
    """`text` as wrapped at `width` in `label`'s font, cut on its last allowed line with `…`."""
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    for _ in range(lines + 1):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) <= lines:
        return text
    last = starts[lines - 1]
    return text[:last] + label.fontMetrics().elidedText(text[last:], Qt.TextElideMode.ElideRight, width)
