"""Every op of the registry against central differences, over scalar, (n,), (m,n) and broadcast
(1,n) shapes: a new op file is covered with no other edit."""
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import engine
from engine.ops import REGISTRY

from .op_samples import cases, extend_with_ops


def assert_checks(text, inputs=None):
    report = engine.check(text, inputs=inputs)
    assert report["ok"], report
    assert report["inputs"], "nothing was checked"


@pytest.mark.parametrize("op", REGISTRY)
def test_every_op_passes_the_gradient_check_on_every_shape_it_takes(op):
    checked = []
    for label, text, inputs in cases(REGISTRY[op]):
        report = engine.check(text, inputs=inputs)
        assert report["ok"], (label, text, report)
        checked.append(label)
    assert checked, f"{op} took none of the sample shapes"


@pytest.mark.parametrize("expr", ["log(exp(x) + 1)", "x.T", "transpose(x)", "x / 3", "2 - x", "sum(x, axis=0)",
                                  "softmax(x, axis=0)", "mean(x, axis=-1)"])
def test_written_forms(expr):
    assert_checks(f"x = randn(2, 3)\ny = {expr}")


@pytest.mark.parametrize("xs,ws", [((2, 3), (3, 4)), ((3,), (3, 4)), ((2, 3), (3,)), ((3,), (3,))])
def test_matmul_shapes(xs, ws):
    def decl(s):
        return f"randn({', '.join(map(str, s))})"
    assert_checks(f"x = {decl(xs)}\nw = {decl(ws)}\ny = x @ w")


def test_value_used_twice_gets_two_steps_and_accumulates():
    s = engine.Session("h = tanh(a)\ny = h * h")
    mul_steps = [st for st in s.steps if st.kind == "backward" and st.target == "h"]
    assert [(st.k, st.n) for st in mul_steps] == [(1, 2), (2, 2)]
    assert mul_steps[1].equation_text().startswith("∂L/∂h +=")
    h = s.records.values["h"]
    np.testing.assert_allclose(s.records.grads["h"], 2 * h)
    np.testing.assert_allclose(mul_steps[0].array, h)  # history kept: the first contribution alone


def test_constants_get_no_step():
    s = engine.Session("y = a * 2 + 1")
    assert [st.target for st in s.steps if st.kind == "backward"] == ["t1", "a"]


REGISTRY_INPUTS = "a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nlab = labels(2, 2)\n"
REGISTRY_PROGRAMS = st.recursive(st.sampled_from(["a", "b", "c", "a", "2"]), extend_with_ops, max_leaves=5)


def moderate(result):
    """Values and gradients finite and of moderate size, where central differences are exact
    enough for the check's tolerance."""
    arrays = list(result.values.values()) + list(result.grads.values())
    return all(np.all(np.isfinite(v)) and np.all(np.abs(v) < 1e3) for v in arrays)


@given(REGISTRY_PROGRAMS)
def test_random_programs_over_the_whole_registry_pass_the_gradient_check(expr):
    text = REGISTRY_INPUTS + f"y = {expr}"
    try:
        result = engine.grad(text)
    except engine.EngineError as exc:
        assert str(exc).strip()
        return
    assume(moderate(result))
    report = engine.check(text)
    assert report["ok"], (text, report)
