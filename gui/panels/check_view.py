"""The gradient check as heatmaps, beside the gradients: per input a heatmap of |numeric −
analytic| / tolerance (full colour at 1 = at tolerance; beyond it the cell is marked clipped),
failures outlined in red, kinks and domain exits in orange with their reason in the list, which
runs worst first. The check runs on a worker thread with progress and Cancel, so a large input's
sampled check never freezes the window; a new pass makes the shown check stale."""
import numpy as np
from PySide6.QtCore import QObject, QRectF, Qt, QThread, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (QGraphicsRectItem, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from engine import parse_entry, sub, worst_rows
from gui.heatmap.heatmap import Heatmap
from gui.listening import Listening
from gui.model.check_map import check_maps
from gui.panels.compare import cell

ROLE = {"fail": "extra", "not_checkable": "extra", "kink": "missing", "domain": "missing"}
LISTED = 30
HATCHED = 400        # kink and domain cells hatched per heatmap (each is one item)
HATCH_COLOUR = "#d9822b"
REASON = {"fail": "beyond tolerance", "not_checkable": "not a number: nothing to check",
          "kink": "a kink within ±h (the derivative jumps)", "domain": "±h leaves the domain"}


class CheckWorker(QObject):
    """Runs check_maps on its thread; `finished` carries the maps (None when cancelled)."""
    progressed = Signal(int, int)
    finished = Signal(object)

    def __init__(self, shown):
        super().__init__()
        self.shown, self.stop = shown, False

    def run(self):
        maps = check_maps(self.shown, lambda: self.stop, self.progressed.emit)
        self.finished.emit(maps)


class CheckView(Listening, QWidget):
    """Run, Cancel, progress, one ratio heatmap per input and the worst entries."""
    check_done = Signal()

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller, self.thread, self.worker, self.maps = controller, None, None, None
        self.run_button, self.cancel = QPushButton("Check gradients"), QPushButton("Cancel")
        self.run_button.clicked.connect(self.start)
        self.cancel.clicked.connect(self._on_cancel)
        self.cancel.setEnabled(False)
        self.progress, self.summary = QProgressBar(), QLabel("Compare every gradient with central differences.")
        self.summary.setWordWrap(True)
        self.row, self.heatmaps, self.hatched = QHBoxLayout(), {}, {}
        self.worst = QListWidget()
        self.worst.setMaximumHeight(120)
        self.worst.itemClicked.connect(lambda item: controller.click_entry(item.data(256)))
        self._build()
        self.listen()

    def _build(self):
        top = QHBoxLayout()
        for widget in (self.run_button, self.cancel, self.progress):
            top.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(self.row, 1)
        layout.addWidget(self.worst)

    def subscriptions(self):
        return ((self.controller.pass_recomputed, self._on_stale), (self.controller.program_changed, self._on_stale))

    # -- running --------------------------------------------------------------------------------------
    def start(self):
        """Check the shown pass on a worker thread (a running check is cancelled first)."""
        if self.controller.session is None:
            self.summary.setText("No pass to check: " + (self.controller.shown.reason or ""))
            return
        self._on_cancel()
        self.thread, self.worker = QThread(self), CheckWorker(self.controller.shown)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.cancel.setEnabled(True)
        self.summary.setText("Checking…")
        self.thread.start()

    def _on_cancel(self):
        if self.worker is not None:
            self.worker.stop = True
            self.thread.quit()
            self.thread.wait()
            self.worker = None
            self.cancel.setEnabled(False)
            self.summary.setText("Cancelled.")

    def _on_progress(self, done, total):
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_finished(self, maps):
        if self.sender() is not self.worker:   # a cancelled run's late answer
            return
        self.thread.quit()
        self.thread.wait()   # the run has returned: only its event loop is left to end
        self.worker = None
        self.cancel.setEnabled(False)
        if maps is None:
            self.summary.setText("Cancelled.")
            return
        self.maps = maps
        self.draw(maps)
        self.check_done.emit()

    def _on_stale(self):
        if self.maps is not None:
            self.summary.setText("The pass changed since this check: run it again.")

    def close(self):
        self._on_cancel()
        return super().close()

    # -- showing --------------------------------------------------------------------------------------
    def draw(self, maps):
        for heatmap in self.heatmaps.values():
            heatmap.setParent(None)
        self.heatmaps, self.hatched = {}, {}
        for name, found in maps.items():
            heatmap = Heatmap()
            heatmap.entry_clicked.connect(self.controller.click_entry)
            heatmap.show_matrix(np.nan_to_num(found.ratio, nan=0.0), f"∂L/∂{name}: error / tolerance",
                                (name, True, False), scale=1.0)
            heatmap.outline([(slice(i, i + 1), slice(j, j + 1), ROLE[r["status"]])
                             for r in found.rows if r["status"] != "ok"
                             for i, j in [cell(parse_entry(r["entry"])[1])]])
            self.hatched[name] = hatch(heatmap, found.status)
            self.row.addWidget(heatmap, 1)
            self.heatmaps[name] = heatmap
        self.list_worst(maps)

    def list_worst(self, maps):
        self.worst.clear()
        rows = worst_rows([r for m in maps.values() for r in m.rows], LISTED)
        for r in rows:
            name, index, _ = parse_entry(r["entry"])
            item = QListWidgetItem(f"∂L/∂{sub(name, index)}: {r['ratio']:.3g}× the tolerance — {r['status']}"
                                   + (f" ({REASON[r['status']]})" if r["status"] in REASON else ""))
            item.setData(256, (name, index, True))
            self.worst.addItem(item)
        bad = [r for r in rows if r["status"] in ("fail", "not_checkable")]
        self.summary.setText(f"{len(bad)} worst-listed entries fail the check." if bad else
                             "Every checked entry is within tolerance (or at a kink or domain edge).")


def hatch(heatmap, status):
    """Hatch the cells at a kink or a domain edge, each with its reason as a tooltip: there the
    ratio says nothing about the rule (the numeric derivative straddles a jump, or is not a number)."""
    grid = status.reshape(1, -1) if status.ndim < 2 else status
    excused, items = np.argwhere((grid == "kink") | (grid == "domain"))[:HATCHED], []
    for row, col in excused:
        item = QGraphicsRectItem(QRectF(col - 0.5, row - 0.5, 1, 1))
        item.setBrush(QBrush(QColor(HATCH_COLOUR), Qt.BrushStyle.BDiagPattern))
        item.setPen(QPen(Qt.PenStyle.NoPen))
        item.setZValue(3)
        item.setToolTip(REASON[grid[row, col]])
        heatmap.box.addItem(item, ignoreBounds=True)
        items.append(item)
    return items
