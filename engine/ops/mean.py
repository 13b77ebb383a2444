"""The mean of x over all entries, or over one axis: ∂L/∂x = ∂L/∂y broadcast back, divided by N."""
import numpy as np

from .. import influence as I
from ..rules import derived
from ._base import OpDef
from ._reduce import AXIS_SAMPLES, expand_to, mean_form, reduced, reduced_count, reduction


def vjp(g, out, x, axis=None):
    return expand_to(g / reduced_count(x.shape, axis), x.shape, axis)


OP = OpDef(
    "mean", "mean", lambda x, axis=None: np.mean(x, axis=axis), reduced,
    vjps=(vjp,),
    formulas=([derived("expand(∂L/∂{y}) / N", vjp)],),
    influence=I.EntryRule((reduction(mean=True),), mean_form),
    description="mean of x over all entries, or over one axis",
    group="reduction", params=("axis",), defaults=(("axis", None),), samples=AXIS_SAMPLES,
    numpy="np.mean({0}, axis={axis})", torch="torch.mean({0}, dim={axis})")
