"""A node's thumbnail without Qt: which array it shows after the cursor, how a large one shrinks,
and how its cells are coloured (the heatmaps' rule: centred on zero, the array's robust range)."""
import numpy as np
import pytest

import engine
from gui.heatmap.data import summarize
from gui.model import thumbnail
from gui.model.thumbnail import MAX_CELLS, NONFINITE, Shown, cells, colours, shown_array

# A diverging table as the heatmaps' has one: blue at the low end, white in the middle, red on top.
RAMP = np.linspace(0.0, 1.0, 129)
FULL = np.full(129, 255)
LUT = np.concatenate([np.stack([255 * RAMP, 255 * RAMP, FULL], axis=1)[:-1],
                      np.stack([FULL, 255 * RAMP[::-1], 255 * RAMP[::-1]], axis=1)]).astype(np.uint8)
WHITE = (255, 255, 255)


def test_a_scalar_is_one_cell_and_a_vector_one_row():
    assert cells(np.float64(2.5)).shape == (1, 1)
    assert cells(np.arange(5.0)).shape == (1, 5)
    assert cells(np.ones((3, 4))).shape == (3, 4)


@pytest.mark.parametrize("shape, drawn", [((64, 256), (8, 32)), ((33, 33), (17, 17)), ((100, 3), (25, 1)),
                                          ((1, 1000), (1, 32)), ((32, 32), (32, 32))])
def test_a_large_matrix_shrinks_by_block_means_to_at_most_32_cells_a_side(shape, drawn):
    array = np.random.default_rng(0).standard_normal(shape)
    small = cells(array)
    assert small.shape == drawn and max(small.shape) <= MAX_CELLS
    rows, cols = thumbnail.blocks(shape)
    assert small[0, 0] == pytest.approx(array[:rows, :cols].mean())
    # the last block along each axis may be shorter and keeps its own mean
    assert small[-1, -1] == pytest.approx(array[(drawn[0] - 1) * rows:, (drawn[1] - 1) * cols:].mean())


def test_blocks_are_square_unless_an_axis_is_shorter():
    assert thumbnail.blocks((64, 256)) == (8, 8) and thumbnail.blocks((100, 3)) == (4, 3)
    assert thumbnail.blocks((256,)) == (1, 8) and thumbnail.blocks(()) == (1, 1)


def test_colours_follow_the_sign_zero_neutral_and_the_range_clips():
    array = np.full((4, 5), 0.5)
    array[0, :3] = 2.0, -2.0, 0.0
    array[1, 0], array[3, 4] = -0.5, 40.0      # 40: an outlier beyond 3 RMS
    rgb = colours(array, LUT)
    assert rgb.shape == (4, 5, 3) and rgb.dtype == np.uint8
    red, blue = rgb[..., 0], rgb[..., 2]
    positive, negative = array > 0, array < 0
    assert (red[positive] == 255).all() and (blue[positive] < 255).all()       # the red side
    assert (blue[negative] == 255).all() and (red[negative] < 255).all()       # the blue side
    assert tuple(rgb[0, 2]) == WHITE                                           # zero: the middle colour
    scale = summarize(array).scale
    assert scale < 40 and tuple(rgb[3, 4]) == tuple(LUT[-1])                   # clipped to the red end
    assert tuple(rgb[0, 0]) == tuple(LUT[128 + round(128 * 2.0 / scale)])      # levels (−m, m)
    assert blue[1, 1] > blue[0, 0]                                             # 0.5 paler than 2


def test_a_non_finite_cell_is_marked_grey_not_coloured():
    rgb = colours(np.array([1.0, np.nan, -np.inf, 0.0]), LUT)
    assert tuple(rgb[0, 1]) == tuple(rgb[0, 2]) == NONFINITE
    assert tuple(rgb[0, 3]) == WHITE and rgb[0, 0, 0] == 255


def test_a_node_shows_nothing_then_its_value_then_its_gradient():
    session = engine.Session("a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c")
    assert shown_array(session, "t1") == Shown()                     # 0 steps: not computed yet
    session.seek(1)                                                   # t1 = a @ b
    assert shown_array(session, "t1").array is session.records.values["t1"]
    assert not shown_array(session, "t1").is_grad
    session.seek(4)                                                   # ∂L/∂t1 = ∂L/∂d
    grad, _, k, n = session.grad("t1")
    assert shown_array(session, "t1") == Shown(grad, True, k, n) and grad is not None
    assert shown_array(None, "t1") == Shown()                         # a draft has no numbers
    assert shown_array(session, "") == Shown()                        # a constant has no name


def test_a_draft_shows_what_it_can_compute():
    """Without a pass, the values of the draft's computable part (gui.model.shown.Shown.inputs)."""
    draft = engine.Session("a = randn(2, 2)\nb = a * 2")
    assert shown_array(None, "b", draft).array is draft.records.values["b"]
    assert shown_array(None, "t3", draft) == Shown() == shown_array(None, "b", None)
