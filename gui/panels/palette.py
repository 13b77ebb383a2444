"""The palette: inputs (one per initialiser, with the shape asked for), a constant, and every op
of the engine's registry (a new op appears here without touching the GUI), each with its
symbol, arity and matrix rule as tooltip; a filter box narrows the list.

An entry is dragged onto the canvas with the list's own mouse events (press, move, release
over the canvas), not QDrag, so the same code runs under a test's synthetic mouse; where it is
released the palette asks the controller for it (`request_node`), and the canvas places it. A
double-click on empty canvas opens the same list at the cursor (`PalettePopup`)."""
from typing import NamedTuple

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (QApplication, QFormLayout, QFrame, QLineEdit, QListWidget, QListWidgetItem,
                               QVBoxLayout, QWidget)

from engine import INITIALISERS, REGISTRY, rule_text

OPERANDS = ("x", "y")   # how a tooltip names an op's operands; the output is z


class Entry(NamedTuple):
    kind: str     # 'input', 'const' or 'op'
    op: str       # the initialiser or the op's name; '' for a constant
    title: str
    tip: str


def op_tooltip(opdef):
    """`matmul  @  (2 inputs)`, its description, then each input's rule (∂L/∂x = ∂L/∂z @ yᵀ)."""
    names = OPERANDS[:opdef.arity]
    rules = [rule_text(parts, names[i], "z", names, (), 2) for i, parts in enumerate(opdef.formulas)
             if i not in opdef.labels]
    inputs = "1 input" if opdef.arity == 1 else f"{opdef.arity} inputs"
    params = f", takes {', '.join(opdef.params)}=" if opdef.params else ""
    return "\n".join([f"{opdef.name}   {opdef.symbol}   ({inputs}{params})", opdef.description, *rules])


def entries():
    """Every palette entry: inputs by initialiser, a constant, then the registry's ops in order."""
    inputs = [Entry("input", init, f"input  {init}(…)", f"An input drawn by {init}, of the shape given "
                    "above (eye: n×n, arange: a vector, labels: n labels in [0, k) for n, k)") for init in INITIALISERS]
    const = Entry("const", "", "constant", "A number: drop it on an op's free input port")
    ops = [Entry("op", d.name, f"{d.symbol}   {d.name}" if d.symbol != d.name else d.name, op_tooltip(d))
           for d in REGISTRY.values()]
    return inputs + [const] + ops


class PaletteList(QWidget):
    """A filter box over the list of entries; `activated(entry)` on Enter or a double-click."""
    activated = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.filter = QLineEdit(placeholderText="filter ops and inputs…", clearButtonEnabled=True)
        self.list = EntryList()
        for entry in entries():
            item = QListWidgetItem(entry.title)
            item.setToolTip(entry.tip)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.list.addItem(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        self.filter.textChanged.connect(self._on_filter)
        self.filter.returnPressed.connect(self._on_return)
        self.list.itemActivated.connect(lambda item: self.activated.emit(item.data(Qt.ItemDataRole.UserRole)))

    def _on_filter(self, text):
        """Show the entries whose title or tooltip mentions every word typed."""
        words = text.lower().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            haystack = (item.text() + " " + item.toolTip()).lower()
            item.setHidden(not all(w in haystack for w in words))
        shown = self.shown()
        if shown:
            self.list.setCurrentItem(shown[0])

    def _on_return(self):
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.activated.emit(item.data(Qt.ItemDataRole.UserRole))

    def shown(self):
        return [self.list.item(r) for r in range(self.list.count()) if not self.list.item(r).isHidden()]


class EntryList(QListWidget):
    """The entries; a press on one and a release over the canvas drops it there (`dropped`)."""
    dropped = Signal(object, QPoint)   # the entry, the release's global position

    def __init__(self):
        super().__init__()
        self.pressed_entry, self.start = None, None
        self.dragging = False

    def mousePressEvent(self, event):
        super().mousePressEvent(event)
        item = self.itemAt(event.position().toPoint())
        self.pressed_entry = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.start = event.position().toPoint()

    def mouseMoveEvent(self, event):
        if self.pressed_entry is None:
            return super().mouseMoveEvent(event)
        if (event.position().toPoint() - self.start).manhattanLength() >= QApplication.startDragDistance():
            self.dragging = True
            self.viewport().setCursor(Qt.CursorShape.DragCopyCursor)

    def mouseReleaseEvent(self, event):
        entry, dragging = self.pressed_entry, self.dragging
        self.pressed_entry, self.dragging = None, False
        self.viewport().unsetCursor()
        super().mouseReleaseEvent(event)
        if entry is not None and dragging:
            self.dropped.emit(entry, self.viewport().mapToGlobal(event.position().toPoint()))


class Palette(QWidget):
    """The palette dock's widget: the shape new inputs get, a constant's value, and the entries,
    dragged onto the canvas."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.shape = QLineEdit("2, 2", toolTip="The shape of a new input: rows, columns (or one size for a "
                               "vector)")
        self.constant = QLineEdit("2", toolTip="The value of a new constant")
        self.parameter = QLineEdit("0", toolTip="The index of a new x[…] (0, 1:3 or :, -1), or the row count n "
                                   "of a new x[arange(n), y]")
        self.entries = PaletteList()
        form = QFormLayout()
        form.addRow("input shape", self.shape)
        form.addRow("constant", self.constant)
        form.addRow("index", self.parameter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.entries, 1)
        self.entries.list.dropped.connect(self._on_dropped)

    def arg(self, entry):
        """What an entry needs besides its place: a shape for an input (n, k for labels), a value for
        a constant, an index for x[…]."""
        if entry.kind == "input":
            try:
                return tuple(int(s) for s in self.shape.text().replace("×", ",").replace("x", ",").split(",")
                             if s.strip())
            except ValueError:
                return None   # the builder refuses it with a message
        if entry.kind == "op":
            return self.parameter.text().strip() or None
        return self.constant.text().strip() if entry.kind == "const" else None

    def _on_dropped(self, entry, global_pos):
        self.controller.request_node(entry, global_pos, self.arg(entry))


class PalettePopup(QFrame):
    """The palette's list at the cursor (double-click on empty canvas); a choice adds that
    entry at the clicked place, then the popup closes."""

    def __init__(self, controller, parent, global_pos):
        super().__init__(parent, Qt.WindowType.Popup)
        self.controller, self.global_pos = controller, global_pos
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.entries = PaletteList()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.entries)
        self.entries.activated.connect(self._on_activated)
        self.resize(220, 300)
        self.move(global_pos)

    def showEvent(self, event):
        super().showEvent(event)
        self.entries.filter.setFocus()   # type to narrow the list at once

    def _on_activated(self, entry):
        self.close()
        self.controller.request_node(entry, self.global_pos, None)

