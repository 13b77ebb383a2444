"""The app model never imports Qt: its rules are tested, and usable, without a display."""
import subprocess
import sys


def test_import_gui_model_loads_no_qt():
    probe = ("import sys, pkgutil, importlib, gui.model as m; "
             "[importlib.import_module(f'gui.model.{i.name}') for i in pkgutil.iter_modules(m.__path__)]; "
             "bad = [q for q in ('PySide6', 'shiboken6', 'pyqtgraph') if q in sys.modules]; "
             "print(bad); sys.exit(1 if bad else 0)")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_probe_sees_qt_when_it_is_imported():
    """The same probe fails on a module that does import Qt, so a pass above means something."""
    probe = ("import sys, gui.app.playback; "
             "sys.exit(1 if 'PySide6' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", probe]).returncode == 1
