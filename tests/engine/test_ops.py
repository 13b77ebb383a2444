"""Every op's VJPs against central differences, over scalar, (n,), (m,n) and broadcast shapes."""
import numpy as np
import pytest

import engine

SHAPES = {"scalar": "randn()", "vector": "randn(3)", "matrix": "randn(2, 3)", "row": "randn(1, 3)"}
UNARY = ["relu(x)", "tanh(x)", "sigmoid(x)", "exp(x)", "log(exp(x) + 1)", "-x", "x ** 2", "x ** 3",
         "sum(x)", "mean(x)", "x.T", "transpose(x)", "x / 3", "2 - x"]
AXIS = ["sum(x, axis=0)", "mean(x, axis=-1)", "softmax(x)", "softmax(x, axis=0)"]
BINARY = ["x + y", "x - y", "x * y", "x / (y * y + 1)", "mse(x, y)"]


def assert_checks(text):
    report = engine.check(text)
    assert report["ok"], report
    assert report["inputs"], "nothing was checked"


@pytest.mark.parametrize("expr", UNARY)
@pytest.mark.parametrize("shape", SHAPES)
def test_unary_ops(expr, shape):
    assert_checks(f"x = {SHAPES[shape]}\ny = {expr}")


@pytest.mark.parametrize("expr", AXIS)
@pytest.mark.parametrize("shape", ["vector", "matrix", "row"])
def test_axis_ops(expr, shape):
    if "axis=0" in expr or shape != "vector" or "softmax" in expr:
        assert_checks(f"x = {SHAPES[shape]}\ny = {expr}")


@pytest.mark.parametrize("expr", BINARY)
@pytest.mark.parametrize("xs,ys", [("matrix", "matrix"), ("matrix", "vector"), ("row", "matrix"),
                                   ("matrix", "scalar"), ("vector", "vector"), ("scalar", "row")])
def test_binary_ops_with_broadcasting(expr, xs, ys):
    assert_checks(f"x = {SHAPES[xs]}\ny = {SHAPES[ys]}\nz = {expr}")


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
