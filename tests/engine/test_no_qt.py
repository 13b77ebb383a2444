"""The engine never imports Qt: scripts and notebooks use it without a display."""
import subprocess
import sys


def test_import_engine_loads_no_qt():
    probe = ("import sys, engine; "
             "bad = [m for m in ('PySide6', 'pyqtgraph', 'shiboken6', 'networkx') if m in sys.modules]; "
             "print(bad); sys.exit(1 if bad else 0)")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
