"""Stepping is a cursor over one computed pass; records own their arrays."""
import numpy as np
import pytest

import engine
from engine import GradState


def test_cursor_moves_without_recomputing():
    s = engine.Session("d = a @ b + c")
    steps = s.steps
    s.seek(99)
    assert s.cursor == 7
    s.seek(s.cursor - 1)
    s.seek(0)
    assert s.steps is steps


def test_values_and_gradients_after_each_step():
    s = engine.Session("d = a @ b + c")
    assert s.value("a", 0) is not None and s.value("t1", 0) is None
    assert s.value("t1", 1) is not None and s.value("d", 1) is None
    assert s.grad("a", 5)[1] == GradState.NOT_YET
    assert s.grad("a", 6)[1] == GradState.DONE
    assert s.completing_step("a").index == 6


def test_partial_gradient_and_no_path():
    s = engine.Session("h = tanh(a)\ny = h * h\nz = b * 2", start="y")
    first = s.completing_step("h").index - 1
    arr, state, k, n = s.grad("h", first)
    assert (state, k, n) == (GradState.PARTIAL, 1, 2)
    assert s.grad("b", 99)[1] == GradState.NO_PATH


def test_records_cannot_be_rewritten():
    s = engine.Session("h = tanh(a)\ny = h * h")
    with pytest.raises(ValueError):
        s.steps[-1].array[...] += 1
    for step in s.steps:
        assert not step.array.flags.writeable


def test_start_from_an_inner_node_and_user_upstream():
    g = np.array([[1.0, 0.0], [0.0, 0.0]])
    s = engine.Session("t = a @ b\nd = relu(t)", start="t", upstream=g)
    assert [st.target for st in s.steps[2:]] == ["t", "a", "b"]
    np.testing.assert_allclose(s.records.grads["a"], g @ s.records.values["b"].T)
    with pytest.raises(engine.InputError, match="shape"):
        engine.Session("d = a @ b", upstream=np.ones(3))


def test_re_drawing_with_new_seeds_keeps_one_array_per_input():
    prepared = engine.prepare(engine.parse("d = a @ b"))
    for seed in range(1, 6):
        s = engine.Session(prepared, rng_seed=seed)
    seeded = [k for k in prepared.memo if k[0] == "seeded"]
    assert sorted(seeded) == [("seeded", "a"), ("seeded", "b")]
    assert np.array_equal(s.records.values["a"], engine.Session("d = a @ b", rng_seed=5).records.values["a"])


def test_an_input_made_writable_again_by_its_owner_does_not_rewrite_history():
    a = np.array([[1.0, 2.0], [3.0, 4.0]])
    a.flags.writeable = False
    s = engine.Session("d = a @ b", {"a": a})
    a.flags.writeable = True
    a[0, 0] = 99.0
    assert s.records.values["a"][0, 0] == 1.0
    with pytest.raises(ValueError):
        s.records.values["a"].flags.writeable = True


def test_a_prepared_program_gives_the_same_numbers_as_its_text(seed_inputs):
    text = "d = a @ b + c"
    prepared = engine.prepare(engine.parse(text))
    assert engine.prepare(prepared) is prepared
    assert engine.prepare(prepared.program) is prepared   # a bare Program finds its preparation
    for given in (text, prepared.program, prepared):
        r = engine.grad(given, seed_inputs)
        np.testing.assert_array_equal(r.grads["a"], np.ones((2, 2)) @ seed_inputs["b"].T)
    assert engine.Session(prepared, seed_inputs).prepared is prepared
    assert engine.check(prepared, inputs=seed_inputs)["ok"]
    assert engine.explain(prepared, "a[0,0]", inputs=seed_inputs)["entry"] == "a[0,0]"


def test_a_program_keeps_no_cache_of_its_own():
    program = engine.parse("d = a @ b")
    engine.grad(program)
    assert "cache" not in vars(program)


def test_a_callers_array_changed_in_place_after_grad_does_not_rewrite_history():
    a, t = np.array([[1.0, -2.0], [3.0, 4.0]]), np.zeros((2, 2))
    program = engine.parse("y = relu(a @ b)\nL = mse(y, t)")
    result = engine.grad(program, inputs={"a": a, "b": np.eye(2), "t": t})
    kept = {n: v.copy() for n, v in result.values.items()}, {n: g.copy() for n, g in result.grads.items()}
    a += 10.0   # the caller's own arrays, written in place
    t[...] = 5.0
    assert not np.shares_memory(result.values["a"], a)
    for name, value in result.values.items():
        np.testing.assert_array_equal(value, kept[0][name])
    for name, g in result.grads.items():
        np.testing.assert_array_equal(g, kept[1][name])
    np.testing.assert_array_equal(result.records.steps[0].array, kept[0]["a"] @ np.eye(2))


