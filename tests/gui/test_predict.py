"""Predict first on the seed, as a learner: switch it on, select ∂L/∂a₁₁ before step 6 computes it,
type a value or pick cells, then step on (or Check) and see what was right."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import give_numbers
from tests.gui.test_selection import G, INPUTS, click, outlined, select_grad


@pytest.fixture
def quiz(window, controller, qtbot):
    """Predict first on, at step 5 (∂L/∂d is known, ∂L/∂a not yet), ∂L/∂a₁₁ selected."""
    give_numbers(controller, INPUTS, G)
    window.actions["predict"].trigger()
    controller.seek(5)
    select_grad(qtbot, window, "a", 0, 0)
    return window


def test_the_action_has_a_key_and_says_what_it_does(window):
    action = window.actions["predict"]
    assert action.isCheckable() and action.shortcut().toString() == "Ctrl+Shift+P"
    assert "Ctrl+Shift+P" in action.toolTip()


def test_the_entry_is_a_question_until_its_step(quiz, controller):
    assert controller.prediction.hidden(controller.selection)
    assert quiz.explanation.scalar.text().startswith("∂L/∂a₁₁ = ?")
    assert quiz.explanation.heading.text() == "∂L/∂a₁₁ = ?"
    assert quiz.explanation.text() == "" and quiz.explanation.terms.count() == 0
    assert outlined(quiz, ("hidden",)) == {("a", (0, 0), True)}
    assert outlined(quiz) == set()   # what feeds it is part of the question


def test_a_right_value_is_accepted_when_the_step_reveals_it(qtbot, quiz, controller):
    qtbot.keyClicks(quiz.explanation.predict.value, "0.2505")   # within 1% of 0.25
    controller.step_forward()
    assert not controller.prediction.hidden(controller.selection)
    assert quiz.explanation.predict.verdict.text() == "0.2505 is right: ∂L/∂a₁₁ = 0.25"
    assert quiz.explanation.scalar.text().endswith("= 0.25")


def test_a_wrong_value_gets_two_more_tries_before_the_answer_shows(qtbot, quiz, controller):
    panel = quiz.explanation.predict
    qtbot.keyClicks(panel.value, "-0.3")
    qtbot.mouseClick(panel.check, Qt.MouseButton.LeftButton)
    assert panel.verdict.text() == "−0.3 is not right: 2 tries left"
    assert controller.prediction.hidden(controller.selection) and panel.value.isEnabled()
    qtbot.keyClick(panel.value, Qt.Key.Key_Return)   # Return checks too
    assert panel.verdict.text() == "−0.3 is not right: 1 try left"
    qtbot.mouseClick(panel.check, Qt.MouseButton.LeftButton)
    assert panel.verdict.text() == "−0.3 is not right: ∂L/∂a₁₁ = 0.25 (within 1% or 0.01 counts)"
    assert not panel.value.isEnabled()


def test_return_submits_a_right_value(qtbot, quiz, controller):
    panel = quiz.explanation.predict
    qtbot.keyClicks(panel.value, "0.25")
    qtbot.keyClick(panel.value, Qt.Key.Key_Return)
    assert panel.verdict.text() == "0.25 is right: ∂L/∂a₁₁ = 0.25"


def test_stepping_back_before_the_reveal_makes_a_new_question(qtbot, quiz, controller):
    panel = quiz.explanation.predict
    qtbot.mouseClick(panel.check, Qt.MouseButton.LeftButton)   # an empty field: the answer shows
    assert not panel.value.isEnabled()
    controller.step_back()
    assert controller.prediction.hidden(controller.selection)
    assert panel.value.isEnabled() and panel.check.isEnabled() and panel.verdict.text() == ""
    qtbot.keyClicks(panel.value, "0.2505")
    controller.seek(6)   # the step that completes ∂L/∂a reveals it
    assert panel.verdict.text() == "0.2505 is right: ∂L/∂a₁₁ = 0.25"
    controller.seek(5)
    assert controller.prediction.hidden(controller.selection) and panel.value.text() == ""


def test_the_hidden_cell_shows_its_question_mark_alone(quiz):
    grad = next(h for h in quiz.inspector.selected_row.visible_heatmaps() if h.title_text.startswith("∂L/∂a:"))
    assert grad.cover.reason == "not yet" and not grad.cover.text.isVisible()
    assert grad.outlines.question.isVisible()


def test_picked_cells_are_shown_right_missing_and_extra(qtbot, quiz, controller):
    panel = quiz.explanation.predict
    assert panel.legend.isHidden()   # nothing picked: no outline colour to name
    qtbot.mouseClick(panel.pick, Qt.MouseButton.LeftButton)
    assert not panel.legend.isHidden()
    row = quiz.inspector.selected_row.visible_heatmaps()
    d, b = (next(h for h in row if h.title_text.split(": ")[0] == t) for t in ("∂L/∂d", "b"))
    click(qtbot, d, 0, 0)
    click(qtbot, b, 1, 0)
    assert controller.selected_entry == ("a", (0, 0), True)   # picking does not change the selection
    assert outlined(quiz, ("picked",)) == {("d", (0, 0), True), ("b", (1, 0), False)}
    qtbot.mouseClick(panel.check, Qt.MouseButton.LeftButton)
    assert outlined(quiz, ("right",)) == {("d", (0, 0), True)}
    assert outlined(quiz, ("missing",)) == {("d", (0, 1), True), ("b", (0, 0), False), ("b", (0, 1), False)}
    assert outlined(quiz, ("extra",)) == {("b", (1, 0), False)}
    assert panel.verdict.text() == "cells: 1 right, 3 missing, 1 extra"
    assert "missing" in panel.legend.text() and "extra" in panel.legend.text()


def test_a_new_selection_is_a_new_question(qtbot, quiz, controller):
    qtbot.keyClicks(quiz.explanation.predict.value, "1")
    select_grad(qtbot, quiz, "a", 1, 1)
    assert controller.prediction.value is None and quiz.explanation.predict.value.text() == ""
    np.testing.assert_equal(controller.prediction.hidden(controller.selection), True)


def test_once_revealed_clicks_select_again(qtbot, quiz, controller):
    qtbot.mouseClick(quiz.explanation.predict.pick, Qt.MouseButton.LeftButton)
    controller.step_forward()   # step 6 computes ∂L/∂a: nothing left to predict
    select_grad(qtbot, quiz, "a", 1, 0)
    assert controller.selected_entry == ("a", (1, 0), True)
    assert quiz.explanation.predict.verdict.text() == \
        "∂L/∂a₂₁ is known from step 6 on: step back before it to predict it"


def test_a_partial_gradient_stays_a_question_until_its_last_contribution(qtbot, window, controller):
    controller.apply_text("a = randn(2, 2)\nb = randn(2, 2)\nd = a @ b\ne = d + a")
    window.actions["predict"].trigger()
    controller.seek(5)   # ∂L/∂a has its first contribution (through e), not yet the one through d
    assert controller.session.grad("a")[1] == "partial"
    select_grad(qtbot, window, "a", 0, 0)
    assert outlined(window, ("hidden",)) == {("a", (0, 0), True)}
    assert window.explanation.status.text().startswith("∂L/∂a₁₁ partial (1 of 2), complete at step 6")
    controller.step_forward()
    assert outlined(window, ("hidden",)) == set() and window.explanation.terms.count() == 3


def test_checking_gradients_while_an_entry_is_hidden_does_not_give_it_away(qtbot, quiz, monkeypatch):
    asked = []
    monkeypatch.setattr(quiz.arrays, "show_check", lambda: asked.append(True))
    quiz.actions["check"].trigger()
    assert asked == [] and "Predict first hides ∂L/∂a₁₁" in quiz.statusBar().currentMessage()


def test_new_numbers_make_a_checked_prediction_a_new_question(qtbot, quiz, controller):
    qtbot.keyClicks(quiz.explanation.predict.value, "0.25")
    qtbot.mouseClick(quiz.explanation.predict.check, Qt.MouseButton.LeftButton)
    assert not controller.prediction.hidden(controller.selection)
    controller.set_upstream(3 * G)
    assert controller.prediction.hidden(controller.selection)
    assert quiz.explanation.heading.text() == "∂L/∂a₁₁ = ?"
