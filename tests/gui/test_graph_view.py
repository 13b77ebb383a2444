"""The graph canvas against the controller: items, clicks, step lighting, fit, zoom, pan, edits."""
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from gui.canvas.view import GraphView
from gui.model.layout import LOSS_ID
from tests.gui.builder_helpers import places

A_EDGE, B_EDGE = ("a", "d:a@b", 0), ("b", "d:a@b", 1)


@pytest.fixture
def view(shown, controller):
    return shown(GraphView(controller), (700, 500))


def at(view, node_id):
    """The viewport point over a node's centre."""
    return view.mapFromScene(view.scene().nodes[node_id].scenePos())


def send_mouse(view, kind, point, button, buttons):
    event = QMouseEvent(kind, QPointF(point), view.viewport().mapToGlobal(QPointF(point)), button, buttons,
                        Qt.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def drag(view, start, end, button):
    send_mouse(view, QMouseEvent.MouseButtonPress, start, button, button)
    send_mouse(view, QMouseEvent.MouseMove, (start + end) / 2, Qt.NoButton, button)
    send_mouse(view, QMouseEvent.MouseMove, end, Qt.NoButton, button)
    send_mouse(view, QMouseEvent.MouseButtonRelease, end, button, Qt.NoButton)


def test_one_item_per_node_and_per_edge(view):
    scene = view.scene()
    assert set(scene.nodes) == {"a", "b", "c", "d:a@b", "d:a@b+c", LOSS_ID}
    assert set(scene.edges) == {A_EDGE, B_EDGE, ("c", "d:a@b+c", 1), ("d:a@b", "d:a@b+c", 0),
                                ("d:a@b+c", LOSS_ID, 0)}


def test_clicking_a_node_selects_its_value(qtbot, view, controller):
    with qtbot.waitSignal(controller.node_selected) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=at(view, "d:a@b"))
    assert blocker.args == ["t1"]
    assert view.scene().nodes["d:a@b"].isSelected()


def test_selecting_through_the_controller_selects_the_node_alone(view, controller):
    controller.select_node("a")
    controller.select_node("d")
    selected = [item.node_id for item in view.scene().selectedItems()]
    assert selected == ["d:a@b+c"]


def test_stepping_lights_the_steps_node_and_edges(view, controller):
    scene = view.scene()
    controller.seek(1)   # t1 = a @ b
    assert scene.nodes["d:a@b"].state.active and not scene.nodes["a"].state.active
    assert scene.edges[A_EDGE].state.kind == scene.edges[B_EDGE].state.kind == "lit"
    assert scene.edges["c", "d:a@b+c", 1].state.kind == "idle"
    controller.seek(3)   # seed ∂L/∂d = G
    assert scene.nodes["d:a@b+c"].state.active and scene.edges["d:a@b+c", LOSS_ID, 0].state == ("flow", "G")
    controller.seek(6)   # ∂L/∂a = ∂L/∂t1 @ bᵀ
    assert scene.nodes["a"].state.active and scene.nodes["a"].state.grad == "done"
    assert scene.edges[A_EDGE].state == ("flow", "∂L/∂a") and scene.edges[B_EDGE].state.kind == "idle"
    assert scene.edges["c", "d:a@b+c", 1].state.kind == "flowed"
    assert scene.nodes["b"].state.grad == "not yet"


def test_stepping_restyles_without_rebuilding(view, controller):
    items = dict(view.scene().nodes)
    controller.seek(4)
    assert view.scene().nodes == items


def test_f_fits_the_whole_graph(qtbot, view):
    view.zoom(3.0)
    qtbot.keyClick(view, Qt.Key_F)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.scene().content_rect())


