"""Her own arrays in the window's menus: File ▸ Export arrays… and Export as Python…, Run ▸ Compare
with mine… and Cross-check with PyTorch, and the gradient check's dock. The docks are built on
first use, tabbed with the Equation so they sit beside the gradients, never modal."""
import importlib.util

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFileDialog

import engine
from gui.model import her_arrays

NUMPY_FILTER, TORCH_FILTER = "numpy module (*.py)", "PyTorch module (*.py)"
DOCKS = {"compare": ("Compare with mine", "CompareDock"), "check": ("Gradient check", "CheckDock"),
         "crosscheck": ("PyTorch cross-check", "CrossCheckDock")}


def torch_installed():
    """Whether torch would import, found without importing it (that takes seconds)."""
    return importlib.util.find_spec("torch") is not None


class ArraysMenu(QObject):
    """The actions (in `actions`) and their docks (in `docks`, once built) of one window."""

    def __init__(self, window):
        super().__init__(window)
        self.window, self.controller, self.docks, self.panels = window, window.controller, {}, {}
        self.actions = {
            "export_arrays": self.action("File", "Export &arrays…", "Write every value and gradient to one .npz",
                                         self.on_export_arrays),
            "export_python": self.action("File", "Export as &Python…", "Write the program as a numpy or PyTorch "
                                         "module with its backward pass", self.on_export_python),
            "compare": self.action("Run", "Compare with &mine…", "Compare your hand-computed gradient with the "
                                   "engine's, entry by entry", lambda: self.dock("compare")),
            "crosscheck": self.action("Run", "Cross-check with PyTorch", "Run the same program "
                                      "through torch.autograd and show the differences", self.on_crosscheck),
        }
        self.menu("Run").aboutToShow.connect(self.note_torch)

    def note_torch(self):
        """Say in the action whether PyTorch is missing: looked up when the Run menu first opens,
        since the cross-check's module (and the search for torch) need not load before then."""
        self.menu("Run").aboutToShow.disconnect(self.note_torch)
        if not torch_installed():
            action = self.actions["crosscheck"]
            action.setText(f"{action.text()} (needs PyTorch: {engine.TORCH_INSTALL})")

    def action(self, menu_title, text, tip, slot):
        action = QAction(text, self.window)
        action.setToolTip(f"{text.replace('&', '').replace('…', '')}: {tip}")
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu = self.menu(menu_title)
        menu.insertAction(menu.actions()[-1] if menu_title == "File" else None, action)   # File: above Quit
        return action

    def menu(self, title):
        """The window's menu titled `title` (File, Run)."""
        return next(a.menu() for a in self.window.menuBar().actions() if a.text().replace("&", "") == title)

    def say(self, text):
        self.window.statusBar().showMessage(text, 10000)

    def dock(self, key):
        """The dock `key` of DOCKS, built on first use beside the Equation, shown and raised."""
        if key not in self.docks:
            from gui.panels.check_view import CheckView
            from gui.panels.compare import ComparePanel
            from gui.panels.crosscheck import CrossCheckPanel
            make = {"compare": lambda: ComparePanel(self.controller), "check": lambda: CheckView(self.controller),
                    "crosscheck": CrossCheckPanel}[key]
            self.panels[key] = make()
            title, name = DOCKS[key]
            dock = QDockWidget(title, self.window)
            dock.setObjectName(name)
            dock.setWidget(self.panels[key])
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.window.tabifyDockWidget(self.window.docks["inspector"], dock)
            self.docks[key] = dock
        self.docks[key].show()
        self.docks[key].raise_()
        return self.panels[key]

    # -- the actions ------------------------------------------------------------------------------------
    def on_export_arrays(self):
        path, _ = QFileDialog.getSaveFileName(self.window, "Export arrays", "arrays.npz", "numpy arrays (*.npz)")
        if path:
            self.attempt(lambda: her_arrays.write_arrays(self.controller.shown, path), f"Wrote {path}")

    def on_export_python(self):
        path, chosen = QFileDialog.getSaveFileName(self.window, "Export as Python", "backward.py",
                                                   f"{NUMPY_FILTER};;{TORCH_FILTER}")
        if path:
            self.attempt(lambda: write_text(path, her_arrays.python_source(
                self.controller.shown, "torch" if chosen == TORCH_FILTER else "numpy")), f"Wrote {path}")

    def on_crosscheck(self):
        panel = self.dock("crosscheck")
        try:
            panel.show_rows(her_arrays.torch_rows(self.controller.shown))
        except engine.EngineError as exc:   # PyTorch missing, or a program it cannot run
            panel.show_problem(str(exc))

    def show_check(self):
        self.dock("check").start()

    def attempt(self, write, done):
        """Run a write; its refusal (no pass, an ambiguous name, a disk error) is said, not raised."""
        if self.controller.session is None:
            self.say(f"Nothing to export: {self.controller.shown.reason}")
            return
        try:
            write()
        except (engine.EngineError, OSError) as exc:
            self.say(str(exc))
            return
        self.say(done)


def write_text(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
