"""When G hides the program's structure, the lesson says so: plain tests, no Qt."""
import numpy as np
import pytest

from gui.model import lesson
from gui.model.model import StudioModel

SEED = "a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c"
SOFTMAX = "x = randn(2, 3)\np = softmax(x, axis=1)"


def note_after(m, steps):
    m.seek(steps)
    return lesson.note(m.shown.session, m.document.upstream_origin, m.view.cursor)


@pytest.mark.parametrize("array,kind", [
    (np.zeros((2, 3)), lesson.ZERO), (np.ones((3, 2)), lesson.ROWS), ([[1.0, 2.0], [1.0, 2.0]], lesson.ROWS),
    ([[1.0, 1.0], [2.0, 2.0]], lesson.COLUMNS), ([3.0, 3.0, 3.0], lesson.ENTRIES),
    ([[3.0, 3.0, 3.0]], lesson.COLUMNS),
    ([[1.0, 2.0], [3.0, 4.0]], None), (np.ones(()), None), ([[5.0]], None), ([[np.nan, np.nan]], None)])
def test_degeneracy(array, kind):
    assert lesson.degeneracy(np.array(array)) == kind


def test_the_seed_with_ones_says_the_rows_are_alike_and_offers_random():
    m = StudioModel(SEED)
    assert note_after(m, 2) is None and note_after(m, 3) is None   # nothing computed from G yet
    found = note_after(m, 6)
    assert found.text.startswith("∂L/∂a: every row alike, because G = ones") and found.offers == "random"
    assert "\n" not in found.text


def test_a_random_g_has_nothing_to_say():
    m = StudioModel(SEED)
    m.set_upstream_preset("random")
    assert note_after(m, 99) is None


def test_a_typed_g_with_alike_rows_is_named():
    m = StudioModel(SEED)
    m.set_upstream(np.array([[1.0, 2.0], [1.0, 2.0]]))
    assert "G (typed) has every row alike" in note_after(m, 99).text


def test_softmax_alone_says_why_its_gradient_is_zero():
    m = StudioModel(SOFTMAX)
    found = note_after(m, 99)
    assert found.text == "Each row of softmax sums to 1, so with G = ones ∂L/∂x = ∂(sum)/∂x = 0"
    m.set_upstream_preset("random")
    assert note_after(m, 99) is None


def test_an_elementwise_program_has_nothing_hidden():
    assert note_after(StudioModel("a = randn(3)\nb = randn(3)\nd = a * b"), 99) is None


def test_a_scalar_loss_is_not_degenerate():
    m = StudioModel(open("resources/examples/softmax.txt").read())
    assert note_after(m, 99) is None


def test_softmax_of_a_product_names_its_zero_up_to_rounding_input():
    m = StudioModel("x = randn(3, 4)\nW = randn(4, 3)\np = softmax(x @ W, axis=1)")
    found = note_after(m, 99)
    assert found.text.endswith("so with G = ones ∂(sum)/∂t1 = 0, and ∂L/∂W is all 0")
