"""relu(x) = max(x, 0); relu′(x) = [x > 0], so ∂L/∂x = ∂L/∂y ⊙ [x > 0]. Its derivative jumps at
0: the gradient check calls an entry whose ±h flips the mask a kink."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..factors import Factor
from ..rules import GRAD, derived
from ._base import OpDef, same_shape, writes_into


@writes_into
def forward(x, into=None):
    return np.maximum(x, 0.0, out=into)


def mask(x):
    return x > 0


@writes_into
def vjp(g, out, x, into=None):
    """∂L/∂x = ∂L/∂y ⊙ [x > 0]."""
    return np.multiply(g, mask(x), out=into)


def partial(site, i, out):
    """relu′(x) = [x > 0]: 0 when the unit is off (the entry is still listed)."""
    x, r = I.operand_at(site, 0, out)
    return Factor(mask(x).astype(float), ("relu′({0})",), (r,))


OP = OpDef(
    "relu", "relu", forward, same_shape,
    vjps=(vjp,),
    formulas=([GRAD, "⊙", derived("relu′({0})", lambda g, out, x: mask(x).astype(g.dtype))],),
    influence=I.EntryRule((I.pointwise(partial),), S.unary(lambda x: S.call("relu", forward, x))),
    description="max(x, 0); relu′(x) = [x > 0]",
    latex=r"\mathrm{relu}", kink=mask,
    numpy="np.maximum({0}, 0)", torch="torch.relu({0})",
    numpy_vjps=("{g} * ({0} > 0)",))
