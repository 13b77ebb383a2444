"""The whole app at a thousand nodes: the 500-statement chain h0 = randn(8, 8), w = randn(8, 8),
h1 = tanh(h0 @ w) … h500 = tanh(h499 @ w) (1,000 canvas nodes, about 2,500 steps) typed into the
main window. Rows: apply → parse → pass → layout → painted (bar ≤300 ms); one step with every
panel updating (bar ≤16 ms); a timeline seek across half the pass. Prints a markdown table of
medians: wall time (the bar's measure) and the process's CPU time beside it, which other
processes on a shared machine disturb far less."""
import gc
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


STATEMENTS = 500
WINDOW = (1600, 1000)


def chain_text(statements=STATEMENTS):
    lines = ["h0 = randn(8, 8)", "w = randn(8, 8)"]
    lines += [f"h{i} = tanh(h{i - 1} @ w)" for i in range(1, statements + 1)]
    return "\n".join(lines)


def main():
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    import common
    from gui.app.controller import StudioController
    from gui.app.main_window import MainWindow
    common.quiet_offscreen()
    app = QApplication.instance() or QApplication([])
    controller = StudioController("d = a @ b + c")
    window = MainWindow(controller)
    window.resize(*WINDOW)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.show()
    app.processEvents()
    rows = measure(app, window, controller)
    controller.undo_stack.setClean()   # nothing to save: closing asks nothing
    window.close()
    print("| whole app, 500-statement chain | median ms | CPU ms | bar ms | ok |\n|---|---:|---:|---:|---|")
    for name, (ms, cpu), bar in rows:
        print(f"| {name} | {ms:.1f} | {cpu:.1f} | {bar or '–'} | {'yes' if bar is None or ms <= bar else 'NO'} |")


def measure(app, window, controller):
    chain, seed, flip = chain_text(), controller.text, [False]
    applied = apply_ms(app, window, controller, chain, seed)
    middle = controller.session.total // 2

    def one_step():   # forward and back across the middle: one step each time
        flip[0] = not flip[0]
        controller.seek(middle + flip[0])
        app.processEvents()

    def seek():   # across half the pass, as a click on the timeline does
        flip[0] = not flip[0]
        controller.seek(middle // 2 if flip[0] else middle + middle // 2)
        app.processEvents()

    steps = controller.session.total
    return [(f"apply → painted ({steps} steps)", applied, 300.0),
            ("one step, every panel updating", medians(one_step, runs=11), 16.0),
            ("timeline seek across half the pass", medians(seek, runs=11), None)]


def medians(fn, runs, warmup=3, before=None):
    """(wall, CPU) median ms of `fn` after warm-up, with the collector frozen (`before` runs
    untimed ahead of each call)."""
    for _ in range(warmup):
        (before or (lambda: None))()
        fn()
    gc.collect()
    gc.freeze()
    walls, cpus = [], []
    for _ in range(runs):
        (before or (lambda: None))()
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(1e3 * (time.perf_counter() - t0))
        cpus.append(1e3 * (time.process_time() - c0))
    gc.unfreeze()
    return statistics.median(walls), statistics.median(cpus)


def apply_ms(app, window, controller, chain, seed, runs=5):
    """(wall, CPU) median ms of applying the chain over the seed and painting the window with the
    chain on its canvas (the seed is put back before each run, untimed). The chain's layout is
    made off the UI thread: the time includes waiting for it and building the canvas from it."""
    def put_seed():
        controller.apply_text(seed)
        app.processEvents()

    def apply():
        controller.apply_text(chain)
        app.processEvents()
        controller.layouts.wait()
        app.processEvents()   # the layout's queued signal: the canvas is built
        window.grab()
    return medians(apply, runs, warmup=1, before=put_seed)


if __name__ == "__main__":
    main()
