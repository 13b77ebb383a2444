"""Compare with mine and the gradient check as heatmaps, as a user meets them."""
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

import engine
from engine import REGISTRY
from gui.panels import compare as compare_module
from gui.panels.check_view import REASON, CheckView
from gui.panels.compare import ComparePanel


def engine_grad(controller, name):
    s = controller.session
    return np.array(s.records.grads[name])


def test_one_wrong_entry_is_outlined_and_clicking_it_selects_it(qtbot, controller, shown, tmp_path, monkeypatch):
    panel = shown(ComparePanel(controller))
    mine = engine_grad(controller, "a")
    mine[1, 0] += 0.5
    np.save(tmp_path / "dA.npy", mine)
    panel.node.setCurrentIndex(panel.node.findData("a"))
    monkeypatch.setattr(compare_module.QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "dA.npy"), ""))
    qtbot.mouseClick(panel.findChild(QPushButton, "load_mine"), Qt.MouseButton.LeftButton)
    assert panel.report["wrong"] == 1
    for heatmap in panel.maps.values():
        assert heatmap.outlines.spans == [(1, 2, 0, 1)] and heatmap.outlines.roles == ["extra"]
    assert panel.worst.count() == 1 and panel.worst.item(0).text().startswith("∂L/∂a₂₁")
    with qtbot.waitSignal(controller.entry_selected):
        panel.worst.itemClicked.emit(panel.worst.item(0))
    assert controller.selected_entry == ("a", (1, 0), True)


def test_her_own_right_gradient_agrees(qtbot, controller, shown):
    panel = shown(ComparePanel(controller))
    panel.set_mine("c", engine_grad(controller, "c"))
    assert panel.report["wrong"] == 0 and panel.worst.count() == 0
    assert "agrees" in panel.summary.text()


def test_a_gradient_of_the_wrong_shape_is_refused_in_words(qtbot, controller, shown):
    panel = shown(ComparePanel(controller))
    panel.set_mine("a", np.ones((3, 3)))
    assert panel.report is None and "shape" in panel.summary.text()


def run_check(qtbot, view):
    with qtbot.waitSignal(view.check_done, timeout=60_000):
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)


def test_the_check_heatmap_flags_a_broken_vjp(qtbot, shown, monkeypatch):
    from gui.app.controller import StudioController
    tanh = REGISTRY["tanh"]
    right = tanh.vjps[0]
    broken = tanh.__class__(**{**tanh.__dict__, "vjps": (lambda g, out, x: right(g, out, x) + (x > 1.5),)})
    monkeypatch.setitem(REGISTRY, "tanh", broken)
    controller = StudioController("x = randn(2, 2)\nd = tanh(x)")
    controller.set_input("x", np.array([[0.1, 2.0], [-0.3, 0.4]]))
    view = shown(CheckView(controller))
    run_check(qtbot, view)
    found = view.maps["x"]
    assert found.status[0, 1] == "fail" and found.ratio[0, 1] > 1
    assert (found.ratio[[0, 1, 1], [0, 0, 1]] <= 1).all()
    assert view.heatmaps["x"].outlines.spans == [(0, 1, 1, 2)]
    assert view.worst.item(0).text().startswith("∂L/∂x₁₂")
    engine_rows = engine.check(controller.text, inputs={"x": controller.session.records.values["x"]})["inputs"]["x"]
    assert found.rows == engine_rows["worst"]          # the same check as the command line's


def test_a_right_program_checks_clean_and_a_kink_is_not_a_failure(qtbot, shown):
    from gui.app.controller import StudioController
    controller = StudioController("x = randn(1, 3)\nd = relu(x)")
    controller.set_input("x", np.array([[0.0, 1.0, -2.0]]))
    view = shown(CheckView(controller))
    run_check(qtbot, view)
    status = view.maps["x"].status
    assert list(status[0]) == ["kink", "ok", "ok"]
    assert view.heatmaps["x"].outlines.roles == ["missing"]
    hatched = view.hatched["x"]
    assert [(i.rect().center().x(), i.toolTip()) for i in hatched] == [(0.0, REASON["kink"])]
    assert all(i.scene() is view.heatmaps["x"].box.scene() for i in hatched)


def test_a_large_check_runs_off_the_window_with_progress_and_cancel(qtbot, shown):
    from gui.app.controller import StudioController
    controller = StudioController("a = randn(64, 64)\nb = randn(64, 64)\nd = a @ b")
    view = shown(CheckView(controller))
    view.start()
    qtbot.waitUntil(lambda: view.progress.value() > 0, timeout=60_000)   # the window answers meanwhile
    assert view.progress.maximum() == 2 * 4096
    qtbot.mouseClick(view.cancel, Qt.MouseButton.LeftButton)
    assert view.worker is None and view.maps is None and view.summary.text() == "Cancelled."
    assert view.progress.value() < view.progress.maximum()
