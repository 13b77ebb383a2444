"""The gradient check itself: it passes right gradients, catches wrong ones, and reports kinks."""
import numpy as np
import pytest

import engine
from engine import ops
from engine.gradcheck import FULL_CHECK_ENTRIES, LARGEST_ENTRIES, SAMPLE_ENTRIES, entries_to_check


def test_reports_checked_counts_and_worst_entries():
    report = engine.check("a = randn(3, 4)\nb = randn(4, 5)\nd = tanh(a @ b)")
    assert report["ok"]
    assert report["inputs"]["a"]["checked"] == 12
    assert len(report["inputs"]["b"]["worst"]) == 10
    worst = report["inputs"]["a"]["worst"][0]
    assert set(worst) == {"entry", "analytic", "numeric", "error", "kink", "not_checkable"}


def test_a_wrong_vjp_fails(monkeypatch):
    wrong = ops.REGISTRY["tanh"].vjps[0]
    monkeypatch.setitem(ops.REGISTRY, "tanh", ops.REGISTRY["tanh"].__class__(
        **{**ops.REGISTRY["tanh"].__dict__, "vjps": (lambda g, out, x: 1.01 * wrong(g, out, x),)}))
    report = engine.check("d = tanh(a)")
    assert not report["ok"]


def test_relu_at_zero_is_a_kink_not_a_failure():
    x = np.array([[0.0, 1.0], [-1.0, 2.0]])
    report = engine.check("d = relu(x)", inputs={"x": x})
    assert report["ok"]
    kinks = [w for w in report["inputs"]["x"]["worst"] if w["kink"]]
    assert [w["entry"] for w in kinks] == ["x[0,0]"]


def test_large_inputs_are_sampled_with_their_largest_gradients():
    grad = np.arange(100 * 100, dtype=float).reshape(100, 100)
    picked = entries_to_check(grad, np.random.default_rng(0))
    assert grad.size > FULL_CHECK_ENTRIES
    assert SAMPLE_ENTRIES <= len(picked) <= SAMPLE_ENTRIES + LARGEST_ENTRIES
    assert set(range(grad.size - LARGEST_ENTRIES, grad.size)) <= set(picked.tolist())


def test_float32_inputs_are_checked_in_float64():
    x = np.array([[0.3, -0.2], [0.5, 0.1]], dtype=np.float32)
    assert engine.check("d = exp(x) * x", inputs={"x": x})["ok"]


@pytest.mark.parametrize("start", ["t", "d"])
def test_check_from_any_start_node(start):
    assert engine.check("t = a @ b\nd = sigmoid(t)", start=start)["ok"]


def test_a_step_out_of_the_domain_is_not_a_failure():
    x = np.array([[1e-7, 1.0], [2.0, 3.0]])
    report = engine.check("d = log(x)", inputs={"x": x})
    assert report["ok"]
    worst = report["inputs"]["x"]["worst"]
    assert [w["entry"] for w in worst if w["not_checkable"]] == ["x[0,0]"]
    assert not any(w["kink"] for w in worst)
