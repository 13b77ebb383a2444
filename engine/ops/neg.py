"""−x: ∂L/∂x = −∂L/∂y."""
import numpy as np

from .. import influence as I
from .. import scalar as S
from ..rules import GRAD
from ._base import OpDef, same_shape

OP = OpDef(
    "neg", "-", np.negative, same_shape,
    vjps=(lambda g, out, x: -g,),
    formulas=(["−", GRAD],),
    influence=I.EntryRule((I.MINUS_ONE,), S.unary(lambda x: S.total([x], [-1]))),
    description="−x",
    notation="prefix", group="arithmetic",
    numpy="-{0}", torch="-{0}",
    numpy_vjps=("-{g}",))
