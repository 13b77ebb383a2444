"""The window opens within the screen: the asked size wins, a kept arrangement is kept when it
fits, the default is centred, and a screen smaller than the default gets a maximised window.
Headless runs keep no settings; the suite's own settings live in a home of its own."""
import argparse
import os

import pytest
from PySide6.QtCore import QRect, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QToolButton, QWidget

import main
from gui.app.window_size import DEFAULT_SIZE, open_window, start_rect

PROJECTOR, DESKTOP = QRect(0, 0, 1280, 800), QRect(0, 0, 1920, 1080)


def test_a_screen_smaller_than_the_default_gets_the_whole_of_it():
    assert start_rect(PROJECTOR) == (PROJECTOR, True)


def test_a_larger_screen_gets_the_default_size_centred():
    rect, maximised = start_rect(DESKTOP)
    assert not maximised and rect.size().toTuple() == DEFAULT_SIZE and rect.center() == DESKTOP.center()


def test_the_asked_size_always_wins():
    assert start_rect(PROJECTOR, asked=(1600, 1000), kept=QRect(0, 0, 900, 700))[0].size().toTuple() == (1600, 1000)


def test_a_kept_geometry_is_kept_only_when_it_fits_the_screen():
    kept = QRect(100, 50, 1000, 700)
    assert start_rect(PROJECTOR, kept=kept) == (kept, False)
    assert start_rect(PROJECTOR, kept=QRect(0, 0, 1600, 1000)) == (PROJECTOR, True)


def test_an_interactive_start_on_a_small_screen_opens_maximised(qtbot, controller):
    from gui.app.main_window import MainWindow
    window = MainWindow(controller, None)
    qtbot.addWidget(window)
    open_window(window, available=PROJECTOR)
    assert window.windowState() & Qt.WindowState.WindowMaximized


def test_a_screenshot_neither_reads_nor_writes_settings():
    args = argparse.Namespace(screenshot="x.png")
    assert main.settings_for(args) is None


def test_the_suite_keeps_its_settings_and_folders_apart(isolated_paths, qapp):
    scope = QSettings(main.ORGANISATION, main.APPLICATION).fileName()
    assert scope.startswith(isolated_paths)
    assert QStandardPaths.isTestModeEnabled()
    home = os.path.expanduser("~")
    assert home == isolated_paths


@pytest.mark.parametrize("size", [(1280, 800)])
def test_the_window_is_no_larger_than_it_was_asked(qtbot, controller, size):
    from gui.app.main_window import MainWindow
    window = MainWindow(controller, None)
    qtbot.addWidget(window)
    open_window(window, asked=size)
    qtbot.waitExposed(window)
    assert window.size().toTuple() == size


@pytest.fixture
def projector(qapp):
    """Presentation scale 1.5 while the test builds its window."""
    from gui import theme
    theme.apply(1.5, "light", qapp)
    yield
    theme.apply(1.0, "light", qapp)


@pytest.mark.parametrize("example", ["seed.txt", "softmax.txt", "mlp5.txt"])
def test_at_scale_one_and_a_half_the_inputs_stay_in_sight(qtbot, shown, projector, example):
    """A 1280×800 window at scale 1.5: Load…, Paste, G's choice and every note of the inputs panel
    end within its view (they wrap under their heading), and the window is no wider than asked."""
    from gui.app.controller import StudioController
    from gui.app.main_window import MainWindow
    from gui.model.session_file import load_session
    from tests.golden.pictures import EXAMPLES, ROOT
    controller = StudioController("")
    controller.open_document(load_session(os.path.join(ROOT, EXAMPLES, example)))
    window = shown(MainWindow(controller, None), (1280, 800))
    viewport = window.inputs_panel.scroll.viewport()
    for widget in window.inputs_panel.scroll.widget().findChildren(QWidget):
        if isinstance(widget, (QLabel, QToolButton, QComboBox)) and widget.isVisible():
            right = widget.mapTo(viewport, widget.rect().topRight()).x()
            assert right < viewport.width(), (widget.objectName() or widget.text(), right, viewport.width())
    assert window.size().toTuple() == (1280, 800)
