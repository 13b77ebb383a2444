"""A strip across the top of the canvas while the text has an error: the graph shown is the last
valid one, and the canvas says so (the editor shows where the error is)."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gui import style

CSS = (f"background: rgba(255, 255, 255, 230); color: {style.ERROR}; border: 1px solid {style.ERROR};"
       "border-radius: 4px; padding: 3px 8px;")
MARGIN = 8


class CanvasBanner(QLabel):
    def __init__(self, parent):
        super().__init__(parent)
        self.setStyleSheet(CSS)
        self.setWordWrap(True)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.hide()

    def show_error(self, error):
        """Say why the graph is the last valid one, or hide for None."""
        if error is None:
            self.hide()
            return
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        self.setText(f"Showing the last valid graph. The text has an error: {first_line}")
        self.place()
        self.show()

    def place(self):
        """Across the top of the parent, below a small margin."""
        width = self.parentWidget().width() - 2 * MARGIN
        self.setFixedWidth(max(width, 50))
        self.adjustSize()
        self.move(MARGIN, MARGIN)
