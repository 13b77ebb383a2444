"""The Paths view: the selected entry's scalar paths, "multiply along a path, sum across paths".

For ∂L/∂aₖₗ a left-to-right graph from aₖₗ through every entry it reaches up to the through
node(s), each link labelled with its local partial, each path's product at its end and their
sum last (gui.model.paths_picture); for a value entry the reversed graph. "Expand" continues the
paths through hidden intermediates; "Whole program" draws every entry of a small program (the
selection's paths lit, the rest faded). Clicking an entry selects it everywhere; hovering a path
outlines its cells in the heatmaps, as hovering a term does. "Play terms" (] and [ step one term)
lights the paths in turn while the running sum grows."""
import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPainter, QTransform
from PySide6.QtWidgets import (QCheckBox, QGraphicsScene, QGraphicsView, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

import engine
from gui.listening import Listening
from gui.model.paths_picture import picture
from gui.model.scalar_picture import scalar_picture
from gui.panels.flow import FlowLayout
from gui.panels.paths_items import BoxItem, LinkItem, place_columns

HINT = "Select an entry to see its paths: multiply along a path, sum across paths."
DEFAULT_INTERVAL = 1000   # ms per term, until the toolbar's speed says otherwise
MIN_SCALE = 0.7           # below this the words are too small to read: scroll instead


class PathsScene(QGraphicsView):
    """The drawing; reports the entry clicked and the path under the mouse to the panel."""

    def __init__(self, panel):
        super().__init__()
        self.setScene(QGraphicsScene(self))   # parented, so that Python does not collect it
        self.panel, self.boxes, self.links = panel, {}, []
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMouseTracking(True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)

    def draw(self, pic, lit=frozenset()):
        """Boxes then links between them; with `lit` (the whole-program view) the rest is faded."""
        self.scene().clear()
        self.boxes = {b.key: BoxItem(b) for b in pic.boxes}
        place_columns(self.boxes, pic.links)
        for item in self.boxes.values():
            self.scene().addItem(item)
        self.links = [LinkItem(link, self.boxes[link.source], self.boxes[link.target]) for link in pic.links]
        for item in self.links:
            self.scene().addItem(item)
            if lit:
                item.set_lit((item.link.source, item.link.target) in lit, faded=(item.link.source, item.link.target) not in lit)
        for key, item in self.boxes.items():
            item.set_lit(key in {k for pair in lit for k in pair})
        self.scene().setSceneRect(self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self.fit()

    def fit(self):
        """Everything in sight when it fits at a readable size: shrunk at most to MIN_SCALE (then
        it scrolls), never enlarged."""
        rect, room = self.sceneRect(), self.viewport().rect()
        if rect.isEmpty() or room.isEmpty():
            return
        scale = max(MIN_SCALE, min(1.0, room.width() / rect.width(), room.height() / rect.height()))
        self.setTransform(QTransform.fromScale(scale, scale))
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())   # the entry, on the left

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fit()

    def light(self, path):
        """Outline one path's boxes and links (None: none)."""
        for item in list(self.boxes.values()) + self.links:
            item.set_lit(path is not None and item.path == path)

    def item_at(self, event):
        for item in self.items(event.position().toPoint()):
            if isinstance(item, (BoxItem, LinkItem)):
                return item
        return None

    def mousePressEvent(self, event):
        item = self.item_at(event)
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, BoxItem) and item.entry:
            self.panel.controller.select_entry(item.entry)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        item = self.item_at(event)
        self.panel.hover_path(item.path if item is not None else None)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event):
        self.panel.hover_path(None)
        super().leaveEvent(event)


