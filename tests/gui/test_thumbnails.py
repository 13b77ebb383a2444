"""Each node's thumbnail heatmap as a user steps the seed: nothing before its value is computed,
its value in the forward pass, its gradient once the backward pass reaches it; a step recolours
only the thumbnails whose array is new."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from gui.canvas import thumbnail

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
    modifier = Qt.KeyboardModifier.ShiftModifier if back else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(window.graph_view, Qt.Key.Key_F10, modifier)


def cell_colour(window, item, row, col, rows, cols):
    """The colour on screen at the centre of the thumbnail's cell (row, col) of rows×cols."""
    view = window.graph_view
    box = thumbnail.fitted(item.square, rows, cols)
    x, y = box.left() + (col + 0.5) * box.width() / cols, box.top() + (row + 0.5) * box.height() / rows
    point = item.mapToScene(x, y)
    return view.viewport().grab().toImage().pixelColor(view.mapFromScene(point))


def assert_shows_sign(window, item, array):
    """Every cell on screen is on the red side where `array` is positive, the blue side where negative."""
    rows, cols = array.shape
    for (row, col), x in np.ndenumerate(array):
        colour = cell_colour(window, item, row, col, rows, cols)
        assert (colour.red() > colour.blue()) == (x > 0), (row, col, x, colour.name())


def test_t1s_thumbnail_appears_with_its_value_and_turns_to_its_gradient(qtbot, window, controller):
    window.graph_view.fit()
    item = window.graph_view.scene().nodes[T1].thumbnail
    assert item.picture is None and item.toolTip() == "t1: no value yet"
    step(qtbot, window)                                   # 1: t1 = a @ b
    value = controller.session.value("t1")
    assert item.shown.array is value and item.toolTip() == "value of t1, 2×2"
    assert_shows_sign(window, item, value)
    for _ in range(3):                                    # 2: d, 3: seed, 4: ∂L/∂t1 = ∂L/∂d
        step(qtbot, window)
    grad = controller.session.grad("t1")[0]
    assert item.shown.array is grad and item.shown.is_grad and item.toolTip() == "∂L/∂t1, 2×2"
    assert_shows_sign(window, item, grad)                 # G = ones: all red
    step(qtbot, window, back=True)                        # back to 3: its value again
    assert item.shown.array is value and item.toolTip() == "value of t1, 2×2"


def test_a_step_recolours_only_the_thumbnail_whose_array_changed(coloured, qtbot, window, controller):
    assert len(coloured) == 3                             # the window opened: the inputs' values
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
    square = thumbnail.QRectF(0, 0, 28, 28)
    assert thumbnail.fitted(square, 1, 2).height() == 14 and thumbnail.fitted(square, 1, 2).width() == 28
    assert thumbnail.fitted(square, 1, 32).height() == 28 * thumbnail.MIN_SHARE
    assert thumbnail.fitted(square, 1, 1) == square
