"""Clicking an entry on the seed `d = a @ b + c` with hand-checked numbers: what is outlined in every
heatmap shown, what the explanation says, the canvas path, and how the selection follows the steps."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import give_numbers
from tests.gui.heatmap_helpers import cell_position, outlines_shown

G = np.array([[0.3, -0.1], [0.7, 2.0]])
INPUTS = {"a": np.array([[1.0, 2.0], [3.0, 4.0]]), "b": np.array([[0.5, -1.0], [2.0, 0.25]]),
          "c": np.array([0.1, -0.2])}
A11 = "∂L/∂a₁₁ = ∂L/∂d₁₁·b₁₁ + ∂L/∂d₁₂·b₁₂ = (0.3)(0.5) + (−0.1)(−1) = 0.25"
A_RULE = "∂L/∂a = ∂L/∂d @ bᵀ: ∂L/∂a₁₁ is row 1 of ∂L/∂d times column 1 of bᵀ"
FEEDS_A11 = {("d", (0, 0), True), ("d", (0, 1), True), ("b", (0, 0), False), ("b", (0, 1), False)}


@pytest.fixture
def seed(window, controller):
    """The main window on the seed with the hand-checked a, b, c and G, every step done."""
    give_numbers(controller, INPUTS, G)
    controller.to_end()
    return window


def shown_heatmap(window, title):
    """The heatmap of that title (in the selection's row, titled `∂L/∂d: what it supplies`)."""
    return next(h for h in window.inspector.heatmaps() if h.title_text.split(": ")[0] == title)


def click(qtbot, heatmap, row, col):
    with qtbot.waitSignal(heatmap.entry_clicked, timeout=1000):
        qtbot.mouseClick(heatmap.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=cell_position(heatmap, row, col))


def outlined(window, roles=("upstream", "factor", "feeds")):
    """{(name, index, is_grad)} outlined in every heatmap shown, in the real arrays' indices."""
    values, found = window.controller.session.records.values, set()
    for heatmap in window.inspector.heatmaps():
        if heatmap.source is None:
            continue
        name, is_grad, transposed = heatmap.source
        for role, (r0, r1, c0, c1) in outlines_shown(heatmap):
            if role in roles:
                found |= {(name, index(values[name].ndim, i, j, transposed), is_grad)
                          for i in range(r0, r1) for j in range(c0, c1)}
    return found


def index(ndim, i, j, transposed):
    """A matrix view's cell as the array's index (a vector is one row; bᵀ's (i, j) is b's (j, i))."""
    return ((), (j,), (j, i) if transposed else (i, j))[ndim]


def select_grad(qtbot, window, name, row, col):
    """Show node `name` (as clicking it on the canvas does) and click ∂L/∂name's cell."""
    window.controller.select_node(name)
    click(qtbot, shown_heatmap(window, f"∂L/∂{name}"), row, col)


def test_clicking_a_gradient_entry_outlines_what_feeds_it_and_writes_its_chain_rule(qtbot, seed):
    select_grad(qtbot, seed, "a", 0, 0)
    assert seed.controller.selected_entry == ("a", (0, 0), True)
    assert outlined(seed) == FEEDS_A11
    assert outlined(seed, ("selected",)) == {("a", (0, 0), True)}
    assert seed.explanation.heading.text() == "∂L/∂a₁₁ = 0.25"
    assert seed.explanation.scalar.text() == A11
    assert seed.explanation.text() == A11 + "\n" + A_RULE
    assert [h.title_text for h in seed.inspector.selected_row.visible_heatmaps()] == [
        "∂L/∂a: ∂L/∂a₁₁", "∂L/∂d: ∂L/∂d₁ⱼ", "b: b₁ⱼ"]
    assert seed.inspector.node_heading.text() == "selection ∂L/∂a₁₁ = Σⱼ ∂L/∂d₁ⱼ · b₁ⱼ, j = 1…2"


def test_a_transposed_view_outlines_the_same_entries(qtbot, seed, controller):
    controller.seek(6)   # ∂L/∂a = ∂L/∂t1 @ bᵀ
    select_grad(qtbot, seed, "a", 0, 0)
    bt = shown_heatmap(seed, "bᵀ")
    assert [cells for _, cells in outlines_shown(bt)] == [(0, 2, 0, 1)]   # column 1 of bᵀ is row 1 of b


def test_a_broadcast_entry_is_fed_by_a_column_of_g(qtbot, seed):
    select_grad(qtbot, seed, "c", 0, 1)
    assert outlined(seed) == {("d", (0, 1), True), ("d", (1, 1), True)}
    assert seed.explanation.scalar.text() == "∂L/∂c₂ = ∂L/∂d₁₂·1 + ∂L/∂d₂₂·1 = (−0.1)(1) + (2)(1) = 1.9"
    assert "stretched over the rows of d, so ∂L/∂c₂ sums column 2 of ∂L/∂d" in seed.explanation.matrix.text()


def test_a_value_entry_shows_its_forward_equation(qtbot, seed, controller):
    controller.select_node("d")
    click(qtbot, shown_heatmap(seed, "d"), 0, 0)
    assert seed.explanation.scalar.text() == "d₁₁ = a₁₁b₁₁ + a₁₂b₂₁ + c₁ = (1)(0.5) + (2)(2) + (0.1) = 4.6"
    assert outlined(seed) == {("a", (0, 0), False), ("a", (0, 1), False), ("b", (0, 0), False),
                              ("b", (1, 0), False), ("c", (0,), False)}


def test_the_graph_path_is_lit(qtbot, seed):
    select_grad(qtbot, seed, "a", 0, 0)
    ids = seed.graph_view.graph.graph["ids"]
    assert seed.graph_view.highlighted == {ids[n] for n in ("a", "t1", "d", "b")}   # b's entries are factors
    qtbot.mouseClick(seed.explanation.clear, Qt.MouseButton.LeftButton)
    assert seed.graph_view.highlighted == set() and outlined(seed, ("selected",)) == set()


def move_mouse(widget, pos):
    """A mouse move delivered to `widget` itself: the offscreen screen (800×800) is smaller than
    the window, and moves beyond it would not reach widgets there."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication
    point = QPointF(pos)
    QApplication.sendEvent(widget, QMouseEvent(QEvent.Type.MouseMove, point, widget.mapToGlobal(point),
                                               Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                               Qt.KeyboardModifier.NoModifier))


def test_hovering_a_term_outlines_just_its_pair(qtbot, seed):
    select_grad(qtbot, seed, "a", 0, 0)
    terms = seed.explanation.terms
    assert [terms.item(i).text() for i in range(terms.count())] == [
        "∂L/∂d₁₁·b₁₁ = (0.3)(0.5) = 0.15", "∂L/∂d₁₂·b₁₂ = (−0.1)(−1) = 0.1"]
    for row in (0, 1):   # the mouse moves down the list
        move_mouse(terms.viewport(), terms.visualItemRect(terms.item(row)).center())
    qtbot.waitUntil(lambda: outlined(seed, ("hovered",)) == {("d", (0, 1), True), ("b", (0, 1), False)})
    assert outlined(seed) == set()   # only the hovered pair (and the selected entry)
    seed.controller.hover_term(None)
    assert len(outlined(seed)) == 4


def test_the_selection_survives_stepping_and_says_when_it_is_computed(qtbot, seed, controller):
    select_grad(qtbot, seed, "a", 0, 0)
    controller.seek(4)
    assert controller.selected_entry == ("a", (0, 0), True)
    status = ("∂L/∂a₁₁ not yet: step 6 computes it (∂L/∂a = ∂L/∂t1 @ bᵀ); "
              "it needs ∂L/∂d (step 3), b (an input)")
    assert seed.explanation.status.text() == status
    assert seed.explanation.heading.text() == "∂L/∂a₁₁ = ? (not computed yet)"
    # the chain rule in symbols only: its numbers arrive with the step that computes it
    assert seed.explanation.scalar.text() == "∂L/∂a₁₁ = ∂L/∂d₁₁·b₁₁ + ∂L/∂d₁₂·b₁₂"
    assert seed.inspector.node_heading.text() == "selection ∂L/∂a₁₁ = Σⱼ ∂L/∂d₁ⱼ · b₁ⱼ, j = 1…2 — " + status
    assert outlined(seed) == FEEDS_A11
    controller.seek(6)
    assert seed.explanation.heading.text() == "∂L/∂a₁₁ = 0.25"
    assert seed.explanation.scalar.text() == A11


def test_copy_puts_the_text_and_latex_on_the_clipboard(qtbot, seed):
    from PySide6.QtWidgets import QApplication
    select_grad(qtbot, seed, "a", 0, 0)
    seed.explanation.setFocus()
    qtbot.keyClick(seed.explanation, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == A11 + "\n" + A_RULE
    seed.explanation.copy(latex=True)
    assert QApplication.clipboard().text().startswith("\\frac{\\partial L}{\\partial a_{11}}")


def test_a_new_program_without_the_entry_clears_it(qtbot, seed, controller):
    select_grad(qtbot, seed, "a", 0, 0)
    controller.apply_text("x = randn(2, 2)\ny = x * 2")
    assert controller.selected_entry is None and controller.selection is None
    assert seed.explanation.scalar.text() == ""


def test_new_numbers_rewrite_the_explanation(qtbot, seed, controller):
    select_grad(qtbot, seed, "a", 0, 0)
    controller.set_upstream(2 * G)
    assert controller.selected_entry == ("a", (0, 0), True)
    assert seed.explanation.scalar.text().endswith("= (0.6)(0.5) + (−0.2)(−1) = 0.5")


def test_clicking_another_node_lets_the_entry_go_and_shows_the_node(qtbot, seed, controller):
    select_grad(qtbot, seed, "a", 0, 0)
    view = seed.graph_view
    item = view.scene().nodes["c"]
    with qtbot.waitSignal(controller.node_selected, timeout=1000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(item.scenePos()))
    assert controller.selected_entry is None
    assert [h.title_text for h in seed.inspector.node.visible_heatmaps()] == ["c", "∂L/∂c"]
