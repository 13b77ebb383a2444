"""Compare with mine: her hand-computed ∂L/∂node (.npy) beside the engine's and hers − engine's,
as heatmaps on one colour scale, the entries beyond tolerance outlined and listed worst first
(error over the gradient check's tolerance 1e-6 + 1e-4·|engine|). Clicking an entry selects it,
so the Explanation shows its chain rule. Her arrays are kept per node while the pass changes."""
import numpy as np
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

import engine
from engine import number, parse_entry, sub
from gui.heatmap.heatmap import Heatmap
from gui.listening import Listening
from gui.model.arrays import ArrayRefused, read_file
from gui.model.her_arrays import compare_mine, gradient_names


class ComparePanel(Listening, QWidget):
    """Pick a node, Load mine…, read the three heatmaps and the list of entries off."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller, self.mine, self.report = controller, {}, None
        self.node = QComboBox()
        self.node.setToolTip("The node whose gradient ∂L/∂node you computed by hand")
        self.node.activated.connect(lambda _i: self.refresh())
        load = QPushButton("Load mine…")
        load.setObjectName("load_mine")
        load.setToolTip("Load your ∂L/∂node from a .npy file")
        load.clicked.connect(self._on_load)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.maps = {key: Heatmap() for key in ("mine", "engine", "diff")}
        for heatmap in self.maps.values():
            heatmap.entry_clicked.connect(controller.click_entry)
        self.worst = QListWidget()
        self.worst.setMaximumHeight(110)
        self.worst.itemClicked.connect(lambda item: controller.click_entry(item.data(256)))
        self._build(load)
        self.listen()
        self.refresh()

    def _build(self, load):
        top = QHBoxLayout()
        top.addWidget(QLabel("∂L/∂"))
        top.addWidget(self.node, 1)
        top.addWidget(load)
        maps = QHBoxLayout()
        for heatmap in self.maps.values():
            maps.addWidget(heatmap, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(maps, 1)
        layout.addWidget(self.worst)

    def subscriptions(self):
        c = self.controller
        return ((c.program_changed, self.refresh), (c.pass_recomputed, self.refresh))

    # -- her gradient in ------------------------------------------------------------------------------
    def _on_load(self):
        name = self.node.currentData()
        path, _ = QFileDialog.getOpenFileName(self, f"Your ∂L/∂{name}", "", "numpy arrays (*.npy *.npz)")
        if path and name:
            try:
                self.set_mine(name, read_file(path))
            except ArrayRefused as exc:
                self.summary.setText(str(exc))

    def set_mine(self, name, array):
        """Compare `array` as her ∂L/∂name from now on (until the program drops the node)."""
        self.mine[name] = np.asarray(array)
        self.refresh(name)

    # -- showing --------------------------------------------------------------------------------------
    def refresh(self, name=None):
        shown = self.controller.shown
        names = gradient_names(shown) if shown.session is not None else []
        current = name or self.node.currentData()
        self.node.clear()
        for n in names:
            self.node.addItem(f"{n}  (yours loaded)" if n in self.mine else n, n)
        if current in names:
            self.node.setCurrentIndex(names.index(current))
        self.show_node(self.node.currentData())

    def show_node(self, name):
        self.report = None
        if name not in self.mine:
            self.summary.setText("Load your hand-computed gradient of a node to compare it with the engine's."
                                 if name else "No pass to compare with.")
            self.worst.clear()
            return
        try:
            self.report = compare_mine(self.controller.shown, name, self.mine[name])
        except engine.EngineError as exc:
            self.summary.setText(str(exc))
            return
        self.draw(name, self.report)

    def draw(self, name, report):
        mine, ref = self.mine[name].astype(float), report["engine_grad"]
        scale = float(np.max(np.abs(np.concatenate([np.ravel(mine), np.ravel(ref)])), initial=0)) or 1.0
        source = (name, True, False)
        self.maps["mine"].show_matrix(mine, f"yours: ∂L/∂{name}", source, scale=scale)
        self.maps["engine"].show_matrix(ref, f"engine's: ∂L/∂{name}", source, scale=scale)
        self.maps["diff"].show_matrix(mine - ref, "yours − engine's", source)
        wrong = [r for r in report["worst"] if not r["ratio"] <= 1]
        cells = [cell(parse_entry(r["entry"])[1]) for r in wrong]   # the engine's worst rows
        for heatmap in self.maps.values():
            heatmap.outline([(slice(i, i + 1), slice(j, j + 1), "extra") for i, j in cells])
        self.summary.setText(summary_text(name, report))
        self.list_worst(name, wrong)

    def list_worst(self, name, rows):
        self.worst.clear()
        for row in rows:
            index = parse_entry(row["entry"])[1]
            item = QListWidgetItem(f"∂L/∂{sub(name, index)}: yours {number(row['mine'])}, engine's "
                                   f"{number(row['engine'])}, error {number(row['error'])} "
                                   f"({number(row['ratio'])}× the tolerance)")
            item.setData(256, (name, index, True))
            self.worst.addItem(item)


def cell(index):
    """The (row, col) of an entry's index in the matrix a heatmap draws (a vector is one row)."""
    return (0, 0) if not index else (0, index[0]) if len(index) == 1 else index


def summary_text(name, report):
    off = report["wrong"]
    if not off:
        return f"Your ∂L/∂{name} agrees with the engine's in every entry (max abs error {report['max_abs']:.3g})."
    return (f"{off} {'entry' if off == 1 else 'entries'} of your ∂L/∂{name} off beyond tolerance, worst first "
            f"(max abs error {report['max_abs']:.3g}); click one to see its chain rule.")
