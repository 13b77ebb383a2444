"""σ(x) = 1/(1 + e⁻ˣ); σ′ = σ(1 − σ), so ∂L/∂x = ∂L/∂y ⊙ y(1 − y)."""
import numpy as np

from ._function import function


def forward(x):
    """With e = e^−|x| ≤ 1: σ = 1/(1 + e) for x ≥ 0 and e/(1 + e) below, which never overflows
    and keeps σ's relative precision far out on both sides (σ(−40) = 4.2e−18, not 0)."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1, e) / (1 + e)


def slope(x, y):
    """σ(1 − σ) as σ(x)·σ(−x): 1 − σ taken from σ would be 0 once σ rounds to 1 (x > 37)."""
    return y * forward(-x)


OP = function(
    "sigmoid", forward, slope, "{0}(1 − {0})", "1/(1 + e⁻ˣ); σ′ = σ(1 − σ)", via="y",
    numpy="1 / (1 + np.exp(-{0}))", torch="torch.sigmoid({0})",
    numpy_vjps=("{g} * ({y} * (1 / (1 + np.exp({0}))))",))
