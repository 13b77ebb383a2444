"""x + y, elementwise with broadcasting: ∂L/∂x = ∂L/∂z, ∂L/∂y = ∂L/∂z (summed back to each shape)."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..rules import GRAD
from ._base import OpDef, elementwise

OP = OpDef(
    "add", "+", np.add, elementwise,
    vjps=(lambda g, out, x, y: g, lambda g, out, x, y: g),
    formulas=([GRAD], [GRAD]),
    influence=I.EntryRule((I.ONE, I.ONE), S.binary(lambda x, y: S.total([x, y], [1, 1]))),
    description="x + y, elementwise with broadcasting",
    notation="infix", group="arithmetic", pass_through=True,
    numpy="{0} + {1}", torch="{0} + {1}",
    numpy_vjps=("{g}", "{g}"))
