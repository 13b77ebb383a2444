"""A row of controls that wraps, as words do, onto as many lines as its width needs (after Qt's
flow layout example), so a row of buttons never makes its dock, or the window, wider."""
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QStyle


class FlowLayout(QLayout):
    """Items left to right at their preferred sizes; an item that would pass the right edge
    starts the next line. Its least width is its widest item's; its height follows its width."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items = []

    def add_at_right(self, widget):
        """`widget` at the right end of its line (with those added after it)."""
        self.addWidget(widget)
        self.setAlignment(widget, Qt.AlignmentFlag.AlignRight)

    def addItem(self, item):
        self.items.append(item)

    def count(self):
        return len(self.items)

    def itemAt(self, index):
        return self.items[index] if 0 <= index < len(self.items) else None

    def takeAt(self, index):
        return self.items.pop(index) if 0 <= index < len(self.items) else None

    def expandingDirections(self):
        return Qt.Orientation(0)

    def hasHeightForWidth(self):
        return True

    def heightForWidth(self, width):
        return self.place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect):
        super().setGeometry(rect)
        self.place(rect, move=True)

    def sizeHint(self):
        """All on one line."""
        shown = self.shown()
        width = sum(item.sizeHint().width() for item in shown) + self.gap() * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return self.with_margins(QSize(width, height))

    def minimumSize(self):
        """One item a line: the widest item's least width."""
        size = QSize()
        for item in self.shown():
            size = size.expandedTo(item.minimumSize())
        return self.with_margins(size)

    def shown(self):
        return [item for item in self.items if not item.isEmpty()]

    def gap(self):
        spacing = self.spacing()
        if spacing >= 0:
            return spacing
        parent = self.parentWidget()
        return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if parent else 6

    def with_margins(self, size):
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    @staticmethod
    def fitted(item, room):
        """The item's preferred size, no wider than `room` (a wrapping label grows taller)."""
        width = min(item.sizeHint().width(), max(room, item.minimumSize().width()))
        height = item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
        return QSize(width, height)

    def place(self, rect, move):
        """Lay the items out in `rect` (or only measure, when not `move`): the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y, gap = area.y(), self.gap()
        for line in self.lines(area.width()):
            if move:
                self.put(line, QPoint(area.x(), y), area.width())
            y += max(size.height() for _, size in line) + gap
        return max(y - gap, area.y()) - rect.y() + margins.bottom()

    def lines(self, room):
        """The shown items with their sizes, a list per line: a line takes items while they fit."""
        lines, width = [], room + 1
        for item in self.shown():
            size = self.fitted(item, room)
            if width + size.width() > room:   # wrap (the first item always starts a line)
                lines.append([])
                width = 0
            lines[-1].append((item, size))
            width += size.width() + self.gap()
        return lines

    def put(self, line, at, room):
        """One line from `at`; the first right-aligned item and those after it go to the right end."""
        gap = self.gap()
        slack = room - sum(size.width() for _, size in line) - gap * (len(line) - 1)
        x = at.x()
        for item, size in line:
            if slack > 0 and item.alignment() & Qt.AlignmentFlag.AlignRight:
                x, slack = x + slack, 0
            item.setGeometry(QRect(QPoint(x, at.y()), size))
            x += size.width() + gap
