"""xᵀ (also written x.T): (xᵀ)ⱼᵢ = xᵢⱼ, so ∂L/∂x = (∂L/∂y)ᵀ."""
import numpy as np

from .. import influence as I
from ..factors import constant
from ..rules import Term
from ._base import OpDef


def feeds(site, i, idx):
    """(xᵀ)ⱼᵢ = xᵢⱼ, local 1."""
    shape = site.shape(0)
    out = idx if len(shape) < 2 else (idx % shape[1]) * shape[0] + idx // shape[1]
    return I.Effect(np.arange(len(idx)), out, constant(1.0, "1", len(idx)))


def scalar_form(ex, site, flat):
    shape = site.shape(0)
    return ex(0, flat if len(shape) < 2 else (flat % shape[0]) * shape[1] + flat // shape[0])


OP = OpDef(
    "transpose", "transpose", np.transpose, lambda s: s[::-1],
    vjps=(lambda g, out, x: np.transpose(g),),
    formulas=([Term("grad", transpose=True)],),
    influence=I.EntryRule((feeds,), scalar_form),
    description="xᵀ (also written x.T)",
    notation="postfix", group="matrix", aliases=True,
    numpy="np.transpose({0})", torch="{0}.t()",
    numpy_vjps=("{g}.T",))
