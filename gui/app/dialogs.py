"""The window's dialogs: the gradient check's result table and the keyboard shortcuts."""
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from engine import number, parse_entry, sub
from gui.panels.matrix_table import cell_text

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


def check_rows(result):
    """One row per reported entry: the worst of each input, as engine.check lists them."""
    rows = []
    for name, report in result["inputs"].items():
        for w in report["worst"]:
            verdict = "at a kink" if w["kink"] else ("fails" if not passes(w) else "ok")
            name, index, _ = parse_entry(w["entry"])
            rows.append((f"∂L/∂{sub(name, index)}", cell_text(w["analytic"]), cell_text(w["numeric"]),
                         number(w["error"]), verdict))
    return rows


def passes(worst):
    """The spec's tolerance: |analytic − numeric| ≤ 1e-6 + 1e-4·|numeric|."""
    return worst["error"] <= 1e-6 + 1e-4 * abs(worst["numeric"])


def check_headline(result):
    checked = sum(r["checked"] for r in result["inputs"].values())
    inputs = ", ".join(f"{n} ({r['checked']})" for n, r in result["inputs"].items())
    verdict = "Every gradient matches" if result["ok"] else "Some gradients do NOT match"
    return (f"{verdict} central differences (float64). Checked {checked} entries: {inputs}. "
            "The worst entries of each input:")


def check_dialog(parent, result):
    rows = check_rows(result)
    return dialog(parent, "Gradient check", check_headline(result),
                  table(["entry", "analytic", "numeric", "|error|", "verdict"], rows))


def shortcuts_dialog(parent, rows):
    return dialog(parent, "Keyboard shortcuts", "Every key of Backprop Studio:",
                  table(["keys", "does"], rows))
