"""How a matrix's numbers are written: one form per matrix, shortening before vanishing
(gui.heatmap.numbers), and each number's colour against its own cell (gui.contrast)."""
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gui.contrast import AA, BLACK, WHITE, luminance, ratio, text_on
from gui.heatmap.numbers import MIN_CELL_PX, Choice, SharedPrecision, choose, compact, forms, significant

floats = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


def test_the_ladder_shortens_digit_by_digit_then_to_a_compact_exponent():
    assert [texts[0] for texts in forms([-0.000012345])] == ["−1.234e−5", "−1.23e−5", "−1.2e−5", "−1.2e−5", "−1e−5"]
    assert [texts[0] for texts in forms([0.123456])] == ["0.1235", "0.123", "0.12", "0.12", "0.1"]
    assert significant(-0.0, 4) == "0" and significant(float("nan"), 4) == "NaN"


@settings(deadline=None)
@given(floats, st.integers(1, 2))
def test_a_compact_label_is_never_longer_than_its_plain_form_and_reads_back_close(x, digits):
    text = compact(x, digits)
    assert len(text) <= len(significant(x, digits))
    back = float(text.replace("−", "-"))
    assert math.isclose(back, x, rel_tol=0.5 * 10 ** (1 - digits) + 1e-12, abs_tol=1e-300)


def test_the_most_digits_that_fit_are_chosen():
    widths = [60, 50, 40, 36, 20]
    assert choose(widths, 12, (70, 30)) == Choice(0, 1.0)
    assert choose(widths, 12, (45, 30)) == Choice(2, 1.0)
    assert choose(widths, 12, (30, 30)) == Choice(4, 1.0)


def test_numbers_shrink_rather_than_vanish_down_to_the_minimum_cell():
    small = choose([60, 50, 40, 36, 20], 12, (MIN_CELL_PX, MIN_CELL_PX))
    assert small.form == 4 and small.size < 1
    assert choose([60, 50, 40, 36, 20], 12, (MIN_CELL_PX - 1, 40)) is None


class Member:
    def __init__(self, shape, own):
        self.shape, self.own, self.drawn = shape, own, "never"

    def draw_choice(self, choice):
        self.drawn = choice if self.own is not None else None


def test_matrices_of_one_shape_in_one_row_share_the_worst_choice():
    a, b = Member((3, 4), Choice(0, 1.0)), Member((3, 4), Choice(2, 1.0))
    other, hatched = Member((4, 3), Choice(1, 1.0)), Member((3, 4), None)
    SharedPrecision().set_members([a, b, other, hatched])
    assert a.drawn == b.drawn == Choice(2, 1.0)
    assert other.drawn == Choice(1, 1.0) and hatched.drawn is None


@settings(deadline=None)
@given(st.tuples(*[st.floats(0, 1)] * 3))
def test_black_or_white_text_reaches_aa_on_any_cell(rgb):
    text = text_on(rgb)
    assert ratio(text, rgb) >= AA
    assert ratio(text, rgb) >= ratio(WHITE if text == BLACK else BLACK, rgb)


def test_luminance_and_ratio_match_wcag_anchors():
    assert luminance(WHITE) == 1 and luminance(BLACK) == 0
    assert math.isclose(ratio(BLACK, WHITE), 21)
    assert np.isclose(ratio((0.4627,) * 3, WHITE), 4.54, atol=0.02)   # #767676 on white
