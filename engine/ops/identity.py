"""A new name for a value (`h = x`): ∂L/∂x = ∂L/∂h."""
from .. import influence as I
from .. import scalar as S
from ..rules import GRAD
from ._base import OpDef, same_shape

OP = OpDef(
    "identity", "=", lambda x: x, same_shape,
    vjps=(lambda g, out, x: g,),
    formulas=([GRAD],),
    influence=I.EntryRule((I.ONE,), S.unary(lambda x: x)),
    description="a new name for a value",
    notation="alias", group="naming", pass_through=True, aliases=True,
    numpy="{0}", torch="{0}.clone()",
    numpy_vjps=("{g}",))
