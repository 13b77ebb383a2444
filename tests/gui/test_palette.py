"""The palette: generated from the engine's registry, filtered, with rules as tooltips, and the
same list at the cursor on a double-click on empty canvas."""
from PySide6.QtCore import QPoint, Qt

from engine import ops
from gui.panels.palette import PaletteList, entries
from tests.gui.builder_helpers import drag_from_palette


def test_every_registry_op_and_every_initialiser_is_an_entry():
    listed = {(e.kind, e.op) for e in entries()}
    assert {("op", name) for name in ops.REGISTRY} <= listed
    assert {("input", "randn"), ("input", "eye"), ("const", "")} <= listed


def test_a_new_op_in_the_registry_appears_without_touching_the_gui(monkeypatch):
    relu = ops.REGISTRY["relu"]
    monkeypatch.setitem(ops.REGISTRY, "leaky", relu.__class__(**{**relu.__dict__, "name": "leaky",
                                                                  "symbol": "leaky"}))
    assert ("op", "leaky") in {(e.kind, e.op) for e in entries()}


def test_tooltips_give_symbol_arity_and_the_matrix_rule():
    tip = next(e.tip for e in entries() if e.op == "matmul")
    assert "@" in tip and "2 inputs" in tip and "∂L/∂x = ∂L/∂z @ yᵀ" in tip and "∂L/∂y = xᵀ @ ∂L/∂z" in tip


def test_the_filter_keeps_matching_entries(qtbot, shown):
    palette = shown(PaletteList())
    qtbot.keyClicks(palette.filter, "sigm")
    assert [i.data(Qt.ItemDataRole.UserRole).op for i in palette.shown()] == ["sigmoid"]
    with qtbot.waitSignal(palette.activated) as blocker:
        qtbot.keyClick(palette.filter, Qt.Key_Return)
    assert blocker.args[0].op == "sigmoid"


def test_a_drag_released_outside_the_canvas_adds_nothing(qtbot, window, controller):
    window.docks["palette"].raise_()
    palette = window.palette_panel
    outside = window.graph_view.viewport().mapFromGlobal(palette.mapToGlobal(QPoint(5, 5)))
    drag_from_palette(qtbot, palette, window.graph_view, "relu", outside)
    assert controller.undo_stack.count() == 0


def test_a_constant_dropped_on_a_free_port_wires_into_it(qtbot, window, controller):
    window.editor.text_edit.setPlainText("a = randn(2, 2)\nd = a * ?")
    window.editor.apply()
    view, palette = window.graph_view, window.palette_panel
    window.docks["palette"].raise_()
    palette.constant.setText("0.5")
    port = view.mapFromScene(view.scene().nodes["d:a*?"].in_port(1))
    drag_from_palette(qtbot, palette, view, "", port, kind="const")
    assert controller.text.endswith("d = a * 0.5") and controller.session is not None


def test_double_click_on_empty_canvas_opens_the_list_there(qtbot, window, controller):
    view = window.graph_view
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=QPoint(5, 5))
    popups = [w for w in window.findChildren(PaletteList) if w.window() is not window]
    assert popups and popups[0].isVisible()
    qtbot.keyClicks(popups[0].filter, "tanh")
    qtbot.keyClick(popups[0].filter, Qt.Key_Return)
    assert "tanh(?)" in controller.text and not popups[0].isVisible()


def test_labels_and_an_index_come_from_the_palette_with_their_parameters(qtbot, window, controller):
    window.editor.text_edit.setPlainText("x = randn(3, 4)")
    window.editor.apply()
    view, palette = window.graph_view, window.palette_panel
    window.docks["palette"].raise_()
    palette.shape.setText("3, 4")
    drag_from_palette(qtbot, palette, view, "labels", QPoint(60, 200), kind="input")
    assert "labels(3, 4)" in controller.text
    palette.parameter.setText("0, 1:3")
    drag_from_palette(qtbot, palette, view, "index", QPoint(250, 120))
    assert controller.text.endswith("[0, 1:3]")
    palette.parameter.setText("3")
    drag_from_palette(qtbot, palette, view, "pick", QPoint(250, 250))
    assert "[arange(3), ?]" in controller.text


def test_a_bad_index_is_refused_with_a_message(qtbot, window, controller):
    view, palette = window.graph_view, window.palette_panel
    window.docks["palette"].raise_()
    palette.parameter.setText("a + 1")
    with qtbot.waitSignal(controller.refused) as refused:
        drag_from_palette(qtbot, palette, view, "index", QPoint(250, 120))
    assert "index" in refused.args[0]
