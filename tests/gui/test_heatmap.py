"""One heatmap, used as a person would: look at it, hover, click a cell, copy it."""
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from engine.notation import number, sub
from gui import style
from gui.heatmap.data import CLIP_RMS, STAT_DIGITS, literal
from gui.heatmap.heatmap import Heatmap
from gui.heatmap.numbers import MIN_CELL_PX, significant
from tests.gui.heatmap_helpers import cell_position, clipped_marks, nonfinite_marks, outlines_shown, visible_texts


@pytest.fixture
def heatmap(qtbot):
    widget = Heatmap()
    qtbot.addWidget(widget)
    widget.resize(320, 280)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot, heatmap, row, col):
    """Click the centre of a cell and return the entry the heatmap emitted."""
    with qtbot.waitSignal(heatmap.entry_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(heatmap.view.viewport(), Qt.MouseButton.LeftButton, pos=cell_position(heatmap, row, col))
    return blocker.args[0]


def test_levels_are_symmetric_around_zero(heatmap):
    heatmap.show_matrix(np.array([[0.5, -2.0], [1.0, 0.25]]), "a", ("a", False, False))
    low, high = heatmap.levels()
    assert low == -high == -2.0


def test_an_outlier_is_clipped_at_a_few_rms_and_marked(heatmap):
    values = np.full((4, 4), 0.1)
    values[2, 3] = 100.0
    heatmap.show_matrix(values, "a")
    rms = np.sqrt(np.mean(values ** 2))
    assert heatmap.levels()[1] == pytest.approx(CLIP_RMS * rms)
    assert clipped_marks(heatmap) == 1


def test_nan_and_inf_are_marked_not_coloured(heatmap):
    heatmap.show_matrix(np.array([[1.0, np.nan], [-np.inf, 2.0]]), "a")
    assert nonfinite_marks(heatmap) == 2
    assert np.isnan(heatmap.image.image[0, 1]) and np.isnan(heatmap.image.image[1, 0])
    assert visible_texts(heatmap) == ["1", "NaN", "−∞", "2"]
    assert "2 not finite" in heatmap.footer.text()


def test_summary_line_gives_shape_mean_std_min_max(heatmap):
    values = np.array([[1.0, -2.0, 3.0], [0.5, 0.0, -1.5]])
    heatmap.show_matrix(values, "a")
    text = heatmap.footer.text()
    for part in ("2×3", "mean 0.167 ± 1.65", "min −2", "max 3"):
        assert part in text


def test_click_emits_the_entry(qtbot, heatmap):
    heatmap.show_matrix(np.arange(6.0).reshape(2, 3), "∂L/∂a", ("a", True, False))
    assert click(qtbot, heatmap, 1, 2) == ("a", (1, 2), True)
    assert click(qtbot, heatmap, 0, 0) == ("a", (0, 0), True)


def test_click_on_a_transpose_names_the_real_entry(qtbot, heatmap):
    b = np.arange(4.0).reshape(2, 2)
    heatmap.show_matrix(b.T, "bᵀ", ("b", False, True))
    assert click(qtbot, heatmap, 0, 1) == ("b", (1, 0), False)


def test_vector_is_a_row_and_scalar_a_cell(qtbot, heatmap):
    heatmap.show_matrix(np.array([1.0, 2.0, 3.0]), "c", ("c", False, False))
    assert heatmap.image.image.shape == (1, 3)
    assert click(qtbot, heatmap, 0, 2) == ("c", (2,), False)
    heatmap.show_matrix(np.array(4.0), "L", ("L", False, False))
    assert heatmap.image.image.shape == (1, 1)
    assert click(qtbot, heatmap, 0, 0) == ("L", (), False)


def test_hover_tells_value_and_both_indices(qtbot, heatmap):
    heatmap.show_matrix(np.array([[0.5, -0.125], [2.0, 3.0]]), "∂L/∂a", ("a", True, False))
    qtbot.mouseMove(heatmap.view.viewport(), cell_position(heatmap, 0, 1))
    qtbot.waitUntil(lambda: heatmap.hover_text != "", timeout=1000)
    assert "∂L/∂a[0,1] = -0.125" in heatmap.hover_text
    assert sub("∂L/∂a", (0, 1)) in heatmap.hover_text == heatmap.image.toolTip()


def test_not_yet_is_hatched_with_the_words_never_zeros(heatmap):
    heatmap.show_matrix(np.zeros((2, 2)), "∂L/∂a")
    heatmap.show_missing((2, 2), "∂L/∂a", "not yet")
    assert np.isnan(heatmap.image.image).all()   # nothing coloured: the hatching shows through
    assert heatmap.cover.reason == "not yet"
    assert visible_texts(heatmap) == []
    assert "not yet" in heatmap.footer.text()


def test_large_matrix_is_downsampled_but_summarised_exactly(heatmap):
    values = np.random.default_rng(0).standard_normal((1024, 1024))
    heatmap.show_matrix(values, "a")
    assert heatmap.image.image.shape[0] < 1024 and heatmap.image.image.shape[1] < 1024
    assert f"max {significant(values.max(), STAT_DIGITS)}" in heatmap.footer.text()
    assert visible_texts(heatmap) == []


def test_same_array_is_not_drawn_again(heatmap, monkeypatch):
    values = np.ones((2, 2))
    heatmap.show_matrix(values, "a")
    calls = []
    monkeypatch.setattr(heatmap.image, "show_matrix", lambda *a: calls.append(a))
    heatmap.show_matrix(values, "a")
    assert calls == []
    heatmap.show_matrix(values.copy(), "a")
    assert len(calls) == 1


def test_ctrl_c_copies_a_numpy_literal(qtbot, heatmap):
    values = np.array([[1.5, -2.0], [0.0, 3.25]])
    heatmap.show_matrix(values, "a", ("a", False, False))
    click(qtbot, heatmap, 0, 0)
    qtbot.keyClick(QApplication.focusWidget() or heatmap, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QApplication.clipboard().text()
    assert text == literal(values) and text.startswith("np.array([[")
    np.testing.assert_array_equal(eval(text, {"np": np}), values)


def test_a_gradient_not_yet_computed_can_be_clicked_and_outlined(qtbot, heatmap):
    heatmap.show_missing((2, 3), "∂L/∂a", "not yet", "complete at step 6", ("a", True, False))
    assert click(qtbot, heatmap, 1, 2) == ("a", (1, 2), True)
    heatmap.outline([(slice(0, 1), slice(0, 3), "upstream")])
    assert outlines_shown(heatmap) == [("upstream", (0, 1, 0, 3))]


def test_outline_roles_have_their_own_colours(heatmap):
    heatmap.show_matrix(np.ones((2, 2)), "a")
    heatmap.outline([(slice(0, 1), slice(0, 1), "selected"), (slice(1, 2), slice(0, 2), "missing")])
    colours = [item.pen().color().name() for item in heatmap.outlines.items[:2]]
    assert colours == [style.HEATMAP_OUTLINES[r][0] for r in ("selected", "missing")]


def test_a_hidden_entry_is_greyed_under_a_question_mark(heatmap):
    heatmap.show_matrix(np.ones((2, 2)), "∂L/∂a", ("a", True, False))
    heatmap.outline([(slice(1, 2), slice(0, 1), "hidden")])
    assert heatmap.outlines.question.isVisible() and heatmap.outlines.question.pos().toTuple() == (0, 1)


def test_outline_draws_one_rectangle_per_range(heatmap):
    heatmap.show_matrix(np.ones((3, 4)), "a")
    heatmap.outline([(slice(1, 2), slice(None)), (slice(0, 3), slice(2, 3))])
    assert len(outlines_shown(heatmap)) == 2
    rect = heatmap.outlines.items[0].rect()
    assert (rect.left(), rect.top(), rect.width(), rect.height()) == (-0.5, 0.5, 4, 1)
    heatmap.clear_outline()
    assert len(outlines_shown(heatmap)) == 0


@pytest.mark.parametrize("row, col", [(0, 0), (511, 511), (0, 511), (511, 0)])
def test_a_corner_cell_of_a_large_matrix_is_marked_within_its_frame(heatmap, row, col):
    heatmap.show_matrix(np.ones((512, 512)), "a")
    heatmap.outline([(slice(row, row + 1), slice(col, col + 1), "selected")])
    rect = heatmap.outlines.items[0].rect()
    assert rect.width() > 1 and rect.height() > 1     # grown to a few pixels, so it is seen
    assert -0.5 <= rect.left() and rect.right() <= 511.5 and -0.5 <= rect.top() and rect.bottom() <= 511.5
    assert rect.contains(col, row)                    # and still around its cell


def test_numbers_shorten_then_hide_as_cells_shrink(qtbot, heatmap):
    heatmap.show_matrix(np.array([[0.123456, -2.5, 1.0, 3.0]] * 2), "a")
    assert visible_texts(heatmap)[:2] == ["0.1235", "−2.5"]
    heatmap.resize(200, 200)
    qtbot.waitUntil(lambda: visible_texts(heatmap)[:1] in (["0.123"], ["0.12"]), timeout=1000)
    heatmap.resize(60, 200)
    qtbot.waitUntil(lambda: visible_texts(heatmap) == [], timeout=1000)
    assert min(heatmap.labels.cell_pixels()) < MIN_CELL_PX


def test_numbers_that_no_longer_fit_never_show_an_older_matrix(qtbot, heatmap):
    heatmap.show_matrix(np.ones((2, 2)), "G")
    assert visible_texts(heatmap) == ["1"] * 4
    heatmap.resize(60, 200)   # no text fits any more, and a new matrix arrives meanwhile
    heatmap.show_matrix(np.array([[-2.0978, 3.5], [0.25, -1.125]]), "∂L/∂b")
    qtbot.waitUntil(lambda: "1" not in visible_texts(heatmap), timeout=1000)
    shown = visible_texts(heatmap)
    assert shown in ([], ["−2.1", "3.5", "0.25", "−1.1"], ["−2.1", "3.5", "0.25", "−1.12"],
                     ["−2.098", "3.5", "0.25", "−1.125"], ["−2e0", "4e0", "0.2", "−1e0"], ["−2", "4", "0.2", "−1"])


def test_hover_on_a_transpose_names_the_source_entry_with_its_value(qtbot, heatmap):
    b = np.array([[0.054, 0.7533], [-1.1475, 0.1806]])
    heatmap.show_matrix(b.T, "bᵀ", ("b", False, True))
    # the image turns the mouse into cells (tested above); here: what a hovered cell of bᵀ says
    heatmap.image.entry_hovered.emit(0, 1)
    assert heatmap.hover_text.startswith("b[1,0] = -1.1475")   # bᵀ's row 1, column 2 is b₂₁
