"""The Paths view, as a learner uses it on the seed with the hand numbers: click ∂L/∂a₁₁, read the
two paths and their sum, click a node, hover a path, play the terms, jump between the passes."""
import pytest
from PySide6.QtCore import QPoint, Qt

from gui.panels.paths_items import BoxItem, LinkItem
from tests.gui.conftest import give_numbers
from tests.gui.test_selection import G, INPUTS, outlined, select_grad


@pytest.fixture
def seed(window, controller, qtbot):
    """The seed with the hand numbers, every step done, ∂L/∂a₁₁ clicked in its heatmap."""
    give_numbers(controller, INPUTS, G)
    controller.to_end()
    select_grad(qtbot, window, "a", 0, 0)
    return window


def paths(window):
    return window.paths_dock.panel


def boxes(window, kind=None):
    view = paths(window).view
    return [item for item in view.scene().items() if isinstance(item, BoxItem)
            and (kind is None or item.box.kind == kind)]


def texts(window, kind):
    return sorted(item.box.text for item in boxes(window, kind))


def link_texts(window):
    return sorted(item.link.text for item in paths(window).view.scene().items()
                  if isinstance(item, LinkItem) and item.link.text)


def screen_point(window, item):
    view = paths(window).view
    return view.mapFromScene(item.sceneBoundingRect().center())


def test_the_seed_draws_two_paths_with_their_locals_products_and_sum(seed):
    assert seed.paths_dock.isVisible()
    assert texts(seed, "entry") == ["a₁₁ = 1\n∂L = 0.25", "d₁₁ = 4.6\n∂L = 0.3", "d₁₂ = −0.7\n∂L = −0.1"]
    assert link_texts(seed) == ["b₁₁ = 0.5", "b₁₂ = −1"]
    assert texts(seed, "product") == ["∂L/∂d₁₁·b₁₁\n= (0.3)(0.5) = 0.15", "∂L/∂d₁₂·b₁₂\n= (−0.1)(−1) = 0.1"]
    assert texts(seed, "sum") == ["Σ 2 paths\n∂L/∂a₁₁ = 0.25"]


def test_clicking_a_node_selects_that_entry_everywhere(qtbot, seed, controller):
    d12 = next(item for item in boxes(seed, "entry") if item.entry == ("d", (0, 1), True))
    with qtbot.waitSignal(controller.entry_selected, timeout=1000):
        qtbot.mouseClick(paths(seed).view.viewport(), Qt.MouseButton.LeftButton, pos=screen_point(seed, d12))
    assert controller.selected_entry == ("d", (0, 1), True)
    assert seed.explanation.heading.text().startswith("∂L/∂d₁₂")


def test_hovering_a_path_outlines_its_cells_as_hovering_a_term_does(qtbot, seed, controller):
    product = next(item for item in boxes(seed, "product") if "b₁₂" in item.box.text)
    with qtbot.waitSignal(controller.term_hovered, timeout=1000) as hovered:
        qtbot.mouseMove(paths(seed).view.viewport(), screen_point(seed, product))
    assert hovered.args == [1] and product.lit
    assert outlined(seed, ("hovered",)) >= {("d", (0, 1), True), ("b", (0, 1), False)}
    qtbot.mouseMove(paths(seed).view.viewport(), QPoint(2, 2))
    assert not product.lit


def test_playing_the_terms_grows_the_running_sum(qtbot, seed):
    panel = paths(seed)
    panel.set_speed(50.0)
    sums = []   # the running sum at each term played
    seed.controller.terms_played.connect(lambda played: sums.append(played and round(played[2], 12)))
    qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.timer.isActive(), timeout=3000)
    assert sums == [0.15, 0.25]
    assert panel.running.text() == "running sum 0.25 = ∂L/∂a₁₁ = 0.25"


def test_brackets_step_one_term_lighting_its_path(qtbot, seed):
    panel = paths(seed)
    seed.paths_dock.setFocus()
    qtbot.keyClick(seed, Qt.Key.Key_BracketRight)
    assert panel.running.text() == "running sum 0.15  (1 of 2)"
    assert {item.box.text for item in boxes(seed) if item.lit} >= {"d₁₁ = 4.6\n∂L = 0.3"}
    qtbot.keyClick(seed, Qt.Key.Key_BracketRight)
    assert panel.running.text().startswith("running sum 0.25")
    qtbot.keyClick(seed, Qt.Key.Key_BracketLeft)
    assert panel.running.text() == "running sum 0.15  (1 of 2)"


def test_the_running_sum_grows_in_the_explanation_and_the_heatmap_cell(qtbot, seed):
    qtbot.keyClick(seed, Qt.Key.Key_BracketRight)
    assert seed.explanation.status.text().endswith("running sum after 1 of 2 terms: 0.15")
    cell = next(h for h in seed.inspector.selected_row.visible_heatmaps() if h.source == ("a", True, False))
    assert cell.fill.shown() == (-0.5, -0.5, 0.5)   # cell (1, 1), half filled
    qtbot.keyClick(seed, Qt.Key.Key_BracketRight)
    assert seed.explanation.status.text().endswith("running sum after 2 of 2 terms: 0.25")
    assert cell.fill.shown() == (-0.5, -0.5, 1.0)
    seed.controller.select_entry(("a", (0, 1), True))
    assert cell.fill.shown() is None and "running sum" not in seed.explanation.status.text()


