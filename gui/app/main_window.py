"""The main window: docks around the graph canvas, the toolbar, menus and the status bar.

It wires widgets to the one controller and holds no maths. Its arrangement (which the user
may change by moving docks) is kept in the QSettings it is given; None keeps nothing."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QComboBox, QDockWidget, QLabel, QMainWindow, QMessageBox,
                               QSizePolicy, QUndoView)

from gui.app import actions as act
from gui.app.arrays_menu import ArraysMenu
from gui.app.examples_menu import ExamplesMenu
from gui.app.files import SessionFiles
from gui.app.lazy_dock import LazyDock
from gui.app.paths_dock import PathsDock
from gui.app.playback import DEFAULT_SPEED, SPEEDS, Playback
from gui.app.view_menu import ViewMenu
from gui.canvas.view import GraphView
from gui.listening import Listening
from gui.panels.editor import ExpressionEditor
from gui.panels.explanation import ExplanationPanel
from gui.panels.inputs import InputsPanel
from gui.panels.inspector import InspectorPanel
from gui.panels.timeline import Timeline

TITLE = "Backprop Studio"
LEFT_SHARE, RIGHT_SHARE, EDITOR_HEIGHT = 0.22, 0.40, 250   # of the window's width; pixels
INSPECTOR_SHARE = 0.64   # of the window's height, above the explanation
# A height that follows a width (a wrapped message, rows of matrices) is known only after one layout
# pass, and the docks make room for it in the next: a headless picture waits for a few passes.
SETTLING_ROUNDS = 3


class MainWindow(Listening, QMainWindow):
    def __init__(self, controller, settings=None, parent=None):
        super().__init__(parent)
        self.controller, self.settings = controller, settings
        self.setObjectName("MainWindow")
        self.graph_view = GraphView(controller)
        self.setCentralWidget(self.graph_view)
        self.editor = ExpressionEditor(controller)
        self.inputs_panel = InputsPanel(controller)
        self.inspector = InspectorPanel(controller)
        self.explanation = ExplanationPanel(controller)
        self.docks = self.build_docks()
        self.playback = Playback(controller, self)
        self.files = SessionFiles(self, controller, settings)
        self.examples = ExamplesMenu(self, self.files)
        self.update_title()
        self.actions = act.make_actions(self) | act.undo_actions(self, controller.undo_stack)
        self.build_menus()
        self.arrays = ArraysMenu(self)
        self.build_toolbar()
        self.build_status_bar()
        self.docks["paths"] = self.paths_dock = PathsDock(self, controller)
        self.key_guard = act.TextKeyGuard(self)
        self.playback.playing_changed.connect(self.actions["play"].setChecked)
        self.listen()
        self.connect_builder()
        self.arranged = self.restore_arrangement()

    def subscriptions(self):
        c = self.controller
        return ((c.step_changed, self._on_step_changed), (c.program_changed, self._on_program_changed),
                (c.refused, self._on_refused), (c.undo_stack.cleanChanged, self.update_title))

    # -- building -------------------------------------------------------------------------------------
    def dock(self, title, name, widget, area):
        dock = QDockWidget(title, self)
        dock.setObjectName(name)   # saveState needs a name per dock
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def build_docks(self):
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        docks = {"editor": self.dock("Expression", "EditorDock", self.editor, left),
                 "inputs": self.dock("Inputs and G", "InputsDock", self.inputs_panel, left),
                 "inspector": self.dock("Equation", "InspectorDock", self.inspector, right),
                 "explanation": self.dock("Explanation", "ExplanationDock", self.explanation, right)}
        self.splitDockWidget(docks["editor"], docks["inputs"], Qt.Orientation.Vertical)
        self.splitDockWidget(docks["inspector"], docks["explanation"], Qt.Orientation.Vertical)
        docks |= self.build_builder_docks()
        return docks

    def arrange(self):
        """The starting arrangement, in proportion to the window: the canvas keeps the middle."""
        width = self.width()
        self.resizeDocks([self.docks["editor"], self.docks["inspector"]],
                         [int(width * LEFT_SHARE), int(width * RIGHT_SHARE)], Qt.Orientation.Horizontal)
        # resizeDocks shares the space in proportion to the sizes given: give both parts
        height = self.height()
        self.resizeDocks([self.docks["editor"], self.docks["inputs"]], [EDITOR_HEIGHT, height - EDITOR_HEIGHT],
                         Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["inspector"], self.docks["explanation"]],
                         [int(height * INSPECTOR_SHARE), int(height * (1 - INSPECTOR_SHARE))], Qt.Orientation.Vertical)

    def build_menus(self):
        menus = {name: self.menuBar().addMenu(f"&{name}") for name in ("File", "Edit", "Run", "View", "Help")}
        for spec in act.SPECS:
            menus[spec.menu].addAction(self.actions[spec.name])
            if spec.name == "open":
                menus["File"].addMenu(self.examples.menu)
            if spec.name == "save_as":
                menus["File"].addMenu(self.files.recent_menu)
                menus["File"].addSeparator()
        menus["Edit"].addActions([self.actions["undo"], self.actions["redo"]])
        for dock in self.docks.values():
            menus["View"].addAction(dock.toggleViewAction())
        self.view_menu = ViewMenu(self, menus["View"])

    def build_toolbar(self):
        bar = self.addToolBar("Controls")
        bar.setObjectName("ControlsToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name in act.TOOLBAR:
            if name is None:
                bar.addSeparator()
            elif name == "SPEED":
                bar.addWidget(self.speed_box())
            else:
                bar.addAction(self.actions[name])

    def speed_box(self):
        box = QComboBox()
        box.setObjectName("speed")
        for speed in SPEEDS:
            box.addItem(f"{speed:g} step{'' if speed == 1 else 's'}/s", speed)
        box.setCurrentIndex(SPEEDS.index(DEFAULT_SPEED))
        box.setToolTip("Play speed (F5 plays and pauses)")
        box.currentIndexChanged.connect(lambda i: self.playback.set_speed(box.itemData(i)))
        return box

    def build_status_bar(self):
        self.timeline = Timeline(self.controller)
        self.step_label = QLabel()
        self.step_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.step_label.setStyleSheet("font-weight: bold;")   # the line that says what just happened
        # a long line is cut at the window's edge (its tooltip has it whole) rather than widen the window
        self.step_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.timeline)
        self.statusBar().addWidget(self.step_label, 1)

    # -- the window's state -------------------------------------------------------------------------------
    def restore_arrangement(self):
        """The arrangement kept from the last run; False when there is none."""
        if self.settings is None:
            return False
        geometry, state = self.settings.value("window/geometry"), self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        return state is not None and self.restoreState(state)

    def showEvent(self, event):
        super().showEvent(event)
        if not self.arranged:   # first show: the window has its size now
            self.arranged = True
            self.arrange()

    def closeEvent(self, event):
        if not self.files.may_replace():   # Cancel keeps the window and everything in it
            event.ignore()
            return
        self.playback.stop()
        if self.settings is not None:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/state", self.saveState())
            self.settings.sync()
        self.key_guard.stop()
        # every panel stops listening to the controller, which may outlive this window
        for panel in (self.editor, self.inputs_panel, self.timeline, self.graph_view, self.inspector,
                      self.explanation, self.docks["palette"].widget(), self.paths_dock):
            if panel is not None:   # a dock never shown has no panel
                panel.close()
        super().closeEvent(event)

    def update_title(self):
        """`name.json * — Backprop Studio`: the file's name (Untitled without one), * when unsaved."""
        dirty = " *" if self.files.unsaved() else ""
        self.setWindowTitle(f"{self.files.display_name() or 'Untitled'}{dirty} — {TITLE}")

    # -- slots -------------------------------------------------------------------------------------------
    def _on_step_changed(self, _cursor):
        session = self.controller.session
        if session is None:
            return   # offer_steps says why there are no steps
        step = session.current_step()
        self.say(step.describe(session.total) if step else
                 f"step 0/{session.total}: inputs only (F10 steps forward)")

    def say(self, text):
        """The status line's text, whole in its tooltip too."""
        self.step_label.setText(text)
        self.step_label.setToolTip(text)

    def _on_program_changed(self):
        self.offer_steps()

    def _on_refused(self, message):
        self.statusBar().showMessage(message, 8000)

    def on_predict(self, checked):
        self.controller.update_prediction(on=checked)

    def on_new(self):
        self.files.new_document()

    def on_export(self):
        from gui.app.export import export_dialog   # only when asked
        export_dialog(self)

    def on_open(self):
        self.files.open_dialog()

    def on_save(self):
        self.files.save()

    def on_save_as(self):
        self.files.save_as()

    def on_quit(self):
        self.close()

    def on_step_forward(self):
        self.controller.step_forward()

    def on_step_back(self):
        self.controller.step_back()

    def on_to_start(self):
        self.controller.to_start()

    def on_to_end(self):
        self.controller.to_end()

    def on_play(self):
        self.playback.toggle()

    def on_check(self):
        selection = self.controller.selection
        if self.controller.prediction.hidden(selection):   # the table would give the answer away
            self.statusBar().showMessage(f"Predict first hides {selection.title()}: check the gradients once it is "
                                         "revealed (or turn Predict first off)", 8000)
            return
        self.arrays.show_check()   # a dock beside the gradients, checked on a worker thread

    def on_shortcuts(self):
        from gui.app.dialogs import shortcuts_dialog
        shortcuts_dialog(self, act.shortcut_rows()).exec()

    def on_about(self):
        QMessageBox.about(self, f"About {TITLE}",
                          f"<b>{TITLE}</b><p>See backpropagation through matrix expressions, one "
                          "equation and one entry at a time: type an expression, step the passes "
                          "(F10), click an entry to see which entries feed it.</p>")

    # -- headless -------------------------------------------------------------------------------------------
    def screenshot(self, path, size):
        """Render the window at `size` (w, h) to a PNG of exactly that size."""
        self.lay_out_offscreen(size)
        image = self.grab().toImage()
        if (image.width(), image.height()) != tuple(size):
            image = image.scaled(*size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        return image.save(path, "PNG")

    def lay_out_offscreen(self, size):
        """Laid out at `size` as if shown, but painted only when grabbed, never on a screen: while
        the layouts settle (each pass would paint the whole window for nobody) nothing paints."""
        self.resize(*size)
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.setUpdatesEnabled(False)
        self.show()
        self.controller.layouts.wait()            # a large program's places, made off this thread
        for _ in range(SETTLING_ROUNDS):          # layouts settle; queued fits run
            QApplication.instance().processEvents()
        self.setUpdatesEnabled(True)
        self.graph_view.fit()                     # for the canvas's final size

    # -- the visual builder ---------------------------------------------------------------------------------
    def build_builder_docks(self):
        """The palette beside the inputs (a tab), and the undo history, hidden until asked for:
        each built when first shown."""
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        docks = {"palette": LazyDock("Palette", "PaletteDock", self.make_palette, self),
                 "history": LazyDock("Undo history", "HistoryDock", self.make_history, self)}
        self.addDockWidget(left, docks["palette"])
        self.addDockWidget(right, docks["history"])
        docks["history"].hide()
        return docks

    def make_palette(self):
        from gui.panels.palette import Palette
        return Palette(self.controller)

    def make_history(self):
        history = QUndoView(self.controller.undo_stack)
        history.setEmptyLabel("(opened)")
        return history

    @property
    def palette_panel(self):
        return self.docks["palette"].content()

    @property
    def history(self):
        return self.docks["history"].content()

    def connect_builder(self):
        self.tabifyDockWidget(self.docks["inputs"], self.docks["palette"])
        self.docks["inputs"].raise_()
        self.offer_steps()

    def offer_steps(self):
        """Stepping is offered only when there is a pass; without one the status line says what it lacks."""
        reason = self.controller.shown.reason
        for name in ("step_forward", "step_back", "to_start", "to_end", "play", "check"):
            self.actions[name].setEnabled(reason is None)
        if reason is not None:
            self.playback.stop()
            self.say(f"No steps: {reason}")
        else:
            self._on_step_changed(self.controller.view.cursor)
