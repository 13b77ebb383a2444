"""Graph canvas: build + lay out + paint a generated program of 200 and 1000 nodes (the view
rendered into an image offscreen, events processed); one step (restyle and the repaint Qt
schedules for the items that changed); and a full repaint, the upper bound of any redraw.
The visual builder at 200 nodes: one mouse-move of a node drag (its wires following, the
scene repainted), and a text edit that rebuilds the canvas (parse, pass, rebuild, repaint).
The canvas's share of one step on `relu(a @ b + c)` at 64² and 1024² (bench/heatmaps.py times
the inspector's): its slowest step, on a first visit (every thumbnail coloured afresh).
Prints a markdown table against the bars: ≤60 ms at 200 nodes, ≤300 ms at 1000, ≤16 ms per
drag move, ≤60 ms per rebuild from a text edit; the step bars (≤16 ms at 64², ≤50 ms at
1024²) hold for the canvas and the inspector together."""
import gc
import os
import random
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

RUNS = 21
VIEW_SIZE = (700, 500)   # what the canvas gets in the default 1600×1000 window


def generated_program(nodes, seed=0):
    """About `nodes` graph nodes: a chain of `h_i = relu(h_{i-1} @ w_i + h_j)` with skip
    connections to a recent h_j, so layers hold several nodes and edges cross layers."""
    rng = random.Random(seed)
    lines = ["h0 = randn(2, 2)"]
    for i in range(1, max(2, nodes // 4)):
        lines.append(f"h{i} = relu(h{i - 1} @ w{i} + h{rng.randrange(max(0, i - 8), i)})")
    return "\n".join(lines)


def median_ms(fn, runs=RUNS, warmup=3):
    """Median wall time of `fn` in ms after warm-up, with the collector frozen."""
    for _ in range(warmup):
        fn()
    gc.collect()
    gc.freeze()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    gc.unfreeze()
    return 1e3 * statistics.median(times)


def main():
    from PySide6.QtWidgets import QApplication

    import common   # here, not at the top: the tests import generated_program from this module
    common.quiet_offscreen()
    app = QApplication.instance() or QApplication([])
    rows = measure(app, 200, 60.0) + measure(app, 1000, 300.0) + [measure_step(app, n) for n in (64, 1024)]
    rows += measure_builder(app, 200)   # last: collecting its view after the drag crashes PySide
    print("| canvas | median ms | bar ms | ok |\n|---|---:|---:|---|")
    for name, ms, bar in rows:
        print(f"| {name} | {ms:.1f} | {bar or '–'} | {'yes' if bar is None or ms <= bar else 'NO'} |")


def measure(app, nodes, bar):
    """Rows for one program size: a fresh build + layout + paint, and one step's restyle + repaint."""
    from PySide6.QtGui import QImage, QPainter

    from gui.app.controller import StudioController
    from gui.canvas.thumbnail import forget_images
    from gui.canvas.view import GraphView
    from gui.model.layout import layered_layout

    controller = StudioController(generated_program(nodes))
    view = GraphView(controller)
    view.resize(*VIEW_SIZE)
    view.show()
    controller.layouts.wait()   # a large program's first places are made off the UI thread
    app.processEvents()         # their queued arrival builds the canvas
    image = QImage(*VIEW_SIZE, QImage.Format_ARGB32_Premultiplied)

    def build_and_paint():   # what the app does when a program arrives: lay it out, then the view's slot
        forget_images()
        layered_layout(controller.shown.graph)
        controller.program_changed.emit()
        painter = QPainter(image)
        view.render(painter)
        painter.end()
        app.processEvents()

    middle, cursor = controller.session.total // 2, [0]

    def one_step():  # alternately forward and back across the middle of the pass: one step each
        cursor[0] = 1 - cursor[0]
        controller.seek(middle + cursor[0])
        app.processEvents()   # the repaint Qt schedules: only the items whose state changed

    def full_repaint():
        view.viewport().repaint()

    count = len(view.graph)
    rows = [(f"build + layout + paint, {count} nodes", median_ms(build_and_paint), bar),
            (f"one step: restyle + scheduled repaint, {count} nodes", median_ms(one_step), None),
            (f"full repaint of the fitted view, {count} nodes", median_ms(full_repaint), None)]
    view.close()
    return rows


def measure_builder(app, nodes):
    """Rows for the builder: a drag move per mouse event, and a text edit's rebuild."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    from gui.app.controller import StudioController
    from gui.canvas.view import GraphView

    text = generated_program(nodes)
    controller = StudioController(text)
    view = GraphView(controller)
    view.resize(*VIEW_SIZE)
    view.show()
    app.processEvents()
    busiest = max(view.scene().nodes, key=lambda n: len(view.scene().wires[n]))
    start = view.mapFromScene(view.scene().nodes[busiest].scenePos())
    send(view, QMouseEvent.MouseButtonPress, start, Qt.LeftButton)
    offset = [0]

    def drag_move():   # back and forth by a few pixels: every event moves the node
        offset[0] = 6 - offset[0]
        send(view, QMouseEvent.MouseMove, start + QPointF(offset[0], offset[0]).toPoint(), Qt.NoButton)
        app.processEvents()   # the scheduled repaint of the moved node and its wires

    edited, state = text + "\nextra = relu(h1)", [False]

    def text_edit():   # a statement added, then removed: each time a new program to lay out
        state[0] = not state[0]
        controller.apply_text(edited if state[0] else text)
        app.processEvents()

    count = len(view.graph)
    rows = [(f"builder: drag one node per mouse move, {count} nodes", median_ms(drag_move), 16.0)]
    send(view, QMouseEvent.MouseButtonRelease, start, Qt.LeftButton)
    rows.append((f"builder: rebuild from a text edit, {count} nodes", median_ms(text_edit), 60.0))
    view.close()
    return rows


def measure_step(app, n):
    """The canvas's slowest step on relu(a @ b + c) at n×n, each step's thumbnails coloured afresh."""
    from gui.app.controller import StudioController
    from gui.canvas.thumbnail import forget_images
    from gui.canvas.view import GraphView
    from heatmaps import program

    controller = StudioController(program(n))
    view = GraphView(controller)
    view.resize(*VIEW_SIZE)
    view.show()

    def step(k):
        controller.seek(k - 1)
        app.processEvents()
        forget_images()
        t0 = time.perf_counter()
        controller.seek(k)
        app.processEvents()   # the repaint Qt schedules for what changed, colouring its thumbnails
        return time.perf_counter() - t0

    steps = range(1, controller.session.total + 1)
    for k in steps:   # warm-up
        step(k)
    gc.collect()
    gc.freeze()
    slowest = max(statistics.median(step(k) for _ in range(RUNS)) for k in steps)
    gc.unfreeze()
    view.close()
    return f"one step, first visit: the canvas's slowest, relu(a @ b + c) at {n}×{n}", 1e3 * slowest, None


def send(view, kind, point, button):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication
    held = Qt.LeftButton if kind != QMouseEvent.MouseButtonRelease else Qt.NoButton
    event = QMouseEvent(kind, QPointF(point), view.viewport().mapToGlobal(QPointF(point)), button, held,
                        Qt.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


if __name__ == "__main__":
    main()
