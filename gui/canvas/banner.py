"""A strip across the top of the canvas while the text has an error: the graph shown is the last
valid one, and the canvas says so (the editor shows where the error is). While the graph is a
draft (a hole, shapes that do not fit) it says, more quietly, why there are no steps."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gui import style

CSS = ("background: rgba(255, 255, 255, 230); color: {0}; border: 1px solid {0};"
       "border-radius: 4px; padding: 3px 8px;")
MARGIN = 8


class CanvasBanner(QLabel):
    def __init__(self, parent):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.hide()

    def show_error(self, error):
        """Say why the graph is the last valid one, or hide for None."""
        if error is None:
            self.hide()
            return
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        self.say(f"Showing the last valid graph. The text has an error: {first_line}", style.ERROR)

    def show_no_pass(self, reason):
        """Say why the graph shown has no steps (`the graph is incomplete: wire t3's second input`)."""
        self.say(f"No steps yet: {reason}", style.CANVAS_MUTED_TEXT)

    def say(self, text, colour):
        self.setStyleSheet(CSS.format(colour))
        self.setText(text)
        self.place()
        self.show()

    def place(self):
        """Across the top of the parent, below a small margin."""
        width = self.parentWidget().width() - 2 * MARGIN
        self.setFixedWidth(max(width, 50))
        self.adjustSize()
        self.move(MARGIN, MARGIN)
