"""What the Paths view draws, without Qt: bounded listings with an exact sum, the play steps'
running sums, the reversed graph of a value entry and the whole small program."""
import math

import numpy as np
import pytest

import engine
from gui.model.paths_picture import backward_picture, forward_picture
from gui.model.scalar_picture import scalar_picture

WIDE = "a = randn(4, 64); b = randn(64, 64); c = randn(64); d = a @ b + c"


def session(text):
    s = engine.Session(text)
    s.seek(s.total)
    return s


def test_a_long_listing_keeps_its_first_and_last_paths_and_an_exact_sum():
    s = session(WIDE)
    pic = backward_picture(s, "a", (3, 5))
    gap = [b for b in pic.boxes if b.kind == "gap"]
    assert [b.text for b in gap] == ["… 58 more paths, the same pattern over j = 4…61"]
    assert len([b for b in pic.boxes if b.kind == "product"]) == 7   # 6 paths and the gap's sum
    grad = float(s.records.grads["a"][3, 5])
    assert math.isclose(pic.total, grad, rel_tol=1e-9)
    assert math.isclose(pic.running(len(pic.steps)), grad, rel_tol=1e-9, abs_tol=1e-12)
    assert [step[1] for step in pic.steps] == [0, 1, 2, None, 61, 62, 63]   # the term ranks played


def test_the_expanded_paths_subdivide_the_terms_and_sum_to_the_gradient():
    s = session("a = randn(2, 3); b = randn(3, 2); h = tanh(a @ b); d = sum(h * h)")
    pic = backward_picture(s, "a", (1, 2), expand=True, limit=100)
    assert math.isclose(pic.running(len(pic.steps)), float(s.records.grads["a"][1, 2]), rel_tol=1e-9)
    assert {b.entry[0] for b in pic.boxes if b.kind == "entry"} >= {"a", "t1", "h"}


def test_a_value_entry_is_the_sum_of_its_summands():
    s = session("a = randn(2, 2); b = randn(2, 2); c = randn(2); d = a @ b + c")
    pic = forward_picture(s, "d", (1, 0))
    values = s.records.values
    assert math.isclose(pic.running(len(pic.steps)), values["d"][1, 0], rel_tol=1e-12)
    inputs = {b.entry[:2] for b in pic.boxes if b.kind == "entry"}
    assert inputs == {("a", (1, 0)), ("b", (0, 0)), ("a", (1, 1)), ("b", (1, 0)), ("c", (0,))}


def test_the_whole_program_is_refused_past_64_entries():
    with pytest.raises(engine.EngineError, match="at most 64"):
        scalar_picture(session(WIDE), None)


def test_the_whole_program_places_each_value_one_column_past_its_operands():
    pic, lit = scalar_picture(session("a = randn(2, 2); b = randn(2, 2); c = randn(2); d = a @ b + c"), None)
    column = {b.key: b.column for b in pic.boxes}
    assert {column[("a", (0, 0))], column[("t1", (1, 1))], column[("d", (0, 1))]} == {0, 1, 2}
    assert len({(b.column, b.row) for b in pic.boxes}) == len(pic.boxes) == 18   # no two in one place
    assert lit == frozenset() and np.isfinite([float(b.text.split(" = ")[1].split("\n")[0].replace("−", "-"))
                                               for b in pic.boxes]).all()


def test_a_long_summand_keeps_its_first_and_last_input_entries():
    s = session("a = randn(4, 64); b = randn(64, 64); c = randn(64); d = relu(a @ b + c)")
    pic = forward_picture(s, "d", (0, 0))
    assert [b.text for b in pic.boxes if b.kind == "gap"] == ["… 123 more entries"]   # 64 + 64 + 1 inputs
    entries = [b.entry[:2] for b in pic.boxes if b.kind == "entry"]
    assert entries[:3] == [("a", (0, 0)), ("b", (0, 0)), ("a", (0, 1))] and len(entries) == 6
    assert math.isclose(pic.running(len(pic.steps)), s.records.values["d"][0, 0], rel_tol=1e-12)


def test_a_gradient_zero_up_to_rounding_reads_0_as_in_the_heatmaps():
    s = session("x = randn(3, 4); W = randn(4, 3); p = softmax(x @ W, axis=1)")   # G = ones: ∂L/∂x = 0
    for name in ("x", "W", "t1"):
        pic = backward_picture(s, name, (0, 0))
        assert s.magnitudes.shown_grad(name, s.cursor, s.grad(name)[0])[0, 0] == 0
        assert pic.total != 0   # the computed sum is rounding, a few 1e−17
        assert pic.title.endswith(" = 0") and pic.boxes[0].text.endswith("∂L = 0")
        assert pic.running(len(pic.steps)) == 0 and pic.running(1) != 0   # one term alone is no rounding
