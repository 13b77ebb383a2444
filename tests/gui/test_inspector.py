"""The equation inspector on the seed case `d = a @ b + c`, stepped as a student would."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from gui.app.controller import StudioController
from gui.panels.inspector import InspectorPanel
from tests.gui.heatmap_helpers import cell_position

# After N steps, the titles of the equation's matrices (t1 = a @ b; d = t1 + c).
SEED_TITLES = {
    0: ["a", "b", "c"],
    1: ["t1", "a", "b"],
    2: ["d", "t1", "c"],
    3: ["∂L/∂d = G"],
    4: ["∂L/∂t1", "∂L/∂d"],
    5: ["∂L/∂cⱼ", "∂L/∂d"],
    6: ["∂L/∂a", "∂L/∂t1", "bᵀ"],
    7: ["∂L/∂b", "aᵀ", "∂L/∂t1"],
}


@pytest.fixture
def panel(shown, controller):
    return shown(InspectorPanel(controller), (800, 600))


def titles(row):
    return [h.title_text for h in row.visible_heatmaps()]


def operators(row):
    return [op.text() for op in row.operators if not op.isHidden()]


def expected_arrays(session, n):
    """The seed's matrices after n steps, straight from the session's records."""
    v, g = session.records.values, session.records.grads
    step = session.current_step()
    return {
        0: [v["a"], v["b"], v["c"]], 1: [v["t1"], v["a"], v["b"]], 2: [v["d"], v["t1"], v["c"]],
        3: [g["d"]], 4: [step and step.contribution, g["d"]], 5: [step and step.contribution, g["d"]],
        6: [g["a"], g["t1"], v["b"].T], 7: [g["b"], v["a"].T, g["t1"]],
    }[n]


@pytest.mark.parametrize("n", sorted(SEED_TITLES))
def test_each_step_shows_its_equation(panel, controller, n):
    controller.seek(n)
    assert titles(panel.equation) == SEED_TITLES[n]
    for heatmap, array in zip(panel.equation.visible_heatmaps(), expected_arrays(controller.session, n)):
        np.testing.assert_array_equal(heatmap.array, array)


def test_operators_between_the_matrices(panel, controller):
    controller.seek(6)
    assert operators(panel.equation) == ["=", "@"]
    controller.seek(5)
    assert operators(panel.equation) == ["= Σᵢ"]
    controller.seek(1)
    assert operators(panel.equation) == ["=", "@"]


def test_the_rule_note_is_shown_beneath(panel, controller):
    controller.seek(6)
    assert panel.note.text().startswith("∂L/∂t1 = ∂L/∂d")
    controller.seek(3)
    assert "L = sum(d)" in panel.note.text()


@pytest.mark.parametrize("preset,says", [
    ("ones", "G = ones: L = sum(d)"), ("random", "G = random (seeded)"),
    ("mse", "G = 2(d − T)/N: L = mean((d − T)²)"), ("typed", "G typed by you")])
def test_the_seed_step_names_the_g_in_use(panel, controller, preset, says):
    controller.set_upstream_preset("random")   # typed keeps the numbers in use: not ones
    controller.set_upstream_preset(preset)
    controller.seek(3)
    assert says in panel.note.text()


def test_clicking_bT_selects_the_entry_of_b(qtbot, panel, controller):
    controller.seek(6)
    bT = panel.equation.visible_heatmaps()[2]
    with qtbot.waitSignal(controller.entry_selected, timeout=1000) as blocker:
        qtbot.mouseClick(bT.view.viewport(), Qt.MouseButton.LeftButton, pos=cell_position(bT, 0, 1))
    assert blocker.args == [("b", (1, 0), False)]
    assert controller.selected_entry == ("b", (1, 0), False)


def test_gradient_is_not_yet_before_its_step(panel, controller):
    controller.select_node("a")
    controller.seek(5)
    value, grad = panel.node.visible_heatmaps()
    np.testing.assert_array_equal(value.array, controller.session.records.values["a"])
    assert grad.array is None and grad.cover.reason == "not yet"
    assert "complete at step 6" in grad.footer.text()
    controller.seek(6)   # ∂L/∂a is now the step's own: shown once, in the step's row
    np.testing.assert_array_equal(panel.equation.visible_heatmaps()[0].array, controller.session.records.grads["a"])
    assert [h.title_text for h in panel.node.visible_heatmaps()] == ["a"]
    assert "shown above" not in panel.node_heading.text()


def test_the_node_row_does_not_repeat_the_steps_matrices(panel, controller):
    controller.seek(1)   # t1 = a @ b: node t1's value is the step's left side
    controller.select_node("t1")
    assert [h.title_text for h in panel.node.visible_heatmaps()] == ["∂L/∂t1"]


def test_value_is_not_yet_before_its_forward_step(panel, controller):
    controller.select_node("d")
    controller.seek(1)
    value, _grad = panel.node.visible_heatmaps()
    assert value.cover.reason == "not yet"


def test_no_path_to_L(qtbot):
    controller = StudioController("a = randn(2, 2)\nb = randn(2, 2)\nd = a @ b\ne = 2 * d")
    controller.set_start("d")
    panel = InspectorPanel(controller)
    qtbot.addWidget(panel)
    controller.select_node("e")
    controller.to_end()
    assert panel.node.visible_heatmaps()[1].cover.reason == "no path to L"


def test_accumulation_is_marked_partial(qtbot):
    controller = StudioController("a = randn(2, 2)\ny = a * a")
    panel = InspectorPanel(controller)
    qtbot.addWidget(panel)
    controller.select_node("a")
    controller.seek(controller.session.total - 1)
    assert operators(panel.equation)[0] == "="
    assert "(1 of 2)" in panel.equation.visible_heatmaps()[0].title.text()
    # a's value is a term of the step's row, so the node row shows only the partial gradient
    assert "partial 1 of 2" in panel.node.visible_heatmaps()[-1].title.text()
    controller.to_end()
    assert operators(panel.equation)[0] == "+="
    lhs = panel.equation.visible_heatmaps()[0].title
    assert "(2 of 2)" in lhs.text()
    assert lhs.toolTip() == "∂L/∂a sums 2 contributions, one per use of a: this is contribution 2"
    assert "partial" not in panel.node.visible_heatmaps()[-1].title.text()


def test_one_colour_scale_for_the_whole_equation(panel, controller):
    controller.seek(6)
    own = {h.levels() for h in panel.equation.visible_heatmaps()}
    panel.shared.setChecked(True)
    shared = {h.levels() for h in panel.equation.visible_heatmaps()}
    assert len(shared) == 1 and len(own) > 1
    assert shared.pop()[1] == max(high for _low, high in own)


def test_a_step_redraws_only_matrices_that_changed(panel, controller, monkeypatch):
    controller.select_node("a")
    controller.seek(6)
    drawn = []
    for heatmap in panel.node.visible_heatmaps():
        monkeypatch.setattr(heatmap.image, "show_matrix", lambda *a, title=heatmap.title_text: drawn.append(title))
    controller.seek(7)
    assert drawn == []


def test_new_numbers_are_shown_after_a_recompute(panel, controller):
    controller.seek(1)
    controller.set_input("a", np.eye(2))
    np.testing.assert_array_equal(panel.equation.visible_heatmaps()[1].array, np.eye(2))


def test_many_inputs_do_not_widen_the_panel(qtbot):
    controller = StudioController("\n".join(f"x{i} = randn(3, 3)" for i in range(10)) + "\ny = x0 + x1")
    panel = InspectorPanel(controller)
    qtbot.addWidget(panel)
    assert titles(panel.equation) == ["x0", "x1", "x2", "x3"]
    assert operators(panel.equation)[-1] == "… 6 more"
    assert panel.minimumSizeHint().width() < 400


def test_a_program_that_cannot_be_computed_shows_why_and_no_stale_heatmaps(qtbot, controller):
    panel = InspectorPanel(controller)
    qtbot.addWidget(panel)
    controller.seek(6)
    controller.apply_text("a = randn(2, 3)\nw = randn(2, 3)\nd = a @ w")
    assert panel.heading.text().startswith("No steps yet")
    assert "inner dimensions 3 and 2 differ" in panel.note.text()
    assert titles(panel.equation) == ["a", "w"]   # the inputs, nothing of the last program
    controller.apply_text("d = a @ b")
    assert not panel.heading.text().startswith("No steps")
    assert panel.heatmaps()


def test_a_dropped_node_not_yet_wired_leaves_the_computable_values_shown(shown, controller):
    panel = shown(InspectorPanel(controller), (800, 600))
    controller.seek(7)
    values = {n: v.copy() for n, v in controller.session.records.values.items()}
    controller.apply_text(controller.text + "\nt3 = relu(?)")
    assert controller.session is None and panel.heading.text().startswith("No steps yet")
    assert "wire t3's input" in panel.note.text()
    assert titles(panel.equation) == ["t1", "d"]
    for heatmap in panel.equation.visible_heatmaps():
        np.testing.assert_array_equal(heatmap.array, values[heatmap.title_text])


@pytest.mark.parametrize("text,entry,caption,names", [
    ("d = a @ b + c", ("a", (0, 0), True), "∂L/∂a₁₁ = Σⱼ ∂L/∂d₁ⱼ · b₁ⱼ, j = 1…2",
     ["∂L/∂a: ∂L/∂a₁₁", "∂L/∂d: ∂L/∂d₁ⱼ", "b: b₁ⱼ"]),
    ("d = a @ b\ne = d + a", ("a", (0, 0), True), "∂L/∂a₁₁ = Σⱼ ∂L/∂d₁ⱼ · b₁ⱼ + ∂L/∂e₁₁, j = 1…2",
     ["∂L/∂a: ∂L/∂a₁₁", "∂L/∂d: ∂L/∂d₁ⱼ", "∂L/∂e: ∂L/∂e₁₁", "b: b₁ⱼ"]),
    ("h = tanh(a)\ny = h * h", ("a", (0, 0), True), "∂L/∂a₁₁ = ∂L/∂h₁₁·(1 − h₁₁²)",
     ["∂L/∂a: ∂L/∂a₁₁", "∂L/∂h: what feeds it", "h: its factors"]),
])
def test_the_selections_row_is_captioned_by_its_sum_and_joins_no_matrices(panel, controller, text, entry, caption,
                                                                       names):
    controller.apply_text(text)
    controller.to_end()
    controller.select_entry(entry)
    assert panel.node_heading.text() == f"selection {caption}"
    assert titles(panel.selected_row) == names
    assert set(operators(panel.selected_row)) == {""}
