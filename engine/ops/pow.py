"""x ** p for a constant p: ∂L/∂x = ∂L/∂y ⊙ p·x^(p−1)."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor
from ..notation import number
from ..rules import GRAD, derived
from ._base import OpDef, same_shape


def slope(x, p):
    """p·xᵖ⁻¹ (2x for a square, without a power), and 0 for p = 0 (x⁰ = 1 is constant: 0·0⁻¹
    would be NaN at x = 0)."""
    if p == 0:
        return np.zeros_like(x)
    return p * (x if p == 2 else np.power(x, p - 1))


def pow_x(site, i, out):
    """∂xᵖ/∂x = p·xᵖ⁻¹."""
    p = site.params["exponent"]
    x, r = I.operand_at(site, 0, out)
    text = f"{number(p)}·{{0}}" if p == 2 else f"{number(p)}·{{0}}^{number(p - 1)}"
    return Factor(slope(x, p), (text,), (r,))


def vjp(g, out, x, exponent):
    """g ⊙ p·x^(p−1)."""
    return g * slope(x, exponent)


OP = OpDef(
    "pow", "**", lambda x, exponent: np.power(x, exponent), same_shape,
    vjps=(vjp,),
    formulas=([GRAD, "⊙", derived("p·{0}^(p−1)", lambda g, o, x, exponent: slope(x, exponent))],),
    influence=I.EntryRule((I.pointwise(pow_x),), lambda ex, site, k: S.power(ex(0, k), site.params["exponent"])),
    description="x ** p for a constant p",
    notation="power", group="arithmetic", params=("exponent",),
    samples=({"exponent": 2}, {"exponent": 3}),
    numpy="{0} ** {exponent}", torch="{0} ** {exponent}",
    numpy_vjps=("{g} * {exponent} * {0} ** ({exponent} - 1)",))