class PathsPanel(Listening, QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller, self.pic, self.played = controller, None, None
        self.heading, self.running = QLabel(HINT), QLabel()
        self.expand, self.whole = QCheckBox("Expand hidden entries"), QCheckBox("Whole program")
        self.play_button, self.matrix_button = QPushButton("Play terms"), QPushButton("Play matrix")
        self.matrix_playing = None   # (name, shape, k) while a gradient matrix is played
        self.view = PathsScene(self)
        self.timer = QTimer(self)
        self.timer.setInterval(DEFAULT_INTERVAL)
        self.timer.timeout.connect(self._on_tick)
        self.matrix_timer = QTimer(self)
        self.matrix_timer.setInterval(DEFAULT_INTERVAL)
        self.matrix_timer.timeout.connect(self._on_matrix_tick)
        self._build()
        self.listen()
        self.refresh()

    def subscriptions(self):
        c = self.controller
        # a new program or new numbers redraw too: the selection may be the same entry
        return tuple((signal, self._on_changed) for signal in (c.entry_selected, c.step_changed, c.pass_recomputed,
                                                                c.program_changed))

    def _build(self):
        # Two rows of controls that wrap, so that the dock never makes the middle column wider.
        layout, choices, playing = QVBoxLayout(self), FlowLayout(), FlowLayout()
        for label in (self.heading, self.running):
            label.setWordWrap(True)
        self.expand.setToolTip("Continue each path through the entries of hidden intermediates (t1's)")
        self.whole.setToolTip("Draw every entry of a small program (at most 64), the selection's paths lit")
        self.play_button.setToolTip("Light each path in turn while the sum grows (] and [ step one term)")
        for box in (self.expand, self.whole):
            box.toggled.connect(lambda _checked: self.refresh())
        self.play_button.clicked.connect(self.play)
        self.matrix_button.setToolTip("Fill the selected gradient matrix entry by entry, each its sum of paths")
        self.matrix_button.clicked.connect(self.play_matrix)
        for row, parts in ((choices, (self.expand, self.whole)),
                           (playing, (self.play_button, self.matrix_button, self.running))):
            for part in parts:
                row.addWidget(part)
        layout.addWidget(self.heading)
        layout.addLayout(choices)
        layout.addLayout(playing)
        layout.addWidget(self.view, 1)

    # -- slots ---------------------------------------------------------------------------------------------
    def _on_changed(self, *_args):
        self.refresh()

    def _on_tick(self):
        self.step_term(1)
        if self.played >= len(self.pic.steps):
            self.timer.stop()

    # -- drawing -------------------------------------------------------------------------------------------
    def refresh(self):
        self.timer.stop()
        self._keep_matrix_play()
        if self.played is not None:
            self.controller.play_terms(None)
        self.played = None
        self.running.setText("")
        session, selection = self.controller.session, self.controller.selection
        self.pic = picture(session, selection, self.expand.isChecked()) if session is not None else None
        self.play_button.setEnabled(self.pic is not None and bool(self.pic.steps) and not self.whole.isChecked())
        self.matrix_button.setEnabled(self.play_button.isEnabled() and selection.is_grad)
        if self.whole.isChecked() and session is not None:
            self.draw_whole(session, selection)
        elif self.pic is None:
            self.heading.setText(selection.error if selection is not None and selection.error else HINT)
            self.view.scene().clear()
        else:
            self.heading.setText(self.pic.title)
            self.view.draw(self.pic)

    def draw_whole(self, session, selection):
        try:
            whole, lit = scalar_picture(session, selection)
        except engine.EngineError as exc:
            self.heading.setText(str(exc))
            self.view.scene().clear()
            return
        self.heading.setText(whole.title)
        self.view.draw(whole, lit)

    def hover_path(self, path):
        """A path under the mouse: lit here, its cells outlined in the heatmaps (its term's)."""
        if self.played is not None or self.pic is None or self.whole.isChecked():
            return
        self.view.light(path)
        rank = next((s[1] for s in self.pic.steps if s[0] == path), None) if path is not None else None
        self.controller.hover_term(rank)

    # -- playing the terms ------------------------------------------------------------------------------
    def set_speed(self, steps_per_second):
        for timer in (self.timer, self.matrix_timer):
            timer.setInterval(int(1000 / steps_per_second))

    def play(self):
        """From no term lit, one more each tick, to the whole sum."""
        if not self.play_button.isEnabled():
            return
        self.played = 0
        self.running.setText("running sum 0")
        self.timer.start()

    def step_term(self, delta):
        """Light the next (or previous) term: its path, its cells, the running sum so far."""
        if not self.play_button.isEnabled():
            return
        self.played = max(0, min(len(self.pic.steps), (self.played or 0) + delta))
        path, rank, _ = self.pic.steps[self.played - 1] if self.played else (None, None, 0)
        self.view.light(path)
        self.controller.hover_term(rank)
        self.controller.play_terms((self.played, len(self.pic.steps), self.pic.running(self.played)))
        done = self.played == len(self.pic.steps)
        self.running.setText(f"running sum {engine.number(self.pic.running(self.played))}"
                             + (f" = {self.pic.title}" if done else f"  ({self.played} of {len(self.pic.steps)})"))

    # -- playing a whole gradient matrix ----------------------------------------------------------------
    def play_matrix(self):
        """Entry by entry (row-major) from the first, each selected with its sum of paths, the
        heatmap covering the entries not reached yet."""
        selection = self.controller.selection
        if not self.matrix_button.isEnabled():
            return
        shape = self.controller.session.records.values[selection.name].shape
        self.matrix_playing = (selection.name, shape, 0)
        self.controller.play_matrix((selection.name, 0))
        self.matrix_timer.start()

    def _on_matrix_tick(self):
        name, shape, k = self.matrix_playing
        self.matrix_playing = (name, shape, k + 1)
        self.controller.select_entry((name, tuple(int(i) for i in np.unravel_index(k, shape)), True))
        self.step_term(len(self.pic.steps) if self.pic is not None else 0)
        self.controller.play_matrix((name, k + 1))
        if k + 1 >= int(np.prod(shape)):
            self.matrix_timer.stop()
            self.matrix_playing = None

    def _keep_matrix_play(self):
        """A selection the matrix play did not make (another node, none) stops it."""
        selection = self.controller.selection
        if self.matrix_playing is None:
            return
        name, shape, k = self.matrix_playing
        if selection is None or selection.name != name or not selection.is_grad or selection.index != \
                (tuple(int(i) for i in np.unravel_index(k - 1, shape)) if k else None):
            self.matrix_timer.stop()
            self.matrix_playing = None
            self.controller.play_matrix(None)
