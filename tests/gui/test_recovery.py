"""Autosave and recovery: a window killed with SIGKILL leaves its recovery file, and the next
window offers it and restores text, inputs, G, positions, step and selection."""
import glob
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QMessageBox

from gui.app import recovery
from gui.model.model import StudioModel
from gui.model.session_file import load_session
from tests.gui.dialogs_helpers import answer_next_question
from tests.test_main_cli import ROOT

TEXT = "a = randn(2, 3)\nb = randn(3, 2)\nd = a @ b"
CHILD = ("import sys; from PySide6.QtCore import QStandardPaths; QStandardPaths.setTestModeEnabled(True); "
         "import main; sys.exit(main.main(sys.argv[1:]))")


@pytest.fixture
def app_data(qapp, tmp_path, monkeypatch):
    """The app-data folder of test mode, under a throwaway home, with the app's names."""
    monkeypatch.setenv("HOME", str(tmp_path))   # test mode itself is on for the whole suite (conftest)
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    QCoreApplication.setOrganizationName("Backprop Studio")
    QCoreApplication.setApplicationName("Backprop Studio")
    yield recovery.folder()
    QCoreApplication.setOrganizationName(names[0])
    QCoreApplication.setApplicationName(names[1])


def killed_child(tmp_path):
    """A child window on TEXT, killed with SIGKILL once its recovery file is written; its path."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    child = subprocess.Popen([sys.executable, "-c", CHILD, "--expr", TEXT, "--steps", "3", "--select",
                              "grad a[0,1]", "--rng-seed", "7"], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pattern = os.path.join(recovery.folder(), f"recovery-{child.pid}.json")
    try:
        for _ in range(600):   # waiting, not timing: the child may start slowly on a busy machine
            if glob.glob(pattern):
                break
            time.sleep(0.1)
        else:
            pytest.fail("the child wrote no recovery file")
        time.sleep(0.5)   # the file is written by rename: once there, it is whole
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    return pattern


def test_a_killed_window_is_offered_and_restored(app_data, tmp_path, window, qtbot):
    path = killed_child(tmp_path)
    saved = load_session(path)
    seen = []
    answer_next_question(qtbot, QMessageBox.StandardButton.Yes, seen)
    recovery.offer(window)
    c = window.controller
    assert seen and "Restore" in seen[0]
    assert c.text == TEXT and c.view.cursor == 3 and c.selected_entry == ("a", (0, 1), True)
    drawn = StudioModel(TEXT, rng_seed=7).shown.input_values()
    for name in ("a", "b"):
        np.testing.assert_array_equal(c.shown.document.inputs[name], drawn[name])
    assert c.shown.document.upstream is None and c.positions == {n: tuple(p) for n, p in saved["positions"].items()}
    assert "*" in window.windowTitle()
    assert not os.path.exists(path)   # offered once


def test_a_live_window_is_never_offered_and_a_clean_exit_removes_its_file(app_data, window, qtbot):
    own = recovery.Recovery(window)
    window.controller.set_input("a", np.ones((2, 2)))
    qtbot.waitUntil(lambda: os.path.exists(own.path), timeout=20000)
    assert recovery.orphans() == []   # its lock is held
    own.finish()
    assert not os.path.exists(own.path)


def test_saving_removes_the_recovery_file(app_data, window, qtbot, tmp_path):
    own = recovery.Recovery(window)
    window.controller.set_input("a", np.ones((2, 2)))
    qtbot.waitUntil(lambda: os.path.exists(own.path), timeout=20000)
    window.files.save_to(str(tmp_path / "saved.json"))
    qtbot.waitUntil(lambda: not os.path.exists(own.path), timeout=20000)
    own.finish()
