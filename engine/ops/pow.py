"""x ** p for a constant p: ∂L/∂x = ∂L/∂y ⊙ p·x^(p−1)."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor
from ..notation import number
from ..rules import GRAD, derived
from ._base import OpDef, same_shape


def pow_x(site, i, out):
    """∂xᵖ/∂x = p·xᵖ⁻¹."""
    p = site.params["exponent"]
    x, r = I.operand_at(site, 0, out)
    text = f"{number(p)}·{{0}}" if p == 2 else f"{number(p)}·{{0}}^{number(p - 1)}"
    return Factor(p * np.power(x, p - 1), (text,), (r,))


def vjp(g, out, x, exponent):
    """g ⊙ p·x^(p−1); for a square, 2x without a power."""
    return g * (exponent * (x if exponent == 2 else np.power(x, exponent - 1)))


OP = OpDef(
    "pow", "**", lambda x, exponent: np.power(x, exponent), same_shape,
    vjps=(vjp,),
    formulas=([GRAD, "⊙", derived("p·{0}^(p−1)", lambda g, o, x, exponent: exponent * np.power(x, exponent - 1))],),
    influence=I.EntryRule((I.pointwise(pow_x),), lambda ex, site, k: S.power(ex(0, k), site.params["exponent"])),
    description="x ** p for a constant p",
    notation="power", group="arithmetic", params=("exponent",),
    samples=({"exponent": 2}, {"exponent": 3}),
    numpy="{0} ** {exponent}", torch="{0} ** {exponent}",
    numpy_vjps=("{g} * {exponent} * {0} ** ({exponent} - 1)",))
