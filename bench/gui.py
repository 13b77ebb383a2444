"""GUI benchmark: startup to the first painted window against an empty PySide6 + pyqtgraph
window, both launched as processes and interleaved (≥10 launches each; the median of the
pairs' ratios, bar ≤1.3×). Both render offscreen and save the same size of PNG, so the ratio
measures what the app adds: its imports, the seed's pass, the graph and the heatmaps. Both start
from compiled byte code, as an installed app and PySide6 and pyqtgraph do: the app's own modules
are compiled first, since with PYTHONDONTWRITEBYTECODE set every launch would compile them again.
Then it runs the canvas and heatmap benchmarks when they exist. Prints markdown tables."""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHES = int(os.environ.get("BENCH_LAUNCHES", "12"))
BAR = 1.3
SIZE = (1600, 1000)
EMPTY_WINDOW = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(pg.PlotWidget())
window.resize({w}, {h})
window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)   # painted once, by grab, as the app's
window.show()
app.processEvents()
window.grab().toImage().save(sys.argv[1], "PNG")
"""
OTHER_BENCHES = ("canvas.py", "heatmaps.py", "app_chain.py")
# What the first paint must not wait for: each is loaded on first use (tests/gui/test_first_paint.py).
LAZY = ("networkx", "engine.attribution", "engine.forward", "gui.panels.palette", "gui.panels.paths",
        "engine.export", "gui.app.dialogs", "engine.gradcheck", "engine.crosscheck", "engine.sketch",
        "engine.predict", "engine.chaintext", "gui.model.selection", "gui.model.safe_write")
MODULES_AT_FIRST_PAINT = ("import json, sys, main; main.main(['--screenshot', sys.argv[1], '--size', '{w}x{h}']); "
                          "print(json.dumps(sorted(sys.modules)))")


def launch(command, out):
    """Seconds from process start to its exit, after it painted and saved its window."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.perf_counter()
    subprocess.run(command + [out], check=True, env=env, cwd=ROOT, capture_output=True)
    return time.perf_counter() - t0


def startup_row():
    with tempfile.TemporaryDirectory(prefix="bench-gui-") as folder:   # the launches' pictures
        return startup_ratio(folder)


def startup_ratio(folder):
    """(app median s, empty window median s, median of the pairs' ratios), pictures saved in `folder`."""
    app = [sys.executable, "main.py", "--size", f"{SIZE[0]}x{SIZE[1]}", "--screenshot"]
    empty = [sys.executable, "-c", EMPTY_WINDOW.format(w=SIZE[0], h=SIZE[1])]
    subprocess.run([sys.executable, "-m", "compileall", "-q", "engine", "gui", "main.py"], cwd=ROOT, check=True)
    for command in (app, empty):          # warm the file cache once each
        launch(command, os.path.join(folder, "warm.png"))
    apps, empties = [], []
    for i in range(LAUNCHES):
        pair = (app, apps), (empty, empties)
        for command, times in (pair if i % 2 == 0 else pair[::-1]):   # alternate who goes first
            times.append(launch(command, os.path.join(folder, f"{i}.png")))
    ratio = statistics.median(a / e for a, e in zip(apps, empties))
    return statistics.median(apps), statistics.median(empties), ratio


def modules_row():
    """The modules imported by the time the first window is painted: how many, how many are the
    app's own, and which of those meant to load on first use came early (the culprit of a
    slower start)."""
    probe = MODULES_AT_FIRST_PAINT.format(w=SIZE[0], h=SIZE[1])
    with tempfile.TemporaryDirectory(prefix="bench-gui-") as folder:
        run = subprocess.run([sys.executable, "-c", probe, os.path.join(folder, "first.png")],
                             check=True, cwd=ROOT, capture_output=True, text=True,
                             env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    modules = json.loads(run.stdout.splitlines()[-1])
    own = [m for m in modules if m.split(".")[0] in ("engine", "gui", "main")]
    early = [m for m in LAZY if m in modules]
    return len(modules), own, early


def main():
    count, own, early = modules_row()
    print("| modules imported before the first paint | all | the app's own | loaded early of " + ", ".join(LAZY)
          + " | ok |")
    print("|---|---:|---:|---|---|")
    print(f"| seed example | {count} | {len(own)} | {', '.join(early) or 'none'} | {'NO' if early else 'yes'} |")
    print("\nThe app's own: " + " ".join(m for m in own if not m.startswith("engine.ops.")) + " (and engine.ops.*)\n")
    app_s, empty_s, ratio = startup_row()
    print("| startup to first painted window | app median s | empty window median s | median ratio | bar "
          "| ok |")
    print("|---|---:|---:|---:|---:|---|")
    print(f"| seed example, {SIZE[0]}×{SIZE[1]}, {LAUNCHES} interleaved launches each | {app_s:.3f} | "
          f"{empty_s:.3f} | {ratio:.2f}× | ≤{BAR}× | {'yes' if ratio <= BAR else 'NO'} |")
    for name in OTHER_BENCHES:
        path = os.path.join(ROOT, "bench", name)
        if os.path.exists(path):
            print()
            sys.stdout.flush()
            subprocess.run([sys.executable, path], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
