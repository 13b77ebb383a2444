"""The app model's rules, as plain tests: no Qt, no qtbot."""
import numpy as np
import pytest

import engine
from gui.model import canvas_edits
from gui.model.document import Document
from gui.model.model import Changed, StudioModel

SEED = "a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c"
G = np.array([[0.3, -0.1], [0.7, 2.0]])


def test_applying_text_with_a_hole_keeps_the_inputs():
    m = StudioModel(SEED)
    m.set_input("a", np.eye(2))
    m.apply_text(SEED.replace("a @ b + c", "a @ ?"))
    assert m.shown.session is None and "wire d's second input" in m.shown.reason
    np.testing.assert_array_equal(m.shown.input_values()["a"], np.eye(2))   # still drawn, still the user's
    m.apply_text(SEED)
    np.testing.assert_array_equal(m.shown.session.records.values["a"], np.eye(2))


def test_a_hole_keeps_the_computable_part():
    m = StudioModel(SEED)
    whole = m.shown.session.records.values
    m.apply_text(SEED + "\nt3 = relu(?)\ne = d * t3")
    part = m.shown.inputs
    assert m.shown.session is None and part.program.output == "d"
    assert [e.out for e in part.program.eqns] == ["t1", "d"]
    np.testing.assert_array_equal(part.records.values["d"], whole["d"])
    m.apply_text("a = randn(2, 3)\nw = randn(2, 3)\nt = a @ w\nd = relu(t) + ?")   # broken before the hole
    assert [e.out for e in m.shown.inputs.program.eqns] == []


def test_undo_restores_start_node_g_positions_and_cursor():
    m = StudioModel(SEED)
    m.set_upstream(G)
    m.seek(6)
    before_places = m.shown.places()
    m.move_nodes({"a": (500.0, 500.0)})
    m.set_start("t1")
    m.seek(2)
    assert m.document.start == "t1" and m.document.upstream is None and m.view.cursor == 2
    m.undo()   # the start node
    assert m.document.start is None and m.view.cursor == 6
    np.testing.assert_array_equal(m.shown.session.upstream, G)
    assert m.shown.places()["a"] == (500.0, 500.0)
    m.undo()   # the move
    assert m.shown.places() == before_places
    m.redo()
    m.redo()
    assert m.document.start == "t1" and m.view.cursor == 2   # redo shows the view it was left with


def test_stepping_is_not_a_history_entry():
    m = StudioModel(SEED)
    m.seek(3)
    m.seek(5)
    assert len(m.history.entries) == 1 and m.seek(5) == Changed.NONE


def test_a_selection_survives_an_edit_that_keeps_its_node():
    m = StudioModel(SEED)
    m.seek(99)
    m.select_text("grad a[0,0]")
    m.apply_text(SEED.replace("a @ b + c", "relu(a @ b + c)"))
    assert m.view.entry == ("a", (0, 0), True) and m.view.node == "a"
    assert m.selection is not None and m.selection.att is not None
    m.apply_text("a = randn(2, 2)\nd = a * 2")
    assert m.view.entry == ("a", (0, 0), True)
    m.apply_text("x = randn(2, 2)\nd = x * 2")
    assert m.view.entry is None and m.selection is None and m.view.node == ""


def test_the_text_is_parsed_once_per_apply(monkeypatch):
    m = StudioModel(SEED)
    calls = []
    real = engine.parse
    monkeypatch.setattr(engine, "parse", lambda text: calls.append(text) or real(text))
    m.apply_text(SEED + "\ne = relu(d)")
    assert calls == [SEED + "\ne = relu(d)"]


def test_a_text_that_does_not_parse_keeps_the_document():
    m = StudioModel(SEED)
    document = m.document
    assert m.apply_text("d = a @ (b +") == Changed.ERROR
    assert isinstance(m.error, engine.ParseError) and m.document is document
    assert len(m.history.entries) == 1


def test_inputs_that_do_not_fit_are_refused_and_change_nothing():
    m = StudioModel(SEED)
    document = m.document
    with pytest.raises(engine.EngineError):
        m.set_upstream(np.ones(3))
    assert m.document is document and len(m.history.entries) == 1


def test_a_document_is_immutable():
    d = Document("d = a", {"a": [[1.0, 2.0]]}, positions={"a": [1, 2]})
    with pytest.raises(TypeError):
        d.inputs["a"] = np.zeros(2)
    with pytest.raises(ValueError):
        d.inputs["a"][0, 0] = 5.0
    assert d.positions["a"] == (1.0, 2.0)
    assert d.edited(rng_seed=3).inputs is d.inputs   # an edit that leaves a field alone shares it


def test_canvas_edits_are_document_functions():
    m = StudioModel("a = randn(2, 2)")

    def relu():
        return next(n for n in m.shown.graph.nodes if n not in ("a", "L"))
    m.edit_canvas(canvas_edits.add, "op", "relu", (200.0, 0.0))
    assert m.document.text == "a = randn(2, 2)\nt1 = relu(?)" and m.shown.session is None
    assert m.shown.places()[relu()] == (200.0, 0.0)
    m.edit_canvas(canvas_edits.connect, "a", relu(), 0)
    assert m.document.text == "a = randn(2, 2)\nt1 = relu(a)" and m.shown.session is not None
    assert m.shown.places()[relu()] == (200.0, 0.0)   # the place follows the node to its new id
    m.edit_canvas(canvas_edits.rename, relu(), "h")
    assert m.document.text == "a = randn(2, 2)\nh = relu(a)"
    with pytest.raises(engine.EngineError):
        m.edit_canvas(canvas_edits.connect, relu(), "a", 0)   # nothing wires into an input
    m.undo()
    m.undo()
    assert m.document.text == "a = randn(2, 2)\nt1 = relu(?)"


def test_the_canvas_is_read_only_while_the_text_does_not_parse():
    m = StudioModel(SEED)
    m.apply_text("d = (")
    with pytest.raises(engine.InputError, match="read-only"):
        m.edit_canvas(canvas_edits.add, "op", "relu", (0.0, 0.0))


def test_new_numbers_make_a_checked_prediction_a_new_question():
    m = StudioModel(SEED)
    m.update_prediction(on=True)
    m.select_text("grad a[0,0]")
    m.update_prediction(value=0.25)
    m.check_prediction()
    m.set_upstream(G)
    assert m.prediction.value is None and not m.prediction.checked and m.prediction.on


def test_a_program_with_a_hole_and_a_broken_rule_opens_without_a_pass():
    m = StudioModel("a = randn(2, 2)\nw = randn(3, 2)\nt = a @ w\nd = relu(t) + ?")
    reason = m.shown.reason
    assert "inner dimensions 2 and 3 differ" in reason and "wire d's second input" in reason
    assert m.seek(3) == Changed.NONE and m.shown.session is None and m.view.cursor == 0
    assert [i.name for i in m.shown.inputs.program.inputs] == ["a", "w"]   # the inputs panel has them


def test_without_a_pass_a_selection_is_what_the_inputs_have():
    m = StudioModel("a = randn(2, 2)\nd = a @ ?")
    m.select_text("a[1,0]")
    assert m.view.entry == ("a", (1, 0), False) and m.selection is None   # nothing to attribute on yet
    assert m.select_text("zz[0,0]") == Changed.NONE
    m.apply_text("a = randn(2, 2)\nd = a @ a")
    assert m.selection is not None and m.selection.entry == ("a", (1, 0), False)
    with pytest.raises(engine.EngineError):
        m.select_text("zz[0,0]")
