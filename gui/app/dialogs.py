"""The window's dialogs: the keyboard shortcuts."""
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

ROW_HEIGHT = 22


def table(headers, rows):
    widget = QTableWidget(len(rows), len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.verticalHeader().hide()
    widget.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)   # a report, not a form
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            widget.setItem(i, j, QTableWidgetItem(text))
    widget.resizeColumnsToContents()
    widget.horizontalHeader().setStretchLastSection(True)
    return widget


def dialog(parent, title, headline, widget):
    box = QDialog(parent)
    box.setWindowTitle(title)
    layout = QVBoxLayout(box)
    label = QLabel(headline)
    label.setWordWrap(True)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(box.reject)
    layout.addWidget(buttons)
    box.resize(640, 520)
    return box


def shortcuts_dialog(parent, rows):
    return dialog(parent, "Keyboard shortcuts", "Every key of Backprop Studio:",
                  table(["keys", "does"], rows))
