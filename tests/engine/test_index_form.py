"""A gradient entry's index-form sum (engine.index_form): read off its terms, written as a Σ only
when one index runs through a range in the upstream gradient and the factor together."""
import pytest

import engine
from engine.index_form import index_form


@pytest.mark.parametrize("text,entry,caption", [
    ("d = a @ b + c", "a[0,0]", "∂L/∂a₁₁ = Σⱼ ∂L/∂d₁ⱼ · b₁ⱼ, j = 1…2"),
    ("d = a @ b + c", "b[1,0]", "∂L/∂b₂₁ = Σᵢ ∂L/∂dᵢ₁ · aᵢ₂, i = 1…2"),
    ("c = randn(2); d = a @ b + c", "c[1]", "∂L/∂c₂ = Σᵢ ∂L/∂dᵢ₂, i = 1…2"),
    ("a = randn(12, 12); b = randn(12, 3); d = a @ b", "a[10,1]", "∂L/∂a₁₁,₂ = Σⱼ ∂L/∂d₁₁,ⱼ · b₂ⱼ, j = 1…3"),
    ("x = randn(3); w = randn(3, 2); y = x @ w", "x[1]", "∂L/∂x₂ = Σⱼ ∂L/∂yⱼ · w₂ⱼ, j = 1…2"),
    ("y = a.T", "a[0,1]", "∂L/∂a₁₂ = ∂L/∂y₂₁"),
    # a fan-out: one Σ per path
    ("d = a @ b\ne = d + a", "a[0,0]", "∂L/∂a₁₁ = Σⱼ ∂L/∂d₁ⱼ · b₁ⱼ + ∂L/∂e₁₁, j = 1…2"),
    ("d = a @ b\ne = d @ a", "a[0,1]", "∂L/∂a₁₂ = Σⱼ ∂L/∂d₁ⱼ · b₂ⱼ + Σᵢ ∂L/∂eᵢ₂ · dᵢ₁, j = 1…2, i = 1…2"),
    # not one operand entry per term: the terms written out, never a false Σ
    ("y = a @ a + a", "a[0,1]", "∂L/∂a₁₂ = ∂L/∂y₁₁·a₂₁ + ∂L/∂y₁₂·(a₂₂ + a₁₁) + ∂L/∂y₂₂·a₂₁ + ∂L/∂y₁₂·1"),
    ("y = 2 * a", "a[1,0]", "∂L/∂a₂₁ = ∂L/∂y₂₁·2"),
])
def test_index_form(text, entry, caption):
    assert index_form(engine.attribute(engine.grad(text).records, entry)).caption == caption


def test_each_matrix_is_named_by_what_it_supplies():
    found = index_form(engine.attribute(engine.grad("d = a @ b + c").records, "a[0,0]"))
    assert found.supplies == {("d", True): "∂L/∂d₁ⱼ", ("b", False): "b₁ⱼ"}
