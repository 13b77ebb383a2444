"""x ⊙ y, the elementwise product: ∂L/∂x = ∂L/∂z ⊙ y, ∂L/∂y = ∂L/∂z ⊙ x."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor
from ..rules import GRAD, value
from ._base import OpDef, elementwise


def other(site, i, out):
    """∂(x⊙y)/∂x = y at the same (broadcast) entry: exactly an entry of the other operand."""
    v, r = I.operand_at(site, 1 - i, out)
    return Factor(v, ("{0}",), (r,))


OP = OpDef(
    "mul", "*", np.multiply, elementwise,
    vjps=(lambda g, out, x, y: g * y, lambda g, out, x, y: g * x),
    formulas=([GRAD, "⊙", value(1)], [GRAD, "⊙", value(0)]),
    influence=I.EntryRule((I.pointwise(other),) * 2, S.binary(S.product)),
    description="x ⊙ y, elementwise product",
    notation="infix", group="arithmetic",
    numpy="{0} * {1}", torch="{0} * {1}",
    numpy_vjps=("{g} * {1}", "{g} * {0}"))
