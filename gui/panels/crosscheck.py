"""The PyTorch cross-check's answer: per value, the largest difference of its value and of its
gradient between torch.autograd (float64) and the engine, beside each name."""
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from engine import number


class CrossCheckPanel(QWidget):
    """A table: value, max |torch − engine| of the value, of its gradient ("no gradient" without one)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel("Run ▸ Cross-check with PyTorch fills this table.")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["value", "value max diff", "gradient max diff"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_rows(self, rows):
        self.table.setRowCount(len(rows))
        for i, (name, diffs) in enumerate(rows.items()):
            grad = diffs["grad_max_diff"]
            for j, text in enumerate((name, number(diffs["value_max_diff"]),
                                      "no gradient" if grad is None else number(grad))):
                self.table.setItem(i, j, QTableWidgetItem(text))
        worst = max([d["value_max_diff"] for d in rows.values()] +
                    [d["grad_max_diff"] for d in rows.values() if d["grad_max_diff"] is not None], default=0.0)
        self.summary.setText(f"PyTorch (float64) and the engine differ by at most {worst:.3g}.")

    def show_problem(self, text):
        self.table.setRowCount(0)
        self.summary.setText(text)
