"""Equation inspector: one step (cursor move + every visible heatmap redrawn and painted + events
processed), offscreen, the panel at 800×600, on `relu(a @ b + c)` at 64×64 and 1024×1024.
Prints a markdown table against the spec's bars: ≤16 ms at 64×64, ≤50 ms at 1024×1024."""
import gc
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import common  # noqa: E402  (pins BLAS threads and puts the project on sys.path)

RUNS = 21
PANEL_SIZE = (800, 600)
BARS = {64: 16.0, 1024: 50.0}


def program(n):
    return f"a = randn({n}, {n})\nb = randn({n}, {n})\nc = randn({n})\nd = relu(a @ b + c)"


def step_times(controller, panel, app, k, runs, cold=False):
    """Seconds of `runs` steps from k-1 to k, each ending with the panel painted. `cold`: as on a
    first visit after a recompute, with no summary or term array remembered."""
    from gui.heatmap.data import forget_summaries

    times = []
    for _ in range(runs):
        controller.seek(k - 1)
        panel.repaint()
        app.processEvents()
        if cold:
            forget_summaries()
            panel.arrays.clear()
        t0 = time.perf_counter()
        controller.seek(k)
        panel.repaint()   # paints every visible heatmap now, so lazy image rendering is timed
        app.processEvents()
        times.append(time.perf_counter() - t0)
    return times


def measure(n, app, cold):
    """(median ms over all steps, worst step's median ms, its step text)."""
    from gui.app.controller import StudioController
    from gui.panels.inspector import InspectorPanel

    controller = StudioController(program(n))
    panel = InspectorPanel(controller)
    panel.resize(*PANEL_SIZE)
    panel.show()
    steps = range(1, controller.session.total + 1)
    for k in steps:  # warm-up: every step once, so caches and item pools are built
        step_times(controller, panel, app, k, 1)
    gc.collect()
    gc.freeze()
    per_step = {k: step_times(controller, panel, app, k, RUNS, cold) for k in steps}
    gc.unfreeze()
    medians = {k: statistics.median(t) for k, t in per_step.items()}
    worst = max(medians, key=medians.get)
    text = controller.session.steps[worst - 1].equation_text()
    panel.close()
    return 1e3 * statistics.median(sum(per_step.values(), [])), 1e3 * medians[worst], text


def main():
    from PySide6.QtWidgets import QApplication

    common.pin_threads()
    common.quiet_offscreen()
    app = QApplication.instance() or QApplication([])
    print("| inspector step | median ms | slowest step (median ms) | bar ms | ok |")
    print("|---|---:|---|---:|---|")
    for n, bar in BARS.items():
        for cold in (False, True):
            median, worst, text = measure(n, app, cold)
            ok = "yes" if worst <= bar else "NO"
            label = f"{n}×{n}" + (", first visit" if cold else "")
            print(f"| {label} | {median:.1f} | {text} ({worst:.1f}) | {bar:g} | {ok} |")


if __name__ == "__main__":
    main()
