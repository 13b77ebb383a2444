"""eˣ; exp′ = exp, so ∂L/∂x = ∂L/∂y ⊙ y."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor
from ..rules import GRAD, OUT
from ._base import OpDef, same_shape


def partial(site, i, out):
    """exp′(x) = exp(x)."""
    _, r = I.operand_at(site, 0, out)
    return Factor(I.output_at(site, out)[0], ("exp({0})",), (r,))


OP = OpDef(
    "exp", "exp", np.exp, same_shape,
    vjps=(lambda g, out, x: g * out,),
    formulas=([GRAD, "⊙", OUT],),
    influence=I.EntryRule((I.pointwise(partial),), S.unary(lambda x: S.call("exp", np.exp, x))),
    description="eˣ; exp′ = exp",
    latex=r"\mathrm{exp}",
    numpy="np.exp({0})", torch="torch.exp({0})",
    numpy_vjps=("{g} * {y}",))
