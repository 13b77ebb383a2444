"""Per-entry attribution on the seed case `d = a @ b + c`, against the hand derivation (seed 002)."""
import math

import numpy as np
import pytest

import engine
from engine.chaintext import LATEX, backward_text, forward_text
from tests.conftest import SEED_A, SEED_B, SEED_G

SEED = "d = a @ b + c"


def explain(entry, seed_inputs, **kw):
    return engine.explain(SEED, entry, inputs=seed_inputs, **kw)


@pytest.mark.parametrize("upstream", [SEED_G, None])
def test_dL_da11_is_row_one_of_G_times_b(seed_inputs, upstream):
    e = explain("a[0,0]", seed_inputs, upstream=upstream)
    g = np.ones((2, 2)) if upstream is None else upstream
    assert [t["upstream"] for t in e["terms"]] == ["d[0,0]", "d[0,1]"]
    assert [t["local_from"] for t in e["terms"]] == ["b[0,0]", "b[0,1]"]
    assert [t["path"] for t in e["terms"]] == [["a", "t1", "d"]] * 2
    assert [t["local"] for t in e["terms"]] == [SEED_B[0, 0], SEED_B[0, 1]]
    assert [t["upstream_grad"] for t in e["terms"]] == [g[0, 0], g[0, 1]]
    assert e["total"] == pytest.approx((g @ SEED_B.T)[0, 0], abs=1e-15)
    assert e["grad"] == pytest.approx(e["total"], abs=1e-15)


@pytest.mark.parametrize("upstream", [SEED_G, None])
def test_dL_dc1_sums_column_one_of_G(seed_inputs, upstream):
    e = explain("c[0]", seed_inputs, upstream=upstream)
    g = np.ones((2, 2)) if upstream is None else upstream
    assert [(t["upstream"], t["local"], t["local_from"]) for t in e["terms"]] == [("d[0,0]", 1.0, None),
                                                                               ("d[1,0]", 1.0, None)]
    assert [t["factors"] for t in e["terms"]] == [[{"text": "1", "value": 1.0}]] * 2
    assert e["total"] == pytest.approx(g[:, 0].sum())


def test_dL_db21_reads_a_column(seed_inputs):
    e = explain("b[1,0]", seed_inputs, upstream=SEED_G)
    pairs = [(t["upstream"], t["local_from"]) for t in e["terms"]]
    assert pairs == [("d[0,0]", "a[0,1]"), ("d[1,0]", "a[1,1]")]
    assert e["total"] == pytest.approx((SEED_A.T @ SEED_G)[1, 0])


def test_text_equals_the_hand_written_line(seed_inputs):
    att = engine.explanation(SEED, "a[0,0]", inputs=seed_inputs, upstream=SEED_G)
    assert backward_text(att).splitlines() == [
        "∂L/∂a₁₁ = ∂L/∂d₁₁·b₁₁ + ∂L/∂d₁₂·b₁₂ = (0.3)(0.5) + (−0.1)(−1) = 0.25",
        "∂L/∂a = ∂L/∂d @ bᵀ: ∂L/∂a₁₁ is row 1 of ∂L/∂d times column 1 of bᵀ"]
    c = engine.explanation(SEED, "c[1]", inputs=seed_inputs, upstream=SEED_G)
    assert backward_text(c).splitlines() == [
        "∂L/∂c₂ = ∂L/∂d₁₂·1 + ∂L/∂d₂₂·1 = (−0.1)(1) + (2)(1) = 1.9",
        "∂L/∂cⱼ = Σᵢ ∂L/∂dᵢⱼ: c was stretched over the rows of d, so ∂L/∂c₂ sums column 2 of ∂L/∂d (Σᵢ: over i, axis 0)"]


def test_latex(seed_inputs):
    att = engine.explanation(SEED, "a[0,0]", inputs=seed_inputs, upstream=SEED_G)
    assert backward_text(att, LATEX) == (
        r"\frac{\partial L}{\partial a_{11}} = \frac{\partial L}{\partial d_{11}} \cdot b_{11} + "
        r"\frac{\partial L}{\partial d_{12}} \cdot b_{12} = (0.3)(0.5) + (-0.1)(-1) = 0.25")


def test_forward_equation_of_d11(seed_inputs):
    e = explain("d[0,0]", seed_inputs, forward=True)
    assert e["equation"] == "d₁₁ = a₁₁b₁₁ + a₁₂b₂₁ + c₁"
    assert e["value"] == pytest.approx(4.6)
    assert [t["inputs"] for t in e["terms"]] == [["a[0,0]", "b[0,0]"], ["a[0,1]", "b[1,0]"], ["c[0]"]]
    assert [t["value"] for t in e["terms"]] == pytest.approx([0.5, 4.0, 0.1])
    assert math.fsum(t["value"] for t in e["terms"]) == pytest.approx(e["value"])
    att = engine.explanation(SEED, "d[0,0]", inputs=seed_inputs, forward=True)
    assert forward_text(att) == "d₁₁ = a₁₁b₁₁ + a₁₂b₂₁ + c₁ = (1)(0.5) + (2)(2) + (0.1) = 4.6"


def test_ranges_for_the_gui(seed_inputs):
    att = engine.explanation(SEED, "a[0,0]", inputs=seed_inputs, upstream=SEED_G)
    got = [(r.name, r.kind, r.rows, r.cols, r.role) for r in att.ranges()]
    assert got == [("a", "grad", slice(0, 1), slice(0, 1), "selected"),
                   ("d", "grad", slice(0, 1), slice(0, 2), "upstream"),
                   ("b", "value", slice(0, 1), slice(0, 2), "factor")]
    c = engine.explanation(SEED, "c[1]", inputs=seed_inputs)
    upstream = [(r.name, r.rows, r.cols) for r in c.ranges() if r.role == "upstream"]
    assert upstream == [("d", slice(0, 2), slice(1, 2))]
