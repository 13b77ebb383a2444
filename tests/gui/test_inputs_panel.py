"""The inputs panel: values, shapes, G, start node and seed, edited as a user would."""
import pytest
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton
from shiboken6 import isValid

from gui.model import upstream
from gui.panels.inputs import InputsPanel, parse_shape
from gui.panels.matrix_table import parse_number


def type_into_cell(qtbot, table, row, col, text):
    """Click a cell, type over it, press Enter (typing starts the cell's editor, as in a spreadsheet)."""
    rect = table.visualItemRect(table.item(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (table.currentRow(), table.currentColumn()) == (row, col)
    qtbot.keyClicks(table, text[0])
    qtbot.waitUntil(lambda: table.state() == table.State.EditingState)
    cell_editor = table.findChild(QLineEdit)
    qtbot.keyClicks(cell_editor, text[1:])
    qtbot.keyClick(cell_editor, Qt.Key.Key_Return)
    # The commit is queued; the edit may rebuild the panel, deleting this table.
    qtbot.waitUntil(lambda: not isValid(table) or table.state() != table.State.EditingState)


def test_every_input_and_g_are_shown(qtbot, controller, shown):
    panel = shown(InputsPanel(controller))
    assert set(panel.tables) == {"a", "b", "c", "G"}
    assert panel.tables["c"].columnCount() == 2 and panel.tables["c"].rowCount() == 1
    assert panel.tables["G"].item(1, 1).text() == "1"


def test_editing_a_value_recomputes_and_is_one_undo_step(qtbot, controller, shown):
    panel = shown(InputsPanel(controller))
    with qtbot.waitSignal(controller.pass_recomputed):
        type_into_cell(qtbot, panel.tables["a"], 0, 1, "2.5")
    assert controller.session.records.values["a"][0, 1] == 2.5
    assert panel.tables["a"].item(0, 1).text() == "2.5"
    controller.undo_stack.undo()
    assert controller.session.records.values["a"][0, 1] != 2.5
    assert panel.tables["a"].item(0, 1).text() != "2.5"


def test_a_bad_value_is_refused_in_place(qtbot, controller, shown):
    panel = shown(InputsPanel(controller))
    before = controller.session.records.values["b"].copy()
    type_into_cell(qtbot, panel.tables["b"], 1, 0, "abc")
    assert "not a number" in panel.message.text() and not panel.message.isHidden()
    np.testing.assert_array_equal(controller.session.records.values["b"], before)
    assert panel.tables["b"].item(1, 0).text() != "abc"
    assert controller.undo_stack.count() == 0


def choose_preset(qtbot, panel, title):
    """Pick a G preset from its list by typing its title's first letter, as a keyboard user does."""
    combo = panel.findChild(QComboBox, "g_preset")
    combo.setFocus()
    qtbot.keyClicks(combo, title[0])
    qtbot.waitUntil(lambda: panel.findChild(QComboBox, "g_preset").currentText() == title)


def shown_g(panel):
    table = panel.tables["G"]
    return np.array([[parse_number(table.item(i, j).text()) for j in range(2)] for i in range(2)])


@pytest.mark.parametrize("preset", ["random", "mse", "typed", "ones"])
def test_each_g_preset_is_picked_and_shown(qtbot, controller, shown, preset):
    panel = shown(InputsPanel(controller))
    if preset in ("typed", "ones"):   # from a G that is not ones, so that the choice shows
        choose_preset(qtbot, panel, upstream.TITLES["random"])
    before = controller.session.upstream
    choose_preset(qtbot, panel, upstream.TITLES[preset])
    s, d = controller.session, controller.session.records.values["d"]
    g = np.ones((2, 2)) if preset == "ones" else s.upstream
    expected = {"random": upstream.preset_upstream("random", d, 0), "typed": before, "ones": np.ones((2, 2)),
                "mse": upstream.preset_upstream("mse", d, 0)}[preset]
    np.testing.assert_allclose(g, expected)
    np.testing.assert_allclose(shown_g(panel), expected, rtol=1e-3)
    np.testing.assert_allclose(s.grad("a", s.total)[0], expected @ s.records.values["b"].T)
    assert upstream.described(preset, "d") in panel.findChild(QLabel, "g_heading").text()
    controller.undo_stack.undo()
    np.testing.assert_array_equal(controller.session.upstream, before)


def test_typing_into_g_makes_it_typed(qtbot, controller, shown):
    panel = shown(InputsPanel(controller))
    with qtbot.waitSignal(controller.pass_recomputed):
        type_into_cell(qtbot, panel.tables["G"], 0, 0, "-3")
    assert controller.session.upstream[0, 0] == -3
    assert controller.session.steps[2].user_upstream
    assert panel.findChild(QComboBox, "g_preset").currentText() == upstream.TITLES["typed"]


def test_start_node_combo_moves_the_backward_pass(qtbot, controller, shown):
    panel = shown(InputsPanel(controller))
    combo = panel.start_combo
    assert combo.currentData() == "d"
    index = combo.findData("t1")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert controller.session.records.start == "t1"
    assert "∂L/∂t1" in controller.session.steps[2].describe(controller.session.total)


def test_shape_of_an_undeclared_input_is_editable(controller, shown):
    controller.apply_text("d = x @ w")
    panel = shown(InputsPanel(controller))
    assert panel.findChild(QLineEdit, "shape_w") is not None
    edit = panel.findChild(QLineEdit, "shape_x")
    edit.setText("3, 2")
    edit.editingFinished.emit()
    assert controller.session.records.values["x"].shape == (3, 2)
    assert controller.session.records.values["d"].shape == (3, 2)
    assert panel.tables["x"].rowCount() == 3


def test_a_shape_that_breaks_a_rule_is_refused(controller, shown):
    controller.apply_text("d = x @ w")
    panel = shown(InputsPanel(controller))
    edit = panel.findChild(QLineEdit, "shape_x")
    edit.setText("2, 3")
    edit.editingFinished.emit()
    assert "3" in panel.message.text() and not panel.message.isHidden()
    assert controller.session.records.values["x"].shape == (2, 2)


def test_redraw_changes_random_inputs(qtbot, controller, shown):
    panel = shown(InputsPanel(controller))
    before = controller.session.records.values["a"].copy()
    [button] = [b for b in panel.findChildren(QPushButton) if b.text() == "Re-draw"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert controller.session.rng_seed == 1
    assert not np.array_equal(controller.session.records.values["a"], before)


def test_typed_numbers_accept_a_true_minus():
    assert parse_number("−1.5") == -1.5 and parse_number(" 2e-3 ") == 0.002


def test_parse_shape():
    assert parse_shape("3, 2") == (3, 2) and parse_shape("4x5") == (4, 5) and parse_shape("") == ()


def test_a_program_that_cannot_be_computed_has_no_g_yet(qtbot, controller, shown):
    panel = shown(InputsPanel(controller))
    controller.apply_text("a = randn(2, 3)\nb = randn(2, 3)\nd = a @ b")
    assert controller.session is None
    assert "G" not in panel.tables and {"a", "b"} <= set(panel.tables)
    texts = [label.text() for label in panel.findChildren(QLabel)]
    assert any("set once the program can be computed" in t for t in texts)
    controller.apply_text("d = a @ b")
    assert "G" in panel.tables


def test_a_draft_shows_its_own_inputs_and_they_can_be_edited(qtbot, controller, shown):
    panel = shown(InputsPanel(controller))
    controller.apply_text("x = randn(3, 3)\ny = x @ ?")
    assert set(panel.tables) == {"x"}
    assert panel.tables["x"].rowCount() == 3
    assert not panel.start_combo.isEnabled()
    type_into_cell(qtbot, panel.tables["x"], 0, 0, "2.5")
    qtbot.waitUntil(lambda: controller.shown.document.inputs.get("x") is not None, timeout=1000)
    assert controller.shown.document.inputs["x"][0, 0] == 2.5


def test_a_shape_too_large_for_memory_is_refused_before_drawing(controller):
    import engine
    controller.apply_text("d = relu(x)")
    with pytest.raises(engine.MemoryLimitError):
        controller.set_input_shape("x", (200000, 200000))
    assert controller.session.records.values["x"].shape == (2, 2)


def test_an_inline_input_is_not_called_undeclared(qtbot, controller, shown):
    panel = shown(InputsPanel(controller))
    controller.apply_text("d = a * 1 + eye(2) * 10")
    texts = [label.text() for label in panel.findChildren(QLabel)]
    assert any("eye, written inside an expression on line 1" in t for t in texts)
    assert [e.objectName() for e in panel.findChildren(QLineEdit) if e.objectName().startswith("shape_")] == ["shape_a"]


def test_labels_are_edited_as_integers(qtbot, controller, shown):
    controller.apply_text("x = randn(3, 4)\ny = labels(3, 4)\nloss = cross_entropy(x, y)")
    panel = shown(InputsPanel(controller))
    with qtbot.waitSignal(controller.pass_recomputed):
        type_into_cell(qtbot, panel.tables["y"], 0, 2, str(3 - controller.session.records.values["y"][2]))
    labels = controller.session.records.values["y"]
    assert labels.dtype.kind == "i" and "y" not in controller.session.records.grads
    type_into_cell(qtbot, panel.tables["y"], 0, 0, "1.5")
    assert "whole number" in panel.message.text()


@pytest.mark.parametrize("preset", ["random", "mse"])
def test_a_preset_picked_in_the_window_changes_the_gradients_shown(qtbot, window, controller, preset):
    panel = window.inputs_panel
    controller.seek(6)   # ∂L/∂a = ∂L/∂t1 @ bᵀ
    choose_preset(qtbot, panel, upstream.TITLES[preset])
    s = controller.session
    g = upstream.preset_upstream(preset, s.records.values["d"], 0)
    grad_a = window.inspector.equation.visible_heatmaps()[0]
    assert grad_a.title_text == "∂L/∂a"
    np.testing.assert_allclose(grad_a.array, g @ s.records.values["b"].T)
    assert not np.allclose(grad_a.array[0], grad_a.array[1])   # its rows differ, as G's do
