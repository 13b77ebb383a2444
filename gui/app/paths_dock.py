"""The Paths dock and its keys, added to the main window in one call: the dock sits under the
canvas, shown while an entry is selected; ] and [ step the terms, "Play terms" plays
them at the toolbar's speed; ↓ and ↑ jump between the passes (outside text fields)."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox

from gui.app.lazy_dock import LazyDock
from gui.listening import Listening

HEIGHT = 300   # px
KEYS = (("term_forward", "Next term", "]", "Light the next path of the selected entry and add its product"),
        ("term_back", "Previous term", "[", "Take the last lit path's product off the running sum"),
        ("to_gradient", "To its gradient", "Down", "Jump to the step that completes the selected node's gradient "
                                                   "(the seed step when nothing is selected)"),
        ("to_value", "To its value", "Up", "Jump to the step that computes the selected node's value"))


class PathsDock(Listening, LazyDock):
    """Its panel is built when the dock is first shown (a selection): the first paint loads none
    of the paths modules."""

    def __init__(self, window, controller):
        super().__init__("Paths", "PathsDock", self.make_panel, window)
        self.controller, self.speed = controller, window.findChild(QComboBox, "speed")
        # under the canvas only: the docks on either side keep their full height
        window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        window.resizeDocks([self], [HEIGHT], Qt.Orientation.Vertical)
        self.setVisible(controller.selection is not None)
        self.actions = [self.action(window, *spec) for spec in KEYS]
        view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
        view_menu.addAction(self.toggleViewAction())
        if self.speed is not None:
            self.speed.currentIndexChanged.connect(self._on_speed_changed)
        self.listen()

    def make_panel(self):
        from gui.panels.paths import PathsPanel
        panel = PathsPanel(self.controller)
        if self.speed is not None:
            panel.set_speed(self.speed.currentData())
        return panel

    @property
    def panel(self):
        return self.content()

    def _on_speed_changed(self, _index):
        if self.widget() is not None:   # a panel not built yet takes the speed when it is
            self.widget().set_speed(self.speed.currentData())

    def subscriptions(self):
        return ((self.controller.entry_selected, self._on_entry_selected),)

    def action(self, window, name, text, key, tip):
        action = QAction(text, window)
        action.setShortcut(QKeySequence(key))
        action.setToolTip(f"{text}: {tip} ({key})")
        action.triggered.connect(getattr(self, f"on_{name}"))
        window.addAction(action)
        return action

    def _on_entry_selected(self, entry):
        self.setVisible(entry is not None)

    def on_term_forward(self):
        self.panel.step_term(1)

    def on_term_back(self):
        self.panel.step_term(-1)

    def on_to_gradient(self):
        """The step that completes ∂L/∂(selected node), or the seed step with nothing selected."""
        session, name = self.controller.session, self.selected_name()
        if session is None:
            return
        step = session.completing_step(name) if name else None
        if step is None:
            step = next((s for s in session.steps if s.kind == "seed"), None)
        if step is not None:
            self.controller.seek(step.index)

    def on_to_value(self):
        session, name = self.controller.session, self.selected_name()
        if session is not None and name:
            self.controller.seek(session.value_step.get(name, 0))

    def selected_name(self):
        selection = self.controller.selection
        return selection.name if selection is not None else self.controller.selected_node

    def close(self):
        if self.widget() is not None:
            self.widget().close()
        return super().close()