def test_the_wheel_zooms_around_the_cursor(view):
    before = view.transform().m11()
    point = QPointF(at(view, "a"))
    scene_point = view.mapToScene(point.toPoint())
    event = QWheelEvent(point, view.viewport().mapToGlobal(point), QPoint(), QPoint(0, 120), Qt.NoButton,
                        Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert view.transform().m11() > before * 1.1
    assert (view.mapToScene(point.toPoint()) - scene_point).manhattanLength() < 3


def test_a_middle_drag_pans(view):
    view.zoom(3.0)
    before = view.mapToScene(QPoint(0, 0))
    drag(view, QPointF(300, 250), QPointF(250, 220), Qt.MiddleButton)
    moved = (view.mapToScene(QPoint(0, 0)) - before) * view.transform().m11()
    assert moved.manhattanLength() > 70   # view pixels: the drag was 80


def test_a_left_drag_on_empty_canvas_box_selects(view):
    corner = view.mapFromScene(view.scene().content_rect().topLeft()) - QPoint(5, 5)
    drag(view, QPointF(corner), QPointF(at(view, "b")) + QPointF(50, 30), Qt.LeftButton)
    selected = view.scene().selected_nodes()
    assert {"a", "b"} <= selected and "d:a@b+c" not in selected


def test_a_broken_expression_keeps_the_old_graph_and_says_so(view, controller):
    items = dict(view.scene().nodes)
    assert not controller.apply_text("d = a @")
    assert view.scene().nodes == items and all(item.scene() is view.scene() for item in items.values())
    assert view.banner.isVisible() and "last valid graph" in view.banner.text()
    assert controller.apply_text(controller.text)
    assert not view.banner.isVisible()


def test_an_edit_keeps_surviving_nodes_in_place(view, controller):
    before = places(view)
    assert controller.apply_text(controller.text.replace("a @ b + c", "relu(a @ b + c)"))
    after = places(view)
    assert {n: after[n] for n in ("a", "b", "c", "d:a@b")} == {n: before[n] for n in ("a", "b", "c", "d:a@b")}
    assert "d:relu(a@b+c)" in after
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.scene().content_rect())   # fitted to the new graph


def test_highlight_path_lights_nodes_and_the_edges_between_them(view):
    view.highlight_path(["a", "t1", "d"])
    scene = view.scene()
    assert [n for n, item in scene.nodes.items() if item.lit] == ["a", "d:a@b", "d:a@b+c"]
    assert {k for k, edge in scene.edges.items() if edge.lit} == {A_EDGE, ("d:a@b", "d:a@b+c", 0)}
    view.highlight_path(())
    assert not any(item.lit for item in scene.nodes.values())


def test_space_and_a_left_drag_pans_even_over_a_node(qtbot, view, controller):
    view.zoom(3.0)
    before = view.mapToScene(QPoint(0, 0))
    qtbot.keyPress(view, Qt.Key_Space)
    drag(view, QPointF(at(view, "a")), QPointF(at(view, "a")) + QPointF(-40, -30), Qt.LeftButton)
    qtbot.keyRelease(view, Qt.Key_Space)
    moved = (view.mapToScene(QPoint(0, 0)) - before) * view.transform().m11()
    assert moved.manhattanLength() > 60   # view pixels: the drag was 70
    assert controller.selected_node == "" and not view.scene().selectedItems()


def test_a_click_on_empty_canvas_clears_the_selection(qtbot, view, controller):
    controller.select_node("a")
    empty = view.mapFromScene(view.scene().content_rect().bottomRight()) + QPoint(5, 5)
    with qtbot.waitSignal(controller.node_selected) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=empty)
    assert blocker.args == [""] and not view.scene().selectedItems()


def test_a_new_start_node_moves_the_loss_marker_and_keeps_the_layout(view, controller):
    before = places(view)
    controller.set_start("t1")
    assert set(view.scene().edges) >= {("d:a@b", LOSS_ID, 0)} and ("d:a@b+c", LOSS_ID, 0) not in view.scene().edges
    assert places(view)["a"] == before["a"]
    controller.seek(controller.session.total)
    assert view.scene().nodes["c"].state.grad == "no path to L"
    assert "no path to L" in view.scene().nodes["c"].toolTip()


def test_saved_positions_are_restored(view, controller):
    saved = {node: (x + 100.0, y - 40.0) for node, (x, y) in places(view).items()}
    del saved["c"]
    controller.open_document({"expression": controller.text, "positions": saved})
    shown = places(view)
    assert all(shown[node] == saved[node] for node in saved)
    assert shown["c"][0] < saved["d:a@b+c"][0]   # the missing node goes beside its consumer


def test_the_graph_follows_the_view_size_until_the_user_zooms(qtbot, shown, controller):
    view = shown(GraphView(controller), (300, 200))
    view.resize(900, 600)    # the window's docks settle after the first show
    qtbot.waitUntil(lambda: view.transform().m11() > 0.9, timeout=1000)
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(view.scene().content_rect())
    point = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(point, view.viewport().mapToGlobal(point), QPoint(), QPoint(0, 120), Qt.NoButton,
                        Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)   # the user zooms: the view is theirs now
    zoomed = view.transform().m11()
    view.resize(400, 300)
    qtbot.wait(50)
    assert view.transform().m11() == zoomed
    qtbot.keyClick(view, Qt.Key.Key_F)                # F fits, and follows the size again
    view.resize(900, 600)
    qtbot.waitUntil(lambda: view.mapToScene(view.viewport().rect()).boundingRect().contains(
        view.scene().content_rect()), timeout=1000)
