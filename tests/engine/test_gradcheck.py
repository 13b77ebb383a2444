"""The gradient check itself: it passes right gradients, catches wrong ones, and reports kinks."""
import numpy as np
import pytest

import engine
from engine import ops
from engine.check_rows import STATUSES, check_row, worst_rows
from engine.gradcheck import FULL_CHECK_ENTRIES, LARGEST_ENTRIES, SAMPLE_ENTRIES, entries_to_check


def test_reports_checked_counts_and_worst_entries():
    report = engine.check("a = randn(3, 4)\nb = randn(4, 5)\nd = tanh(a @ b)")
    assert report["ok"]
    assert report["inputs"]["a"]["checked"] == 12
    assert len(report["inputs"]["b"]["worst"]) == 10
    worst = report["inputs"]["a"]["worst"][0]
    assert set(worst) == {"entry", "analytic", "numeric", "error", "kink", "not_checkable", "ratio", "status"}
    assert worst["status"] == "ok" and worst["ratio"] <= 1


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


def test_a_wrong_vjp_is_listed_first_with_status_fail(monkeypatch):
    right = ops.REGISTRY["tanh"].vjps[0]
    monkeypatch.setitem(ops.REGISTRY, "tanh", ops.REGISTRY["tanh"].__class__(
        **{**ops.REGISTRY["tanh"].__dict__, "vjps": (lambda g, out, x: right(g, out, x) + (x > 1.5),)}))
    x = np.array([[0.1, 2.0], [-0.3, 0.4]])
    worst = engine.check("d = tanh(x)", inputs={"x": x})["inputs"]["x"]["worst"]
    assert (worst[0]["entry"], worst[0]["status"]) == ("x[0,1]", "fail")
    assert {w["status"] for w in worst[1:]} == {"ok"}
    assert worst[0]["ratio"] == pytest.approx(worst[0]["error"] / (1e-6 + 1e-4 * abs(worst[0]["numeric"])))


def test_an_ill_conditioned_entry_does_not_outrank_a_real_failure():
    ill = check_row("a[0,0]", -7.4e6, -7.4e6 + 55, False, True)     # off by 55, within 1e-4 relative
    real = check_row("a[0,1]", 1.0, 1.001, False, True)              # off by 1e-3, ten times the tolerance
    assert (ill["status"], real["status"]) == ("ok", "fail")
    assert [r["entry"] for r in worst_rows([ill, real], 10)] == ["a[0,1]", "a[0,0]"]


def test_statuses_name_why_an_entry_beyond_tolerance_is_not_a_failure():
    assert check_row("x[0]", 1.0, 3.0, True, True)["status"] == "kink"
    assert check_row("x[0]", 1.0, float("nan"), False, True)["status"] == "domain"
    assert check_row("x[0]", 1.0, float("nan"), False, False)["status"] == "not_checkable"
    assert check_row("x[0]", float("inf"), float("nan"), False, True)["status"] == "not_checkable"
    assert check_row("x[0]", float("nan"), 1.0, False, True)["status"] == "fail"
    assert set(STATUSES) == {"ok", "fail", "kink", "domain", "not_checkable"}


def test_a_ratio_that_is_not_a_number_is_listed_first():
    rows = [check_row("x[0]", 1.0, 1.5, False, True), check_row("x[1]", float("nan"), 1.0, False, True)]
    assert [r["entry"] for r in worst_rows(rows, 10)] == ["x[1]", "x[0]"]


def test_relu_and_domain_rows_carry_their_status():
    relu = engine.check("d = relu(x)", inputs={"x": np.array([[0.0, 1.0]])})["inputs"]["x"]["worst"]
    assert relu[0]["status"] == "kink"
    log = engine.check("d = log(x)", inputs={"x": np.array([[1e-7, 1.0]])})["inputs"]["x"]["worst"]
    assert log[0]["status"] == "domain"


def test_an_infinite_loss_is_not_checkable_and_fails():
    report = engine.check("d = exp(x) * 1e308", inputs={"x": np.array([[800.0, 1.0]])})
    assert not report["ok"]
    assert report["inputs"]["x"]["worst"][0]["status"] == "not_checkable"
