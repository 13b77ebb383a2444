"""tanh x; tanh′ = 1 − tanh², so ∂L/∂x = ∂L/∂y ⊙ (1 − y²)."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..rules import GRAD, derived
from ._base import OpDef, same_shape

OP = OpDef(
    "tanh", "tanh", np.tanh, same_shape,
    vjps=(lambda g, out, x: g * (1 - out * out),),
    formulas=([GRAD, "⊙", derived("(1 − {y}²)", lambda g, o, x: 1 - o * o)],),
    influence=I.EntryRule((I.pointwise(I.from_output("(1 − {0}²)", lambda y: 1 - y * y)),),
                          S.unary(lambda x: S.call("tanh", np.tanh, x))),
    description="tanh x; tanh′ = 1 − tanh²",
    latex=r"\mathrm{tanh}",
    numpy="np.tanh({0})", torch="torch.tanh({0})",
    numpy_vjps=("{g} * (1 - {y} * {y})",))
