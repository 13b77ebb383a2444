"""Answering a modal dialog as a user would: the button clicked once the dialog is up."""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_next_question(qtbot, button, seen=None):
    """Click `button` (a QMessageBox.StandardButton) of the next message box that opens; its text
    is appended to `seen`."""
    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)   # not up yet
            return
        if seen is not None:
            seen.append(box.text())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
    from PySide6.QtCore import Qt
    QTimer.singleShot(0, click)
