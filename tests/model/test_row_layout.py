"""The row layout rule (gui.heatmap.row_layout) and the stats line's mean, without Qt."""
import numpy as np
from hypothesis import given, settings, strategies as st

from gui.heatmap.data import compute_summary, summary_text
from gui.heatmap.row_layout import MIN_CELL_PX, Piece, break_lines, cells_least, share_widths

GAP = 6


def test_small_matrices_keep_cells_that_hold_numbers():
    assert cells_least((2, 3), (60, 40)) == (3 * MIN_CELL_PX, 2 * MIN_CELL_PX)
    assert cells_least((1, 1), (60, 40)) == (60, 40)
    assert cells_least((4, 5), (60, 40)) == (5 * MIN_CELL_PX, 4 * MIN_CELL_PX)
    assert cells_least((512, 512), (90, 70)) == (90, 70)   # a large matrix is downsampled instead


def test_a_row_that_fits_stays_on_one_line():
    pieces = [Piece(100), Piece(30, False), Piece(100), Piece(30, False), Piece(100)]
    assert break_lines(pieces, 500, GAP) == [[0, 1, 2, 3, 4]]


def test_a_long_row_breaks_before_a_matrix_and_keeps_operators_with_what_they_follow():
    pieces = [Piece(150), Piece(30, False), Piece(150), Piece(30, False), Piece(150), Piece(30, False), Piece(150)]
    lines = break_lines(pieces, 400, GAP)
    assert lines == [[0, 1, 2, 3], [4, 5, 6]]
    assert break_lines(pieces, 360, GAP) == [[0, 1], [2, 3], [4, 5, 6]]   # 150+30+150+30 and gaps pass 360
    assert all(pieces[line[0]].matrix for line in lines)


def test_a_piece_wider_than_the_row_stands_alone():
    assert break_lines([Piece(50), Piece(900), Piece(50)], 300, GAP) == [[0], [1], [2]]
    assert break_lines([], 300, GAP) == []


@settings(deadline=None, max_examples=200)
@given(st.lists(st.tuples(st.integers(10, 400), st.booleans()), max_size=12), st.integers(100, 1600))
def test_every_line_fits_unless_one_piece_alone_is_too_wide(raw, available):
    pieces = [Piece(w, m) for w, m in raw]
    lines = break_lines(pieces, available, GAP)
    assert [i for line in lines for i in line] == list(range(len(pieces)))
    for line in lines:
        matrices = [i for i in line if pieces[i].matrix]
        used = sum(pieces[i].width for i in line) + GAP * (len(line) - 1)
        assert used <= available or len(matrices) <= 1


@settings(deadline=None, max_examples=200)
@given(st.lists(st.integers(20, 300), min_size=1, max_size=6), st.integers(0, 3), st.integers(200, 1600))
def test_matrices_share_the_line_and_none_is_narrower_than_it_needs(needs, columns, available):
    pieces = [p for w in needs for p in (Piece(w), Piece(40, False))][:-1]
    widths = share_widths(pieces, available, GAP, columns)
    assert all(w >= p.width for w, p in zip(widths, pieces))
    if sum(p.width for p in pieces) + GAP * (len(pieces) - 1) <= available:
        assert sum(widths) + GAP * (len(pieces) - 1) <= available
    free = [w for w, p in zip(widths, pieces) if p.matrix and w > p.width]
    assert len(set(free)) <= 1   # the matrices not held at their least share alike


def test_a_step_to_more_matrices_keeps_the_first_ones_width():
    two = share_widths([Piece(100), Piece(40, False), Piece(100)], 900, GAP, 3, 40)
    three = share_widths([Piece(100), Piece(40, False), Piece(100), Piece(40, False), Piece(100)], 900, GAP, 3, 40)
    assert two[0] == two[2] == three[0] == three[4] > 100


def test_a_zero_sum_gradient_has_mean_zero():
    g = np.array([[0.1, 0.2, -0.3], [1e-3, 0.7, -0.701]])
    g[1, 2] = -(g[1, 0] + g[1, 1] + g[0, 0] + g[0, 1] + g[0, 2])
    summary = compute_summary(g)
    assert summary.mean == 0.0
    assert "mean 0 ±" in summary_text(summary)


def test_a_small_true_mean_is_kept():
    assert compute_summary(np.array([1e-12, 2e-12, 3e-12])).mean == 2e-12
    assert compute_summary(np.array([1.0, -1.0 + 1e-9])).mean != 0.0
