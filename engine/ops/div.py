"""x ⊘ y, the elementwise quotient: ∂L/∂x = ∂L/∂z ⊘ y, ∂L/∂y = −∂L/∂z ⊙ x ⊘ y²."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor
from ..rules import GRAD, derived, value
from ._base import OpDef, elementwise, positive


def div_x(site, i, out):
    """∂(x/y)/∂x = 1/y."""
    y, ry = I.operand_at(site, 1, out)
    return Factor(1 / y, ("1/{0}",), (ry,))


def div_y(site, i, out):
    """∂(x/y)/∂y = −x/y²."""
    (x, rx), (y, ry) = I.operand_at(site, 0, out), I.operand_at(site, 1, out)
    return Factor(-x / (y * y), ("−{0}/{1}²",), (rx, ry))


OP = OpDef(
    "div", "/", np.divide, elementwise,
    vjps=(lambda g, out, x, y: g / y, lambda g, out, x, y: -g * x / (y * y)),
    formulas=([GRAD, "⊘", value(1)],
              ["−", GRAD, "⊙", value(0), "⊘", derived("{1}²", lambda g, o, x, y: y * y)]),
    influence=I.EntryRule((I.pointwise(div_x), I.pointwise(div_y)), S.binary(S.quotient)),
    description="x ⊘ y, elementwise quotient",
    notation="infix", group="arithmetic", domain=(None, positive),
    numpy="{0} / {1}", torch="{0} / {1}",
    numpy_vjps=("{g} / {1}", "-{g} * {0} / ({1} * {1})"))
