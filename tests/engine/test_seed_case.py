"""The seed case, exactly: d = a @ b + c with a, b 2×2 and c of shape (2,)."""
import numpy as np
import pytest

import engine
from tests.conftest import SEED_A, SEED_B, SEED_G

SEED = "d = a @ b + c"


def test_gradients_with_default_upstream_by_hand(seed_inputs):
    r = engine.grad(SEED, seed_inputs)
    # G = ones: ∂L/∂a = G bᵀ has rows (b11 + b12, b21 + b22) = (-0.5, 2.25)
    assert r.grads["a"].tolist() == [[-0.5, 2.25], [-0.5, 2.25]]
    # ∂L/∂b = aᵀ G: each column holds the column sums of a's rows: (1 + 3, 2 + 4)
    assert r.grads["b"].tolist() == [[4.0, 4.0], [6.0, 6.0]]
    # ∂L/∂cⱼ = Σᵢ Gᵢⱼ = 2
    assert r.grads["c"].tolist() == [2.0, 2.0]
    assert r.values["d"].tolist() == [[4.6, -0.7], [9.6, -2.2]]


def test_gradients_with_user_upstream_by_hand(seed_inputs):
    r = engine.grad(SEED, seed_inputs, upstream=SEED_G)
    # ∂L/∂a₁₁ = G₁₁ b₁₁ + G₁₂ b₁₂ = 0.3·0.5 + (−0.1)(−1) = 0.25
    assert r.grads["a"][0, 0] == pytest.approx(0.25)
    np.testing.assert_allclose(r.grads["a"], SEED_G @ SEED_B.T, rtol=0, atol=1e-15)
    np.testing.assert_allclose(r.grads["b"], SEED_A.T @ SEED_G, rtol=0, atol=1e-15)
    np.testing.assert_allclose(r.grads["c"], [1.0, 1.9], rtol=0, atol=1e-15)


def test_non_square_case():
    rng = np.random.default_rng(1)
    a, b, c, g = rng.normal(size=(3, 4)), rng.normal(size=(4, 5)), rng.normal(size=5), rng.normal(size=(3, 5))
    r = engine.grad(SEED, {"a": a, "b": b, "c": c}, upstream=g)
    np.testing.assert_allclose(r.grads["a"], g @ b.T)
    np.testing.assert_allclose(r.grads["b"], a.T @ g)
    np.testing.assert_allclose(r.grads["c"], g.sum(0))


def test_steps_follow_the_spec():
    records = engine.Session("a = randn(2, 2)\nb = randn(2, 2)\nc = randn(2)\nd = a @ b + c").records
    texts = [s.equation_text() for s in records.steps]
    assert texts == ["t1 = a @ b", "d = t1 + c", "∂L/∂d = G = ones (L = sum(d))", "∂L/∂t1 = ∂L/∂d",
                     "∂L/∂cⱼ = Σᵢ ∂L/∂dᵢⱼ", "∂L/∂a = ∂L/∂t1 @ bᵀ", "∂L/∂b = aᵀ @ ∂L/∂t1"]
    assert "∂L/∂t1 = ∂L/∂d" in records.steps[5].rule.note
    assert records.steps[5].rule.term_texts() == ("∂L/∂t1", "bᵀ")
    assert records.steps[5].describe(7) == "step 6/7: ∂L/∂a = ∂L/∂t1 @ bᵀ  (matmul, input a)"


def test_declared_and_undeclared_inputs_agree_on_seeded_values():
    declared = engine.grad("a = randn(2, 2)\nb = randn(2, 2)\nd = a @ b").values
    undeclared = engine.grad("d = a @ b").values
    np.testing.assert_array_equal(declared["a"], undeclared["a"])
    assert not np.array_equal(declared["a"], declared["b"])


def test_adding_a_statement_does_not_redraw_the_others():
    before = engine.grad("x = randn(3, 2)\ny = x * 2").values["x"]
    after = engine.grad("w = randn(2, 2)\nx = randn(3, 2)\ny = x * 2 + sum(w)").values["x"]
    np.testing.assert_array_equal(before, after)


def test_float32_inputs_give_float32_results(seed_inputs):
    r = engine.grad(SEED, {k: v.astype(np.float32) for k, v in seed_inputs.items()})
    assert {v.dtype for v in r.grads.values()} == {np.dtype(np.float32)}
