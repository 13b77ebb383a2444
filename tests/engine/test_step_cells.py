"""The cells of a step's equation that feed an entry (engine.step_cells), against an independent
oracle: one-hot perturbations through the step's own function, dense, at random generic values of
its operands, each operand perturbed separately (a test oracle only, on small shapes)."""
import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engine
from engine.broadcast import unbroadcast
from engine.cli import main
from engine.passes import run_pass
from engine.step_cells import step_cells
from tests.engine.test_attribution_property import PROGRAMS, computed

INPUTS = "a = randn(2, 3); b = randn(3, 2); s = randn(2, 2); c = randn(2); r = randn(1, 2)\n"
MATRIX = ["{m} @ {m}", "{m} @ {m}.T", "a @ b", "{m} + {v}", "{m} * {v}", "{m} * r", "{m} - {m}", "{m} * {m}",
          "{m} / ({m} ** 2 + 1)", "relu({m})", "tanh({m})", "sigmoid({m})", "exp({m})", "softmax({m}, axis=0)",
          "softmax({m})", "transpose({m})", "-{m}", "{m} @ {m} + {m}", "relu({m} @ {m} + {v})"]
VECTOR = ["sum({m}, axis=0)", "mean({m}, axis=1)", "{m} @ {v}", "{v} @ {m}", "softmax({v})", "{v} * {v} - {v}"]
SCALAR = ["sum({m})", "mse({m}, {m})", "mean({m} * {v})", "{v} @ {v}"]


@st.composite
def statements(draw):
    """2 to 4 statements over 2×2 matrices and (2,) vectors, names reused (fan-out), ending
    maybe in a scalar loss."""
    pools, lines = {"m": ["s"], "v": ["c"]}, []
    for n in range(draw(st.integers(2, 4))):
        kind = draw(st.sampled_from(["m", "m", "v"]))
        template = draw(st.sampled_from(MATRIX if kind == "m" else VECTOR))
        while "{" in template:
            hole = template[template.index("{") + 1]
            template = template.replace("{" + hole + "}", draw(st.sampled_from(pools[hole])), 1)
        lines.append(f"h{n} = {template}")
        pools[kind].append(f"h{n}")
    if draw(st.booleans()):
        loss = draw(st.sampled_from(SCALAR))
        lines.append("L = " + loss.format(m=pools["m"][-1], v=pools["v"][-1]))
    return INPUTS + "\n".join(lines)

JUMP = 3.0   # a perturbation large enough to switch a relu on or off from any generic value


def generic(shape, rng):
    """Random values away from zero and from each other, so no partial vanishes by accident."""
    return rng.uniform(0.5, 1.5, size=shape)


def changed(new, old):
    return ~((new == old) | (np.isnan(new) & np.isnan(old)))


# ---- backward steps: the rule's matrices as independent variables ---------------------------------

def matmul_view(step, arrays):
    """The rule's `∂L/∂y @ wᵀ` or `xᵀ @ ∂L/∂y` evaluated on the operands read as matrices."""
    x, w = (np.shape(v) for v in step.operands)
    m, inner, n = int(np.prod(x[:-1])), x[-1], (w[1] if len(w) == 2 else 1)
    left, right = arrays
    if step.rule.target_index == 0:
        return (left.reshape(m, n) @ right.T.reshape(inner, n).T).reshape(x)
    return (left.T.reshape(m, inner).T @ right.reshape(m, n)).reshape(w)


def rule_function(step, arrays):
    """The step's own function of its rule's matrices: the parts combined (⊙ and ⊘ before + and
    −, a leading − a sign), summed back to the target's shape."""
    parts = step.rule.parts
    if "@" in parts:
        return matmul_view(step, arrays)
    values, total, product, sign, op = iter(arrays), 0.0, None, 1.0, None
    for part in parts:
        if part in ("+", "−"):
            if product is not None:
                total, product = total + sign * product, None
            sign = 1.0 if part == "+" else -1.0
        elif isinstance(part, str):
            op = part
        else:
            v = np.asarray(next(values))
            product = v if product is None else product * v if op == "⊙" else product / v
    return unbroadcast(np.asarray(total + sign * product), np.shape(step.contribution))


def backward_oracle(step, flat, rng):
    """Per term, the flat cells (of the array it shows) whose one-hot change moves the result entry."""
    real = step.rule_arrays()
    assert np.allclose(rule_function(step, real), step.contribution, equal_nan=True)
    arrays = [generic(np.shape(a), rng) for a in real]
    base = rule_function(step, arrays).reshape(-1)[flat]
    found = []
    for t, a in enumerate(arrays):
        cells = []
        for c in range(a.size):
            moved = [x.copy() for x in arrays]
            moved[t].reshape(-1)[c] += JUMP
            if changed(rule_function(step, moved).reshape(-1)[flat], base):
                cells.append(c)
        found.append(own_cells(cells, a.shape, step.rule.terms()[t].transpose))
    return found


