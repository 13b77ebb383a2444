"""ln x; log′(x) = 1/x, so ∂L/∂x = ∂L/∂y ⊘ x."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor
from ..rules import GRAD, value
from ._base import OpDef, positive, same_shape


def partial(site, i, out):
    """log′(x) = 1/x."""
    x, r = I.operand_at(site, 0, out)
    return Factor(1 / x, ("1/{0}",), (r,))


OP = OpDef(
    "log", "log", np.log, same_shape,
    vjps=(lambda g, out, x: g / x,),
    formulas=([GRAD, "⊘", value(0)],),
    influence=I.EntryRule((I.pointwise(partial),), S.unary(lambda x: S.call("log", np.log, x))),
    description="ln x; log′(x) = 1/x",
    latex=r"\mathrm{log}", domain=(positive,),
    numpy="np.log({0})", torch="torch.log({0})",
    numpy_vjps=("{g} / {0}",))
