"""What the app draws and says around an entry is true beyond the seed, acting as a user: click a
cell, read the panel. The outlines of a step's equation are exactly the engine's cells
(engine.step_cells, itself held against an oracle in tests/engine/test_step_cells.py)."""
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.step_cells import step_cells
from tests.engine.test_step_cells import statements
from tests.gui.heatmap_helpers import outlines_shown
from tests.gui.test_selection import click, shown_heatmap

FEEDING = ("selected", "upstream", "factor")


def equation_cells(window):
    """{part: set of own indices} outlined in each matrix of the step's equation."""
    found = {}
    for heatmap in window.inspector.equation.visible_heatmaps():
        cells = set()
        for role, (r0, r1, c0, c1) in outlines_shown(heatmap):
            assert role in FEEDING
            cells |= {(i, j) for i in range(r0, r1) for j in range(c0, c1)}
        found[heatmap.part] = cells
    return found


def expected_cells(found):
    """The engine's cells as the matrix views draw them (a vector is one row, bᵀ swapped); a
    constant is written, not drawn."""
    operands = {n: c for n, c in enumerate(found.operands) if c.node is not None or c.kind != "value"}
    parts = {"result": found.result} | operands
    return {part: {view_cell(tuple(index), c) for index in c.indices()} for part, c in parts.items()}


def view_cell(index, cells):
    cell = ((0, 0), (0,) + index, index)[len(index)]
    return cell[::-1] if cells.transposed and len(index) == 2 else cell


def select(qtbot, window, name, row, col, grad=True):
    """Show node `name` (as clicking it on the canvas does) and click its value or gradient cell."""
    window.controller.select_node(name)
    click(qtbot, shown_heatmap(window, f"∂L/∂{name}" if grad else name), row, col)


def apply(window, text, steps):
    window.controller.apply_text(text)
    window.controller.seek(steps)


def test_seed_step_6_outlines_row_1_of_the_upstream_gradient_and_column_1_of_bt(qtbot, window):
    apply(window, "d = a @ b + c", 6)   # ∂L/∂a = ∂L/∂t1 @ bᵀ, terms through the nearest named value d
    select(qtbot, window, "a", 0, 0)
    found = equation_cells(window)
    assert found == {"result": {(0, 0)}, 0: {(0, 0), (0, 1)}, 1: {(0, 0), (1, 0)}}
    assert window.inspector.node_heading.text() == "selection ∂L/∂a₁₁ = Σⱼ ∂L/∂d₁ⱼ · b₁ⱼ, j = 1…2"


def test_fan_out_step_7_outlines_row_1_of_at_and_column_2_of_the_gradient(qtbot, window):
    apply(window, "y = a @ a + a", 7)   # ∂L/∂a += aᵀ @ ∂L/∂t1, contribution 3 of 3
    select(qtbot, window, "a", 0, 1)
    assert equation_cells(window) == {"result": {(0, 1)}, 0: {(0, 0), (0, 1)}, 1: {(0, 1), (1, 1)}}
    matrix = window.explanation.matrix.text()
    assert "a is used three times" in matrix and matrix.count("<span") == 1   # one bold rule


def test_the_canvas_lights_the_factors_values(qtbot, window):
    apply(window, "d = a @ b + c", 7)
    select(qtbot, window, "a", 1, 1)   # fed by b₂₁ and b₂₂
    ids = window.graph_view.graph.graph["ids"]
    assert ids["b"] in window.graph_view.highlighted


def test_a_broadcast_product_says_which_product_it_sums(qtbot, window):
    apply(window, "v = randn(2)\ny = a * v", 4)
    select(qtbot, window, "v", 0, 0)
    assert "so ∂L/∂v₁ sums column 1 of (∂L/∂y ⊙ a) (Σᵢ: over i, axis 0)" in window.explanation.matrix.text()
    assert window.inspector.node_heading.text() == "selection ∂L/∂v₁ = Σᵢ ∂L/∂yᵢ₁ · aᵢ₁, i = 1…2"


def test_softmax_zero_up_to_rounding_is_shown_as_0_with_its_raw_value_on_hover(qtbot, window):
    apply(window, "s = randn(3, 7)\ny = softmax(s, axis=0)", 4)   # L = sum(y): ∂L/∂s is exactly 0
    raw = window.controller.session.records.grads["s"]
    row, col = np.unravel_index(np.argmax(np.abs(raw)), raw.shape)
    assert raw[row, col] != 0   # computed as ~1e−16: rounding, not data
    select(qtbot, window, "s", row, col)
    assert window.explanation.heading.text() == f"∂L/∂s{chr(0x2080 + row + 1)}{chr(0x2080 + col + 1)} = 0"
    assert window.explanation.scalar.text().endswith("= 0")
    grad = next(h for h in window.inspector.selected_row.visible_heatmaps() if h.title_text.startswith("∂L/∂s:"))
    assert np.all(grad.array == 0) and "mean 0 ± 0" in grad.footer.text() and "max 0" in grad.footer.text()
    assert grad.levels()[1] == -grad.levels()[0]
    assert repr(float(raw[row, col])) in grad._describe(row, col)
    assert window.controller.session.records.grads["s"] is raw   # display only: the numbers stay


def test_an_inputs_entry_is_not_written_as_fed_by_anything(qtbot, window):
    apply(window, "d = a @ b + c", 7)
    select(qtbot, window, "b", 0, 1, grad=False)
    row = window.inspector.selected_row
    assert len(row.visible_heatmaps()) == 1 and not [o for o in row.operators if o.isVisible()]
    assert "←" not in window.inspector.node_heading.text()
    assert window.inspector.node_heading.text().endswith(": an input, given, not computed")


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(statements(), st.data())
def test_every_step_equation_draws_exactly_the_engines_cells(window, text, data):
    controller = window.controller
    controller.apply_text(text)
    if controller.session is None:
        return   # a program that cannot be computed has no steps
    records = controller.session.records
    is_grad = data.draw(st.booleans()) and bool(records.grads)
    name = data.draw(st.sampled_from(sorted(records.grads if is_grad else records.values)))
    index = tuple(data.draw(st.integers(0, n - 1)) for n in records.values[name].shape)
    controller.select_entry((name, index, is_grad))
    for step in records.steps:
        controller.seek(step.index)
        found = step_cells(records, (name, index), is_grad, step.index)
        if found is not None:
            assert equation_cells(window) == expected_cells(found), step.equation_text()


def test_a_hidden_gradient_downstream_outlines_the_entries_the_selected_entry_reaches(qtbot, window):
    apply(window, "d = a @ b + c", 7)
    select(qtbot, window, "a", 0, 0)
    window.controller.seek(4)   # ∂L/∂t1 = ∂L/∂d: t1 is no through node, yet a₁₁ reaches its row 1
    t1 = next(h for h in window.inspector.equation.visible_heatmaps() if h.title_text == "∂L/∂t1")
    assert outlines_shown(t1) == [("reaches", (0, 1, 0, 2))]
