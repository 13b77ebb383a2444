"""Canvas edits one by one: live shapes, refusals, holes, moves, deletes, auto-layout."""
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

import engine
from gui.model.layout import program_graph
from tests.gui.builder_helpers import canvas_drag, drag_from_palette, item, places, wire

HALF = "a = randn(2, 2)\nw = randn(3, 2)\nt = a @ ?"


@pytest.fixture
def view(window):
    return window.graph_view


def set_text(window, text):
    window.editor.text_edit.setPlainText(text)
    window.editor.apply()


def test_a_3x2_input_into_the_right_of_a_2x2_matmul_shows_the_broken_rule(qtbot, window, view, controller):
    set_text(window, HALF)
    assert "wire t's second input" in window.step_label.text()
    assert not window.actions["step_forward"].isEnabled()
    wire(qtbot, view, item(view, "w"), item(view, "t"), 1)
    assert controller.text.endswith("t = a @ w")
    t = item(view, "t")
    assert "inner dimensions 2 and 3 differ" in t.toolTip() and t.data["shape"] is None
    assert "inner dimensions 2 and 3 differ" in window.step_label.text()
    assert not window.actions["step_forward"].isEnabled() and controller.session is None


def test_a_wire_that_would_close_a_cycle_is_refused_in_the_status_bar(qtbot, window, view, controller):
    set_text(window, "a = randn(2, 2)\nt = a * ?\nd = relu(t)")
    before = controller.text
    wire(qtbot, view, item(view, "d"), item(view, "t"), 1)
    assert controller.text == before
    assert "cycle" in window.statusBar().currentMessage()


def test_a_second_wire_into_a_port_is_refused(qtbot, window, view, controller):
    wire(qtbot, view, item(view, "c"), item(view, label="@"), 0)
    assert "already wired" in window.statusBar().currentMessage()


def test_a_half_wired_node_is_a_hole_in_the_text_and_reads_back_the_same(qtbot, window, view, controller):
    set_text(window, "a = randn(2, 2)")
    window.docks["palette"].raise_()
    drag_from_palette(qtbot, window.palette_panel, view, "matmul", QPoint(300, 200))
    wire(qtbot, view, item(view, "a"), item(view, label="@"), 0)
    assert controller.text == "a = randn(2, 2)\nt1 = a @ ?"
    canvas = (set(view.scene().nodes), set(view.scene().edges), places(view))
    set_text(window, "a = randn(2, 2)")
    set_text(window, "a = randn(2, 2)\nt1 = a @ ?")
    assert (set(view.scene().nodes), set(view.scene().edges)) == canvas[:2]
    graph = program_graph(engine.parse(controller.text))
    assert set(graph.nodes) == canvas[0] and set(graph.edges(keys=True)) == canvas[1]


def test_dragging_a_node_is_one_undoable_move_with_its_wires_following(qtbot, view, controller):
    a = item(view, "a")
    start, edge = a.scenePos(), view.scene().edges["a", "d:a@b", 0]
    count = controller.undo_stack.count()
    qtbot.mousePress(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(start))
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), pos=view.mapFromScene(start + QPointF(-6, -8) * step))
        assert edge.start == a.out_port() and controller.undo_stack.count() == count
    qtbot.mouseRelease(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(start + QPointF(-30, -40)))
    assert places(view)["a"] == pytest.approx((start.x() - 30, start.y() - 40), abs=2)   # whole pixels
    assert controller.undo_stack.count() == count + 1 and controller.undo_stack.undoText() == "Move a"
    assert controller.positions["a"] == places(view)["a"]
    controller.undo_stack.undo()
    assert places(view)["a"] == (start.x(), start.y())


def test_escape_cancels_a_drag(qtbot, view, controller):
    a = item(view, "a")
    start = a.scenePos()
    qtbot.mousePress(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(start))
    qtbot.mouseMove(view.viewport(), pos=view.mapFromScene(start + QPointF(50, 50)))
    qtbot.keyClick(view, Qt.Key_Escape)
    qtbot.mouseRelease(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(start + QPointF(50, 50)))
    assert places(view)["a"] == (start.x(), start.y()) and controller.undo_stack.count() == 0


def test_deleting_a_wire_leaves_a_hole_and_deleting_a_node_leaves_holes(qtbot, view, controller):
    edge = view.scene().edges["c", "d:a@b+c", 1]
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(edge.path.pointAtPercent(0.5)))
    qtbot.keyClick(view, Qt.Key_Delete)
    assert controller.text.endswith("d = a @ b + ?") and controller.undo_stack.undoText() == "Delete 1 item"
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(item(view, "a").scenePos()))
    qtbot.keyClick(view, Qt.Key_Delete)
    assert controller.text == "b = randn(2, 2)\nc = randn(2)\nd = ? @ b + ?"


def test_a_box_selects_the_nodes_not_the_wires_it_crosses_and_a_wire_is_still_clicked(qtbot, view, controller):
    rect = view.scene().content_rect()
    canvas_drag(qtbot, view, rect.topLeft() - QPointF(20, 20), rect.bottomRight() + QPointF(20, 20))
    assert view.scene().selected_nodes() == {"a", "b", "c", "d:a@b", "d:a@b+c"}
    assert view.scene().selected_wires() == []
    edge = view.scene().edges["c", "d:a@b+c", 1]
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.mapFromScene(edge.path.pointAtPercent(0.5)))
    assert view.scene().selected_wires() == [("d:a@b+c", 1)] and not view.scene().selected_nodes()


def test_l_lays_the_graph_out_afresh_as_one_command(qtbot, view, controller):
    fresh = places(view)
    canvas_drag(qtbot, view, item(view, "a").scenePos(), item(view, "a").scenePos() + QPointF(0, 200))
    qtbot.keyClick(view, Qt.Key_L)
    assert places(view) == fresh and controller.undo_stack.undoText() == "Auto-layout"


def test_the_canvas_is_read_only_while_the_text_has_an_error(qtbot, window, view, controller):
    window.editor.text_edit.setPlainText("d = a @")
    window.editor.apply()
    wire(qtbot, view, item(view, "c"), item(view, label="@"), 0)
    assert "read-only" in window.statusBar().currentMessage() and view.banner.isVisible()


def test_positions_are_saved_with_the_session(qtbot, view, controller):
    canvas_drag(qtbot, view, item(view, "a").scenePos(), item(view, "a").scenePos() + QPointF(0, -60))
    saved = controller.document()["positions"]
    assert saved["a"] == list(places(view)["a"])
    moved = {n: [x + 10, y] for n, (x, y) in saved.items()}
    assert controller.open_document(controller.document() | {"positions": moved, "inputs": {}})
    assert places(view)["a"] == tuple(moved["a"])