def test_arrays_the_engine_made_are_taken_as_they_are_and_stay_read_only():
    program = engine.prepare(engine.parse("y = relu(a @ b)\nL = mse(y, t)"))
    first = engine.grad(program, inputs={"a": np.ones((2, 2)), "b": np.eye(2), "t": np.zeros((2, 2))})
    given = {n: first.values[n] for n in ("a", "b", "t")}
    again = engine.grad(program, inputs=given)   # the engine's own sealed arrays: no copy
    assert all(again.values[n] is first.values[n] for n in ("a", "b", "t"))
    steps = again.records.steps
    arrays = [s.array for s in steps] + [s.contribution for s in steps if s.kind == "backward"]
    for array in arrays + list(again.values.values()) + list(again.grads.values()):
        with pytest.raises(ValueError):
            array[...] = 0.0


def test_step_records_are_built_once_on_first_read():
    records = engine.grad(engine.parse("y = relu(a @ b + c)")).records
    steps = records.steps
    assert records.steps is steps
    assert [s.index for s in steps] == list(range(1, len(steps) + 1))
    assert [s.kind for s in steps] == ["forward"] * 3 + ["seed"] + ["backward"] * 5
    relu_step = steps[4]
    np.testing.assert_array_equal(relu_step.upstream, records.grads["y"])
    np.testing.assert_array_equal(relu_step.array, records.grads["t2"])


def large_inputs(a):
    """Inputs large enough that grad copies them into buffers kept with the program."""
    return {"a": a, "b": np.eye(a.shape[1])}


def data_address(array):
    return array.__array_interface__["data"][0]


def test_a_large_input_copied_again_leaves_every_array_still_held_as_it_was():
    program = engine.prepare(engine.parse("y = a @ b"))
    a = np.ones((128, 256))
    first = engine.grad(program, inputs=large_inputs(a))
    row = engine.grad(program, inputs=large_inputs(a + 1.0)).values["a"][0]   # only a row is held
    for _ in range(4):
        a += 1.0
        engine.grad(program, inputs=large_inputs(a))
    assert first.values["a"][0, 0] == 1.0 and first.records.steps[0].array[0, 0] == 1.0
    assert row[0] == 2.0
    with pytest.raises(ValueError):
        first.values["a"][0, 0] = 0.0


def test_a_large_input_copied_again_reuses_a_buffer_nothing_holds():
    program = engine.prepare(engine.parse("y = a @ b"))
    a = np.ones((128, 256))
    seen = {data_address(engine.grad(program, inputs=large_inputs(a)).values["a"])}
    for step in range(2, 6):
        a += 1.0
        result = engine.grad(program, inputs=large_inputs(a))   # the last result is held meanwhile
        seen.add(data_address(result.values["a"]))
        assert result.values["a"][0, 0] == step and not result.values["a"].flags.writeable
    assert len(seen) <= 2


def test_a_large_output_written_again_leaves_every_array_still_held_as_it_was():
    program = engine.prepare(engine.parse("t = a @ b\ny = t + c"))
    a, b = np.ones((128, 256)), np.eye(256)
    first = engine.grad(program, inputs={"a": a, "b": b, "c": np.zeros(256)})
    column = engine.grad(program, inputs={"a": a, "b": b, "c": np.ones(256)}).values["y"][:, 0]   # a view
    for k in range(2, 6):
        engine.grad(program, inputs={"a": a, "b": b, "c": np.full(256, float(k))})
    assert first.values["y"][0, 0] == 1.0 and first.records.steps[1].array[0, 0] == 1.0
    assert column[0] == 2.0
    with pytest.raises(ValueError):
        first.values["y"][0, 0] = 0.0


def test_a_large_output_reuses_a_buffer_nothing_holds():
    program = engine.prepare(engine.parse("t = a @ b\ny = t + c"))
    a, b = np.ones((128, 256)), np.eye(256)
    seen = set()
    for k in range(6):
        result = engine.grad(program, inputs={"a": a, "b": b, "c": np.full(256, float(k))})
        seen.add(data_address(result.values["y"]))   # the last result is held meanwhile
        assert result.values["y"][0, 0] == k + 1.0 and not result.values["y"].flags.writeable
    assert len(seen) <= 2
