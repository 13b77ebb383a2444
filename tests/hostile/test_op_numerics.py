"""Wrong answers at large |x|: every op's value, gradient and scalar form stay finite wherever the
true ones are, and agree with one another."""
import math

import numpy as np
import pytest

import engine

FAR = np.array([[-1000.0, -40.0], [40.0, 1000.0]])   # σ(−1000) is below the smallest float, σ(−500) is not


def test_log_sigmoid_far_below_zero_is_finite():
    """σ as 0.5(1 + tanh(x/2)) is exactly 0 below x ≈ −37: log gave −inf and ∂L/∂x NaN (torch: −43.59, 50)."""
    r = engine.grad("d = log(sigmoid(x * 50))", inputs={"x": np.array([[-0.8718]])})
    assert r.values["d"][0, 0] == pytest.approx(-43.59, rel=1e-6)
    assert r.grads["x"][0, 0] == pytest.approx(50.0, rel=1e-12)


def test_sigmoid_and_its_slope_keep_their_precision_on_both_sides():
    r = engine.grad("d = sigmoid(x)", inputs={"x": np.array([[-40.0, 40.0]])})
    tail = math.exp(-40) / (1 + math.exp(-40))
    assert r.values["d"][0, 0] == pytest.approx(tail, rel=1e-12, abs=0)
    assert r.grads["x"][0, 0] == pytest.approx(tail, rel=1e-12, abs=0)
    assert r.grads["x"][0, 1] == pytest.approx(tail, rel=1e-12, abs=0)     # 1 − σ from σ would give 0


@pytest.mark.parametrize("expr", ["d = sigmoid(x)", "d = tanh(x)", "d = softmax(x)", "d = softmax(x, axis=0)",
                                  "d = log_softmax(x)", "d = logsumexp(x)", "d = log(sigmoid(x * 0.5))",
                                  "d = exp(x * 0.5) * 0 + tanh(x)"])
def test_ops_at_large_inputs_have_finite_values_and_gradients(expr):
    """(log σ(−1000) = −1000 needs a log-sigmoid: σ(−1000) itself underflows, in torch too.)"""
    r = engine.grad(expr, inputs={"x": FAR})
    assert np.isfinite(r.values["d"]).all() and np.isfinite(r.grads["x"]).all(), (r.values["d"], r.grads["x"])


def test_x_to_the_power_0_at_0_has_gradient_0():
    """p·x^(p−1) with p = 0 is 0·0⁻¹ = NaN; x⁰ is constant, so its gradient is 0."""
    x = np.zeros((2, 2))
    assert (engine.grad("d = x ** 0", inputs={"x": x}).grads["x"] == 0).all()
    term = engine.explain("d = x ** 0", "x[0,0]", inputs={"x": x})
    assert term["grad"] == 0 and term["total"] == 0
    assert engine.check("d = x ** 0", inputs={"x": x})["ok"]


@pytest.mark.parametrize("expr, entry", [
    ("x = randn(5, 5); d = softmax(x * 1000, axis=0)", "d[0,1]"),
    ("x = randn(5, 5); d = softmax(x * 1000)", "d[2,3]"),
    ("x = randn(5, 5); d = log_softmax(x * 1000, axis=0)", "d[1,1]"),
    ("x = randn(5, 5); d = logsumexp(x * 1000, axis=1)", "d[3]"),
    ("x = randn(3, 4); y = labels(3, 4); d = cross_entropy(x * 1000, y)", "d[]"),
    ("x = randn(3, 4); d = sigmoid(x * 1000)", "d[0,0]")])
def test_scalar_forms_agree_with_the_values_they_explain(expr, entry):
    """exp(x·1000)/Σ exp(x·1000) is inf/inf: the form's value was NaN where the value was 1."""
    form = engine.explain(expr, entry, forward=True)
    value = form["value"]
    assert math.isfinite(value)
    assert math.fsum(t["value"] for t in form["terms"]) == pytest.approx(value, rel=1e-9, abs=1e-9)
