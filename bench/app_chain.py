"""The whole app at a thousand nodes: the 500-statement chain h0 = randn(8, 8), w = randn(8, 8),
h1 = tanh(h0 @ w) … h500 = tanh(h499 @ w) (1,000 canvas nodes, about 2,500 steps) typed into the
main window. Rows: apply → parse → pass → layout → painted (bar ≤300 ms); one step with every
panel updating (bar ≤16 ms); a timeline seek across half the pass. Prints a markdown table."""
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from canvas import median_ms   # noqa: E402  (the same discipline: warm-up, frozen collector, median)

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
    window.close()
    print("| whole app, 500-statement chain | median ms | bar ms | ok |\n|---|---:|---:|---|")
    for name, ms, bar in rows:
        print(f"| {name} | {ms:.1f} | {bar or '–'} | {'yes' if bar is None or ms <= bar else 'NO'} |")


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
            ("one step, every panel updating", median_ms(one_step, runs=11), 16.0),
            ("timeline seek across half the pass", median_ms(seek, runs=11), None)]


def apply_ms(app, window, controller, chain, seed, runs=5):
    """Median ms of applying the chain over the seed and painting the window with the chain on
    its canvas (the seed is put back between runs, untimed). The chain's layout is made off the
    UI thread: the time includes waiting for it and building the canvas from it."""
    times = []
    for _ in range(runs):
        controller.apply_text(seed)
        app.processEvents()
        t0 = time.perf_counter()
        controller.apply_text(chain)
        app.processEvents()
        controller.layouts.wait()
        app.processEvents()   # the layout's queued signal: the canvas is built
        window.grab()
        times.append(1e3 * (time.perf_counter() - t0))
    return statistics.median(times)


if __name__ == "__main__":
    main()
