"""Pasted text read into arrays by the tokenizer (never evaluated), and what it refuses."""
import numpy as np
import pytest

from gui.model.arrays import ArrayRefused, parse_pasted, warning


@pytest.mark.parametrize("text, expected", [
    ("np.array([[1, 2], [3, 4]])", [[1, 2], [3, 4]]),
    ("numpy.array([1.5, −2e-3], dtype=float32)", [1.5, -2e-3]),
    ("[[1, 2], [3, 4],]", [[1, 2], [3, 4]]),
    ("[nan, -inf, 3]", [np.nan, -np.inf, 3]),
    ("1, 2, 3", [1, 2, 3]),
    ("1\t2\n3\t4\n", [[1, 2], [3, 4]]),
    ("7", [7]),
])
def test_literals_and_cells_are_read(text, expected):
    assert np.array_equal(parse_pasted(text), np.array(expected, dtype=float), equal_nan=True)


@pytest.mark.parametrize("text", ["__import__('os')", "[[1, 2], [3]]", "[1, 2", "1, x", "", "[[1, 2]]]"])
def test_anything_else_is_refused(text):
    with pytest.raises(ArrayRefused):
        parse_pasted(text)


def test_only_non_finite_values_warn():
    assert warning(np.array([1.0, np.inf])) and warning(np.ones(2)) is None and warning(np.arange(3)) is None
