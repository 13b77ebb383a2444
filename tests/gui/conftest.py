import pytest
from PySide6.QtCore import QSettings

from gui.app.controller import StudioController

SEED_TEXT = "a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c"


@pytest.fixture
def controller(qapp):
    return StudioController(SEED_TEXT)


@pytest.fixture
def settings(tmp_path):
    """A throwaway settings scope, so tests neither read nor change the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def shown(qtbot):
    """Show a widget as a user would see it: shown(widget[, (w, h)]) -> the widget, exposed."""
    def show(widget, size=None):
        qtbot.addWidget(widget)
        if size is not None:
            widget.resize(*size)
        widget.show()
        qtbot.waitExposed(widget)
        return widget
    return show


@pytest.fixture
def window(qtbot, controller, settings):
    """The main window on the seed example, shown and active (window keys need an active window)."""
    from gui.app.main_window import MainWindow
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: win.isActiveWindow())
    return win


def give_numbers(controller, inputs, upstream=None):
    """Type these inputs (and G) in, as the inputs panel does: one edit each."""
    for name, values in inputs.items():
        controller.set_input(name, values)
    if upstream is not None:
        controller.set_upstream(upstream)



@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """At a test's end its windows close as after "Discard" (tests of the question answer it
    themselves): an edit a test made must not leave a modal question waiting when qtbot closes
    the windows (which it does before any fixture is torn down)."""
    yield
    from PySide6.QtWidgets import QApplication
    from shiboken6 import isValid

    from gui.app.main_window import MainWindow
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and isValid(widget):
            widget.files.new = False
            widget.controller.undo_stack.setClean()