def own_cells(cells, shape, transposed):
    """Cells of a shown (maybe transposed) matrix as flat cells of its own array, sorted."""
    if not transposed or len(shape) < 2:
        return sorted(cells)
    return sorted(c % shape[1] * shape[0] + c // shape[1] for c in cells)


# ---- forward steps: the op's forward with each operand perturbed ------------------------------------

def forward_oracle(step, flat, rng, values):
    """Per input of the equation, the flat cells whose change (either way) moves the output entry;
    integer labels have no derivative: they are kept as they are, and feed through no cell."""
    eqn = step.eqn
    opdef = engine.ops.lookup(eqn.op)
    fn, kwargs = opdef.forward, eqn.kwargs
    arrays = [np.asarray(values[x]) if isinstance(x, str) else np.asarray(float(x.value)) for x in eqn.inputs]
    arrays = [a if j in opdef.labels or not isinstance(x, str) else generic(a.shape, rng)
              for j, (a, x) in enumerate(zip(arrays, eqn.inputs))]
    with np.errstate(all="ignore"):
        base = np.asarray(fn(*arrays, **kwargs)).reshape(-1)[flat]
        return [[] if j in opdef.labels else moving_cells(fn, kwargs, arrays, j, flat, base)
                for j in range(len(arrays))]


def moving_cells(fn, kwargs, arrays, j, flat, base):
    """The cells of input j whose change by ±JUMP moves the output entry."""
    cells = []
    for c in range(arrays[j].size):
        for jump in (JUMP, -JUMP):
            moved = [x.copy() for x in arrays]
            moved[j].reshape(-1)[c] += jump
            if changed(np.asarray(fn(*moved, **kwargs)).reshape(-1)[flat], base):
                cells.append(c)
                break
    return cells


# ---- the property --------------------------------------------------------------------------------

def entries(records, data):
    """Every value with a drawn index, as a value entry and (with a path to L) as a gradient entry."""
    found = []
    for name in sorted(records.values):
        index = tuple(data.draw(st.integers(0, n - 1)) for n in records.values[name].shape)
        found += [(name, index, False)] + ([(name, index, True)] if name in records.grads else [])
    return found


def check_every_step(records, name, index, is_grad, rng):
    """Each step's cells for the entry equal the oracle's, and exactly its own steps have cells."""
    flat = int(np.ravel_multi_index(index, records.values[name].shape)) if index else 0
    shown = 0
    for step in records.steps:
        found = step_cells(records, (name, index), is_grad, step.index)
        assert (found is not None) == (step.target == name and (step.kind == "forward") != is_grad)
        if found is None:
            continue
        shown += 1
        assert found.result.flat.tolist() == [flat]
        if step.kind == "seed":
            assert found.operands == ()
            continue
        oracle = backward_oracle(step, flat, rng) if is_grad else forward_oracle(step, flat, rng, records.values)
        if not is_grad and not any(oracle):
            # an output constant however its operands move (softmax or var along an axis of length
            # 1, x ** 0): the cells say what the equation reads, the derivative is 0 everywhere
            continue
        assert [c.flat.tolist() for c in found.operands] == [sorted(o) for o in oracle], step.equation_text()
    contributions = sum(1 for s in records.steps if s.kind != "forward" and s.target == name)
    assert shown == (contributions if is_grad else int(records.program.producer(name) is not None))


@given(st.one_of(statements(), PROGRAMS), st.data())
def test_the_cells_of_every_step_equal_the_oracle(text, data):
    records = computed(text)
    rng = np.random.default_rng(data.draw(st.integers(0, 2 ** 16)))
    for name, index, is_grad in entries(records, data):
        check_every_step(records, name, index, is_grad, rng)


# ---- hand-checked cases and the command line ----------------------------------------------------

def test_seed_step_6_reads_row_one_of_the_gradient_and_row_one_of_b(seed_inputs):
    found = engine.explain("d = a @ b + c", "a[0,0]", inputs=seed_inputs, step=6)["step"]
    assert found["equation"] == "∂L/∂a = ∂L/∂t1 @ bᵀ"
    grad, b = found["operands"]
    assert (grad["label"], grad["node"], grad["grad"], grad["cells"]) == ("∂L/∂t1", "t1", True, [[0, 0], [0, 1]])
    assert (b["label"], b["slot"], b["transposed"], b["cells"]) == ("bᵀ", 1, True, [[0, 0], [0, 1]])


def test_fan_out_step_7_reads_column_one_of_a_and_column_two_of_the_gradient():
    found = engine.explain("y = a @ a + a", "a[0,1]", step=7)["step"]
    assert found["equation"] == "∂L/∂a += aᵀ @ ∂L/∂t1"
    a, grad = found["operands"]
    assert (a["slot"], a["transposed"], a["cells"]) == (0, True, [[0, 0], [1, 0]])
    assert grad["cells"] == [[0, 1], [1, 1]]


def test_a_step_that_does_not_compute_the_entry_is_null():
    assert engine.explain("d = a @ b + c", "a[0,0]", step=7)["step"] is None
    assert engine.explain("d = a @ b + c", "d[0,0]", step=6, forward=True)["step"] is None


def test_the_seed_step_computes_the_start_nodes_entries():
    found = engine.explain("d = a @ b + c", "d[1,0]", step=3)["step"]
    assert (found["op"], found["result"]["cells"], found["operands"]) == ("seed", [[1, 0]], [])


def test_a_relu_that_is_off_still_feeds_at_its_own_cell():
    inputs = {"x": -np.ones((2, 2))}
    found = engine.explain("y = relu(x)", "x[1,0]", inputs=inputs, step=3)["step"]
    assert [(o["label"], o["cells"]) for o in found["operands"]] == [("∂L/∂y", [[1, 0]]), ("relu′(x)", [[1, 0]])]


def test_a_bias_entry_reads_its_column_of_the_upstream_gradient():
    found = engine.explain("c = randn(2); d = a @ b + c", "c[1]", step=5)["step"]
    assert found["operands"][0]["cells"] == [[0, 1], [1, 1]]


def test_a_forward_step_of_a_matmul_reads_a_row_and_a_column():
    found = engine.explain("y = a @ b", "y[1,0]", step=1, forward=True)["step"]
    assert [o["cells"] for o in found["operands"]] == [[[1, 0], [1, 1]], [[0, 0], [1, 0]]]


def test_the_command_line_prints_the_step(capsys):
    assert main(["explain", "y = a @ a + a", "--entry", "a[0,1]", "--step", "7", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)["step"]
    assert found["index"] == 7 and found["result"] == {"label": "∂L/∂a", "node": "a", "grad": True,
                                                       "cells": [[0, 1]]}


def test_a_step_outside_the_pass_is_an_error(capsys):
    assert main(["explain", "y = a @ a + a", "--entry", "a[0,1]", "--step", "99", "--format", "json"]) == 2
    assert "step 99 is outside" in capsys.readouterr().err


def test_a_1024_matmul_step_is_a_row_and_a_column_without_a_dense_jacobian():
    records = engine.grad("d = a @ b + c", {"a": np.ones((1024, 1024)), "b": np.ones((1024, 1024)),
                                            "c": np.ones(1024)}).records
    found = step_cells(records, ("a", (3, 5)), True, 6)
    assert [c.blocks() for c in found.operands] == [[(slice(3, 4), slice(0, 1024))], [(slice(5, 6), slice(0, 1024))]]


# ---- the entries an input entry reaches downstream (engine.reach) ----------------------------------

@given(statements(), st.data())
def test_the_entries_an_input_entry_reaches_are_those_its_perturbation_moves(text, data):
    """One-hot forward perturbations of an input entry, at generic positive values, move exactly
    the entries engine.reach lists (no relu, no subtraction, no mse of a value with itself, no
    softmax, whose sum along its axis is constant: they may hide a structural path)."""
    import re

    from hypothesis import assume

    from engine.reach import reached
    assume(not re.search(r"relu|softmax| - ", text) and not re.search(r"mse\((\w+), \1\)", text))
    records = computed(text)
    rng = np.random.default_rng(data.draw(st.integers(0, 2 ** 16)))
    program = records.program
    inputs = {i.name: generic(records.values[i.name].shape, rng) for i in program.inputs}
    base = engine.grad(program, inputs).records.values
    name = data.draw(st.sampled_from(sorted(inputs)))
    index = tuple(data.draw(st.integers(0, n - 1)) for n in inputs[name].shape)
    moved = {n: v.copy() for n, v in inputs.items()}
    moved[name][index] += JUMP
    after = engine.grad(program, moved).records.values
    found = reached(records, name, index)
    for node, flat in found.items():
        assert np.flatnonzero(changed(after[node].reshape(-1), base[node].reshape(-1))).tolist() == flat.tolist()


# ---- every op of the registry ----------------------------------------------------------------------

def registry_cases():
    from tests.engine.op_samples import cases
    from engine.ops import REGISTRY
    return [pytest.param(text, given_inputs, id=f"{name} {label}")
            for name, opdef in REGISTRY.items() for label, text, given_inputs in cases(opdef)]


@pytest.mark.parametrize("text,given_inputs", registry_cases())
def test_every_ops_step_cells_equal_the_oracle(text, given_inputs):
    """Each op's sample programs, every entry of every value, every step (an op added is tested)."""
    records = run_pass(engine.parse(text), given_inputs)
    rng = np.random.default_rng(0)
    for name, value in records.values.items():
        for index in np.ndindex(value.shape):
            for is_grad in (False, True) if name in records.grads else (False,):
                check_every_step(records, name, index, is_grad, rng)