def test_expanding_continues_the_paths_through_t1(qtbot, seed):
    paths(seed).expand.setChecked(True)
    assert texts(seed, "entry")[1:] == ["d₁₁ = 4.6\n∂L = 0.3", "d₁₂ = −0.7\n∂L = −0.1",
                                        "t1₁₁ = 4.5\n∂L = 0.3", "t1₁₂ = −0.5\n∂L = −0.1"]
    assert link_texts(seed) == ["1", "1", "b₁₁ = 0.5", "b₁₂ = −1"]
    assert texts(seed, "sum") == ["Σ 2 paths\n∂L/∂a₁₁ = 0.25"]


def test_a_value_entry_draws_the_reversed_graph(seed, controller):
    controller.select_entry(("d", (0, 0), False))
    assert texts(seed, "sum") == ["d₁₁ = 4.6"]
    assert sorted(item.box.text for item in boxes(seed, "product")) == ["0.1", "0.5", "4"]
    assert sum(1 for item in boxes(seed, "entry")) == 5   # a₁₁ b₁₁, a₁₂ b₂₁, c₁


def test_the_whole_program_draws_every_entry_with_the_paths_lit(seed):
    paths(seed).whole.setChecked(True)
    assert len(boxes(seed)) == 18
    links = [item for item in paths(seed).view.scene().items() if isinstance(item, LinkItem)]
    assert len(links) == 24
    lit = {(item.link.source, item.link.target) for item in links if item.lit}
    assert lit == {(("a", (0, 0)), ("t1", (0, 0))), (("a", (0, 0)), ("t1", (0, 1))),
                   (("t1", (0, 0)), ("d", (0, 0))), (("t1", (0, 1)), ("d", (0, 1)))}
    assert all(item.faded for item in links if not item.lit)
    assert not paths(seed).play_button.isEnabled()


def test_a_long_selection_draws_its_first_and_last_paths_with_a_labelled_gap(controller, window):
    controller.apply_text("a = randn(4, 64); b = randn(64, 64); c = randn(64); d = a @ b + c")
    controller.to_end()
    controller.select_entry(("a", (3, 5), True))
    assert texts(window, "gap") == ["… 58 more paths, the same pattern over j = 4…61"]
    assert len(boxes(window, "product")) == 7 and texts(window, "sum")[0].startswith("Σ 64 paths\n∂L/∂a₄₆ = ")


def test_down_jumps_to_the_step_completing_the_gradient_and_up_to_the_value(qtbot, seed, controller):
    seed.graph_view.setFocus()
    qtbot.keyClick(seed, Qt.Key.Key_Down)
    assert controller.session.cursor == 6    # ∂L/∂a = ∂L/∂t1 @ bᵀ
    controller.select_entry(("d", (0, 0), True))
    qtbot.keyClick(seed, Qt.Key.Key_Up)
    assert controller.session.cursor == 2    # d = t1 + c
    controller.select_entry(None)
    controller.select_node(None)
    qtbot.keyClick(seed, Qt.Key.Key_Down)
    assert controller.session.cursor == 3    # the seed step


def test_playing_the_matrix_fills_it_entry_by_entry(qtbot, seed, controller):
    panel = paths(seed)
    panel.set_speed(50.0)
    cell = next(h for h in seed.inspector.selected_row.visible_heatmaps() if h.source == ("a", True, False))
    seen = []   # at each entry played: the selection then and the cells still covered
    controller.matrix_played.connect(lambda played: seen.append((controller.selected_entry[1],
                                                                 cell.unfilled.covered())))
    qtbot.mouseClick(panel.matrix_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.matrix_timer.isActive(), timeout=3000)
    assert seen == [((0, 0), 4), ((0, 0), 3), ((0, 1), 2), ((1, 0), 1), ((1, 1), 0)]
    assert panel.running.text() == "running sum 1.9 = ∂L/∂a₂₂ = 1.9"   # (0.7)(2) + (2)(0.25)


def test_softmax_under_ones_reads_0_in_the_paths_dock_as_in_its_heatmap(qtbot, window, controller):
    controller.apply_text("x = randn(2, 3)\np = softmax(x, axis=1)")   # ∂L/∂x = 0, computed as a few 1e−18
    controller.to_end()
    select_grad(qtbot, window, "x", 0, 0)
    heatmap = next(h for h in window.inspector.heatmaps() if h.title_text.startswith("∂L/∂x"))
    assert heatmap.array[0, 0] == 0 and controller.selection.att.total != 0
    qtbot.waitUntil(lambda: paths(window).heading.text() == "∂L/∂x₁₁ = 0")
    [source] = [t for t in texts(window, "entry") if t.startswith("x₁₁")]
    assert source.endswith("∂L = 0")
    paths(window).set_speed(50.0)
    qtbot.mouseClick(paths(window).play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not paths(window).timer.isActive(), timeout=3000)
    assert paths(window).running.text().startswith("running sum 0 = ∂L/∂x₁₁ = 0")
