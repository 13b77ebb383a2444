"""σ(x) = 1/(1 + e⁻ˣ); σ′ = σ(1 − σ), so ∂L/∂x = ∂L/∂y ⊙ y(1 − y)."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..rules import GRAD, derived
from ._base import OpDef, same_shape


def forward(x):
    """Written through tanh, which neither overflows nor loses precision for large |x|."""
    return 0.5 * (1 + np.tanh(0.5 * x))


OP = OpDef(
    "sigmoid", "sigmoid", forward, same_shape,
    vjps=(lambda g, out, x: g * out * (1 - out),),
    formulas=([GRAD, "⊙", derived("{y}(1 − {y})", lambda g, o, x: o * (1 - o))],),
    influence=I.EntryRule((I.pointwise(I.from_output("{0}(1 − {0})", lambda y: y * (1 - y))),),
                          S.unary(lambda x: S.call("sigmoid", forward, x))),
    description="1/(1 + e⁻ˣ); σ′ = σ(1 − σ)",
    latex=r"\mathrm{sigmoid}",
    numpy="1 / (1 + np.exp(-{0}))", torch="torch.sigmoid({0})",
    numpy_vjps=("{g} * {y} * (1 - {y})",))
