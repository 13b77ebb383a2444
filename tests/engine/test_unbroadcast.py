import numpy as np

from engine.broadcast import stretched_axes, unbroadcast


def test_bias_over_rows_sums_axis_zero():
    g = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert unbroadcast(g, (2,)).tolist() == [4.0, 6.0]
    assert unbroadcast(g, (1, 2)).tolist() == [[4.0, 6.0]]
    assert unbroadcast(g, (2, 1)).tolist() == [[3.0], [7.0]]
    assert unbroadcast(g, ()).tolist() == 10.0
    assert unbroadcast(g, (2, 2)) is g


def test_stretched_axes():
    assert stretched_axes((2,), (3, 2)) == (0,)
    assert stretched_axes((3, 1), (3, 2)) == (1,)
    assert stretched_axes((), (3, 2)) == (0, 1)
