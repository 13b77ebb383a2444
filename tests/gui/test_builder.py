"""Building `d = a @ b + c` on the canvas with the mouse and keys, as a user does."""
import pytest
from PySide6.QtCore import QPoint, Qt

from tests.gui.builder_helpers import clear_canvas, drag_from_palette, item, places, rename, wire

SEED_BUILT = "a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c"
DROPS = {"a": QPoint(60, 60), "b": QPoint(60, 160), "c": QPoint(60, 260), "matmul": QPoint(230, 110),
         "add": QPoint(400, 180)}   # viewport points


@pytest.fixture
def drops():
    """{what: (x, y)}: the scene point each node of `built` was dropped at."""
    return {}


@pytest.fixture
def built(qtbot, window, controller, drops):
    """From an empty canvas, the seed built by dragging, wiring and renaming; returns the view."""
    view, palette = window.graph_view, window.palette_panel
    window.docks["palette"].raise_()
    clear_canvas(qtbot, view)
    assert controller.text == "" and not view.scene().nodes
    for name, shape in (("a", "2, 2"), ("b", "2, 2"), ("c", "2")):
        palette.shape.setText(shape)
        drop(qtbot, view, palette, drops, "randn", name)
    drop(qtbot, view, palette, drops, "matmul")
    drop(qtbot, view, palette, drops, "add")
    wire(qtbot, view, item(view, "a"), item(view, label="@"), 0)
    wire(qtbot, view, item(view, "b"), item(view, label="@"), 1)
    wire(qtbot, view, item(view, label="@"), item(view, label="+"), 0)
    wire(qtbot, view, item(view, "c"), item(view, label="+"), 1)
    rename(qtbot, view, item(view, label="+"), "d")
    return view


def drop(qtbot, view, palette, drops, op, what=None):
    point = view.mapToScene(DROPS[what or op])
    drops[what or op] = (point.x(), point.y())
    drag_from_palette(qtbot, palette, view, op, DROPS[what or op])


def test_building_the_seed_writes_its_text(built, window, controller):
    assert window.editor.text() == controller.text == SEED_BUILT
    assert controller.session is not None and controller.session.total == 7   # computed: stepping is offered
    assert window.actions["step_forward"].isEnabled()


def test_the_built_nodes_stay_where_they_were_dropped(built, drops):
    placed = places(built)
    assert [placed[n] for n in ("a", "b", "c", "d:a@b", "d:a@b+c")] == [drops[w] for w in DROPS]


def test_editing_the_text_adds_one_node_and_keeps_the_others_in_place(qtbot, built, window, controller):
    before = places(built)
    window.editor.text_edit.setPlainText(SEED_BUILT.replace("d = a @ b + c", "d = relu(a @ b + c)"))
    window.editor.apply()
    after = places(built)
    assert set(after) - set(before) == {"d:relu(a@b+c)"}
    assert all(after[n] == before[n] for n in ("a", "b", "c", "d:a@b", "d:a@b+c"))


def test_undo_walks_back_to_the_empty_canvas_and_redo_rebuilds_it(qtbot, built, window, controller, drops):
    stack = controller.undo_stack
    assert window.actions["undo"].text() == "&Undo Rename add → d"
    labels = [stack.text(i) for i in range(stack.count())]
    assert labels[:6] == ["Delete 5 items", "Add a", "Add b", "Add c", "Add matmul", "Add add"]
    assert labels[6:] == ["Connect a → matmul", "Connect b → matmul", "Connect matmul → add",
                          "Connect c → add", "Rename add → d"]
    texts = []
    while controller.text:
        texts.append(controller.text)
        qtbot.keyClick(built, Qt.Key_Z, Qt.ControlModifier)
    assert not built.scene().nodes and len(texts) == 10   # 5 drops, 4 wires, 1 rename
    assert window.editor.text() == "" and "empty" in window.step_label.text()
    while stack.canRedo() and controller.text != SEED_BUILT:
        qtbot.keyClick(built, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert controller.text == SEED_BUILT and places(built)["d:a@b"] == drops["matmul"]


def test_the_undo_history_is_a_dock_hidden_until_asked_for(window):
    dock = window.docks["history"]
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert not dock.isVisible() and dock.toggleViewAction() in view_menu.actions()
    assert window.history.stack() is window.controller.undo_stack
