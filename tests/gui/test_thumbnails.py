"""Each node's thumbnail heatmap as a user steps the seed: nothing before its value is computed,
its value in the forward pass, its gradient once the backward pass reaches it; a step recolours
only the thumbnails whose array is new."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF, Qt

from gui.canvas import thumbnail
from gui.model.thumbnail import Shown

T1 = "d:a@b"      # the node of t1 = a @ b
# Whose thumbnail each of the seed's 7 steps changes: (value name, node id).
ORDER = [("t1", T1), ("d", "d:a@b+c"), ("d", "d:a@b+c"), ("t1", T1), ("c", "c"), ("a", "a"), ("b", "b")]


@pytest.fixture
def coloured(monkeypatch):
    """The arrays thumbnails are coloured from, in order (each colouring of a new array)."""
    made = []

    def counting(array):
        made.append(array)
        return make(array)
    make = thumbnail.make_image
    monkeypatch.setattr(thumbnail, "make_image", counting)
    return made


def step(qtbot, window, back=False):
    """One step with F10 (back with Shift+F10), and the canvas painted (thumbnails colour as they paint)."""
    modifier = Qt.KeyboardModifier.ShiftModifier if back else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(window.graph_view, Qt.Key.Key_F10, modifier)
    window.graph_view.viewport().grab()


def thumb_point(window, node, row=0, col=0, rows=1, cols=1):
    """The viewport point at the centre of cell (row, col) of a rows×cols thumbnail of `node`."""
    box = thumbnail.fitted(node.thumbnail.square, rows, cols)
    x, y = box.left() + (col + 0.5) * box.width() / cols, box.top() + (row + 0.5) * box.height() / rows
    return window.graph_view.mapFromScene(node.mapToScene(x, y))


def hover_tip(qtbot, window, node):
    """The tooltip the node offers once the mouse rests on its thumbnail."""
    qtbot.mouseMove(window.graph_view.viewport(), thumb_point(window, node))
    return node.toolTip()


def assert_shows_sign(window, node, array):
    """Every cell on screen is on the red side where `array` is positive, the blue side where negative."""
    rows, cols = array.shape
    picture = window.graph_view.viewport().grab().toImage()
    for (row, col), x in np.ndenumerate(array):
        colour = picture.pixelColor(thumb_point(window, node, row, col, rows, cols))
        assert (colour.red() > colour.blue()) == (x > 0), (row, col, x, colour.name())


def test_t1s_thumbnail_appears_with_its_value_and_turns_to_its_gradient(qtbot, window, controller):
    window.graph_view.fit()
    node = window.graph_view.scene().nodes[T1]
    assert node.thumbnail.shown.array is None and hover_tip(qtbot, window, node) == "t1: no value yet"
    step(qtbot, window)                                   # 1: t1 = a @ b
    value = controller.session.value("t1")
    assert node.thumbnail.shown.array is value and hover_tip(qtbot, window, node) == "value of t1, 2×2"
    assert_shows_sign(window, node, value)
    for _ in range(3):                                    # 2: d, 3: seed, 4: ∂L/∂t1 = ∂L/∂d
        step(qtbot, window)
    grad = controller.session.grad("t1")[0]
    assert node.thumbnail.shown.array is grad and node.thumbnail.shown.is_grad
    assert hover_tip(qtbot, window, node) == "∂L/∂t1, 2×2"
    assert_shows_sign(window, node, grad)                 # G = ones: all red
    step(qtbot, window, back=True)                        # back to 3: its value again
    assert node.thumbnail.shown.array is value and hover_tip(qtbot, window, node) == "value of t1, 2×2"
    corner = node.mapToScene(node.box.topLeft() + QPointF(4, 4))
    qtbot.mouseMove(window.graph_view.viewport(), window.graph_view.mapFromScene(corner))
    assert node.toolTip() == node.tooltip()               # off the thumbnail: what the node is


def test_a_step_recolours_only_the_thumbnail_whose_array_changed(coloured, qtbot, window, controller):
    window.graph_view.viewport().grab()
    assert len(coloured) == 3                             # the window painted: the inputs' values
    session, nodes = controller.session, window.graph_view.scene().nodes
    for n, (name, node_id) in enumerate(ORDER, start=1):
        coloured.clear()
        step(qtbot, window)
        shown = session.grad(name)[0] if n >= 3 else session.value(name)
        assert nodes[node_id].thumbnail.shown.array is shown
        # step 4's ∂L/∂t1 is ∂L/∂d's very array (+ passes it through): coloured at step 3 already
        assert coloured == ([] if shown is session.grad("d")[0] and n == 4 else [shown]), f"step {n}"
    coloured.clear()
    for _ in ORDER:                                       # back to the start: every picture remembered
        step(qtbot, window, back=True)
    assert session.cursor == 0 and coloured == []


def test_a_vector_is_a_strip_and_a_long_one_keeps_a_readable_height():
    square = QRectF(0, 0, 28, 28)
    assert thumbnail.fitted(square, 1, 2).height() == 14 and thumbnail.fitted(square, 1, 2).width() == 28
    assert thumbnail.fitted(square, 1, 32).height() == 28 * thumbnail.MIN_SHARE
    assert thumbnail.fitted(square, 1, 1) == square


def test_the_tooltip_names_a_partial_gradient_and_the_blocks_of_a_large_array():
    assert thumbnail.tip("a", Shown(np.zeros((2, 2)), True, 1, 2)) == "∂L/∂a, 2×2 (partial 1 of 2)"
    assert thumbnail.tip("b1", Shown(np.zeros(256))) == "value of b1, (256,), in 1×8 blocks"
    assert thumbnail.tip("w1", Shown(np.zeros((256, 64)), True, 1, 1)) == "∂L/∂w1, 256×64, in 8×8 blocks"
